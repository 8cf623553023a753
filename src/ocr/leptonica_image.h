// Internal to the OCR stage: conversion between Image and Leptonica's Pix for
// the steps that process pixels with Leptonica. Callers need not include the
// Leptonica headers; implemented in image_io.cc.
#pragma once

#include <memory>
#include <string_view>

#include "base/status.h"
#include "ocr/image.h"

struct Pix;

namespace thads::ocr {

struct PixDeleter {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Silences Leptonica's messages on stderr (once per process; thread-safe).
void QuietLeptonica();

// An 8-bit grey or 32-bit RGB Pix holding a copy of `image`, its dpi as the
// resolution. nullptr when `image` is empty or malformed (pixels.size() wrong)
// or memory runs out.
PixPtr PixFromImage(const Image& image);

// A copy of `pix` as a grey or RGB Image: 1, 2, 4 and 8 bit and palette pixes
// become grey (palette in colour: RGB), 16 bit is cut to 8, 32 bit is RGB with
// any alpha blended onto white. `what` names the page in errors.
Result<Image> ImageFromPix(Pix* pix, std::string_view what);

}  // namespace thads::ocr
