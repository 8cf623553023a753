// Cleaning a page image before recognition: grey, resolution brought to what
// the engine reads best, uneven lighting flattened, page turned upright and
// deskewed. Leptonica stays in preprocess.cc.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "ocr/image.h"

namespace thads::ocr {

struct PreprocessOptions {
  bool orient = true;          // detect pages scanned at 90/180/270 degrees
  bool deskew = true;          // straighten pages skewed by up to ~10 degrees
  bool flatten_background = true;  // uneven lighting, yellowed paper, shadows
  // Pages scanned below min_dpi are scaled up to target_dpi: the engine's
  // models read text whose x-height is 20-30 px; 13 pt at 150 dpi gives ~12.
  int min_dpi = 250;
  int target_dpi = 300;
};

// What was done to the page, for the per-page report.
struct PreprocessReport {
  int rotated_degrees = 0;   // clockwise quarter turns applied: 0, 90, 180, 270
  double deskew_degrees = 0;  // the rotation applied to straighten it
  double scale = 1;           // resolution factor applied
  bool background_flattened = false;
};

// Returns an 8-bit grey image at the resulting dpi (Image::dpi set). The input
// may be grey or RGB; a missing dpi is taken as kDefaultDpi. Errors only for a
// malformed image or memory exhaustion; a page that cannot be oriented or
// deskewed with confidence is left as it is.
Result<Image> Preprocess(const Image& page, const PreprocessOptions& options,
                         PreprocessReport* report);

}  // namespace thads::ocr
