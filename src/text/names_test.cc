#include "text/names.h"

#include <gtest/gtest.h>

#include "text/collation.h"

namespace thads::text {
namespace {

TEST(StripTitle, RemovesOngBaAnhChi) {
  EXPECT_EQ(StripTitle("Ông Nguyễn Văn An"), "Nguyễn Văn An");
  EXPECT_EQ(StripTitle("bà Trần Thị Bích"), "Trần Thị Bích");
  EXPECT_EQ(StripTitle("Anh Lê Minh"), "Lê Minh");
  EXPECT_EQ(StripTitle("Chị: Phạm Thị Hoa"), "Phạm Thị Hoa");
  EXPECT_EQ(StripTitle("ÔNG LƯƠNG VĂN MINH"), "LƯƠNG VĂN MINH");
  EXPECT_EQ(StripTitle("Nguyễn Văn H"), "Nguyễn Văn H");
  // "Anh" as a given name after a family name is kept.
  EXPECT_EQ(StripTitle("Bà Lê Thị Anh"), "Lê Thị Anh");
  EXPECT_EQ(StripTitle("  Ông   Đỗ  Chí  Thanh "), "Đỗ Chí Thanh");
}

TEST(SplitName, FamilyMiddleGiven) {
  const PersonName p = SplitName("Ông Nguyễn Thị Minh Khai");
  EXPECT_EQ(p.title, "Ông");
  EXPECT_EQ(p.family, "Nguyễn");
  EXPECT_EQ(p.middle, "Thị Minh");
  EXPECT_EQ(p.given, "Khai");
  const PersonName two = SplitName("Lê Lợi");
  EXPECT_EQ(two.family, "Lê");
  EXPECT_EQ(two.middle, "");
  EXPECT_EQ(two.given, "Lợi");
  EXPECT_EQ(SplitName("").given, "");
}

TEST(TitleCaseName, FromAllCapsKeepingMarks) {
  EXPECT_EQ(TitleCaseName("NGUYỄN VĂN ẤN"), "Nguyễn Văn Ấn");
  EXPECT_EQ(TitleCaseName("ĐẶNG THỊ ÚT"), "Đặng Thị Út");
  EXPECT_EQ(TitleCaseName("LƯƠNG  VĂN   H"), "Lương Văn H");
  EXPECT_EQ(TitleCaseName("ỨNG ĐÌNH ỬNG"), "Ứng Đình Ửng");
}

TEST(Collation, VietnameseAlphabetOrder) {
  std::vector<std::string> letters = {"đ", "d", "ư", "u", "ơ", "ô", "o", "ê", "e", "â", "ă", "a"};
  SortVietnamese(letters);
  EXPECT_EQ(letters, (std::vector<std::string>{"a", "ă", "â", "d", "đ", "e", "ê", "o", "ô",
                                               "ơ", "u", "ư"}));
  std::vector<std::string> words = {"Đào", "Dương", "Ánh", "Anh", "Ân", "Bình"};
  SortVietnamese(words);
  EXPECT_EQ(words, (std::vector<std::string>{"Anh", "Ánh", "Ân", "Bình", "Dương", "Đào"}));
}

TEST(Collation, NfdSortsLikeNfc) {
  const VietnameseCollator& c = DefaultCollator();
  EXPECT_EQ(c.Compare("Nguye\xCC\x82\xCC\x83n", "Nguyễn"), 0);
  EXPECT_EQ(c.SortKey("Nguye\xCC\x82\xCC\x83n"), c.SortKey("Nguyễn"));
  EXPECT_LT(c.SortKey("Đào"), c.SortKey("Điền"));
  EXPECT_LT(c.SortKey("Dũng"), c.SortKey("Đào"));
}

TEST(Collation, ListsSortByGivenName) {
  std::vector<std::string> people = {"Ông Trần Văn Bình", "Nguyễn Thị Ánh", "Lê Văn An",
                                     "Bà Đỗ Thị Ánh", "Phạm Đức"};
  SortByGivenName(people);
  EXPECT_EQ(people, (std::vector<std::string>{"Lê Văn An", "Bà Đỗ Thị Ánh", "Nguyễn Thị Ánh",
                                              "Ông Trần Văn Bình", "Phạm Đức"}));
}

}  // namespace
}  // namespace thads::text
