// PDF input of the OCR stage: which pages already carry text, their text
// layer, and page images rendered at a chosen resolution for the ones that do
// not. The PDF library stays behind this header (pdf_rasterizer.cc is its only
// user); its messages on stderr are silenced.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ocr/engine.h"
#include "ocr/image.h"

namespace thads::ocr {

struct PdfPageInfo {
  double width_pt = 0;   // as displayed: the crop box, page rotation applied
  double height_pt = 0;
  bool has_text = false;  // the text layer holds something other than whitespace
};

struct PdfInfo {
  int page_count = 0;
  // Encrypted without a password to open (permissions only): readable, and
  // reported. A PDF that needs a password to open is an error instead.
  bool encrypted = false;
  std::vector<PdfPageInfo> pages;
};

// Rendering resolutions accepted, in dots per inch.
inline constexpr int kMinRasterDpi = 36;
inline constexpr int kMaxRasterDpi = 1200;

enum class RasterColor { kGrey, kRgb };

// One open PDF file. Not thread-safe; separate documents may be used on
// separate threads. Errors name the file and, for a page, its 1-based number.
class PdfDocument {
 public:
  // Errors: missing, empty, not a PDF, damaged beyond repair, no pages,
  // "<path> is encrypted (password-protected)".
  static Result<std::unique_ptr<PdfDocument>> Open(const std::string& path);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  const PdfInfo& info() const;

  // The page's text layer (0-based index) in reading order as NFC UTF-8,
  // lines separated by "\n"; empty for an image-only page.
  Result<std::string> PageText(int page_index) const;

  // The page's text layer as words with boxes in pixels of the page rendered
  // at `dpi` (origin top-left), confidence 100, grouped into lines by their
  // vertical overlap: what lays the text back under the page's picture.
  // No words for an image-only page.
  Result<OcrPage> PageWords(int page_index, int dpi) const;

  // The page rendered on white at `dpi`; Image::dpi is set to it. Refuses,
  // before rendering, a page that would exceed kMaxPixels.
  Result<Image> RasterizePage(int page_index, int dpi,
                              RasterColor color = RasterColor::kGrey) const;

 private:
  struct Impl;
  explicit PdfDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The text layers of every page of a PDF that carries text on each one (a
// court's electronic copy), pages separated by form feeds. kUnsupported,
// naming the page, when a page is a scan without text.
Result<std::string> PdfTextLayer(const std::string& path);

// One-call forms that open the file each time (use PdfDocument for many pages).
Result<PdfInfo> InspectPdf(const std::string& path);
Result<std::string> PdfPageText(const std::string& path, int page_index);
Result<Image> RasterizePdfPage(const std::string& path, int page_index, int dpi,
                               RasterColor color = RasterColor::kGrey);

}  // namespace thads::ocr
