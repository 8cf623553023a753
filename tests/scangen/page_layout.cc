#include "page_layout.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "text/normalize.h"

namespace thads::scangen {
namespace {

constexpr double kBodySizePt = 13;

std::string CollapseSpaces(std::string_view line) {
  std::string out;
  bool space = false;
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

render::Paragraph MakeParagraph(std::string text, render::Align align, render::FontStyle font,
                                double indent_pt, double space_after_pt) {
  render::Paragraph p;
  p.runs.push_back({std::move(text), {font, kBodySizePt, false}, ""});
  p.style.align = align;
  p.style.first_line_indent_pt = indent_pt;
  p.style.space_after_pt = space_after_pt;
  p.style.line_height = 1.2;
  return p;
}

// A Layout measurer over the writer's fonts: measured as drawn.
class WriterMeasurer : public render::TextMeasurer {
 public:
  explicit WriterMeasurer(const render::PdfWriter& writer) : writer_(writer) {}
  double Width(render::FontStyle style, double size_pt, std::string_view text) const override {
    return writer_.Width(style, size_pt, text);
  }
  std::optional<char32_t> MissingGlyph(render::FontStyle style,
                                       std::string_view text) const override {
    return writer_.MissingGlyph(style, text);
  }
  double Ascent(render::FontStyle style, double size_pt) const override {
    return writer_.Ascent(style, size_pt);
  }
  double Descent(render::FontStyle style, double size_pt) const override {
    return writer_.Descent(style, size_pt);
  }

 private:
  const render::PdfWriter& writer_;
};

// The page's lines top to bottom; pieces of one line joined with a space where
// the layout left a gap (justified lines place each word on its own).
std::string PageText(const render::LaidOutPage& page, const render::PdfWriter& writer) {
  std::map<double, std::vector<const render::PlacedText*>, std::greater<>> lines;
  for (const render::PlacedText& t : page.texts) {
    lines[std::round(t.baseline_pt * 100) / 100].push_back(&t);
  }
  std::string out;
  for (auto& [baseline, pieces] : lines) {
    std::sort(pieces.begin(), pieces.end(),
              [](const auto* a, const auto* b) { return a->x_pt < b->x_pt; });
    std::string line;
    double end_x = 0;
    for (const render::PlacedText* t : pieces) {
      if (!line.empty() && t->x_pt - end_x > 0.15 * t->size_pt) line += ' ';
      line += t->text;
      end_x = t->x_pt + writer.Width(t->font, t->size_pt, t->text);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

}  // namespace

Result<render::LayoutDocument> ParseScanText(std::string_view text, std::string_view what) {
  auto clean = text::CleanText(text, what);
  if (!clean.ok()) return clean.status();
  render::LayoutDocument doc;
  doc.page.number_pages_from_second = false;
  doc.info.title = "Scan corpus page";
  std::string_view rest = *clean;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    std::string_view raw = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    using render::Align;
    using render::FontStyle;
    if (raw.rfind("# ", 0) == 0) {
      std::string line = CollapseSpaces(raw.substr(2));
      if (!line.empty()) {
        doc.blocks.push_back(MakeParagraph(line, Align::kCenter, FontStyle::kBold, 0, 4));
      }
    } else if (raw.rfind("## ", 0) == 0) {
      std::string line = CollapseSpaces(raw.substr(3));
      if (!line.empty()) {
        doc.blocks.push_back(MakeParagraph(line, Align::kCenter, FontStyle::kRegular, 0, 4));
      }
    } else if (raw.rfind("> ", 0) == 0) {
      std::string line = CollapseSpaces(raw.substr(2));
      if (!line.empty()) {
        doc.blocks.push_back(MakeParagraph(line, Align::kRight, FontStyle::kItalic, 0, 6));
      }
    } else {
      std::string line = CollapseSpaces(raw);
      if (!line.empty()) {
        doc.blocks.push_back(MakeParagraph(line, Align::kJustify, FontStyle::kRegular,
                                           10 * render::kPointsPerMm, 6));
      }
    }
  }
  if (doc.blocks.empty()) return Status::Invalid(std::string(what) + ": no text to lay out");
  return doc;
}

std::string PlainText(const render::LayoutDocument& doc) {
  std::string out;
  for (const render::Block& block : doc.blocks) {
    if (const auto* p = std::get_if<render::Paragraph>(&block)) {
      for (const render::Run& run : p->runs) {
        if (!out.empty()) out += '\n';
        out += run.text;
      }
    }
  }
  return out;
}

Result<PrintedPages> PrintPages(const render::LayoutDocument& doc,
                                const render::PdfOptions& options) {
  auto writer = render::PdfWriter::Create(options);
  if (!writer.ok()) return writer.status();
  render::PdfWriter& w = **writer;
  const WriterMeasurer measurer(w);
  auto laid_out = render::Layout(doc, measurer);
  if (!laid_out.ok()) return laid_out.status();
  PrintedPages out;
  for (const render::LaidOutPage& page : laid_out->pages) {
    w.BeginPage(laid_out->page.width_pt, laid_out->page.height_pt);
    for (const render::PlacedLine& line : page.lines) {
      w.DrawLine(line.x1, line.y1, line.x2, line.y2, line.width_pt);
    }
    for (const render::PlacedText& t : page.texts) {
      THADS_RETURN_IF_ERROR(w.DrawText(t.font, t.size_pt, t.x_pt, t.baseline_pt, t.text));
    }
    out.page_texts.push_back(text::ToNfc(PageText(page, w)));
  }
  render::PdfMetadata metadata;
  metadata.title = doc.info.title;
  auto bytes = w.Finish(metadata);
  if (!bytes.ok()) return bytes.status();
  out.pdf = std::move(*bytes);
  return out;
}

}  // namespace thads::scangen
