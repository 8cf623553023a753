// Text files laid out as printed A4 pages (Liberation Serif 13 pt, ND 30
// margins) through the render stage, with the text of every page exactly as
// laid out: the ground truth of the scans made from them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "render/layout.h"
#include "render/pdf_writer.h"

namespace thads::scangen {

// The input format, one paragraph per line (NFC UTF-8; runs of spaces and tabs
// count as one space, blank lines are skipped):
//   "# TEXT"   a centred bold heading      "## TEXT"  a centred line
//   "> TEXT"   a right-aligned italic line  anything else: a justified paragraph
// `what` names the input in errors.
Result<render::LayoutDocument> ParseScanText(std::string_view text, std::string_view what);

// The same text without the markers and with whitespace as the layout sees
// it: what the pages must read, line breaks aside.
std::string PlainText(const render::LayoutDocument& doc);

struct PrintedPages {
  std::string pdf;                      // the printed document (PDF/A, deterministic)
  std::vector<std::string> page_texts;  // per page: its lines joined by "\n", NFC
};

Result<PrintedPages> PrintPages(const render::LayoutDocument& doc,
                                const render::PdfOptions& options);

}  // namespace thads::scangen
