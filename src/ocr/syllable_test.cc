#include "ocr/syllable.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::ocr {
namespace {

TEST(Syllable, AcceptsTheSpellingsOfTheLanguage) {
  for (const char* word :
       {"a",     "ba",    "dân",   "quyền", "nghiêng", "giếng", "gì",   "gìn",
        "giữa",  "khuya", "quốc",  "quyết", "Nguyễn",  "ĐỒNG",  "Ấn",   "hoà",
        "hòa",   "thuỷ",  "thủy",  "khoẻ",  "khỏe",    "yêu",   "uống", "chuyện",
        "xoong", "ổn",    "ngoằn", "oanh",  "huỳnh",   "kiểm",  "ghế",  "nghề",
        "bùa",   "thích", "sách",  "hộp",   "hợp",     "các",   "Tự",   "TỈNH",
        "y",     "Mỹ",    "kỳ",    "ưu",    "hươu",    "thuở",  "quạ",  "gỉ"}) {
    EXPECT_TRUE(IsSyllable(word)) << word;
  }
}

TEST(Syllable, RefusesWhatTheRulesForbid) {
  for (const char* word :
       {"",    // nothing
        "ce",  // c before e is written k
        "ka",  // k only before i, e, ê, y
        "gha",
        "ngi",
        "nghả",  // gh/ngh only before front vowels, ng never
        "hờp",
        "hỏp",
        "càc",
        "thìch",
        "hãt",   // stop codas take only sắc and nặng
        "hóà",   // two tones
        "vIệt",  // mixed case
        "a1",
        "Email",
        "TMCP",
        "CCCD",
        "UBND",
        "quưa",
        "boa",
        "phoa",
        "ö",
        "thï",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}) {
    EXPECT_FALSE(IsSyllable(word)) << word;
  }
}

TEST(Syllable, LettersSplitAndJoinBack) {
  const std::u32string letters = text::DecodeUtf8(
      "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
      "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐbcdxzBZ");
  for (char32_t c : letters) {
    const std::optional<Letter> l = SplitLetter(c);
    ASSERT_TRUE(l.has_value()) << text::EncodeUtf8(std::u32string(1, c));
    EXPECT_EQ(JoinLetter(*l), c);
    // The base is the letter without its tone: search folding agrees.
    const std::string letter = text::EncodeUtf8(std::u32string(1, c));
    const std::string base = text::EncodeUtf8(std::u32string(1, l->base));
    EXPECT_EQ(text::FoldForSearch(letter), text::FoldForSearch(base)) << letter;
    EXPECT_EQ(l->tone == Tone::kLevel, text::ToLowerVi(letter) == base) << letter;
  }
  for (char32_t c : std::u32string(U"0-.,öïäåÐð€ßЖ "))
    EXPECT_FALSE(SplitLetter(c)) << int(c);
}

TEST(Syllable, WritesATone) {
  EXPECT_EQ(WriteWithTone(U"hoa", Tone::kGrave, 1), "hòa");
  EXPECT_EQ(WriteWithTone(U"hoa", Tone::kGrave, 2), "hoà");
  EXPECT_EQ(WriteWithTone(U"tuyên", Tone::kGrave, 3), "tuyền");
  EXPECT_EQ(WriteWithTone(U"ban", Tone::kAcute, 0), "ban");  // b takes no tone
}

TEST(Syllable, InventoryHoldsEverySpellingOnce) {
  const std::vector<std::u32string> all = AllSyllableSpellings();
  EXPECT_GT(all.size(), 1500u);
  EXPECT_LT(all.size(), 5000u);
  for (const char32_t* w : {U"nghiêng", U"quôc", U"giêng", U"gi", U"khuya", U"ươn"}) {
    EXPECT_NE(std::find(all.begin(), all.end(), w), all.end()) << text::EncodeUtf8(w);
  }
  std::vector<std::u32string> sorted = all;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
}

TEST(Syllable, SplitsTokensFromTheirPunctuation) {
  struct Case {
    const char* token;
    const char* lead;
    const char* core;
    const char* trail;
  };
  for (const Case& c : std::vector<Case>{{"(Một", "(", "Một", ""},
                                         {"đồng).", "", "đồng", ")."},
                                         {"“Đánh", "“", "Đánh", ""},
                                         {"12/2023/DS-ST,", "", "12/2023/DS-ST", ","},
                                         {"...", "...", "", ""},
                                         {"", "", "", ""},
                                         {"a", "", "a", ""}}) {
    const TokenParts p = SplitToken(c.token);
    EXPECT_EQ(p.lead, c.lead) << c.token;
    EXPECT_EQ(p.core, c.core) << c.token;
    EXPECT_EQ(p.trail, c.trail) << c.token;
  }
}

}  // namespace
}  // namespace thads::ocr
