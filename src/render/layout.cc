#include "render/layout.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "text/utf8.h"

namespace thads::render {
namespace {

// ---- Units: the atoms of pagination ----------------------------------------
// A unit is one line of a paragraph, one band of a table row, a rule or a
// spacer. Positions inside a unit are relative to its top edge (distance down).
struct Unit {
  double height = 0;
  double space_before = 0;  // dropped at the top of a page
  double space_after = 0;
  bool keep_with_next = false;
  bool page_break = false;
  std::vector<PlacedText> texts;  // baseline_pt = distance below the unit top
  std::vector<PlacedLine> lines;  // y1/y2 = distance below the unit top
};

const char* StyleName(FontStyle s) {
  switch (s) {
    case FontStyle::kRegular: return "regular";
    case FontStyle::kBold: return "bold";
    case FontStyle::kItalic: return "italic";
    case FontStyle::kBoldItalic: return "bold-italic";
  }
  return "?";
}

std::string CodePointName(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

// ---- Line breaking -------------------------------------------------------

// One ICU line-break iterator per thread, reused across paragraphs.
icu::BreakIterator* LineBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createLineInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status)) b.reset();
    return b;
  }();
  return breaker.get();
}

// A piece of text in one style, inside a segment.
struct Piece {
  const Run* run;
  std::string text;
  double width;
};

// The text between two break opportunities: a word and its trailing spaces.
struct Segment {
  std::vector<Piece> pieces;  // without the trailing spaces
  double width = 0;           // of `pieces`
  double space_width = 0;     // of the trailing spaces
  std::string spaces;         // the trailing spaces themselves
  const Run* space_run = nullptr;
  bool hard_break = false;    // ends with "\n"
};

struct Line {
  std::vector<Segment> segments;
  double natural_width = 0;  // without the last segment's trailing spaces
  bool last = false;         // last line of the paragraph or before a hard break
};

double PieceWidth(const TextMeasurer& m, const Run& run, std::string_view text) {
  return m.Width(run.style.font, run.style.size_pt, text);
}

// Splits a segment wider than `width` into chunks that fit, at code points.
std::vector<Segment> SplitLongSegment(const Segment& seg, double width,
                                      const TextMeasurer& m) {
  std::vector<Segment> out;
  Segment current;
  for (const Piece& piece : seg.pieces) {
    std::string chunk;
    const std::u32string cps = text::DecodeUtf8(piece.text);
    for (char32_t c : cps) {
      std::string next = chunk;
      text::AppendUtf8(c, next);
      const double w = PieceWidth(m, *piece.run, next);
      if (current.width + w > width && (!chunk.empty() || !current.pieces.empty())) {
        if (!chunk.empty()) {
          const double cw = PieceWidth(m, *piece.run, chunk);
          current.pieces.push_back({piece.run, chunk, cw});
          current.width += cw;
        }
        out.push_back(std::move(current));
        current = Segment();
        chunk.clear();
        text::AppendUtf8(c, chunk);
      } else {
        chunk = std::move(next);
      }
    }
    if (!chunk.empty()) {
      const double cw = PieceWidth(m, *piece.run, chunk);
      current.pieces.push_back({piece.run, chunk, cw});
      current.width += cw;
    }
  }
  current.spaces = seg.spaces;
  current.space_width = seg.space_width;
  current.space_run = seg.space_run;
  current.hard_break = seg.hard_break;
  out.push_back(std::move(current));
  return out;
}

