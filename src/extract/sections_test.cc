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
    bool operative;  // the operative part's heading is read
  } cases[] = {
      {"NỘI DUNG VỤ ÁN:", "QUYẾT ĐỊNH:", true},
      {": NỘI DUNG VỤ ÁN:", ". QUYẾT ĐỊNH:", true},        // specks around the heading
      {"l NHẬN ĐỊNH CỦA TÒA ÁN:", "QUY ẾT ĐỊNH", true},    // a speck as a letter; split letters
      {"NỘI DUNG VỤ ẢN", "QUYẸT ĐỊNK:", true},              // a letter misread
      {"NỘI DUNG VỤ ÁN: l", "QUYẾT ĐỊNH: i", true},          // a speck read as a letter behind
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
    EXPECT_EQ(s.operative_begin != kNpos && !s.operative_guessed, c.operative) << c.decision;
    if (c.operative && s.operative_begin != kNpos) {
      EXPECT_GT(s.operative_begin, facts) << c.decision;
    }
  }
}

TEST(FindSections, GuessesTheOperativePartWhenItsHeadingIsLost) {
  struct Case {
    const char* reasoning;  // after "NHẬN ĐỊNH CỦA TÒA ÁN:", the heading lost
    const char* start;      // where the operative part is taken to start, "" for none
  } cases[] = {
      {"[1] Bị cáo phạm tội.\n[2] Về vật chứng: cần tịch thu tiêu hủy.\n"
       "1. Tuyên bố bị cáo Mùa A Sùng phạm tội.\nPhạt bị cáo 10.000.000 đồng.",
       "1. tuyen bo"},
      {"[1] Về tố tụng: đúng.\n[2] Mức phạt 8% là phù hợp.\nCăn cứ Điều 30, 35 Bộ luật Tố tụng dân "
       "sự.\n. 1. Chấp nhận yêu cầu.",
       "can cu"},
      // A reasoning paragraph after the candidate: the reasoning went on.
      {"[1] Xét yêu cầu.\nCăn cứ Điều 468, yêu cầu là có cơ sở.\n2] Về án phí: theo luật.\n"
       "Căn cứ Điều 147 Bộ luật Tố tụng dân sự;\nBuộc ông B trả 5.000.000 đồng.",
       "can cu dieu 147"},
      {"[1] Xét yêu cầu.\ncăn cứ vào lời khai, không có gì thêm.", ""},
  };
  for (const Case& c : cases) {
    const PreparedText text(
        std::string("TÒA ÁN NHÂN DÂN HUYỆN X\nNHÂN DANH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                    "Bị cáo: Mùa A Sùng.\nNHẬN ĐỊNH CỦA TÒA ÁN:\n") +
        c.reasoning + "\nNơi nhận:\n- Lưu.");
    const Sections s = FindSections(text);
    if (*c.start == '\0') {
      EXPECT_EQ(s.operative_begin, kNpos) << c.reasoning;
      continue;
    }
    ASSERT_NE(s.operative_begin, kNpos) << c.reasoning;
    EXPECT_TRUE(s.operative_guessed);
    EXPECT_EQ(text.key().substr(s.operative_begin, std::string_view(c.start).size()), c.start)
        << c.reasoning;
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
