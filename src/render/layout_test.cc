#include "render/layout.h"

#include <gtest/gtest.h>

#include <map>

#include "text/utf8.h"

namespace thads::render {
namespace {

// Every character is half an em wide; U+4E2D is missing from every font.
class FakeMeasurer : public TextMeasurer {
 public:
  double Width(FontStyle, double size_pt, std::string_view text) const override {
    return 0.5 * size_pt * static_cast<double>(text::DecodeUtf8(text).size());
  }
  std::optional<char32_t> MissingGlyph(FontStyle, std::string_view text) const override {
    for (char32_t c : text::DecodeUtf8(text)) {
      if (c == 0x4E2D) return c;
    }
    return std::nullopt;
  }
  double Ascent(FontStyle, double size_pt) const override { return 0.8 * size_pt; }
  double Descent(FontStyle, double size_pt) const override { return 0.2 * size_pt; }
};

Paragraph Para(const std::string& text, Align align = Align::kJustify, double size = 14) {
  Paragraph p;
  p.runs.push_back({text, {FontStyle::kRegular, size, false}, "body"});
  p.style.align = align;
  return p;
}

std::string Words(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += (i ? " " : "") + std::string(i % 3 ? "thi" : "hành");
  return s;
}

const FakeMeasurer kMeasurer;

// Every text lies inside the content box of its page.
void ExpectInsideMargins(const LaidOutDocument& doc, bool skip_page_numbers = true) {
  const PageSetup& pg = doc.page;
  for (std::size_t p = 0; p < doc.pages.size(); ++p) {
    const auto& texts = doc.pages[p].texts;
    const std::size_t n = skip_page_numbers && p > 0 ? texts.size() - 1 : texts.size();
    for (std::size_t i = 0; i < n; ++i) {
      const PlacedText& t = texts[i];
      const double w = kMeasurer.Width(t.font, t.size_pt, t.text);
      EXPECT_GE(t.x_pt, pg.margin_left_pt - 1e-6) << t.text;
      EXPECT_LE(t.x_pt + w, pg.width_pt - pg.margin_right_pt + 1e-6) << t.text;
      EXPECT_LE(t.baseline_pt, pg.height_pt - pg.margin_top_pt) << t.text;
      EXPECT_GE(t.baseline_pt, pg.margin_bottom_pt - 1e-6) << t.text;
    }
  }
}

std::string AllText(const LaidOutDocument& doc) {
  std::string s;
  for (const auto& page : doc.pages) {
    for (const auto& t : page.texts) s += t.text + "|";
  }
  return s;
}

TEST(Layout, ShortParagraphIsOneLine) {
  LayoutDocument doc;
  doc.blocks.push_back(Para("Quyết định thi hành án", Align::kLeft));
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->pages.size(), 1u);
  ASSERT_EQ(r->pages[0].texts.size(), 1u);
  EXPECT_EQ(r->pages[0].texts[0].text, "Quyết định thi hành án");
  EXPECT_DOUBLE_EQ(r->pages[0].texts[0].x_pt, doc.page.margin_left_pt);
}

TEST(Layout, CentredLineSitsInTheMiddle) {
  LayoutDocument doc;
  doc.blocks.push_back(Para("QUYẾT ĐỊNH", Align::kCenter));
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  const PlacedText& t = r->pages[0].texts[0];
  const double w = kMeasurer.Width(t.font, t.size_pt, t.text);
  const double left_gap = t.x_pt - doc.page.margin_left_pt;
  const double right_gap = doc.page.width_pt - doc.page.margin_right_pt - (t.x_pt + w);
  EXPECT_NEAR(left_gap, right_gap, 1e-6);
}

TEST(Layout, JustifiedLinesFillTheWidthExceptTheLast) {
  LayoutDocument doc;
  doc.blocks.push_back(Para(Words(80)));
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  const double right = doc.page.width_pt - doc.page.margin_right_pt;
  // Group texts by baseline: the last word of each full line ends at the margin.
  std::map<double, double> line_end;
  for (const PlacedText& t : r->pages[0].texts) {
    const double end = t.x_pt + kMeasurer.Width(t.font, t.size_pt, t.text);
    line_end[t.baseline_pt] = std::max(line_end[t.baseline_pt], end);
  }
  ASSERT_GE(line_end.size(), 3u);
  auto it = line_end.begin();  // lowest baseline = last line
  EXPECT_LT(it->second, right - 1);
  for (++it; it != line_end.end(); ++it) EXPECT_NEAR(it->second, right, 1e-6);
  ExpectInsideMargins(*r);
}

TEST(Layout, LongTextPaginatesWithinMarginsAndNumbersPagesFromTwo) {
  LayoutDocument doc;
  for (int i = 0; i < 40; ++i) doc.blocks.push_back(Para(Words(60)));
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  ASSERT_GE(r->pages.size(), 3u);
  ExpectInsideMargins(*r);
  for (std::size_t p = 1; p < r->pages.size(); ++p) {
    const PlacedText& number = r->pages[p].texts.back();
    EXPECT_EQ(number.text, std::to_string(p + 1));
    EXPECT_GT(number.baseline_pt, doc.page.height_pt - doc.page.margin_top_pt);
  }
  // Page 1 carries no number: its last text is body text.
  EXPECT_NE(r->pages[0].texts.back().text, "1");
}

TEST(Layout, AWordWiderThanTheLineBreaksInsideIt) {
  LayoutDocument doc;
  doc.blocks.push_back(Para(std::string(200, 'x') + " end", Align::kLeft));
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  EXPECT_GE(r->pages[0].texts.size(), 3u);
  ExpectInsideMargins(*r);
}

TEST(Layout, HardLineBreakEndsTheLine) {
  LayoutDocument doc;
  doc.blocks.push_back(Para("Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.", Align::kLeft));
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->pages[0].texts.size(), 3u);
  EXPECT_EQ(r->pages[0].texts[1].text, "- Như Điều 3;");
  EXPECT_GT(r->pages[0].texts[0].baseline_pt, r->pages[0].texts[1].baseline_pt);
}