// Cuts the paragraph's text into segments at ICU line-break opportunities.
Result<std::vector<Segment>> Segments(const Paragraph& para, const TextMeasurer& m) {
  std::string text;
  std::vector<std::size_t> run_start;  // byte offset of each run in `text`
  for (const Run& run : para.runs) {
    THADS_RETURN_IF_ERROR(text::ValidateUtf8(
        run.text, run.field.empty() ? std::string("text") : "field '" + run.field + "'"));
    std::string drawn = run.text;  // what reaches the font: breaks and tabs are spacing
    for (char& c : drawn) {
      if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    }
    if (auto missing = m.MissingGlyph(run.style.font, drawn)) {
      std::string ch;
      text::AppendUtf8(*missing, ch);
      return Status::Invalid("the " + std::string(StyleName(run.style.font)) +
                             " font has no glyph for '" + ch + "' (" + CodePointName(*missing) +
                             ")" + (run.field.empty() ? "" : " in field '" + run.field + "'"));
    }
    run_start.push_back(text.size());
    for (char c : run.text) text.push_back(c == '\t' || c == '\r' ? ' ' : c);
  }
  run_start.push_back(text.size());
  const auto run_at = [&](std::size_t offset) {
    std::size_t r = std::upper_bound(run_start.begin(), run_start.end(), offset) -
                    run_start.begin() - 1;
    return std::min(r, para.runs.size() - 1);
  };

  std::vector<std::size_t> breaks;
  icu::BreakIterator* breaker = LineBreaker();
  if (breaker == nullptr) return Status::Error(StatusCode::kInternal, "ICU line breaker unavailable");
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return Status::Error(StatusCode::kInternal, "ICU cannot read the text");
  breaker->setText(ut, status);
  for (int32_t b = breaker->next(); b != icu::BreakIterator::DONE; b = breaker->next()) {
    breaks.push_back(static_cast<std::size_t>(b));
  }
  breaker->setText(icu::UnicodeString());  // drop the reference to `ut`
  utext_close(ut);

  std::vector<Segment> segments;
  std::size_t start = 0;
  for (std::size_t end : breaks) {
    Segment seg;
    std::size_t word_end = end;
    while (word_end > start && (text[word_end - 1] == ' ' || text[word_end - 1] == '\n')) {
      if (text[word_end - 1] == '\n') seg.hard_break = true;
      --word_end;
    }
    for (std::size_t pos = start; pos < word_end;) {
      const std::size_t r = run_at(pos);
      const std::size_t piece_end = std::min(word_end, run_start[r + 1]);
      if (piece_end > pos) {
        const Run& run = para.runs[r];
        std::string piece = text.substr(pos, piece_end - pos);
        const double w = PieceWidth(m, run, piece);
        seg.pieces.push_back({&run, std::move(piece), w});
        seg.width += w;
      }
      pos = std::max(piece_end, pos + 1);
    }
    for (std::size_t pos = word_end; pos < end; ++pos) {
      if (text[pos] == ' ') seg.spaces.push_back(' ');
    }
    if (!seg.spaces.empty()) {
      seg.space_run = &para.runs[run_at(word_end)];
      seg.space_width = PieceWidth(m, *seg.space_run, seg.spaces);
    }
    if (!seg.pieces.empty() || !seg.spaces.empty() || seg.hard_break) {
      segments.push_back(std::move(seg));
    }
    start = end;
  }
  return segments;
}

// Greedy line filling (what word processors do). `first_width` is the width of
// the first line (first-line indent), `width` of the others.
std::vector<Line> BreakLines(std::vector<Segment> segments, double first_width, double width,
                             const TextMeasurer& m) {
  std::vector<Line> lines;
  Line line;
  double used = 0;  // natural width plus the pending trailing space
  auto finish = [&](bool last) {
    line.last = last;
    lines.push_back(std::move(line));
    line = Line();
    used = 0;
  };
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const double avail = lines.empty() ? first_width : width;
    Segment& seg = segments[i];
    if (!line.segments.empty() && used + seg.width > avail + 1e-6) finish(false);
    const double avail_now = lines.empty() ? first_width : width;
    if (line.segments.empty() && seg.width > avail_now + 1e-6) {
      std::vector<Segment> parts = SplitLongSegment(seg, avail_now, m);
      for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
        line.natural_width = parts[k].width;
        line.segments.push_back(std::move(parts[k]));
        finish(false);
      }
      seg = std::move(parts.back());
    }
    line.natural_width = used + seg.width;
    used = line.natural_width + seg.space_width;
    const bool hard = seg.hard_break;
    line.segments.push_back(std::move(seg));
    if (hard) finish(true);
  }
  if (!line.segments.empty() || lines.empty()) finish(true);
  lines.back().last = true;
  return lines;
}

