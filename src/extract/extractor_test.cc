#include "extract/extractor.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/internal.h"

namespace thads::extract {
namespace {

using model::ObligationKind;
using model::PartyRole;

// A minimal judgment around `parties` and `operative`.
std::string Judgment(const std::string& parties, const std::string& operative) {
  return "TÒA ÁN NHÂN DÂN HUYỆN ĐẦM DƠI\nTỈNH CÀ MAU\nBản án số: 70/2017/DS-ST\n"
         "Ngày: 12-9-2017\nV/v tranh chấp hợp đồng vay tài sản\n"
         "NHÂN DANH\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
         parties + "\nNỘI DUNG VỤ ÁN:\nBà A cho ông B vay 99.000.000 đồng.\n" +
         "NHẬN ĐỊNH CỦA TÒA ÁN:\nBuộc ông B trả 88.000.000 đồng là đúng.\nQUYẾT ĐỊNH:\n" +
         operative + "\nNơi nhận:\n- Lưu.\n";
}

const std::string kParties =
    "Nguyên đơn: Bà Nguyễn Thị A, sinh năm 1970; địa chỉ: ấp 1, xã X.\n"
    "Bị đơn: Ông Trần Văn B, sinh năm 1968; địa chỉ: ấp 2, xã Y.\n";

model::ExtractionResult ExtractOk(const std::string& text) {
  auto r = Extract(text, "test.txt");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : model::ExtractionResult{};
}

// A parties block and the parties it lists, in order: (role, name).
struct PartiesCase {
  std::string parties;
  std::vector<std::pair<PartyRole, std::string>> expected;
};

void ExpectParties(const PartiesCase& c) {
  const auto r = ExtractOk(Judgment(c.parties, "1. Không có."));
  ASSERT_EQ(r.parties.size(), c.expected.size()) << c.parties;
  for (std::size_t i = 0; i < c.expected.size(); ++i) {
    EXPECT_EQ(r.parties[i].role, c.expected[i].first) << c.parties;
    EXPECT_EQ(r.parties[i].name, c.expected[i].second) << c.parties;
  }
}

bool HasWarning(const model::ExtractionResult& r, const std::string& code) {
  for (const auto& w : r.warnings) {
    if (w.code == code) return true;
  }
  return false;
}

TEST(ExtractHeader, ReadsCourtNumberDateAndSymbol) {
  struct Case {
    std::string header;
    std::string court;
    std::string number;
    model::DocumentKind kind;
    model::CourtLevel level;
    model::CaseType type;
  } cases[] = {
      {"TÒA ÁN NHÂN DÂN HUYỆN ĐẦM DƠI      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
       "TỈNH CÀ MAU      Độc lập - Tự do - Hạnh phúc\nBản án số: 70/2017/DS-ST\nNgày: 12-9-2017",
       "Tòa án nhân dân huyện Đầm Dơi, tỉnh Cà Mau", "70/2017/DS-ST",
       model::DocumentKind::kJudgment, model::CourtLevel::kFirstInstance, model::CaseType::kCivil},
      {"TOÀ ÁN NHÂN DÂN TỈNH AN GIANG\nBản án số: 89/2023/DS-PT\nNgày 17 tháng 5 năm 2023",
       "Toà án nhân dân tỉnh An Giang", "89/2023/DS-PT", model::DocumentKind::kJudgment,
       model::CourtLevel::kAppeal, model::CaseType::kCivil},
      {"TÒA ÁN NHÂN DÂN QUẬN BÌNH THẠNH\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 45/2024/QĐST-HNGĐ\n"
       "Bình Thạnh, ngày 15 tháng 3 năm 2017",
       "Tòa án nhân dân quận Bình Thạnh, thành phố Hồ Chí Minh", "45/2024/QĐST-HNGĐ",
       model::DocumentKind::kDecision, model::CourtLevel::kFirstInstance, model::CaseType::kFamily},
      {"TÒA ÁN NHÂN DÂN HUYỆN QUAN HÓA - TỈNH THANH HÓA\nBản án số: 3/2017/HSST\nNgày 12/9/2017",
       "Tòa án nhân dân huyện Quan Hóa, tỉnh Thanh Hóa", "3/2017/HSST",
       model::DocumentKind::kJudgment, model::CourtLevel::kFirstInstance,
       model::CaseType::kCriminal},
      {"TOA AN NHAN DAN TINH DONG NAI\nBAN AN SO: 18/2021/KDTM-ST\nNGAY: 12-9-2017",
       "Toa an nhan dan tinh Dong Nai", "18/2021/KDTM-ST", model::DocumentKind::kJudgment,
       model::CourtLevel::kFirstInstance, model::CaseType::kCommercial},
  };
  for (const Case& c : cases) {
    const auto r = ExtractOk(c.header + "\nNHÂN DANH\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
                       kParties);
    EXPECT_EQ(r.document.court.value_or(""), c.court) << c.header;
    EXPECT_EQ(r.document.number.value_or(""), c.number) << c.header;
    EXPECT_EQ(r.document.kind, c.kind) << c.header;
    EXPECT_EQ(r.document.level, c.level) << c.header;
    EXPECT_EQ(r.document.case_type, c.type) << c.header;
    ASSERT_TRUE(r.document.date.has_value()) << c.header;
    EXPECT_TRUE(r.document.date->ok());
  }
}

TEST(ExtractParties, ReadsRolesNamesAndDetails) {
  const PartiesCase cases[] = {
      {kParties, {{PartyRole::kPlaintiff, "Nguyễn Thị A"}, {PartyRole::kDefendant, "Trần Văn B"}}},
      // Two defendants joined by "và", a shared address, a representative of one.
      {"Nguyên đơn: Ông Lê Văn C, sinh năm 1960.\n"
       "Bị đơn: Ông Phan Văn H, sinh năm 1970 và bà Lê Thị M, sinh năm 1974; cùng địa chỉ: ấp 3.\n"
       "Người đại diện theo ủy quyền của bị đơn bà Lê Thị M: Ông Phan Văn H.",
       {{PartyRole::kPlaintiff, "Lê Văn C"},
        {PartyRole::kDefendant, "Phan Văn H"},
        {PartyRole::kDefendant, "Lê Thị M"},
        {PartyRole::kRepresentative, "Phan Văn H"}}},
      // An organization and its legal representative inside its own paragraph.
      {"Nguyên đơn: Ngân hàng TMCP V - Chi nhánh Đ; địa chỉ: số 1 Láng Hạ; người đại diện theo "
       "pháp luật: Ông Hoàng K - Giám đốc.\nBị đơn: Công ty TNHH T; địa chỉ: Quận 1.",
       {{PartyRole::kPlaintiff, "Ngân hàng TMCP V - Chi nhánh Đ"},
        {PartyRole::kRepresentative, "Hoàng K"},
        {PartyRole::kDefendant, "Công ty TNHH T"}}},
      // All-caps accused, victims listed with numbers, lawyers and witnesses left out.
      {"Bị cáo: NGUYỄN VĂN TUẤN (tên gọi khác: Không), sinh ngày 03/02/1996; con ông Nguyễn Văn "
       "Lộc và bà Đào Thị Sen.\nNgười bào chữa cho bị cáo: Luật sư Trần Văn L.\n"
       "Bị hại:\n1. Bà Nguyễn Thị Vân, sinh năm 1968;\n2. Ông Đậu Văn Lâm, sinh năm 1975.\n"
       "Người làm chứng: Anh Hồ Văn P.",
       {{PartyRole::kAccused, "Nguyễn Văn Tuấn"},
        {PartyRole::kVictim, "Nguyễn Thị Vân"},
        {PartyRole::kVictim, "Đậu Văn Lâm"}}},
      // A family name that folds like an organization word ("Trương" / "Trường").
      {"Nguyên đơn: Ông Trương Văn Lực, sinh năm 1971.\nBị đơn: Bà Ngô Thị Thu Ba.",
       {{PartyRole::kPlaintiff, "Trương Văn Lực"}, {PartyRole::kDefendant, "Ngô Thị Thu Ba"}}},
      // A minor victim titled "Cháu"; "Châu" is a family name, not that title.
      {"Bị cáo: Phạm Văn C.\nBị hại: Cháu Hồ Gia B, sinh năm 2008.\nNgười đại diện hợp pháp "
       "của bị hại: Bà Châu Thị T (mẹ bị hại).",
       {{PartyRole::kAccused, "Phạm Văn C"},
        {PartyRole::kVictim, "Hồ Gia B"},
        {PartyRole::kRepresentative, "Châu Thị T"}}},
  };
  for (const PartiesCase& c : cases) ExpectParties(c);
  const auto r = ExtractOk(Judgment(cases[1].parties, "1. Không có."));
  EXPECT_EQ(r.parties[0].birth_year, 1960);
  EXPECT_EQ(r.parties[1].address.value_or(""), "ấp 3");
  EXPECT_EQ(r.parties[3].represents.value_or(""), "Lê Thị M");
  const auto org = ExtractOk(Judgment(cases[2].parties, "1. Không có."));
  EXPECT_EQ(org.parties[0].kind, model::PartyKind::kOrganization);
  EXPECT_EQ(org.parties[1].represents.value_or(""), "Ngân hàng TMCP V - Chi nhánh Đ");
}

TEST(ExtractParties, ReadsThroughOcrDebris) {
  const PartiesCase cases[] = {
      // Specks, or a speck read as a letter, before a label.
      {"Nguyên đơn: Bà Huỳnh Thị Kim Sa, sinh năm 1969.\n~ Bị đơn:\n1. Ông Tô Văn Đực.\n"
       "Ẫ Người có quyền lợi, nghĩa vụ liên quan: Bà Lò Thị Mai.",
       {{PartyRole::kPlaintiff, "Huỳnh Thị Kim Sa"},
        {PartyRole::kDefendant, "Tô Văn Đực"},
        {PartyRole::kInterestedParty, "Lò Thị Mai"}}},
      // A line wrapped inside an address, a dash read in front of the next line.
      {"Nguyên đơn: Ông Bùi Xuân Thọ, sinh năm 1958; địa chỉ: thôn Phú Thạnh, xã Hiệp\n"
       "- Thạnh, huyện Đức Trọng.\nBị đơn: Ông Kha Văn Nhẫn.",
       {{PartyRole::kPlaintiff, "Bùi Xuân Thọ"}, {PartyRole::kDefendant, "Kha Văn Nhẫn"}}},
      // A birth year starting the next line is no list number.
      {"Nguyên đơn: Ngân hàng TMCP V.\nNgười đại diện theo ủy quyền của nguyên đơn: Ông Trịnh Minh "
       "Khoa, sinh năm\n1985 - Chuyên viên xử lý nợ.\nBị đơn: Công ty TNHH T.",
       {{PartyRole::kPlaintiff, "Ngân hàng TMCP V"},
        {PartyRole::kRepresentative, "Trịnh Minh Khoa"},
        {PartyRole::kDefendant, "Công ty TNHH T"}}},
      // A dot read for a space; a name going on after a speck on the next line.
      {"Nguyên đơn: Chị Nguyễn.Thị Thanh Thủy, sinh năm 1990.\nBị đơn: Bà Nguyễn Thị\n. Minh "
       "Nguyệt, sinh năm 1987.",
       {{PartyRole::kPlaintiff, "Nguyễn Thị Thanh Thủy"},
        {PartyRole::kDefendant, "Nguyễn Thị Minh Nguyệt"}}},
      // Garbage in capitals and small letters is no name; a ':' read inside a label.
      {"Nguyên đơn: Bà Võ Thị Kim Loan.\n2. Bị đơn: TINh\n2.1. Ông Phan Văn Hùng, sinh năm 1970;\n"
       "Người đại diện: theo ủy quyền: Ông Hoàng Minh K, sinh năm 1986.",
       {{PartyRole::kPlaintiff, "Võ Thị Kim Loan"},
        {PartyRole::kDefendant, "Phan Văn Hùng"},
        {PartyRole::kRepresentative, "Hoàng Minh K"}}},
      // Two defendants joined by "và" after birth data with a speck in it.
      {"Nguyên đơn: Ông Mai Văn Quý.\nBị đơn: Ông Tăng Văn Lợi, sinh n năm 1978 và bà Hứa Thị "
       "Mến, sinh năm 1980;",
       {{PartyRole::kPlaintiff, "Mai Văn Quý"},
        {PartyRole::kDefendant, "Tăng Văn Lợi"},
        {PartyRole::kDefendant, "Hứa Thị Mến"}}},
      // A short word read before a label, a comma for the list number's dot, a label
      // misread ("Người Tg cáo") and an abbreviation alone are no party.
      {"Nguyên đơn: Bà Lâm Thị Kim Cương.\nAnh Bị đơn: Ông Thái Văn Nghĩa, sinh năm 1973.\n"
       "1, Bị cáo: Trần Quang Huy, sinh năm 1991.\n- Người Tg cáo: Bị đơn ông Thái Văn Nghĩa.\n"
       "3. Người có quyền lợi, nghĩa vụ liên quan: SN\n3.1. Ông Đỗ Văn Thịnh, sinh năm 1969;",
       {{PartyRole::kPlaintiff, "Lâm Thị Kim Cương"},
        {PartyRole::kDefendant, "Thái Văn Nghĩa"},
        {PartyRole::kAccused, "Trần Quang Huy"},
        {PartyRole::kInterestedParty, "Đỗ Văn Thịnh"}}},
      // A list number misread as a short word before the next titled name.
      {"Nguyên đơn: Bà Huỳnh Thị Kim Sa.\nBị đơn:\n1. Bà Ngô Thị Thu Ba, sinh năm 1980;\n2. Bà "
       "Phan Thị Lệ, sinh năm 1972;\nđi Ông Tô Văn Đực, sinh năm 1965.",
       {{PartyRole::kPlaintiff, "Huỳnh Thị Kim Sa"},
        {PartyRole::kDefendant, "Ngô Thị Thu Ba"},
        {PartyRole::kDefendant, "Phan Thị Lệ"},
        {PartyRole::kDefendant, "Tô Văn Đực"}}},
      // A quote before the title; specks before a list number; a symbol or a hyphen
      // inside a name.
      {"Nguyên đơn: Anh Đặng Minh Hiếu.\nBị đơn: \"Anh Quảng Văn Thắng, sinh năm 1990.\n"
       "-_1, Bị cáo: Trần Quang Huy.\nNgười đại diện theo ủy quyền của bị đơn: Ông Phan Văn ˆ\n"
       "Hùng, sinh năm 1970.\nNgười có quyền lợi, nghĩa vụ liên quan: Bà Võ-Thị N.",
       {{PartyRole::kPlaintiff, "Đặng Minh Hiếu"},
        {PartyRole::kDefendant, "Quảng Văn Thắng"},
        {PartyRole::kAccused, "Trần Quang Huy"},
        {PartyRole::kRepresentative, "Phan Văn Hùng"},
        {PartyRole::kInterestedParty, "Võ Thị N"}}},
      // Specks and dashes inside a name that cannot end there; a speck before a dash.
      {"Nguyên đơn: Bà Lã. Thị Xuân, sinh năm 1962.\nBị đơn: Ông Phan -Văn\nHùng.\n"
       "~- Người có quyền lợi, nghĩa vụ liên quan: Bà Võ Thị N, sinh năm 1982.",
       {{PartyRole::kPlaintiff, "Lã Thị Xuân"},
        {PartyRole::kDefendant, "Phan Văn Hùng"},
        {PartyRole::kInterestedParty, "Võ Thị N"}}},
  };
  for (const PartiesCase& c : cases) ExpectParties(c);
  const auto year = ExtractOk(Judgment(cases[2].parties, "1. Không có."));
  EXPECT_EQ(year.parties[1].birth_year, 1985);
}

TEST(ExtractHeader, ReadsTheCourtThroughOcrDamage) {
  struct Case {
    std::string header;  // up to NHÂN DANH
    std::string after;   // after it, before the parties
    std::string court;
    std::string warning;  // "" for none
  } cases[] = {
      // Specks in front of the province's line, a dot for a space.
      {"TÒA ÁN NHÂN DÂN HUYỆN ĐỨC TRỌNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n'TỈNH LÂM.ĐỒNG\n", "",
       "Tòa án nhân dân huyện Đức Trọng, tỉnh Lâm Đồng", ""},
      {"TÒA ÁN NHÂN DÂN HUYỆN CỦ CHI\nl THÀNH PHỐ HỒ CHÍ MINH\n", "",
       "Tòa án nhân dân huyện Củ Chi, thành phố Hồ Chí Minh", ""},
      // A speck read as a letter behind; a masked place ("tỉnh Đ") stays.
      {"TÒA ÁN NHÂN DÂN HUYỆN ĐẦM DƠI l\n", "", "Tòa án nhân dân huyện Đầm Dơi", ""},
      {"TÒA ÁN NHÂN DÂN HUYỆN C, TỈNH Đ\n", "", "Tòa án nhân dân huyện C, tỉnh Đ", ""},
      // The province's line lost: completed from the court named again.
      {"TÒA ÁN NHÂN DÂN HUYỆN PHÚ TÂN\nJhb cn\n",
       "TÒA ÁN NHÂN DÂN HUYỆN PHÚ TÂN, TỈNH AN GIANG\n",
       "Tòa án nhân dân huyện Phú Tân, tỉnh An Giang", "court_completed"},
      // A place misread in the header, written right in the addresses.
      {"TÒA ÁN NHÂN DÂN QUẬN HẢÁI CHÂU\nTHÀNH PHỐ ĐÀ NẴNG\n",
       "TÒA ÁN NHÂN DÂN QUẬN HẢI CHÂU, THÀNH PHỐ ĐÀ NẴNG\n",
       "Tòa án nhân dân quận Hải Châu, thành phố Đà Nẵng", "court_respelled"},
  };
  for (const Case& c : cases) {
    const auto r = ExtractOk(c.header + "Bản án số: 70/2017/DS-ST\nNgày: 12-9-2017\n" +
                             "NHÂN DANH\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" + c.after +
                             "Nguyên đơn: Bà Nguyễn Thị A; địa chỉ: quận Hải Châu, thành phố Đà "
                             "Nẵng.\nBị đơn: Ông Trần Văn B; địa chỉ: quận Hải Châu.\n");
    EXPECT_EQ(r.document.court.value_or(""), c.court) << c.header;
    if (!c.warning.empty()) {
      EXPECT_TRUE(HasWarning(r, c.warning)) << c.header;
    } else {
      EXPECT_FALSE(HasWarning(r, "court_completed") || HasWarning(r, "court_respelled")) << c.header;
    }
  }
}

TEST(ExtractHeader, RepairsASymbolMisreadByOcr) {
  struct Case {
    const char* number;
    const char* read;
    bool warned;
    model::CaseType type;
    model::CourtLevel level;
  } cases[] = {
      {"63/2024/QĐST-DS", "63/2024/QĐST-DS", false, model::CaseType::kCivil,
       model::CourtLevel::kFirstInstance},
      {"63/2024/QĐĐST-DS", "63/2024/QĐST-DS", true, model::CaseType::kCivil,
       model::CourtLevel::kFirstInstance},
      {"215/2023/QĐĐST-HNGĐ", "215/2023/QĐST-HNGĐ", true, model::CaseType::kFamily,
       model::CourtLevel::kFirstInstance},
      {"845/2023/HNGR-ST", "845/2023/HNGĐ-ST", true, model::CaseType::kFamily,
       model::CourtLevel::kFirstInstance},
      {"27/2022/LĐĐ-ST", "27/2022/LĐ-ST", true, model::CaseType::kLabour,
       model::CourtLevel::kFirstInstance},
      {"112/2022/HNGĐ-ST-Ngày", "112/2022/HNGĐ-ST", true, model::CaseType::kFamily,
       model::CourtLevel::kFirstInstance},
      {"3/2017/HSST", "3/2017/HSST", false, model::CaseType::kCriminal,
       model::CourtLevel::kFirstInstance},
      {"5/2020/KDTM-PT", "5/2020/KDTM-PT", false, model::CaseType::kCommercial,
       model::CourtLevel::kAppeal},
  };
  for (const Case& c : cases) {
    const auto r = ExtractOk(std::string("TÒA ÁN NHÂN DÂN HUYỆN X\nSố: ") + c.number +
                             "\nngày 09 tháng 10 năm 2023\nNHÂN DANH NƯỚC CỘNG HÒA XÃ HỘI CHỦ "
                             "NGHĨA VIỆT NAM\n" + kParties);
    EXPECT_EQ(r.document.number.value_or(""), c.read) << c.number;
    EXPECT_EQ(HasWarning(r, "number_respelled"), c.warned) << c.number;
    EXPECT_EQ(r.document.case_type, c.type) << c.number;
    EXPECT_EQ(r.document.level, c.level) << c.number;
  }
}

TEST(ExtractHeader, ReadsAnEthAsTheLetterĐ) {
  // OCR reads Đ as the Icelandic Ð (U+00D0): same bytes long, read as Đ.
  const auto r = ExtractOk(
      "TÒA ÁN NHÂN DÂN HUYỆN C\nTỈNH Ð\nSố: 215/2023/QÐST-HNGÐ\nngày 09 tháng 10 năm 2023\n"
      "NHÂN DANH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" + kParties);
  EXPECT_EQ(r.document.court.value_or(""), "Tòa án nhân dân huyện C, tỉnh Đ");
  EXPECT_EQ(r.document.number.value_or(""), "215/2023/QĐST-HNGĐ");
  EXPECT_EQ(r.document.kind, model::DocumentKind::kDecision);
  EXPECT_EQ(r.document.case_type, model::CaseType::kFamily);
}

struct ObligationCase {
  std::string operative;
  ObligationKind kind;
  std::string debtor;
  std::optional<std::int64_t> amount;
  model::PaymentPeriod period = model::PaymentPeriod::kOnce;
};

TEST(ExtractObligations, ReadsKindDebtorAndAmount) {
  const ObligationCase cases[] = {
      {"Buộc ông Trần Văn B phải trả cho bà Nguyễn Thị A số tiền 150.000.000 đồng (Một trăm năm "
       "mươi triệu đồng).",
       ObligationKind::kPayDebt, "Trần Văn B", 150000000},
      // Role only, the total with its breakdown, VNĐ.
      {"Buộc bị đơn trả cho nguyên đơn tổng số tiền 120.000.000 VNĐ, trong đó nợ gốc 100.000.000 "
       "đồng, lãi 20.000.000 đồng.",
       ObligationKind::kPayDebt, "Trần Văn B", 120000000},
      // What is still owed after a payment already made.
      {"Bị đơn ông Trần Văn B đã trả 20.000.000 đồng, còn phải trả cho bà A 80.000.000 đồng.",
       ObligationKind::kPayDebt, "Trần Văn B", 80000000},
      {"Ông Trần Văn B có nghĩa vụ cấp dưỡng nuôi con chung cho bà Nguyễn Thị A mỗi tháng "
       "2.000.000 đồng cho đến khi cháu đủ 18 tuổi.",
       ObligationKind::kSupport, "Trần Văn B", 2000000, model::PaymentPeriod::kMonthly},
      // A fee partly covered by the advance: what is still owed.
      {"Ông Trần Văn B phải chịu 7.500.000 đồng án phí dân sự sơ thẩm, được khấu trừ vào số tiền "
       "tạm ứng án phí 2.000.000 đồng đã nộp.",
       ObligationKind::kCourtFee, "Trần Văn B", 5500000},
      {"Hoàn trả cho bà Nguyễn Thị A 300.000 đồng tạm ứng án phí đã nộp theo biên lai số 01 của "
       "Chi cục Thi hành án dân sự huyện Đầm Dơi.",
       ObligationKind::kAdvanceFeeRefund, "Chi cục Thi hành án dân sự huyện Đầm Dơi", 300000},
      {"Buộc ông Trần Văn B giao cho bà Nguyễn Thị A quyền sử dụng thửa đất số 123, tờ bản đồ số 5.",
       ObligationKind::kHandOverProperty, "Trần Văn B", std::nullopt},
      // What is still owed, after a semicolon, revises the order rather than adding one.
      {"Buộc ông Trần Văn B bồi thường cho bà Nguyễn Thị A tổng số tiền 65.000.000 đồng; ông B "
       "đã bồi thường 25.000.000 đồng, còn phải bồi thường tiếp 40.000.000 đồng.",
       ObligationKind::kCompensation, "Trần Văn B", 40000000},
      // A contract penalty is a debt, not a fine.
      {"Buộc ông Trần Văn B thanh toán cho bà A tiền phạt vi phạm hợp đồng 50.000.000 đồng.",
       ObligationKind::kPayDebt, "Trần Văn B", 50000000},
      {"Ông Trần Văn B và bà Nguyễn Thị A có nghĩa vụ liên đới trả cho Ngân hàng 10.000.000 đồng "
       "chia làm 2 đợt.",
       ObligationKind::kPayDebt, "Trần Văn B và Nguyễn Thị A", 10000000,
       model::PaymentPeriod::kInstallments},
  };
  for (const ObligationCase& c : cases) {
    const auto r = ExtractOk(Judgment(kParties, c.operative));
    ASSERT_EQ(r.obligations.size(), 1u) << c.operative;
    const model::Obligation& o = r.obligations[0];
    EXPECT_EQ(o.kind, c.kind) << c.operative;
    EXPECT_EQ(o.debtor.value_or(""), c.debtor) << c.operative;
    EXPECT_EQ(o.amount_vnd, c.amount) << c.operative;
    EXPECT_EQ(o.period, c.period) << c.operative;
    EXPECT_EQ(o.initiative, model::DefaultInitiative(o)) << c.operative;
  }
}

TEST(ExtractObligations, ReadsClausesThroughOcrDamage) {
  const ObligationCase cases[] = {
      // A '.' misread inside the sentence does not end it.
      {"4. Về án phí: Ông Trần Văn B phải chịu 200. cêU) đồng án phí hình sự sơ thẩm và "
       "2.400.000 đồng án phí dân sự sơ thẩm.",
       ObligationKind::kCourtFee, "Trần Văn B", 2400000},
      // A line wrapped inside the sentence, a dash read in front of the next line.
      {"4. Buộc ông Trần Văn B bồi thường cho bà Nguyễn Thị\n- A 02 tháng tiền lương là "
       "18.400.000 đồng (Mười tám triệu bốn trăm nghìn đồng).",
       ObligationKind::kCompensation, "Trần Văn B", 18400000},
      {"Buộc ông Trần Văn B phải trả cho bà\n. Nguyễn Thị A số tiền 150.000.000\n. đồng (Một "
       "trăm năm mươi triệu đồng).",
       ObligationKind::kPayDebt, "Trần Văn B", 150000000},
      // A '.' read inside a name does not end the sentence; debris in an unfinished name.
      {"2. Về án phí: Ông Trần. Văn B phải chịu 3.000.000 đồng án phí.", ObligationKind::kCourtFee,
       "Trần Văn B", 3000000},
      // A '.' before a date goes on; a letter alone after a sentence's end is a speck.
      {"Hoàn trả cho bà Nguyễn Thị A 300.000 đồng tiền tạm ứng án phí theo biên lai thu số 01 "
       "ngày. 10/01/2023 của Chi cục Thi hành án dân sự thành phố Long Xuyên.",
       ObligationKind::kAdvanceFeeRefund, "Chi cục Thi hành án dân sự thành phố Long Xuyên", 300000},
      {"Ông Trần Văn B phải hoàn trả cho bà Nguyễn: Thị A chi phí xem xét thẩm định 6.800.000 "
       "đồng.",
       ObligationKind::kProceduralCosts, "Trần Văn B", 6800000},
  };
  for (const ObligationCase& c : cases) {
    const auto r = ExtractOk(Judgment(kParties, c.operative));
    ASSERT_EQ(r.obligations.size(), 1u) << c.operative;
    const model::Obligation& o = r.obligations[0];
    EXPECT_EQ(o.kind, c.kind) << c.operative;
    EXPECT_EQ(o.debtor.value_or(""), c.debtor) << c.operative;
    EXPECT_EQ(o.amount_vnd, c.amount) << c.operative;
    EXPECT_EQ(o.period, c.period) << c.operative;
    EXPECT_EQ(o.initiative, model::DefaultInitiative(o)) << c.operative;
  }
}

TEST(ExtractObligations, MatchesNamesMisreadOrCutInTheOperativePart) {
  struct Case {
    std::string parties;
    std::string operative;
    std::string debtor;
    std::string creditor;
    std::string warning;
  } cases[] = {
      // One letter misread: the one party it can be, with a warning.
      {kParties, "Buộc ông Trần Văn B trả cho bà Nguyễn Thi An 5.000.000 đồng.", "Trần Văn B",
       "Nguyễn Thị A", ""},  // masked names: "An" is not "A"
      {"Nguyên đơn: Ông Bùi Xuân Thọ.\nBị đơn: Ông Kha Văn Nhẫn.",
       "Buộc ông Kha Văn Nhẫn trả cho ông Bài Xuân Thọ 6.800.000 đồng.", "Kha Văn Nhẫn",
       "Bùi Xuân Thọ", "name_matched_approximately"},
      // A name cut at the line end by OCR.
      {"Nguyên đơn: Ông Mai Văn Quý.\nBị đơn: Ông Tăng Văn Lợi.",
       "Ông Tăng Văn Lợi có nghĩa vụ trả cho ông Mai Văn 120.000.000 đồng.", "Tăng Văn Lợi",
       "Mai Văn Quý", "name_matched_approximately"},
      // Debris inside a name that cannot end there.
      {"Nguyên đơn: Ông Mai Văn Quý.\nBị đơn: Ông Tăng Văn Lợi.",
       "Ông Tăng Văn Lợi có nghĩa vụ trả cho ông Mai Văn -\nQuý 120.000.000 đồng.", "Tăng Văn Lợi",
       "Mai Văn Quý", ""},
      {"Nguyên đơn: Ông Mai Văn Quý.\nBị đơn: Ông Tăng Văn Lợi.",
       "Buộc ông Tăng Văn Lọi trả cho ông Mai Văn Quý 120.000.000 đồng.", "Tăng Văn Lợi",
       "Mai Văn Quý", ""},  // marks only: the folded key is the same
  };
  for (const Case& c : cases) {
    const auto r = ExtractOk(Judgment(c.parties, c.operative));
    ASSERT_EQ(r.obligations.size(), 1u) << c.operative;
    EXPECT_EQ(r.obligations[0].debtor.value_or(""), c.debtor) << c.operative;
    if (c.creditor == "Nguyễn Thị A") {
      EXPECT_NE(r.obligations[0].creditor.value_or(""), c.creditor) << c.operative;
      EXPECT_TRUE(HasWarning(r, "party_not_listed")) << c.operative;
    } else {
      EXPECT_EQ(r.obligations[0].creditor.value_or(""), c.creditor) << c.operative;
    }
    if (!c.warning.empty()) {
      EXPECT_TRUE(HasWarning(r, c.warning)) << c.operative;
    }
  }
}

TEST(ExtractObligations, ALetterAloneAfterASentenceIsASpeck) {
  const auto r = ExtractOk(Judgment(
      kParties,
      "3. Về án phí: Bà Nguyễn Thị A phải chịu 150.000 đồng án phí sơ thẩm; hoàn trả cho bà A "
      "150.000 đồng tạm ứng án phí đã nộp tại Chi cục Thi hành án dân sự thị.xã Sơn Tây. l\n"
      "Ông Trần Văn B phải chịu 3.750.000 đồng án phí."));
  std::vector<std::string> fees;
  for (const auto& o : r.obligations) {
    if (o.kind == ObligationKind::kCourtFee) fees.push_back(o.debtor.value_or(""));
    if (o.kind == ObligationKind::kAdvanceFeeRefund) {
      EXPECT_EQ(o.debtor.value_or(""), "Chi cục Thi hành án dân sự thị xã Sơn Tây");
    }
  }
  EXPECT_EQ(fees, (std::vector<std::string>{"Nguyễn Thị A", "Trần Văn B"}));
}

TEST(ExtractObligations, ReadsAnOrganizationWithADotReadInItsName) {
  const auto r = ExtractOk(Judgment(
      "Nguyên đơn: Chị Lê Thị Mỹ Duyên.\nBị đơn: Công ty TNHH May Mặc Hoàng Gia Việt Nam.",
      "Buộc Công ty TNHH May Mặc. Hoàng: Gia Việt Nam phải trả cho chị Lê Thị Mỹ Duyên tổng số "
      "tiền 27.300.000 đồng (Hai mươi bảy triệu ba trăm nghìn đồng). Kể từ ngày có đơn yêu cầu "
      "thi hành án còn phải chịu lãi theo Điều 468 Bộ luật Dân sự."));
  ASSERT_EQ(r.obligations.size(), 1u);
  EXPECT_EQ(r.obligations[0].debtor.value_or(""), "Công ty TNHH May Mặc Hoàng Gia Việt Nam");
  EXPECT_EQ(r.obligations[0].creditor.value_or(""), "Lê Thị Mỹ Duyên");
  EXPECT_TRUE(r.obligations[0].late_interest);
}

TEST(ExtractObligations, FramingClausesWithAMisreadListNumberCreateNothing) {
  const auto r = ExtractOk(Judgment(
      kParties,
      "1. Buộc ông Trần Văn B trả cho bà Nguyễn Thị A 150.000.000 đồng.\nƠI Đình chỉ xét xử đối "
      "với yêu cầu trả tiền lãi 20.000.000 đồng của nguyên đơn."));
  ASSERT_EQ(r.obligations.size(), 1u);
  EXPECT_EQ(r.obligations[0].amount_vnd, 150000000);
  EXPECT_FALSE(HasWarning(r, "debtor_unknown"));
}

TEST(ExtractObligations, OnlyTheOperativePartCreatesObligations) {
  // The facts and the reasoning of Judgment() quote 99.000.000 and 88.000.000 đồng.
  const auto r = ExtractOk(Judgment(kParties, "Chấp nhận yêu cầu khởi kiện của nguyên đơn."));
  EXPECT_TRUE(r.obligations.empty());
  EXPECT_EQ(r.parties.size(), 2u);
}

TEST(ExtractObligations, NoOrderWithoutOperativePart) {
  const auto r = ExtractOk("TÒA ÁN NHÂN DÂN HUYỆN X\nBản án số: 1/2020/DS-ST\n" + kParties +
                     "Buộc ông Trần Văn B trả 5.000.000 đồng.");
  EXPECT_TRUE(r.obligations.empty());
  EXPECT_TRUE(HasWarning(r, "no_operative_part"));
}

TEST(ExtractObligations, LateInterestClauseAppliesToMoneyOwedToParties) {
  const auto r = ExtractOk(Judgment(
      kParties,
      "Buộc ông Trần Văn B trả cho bà Nguyễn Thị A 10.000.000 đồng.\nKể từ ngày có đơn yêu cầu "
      "thi hành án, bên phải thi hành án còn phải chịu lãi theo khoản 2 Điều 468 Bộ luật Dân "
      "sự.\nÔng Trần Văn B phải chịu 500.000 đồng án phí."));
  ASSERT_EQ(r.obligations.size(), 2u);
  EXPECT_TRUE(r.obligations[0].late_interest);
  EXPECT_FALSE(r.obligations[1].late_interest);
  EXPECT_EQ(r.obligations[1].creditor.value_or(""), "Nhà nước");
}

TEST(ExtractWarnings, SaysWhatItDoubts) {
  struct Case {
    std::string operative;
    std::string code;
  } cases[] = {
      {"Buộc ông Trần Văn B trả cho bà A 150.000.000 đồng (Một trăm năm mươi lăm triệu đồng).",
       "amount_mismatch"},
      {"Buộc ông Trần Văn B trả cho bà A 15O.000.000 đồng (Một trăm năm mươi triệu đồng).",
       "amount_unreadable"},
      {"Buộc ông Lê Văn Z trả cho bà Nguyễn Thị A 5.000.000 đồng.", "debtor_not_party"},
      {"Buộc ông Trần Văn B trả cho ông Hồ Văn Q 5.000.000 đồng.", "party_not_listed"},
  };
  for (const Case& c : cases) {
    const auto r = ExtractOk(Judgment(kParties, c.operative));
    EXPECT_TRUE(HasWarning(r, c.code)) << c.operative;
    for (const auto& w : r.warnings) {
      if (w.code == c.code) {
        ASSERT_TRUE(w.source.has_value());
        EXPECT_LT(w.source->start, w.source->end);
      }
    }
  }
  // The mismatch keeps the digits and says both readings.
  const auto r = ExtractOk(Judgment(kParties, cases[0].operative));
  ASSERT_EQ(r.obligations.size(), 1u);
  EXPECT_EQ(r.obligations[0].amount_vnd, 150000000);
}

TEST(ExtractBadInput, RefusesOrWarnsNeverCrashes) {
  EXPECT_FALSE(Extract("", "empty.txt").ok());
  EXPECT_FALSE(Extract(" \n\t\f ", "blank.txt").ok());
  auto invalid = Extract("Bản án\xC3\x28 số", "bad.txt");
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.status().message().find("byte"), std::string::npos);
  auto other = Extract("Hôm nay trời đẹp. Chúng tôi đi chợ mua rau, cá và thịt.", "note.txt");
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->parties.empty());
  EXPECT_TRUE(HasWarning(*other, "not_a_judgment"));
}

