// The searchable PDF/A-2b of a scanned document: each page's picture with its
// recognized words laid over it invisibly, word by word, so that selecting
// text in a viewer highlights the words of the picture and pdftotext returns
// the NFC text. Pages go to the file as they arrive (memory stays flat);
// the file appears under its name only when complete.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "ocr/engine.h"
#include "render/pdf_writer.h"

namespace thads::ocr {

// A page picture already encoded (JPEG, or G4 for a black-and-white scan), and
// the resolution that sizes it.
struct PagePicture {
  render::PdfImage image;
  int dpi = kDefaultDpi;
};

// Not thread-safe: one writer per output file, fed from one thread.
class SearchablePdf {
 public:
  // Writes to a temporary file beside `path`; nothing is at `path` until Finish.
  static Result<std::unique_ptr<SearchablePdf>> Create(const std::string& path,
                                                       const render::PdfOptions& options);
  ~SearchablePdf();  // removes the temporary file unless Finish succeeded
  SearchablePdf(const SearchablePdf&) = delete;
  SearchablePdf& operator=(const SearchablePdf&) = delete;

  // One page: the picture fills it (its size is the picture's at its dpi);
  // `words` (boxes in pixels of the picture) become the invisible text layer.
  // A character the font cannot draw is written as '?' and counted.
  Status AddPage(const PagePicture& picture, const OcrPage& words);

  // Completes the file and renames it to `path` (replacing what was there).
  Status Finish(const render::PdfMetadata& metadata);

  int page_count() const { return pages_; }
  // Characters replaced by '?' because the font has no glyph for them.
  int replaced_characters() const { return replaced_; }

 private:
  SearchablePdf(std::string path, std::string temp_path,
                std::unique_ptr<render::PdfWriter> writer);

  std::string path_, temp_path_;
  std::unique_ptr<render::PdfWriter> writer_;
  int pages_ = 0;
  int replaced_ = 0;
  bool finished_ = false;
};

// The PDF options of searchable scans: the project's fonts and sRGB profile.
Result<render::PdfOptions> DefaultScanPdfOptions();

}  // namespace thads::ocr
