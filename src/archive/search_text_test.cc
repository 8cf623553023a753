#include "archive/search_text.h"

#include <gtest/gtest.h>

namespace thads::archive {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const Word& w : SplitWords(text)) out.emplace_back(text.substr(w.start, w.end - w.start));
  return out;
}

TEST(SearchText, WordsSplitOnPunctuationAndSpaces) {
  EXPECT_EQ(Words("Bản án số: 70/2017/DS-ST, ngày 12–9"),
            (std::vector<std::string>{"Bản", "án", "số", "70", "2017", "DS", "ST", "ngày", "12", "9"}));
  EXPECT_EQ(Words("«Nguyễn Văn Ấn»\u00a0…\"x\""), (std::vector<std::string>{"Nguyễn", "Văn", "Ấn", "x"}));
  EXPECT_TRUE(Words("  ,.;*()'\"  ").empty());
}

TEST(SearchText, IndexAndQueryUseTheSameKeys) {
  const IndexTerms t = BuildIndexTerms("Nguyễn Văn Ấn, Lê Thị Hoà", "Bà Lê Thị Hoà");
  EXPECT_EQ(t.meta, (std::vector<std::string>{"nguyen", "van", "an", "le", "thi", "hoa"}));
  EXPECT_EQ(t.meta_pairs[1], "van_an");
  EXPECT_EQ(t.body_pairs, (std::vector<std::string>{"ba_le", "le_thi", "thi_hoa"}));
  EXPECT_EQ(t.accent.back(), "hòa");  // one tone placement
  EXPECT_EQ(t.accent.size(), t.meta.size());  // the metadata's accents only
  auto q = ParseQuery("NGUYỄN văn ẤN");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->folded, std::vector<std::string>(t.meta.begin(), t.meta.begin() + 3));
  EXPECT_EQ(q->accent, (std::vector<std::string>{"nguyễn", "văn", "ấn"}));
  EXPECT_TRUE(q->has_marks);
  EXPECT_FALSE(ParseQuery("nguyen van an")->has_marks);
  EXPECT_EQ(ParseQuery("Hoà")->accent, ParseQuery("Hòa")->accent);
}

// Whatever is typed, the expression holds quoted words only.
TEST(SearchText, QuerySyntaxBecomesQuotedWords) {
  struct Row {
    const char* query;
    const char* fts;
  } rows[] = {
      {"nguyen van an", "{meta_pairs body_pairs} : \"nguyen_van van_an\""},
      {"'; DROP TABLE cases; --", "{meta_pairs body_pairs} : \"drop_table table_cases\""},
      {"NEAR(a b)", "{meta_pairs body_pairs} : \"near_a a_b\""},
      {"\"Hoà\"*", "{meta body} : \"hoa\""},
      {"(((", ""},
  };
  for (const Row& r : rows) {
    auto q = ParseQuery(r.query);
    ASSERT_TRUE(q.ok()) << r.query;
    if (q->empty()) {
      EXPECT_STREQ(r.fts, "") << r.query;
      continue;
    }
    EXPECT_EQ(Fts5MatchExpression(*q), r.fts) << r.query;
  }
  EXPECT_EQ(Fts5ExactExpression(*ParseQuery("Hoà Bình")),
            "({meta_pairs body_pairs} : \"hoa_binh\") AND (accent : \"hòa bình\")");
  EXPECT_EQ(TsPhraseQuery(QueryPairs(*ParseQuery("a b c"))), "'a_b' <-> 'b_c'");
  // Two lexemes in byte order, 'a' at 1 and 3 (weight A), 'b' at 2 (A) then 5.
  EXPECT_EQ(TsVectorBinary({"a", "b", "a"}, {"b"}),
            std::string("\0\0\0\2a\0\0\2\xC0\x01\xC0\x03" "b\0\0\2\xC0\x02\0\x05", 20));
  EXPECT_FALSE(ParseQuery(std::string(1001, 'a')).ok());
  EXPECT_FALSE(ParseQuery(std::string(40 * 2, ' ').replace(0, 0, "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h")).ok());
  EXPECT_FALSE(ParseQuery("\xC3\x28").ok());
}

TEST(SearchText, SnippetKeepsTheAccentsAndMarksTheMatch) {
  const std::string text =
      "Nguyên đơn: ông Nguyễn Văn An.\nBị đơn: ông Nguyễn Văn Ấn, sinh năm 1970; địa chỉ: ấp 3.";
  EXPECT_EQ(MakeSnippet(text, *ParseQuery("nguyen van an")),
            "Nguyên đơn: ông [Nguyễn Văn An]. Bị đơn: ông Nguyễn Văn Ấn, sinh năm 1970; địa chỉ: ấp 3");
  // An exact-accent occurrence is preferred.
  EXPECT_NE(MakeSnippet(text, *ParseQuery("Nguyễn Văn Ấn")).find("[Nguyễn Văn Ấn]"), std::string::npos);
  std::string long_text;
  for (int i = 0; i < 100; ++i) long_text += "chữ ";
  long_text += "Lương Văn Minh";
  for (int i = 0; i < 100; ++i) long_text += " chữ";
  const std::string s = MakeSnippet(long_text, *ParseQuery("luong van minh"));
  EXPECT_EQ(s.rfind("…", 0), 0u);
  EXPECT_NE(s.find("[Lương Văn Minh]"), std::string::npos);
  EXPECT_EQ(s.substr(s.size() - 3), "…");
  EXPECT_EQ(MakeSnippet("", *ParseQuery("x")), "");
  EXPECT_EQ(MakeSnippet("một hai", *ParseQuery("")), "một hai");
}

// A case not indexed yet is matched in C++ as the index would match it.
TEST(SearchText, TermsMatchAsTheIndexDoes) {
  const IndexTerms t = BuildIndexTerms("Tòa án nhân dân huyện Đầm Dơi\nNguyễn Văn Ấn\nLê Thị Hoà",
                                       "Bị đơn ông Lương Văn Minh phải trả nợ.");
  struct Row {
    const char* query;
    bool match;
    bool exact;
  } rows[] = {
      {"nguyen van an", true, false}, {"Nguyễn Văn Ấn", true, true}, {"Nguyễn Văn An", true, false},
      {"Hòa", true, true},            {"hoa", true, false},          {"luong van minh phai", true, false},
      {"Lương Văn Minh", true, false},  // the body's accents are not indexed
      {"van minh nguyen", false, false}, {"nguyen van minh", false, false},
      {"dơi nguyễn", true, true},  // the metadata runs on across its lines, as indexed
      {"ấn lương", false, false},   // but never from the metadata into the body
  };
  for (const Row& r : rows) {
    bool exact = false;
    EXPECT_EQ(TermsMatch(t, *ParseQuery(r.query), &exact), r.match) << r.query;
    EXPECT_EQ(exact, r.exact) << r.query;
  }
}

}  // namespace
}  // namespace thads::archive