// ---- Flow: blocks into units ---------------------------------------------

class Flow {
 public:
  // `page_height` is the height available on a page: a table row up to that
  // tall is kept in one piece.
  Flow(const TextMeasurer& m, double page_height) : m_(m), page_height_(page_height) {}

  // Lays `blocks` out in the column [x, x + width].
  Result<std::vector<Unit>> FlowBlocks(const std::vector<Block>& blocks, double x, double width) {
    std::vector<Unit> units;
    last_line_width_ = 0;
    for (const Block& block : blocks) {
      Status s = std::visit(
          [&](const auto& b) { return Add(b, x, width, units); }, block);
      if (!s.ok()) return s;
    }
    return units;
  }

 private:
  Status Add(const Paragraph& para, double x, double width, std::vector<Unit>& units) {
    const ParagraphStyle& st = para.style;
    auto segments = Segments(para, m_);
    if (!segments.ok()) return segments.status();
    const double left = x + st.left_indent_pt;
    const double avail = std::max(1.0, width - st.left_indent_pt - st.right_indent_pt);
    const double first_avail = std::max(1.0, avail - st.first_line_indent_pt);
    std::vector<Line> lines = BreakLines(std::move(*segments), first_avail, avail, m_);

    const std::size_t first_unit = units.size();
    const std::size_t n = lines.size();
    for (std::size_t i = 0; i < n; ++i) {
      const Line& line = lines[i];
      const double indent = i == 0 ? st.first_line_indent_pt : 0;
      const double line_avail = i == 0 ? first_avail : avail;
      units.push_back(PlaceLine(line, st, left + indent, line_avail));
      last_line_width_ = line.natural_width;
    }
    Unit& first = units[first_unit];
    first.space_before = st.space_before_pt;
    units.back().space_after = st.space_after_pt;
    // Orphans, widows, keep-together and keep-with-next as chains of units.
    for (std::size_t i = 0; i + 1 < n; ++i) {
      const bool orphan = static_cast<int>(i) + 1 < st.orphans;
      const bool widow = static_cast<int>(n - 1 - i) < st.widows;
      units[first_unit + i].keep_with_next = st.keep_together || orphan || widow;
    }
    units.back().keep_with_next = st.keep_with_next;
    return Status::Ok();
  }

