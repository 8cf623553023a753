// Layout + PDF writer: a LayoutDocument in, the bytes of a PDF/A-2b file out.
#pragma once

#include <string>

#include "base/status.h"
#include "render/layout.h"
#include "render/pdf_writer.h"

namespace thads::render {

struct RenderedPdf {
  std::string bytes;
  int page_count = 0;
};

// The PDF's metadata from what the template says of the document (title,
// agency, number and symbol).
PdfMetadata MetadataFor(const DocumentInfo& info);

// Lays `doc` out with the real font metrics of `options.fonts` and writes it.
// Errors name what could not be drawn (a character missing from a font and the
// field it came from). Thread-safe: each call has its own writer.
Result<RenderedPdf> RenderPdf(const LayoutDocument& doc, const PdfOptions& options,
                              const PdfMetadata& metadata);

}  // namespace thads::render
