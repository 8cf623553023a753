#include "extract/prepared_text.h"

#include <gtest/gtest.h>

#include "extract/internal.h"

namespace thads::extract {
namespace {

TEST(PreparedText, FoldsCaseAndMarksKeepingOneBytePerCodePoint) {
  const PreparedText t("QUYẾT ĐỊNH: Buộc ông Đỗ");
  EXPECT_EQ(t.key(), "quyet dinh: buoc ong do");
  EXPECT_EQ(t.Display(0, 10), "QUYẾT ĐỊNH");
  EXPECT_TRUE(t.IsUpper(0));
  EXPECT_FALSE(t.IsUpper(13));
  EXPECT_TRUE(t.HasMarks(3));  // Ế
}

TEST(PreparedText, JoinsHyphenatedWordsAndKeepsSymbols) {
  struct Case {
    const char* text;
    const char* key;
  } cases[] = {
      {"thỏa thu-\nận xong", "thoa thuan xong"},  // a word broken at the line end
      {"12/2023/DS-\nST", "12/2023/ds-st"},        // a symbol: the hyphen stays
      {"Độc lập -\nTự do", "doc lap -\ntu do"},    // a dash between words is not hyphenation
      {"a\r\nb", "a\nb"},
      {"Hai  từ\tthôi", "hai tu thoi"},
      {"CỘT TRÁI        CỘT PHẢI", "cot trai\ncot phai"},  // a wide gap separates columns
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PreparedText(c.text).key(), c.key) << c.text;
  }
}

TEST(PreparedText, DropsSpecksBeforeALinesFirstWord) {
  struct Case {
    const char* text;
    const char* key;
  } cases[] = {
      {"trả cho bà\n. Võ Thị Kim Loan", "tra cho ba\nvo thi kim loan"},
      {": NỘI DUNG VỤ ÁN:", "noi dung vu an:"},
      {"huyện Châu\n\n. , Thành.", "huyen chau\nthanh."},
      {"_ còn phải", "con phai"},
      {".\nhết", "het"},                      // a line of a speck alone
      {"- Ông A", "- ong a"},                  // a list dash stays
      {"\"Tranh chấp\"", "\"tranh chap\""},  // a quote opening a word stays
      {"Việc.\n2. Về án phí", "viec.\n2. ve an phi"},
      // A dot between two letters is the space it was read for; other dots stay.
      {"thị.xã Sơn Tây", "thi xa son tay"},
      {"Nguyễn.Thị", "nguyen thi"},
      {"150.000 đồng. Bà", "150.000 dong. ba"},
      {"P.5, Q.1", "p.5, q.1"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PreparedText(c.text).key(), c.key) << c.text;
  }
  EXPECT_EQ(PreparedText("trả cho bà\n. Võ Thị").Display(0, 100), "trả cho bà Võ Thị");
}

TEST(PreparedText, DropsPageNumbersAndRepeatedRunningHeaders) {
  const std::string text =
      "Bản án số 5/2020/DS-ST ngày 18/02/2020\nTrang một\n\f"
      "Bản án số 5/2020/DS-ST ngày 18/02/2020\nsố tiền\n- 2 -\n\f"
      "Bản án số 5/2020/DS-ST ngày 18/02/2020\n150.000.000 đồng\nTrang 3/3\n";
  const PreparedText t(text);
  EXPECT_EQ(t.key(),
            "ban an so 5/2020/ds-st ngay 18/02/2020\ntrang mot\nso tien\n150.000.000 dong");
  EXPECT_EQ(t.lines_dropped(), 4u);
}

TEST(PreparedText, SpansAreOriginalByteOffsetsWithPages) {
  const std::string text = "Trang đầu\n\fBuộc ông A trả";
  const PreparedText t(text);
  const std::size_t at = FindPhrase(t.key(), "buoc", 0, t.size());
  ASSERT_NE(at, std::string::npos);
  const model::SourceSpan span = t.Span(at, at + 4);
  EXPECT_EQ(span.page, 2);
  EXPECT_EQ(text.substr(static_cast<std::size_t>(span.start),
                        static_cast<std::size_t>(span.end - span.start)),
            "Buộc");
}

TEST(PreparedText, PhraseSearchRespectsWordBoundaries) {
  const std::string key = "ong an va ong anh\nnguyen don";
  EXPECT_EQ(FindPhrase(key, "an", 0, key.size()), 4u);
  EXPECT_EQ(FindPhrase(key, "anh", 0, key.size()), 14u);
  EXPECT_EQ(FindPhrase(key, "anh nguyen", 0, key.size()), 14u);  // ' ' matches '\n'
  EXPECT_EQ(FindPhrase(key, "ngu", 0, key.size()), std::string::npos);
}

}  // namespace
}  // namespace thads::extract