  Unit PlaceLine(const Line& line, const ParagraphStyle& st, double x0, double avail) {
    Unit unit;
    double size = 0, ascent = 0, descent = 0;
    for (const Segment& seg : line.segments) {
      for (const Piece& p : seg.pieces) {
        size = std::max(size, p.run->style.size_pt);
        ascent = std::max(ascent, m_.Ascent(p.run->style.font, p.run->style.size_pt));
        descent = std::max(descent, m_.Descent(p.run->style.font, p.run->style.size_pt));
      }
    }
    if (size == 0) {  // an empty line: height of the paragraph's style
      const Run* r = !line.segments.empty() && line.segments[0].space_run
                         ? line.segments[0].space_run : nullptr;
      size = r ? r->style.size_pt : 14;
      ascent = size * 0.9;
      descent = size * 0.25;
    }
    unit.height = std::max(size * st.line_height, ascent + descent);
    const double baseline = (unit.height - ascent - descent) / 2 + ascent;

    double x = x0;
    double gap_extra = 0;
    if (st.align == Align::kCenter) x += (avail - line.natural_width) / 2;
    if (st.align == Align::kRight) x += avail - line.natural_width;
    const bool justify = st.align == Align::kJustify && !line.last && line.segments.size() > 1;
    if (justify) {
      gap_extra = (avail - line.natural_width) / static_cast<double>(line.segments.size() - 1);
    }

    // Consecutive pieces of one style merge into one text; justified lines
    // place each word on its own so the gaps can stretch.
    PlacedText* open = nullptr;
    const Run* open_run = nullptr;
    auto emit = [&](const Run* run, const std::string& text, double w, bool can_merge) {
      if (can_merge && open != nullptr && open_run != nullptr &&
          open_run->style.font == run->style.font &&
          open_run->style.size_pt == run->style.size_pt &&
          open_run->style.underline == run->style.underline) {
        open->text += text;
      } else {
        unit.texts.push_back({run->style.font, run->style.size_pt, x, baseline, text});
        open = &unit.texts.back();
        open_run = run;
      }
      if (run->style.underline && w > 0) {
        const double y = baseline + run->style.size_pt * 0.12;
        if (!unit.lines.empty() && unit.lines.back().y1 == y &&
            std::abs(unit.lines.back().x2 - x) < 1e-6) {
          unit.lines.back().x2 = x + w;  // continue the underline across runs
        } else {
          unit.lines.push_back({x, y, x + w, y, std::max(0.4, run->style.size_pt * 0.05)});
        }
      }
      x += w;
    };
    for (std::size_t s = 0; s < line.segments.size(); ++s) {
      const Segment& seg = line.segments[s];
      bool first_piece = true;
      for (const Piece& p : seg.pieces) {
        emit(p.run, p.text, p.width, !(justify && first_piece));
        first_piece = false;
      }
      const bool last_segment = s + 1 == line.segments.size();
      if (last_segment || seg.spaces.empty()) continue;
      if (justify) {
        x += seg.space_width + gap_extra;
        open = nullptr;
      } else {
        emit(seg.space_run, seg.spaces, seg.space_width, true);
      }
    }
    return unit;
  }

  Status Add(const Rule& rule, double x, double width, std::vector<Unit>& units) {
    double w = width;
    if (rule.width_mode == Rule::Width::kFixed) w = rule.width;
    if (rule.width_mode == Rule::Width::kFraction) w = width * std::clamp(rule.width, 0.0, 1.0);
    if (rule.width_mode == Rule::Width::kPreviousLine) w = last_line_width_;
    w = std::min(w, width);
    double x1 = x;
    if (rule.align == Align::kCenter) x1 += (width - w) / 2;
    if (rule.align == Align::kRight) x1 += width - w;
    Unit unit;
    unit.height = rule.thickness_pt;
    unit.space_before = rule.space_before_pt;
    unit.space_after = rule.space_after_pt;
    const double y = rule.thickness_pt / 2;
    unit.lines.push_back({x1, y, x1 + w, y, rule.thickness_pt});
    // A rule belongs to the text above it.
    if (!units.empty()) units.back().keep_with_next = true;
    units.push_back(std::move(unit));
    return Status::Ok();
  }

  Status Add(const PageBreak&, double, double, std::vector<Unit>& units) {
    Unit unit;
    unit.page_break = true;
    units.push_back(std::move(unit));
    return Status::Ok();
  }

  Status Add(const Spacer& spacer, double, double, std::vector<Unit>& units) {
    Unit unit;
    unit.height = std::max(0.0, spacer.height_pt);
    units.push_back(std::move(unit));
    return Status::Ok();
  }

