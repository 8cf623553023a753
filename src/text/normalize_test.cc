#include "text/normalize.h"

#include <gtest/gtest.h>

namespace thads::text {
namespace {

TEST(CleanText, NormalizesDecomposedInputToNfc) {
  // "Nguyễn" typed with combining marks: e + circumflex + tilde.
  const std::string nfd = "Nguye\xCC\x82\xCC\x83n";
  auto r = CleanText(nfd, "name");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "Nguyễn");
  EXPECT_TRUE(IsNfc(*r));
  EXPECT_FALSE(IsNfc(nfd));
}

TEST(CleanText, RejectsTruncatedSequenceNamingOffset) {
  const std::string bad = std::string("Tòa án") + "\xE1\xBB";  // ế cut short
  auto r = CleanText(bad, "judgment.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "judgment.txt: invalid UTF-8 at byte 8: truncated sequence at end of input");
}

TEST(CleanText, RepairModeReplacesInvalidBytes) {
  auto r = CleanText("Ph\xFFng", "x", Utf8Mode::kRepair);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "Ph\uFFFDng");
}

struct TonePair {
  const char* a;
  const char* b;
};

class ToneKeyEqual : public ::testing::TestWithParam<TonePair> {};

TEST_P(ToneKeyEqual, BothConventionsGiveOneKey) {
  EXPECT_EQ(ToneKey(GetParam().a), ToneKey(GetParam().b))
      << GetParam().a << " vs " << GetParam().b;
}

INSTANTIATE_TEST_SUITE_P(
    Conventions, ToneKeyEqual,
    ::testing::Values(TonePair{"hoà", "hòa"}, TonePair{"uỷ", "ủy"}, TonePair{"thuỷ", "thủy"},
                      TonePair{"khoẻ", "khỏe"}, TonePair{"toà", "tòa"},
                      TonePair{"Uỷ ban nhân dân", "Ủy ban nhân dân"},
                      TonePair{"CỘNG HOÀ", "CỘNG HÒA"}, TonePair{"Hoà Bình", "Hòa Bình"},
                      TonePair{"loè loẹt", "lòe lọet"}, TonePair{"quả", "qủa"},
                      // decomposed input keys like composed input
                      TonePair{"ho\xCC\x80" "a", "hòa"}));

TEST(ToneKey, KeysToTraditionalPlacement) {
  EXPECT_EQ(ToneKey("hoà"), "hòa");
  EXPECT_EQ(ToneKey("thuỷ"), "thủy");
  EXPECT_EQ(ToneKey("HOÀ"), "HÒA");
  EXPECT_EQ(ToneKey("qủa"), "quả");
}

TEST(ToneKey, LeavesWellFormedWordsAlone) {
  for (const char* word : {"hoàn", "toán", "người", "giữa", "gì", "gìn", "quý", "quốc",
                           "khuyến", "ngoài", "chuối", "khuỷu", "thuở", "mía", "mùa",
                           "Nguyễn", "Thi hành án dân sự", "café", "123/2024/QĐ-THADS"}) {
    EXPECT_EQ(ToneKey(word), word);
  }
}

TEST(ToneKey, DistinguishesDifferentWords) {
  EXPECT_NE(ToneKey("hòa"), ToneKey("hóa"));
  EXPECT_NE(ToneKey("quả"), ToneKey("qua"));
}

TEST(FoldForSearch, RemovesMarksAndMapsDStroke) {
  EXPECT_EQ(FoldForSearch("Nguyễn Văn Ấn"), "nguyen van an");
  EXPECT_EQ(FoldForSearch("ĐẶNG ĐÌNH ĐỨC"), "dang dinh duc");
  EXPECT_EQ(FoldForSearch("Hoà"), FoldForSearch("Hòa"));
  EXPECT_EQ(FoldForSearch("Thi hành án dân sự tỉnh Đồng Tháp"),
            "thi hanh an dan su tinh dong thap");
  EXPECT_EQ(FoldForSearch("Nguye\xCC\x82\xCC\x83n"), "nguyen");  // NFD input
  EXPECT_EQ(FoldForSearch("Số: 12/2023/DS-ST"), "so: 12/2023/ds-st");
}

TEST(CaseMapping, KeepsVietnameseMarks) {
  EXPECT_EQ(ToUpperVi("nguyễn thị ánh"), "NGUYỄN THỊ ÁNH");
  EXPECT_EQ(ToLowerVi("ĐỒNG THÁP"), "đồng tháp");
}

}  // namespace
}  // namespace thads::text
