#include "render/renderer.h"

namespace thads::render {

PdfMetadata MetadataFor(const DocumentInfo& info) {
  PdfMetadata m;
  m.title = info.title;
  m.author = info.agency;
  m.subject = info.title;
  m.document_number = info.number;
  m.document_symbol = info.symbol;
  if (!info.number.empty()) m.keywords = info.number + "/" + info.symbol;
  return m;
}
namespace {

// TextMeasurer over the metrics of the fonts a PdfWriter embeds, so that what
// the layout measures is exactly what gets drawn.
class WriterMeasurer : public TextMeasurer {
 public:
  explicit WriterMeasurer(const PdfWriter& writer) : writer_(writer) {}
  double Width(FontStyle style, double size_pt, std::string_view text) const override {
    return writer_.Width(style, size_pt, text);
  }
  std::optional<char32_t> MissingGlyph(FontStyle style, std::string_view text) const override {
    return writer_.MissingGlyph(style, text);
  }
  double Ascent(FontStyle style, double size_pt) const override {
    return writer_.Ascent(style, size_pt);
  }
  double Descent(FontStyle style, double size_pt) const override {
    return writer_.Descent(style, size_pt);
  }

 private:
  const PdfWriter& writer_;
};

}  // namespace

Result<RenderedPdf> RenderPdf(const LayoutDocument& doc, const PdfOptions& options,
                              const PdfMetadata& metadata) {
  auto writer = PdfWriter::Create(options);
  if (!writer.ok()) return writer.status();
  PdfWriter& w = **writer;
  const WriterMeasurer measurer(w);
  auto laid_out = Layout(doc, measurer);
  if (!laid_out.ok()) return laid_out.status();
  for (const LaidOutPage& page : laid_out->pages) {
    w.BeginPage(laid_out->page.width_pt, laid_out->page.height_pt);
    for (const PlacedLine& line : page.lines) {
      w.DrawLine(line.x1, line.y1, line.x2, line.y2, line.width_pt);
    }
    for (const PlacedText& text : page.texts) {
      THADS_RETURN_IF_ERROR(w.DrawText(text.font, text.size_pt, text.x_pt, text.baseline_pt,
                                       text.text));
    }
  }
  const int pages = w.page_count();
  auto bytes = w.Finish(metadata);
  if (!bytes.ok()) return bytes.status();
  return RenderedPdf{std::move(*bytes), pages};
}

}  // namespace thads::render
