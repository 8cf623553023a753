// A page image as the OCR stage passes it between its steps: decoded pixels and
// the resolution they were scanned at. No third-party type crosses this header.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace thads::ocr {

// 8 bits per sample, rows top to bottom, no padding between rows.
struct Image {
  int width = 0;
  int height = 0;
  int channels = 1;   // 1 = grey (0 black .. 255 white), 3 = RGB, interleaved
  int dpi = 0;        // 0 when the file does not say; see kDefaultDpi
  std::vector<std::uint8_t> pixels;  // width * height * channels bytes

  bool empty() const { return width <= 0 || height <= 0 || pixels.empty(); }
};

// What a scan without a resolution tag is taken to be: office scanners default
// to 300 dpi, and text set at 13 pt is legible to the engine from 150 dpi up.
inline constexpr int kDefaultDpi = 300;

// Refused before decoding: larger pages are decompression bombs, not scans
// (an A4 page at 1200 dpi is 9921 x 14031 px = 139 Mpx; A3 at 600 dpi, 70 Mpx).
inline constexpr std::int64_t kMaxPixels = 150LL * 1000 * 1000;

}  // namespace thads::ocr