TEST(ExtractBadInput, FiftyMegabytesIsRefusedAtOnce) {
  const std::string big(50u * 1024 * 1024, 'a');
  auto r = Extract(big, "big.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("too large"), std::string::npos);
}

TEST(ExtractBadInput, PathologicalTextsFinish) {
  // Each is megabytes of what the scanners look at most: brackets, digits and dots,
  // titles, role labels, amounts, line breaks. They must finish (linear scans).
  const std::string judgment = Judgment(kParties, "Buộc ông Trần Văn B trả 1.000 đồng.");
  std::vector<std::string> inputs;
  inputs.push_back(std::string(1 << 20, '('));
  inputs.push_back(std::string(1 << 20, '\n'));
  std::string digits;
  while (digits.size() < (1u << 20)) digits += "1.";
  inputs.push_back(digits);
  std::string titles;
  while (titles.size() < (1u << 20)) titles += "ông Bà Anh Chị ";
  inputs.push_back(titles);
  std::string labels;
  while (labels.size() < (1u << 20)) labels += "Nguyên đơn: Bị đơn: Người đại diện của ";
  inputs.push_back(labels);
  std::string orders = judgment;
  while (orders.size() < (2u << 20)) {
    orders += "Buộc ông Trần Văn B trả cho bà Nguyễn Thị A 5.000.000 đồng (Năm triệu đồng); ";
  }
  inputs.push_back(orders);
  for (const std::string& in : inputs) {
    auto r = Extract(in, "stress.txt");
    // Line breaks only are an empty text (an error); everything else reads.
    EXPECT_EQ(r.ok(), in[0] != '\n') << r.status().message();
  }
}

TEST(FindAmounts, ReadsDigitsWordsAndCurrencies) {
  struct Case {
    const char* text;
    std::optional<std::int64_t> value;
    const char* warning;
  } cases[] = {
      {"150.000.000 đồng (Một trăm năm mươi triệu đồng)", 150000000, ""},
      {"50.000.000 VNĐ", 50000000, ""},
      {"1.005.000đ (Một triệu không trăm lẻ năm ngàn đồng)", 1005000, ""},
      {"1,5 tỷ đồng", 1500000000, ""},
      {"105.000 đồng (Một trăm linh năm nghìn đồng)", 105000, ""},
      {"150.000.\n000 đồng", 150000000, ""},
      {"105.000 đồng (Một trăm mười lăm nghìn đồng)", 105000, "amount_mismatch"},
      {"105.000 đồng (Một trăm năm nghìn đồng)", 105000, "amount_unreadable"},  // ambiguous
      {"14O.000.000 đồng (Một trăm bốn mươi triệu đồng)", 140000000, "amount_unreadable"},
      // OCR specks: before the currency, glued before the digits, starting a line.
      {"300.000 “đồng (Ba trăm nghìn đồng)", 300000, ""},
      {"phải chịu.4.728.100 đồng", 4728100, ""},
      {"150.000.000\n. đồng (Một trăm năm mươi triệu đồng)", 150000000, ""},
      {"10.000:000 đồng (Mười triệu đồng)", 10000000, "amount_unreadable"},  // ':' for '.'
      {"300:000 đồng", 300000, "amount_unreadable"},
  };
  for (const Case& c : cases) {
    const PreparedText t(c.text);
    const auto amounts = FindAmounts(t, 0, t.size());
    ASSERT_EQ(amounts.size(), 1u) << c.text;
    EXPECT_EQ(amounts[0].value, c.value) << c.text;
    EXPECT_EQ(amounts[0].warning ? amounts[0].warning->code : "", c.warning) << c.text;
  }
  for (const char* none : {"thửa đất số 123", "03 (ba) năm tù", "ngày 12/9/2017", "10%/năm"}) {
    const PreparedText t(none);
    EXPECT_TRUE(FindAmounts(t, 0, t.size()).empty()) << none;
  }
  const PreparedText monthly("2.000.000 đồng/tháng");
  EXPECT_TRUE(FindAmounts(monthly, 0, monthly.size()).at(0).monthly);
}

}  // namespace
}  // namespace thads::extract
