// The layout engine: a document as blocks (paragraphs of styled runs, rules,
// tables, page breaks) in; pages of placed text and lines out. Measures text
// through TextMeasurer, so it is testable without a PDF library.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/status.h"
#include "render/fonts.h"

namespace thads::render {

constexpr double kPointsPerMm = 72.0 / 25.4;

// Text measurement; implemented by PdfWriter (real font metrics) and by fakes.
class TextMeasurer {
 public:
  virtual ~TextMeasurer() = default;
  // Advance width in points of one line of valid NFC UTF-8.
  virtual double Width(FontStyle style, double size_pt, std::string_view text) const = 0;
  // The first character the font has no glyph for, or nullopt.
  virtual std::optional<char32_t> MissingGlyph(FontStyle style, std::string_view text) const = 0;
  // Distance above / below the baseline, in points, both positive.
  virtual double Ascent(FontStyle style, double size_pt) const = 0;
  virtual double Descent(FontStyle style, double size_pt) const = 0;
};

struct TextStyle {
  FontStyle font = FontStyle::kRegular;
  double size_pt = 14;
  bool underline = false;
};

// A run of text in one style. `text` is NFC UTF-8; "\n" forces a line break.
// `field` names the template field it came from, for error messages.
struct Run {
  std::string text;
  TextStyle style;
  std::string field;
};

enum class Align { kLeft, kCenter, kRight, kJustify };

struct ParagraphStyle {
  Align align = Align::kJustify;
  double first_line_indent_pt = 0;
  double left_indent_pt = 0;
  double right_indent_pt = 0;
  double space_before_pt = 0;
  double space_after_pt = 6;
  double line_height = 1.15;   // multiple of the largest font size on the line
  bool keep_together = false;  // never split across pages
  bool keep_with_next = false; // on the same page as the next block's first line
  int orphans = 2;             // minimum lines left at the bottom of a page
  int widows = 2;              // minimum lines carried to the top of the next page
};

struct Paragraph {
  std::vector<Run> runs;
  ParagraphStyle style;
};

// A horizontal rule. Width: fixed points, a fraction of the available width, or
// the width of the previous paragraph's last line (the rule under "Độc lập - Tự
// do - Hạnh phúc" is as wide as that line).
struct Rule {
  enum class Width { kFixed, kFraction, kPreviousLine };
  Width width_mode = Width::kFraction;
  double width = 1.0;          // points for kFixed, 0..1 for kFraction
  double thickness_pt = 0.5;
  Align align = Align::kCenter;
  double space_before_pt = 1;
  double space_after_pt = 4;
};

struct PageBreak {};

struct Spacer {
  double height_pt = 6;
};

struct Table;
using Block = std::variant<Paragraph, Rule, PageBreak, Spacer, std::shared_ptr<Table>>;

struct Cell {
  std::vector<Block> blocks;
};

// Columns are given as relative weights of the available width. Borders draw a
// grid; without borders a table is a multi-column block (ND 30 header, signature).
struct Table {
  std::vector<double> column_weights;
  std::vector<std::vector<Cell>> rows;
  bool borders = false;
  // Each cell's last line sits on the bottom of its row: signers' names line
  // up under titles of different lengths.
  bool last_block_at_bottom = false;
  double cell_padding_pt = 3;
  double space_after_pt = 6;
};

struct PageSetup {
  double width_pt = 210 * kPointsPerMm;
  double height_pt = 297 * kPointsPerMm;
  // ND 30/2020, Phụ lục I: top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
  double margin_top_pt = 20 * kPointsPerMm;
  double margin_bottom_pt = 20 * kPointsPerMm;
  double margin_left_pt = 30 * kPointsPerMm;
  double margin_right_pt = 15 * kPointsPerMm;
  bool number_pages_from_second = true;  // centred in the top margin
  TextStyle page_number_style = {FontStyle::kRegular, 13, false};
};

// What a document is, for its metadata (PDF/A XMP, the archive); not drawn.
struct DocumentInfo {
  std::string title;       // "Quyết định về việc thi hành án"
  std::string agency;      // the issuing agency
  std::string number;      // "101"; empty for a draft numbered on approval
  std::string symbol;      // "QĐ-THADS"
  std::string issue_date;  // ISO "2026-09-08"; empty when undated
};

struct LayoutDocument {
  PageSetup page;
  std::vector<Block> blocks;
  DocumentInfo info;
};

// ---- Output: positioned items; origin bottom-left, points ----------------

struct PlacedText {
  FontStyle font;
  double size_pt;
  double x_pt;
  double baseline_pt;
  std::string text;
};

struct PlacedLine {
  double x1, y1, x2, y2;
  double width_pt;
};

struct LaidOutPage {
  std::vector<PlacedText> texts;
  std::vector<PlacedLine> lines;
};

struct LaidOutDocument {
  PageSetup page;
  std::vector<LaidOutPage> pages;
};

// Lays out `doc`. Errors: a character missing from a font (names the character
// and the run's field), invalid UTF-8 in a run. Never overflows a page or a
// cell: long words break, long cells continue on the next page.
Result<LaidOutDocument> Layout(const LayoutDocument& doc, const TextMeasurer& measurer);

}  // namespace thads::render