  // A table row becomes bands: band i holds unit i of every cell. Bands of one
  // row keep together when they can; a row taller than a page continues.
  Status Add(const std::shared_ptr<Table>& table_ptr, double x, double width,
             std::vector<Unit>& units) {
    if (!table_ptr) return Status::Ok();
    const Table& table = *table_ptr;
    double total_weight = 0;
    for (double w : table.column_weights) total_weight += std::max(0.0, w);
    if (table.column_weights.empty() || total_weight <= 0) {
      return Status::Invalid("a table needs at least one column with a positive width");
    }
    std::vector<double> col_x{x};
    for (double w : table.column_weights) {
      col_x.push_back(col_x.back() + width * std::max(0.0, w) / total_weight);
    }
    const double pad = table.borders ? table.cell_padding_pt : 0;
    const std::size_t first_unit = units.size();
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto& row = table.rows[r];
      if (row.size() > table.column_weights.size()) {
        return Status::Invalid("table row " + std::to_string(r + 1) + " has " +
                               std::to_string(row.size()) + " cells for " +
                               std::to_string(table.column_weights.size()) + " columns");
      }
      std::vector<std::vector<Unit>> cells;
      std::size_t bands = 1;
      for (std::size_t c = 0; c < row.size(); ++c) {
        Flow inner(m_, page_height_);
        const double cw = std::max(1.0, col_x[c + 1] - col_x[c] - 2 * pad);
        auto cell_units = inner.FlowBlocks(row[c].blocks, col_x[c] + pad, cw);
        if (!cell_units.ok()) return cell_units.status();
        bands = std::max(bands, cell_units->size());
        cells.push_back(std::move(*cell_units));
      }
      // Cells stacked independently, when the row fits on a page.
      double row_height = 0;
      for (const auto& cell : cells) row_height = std::max(row_height, StackHeight(cell));
      if (row_height + 2 * pad <= page_height_) {
        Unit unit;
        unit.height = row_height + 2 * pad;
        for (const auto& cell : cells) {
          StackInto(cell, pad, unit.height - pad, table.last_block_at_bottom, unit);
        }
        if (table.borders) DrawBorders(col_x, unit, true, true);
        units.push_back(std::move(unit));
        continue;
      }
      // A row taller than a page: band i holds unit i of every cell.
      for (std::size_t b = 0; b < bands; ++b) {
        Unit band;
        const double top_pad = b == 0 ? pad : 0;
        const double bottom_pad = b + 1 == bands ? pad : 0;
        double content = 0;
        for (const auto& cell : cells) {
          if (b >= cell.size()) continue;
          const Unit& u = cell[b];
          const double before = b == 0 ? 0 : u.space_before;
          const double after = b + 1 == cell.size() ? 0 : u.space_after;
          content = std::max(content, before + u.height + after);
          const double dy = top_pad + before;
          for (PlacedText t : u.texts) {
            t.baseline_pt += dy;
            band.texts.push_back(std::move(t));
          }
          for (PlacedLine l : u.lines) {
            l.y1 += dy;
            l.y2 += dy;
            band.lines.push_back(l);
          }
        }
        band.height = top_pad + content + bottom_pad;
        band.keep_with_next = b + 1 < bands;
        if (table.borders) DrawBorders(col_x, band, b == 0, b + 1 == bands);
        units.push_back(std::move(band));
      }
    }
    if (units.size() > first_unit) units.back().space_after = table.space_after_pt;
    last_line_width_ = 0;
    return Status::Ok();
  }

  // Height of a cell's units stacked, without the outer spacing.
  static double StackHeight(const std::vector<Unit>& cell) {
    double h = 0;
    for (std::size_t i = 0; i < cell.size(); ++i) {
      h += (i == 0 ? 0 : cell[i].space_before) + cell[i].height +
           (i + 1 == cell.size() ? 0 : cell[i].space_after);
    }
    return h;
  }

  // Copies a cell's units into `row`, stacked from `top` down; with
  // `last_at_bottom` the last unit ends at `bottom` instead.
  static void StackInto(const std::vector<Unit>& cell, double top, double bottom,
                        bool last_at_bottom, Unit& row) {
    double y = top;
    for (std::size_t i = 0; i < cell.size(); ++i) {
      if (i > 0) y += cell[i].space_before;
      if (last_at_bottom && i + 1 == cell.size() && i > 0) y = bottom - cell[i].height;
      for (PlacedText t : cell[i].texts) {
        t.baseline_pt += y;
        row.texts.push_back(std::move(t));
      }
      for (PlacedLine l : cell[i].lines) {
        l.y1 += y;
        l.y2 += y;
        row.lines.push_back(l);
      }
      y += cell[i].height + cell[i].space_after;
    }
  }

  static void DrawBorders(const std::vector<double>& col_x, Unit& unit, bool top, bool bottom) {
    const double lw = 0.5;
    for (double cx : col_x) unit.lines.push_back({cx, 0, cx, unit.height, lw});
    if (top) unit.lines.push_back({col_x.front(), 0, col_x.back(), 0, lw});
    if (bottom) unit.lines.push_back({col_x.front(), unit.height, col_x.back(), unit.height, lw});
  }

  const TextMeasurer& m_;
  const double page_height_;
  double last_line_width_ = 0;
};

