// What a batch folder holds, as judgments: each file at the top is one
// judgment (a multi-page TIFF or PDF, one image, a .txt text), and each
// sub-folder is one judgment whose pages are its image and PDF files in name
// order (p01.jpg, p02.jpg, ...). Hidden files and the desktop files Windows and
// macOS leave behind are not judgments and are passed over.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace thads::pipeline {

enum class UnitKind {
  kText,        // a .txt judgment: read as it is
  kTextPdf,     // a PDF whose every page carries text: its text layer
  kScan,        // images and scanned PDF pages: OCR first
  kUnreadable,  // not a judgment file this program reads; `error` says why
};

struct BatchUnit {
  std::string name;                // for the clerk: "ban-an.tif", "ban-an-vay/"
  std::vector<std::string> files;  // its files, pages in order
  UnitKind kind = UnitKind::kUnreadable;
  int pages = 0;                   // from the files' headers (0 for text)
  Status error;                    // kUnreadable: what and where
};

// Lists `dir` in name order (byte order of the UTF-8 names). Errors only when
// the folder itself cannot be read; a bad file is a kUnreadable unit.
Result<std::vector<BatchUnit>> ListBatchInput(const std::string& dir);

}  // namespace thads::pipeline
