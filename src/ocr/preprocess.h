// Cleaning a page image before recognition: grey (red seals dropped), resolution
// brought to what the engine reads best, uneven lighting flattened, scanner
// borders and specks removed, page deskewed and turned upright. Leptonica stays
// in preprocess.cc; orientation is asked of the OCR engine (Tesseract's OSD
// reads Vietnamese pages far better than a Latin ascender count).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "ocr/engine.h"
#include "ocr/image.h"

namespace thads::ocr {

struct PreprocessOptions {
  bool orient = true;              // detect pages scanned at 90/180/270 degrees
  bool deskew = true;              // straighten pages skewed by up to ~10 degrees
  bool flatten_background = true;  // uneven lighting, yellowed paper, shadows
  bool drop_red = true;            // colour scans: red seals and stamps vanish
  bool clean = true;               // remove specks and scanner borders
  // Pages scanned below min_dpi are scaled up to target_dpi. Measured on the
  // degraded set (150-200 dpi): scaling those up to 300 dpi cost twice the
  // recognition time and read slightly worse (CER 1.08% against 0.95%), so
  // only fax-grade scans are scaled.
  int min_dpi = 140;
  int target_dpi = 200;
  // Orientation readings below this are not acted on (a turned page read
  // upright costs the page; an upright page turned costs it too).
  float min_orientation_confidence = 2.0f;
};

// What was done to the page, for the per-page report.
struct PreprocessReport {
  int rotated_degrees = 0;   // clockwise quarter turns applied: 0, 90, 180, 270
  float orientation_confidence = 0;  // the engine's, 0 when not asked
  std::string orientation_note;      // why orientation was not read, if it was not
  double deskew_degrees = 0;  // the rotation applied to straighten it
  double scale = 1;           // resolution factor applied
  bool background_flattened = false;
  bool red_dropped = false;
  int specks_removed = 0;     // connected components painted white
};

// Returns an 8-bit grey image at the resulting dpi (Image::dpi set). The input
// may be grey or RGB; a missing dpi is taken as kDefaultDpi. `orienter` (may be
// null: no orientation step) is used for its DetectOrientation only. Errors
// only for a malformed image or memory exhaustion; a page that cannot be
// oriented or deskewed with confidence is left as it is. When the red of a seal
// was dropped for reading and `picture` is given, *picture receives the page as
// a person sees it (grey, seal kept), upright and straight like the result;
// otherwise *picture is left untouched and the result is the picture too.
Result<Image> Preprocess(const Image& page, const PreprocessOptions& options,
                         PreprocessReport* report, OcrEngine* orienter = nullptr,
                         Image* picture = nullptr);

}  // namespace thads::ocr