TEST(Layout, StyledRunsMergeOnlyWithinOneStyle) {
  Paragraph p;
  p.style.align = Align::kLeft;
  p.runs.push_back({"Ông ", {FontStyle::kRegular, 14, false}, ""});
  p.runs.push_back({"Nguyễn Văn An", {FontStyle::kBold, 14, false}, "name"});
  p.runs.push_back({", sinh năm 1970", {FontStyle::kRegular, 14, false}, ""});
  LayoutDocument doc;
  doc.blocks.push_back(p);
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(AllText(*r), "Ông |Nguyễn Văn An|, sinh năm 1970|");
  EXPECT_EQ(r->pages[0].texts[1].font, FontStyle::kBold);
}

TEST(Layout, UnderlineDrawsALineUnderTheRun) {
  Paragraph p;
  p.style.align = Align::kLeft;
  p.runs.push_back({"Điều 1.", {FontStyle::kRegular, 14, true}, ""});
  LayoutDocument doc;
  doc.blocks.push_back(p);
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->pages[0].lines.size(), 1u);
  const PlacedLine& l = r->pages[0].lines[0];
  EXPECT_NEAR(l.x2 - l.x1, kMeasurer.Width(FontStyle::kRegular, 14, "Điều 1."), 1e-6);
  EXPECT_LT(l.y1, r->pages[0].texts[0].baseline_pt);
}

TEST(Layout, RuleAsWideAsThePreviousLine) {
  LayoutDocument doc;
  doc.blocks.push_back(Para("Độc lập - Tự do - Hạnh phúc", Align::kCenter));
  Rule rule;
  rule.width_mode = Rule::Width::kPreviousLine;
  doc.blocks.push_back(rule);
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->pages[0].lines.size(), 1u);
  const PlacedLine& l = r->pages[0].lines[0];
  const PlacedText& t = r->pages[0].texts[0];
  EXPECT_NEAR(l.x1, t.x_pt, 1e-6);
  EXPECT_NEAR(l.x2 - l.x1, kMeasurer.Width(t.font, t.size_pt, t.text), 1e-6);
}

TEST(Layout, MissingGlyphIsAnErrorNamingCharacterAndField) {
  LayoutDocument doc;
  Paragraph p = Para("Tên: 中", Align::kLeft);
  p.runs[0].field = "party.name";
  doc.blocks.push_back(p);
  auto r = Layout(doc, kMeasurer);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "the regular font has no glyph for '中' (U+4E2D) in field 'party.name'");
}

TEST(Layout, InvalidUtf8IsRefused) {
  LayoutDocument doc;
  Paragraph p = Para("Ph\xE1\xBB", Align::kLeft);
  p.runs[0].field = "office.place";
  doc.blocks.push_back(p);
  auto r = Layout(doc, kMeasurer);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("field 'office.place'"), std::string::npos);
}

