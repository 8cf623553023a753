#include <gtest/gtest.h>

#include "extract/internal.h"

namespace thads::extract {
namespace {

TEST(FindOffice, ReadsTheOfficeThroughOcrDamage) {
  struct Case {
    const char* text;
    const char* name;
    bool respelled;  // the name differs from what is written
  } cases[] = {
      {"theo biên lai số 01 của Chi cục Thi hành án dân sự huyện Đầm Dơi.",
       "Chi cục Thi hành án dân sự huyện Đầm Dơi", false},
      {"của Chỉ cục Thi hành án dần sự thành phố Cao Lãnh.",
       "Chi cục Thi hành án dân sự thành phố Cao Lãnh", true},
      {"của Chí cục Thi hành án dân sự huyện Đức Trọng.",
       "Chi cục Thi hành án dân sự huyện Đức Trọng", true},
      // A stray dot before the place; the place on the next line behind a speck.
      {"của Chi cục Thi hành án dân sự .\nthành phố Bến Tre.",
       "Chi cục Thi hành án dân sự thành phố Bến Tre", true},
      {"tại Chi cục Thi hành án dân sự huyện Châu\n. Thành. Các đương sự",
       "Chi cục Thi hành án dân sự huyện Châu Thành", false},
      // The office with its place, not the generic one before it.
      {"có quyền yêu cầu cơ quan Thi hành án dân sự có thẩm quyền xử lý tài sản; hoàn trả "
       "theo biên lai của Cục Thí hành\nán dân sự tỉnh Đồng Nai.",
       "Cục Thi hành án dân sự tỉnh Đồng Nai", true},
      // Letters misread in the fixed words; the 2025 names; THADS as written.
      {"của Chi cục Thi hành án dân sv huyện Phú Tân.",
       "Chi cục Thi hành án dân sự huyện Phú Tân", true},
      {"của Phòng Thi hành án dân sự khu vực 3.", "Phòng Thi hành án dân sự khu vực 3", false},
      {"của Thi hành án dân sự tỉnh Lâm Đồng.", "Thi hành án dân sự tỉnh Lâm Đồng", false},
      {"của Chi cục THADS huyện Củ Chi.", "Chi cục THADS huyện Củ Chi", false},
      // A speck glued to a word of the place; a head one letter off.
      {"của Chi cục Thi hành án dân sự huyện Châu \"Thành.",
       "Chi cục Thi hành án dân sự huyện Châu Thành", true},
      {"ngày 24/ ta Cử Thi hành\nán dân sự tỉnh Đồng Nai.", "Cục Thi hành án dân sự tỉnh Đồng Nai",
       true},
      {"của Thi hành án dân sự tỉnh Đồng Nai.", "Thi hành án dân sự tỉnh Đồng Nai", false},
      {"của CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN CỦ CHI.", "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN CỦ CHI",
       false},
  };
  for (const Case& c : cases) {
    const PreparedText text(c.text);
    const auto office = FindOffice(text, 0, text.size());
    ASSERT_TRUE(office.has_value()) << c.text;
    EXPECT_EQ(office->name, c.name) << c.text;
    EXPECT_EQ(office->written.has_value(), c.respelled) << c.text;
  }
  const PreparedText none("hoàn trả cho bà A 300.000 đồng tạm ứng án phí.");
  EXPECT_FALSE(FindOffice(none, 0, none.size()).has_value());
}

TEST(FindOffice, SpellsThePlaceAsMostOfTheDocumentDoes) {
  const PreparedText text(
      "TÒA ÁN NHÂN DÂN HUYỆN CỦ CHI\nxét xử tại huyện Củ Chi\n"
      "hoàn trả theo biên lai của Chi cục Thi hành án dân sự huyện Củ Chỉ.");
  const std::size_t from = text.key().find("hoan tra");
  const auto office = FindOffice(text, from, text.size());
  ASSERT_TRUE(office.has_value());
  EXPECT_EQ(office->name, "Chi cục Thi hành án dân sự huyện Củ Chi");
  EXPECT_TRUE(office->written.has_value());
}

}  // namespace
}  // namespace thads::extract
