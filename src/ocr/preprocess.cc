// Leptonica's image processing for the OCR stage.
#include "ocr/preprocess.h"

#include <leptonica/allheaders.h>

#include <cmath>
#include <string>

#include "ocr/leptonica_image.h"

namespace thads::ocr {
namespace {

constexpr double kPi = 3.14159265358979323846;
// Below this skew the page is left alone (a rotation resamples every pixel).
constexpr double kMinDeskewDegrees = 0.1;
// Leptonica's pixFindSkew confidence below which the angle is not trusted.
constexpr double kMinSkewConfidence = 3.0;

Status OutOfMemory(const char* step) {
  return Status::Error(StatusCode::kInternal,
                       std::string("page image could not be processed (") + step + ")");
}

// A 1-bit version for the measurements (orientation, skew); `grey` is 8 bpp
// with a flat background.
PixPtr Binary(Pix* grey) { return PixPtr(pixConvertTo1(grey, 160)); }

}  // namespace

Result<Image> Preprocess(const Image& page, const PreprocessOptions& options,
                         PreprocessReport* report) {
  PreprocessReport local;
  PreprocessReport& r = report != nullptr ? *report : local;
  r = PreprocessReport{};
  PixPtr pix = PixFromImage(page);
  if (!pix) return Status::Invalid("page image is empty or malformed");
  const int dpi = page.dpi > 0 ? page.dpi : kDefaultDpi;

  PixPtr grey(pixConvertTo8(pix.get(), 0));
  if (!grey) return OutOfMemory("grey");
  pix.reset();

  int out_dpi = dpi;
  if (dpi < options.min_dpi && options.target_dpi > dpi) {
    const float factor = static_cast<float>(options.target_dpi) / static_cast<float>(dpi);
    const double pixels = static_cast<double>(pixGetWidth(grey.get())) * factor *
                          pixGetHeight(grey.get()) * factor;
    if (pixels <= static_cast<double>(kMaxPixels)) {
      PixPtr scaled(pixScaleGrayLI(grey.get(), factor, factor));
      if (!scaled) return OutOfMemory("scale");
      grey = std::move(scaled);
      r.scale = factor;
      out_dpi = options.target_dpi;
    }
  }

  if (options.flatten_background) {
    PixPtr flat(pixBackgroundNormSimple(grey.get(), nullptr, nullptr));
    if (flat) {  // a blank or tiny page has no background to measure: keep it
      grey = std::move(flat);
      r.background_flattened = true;
    }
  }

  if (options.orient) {
    PixPtr bin = Binary(grey.get());
    l_float32 up = 0, left = 0;
    l_int32 orientation = L_TEXT_ORIENT_UNKNOWN;
    if (bin && pixOrientDetect(bin.get(), &up, &left, 0, 0) == 0 &&
        makeOrientDecision(up, left, 0, 0, &orientation, 0) == 0) {
      PixPtr turned;
      // LEFT: the text's top points left, so a clockwise quarter turn rights it.
      if (orientation == L_TEXT_ORIENT_LEFT) {
        turned.reset(pixRotate90(grey.get(), 1));
        r.rotated_degrees = 90;
      } else if (orientation == L_TEXT_ORIENT_DOWN) {
        turned.reset(pixRotate180(nullptr, grey.get()));
        r.rotated_degrees = 180;
      } else if (orientation == L_TEXT_ORIENT_RIGHT) {
        turned.reset(pixRotate90(grey.get(), -1));
        r.rotated_degrees = 270;
      }
      if (turned) grey = std::move(turned);
    }
  }

  if (options.deskew) {
    PixPtr bin = Binary(grey.get());
    l_float32 angle = 0, confidence = 0;
    if (bin && pixFindSkew(bin.get(), &angle, &confidence) == 0 &&
        confidence >= kMinSkewConfidence && std::fabs(angle) >= kMinDeskewDegrees) {
      PixPtr straight(pixRotate(grey.get(), static_cast<l_float32>(angle * kPi / 180.0),
                                L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
      if (straight) {
        grey = std::move(straight);
        r.deskew_degrees = angle;
      }
    }
  }

  pixSetResolution(grey.get(), out_dpi, out_dpi);
  Result<Image> out = ImageFromPix(grey.get(), "page image");
  if (!out.ok()) return out.status();
  out->dpi = out_dpi;
  return out;
}

}  // namespace thads::ocr