// ---- Pagination ------------------------------------------------------------

class Paginator {
 public:
  Paginator(const PageSetup& page, const TextMeasurer& m) : page_(page), m_(m) {
    doc_.page = page;
  }

  LaidOutDocument Paginate(const std::vector<Unit>& units) {
    const double avail = page_.height_pt - page_.margin_top_pt - page_.margin_bottom_pt;
    NewPage();
    for (std::size_t i = 0; i < units.size(); ++i) {
      const Unit& u = units[i];
      if (u.page_break) {
        if (!empty_) NewPage();
        continue;
      }
      const bool chain_start = i == 0 || !units[i - 1].keep_with_next;
      if (chain_start && !empty_) {
        double chain = 0;
        for (std::size_t j = i; j < units.size() && !units[j].page_break; ++j) {
          chain += (j == i ? 0 : units[j].space_before) + units[j].height +
                   (units[j].keep_with_next ? units[j].space_after : 0);
          if (!units[j].keep_with_next) break;
        }
        if (used_ + u.space_before + chain > avail + 1e-6 && chain <= avail) NewPage();
      }
      if (!empty_ && used_ + u.space_before + u.height > avail + 1e-6) NewPage();
      if (!empty_) used_ += u.space_before;
      Place(u);
      used_ += u.height + u.space_after;
      empty_ = false;
    }
    NumberPages();
    return std::move(doc_);
  }

 private:
  void NewPage() {
    doc_.pages.emplace_back();
    used_ = 0;
    empty_ = true;
  }

  void Place(const Unit& u) {
    LaidOutPage& page = doc_.pages.back();
    const double top = page_.height_pt - page_.margin_top_pt - used_;
    for (PlacedText t : u.texts) {
      t.baseline_pt = top - t.baseline_pt;
      page.texts.push_back(std::move(t));
    }
    for (PlacedLine l : u.lines) {
      l.y1 = top - l.y1;
      l.y2 = top - l.y2;
      page.lines.push_back(l);
    }
  }

  void NumberPages() {
    if (!page_.number_pages_from_second) return;
    const TextStyle& st = page_.page_number_style;
    for (std::size_t p = 1; p < doc_.pages.size(); ++p) {
      const std::string number = std::to_string(p + 1);
      const double w = m_.Width(st.font, st.size_pt, number);
      const double x = page_.margin_left_pt +
                       (page_.width_pt - page_.margin_left_pt - page_.margin_right_pt - w) / 2;
      const double baseline = page_.height_pt - page_.margin_top_pt / 2 - st.size_pt * 0.3;
      doc_.pages[p].texts.push_back({st.font, st.size_pt, x, baseline, number});
    }
  }

  const PageSetup& page_;
  const TextMeasurer& m_;
  LaidOutDocument doc_;
  double used_ = 0;
  bool empty_ = true;
};

}  // namespace

Result<LaidOutDocument> Layout(const LayoutDocument& doc, const TextMeasurer& measurer) {
  const PageSetup& page = doc.page;
  const double width = page.width_pt - page.margin_left_pt - page.margin_right_pt;
  if (width <= 0 || page.height_pt - page.margin_top_pt - page.margin_bottom_pt <= 0) {
    return Status::Invalid("page margins leave no room for text");
  }
  Flow flow(measurer, page.height_pt - page.margin_top_pt - page.margin_bottom_pt);
  auto units = flow.FlowBlocks(doc.blocks, page.margin_left_pt, width);
  if (!units.ok()) return units.status();
  Paginator paginator(page, measurer);
  return paginator.Paginate(*units);
}

}  // namespace thads::render