TEST(Layout, KeepWithNextMovesAHeadingToTheNextPage) {
  LayoutDocument doc;
  // Fill page 1 up to roughly one line from the bottom.
  const double line = 14 * 1.15;
  const double avail = doc.page.height_pt - doc.page.margin_top_pt - doc.page.margin_bottom_pt;
  Spacer filler{avail - line * 1.5};
  doc.blocks.push_back(filler);
  Paragraph heading = Para("Điều 1.", Align::kLeft);
  heading.style.keep_with_next = true;
  heading.style.space_after_pt = 0;
  doc.blocks.push_back(heading);
  doc.blocks.push_back(Para(Words(40)));
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->pages.size(), 2u);
  EXPECT_EQ(r->pages[0].texts.size(), 0u);
  EXPECT_EQ(r->pages[1].texts[0].text, "Điều 1.");
}

TEST(Layout, NoOrphanLineAtTheBottomOfAPage) {
  LayoutDocument doc;
  const double line = 14 * 1.15;
  const double avail = doc.page.height_pt - doc.page.margin_top_pt - doc.page.margin_bottom_pt;
  doc.blocks.push_back(Spacer{avail - line * 1.5});  // room for one line only
  doc.blocks.push_back(Para(Words(60)));
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->pages.size(), 2u);
  EXPECT_TRUE(r->pages[0].texts.empty());
}

TEST(Layout, PageBreakStartsANewPage) {
  LayoutDocument doc;
  doc.blocks.push_back(Para("Trang một", Align::kLeft));
  doc.blocks.push_back(PageBreak{});
  doc.blocks.push_back(Para("Trang hai", Align::kLeft));
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->pages.size(), 2u);
  EXPECT_EQ(r->pages[1].texts[0].text, "Trang hai");
}

TEST(Layout, BorderedTableCellsWrapAndAHugeRowContinuesOnTheNextPage) {
  auto table = std::make_shared<Table>();
  table->column_weights = {1, 3};
  table->borders = true;
  table->rows.push_back({Cell{{Para("STT", Align::kCenter)}}, Cell{{Para("Tài sản", Align::kCenter)}}});
  table->rows.push_back({Cell{{Para("1", Align::kCenter)}}, Cell{{Para(Words(900))}}});
  LayoutDocument doc;
  doc.blocks.push_back(table);
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_GE(r->pages.size(), 2u);
  ExpectInsideMargins(*r);
  // Every text of the second column stays inside its cell.
  const double width = doc.page.width_pt - doc.page.margin_left_pt - doc.page.margin_right_pt;
  const double col2 = doc.page.margin_left_pt + width / 4;
  for (const auto& page : r->pages) {
    for (std::size_t i = 0; i < page.texts.size(); ++i) {
      const PlacedText& t = page.texts[i];
      if (t.x_pt < col2) continue;
      EXPECT_GE(t.x_pt, col2 + table->cell_padding_pt - 1e-6);
    }
  }
}

TEST(Layout, TwoColumnBlockPlacesCellsSideBySide) {
  auto table = std::make_shared<Table>();
  table->column_weights = {1, 1};
  table->rows.push_back({Cell{{Para("PHÒNG THI HÀNH ÁN", Align::kCenter)}},
                         Cell{{Para("CỘNG HÒA", Align::kCenter)}}});
  LayoutDocument doc;
  doc.blocks.push_back(table);
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->pages[0].texts.size(), 2u);
  EXPECT_EQ(r->pages[0].texts[0].baseline_pt, r->pages[0].texts[1].baseline_pt);
  EXPECT_LT(r->pages[0].texts[0].x_pt, r->pages[0].texts[1].x_pt);
  EXPECT_TRUE(r->pages[0].lines.empty());
}

}  // namespace
}  // namespace thads::render

namespace thads::render {
namespace {

TEST(Layout, LastBlockAtBottomLinesUpSignersNames) {
  auto table = std::make_shared<Table>();
  table->column_weights = {1, 1};
  table->last_block_at_bottom = true;
  table->rows.push_back(
      {Cell{{Para("NGƯỜI PHẢI THI HÀNH ÁN VÀ NGƯỜI ĐẠI DIỆN", Align::kCenter), Spacer{40},
             Para("Lê Văn Minh", Align::kCenter)}},
       Cell{{Para("CHẤP HÀNH VIÊN", Align::kCenter), Spacer{40},
             Para("Lê Thị Cúc", Align::kCenter)}}});
  LayoutDocument doc;
  doc.blocks.push_back(table);
  auto r = Layout(doc, kMeasurer);
  ASSERT_TRUE(r.ok());
  std::map<std::string, double> baseline;
  for (const PlacedText& t : r->pages[0].texts) baseline[t.text] = t.baseline_pt;
  ASSERT_TRUE(baseline.contains("Lê Văn Minh") && baseline.contains("Lê Thị Cúc"));
  EXPECT_DOUBLE_EQ(baseline["Lê Văn Minh"], baseline["Lê Thị Cúc"]);
}

}  // namespace
}  // namespace thads::render
