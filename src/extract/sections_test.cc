#include <gtest/gtest.h>

#include <string>

#include "extract/internal.h"

namespace thads::extract {
namespace {

// A judgment's skeleton around one facts heading and one decision heading.
std::string Skeleton(const std::string& facts, const std::string& decision) {
  return "TÒA ÁN NHÂN DÂN HUYỆN X\nBản án số: 1/2020/DS-ST\n"
         "NHÂN DANH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Nguyên đơn: Bà Nguyễn Thị A.\n" +
         facts + "\nBà A cho ông B vay tiền.\n" + decision + "\nBuộc ông B trả 5.000.000 đồng.\n";
}

TEST(FindSections, ToleratesHeadingsMisreadByOcr) {
  struct Case {
    const char* facts;
    const char* decision;
    bool operative;  // an operative part is found after the facts
  } cases[] = {
      {"NỘI DUNG VỤ ÁN:", "QUYẾT ĐỊNH:", true},
      {": NỘI DUNG VỤ ÁN:", ". QUYẾT ĐỊNH:", true},        // specks around the heading
      {"l NHẬN ĐỊNH CỦA TÒA ÁN:", "QUY ẾT ĐỊNH", true},    // a speck as a letter; split letters
      {"NỘI DUNG VỤ ẢN", "QUYẸT ĐỊNK:", true},              // a letter misread
      {"NHẬN ĐJNH CỦA TÒA ÁN:", "' QUYẾT  ĐỊNH ,", true},
      {"NỘI DUNG VỤ ÁN:", "Quyết địnk", false},  // letters misread are forgiven in capitals only
      {"NỘI DUNG VỤ ÁN:", "QUY ĐỊNH", false},  // two letters off a short heading
      {"NỘI DUNG VỤ ÁN:", "QUYẾT ĐỊNH SỐ 12", false},
  };
  for (const Case& c : cases) {
    const PreparedText text(Skeleton(c.facts, c.decision));
    const Sections s = FindSections(text);
    const std::size_t facts = text.key().find("ba a cho");
    EXPECT_LT(s.parties_end, facts + 1) << c.facts;  // the facts heading ends the parties
    EXPECT_EQ(s.operative_begin != kNpos, c.operative) << c.decision;
    if (c.operative && s.operative_begin != kNpos) {
      EXPECT_GT(s.operative_begin, facts) << c.decision;
    }
  }
}

TEST(FindSections, NhanDanhIsNotAFactsHeading) {
  const PreparedText text(
      "TÒA ÁN NHÂN DÂN HUYỆN X\nNHÂN DANH\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Nguyên đơn: Bà Nguyễn Thị A.\nNHẬN ĐỊNH CỦA TÒA ẢM:\nlý do.\nQUYẾT ĐỊNH:\nBuộc.");
  const Sections s = FindSections(text);
  EXPECT_GT(s.parties_end, text.key().find("nguyen don"));
  EXPECT_LT(s.parties_end, text.key().find("ly do"));
}

}  // namespace
}  // namespace thads::extract
