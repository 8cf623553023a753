// The resolution each page of a scanned PDF was scanned at, read from the
// page's picture: rendering a page at its own resolution reads best and
// fastest (a 200 dpi scan rendered at 300 dpi is resampled twice for
// nothing). qpdf stays behind this header (pdf_scan_resolution.cc).
#pragma once

#include <string>
#include <vector>

namespace thads::ocr {

// Per page (0-based), the dpi of the one image that makes up the page, or 0
// when the page is not a single-picture scan (text, drawings, several images)
// or the file cannot be read this way (then the caller's default applies).
// Never fails: a damaged file gives zeros and the page renderer reports it.
std::vector<int> ScannedPageDpi(const std::string& path);

}  // namespace thads::ocr
