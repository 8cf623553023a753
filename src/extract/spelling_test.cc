#include <gtest/gtest.h>

#include "extract/extractor.h"
#include "extract/internal.h"

namespace thads::extract {
namespace {

TEST(MajoritySpelling, TakesEachWordAsMostPlacesWriteIt) {
  struct Case {
    const char* text;
    const char* name;
    const char* expected;  // "" when the name stays
  } cases[] = {
      // One mark misread in the parties list, right everywhere else.
      {"Bị đơn: Ông Định Quang Hiển. Ông Đinh Quang Hiển trả. Ông Đinh Quang Hiển nộp.",
       "Định Quang Hiển", "Đinh Quang Hiển"},
      // Word by word: "Đinh" wins 3 to 1; "Hiển"/"Hiến" tie 2 to 2, so it stays.
      {"Định Quang Hiển; Đinh Quang Hiến; Đinh Quang Hiển; Đinh Quang Hiến.",
       "Định Quang Hiển", "Đinh Quang Hiển"},
      // A name in capitals keeps its case; the marks come from the others.
      {"BỊ CÁO: NGUYÊN VĂN TUẤN. Bị cáo Nguyễn Văn Tuấn. Nguyễn Văn Tuấn phải chịu.",
       "NGUYÊN VĂN TUẤN", "NGUYỄN VĂN TUẤN"},
      {"Nguyên Văn Tuấn; Nguyễn Văn Tuấn; Nguyễn Văn Tuấn.", "Nguyên Văn Tuấn", "Nguyễn Văn Tuấn"},
      // A tie keeps the spelling given; tone placement is no difference.
      {"Bà Lã Thị Thuỷ; bà Lã Thị Thủy; bà Lã Thị Thủy.", "Lã Thị Thuỷ", ""},
      {"Ông Kha Văn Nhãn; ông Kha Văn Nhẫn.", "Kha Văn Nhãn", ""},
      {"Công ty Cố phần X; Công ty Cổ phần X; Công ty Cổ phần X.", "Công ty Cố phần X",
       "Công ty Cổ phần X"},
  };
  for (const Case& c : cases) {
    const PreparedText text(c.text);
    int places = 0;
    const auto got = MajoritySpelling(text, c.name, &places);
    EXPECT_EQ(got.value_or(""), c.expected) << c.text;
    EXPECT_GE(places, 2) << c.text;
  }
}

TEST(WithFixedWords, SpellsFamilyNamesAndOrganizationWordsOneWay) {
  struct Case {
    const char* name;
    model::PartyKind kind;
    const char* expected;
  } cases[] = {
      {"Đồ Thị Hương Giang", model::PartyKind::kPerson, "Đỗ Thị Hương Giang"},
      {"NGUYÊN VĂN TUẤN", model::PartyKind::kPerson, "NGUYỄN VĂN TUẤN"},
      {"Định Quang Hiển", model::PartyKind::kPerson, "Đinh Quang Hiển"},
      {"Lã Văn Thuỷ", model::PartyKind::kPerson, "Lã Văn Thuỷ"},    // La/Lã: both names
      {"Nguyen Van A", model::PartyKind::kPerson, "Nguyen Van A"},  // written without marks
      {"Hoà Văn Bình", model::PartyKind::kPerson, "Hoà Văn Bình"},  // not a family name listed
      {"Công ty Cố phần Gỗ Nội Thất Tân Phát", model::PartyKind::kOrganization,
       "Công ty Cổ phần Gỗ Nội Thất Tân Phát"},
      {"Ngân hàng Thương mại cố phần Công Thương Việt Nam", model::PartyKind::kOrganization,
       "Ngân hàng Thương mại cổ phần Công Thương Việt Nam"},
      {"CÔNG TY TNHH THƯƠNG MẠI DỊCH VU MINH PHÁT", model::PartyKind::kOrganization,
       "CÔNG TY TNHH THƯƠNG MẠI DỊCH VỤ MINH PHÁT"},
      {"Đinh Quang Hiển", model::PartyKind::kOrganization, "Đinh Quang Hiển"},
      // A letter lost in a long family name; short ones are never guessed.
      {"Nguễn Văn Sửu", model::PartyKind::kPerson, "Nguyễn Văn Sửu"},
      {"NGUỄN VĂN SỬU", model::PartyKind::kPerson, "NGUYỄN VĂN SỬU"},
      {"Lưa Văn Sửu", model::PartyKind::kPerson, "Lưa Văn Sửu"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(WithFixedWords(c.name, c.kind), c.expected) << c.name;
  }
}

TEST(MajoritySpelling, RespellsPartiesAndWarns) {
  struct Case {
    std::string parties;
    std::string named;       // in the facts and the operative part
    std::size_t party;       // the party respelled
    std::string name;        // its name as read
    std::string written;     // what the warning points at
    std::size_t represents;  // a representative of it
  } cases[] = {
      // One mark misread in the parties list, right everywhere else.
      {"Nguyên đơn: Bà Nguyễn Thị An, sinh năm 1970.\nBị đơn: Ông Định Quang Hiển, sinh năm 1968.\n"
       "Người đại diện theo ủy quyền của bị đơn: Bà Phạm Thị Liên.",
       "ông Đinh Quang Hiển", 1, "Đinh Quang Hiển", "Định Quang Hiển", 2},
      // A letter misread in the parties list alone: the spelling the rest writes.
      {"Nguyên đơn: Bà Nguyễn Thị An.\nBị đơn: Bà Lê Thị NÑgọc Mai, sinh năm 1974;\nNgười đại "
       "diện theo ủy quyền của bị đơn bà Lê Thị Ngọc Mai: Ông Phan Văn Hùng.",
       "bà Lê Thị Ngọc Mai", 1, "Lê Thị Ngọc Mai", "Lê Thị NÑgọc Mai", 2},
  };
  for (const Case& c : cases) {
    const std::string judgment =
        "TÒA ÁN NHÂN DÂN HUYỆN X\nBản án số: 1/2020/DS-ST\n"
        "NHÂN DANH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
        c.parties + "\nNỘI DUNG VỤ ÁN:\nNăm 2019 " + c.named + " vay tiền.\nQUYẾT ĐỊNH:\nBuộc " +
        c.named + " trả cho bà Nguyễn Thị An 5.000.000 đồng.\n";
    auto r = Extract(judgment, "t.txt");
    ASSERT_TRUE(r.ok());
    ASSERT_GT(r->parties.size(), c.represents) << c.parties;
    EXPECT_EQ(r->parties[c.party].name, c.name);
    EXPECT_EQ(r->parties[c.represents].represents.value_or(""), c.name);
    ASSERT_EQ(r->obligations.size(), 1u);
    EXPECT_EQ(r->obligations[0].debtor.value_or(""), c.name);
    bool warned = false;
    for (const auto& w : r->warnings) {
      if (w.code != "name_respelled") continue;
      warned = true;
      ASSERT_TRUE(w.source.has_value());
      EXPECT_EQ(judgment.substr(w.source->start, w.source->end - w.source->start), c.written);
    }
    EXPECT_TRUE(warned) << c.parties;
  }
}

TEST(MajoritySpelling, TwoPeopleWithOneFoldedNameAreLeftAlone) {
  const std::string judgment =
      "TÒA ÁN NHÂN DÂN HUYỆN X\nBản án số: 1/2020/DS-ST\n"
      "NHÂN DANH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Nguyên đơn: Ông Nguyễn Văn Tâm.\nBị đơn: Ông Nguyễn Văn Tám.\n"
      "NỘI DUNG VỤ ÁN:\nÔng Nguyễn Văn Tám vay, ông Nguyễn Văn Tám chưa trả.\nQUYẾT ĐỊNH:\n"
      "Buộc ông Nguyễn Văn Tám trả cho ông Nguyễn Văn Tâm 5.000.000 đồng.\n";
  auto r = Extract(judgment, "t.txt");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->parties.size(), 2u);
  EXPECT_EQ(r->parties[0].name, "Nguyễn Văn Tâm");
  EXPECT_EQ(r->parties[1].name, "Nguyễn Văn Tám");
}

}  // namespace
}  // namespace thads::extract
