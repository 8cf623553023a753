#include "render/template.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::render {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::string kSource = THADS_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes `content` to a fresh file under the test's temporary directory.
std::string WriteTemp(const std::string& name, const std::string& content) {
  // One folder per process: CTest runs the tests of this file in parallel.
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) /
                                    ("thads_template_test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

const OfficeProfile& Office() {
  static const OfficeProfile office = [] {
    Result<OfficeProfile> p = LoadOfficeProfile(kSource + "/templates/office.xml");
    if (!p.ok()) ADD_FAILURE() << p.status().message();
    return p.ok() ? *p : OfficeProfile{};
  }();
  return office;
}

std::string ParagraphText(const Paragraph& p) {
  std::string s;
  for (const Run& r : p.runs) s += r.text;
  return s;
}

// Every paragraph in document order, table cells row by row.
void CollectParagraphs(const std::vector<Block>& blocks,
                       std::vector<const Paragraph*>& out) {
  for (const Block& b : blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) {
      out.push_back(p);
    } else if (const auto* t = std::get_if<std::shared_ptr<Table>>(&b)) {
      for (const auto& row : (*t)->rows) {
        for (const Cell& c : row) CollectParagraphs(c.blocks, out);
      }
    }
  }
}

std::vector<std::string> Texts(const LayoutDocument& doc) {
  std::vector<const Paragraph*> ps;
  CollectParagraphs(doc.blocks, ps);
  std::vector<std::string> out;
  for (const Paragraph* p : ps) out.push_back(ParagraphText(*p));
  return out;
}

std::string AllText(const LayoutDocument& doc) {
  std::string s;
  for (const std::string& t : Texts(doc)) s += t + "\n";
  return s;
}

const Paragraph* FindParagraph(const LayoutDocument& doc, std::string_view starts_with) {
  std::vector<const Paragraph*> ps;
  CollectParagraphs(doc.blocks, ps);
  for (const Paragraph* p : ps) {
    if (ParagraphText(*p).starts_with(starts_with)) return p;
  }
  return nullptr;
}

// Top-level paragraphs only (outside the header and signature tables).
std::vector<std::string> BodyTexts(const LayoutDocument& doc) {
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) out.push_back(ParagraphText(*p));
  }
  return out;
}

Result<LayoutDocument> ExpandShipped(const std::string& name,
                                     const std::string& data = "") {
  Result<Template> t = LoadTemplate(kSource + "/templates/" + name + ".xml");
  if (!t.ok()) return t.status();
  return Expand(
      *t,
      data.empty() ? ReadFile(kSource + "/samples/documents/" + name + ".json") : data,
      Office());
}

// Half an em per character, as in the layout tests: close to Times New Roman.
class FakeMeasurer : public TextMeasurer {
 public:
  double Width(FontStyle, double size_pt, std::string_view s) const override {
    return 0.5 * size_pt * static_cast<double>(text::DecodeUtf8(s).size());
  }
  std::optional<char32_t> MissingGlyph(FontStyle, std::string_view) const override {
    return std::nullopt;
  }
  double Ascent(FontStyle, double size_pt) const override { return 0.8 * size_pt; }
  double Descent(FontStyle, double size_pt) const override { return 0.2 * size_pt; }
};

// A small template around `fields` and `body`, written to a temp file.
std::string MiniTemplate(const std::string& name, const std::string& fields,
                         const std::string& body) {
  return WriteTemp(name,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<template title=\"Thử\">\n"
                   "  <fields>\n" +
                       fields +
                       "\n  </fields>\n"
                       "  <body>\n" +
                       body +
                       "\n  </body>\n"
                       "</template>\n");
}

// ---- The shipped document set ------------------------------------------

const char* const kShipped[] = {
    "qd-thi-hanh-an-chu-dong", "qd-thi-hanh-an-theo-yeu-cau", "thong-bao-thi-hanh-an",
    "giay-trieu-tap",          "bien-ban-xac-minh",           "bien-ban-ke-bien",
    "bien-ban-giai-quyet",     "qd-phi-thi-hanh-an",
};

class ShippedTemplate : public ::testing::TestWithParam<const char*> {};

TEST_P(ShippedTemplate, LoadsChecksCleanAndExpandsItsSample) {
  const std::string name = GetParam();
  Result<Template> t = LoadTemplate(kSource + "/templates/" + name + ".xml");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_FALSE(t->title().empty());
  EXPECT_THAT(CheckTemplate(*t, Office()), IsEmpty());

  Result<LayoutDocument> doc =
      Expand(*t, ReadFile(kSource + "/samples/documents/" + name + ".json"), Office());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_FALSE(doc->blocks.empty());
  // Every document opens with the ND 30 header.
  ASSERT_TRUE(std::holds_alternative<std::shared_ptr<Table>>(doc->blocks.front()));
  for (const std::string& s : Texts(*doc)) {
    ASSERT_TRUE(text::ValidateUtf8(s, name).ok()) << s;
    EXPECT_TRUE(text::IsNfc(s)) << s;
    EXPECT_EQ(s.find("  "), std::string::npos) << "double space in: " << s;
  }

  FakeMeasurer measurer;
  Result<LaidOutDocument> laid = Layout(*doc, measurer);
  ASSERT_TRUE(laid.ok()) << laid.status().message();
  EXPECT_GE(laid->pages.size(), 1u);
  EXPECT_LE(laid->pages.size(), 3u);
}

TEST_P(ShippedTemplate, SampleDataIsNfc) {
  const std::string data =
      ReadFile(kSource + "/samples/documents/" + GetParam() + ".json");
  ASSERT_FALSE(data.empty());
  ASSERT_TRUE(text::ValidateUtf8(data, GetParam()).ok());
  EXPECT_TRUE(text::IsNfc(data));
  const std::string tmpl = ReadFile(kSource + "/templates/" + GetParam() + ".xml");
  EXPECT_TRUE(text::IsNfc(tmpl));
}

INSTANTIATE_TEST_SUITE_P(Templates, ShippedTemplate, ::testing::ValuesIn(kShipped),
                         [](const ::testing::TestParamInfo<const char*>& p) {
                           std::string n = p.param;
                           for (char& c : n) {
                             if (c == '-') c = '_';
                           }
                           return n;
                         });

TEST(ShippedTemplates, EveryTemplateInTheFolderHasASample) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(kSource + "/templates")) {
    const auto& p = entry.path();
    if (p.extension() == ".xml" && p.filename() != "office.xml") {
      found.push_back(p.stem().string());
      EXPECT_TRUE(std::filesystem::exists(kSource + "/samples/documents/" +
                                          p.stem().string() + ".json"))
          << p;
    }
  }
  EXPECT_EQ(found.size(), std::size(kShipped));
}

TEST(QdChuDong, TitleMoneyInWordsAndNd30Date) {
  Result<LayoutDocument> doc = ExpandShipped("qd-thi-hanh-an-chu-dong");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const std::vector<std::string> body = BodyTexts(*doc);
  ASSERT_GE(body.size(), 3u);
  EXPECT_EQ(body[0], "QUYẾT ĐỊNH");
  EXPECT_EQ(body[1], "Về việc thi hành án chủ động");
  EXPECT_EQ(body[2], "TRƯỞNG PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 3");
  const std::string all = AllText(*doc);
  EXPECT_THAT(all, HasSubstr("Số: 101/QĐ-THADS\n"));
  EXPECT_THAT(all, HasSubstr("Đồng Tháp, ngày 08 tháng 9 năm 2026\n"));
  EXPECT_THAT(all,
              HasSubstr("- Nộp tiền án phí dân sự sơ thẩm: 7.500.000 đồng (Bảy triệu năm "
                        "trăm nghìn đồng).\n"));
  EXPECT_THAT(all,
              HasSubstr("Căn cứ Bản án số 12/2023/DS-ST ngày 15 tháng 3 năm 2023 của Tòa "
                        "án nhân dân huyện Cao Lãnh, tỉnh Đồng Tháp."));
  EXPECT_THAT(
      all, HasSubstr("Điều 1. Cho thi hành án đối với: Ông Lê Văn Minh, sinh năm 1975."));
  EXPECT_THAT(all, HasSubstr("trong thời hạn 10 ngày"));
  EXPECT_THAT(all, HasSubstr("Căn cứ Luật Thi hành án dân sự số 106/2025/QH15;"));

  // "Điều 1." is bold, the rest of its paragraph regular.
  const Paragraph* article = FindParagraph(*doc, "Điều 1.");
  ASSERT_NE(article, nullptr);
  EXPECT_EQ(article->runs.front().text, "Điều 1.");
  EXPECT_EQ(article->runs.front().style.font, FontStyle::kBold);
  EXPECT_EQ(article->style.align, Align::kJustify);
  EXPECT_EQ(article->style.space_after_pt, 6);
  EXPECT_NEAR(article->style.first_line_indent_pt, 10 * kPointsPerMm, 1e-9);
  EXPECT_EQ(article->runs.front().style.size_pt, 14);

  // "Căn cứ" lines are italic; the title is bold and centred.
  const Paragraph* basis = FindParagraph(*doc, "Căn cứ Bản án");
  ASSERT_NE(basis, nullptr);
  EXPECT_EQ(basis->runs.front().style.font, FontStyle::kItalic);
  const Paragraph* title = FindParagraph(*doc, "QUYẾT ĐỊNH");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->style.align, Align::kCenter);
  EXPECT_EQ(title->runs.front().style.font, FontStyle::kBold);
  EXPECT_TRUE(title->style.keep_with_next);

  // Money runs remember the data key they came from.
  const Paragraph* item = FindParagraph(*doc, "- Nộp tiền án phí");
  ASSERT_NE(item, nullptr);
  bool found_amount = false;
  for (const render::Run& r : item->runs) {
    if (r.text == "7.500.000 đồng") {
      EXPECT_EQ(r.field, "obligations[0].amount");
      found_amount = true;
    }
  }
  EXPECT_TRUE(found_amount);
}

TEST(QdChuDong, Nd30HeaderLayout) {
  Result<LayoutDocument> doc = ExpandShipped("qd-thi-hanh-an-chu-dong");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const auto& header = std::get<std::shared_ptr<Table>>(doc->blocks.front());
  EXPECT_FALSE(header->borders);
  ASSERT_EQ(header->column_weights.size(), 2u);
  ASSERT_EQ(header->rows.size(), 1u);
  ASSERT_EQ(header->rows[0].size(), 2u);

  const std::vector<Block>& left = header->rows[0][0].blocks;
  ASSERT_EQ(left.size(), 4u);
  const auto& superior = std::get<Paragraph>(left[0]);
  EXPECT_EQ(ParagraphText(superior), "THI HÀNH ÁN DÂN SỰ\nTỈNH ĐỒNG THÁP");
  EXPECT_EQ(superior.runs[0].style.font, FontStyle::kRegular);
  EXPECT_EQ(superior.runs[0].style.size_pt, 12);
  const auto& agency = std::get<Paragraph>(left[1]);
  EXPECT_EQ(ParagraphText(agency), "PHÒNG THI HÀNH ÁN DÂN SỰ\nKHU VỰC 3");
  EXPECT_EQ(agency.runs[0].style.font, FontStyle::kBold);
  EXPECT_EQ(agency.runs[0].style.size_pt, 12);
  const auto& short_rule = std::get<Rule>(left[2]);
  EXPECT_EQ(short_rule.width_mode, Rule::Width::kFraction);
  EXPECT_NEAR(short_rule.width, 1.0 / 3, 1e-9);
  EXPECT_EQ(short_rule.align, Align::kCenter);
  EXPECT_EQ(ParagraphText(std::get<Paragraph>(left[3])), "Số: 101/QĐ-THADS");

  const std::vector<Block>& right = header->rows[0][1].blocks;
  ASSERT_EQ(right.size(), 4u);
  const auto& motto = std::get<Paragraph>(right[0]);
  EXPECT_EQ(ParagraphText(motto), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(motto.runs[0].style.font, FontStyle::kBold);
  EXPECT_EQ(motto.runs[0].style.size_pt, 13);
  const auto& slogan = std::get<Paragraph>(right[1]);
  EXPECT_EQ(ParagraphText(slogan), "Độc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(slogan.runs[0].style.font, FontStyle::kBold);
  EXPECT_EQ(slogan.runs[0].style.size_pt, 14);
  EXPECT_EQ(std::get<Rule>(right[2]).width_mode, Rule::Width::kPreviousLine);
  const auto& date = std::get<Paragraph>(right[3]);
  EXPECT_EQ(ParagraphText(date), "Đồng Tháp, ngày 08 tháng 9 năm 2026");
  EXPECT_EQ(date.runs[0].style.font, FontStyle::kItalic);
  EXPECT_EQ(date.runs[0].field, "document.date");
}

TEST(QdChuDong, SignatureBlock) {
  Result<LayoutDocument> doc = ExpandShipped("qd-thi-hanh-an-chu-dong");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const auto& sig = std::get<std::shared_ptr<Table>>(doc->blocks.back());
  EXPECT_FALSE(sig->borders);
  ASSERT_EQ(sig->rows.size(), 1u);
  std::vector<const Paragraph*> left, right;
  CollectParagraphs(sig->rows[0][0].blocks, left);
  CollectParagraphs(sig->rows[0][1].blocks, right);
  ASSERT_EQ(left.size(), 4u);
  EXPECT_EQ(ParagraphText(*left[0]), "Nơi nhận:");
  EXPECT_EQ(left[0]->runs[0].style.font, FontStyle::kBoldItalic);
  EXPECT_EQ(left[0]->runs[0].style.size_pt, 12);
  EXPECT_EQ(ParagraphText(*left[1]), "- Như Điều 3;");
  EXPECT_EQ(left[1]->runs[0].style.size_pt, 11);
  EXPECT_EQ(ParagraphText(*left[2]), "- Viện kiểm sát nhân dân khu vực 3 - Đồng Tháp;");
  EXPECT_EQ(ParagraphText(*left[3]), "- Lưu: VT, hồ sơ THA.");
  ASSERT_EQ(right.size(), 2u);
  EXPECT_EQ(ParagraphText(*right[0]), "TRƯỞNG PHÒNG");
  EXPECT_EQ(right[0]->runs[0].style.font, FontStyle::kBold);
  EXPECT_EQ(right[0]->runs[0].style.size_pt, 13);
  EXPECT_EQ(ParagraphText(*right[1]), "Trần Văn Bình");
  EXPECT_EQ(right[1]->runs[0].style.size_pt, 14);
  EXPECT_TRUE(std::holds_alternative<Spacer>(sig->rows[0][1].blocks[1]));
}

TEST(QdTheoYeuCau, RequestTotalAndLateInterest) {
  Result<LayoutDocument> doc = ExpandShipped("qd-thi-hanh-an-theo-yeu-cau");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const std::vector<std::string> body = BodyTexts(*doc);
  EXPECT_EQ(body.at(1), "Về việc thi hành án theo yêu cầu");
  const std::string all = AllText(*doc);
  EXPECT_THAT(all,
              HasSubstr("Căn cứ đơn yêu cầu thi hành án ngày 14 tháng 9 năm 2026 của ông "
                        "Nguyễn Văn An."));
  EXPECT_THAT(
      all, HasSubstr("Tổng cộng: 168.500.000 đồng (Một trăm sáu mươi tám triệu năm trăm "
                     "nghìn đồng)."));
  EXPECT_THAT(all, HasSubstr("khoản 2 Điều 468 Bộ luật Dân sự năm 2015"));
  EXPECT_THAT(all, HasSubstr("Phải thi hành cho: ông Nguyễn Văn An"));
}

TEST(QdTheoYeuCau, LateInterestClauseFollowsTheFlag) {
  std::string data =
      ReadFile(kSource + "/samples/documents/qd-thi-hanh-an-theo-yeu-cau.json");
  const std::string flag = "\"late_interest\": true";
  ASSERT_NE(data.find(flag), std::string::npos);
  data.replace(data.find(flag), flag.size(), "\"late_interest\": false");
  Result<LayoutDocument> doc = ExpandShipped("qd-thi-hanh-an-theo-yeu-cau", data);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_THAT(AllText(*doc), Not(HasSubstr("Điều 468")));
}

TEST(ThongBao, NumberedPointsAndOfficerSignature) {
  Result<LayoutDocument> doc = ExpandShipped("thong-bao-thi-hanh-an");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(BodyTexts(*doc).at(0), "THÔNG BÁO");
  const std::string all = AllText(*doc);
  EXPECT_THAT(all, HasSubstr("Số: 215/TB-THADS\n"));
  EXPECT_THAT(all, HasSubstr("\n1. Ông Lê Văn Minh phải trả"));
  EXPECT_THAT(all, HasSubstr("\n3. Việc nộp tiền"));
  EXPECT_THAT(all, HasSubstr("điện thoại: 0277 3851 234."));
  EXPECT_THAT(all, HasSubstr("CHẤP HÀNH VIÊN\nLê Thị Cúc\n"));
}

TEST(GiayTrieuTap, NameInCapitalsIsTitleCasedAndAppointmentDated) {
  Result<LayoutDocument> doc = ExpandShipped("giay-trieu-tap");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(BodyTexts(*doc).at(0), "GIẤY TRIỆU TẬP");
  const std::string all = AllText(*doc);
  EXPECT_THAT(all, HasSubstr("Ông: Lê Văn Minh, sinh năm 1975\n"));
  EXPECT_THAT(all, HasSubstr("vào hồi 08 giờ 00 phút, ngày 08 tháng 10 năm 2026."));
  EXPECT_THAT(all,
              HasSubstr("Có mặt tại trụ sở Phòng Thi hành án dân sự khu vực 3, Số 12"));
  EXPECT_THAT(all, HasSubstr("Số: 31/GTT-THADS\n"));
}

TEST(BienBanXacMinh, HeaderWithoutNumberOrDateLine) {
  Result<LayoutDocument> doc = ExpandShipped("bien-ban-xac-minh");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const auto& header = std::get<std::shared_ptr<Table>>(doc->blocks.front());
  EXPECT_EQ(header->rows[0][0].blocks.size(), 3u);  // no "Số:" line
  EXPECT_EQ(header->rows[0][1].blocks.size(), 3u);  // no place and date line
  EXPECT_EQ(BodyTexts(*doc).at(1), "Xác minh điều kiện thi hành án");
  const std::string all = AllText(*doc);
  EXPECT_THAT(all,
              HasSubstr("Hôm nay, vào hồi 08 giờ 30 phút, ngày 12 tháng 10 năm 2026, tại "
                        "trụ sở Ủy ban nhân dân xã Mỹ Long"));
  EXPECT_THAT(all, HasSubstr("\n4. Về tài khoản: "));
  EXPECT_THAT(all, HasSubstr("\nKết luận: Ông Lê Văn Minh có điều kiện thi hành án."));
  EXPECT_THAT(all,
              HasSubstr("ĐẠI DIỆN ỦY BAN NHÂN DÂN XÃ\nVõ Thanh Hải\nCHẤP HÀNH VIÊN\n"));
}

TEST(BienBanKeBien, AssetsInABorderedTable) {
  Result<LayoutDocument> doc = ExpandShipped("bien-ban-ke-bien");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  std::shared_ptr<Table> assets;
  for (const Block& b : doc->blocks) {
    if (const auto* t = std::get_if<std::shared_ptr<Table>>(&b); t && (*t)->borders) {
      assets = *t;
    }
  }
  ASSERT_NE(assets, nullptr);
  EXPECT_EQ(assets->column_weights.size(), 5u);
  ASSERT_EQ(assets->rows.size(), 4u);  // header + 3 assets
  auto cell_text = [&](std::size_t r, std::size_t c) {
    const auto& blocks = assets->rows.at(r).at(c).blocks;
    return blocks.empty() ? std::string() : ParagraphText(std::get<Paragraph>(blocks[0]));
  };
  EXPECT_EQ(cell_text(0, 0), "STT");
  EXPECT_EQ(cell_text(0, 1), "Tên tài sản, đặc điểm");
  const auto& head = std::get<Paragraph>(assets->rows[0][1].blocks[0]);
  EXPECT_EQ(head.runs[0].style.font, FontStyle::kBold);
  EXPECT_EQ(head.runs[0].style.size_pt, 12);
  EXPECT_EQ(head.style.align, Align::kCenter);
  EXPECT_EQ(cell_text(1, 0), "1");
  EXPECT_EQ(cell_text(3, 0), "3");
  EXPECT_EQ(cell_text(1, 2), "150 m²");
  EXPECT_THAT(cell_text(3, 1), HasSubstr("66K1-123.45"));
  const auto& body_cell = std::get<Paragraph>(assets->rows[1][1].blocks[0]);
  EXPECT_EQ(body_cell.style.align, Align::kLeft);
  EXPECT_EQ(body_cell.style.first_line_indent_pt, 0);
  EXPECT_EQ(body_cell.runs[0].style.font, FontStyle::kRegular);
  EXPECT_THAT(AllText(*doc), HasSubstr("Người phải thi hành án có mặt."));
}

TEST(BienBanGiaiQuyet, AgreementOrItsAbsence) {
  Result<LayoutDocument> doc = ExpandShipped("bien-ban-giai-quyet");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  std::string all = AllText(*doc);
  EXPECT_THAT(
      all, HasSubstr("các bên tự nguyện thỏa thuận về việc thi hành án như sau:\n1. "));
  EXPECT_THAT(all,
              HasSubstr("là 168.500.000 đồng (Một trăm sáu mươi tám triệu năm trăm nghìn "
                        "đồng), và giải thích"));
  EXPECT_THAT(all, Not(HasSubstr("không thỏa thuận được")));

  std::string data = ReadFile(kSource + "/samples/documents/bien-ban-giai-quyet.json");
  data.replace(data.find("\"agreed\": true"), 14, "\"agreed\": false");
  doc = ExpandShipped("bien-ban-giai-quyet", data);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  all = AllText(*doc);
  EXPECT_THAT(all, HasSubstr("Các bên không thỏa thuận được về việc thi hành án."));
  EXPECT_THAT(all, Not(HasSubstr("như sau:")));
}

TEST(QdPhi, FeeInWordsAndDeputySigns) {
  Result<LayoutDocument> doc = ExpandShipped("qd-phi-thi-hanh-an");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(BodyTexts(*doc).at(1), "Về việc thu phí thi hành án");
  const std::string all = AllText(*doc);
  EXPECT_THAT(
      all, HasSubstr("- Số tiền phí phải nộp: 1.500.000 đồng (Một triệu năm trăm nghìn "
                     "đồng).\n"));
  EXPECT_THAT(all, HasSubstr("- Mức phí: 3% số tiền, giá trị tài sản thực nhận;"));
  EXPECT_THAT(all, HasSubstr("Căn cứ Thông tư số 216/2016/TT-BTC"));
  EXPECT_THAT(all, HasSubstr("KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG\nPhạm Thị Dung\n"));
  EXPECT_THAT(all, HasSubstr("Đồng Tháp, ngày 20 tháng 11 năm 2026\n"));
}

// The complete example of docs/templates.md works as the page says.
TEST(TemplateDocs, CompleteExampleExpandsAsDocumented) {
  const std::string md = ReadFile(kSource + "/docs/templates.md");
  auto block = [&](const std::string& fence) {
    const std::size_t start = md.find(fence + "\n");
    if (start == std::string::npos) return std::string();
    const std::size_t body = start + fence.size() + 1;
    return md.substr(body, md.find("```", body) - body);
  };
  const std::string xml = block("```xml");
  const std::string json = block("```json");
  ASSERT_FALSE(xml.empty());
  ASSERT_FALSE(json.empty());
  Result<Template> t = LoadTemplate(WriteTemp("docs-example.xml", xml));
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_THAT(CheckTemplate(*t, Office()), IsEmpty());
  Result<LayoutDocument> doc = Expand(*t, json, Office());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const std::string all = AllText(*doc);
  EXPECT_THAT(all, HasSubstr("Số: 20/TB-THADS\n"));
  EXPECT_THAT(all, HasSubstr("Đồng Tháp, ngày 05 tháng 02 năm 2024\n"));
  EXPECT_THAT(
      all, HasSubstr("\nPhòng Thi hành án dân sự khu vực 3 thông báo cho ông Lê Văn Minh "
                     "các khoản phải nộp:\n"));
  EXPECT_THAT(all,
              HasSubstr("\n1. Án phí dân sự sơ thẩm: 7.500.000 đồng (Bảy triệu năm trăm "
                        "nghìn đồng).\n"));
  EXPECT_THAT(all, HasSubstr("\nTổng cộng: 9.000.000 đồng.\n"));
  EXPECT_THAT(all,
              HasSubstr("\nĐề nghị nộp tại Phòng Thi hành án dân sự khu vực 3, Số 12"));
  EXPECT_THAT(all, HasSubstr("\n- Lưu: VT, hồ sơ THA.\nTRƯỞNG PHÒNG\nTrần Văn Bình\n"));
}

// ---- The language, on small templates -----------------------------------

TEST(TemplateLanguage, Nd30DateWithLeadingZeros) {
  const std::string path = MiniTemplate(
      "date.xml", R"(<field name="d" type="date" required="yes"/>)",
      R"(<nd30-header kind="QĐ" number="n" date="d"/><p>Lập <v field="d"/>; <v field="d" filter="dmy"/>.</p>)");
  Result<Template> t = LoadTemplate(path);
  EXPECT_FALSE(t.ok());  // "n" is not declared
  const std::string ok_path = MiniTemplate(
      "date2.xml",
      R"(<field name="d" type="date" required="yes"/><field name="n" type="text"/>)",
      R"(<nd30-header kind="QĐ" number="n" date="d"/><p>Lập <v field="d"/>; <v field="d" filter="dmy"/>.</p>)");
  t = LoadTemplate(ok_path);
  ASSERT_TRUE(t.ok()) << t.status().message();
  Result<LayoutDocument> doc = Expand(*t, R"({"d": "2024-02-05"})", Office());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const std::string all = AllText(*doc);
  EXPECT_THAT(all, HasSubstr("Đồng Tháp, ngày 05 tháng 02 năm 2024\n"));
  EXPECT_THAT(all, HasSubstr("Lập ngày 05 tháng 02 năm 2024; 05/02/2024.\n"));
  // No number yet: the clerk writes it in by hand when the document is issued.
  EXPECT_THAT(all, HasSubstr("Số:       /QĐ-THADS\n"));
}

TEST(TemplateLanguage, FiltersOnMoneyAndText) {
  const std::string path = MiniTemplate(
      "filters.xml",
      R"(<field name="a" type="money"/><field name="who" type="name"/><field name="org" type="name"/>)",
      R"(<p><v field="a"/>|<v field="a" filter="money"/>|<v field="a" filter="digits"/>|<v field="a" filter="words"/></p>
<p><v field="who" filter="name"/>|<v field="who" filter="upper"/>|<v field="org" filter="name"/>|<v field="org" filter="lower"/></p>)");
  Result<Template> t = LoadTemplate(path);
  ASSERT_TRUE(t.ok()) << t.status().message();
  Result<LayoutDocument> doc = Expand(
      *t,
      R"({"a": 1005000, "who": "NGUYỄN VĂN AN", "org": "Ngân hàng TMCP Công thương Việt Nam"})",
      Office());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_THAT(
      BodyTexts(*doc),
      ElementsAre("1.005.000 đồng|1.005.000 đồng|1.005.000|Một triệu không trăm linh "
                  "năm nghìn đồng",
                  "Nguyễn Văn An|NGUYỄN VĂN AN|Ngân hàng TMCP Công thương Việt "
                  "Nam|ngân hàng tmcp công thương việt nam"));
}

TEST(TemplateLanguage, IfElseEqualsForSeparatorsAndIndex) {
  const std::string path = MiniTemplate(
      "flow.xml",
      R"(<field name="kind" type="text"/><field name="paid" type="flag"/><field name="zero" type="money"/>
<field name="people" type="list"><field name="name" type="name" required="yes"/></field>)",
      R"(<p><if field="kind" equals="chu_dong">Chủ động<else/>Theo yêu cầu</if></p>
<p><if field="paid">Đã nộp<else/>Chưa nộp</if>, <if field="zero">có tiền<else/>không có tiền</if>, <if field="missing_is_error">x</if></p>)");
  Result<Template> bad = LoadTemplate(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(),
              AllOf(HasSubstr("flow.xml:"), HasSubstr("'missing_is_error'")));

  const std::string good = MiniTemplate(
      "flow2.xml",
      R"(<field name="kind" type="text"/><field name="paid" type="flag"/><field name="zero" type="money"/>
<field name="people" type="list"><field name="name" type="name" required="yes"/></field>)",
      R"(<p><if field="kind" equals="chu_dong">Chủ động<else/>Theo yêu cầu</if></p>
<p><if field="paid">Đã nộp<else/>Chưa nộp</if>, <if field="zero">có tiền<else/>không có tiền</if>.</p>
<p>Gồm: <for each="people" as="x" separator=", " last-separator=" và "><v field="x.name"/></for>.</p>
<for each="people" as="x" index="i"><p><v field="i"/>) <v field="x.name"/></p></for>
<if field="people"><p>Có người.</p></if>)");
  Result<Template> t = LoadTemplate(good);
  ASSERT_TRUE(t.ok()) << t.status().message();
  Result<LayoutDocument> doc =
      Expand(*t, R"({"kind": "chu_dong", "paid": false, "zero": 0,
      "people": [{"name": "An"}, {"name": "Bình"}, {"name": "Cúc"}]})",
             Office());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_THAT(BodyTexts(*doc),
              ElementsAre("Chủ động", "Chưa nộp, không có tiền.", "Gồm: An, Bình và Cúc.",
                          "1) An", "2) Bình", "3) Cúc", "Có người."));

  doc = Expand(*t, R"({"kind": "theo_yeu_cau", "paid": true, "zero": 5, "people": []})",
               Office());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_THAT(BodyTexts(*doc), ElementsAre("Theo yêu cầu", "Đã nộp, có tiền.", "Gồm: ."));
}

TEST(TemplateLanguage, WhitespaceCollapsesAndBrBreaksTheLine) {
  const std::string path =
      MiniTemplate("space.xml", R"(<field name="v" type="text"/>)",
                   "<p>\n   Một   dòng\n\t hai <b> đậm </b> <v field=\"v\"/> <br/>  "
                   "sau\n</p>\n<p> <if field=\"v\"></if> </p>");
  Result<Template> t = LoadTemplate(path);
  ASSERT_TRUE(t.ok()) << t.status().message();
  Result<LayoutDocument> doc = Expand(*t, R"({"v": "giá\n trị"})", Office());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  // The second paragraph comes out empty and is left out.
  ASSERT_EQ(doc->blocks.size(), 1u);
  const auto& p = std::get<Paragraph>(doc->blocks[0]);
  EXPECT_EQ(ParagraphText(p), "Một dòng hai đậm giá trị\nsau");
  ASSERT_GE(p.runs.size(), 3u);
  EXPECT_EQ(p.runs[0].text, "Một dòng hai ");
  EXPECT_EQ(p.runs[1].text, "đậm ");  // the space inside <b> stays bold
  EXPECT_EQ(p.runs[1].style.font, FontStyle::kBold);
  EXPECT_EQ(p.runs[2].text, "giá trị");  // a value run holds the value only
  EXPECT_EQ(p.runs[2].field, "v");
}

TEST(TemplateLanguage, StylesAndParagraphAttributes) {
  const std::string path = WriteTemp("styles.xml", R"(<template title="Thử">
  <styles><style name="t" align="center" bold="yes" size="13" keep-with-next="yes"/></styles>
  <body size="14" indent="1cm" space-after="6">
    <p style="t" italic="yes" space-before="12pt" indent="0">Tiêu đề</p>
    <p align="right" underline="yes" left-indent="5mm" keep-together="yes" line-height="1.5">Phải</p>
    <rule width="50pt" thickness="1"/><rule width="previous-line"/><rule width="0.5" align="left"/>
    <spacer height="6mm"/><pagebreak/>
    <table columns="1 2" borders="yes" size="12"><row header="yes"><cell>A</cell><cell>B</cell></row>
      <row><cell align="right" bold="yes">1</cell><cell><p>Đoạn</p><p indent="0">Hai</p></cell></row></table>
  </body></template>)");
  Result<Template> t = LoadTemplate(path);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_THAT(CheckTemplate(*t), IsEmpty());
  Result<LayoutDocument> doc = Expand(*t, "{}", Office());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->blocks.size(), 8u);
  const auto& title = std::get<Paragraph>(doc->blocks[0]);
  EXPECT_EQ(title.style.align, Align::kCenter);
  EXPECT_EQ(title.style.space_before_pt, 12);
  EXPECT_EQ(title.style.first_line_indent_pt, 0);
  EXPECT_TRUE(title.style.keep_with_next);
  EXPECT_EQ(title.runs[0].style.font, FontStyle::kBoldItalic);
  EXPECT_EQ(title.runs[0].style.size_pt, 13);
  const auto& right = std::get<Paragraph>(doc->blocks[1]);
  EXPECT_EQ(right.style.align, Align::kRight);
  EXPECT_TRUE(right.runs[0].style.underline);
  EXPECT_NEAR(right.style.left_indent_pt, 5 * kPointsPerMm, 1e-9);
  EXPECT_NEAR(right.style.first_line_indent_pt, 10 * kPointsPerMm, 1e-9);
  EXPECT_TRUE(right.style.keep_together);
  EXPECT_EQ(right.style.line_height, 1.5);
  const auto& fixed = std::get<Rule>(doc->blocks[2]);
  EXPECT_EQ(fixed.width_mode, Rule::Width::kFixed);
  EXPECT_EQ(fixed.width, 50);
  EXPECT_EQ(fixed.thickness_pt, 1);
  EXPECT_EQ(std::get<Rule>(doc->blocks[3]).width_mode, Rule::Width::kPreviousLine);
  EXPECT_EQ(std::get<Rule>(doc->blocks[4]).align, Align::kLeft);
  EXPECT_NEAR(std::get<Spacer>(doc->blocks[5]).height_pt, 6 * kPointsPerMm, 1e-9);
  EXPECT_TRUE(std::holds_alternative<PageBreak>(doc->blocks[6]));
  const auto& table = std::get<std::shared_ptr<Table>>(doc->blocks[7]);
  EXPECT_TRUE(table->borders);
  EXPECT_THAT(table->column_weights, ElementsAre(1, 2));
  const auto& one = std::get<Paragraph>(table->rows[1][0].blocks[0]);
  EXPECT_EQ(one.style.align, Align::kRight);
  EXPECT_EQ(one.runs[0].style.font, FontStyle::kBold);
  EXPECT_EQ(one.runs[0].style.size_pt, 12);
  ASSERT_EQ(table->rows[1][1].blocks.size(), 2u);
}

// ---- Bad data ------------------------------------------------------------

class BadData : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = MiniTemplate("bad-data.xml",
                         R"(<field name="debtor.name" type="name" required="yes"/>
<field name="obligations" type="list" required="yes">
  <field name="content" type="text" required="yes"/>
  <field name="amount" type="money"/>
</field>
<field name="day" type="date"/>)",
                         R"(<p>Người phải thi hành án: <v field="debtor.name"/>.</p>
<for each="obligations" as="o"><p><v field="o.content"/>: <v field="o.amount" filter="money"/></p></for>
<p><v field="day"/></p>)");
    Result<Template> t = LoadTemplate(path_);
    ASSERT_TRUE(t.ok()) << t.status().message();
    tmpl_ = std::make_unique<Template>(*t);
  }

  Status ExpandWith(std::string_view json) {
    return Expand(*tmpl_, json, Office()).status();
  }

  std::string path_;
  std::unique_ptr<Template> tmpl_;
};

TEST_F(BadData, GoodDataExpands) {
  EXPECT_TRUE(ExpandWith(R"({"debtor": {"name": "Lê Văn Minh"},
                      "obligations": [{"content": "Án phí", "amount": 300000}]})")
                  .ok());
}

TEST_F(BadData, MissingRequiredFieldNamesFieldAndTemplateLine) {
  Status s = ExpandWith(R"({"obligations": [{"content": "Án phí"}]})");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("missing required field 'debtor.name'"));
  // The body's first paragraph, line 12 of the file, uses it.
  EXPECT_THAT(s.message(), HasSubstr(path_ + ":12"));

  s = ExpandWith(R"({"debtor": {"name": "An"}, "obligations": [{"amount": 5}]})");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("'obligations[0].content'"));
  EXPECT_THAT(s.message(), HasSubstr(path_ + ":13"));

  s = ExpandWith(R"({"debtor": {"name": "   "}, "obligations": [{"content": "x"}]})");
  EXPECT_THAT(s.message(), HasSubstr("required field 'debtor.name' is empty"));
  s = ExpandWith(R"({"debtor": {"name": "An"}, "obligations": []})");
  EXPECT_THAT(s.message(), HasSubstr("required list 'obligations' is empty"));
}

TEST_F(BadData, WrongTypeNamesTheKey) {
  Status s = ExpandWith(R"({"debtor": {"name": "An"},
                     "obligations": [{"content": "a", "amount": 1}, {"content": "b", "amount": "150.000.000"}]})");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(
      s.message(),
      HasSubstr("obligations[1].amount: expected money (integer đồng), got string"));
  EXPECT_THAT(s.message(), HasSubstr(path_ + ":13"));

  s = ExpandWith(R"({"debtor": {"name": 42}, "obligations": [{"content": "a"}]})");
  EXPECT_THAT(s.message(),
              HasSubstr("debtor.name: expected name (a string), got number"));
  s = ExpandWith(R"({"debtor": "Lê Văn Minh", "obligations": [{"content": "a"}]})");
  EXPECT_THAT(s.message(),
              HasSubstr("debtor: expected an object holding 'name', got string"));
  s = ExpandWith(
      R"({"debtor": {"name": "An"}, "obligations": [{"content": "a", "amount": 1.5}]})");
  EXPECT_THAT(s.message(), HasSubstr("got decimal number"));
  s = ExpandWith(
      R"({"debtor": {"name": "An"}, "obligations": [{"content": "a", "amount": -1}]})");
  EXPECT_THAT(s.message(), HasSubstr("obligations[0].amount: money must be 0 to"));
  s = ExpandWith(R"({"debtor": {"name": "An"}, "obligations": {"content": "a"}})");
  EXPECT_THAT(s.message(),
              HasSubstr("obligations: expected a list (JSON array), got object"));
  s = ExpandWith(R"({"debtor": {"name": "An"}, "obligations": ["a"]})");
  EXPECT_THAT(s.message(), HasSubstr("obligations[0]: expected an object, got string"));
  s = ExpandWith(
      R"({"debtor": {"name": "An"}, "obligations": [{"content": "a"}], "day": "15/3/2023"})");
  EXPECT_THAT(s.message(),
              HasSubstr("day: expected a date as \"2024-02-05\", got \"15/3/2023\""));
  s = ExpandWith(R"([1, 2])");
  EXPECT_THAT(s.message(), HasSubstr("expected a JSON object at the top, got array"));
}

TEST_F(BadData, InvalidUtf8NamesTheKey) {
  // A raw byte 0xC3 cut short inside a string value.
  Status s = ExpandWith(
      "{\"debtor\": {\"name\": \"L\xC3\"}, \"obligations\": [{\"content\": \"a\"}]}");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("key 'debtor.name'"));
  EXPECT_THAT(s.message(), HasSubstr("invalid UTF-8"));

  s = ExpandWith(
      "{\"debtor\": {\"name\": \"An\"}, \"obligations\": [{\"content\": \"a\"}, "
      "{\"content\": \"\xFF\xFE\"}]}");
  EXPECT_THAT(s.message(), HasSubstr("key 'obligations[1].content'"));

  // Escaped NUL and lone surrogates are not text either.
  s = ExpandWith(
      R"({"debtor": {"name": "A\u0000n"}, "obligations": [{"content": "a"}]})");
  EXPECT_THAT(s.message(), HasSubstr("key 'debtor.name'"));
  s = ExpandWith(R"({"debtor": {"name": "\ud800"}, "obligations": [{"content": "a"}]})");
  EXPECT_FALSE(s.ok());

  s = ExpandWith("{\"debtor\": {\"n\xC3\": \"An\"}, \"obligations\": []}");
  EXPECT_THAT(s.message(), HasSubstr("a key in 'debtor'"));
}

TEST_F(BadData, JsonSyntaxErrorSaysWhere) {
  Status s = ExpandWith("{\"debtor\": {\"name\": \"An\"},\n \"obligations\": [}\n");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("invalid JSON"));
  EXPECT_THAT(s.message(), HasSubstr("line 2"));
  EXPECT_FALSE(ExpandWith("").ok());
  EXPECT_FALSE(ExpandWith("{\"debtor\": ").ok());
  s = ExpandWith(R"({"debtor": {"name": "An", "name": "Bình"}, "obligations": []})");
  EXPECT_THAT(s.message(), HasSubstr("duplicate key 'name' in 'debtor'"));
}

TEST_F(BadData, DeepNestingIsAnErrorNotACrash) {
  const std::string deep =
      "{\"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  Status s = ExpandWith(deep);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("nested more than"));
}

TEST_F(BadData, DataIsMadeNfc) {
  // "Lê" with a combining circumflex (NFD) comes out composed.
  Result<LayoutDocument> doc =
      Expand(*tmpl_,
             "{\"debtor\": {\"name\": \"Le\xCC\x82 Va\xCC\x86n\"}, \"obligations\": "
             "[{\"content\": \"x\"}]}",
             Office());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(BodyTexts(*doc).at(0), "Người phải thi hành án: Lê Văn.");
}

TEST_F(BadData, TruncatedDataNeverCrashes) {
  const std::string data = ReadFile(kSource + "/samples/documents/bien-ban-ke-bien.json");
  Result<Template> t = LoadTemplate(kSource + "/templates/bien-ban-ke-bien.xml");
  ASSERT_TRUE(t.ok());
  for (std::size_t n = 0; n < data.rfind('}'); n += 7) {
    EXPECT_FALSE(Expand(*t, std::string_view(data).substr(0, n), Office()).ok()) << n;
  }
}

// ---- Bad and hostile templates -------------------------------------------

TEST(TemplateSafety, BillionLaughsIsRefused) {
  const std::string path = WriteTemp("lol.xml", R"(<?xml version="1.0"?>
<!DOCTYPE template [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<template title="x"><body><p>&lol9;</p></body></template>
)");
  const auto start = std::chrono::steady_clock::now();
  Result<Template> t = LoadTemplate(path);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(),
              AllOf(HasSubstr("lol.xml:2"), HasSubstr("DOCTYPE"), HasSubstr("refused")));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(TemplateSafety, ExternalEntityIsRefused) {
  const std::string path = WriteTemp("xxe.xml", R"(<?xml version="1.0"?>
<!DOCTYPE template [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<template title="x"><body><p>&xxe;</p></body></template>
)");
  Result<Template> t = LoadTemplate(path);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), AllOf(HasSubstr("DOCTYPE"), HasSubstr("refused")));
  EXPECT_THAT(t.status().message(), Not(HasSubstr("root:")));

  // An external DTD alone, and a parameter entity, are refused the same way.
  const std::string dtd = WriteTemp("dtd.xml", R"(<?xml version="1.0"?>
<!DOCTYPE template SYSTEM "http://example.invalid/t.dtd">
<template title="x"><body/></template>)");
  t = LoadTemplate(dtd);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("refused"));
  const std::string pe = WriteTemp("pe.xml", R"(<?xml version="1.0"?>
<!DOCTYPE template [ <!ENTITY % p SYSTEM "file:///etc/passwd"> %p; ]>
<template title="x"><body/></template>)");
  t = LoadTemplate(pe);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("refused"));
}

TEST(TemplateSafety, UndefinedEntityIsAnError) {
  const std::string path = WriteTemp(
      "undef.xml", "<template title=\"x\"><body><p>&nbsp;</p></body></template>");
  Result<Template> t = LoadTemplate(path);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("undef.xml:1:"));
}

TEST(TemplateSafety, PredefinedEscapesAndCharacterReferencesWork) {
  Result<Template> t = LoadTemplate(
      WriteTemp("escapes.xml",
                "<template title=\"x\"><body><p>A &amp; B &lt;C&gt; &#x1EA0;&#272; "
                "<![CDATA[<b>thô</b>]]></p></body></template>"));
  ASSERT_TRUE(t.ok()) << t.status().message();
  Result<LayoutDocument> doc = Expand(*t, "{}", Office());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_THAT(BodyTexts(*doc), ElementsAre("A & B <C> ẠĐ <b>thô</b>"));
}

TEST(TemplateSafety, XIncludeIsJustAnUnknownElement) {
  Result<Template> t = LoadTemplate(WriteTemp(
      "xi.xml",
      "<template title=\"x\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><body>\n"
      "<xi:include href=\"/etc/passwd\" parse=\"text\"/></body></template>"));
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("xi.xml:2: unknown element <xi:include>"));
}

TEST(TemplateSafety, MalformedXmlNamesTheLine) {
  const std::string path = WriteTemp("broken.xml", R"(<?xml version="1.0"?>
<template title="x">
  <body>
    <p>Một <b>hai</p>
  </body>
</template>
)");
  Result<Template> t = LoadTemplate(path);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("broken.xml:4: "));
}

TEST(TemplateSafety, InvalidUtf8InTemplateNamesTheLine) {
  const std::string path = WriteTemp(
      "bytes.xml", "<template title=\"x\">\n<body>\n<p>L\xC3</p></body></template>");
  Result<Template> t = LoadTemplate(path);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), AllOf(HasSubstr("bytes.xml:3"), HasSubstr("UTF-8")));
}

TEST(TemplateSafety, OversizedFileIsRefused) {
  std::string big = "<template title=\"x\"><body><p>";
  big += std::string(1 << 20, 'a');
  big += "</p></body></template>";
  Result<Template> t = LoadTemplate(WriteTemp("big.xml", big));
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("too large"));
}

TEST(TemplateSafety, MissingFile) {
  Result<Template> t = LoadTemplate(kSource + "/templates/no-such-template.xml");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
}

TEST(TemplateSafety, TruncatedTemplatesNeverCrash) {
  const std::string xml = ReadFile(kSource + "/templates/bien-ban-ke-bien.xml");
  for (std::size_t n = 0; n < xml.rfind("</template>"); n += 97) {
    Result<Template> t = LoadTemplate(WriteTemp("cut.xml", xml.substr(0, n)));
    EXPECT_FALSE(t.ok()) << n;
  }
}

TEST(TemplateErrors, UnknownElement) {
  const std::string path =
      MiniTemplate("unknown.xml", "", "<p>Một</p>\n<blink>hai</blink>");
  Result<Template> t = LoadTemplate(path);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("unknown.xml:8: unknown element <blink>"));
}

TEST(TemplateErrors, ElementInTheWrongPlace) {
  Result<Template> t =
      LoadTemplate(MiniTemplate("place.xml", "", "<p>Một <p>hai</p></p>"));
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("<p> is not allowed inside a paragraph"));
  t = LoadTemplate(MiniTemplate("place2.xml", "", "Chữ rời"));
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("put it inside <p>"));
}

TEST(TemplateErrors, UnknownAttributeAndBadValues) {
  Result<Template> t =
      LoadTemplate(MiniTemplate("attr.xml", "", R"(<p colour="red">Một</p>)"));
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(),
              HasSubstr("attr.xml:7: unknown attribute 'colour' on <p>"));
  t = LoadTemplate(MiniTemplate("align.xml", "", R"(<p align="middle">Một</p>)"));
  EXPECT_THAT(t.status().message(), HasSubstr("expected left, center, right or justify"));
  t = LoadTemplate(MiniTemplate("len.xml", "", R"(<p indent="1 inch">Một</p>)"));
  EXPECT_THAT(t.status().message(), HasSubstr("expected a length"));
  t = LoadTemplate(MiniTemplate("bool.xml", "", R"(<p bold="maybe">Một</p>)"));
  EXPECT_THAT(t.status().message(), HasSubstr("expected yes or no"));
  t = LoadTemplate(MiniTemplate(
      "cols.xml", "", R"(<table columns="1 2"><row><cell>a</cell></row></table>)"));
  EXPECT_THAT(t.status().message(),
              HasSubstr("<row> has 1 cells; the table has 2 columns"));
}

TEST(TemplateErrors, UndeclaredFieldAtLoadTime) {
  const std::string path =
      MiniTemplate("undeclared.xml", R"(<field name="a" type="text"/>)",
                   "<p><v field=\"a\"/></p>\n<p><v field=\"case.number\"/></p>");
  Result<Template> t = LoadTemplate(path);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(
      t.status().message(),
      HasSubstr("undeclared.xml:8: field 'case.number' is used but not declared"));
  // Items of a list know their own fields only.
  t = LoadTemplate(MiniTemplate(
      "item.xml", R"(<field name="l" type="list"><field name="a" type="text"/></field>)",
      R"(<for each="l" as="x"><p><v field="x.b"/></p></for>)"));
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("list 'l' has no item field 'b'"));
}

TEST(TemplateErrors, FilterMustFitTheType) {
  Result<Template> t =
      LoadTemplate(MiniTemplate("filter.xml", R"(<field name="a" type="text"/>)",
                                R"(<p><v field="a" filter="words"/></p>)"));
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(),
              HasSubstr("filter=\"words\" does not apply to field 'a' of type text"));
  t = LoadTemplate(MiniTemplate("filter2.xml", R"(<field name="a" type="money"/>)",
                                R"(<p><v field="a" filter="roman"/></p>)"));
  EXPECT_THAT(t.status().message(), HasSubstr("filter=\"roman\" is not one of"));
  t = LoadTemplate(MiniTemplate(
      "filter3.xml", R"(<field name="l" type="list"><field name="a"/></field>)",
      R"(<p><v field="l"/></p>)"));
  EXPECT_THAT(t.status().message(),
              HasSubstr("field 'l' is list; <v> needs a value to print"));
}

TEST(TemplateErrors, FieldDeclarations) {
  Result<Template> t =
      LoadTemplate(MiniTemplate("decl.xml", R"(<field name="a" type="integer"/>)", ""));
  EXPECT_THAT(t.status().message(), HasSubstr("type=\"integer\" is not one of"));
  t = LoadTemplate(
      MiniTemplate("decl2.xml", R"(<field name="a"/><field name="a"/>)", ""));
  EXPECT_THAT(t.status().message(), HasSubstr("field 'a' is declared twice"));
  t = LoadTemplate(
      MiniTemplate("decl3.xml", R"(<field name="a"/><field name="a.b"/>)", ""));
  EXPECT_THAT(t.status().message(), HasSubstr("inside field 'a'"));
  t = LoadTemplate(MiniTemplate("decl4.xml", R"(<field name="office.x"/>)", ""));
  EXPECT_THAT(t.status().message(), HasSubstr("come from the office profile"));
  t = LoadTemplate(MiniTemplate("decl5.xml", R"(<field name="l" type="list"/>)", ""));
  EXPECT_THAT(t.status().message(), HasSubstr("declares no <field> for its items"));
}

TEST(TemplateErrors, LoopVariables) {
  const std::string fields =
      R"(<field name="l" type="list"><field name="a"/></field><field name="x.y"/>)";
  Result<Template> t = LoadTemplate(MiniTemplate(
      "loop.xml", fields, R"(<for each="l" as="x"><p><v field="x.a"/></p></for>)"));
  EXPECT_THAT(t.status().message(), HasSubstr("hides the declared field 'x.y'"));
  t = LoadTemplate(
      MiniTemplate("loop2.xml", fields, R"(<for each="x.y" as="i"><p>a</p></for>)"));
  EXPECT_THAT(t.status().message(), HasSubstr("<for> needs a list"));
  t = LoadTemplate(MiniTemplate("loop3.xml", fields,
                                R"(<for each="l" as="i" separator=", "><p>a</p></for>)"));
  EXPECT_THAT(t.status().message(), HasSubstr("only to a <for> inside a paragraph"));
}

TEST(TemplateErrors, LenientLoadAndCheckListEveryProblem) {
  const std::string path = MiniTemplate(
      "check.xml",
      R"(<field name="used" type="text"/><field name="unused" type="money"/>)",
      R"(<p><v field="used"/> <v field="nope"/> <v field="office.citation.khong-co"/></p>
<marquee/><p size="big">x</p><p><v field="office.street"/></p>)");
  EXPECT_FALSE(LoadTemplate(path).ok());
  Result<Template> t = LoadTemplate(path, TemplateCheck::kLenient);
  ASSERT_TRUE(t.ok()) << t.status().message();
  const std::vector<std::string> problems = CheckTemplate(*t, Office());
  const std::string all = ::testing::PrintToString(problems);
  EXPECT_THAT(all, HasSubstr("check.xml:7: field 'nope' is used but not declared"));
  EXPECT_THAT(all, HasSubstr("check.xml:8: unknown element <marquee>"));
  EXPECT_THAT(all, HasSubstr("size=\\\"big\\\""));
  EXPECT_THAT(all, HasSubstr("check.xml:8: unknown office key 'office.street'"));
  EXPECT_THAT(all, HasSubstr("check.xml:4: field 'unused' is declared but never used"));
  EXPECT_THAT(
      all, HasSubstr("check.xml:7: office key 'office.citation.khong-co' is not in the "
                     "office profile"));
  EXPECT_EQ(problems.size(), 6u) << all;
  // A template with problems does not expand.
  EXPECT_FALSE(Expand(*t, "{}", Office()).ok());
}

TEST(TemplateErrors, OfficeKeyMissingFromTheProfileFailsExpansion) {
  Result<Template> t = LoadTemplate(
      MiniTemplate("office.xml", "", R"(<p><v field="office.citation.khong-co"/></p>)"));
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_THAT(CheckTemplate(*t), IsEmpty());
  Result<LayoutDocument> doc = Expand(*t, "{}", Office());
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(doc.status().message(),
              AllOf(HasSubstr("office.xml:7"), HasSubstr("office.citation.khong-co")));
  t = LoadTemplate(
      MiniTemplate("signer.xml", "", R"(<nd30-signature signer="ke-toan"/>)"));
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_THAT(Expand(*t, "{}", Office()).status().message(),
              HasSubstr("office.signer.ke-toan.name"));
}

// ---- Office profile ------------------------------------------------------

TEST(OfficeProfileTest, ShippedProfile) {
  const OfficeProfile& o = Office();
  EXPECT_EQ(o.superior, "Thi hành án dân sự\ntỉnh Đồng Tháp");
  EXPECT_EQ(o.agency, "Phòng Thi hành án dân sự\nkhu vực 3");
  EXPECT_EQ(o.symbol, "THADS");
  EXPECT_EQ(o.place, "Đồng Tháp");
  ASSERT_NE(o.FindSigner("head"), nullptr);
  EXPECT_EQ(o.FindSigner("deputy")->authority, "KT. Trưởng phòng");
  EXPECT_THAT(o.citations.at("luat-thads"), HasSubstr("106/2025/QH15"));
  const auto keys = o.Keys();
  EXPECT_EQ(keys.at("office.signer.head.position"), "Trưởng phòng");
  EXPECT_EQ(keys.at("office.fee.muc-phi"), "3% số tiền, giá trị tài sản thực nhận");
  EXPECT_EQ(o.Lookup("office.agency"), "Phòng Thi hành án dân sự khu vực 3");
  EXPECT_EQ(o.Lookup("office.citation.none"), std::nullopt);
  // Long citations are typed over several lines; whitespace collapses.
  EXPECT_EQ(o.citations.at("thong-tu-phi").find('\n'), std::string::npos);
}

TEST(OfficeProfileTest, KeyShapes) {
  EXPECT_TRUE(CheckOfficeKeyShape("office.agency").ok());
  EXPECT_TRUE(CheckOfficeKeyShape("office.signer.head.name").ok());
  EXPECT_TRUE(CheckOfficeKeyShape("office.citation.luat-thads").ok());
  EXPECT_FALSE(CheckOfficeKeyShape("office.signer.head").ok());
  EXPECT_FALSE(CheckOfficeKeyShape("office.street").ok());
  EXPECT_FALSE(CheckOfficeKeyShape("office.citation.A B").ok());
}

std::string OfficeXml(const std::string& inner) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office>\n" + inner +
         "\n</office>\n";
}

constexpr const char* kMinimalOffice =
    "<superior>Thi hành án dân sự tỉnh Đồng Tháp</superior>\n"
    "<agency>Phòng Thi hành án dân sự khu vực 3</agency>\n"
    "<issuer>Trưởng phòng</issuer><symbol>THADS</symbol><place>Đồng Tháp</place>\n"
    "<signers><signer id=\"head\" position=\"Trưởng phòng\" name=\"Trần Văn "
    "Bình\"/></signers>";

TEST(OfficeProfileTest, ErrorsNameFileAndLine) {
  EXPECT_TRUE(LoadOfficeProfile(WriteTemp("o1.xml", OfficeXml(kMinimalOffice))).ok());

  Result<OfficeProfile> p = LoadOfficeProfile(
      WriteTemp("o2.xml", OfficeXml(std::string(kMinimalOffice) + "\n<fax>123</fax>")));
  ASSERT_FALSE(p.ok());
  EXPECT_THAT(p.status().message(), HasSubstr("o2.xml:7: unknown element <fax>"));

  p = LoadOfficeProfile(WriteTemp("o3.xml", OfficeXml("<agency>X</agency>")));
  EXPECT_THAT(p.status().message(), HasSubstr("<superior> is missing or empty"));

  p = LoadOfficeProfile(
      WriteTemp("o4.xml", OfficeXml(std::string(kMinimalOffice) +
                                    "\n<citations><citation key=\"a\">x</citation>"
                                    "<citation key=\"a\">y</citation></citations>")));
  EXPECT_THAT(p.status().message(), HasSubstr("citation 'a' is listed twice"));

  p = LoadOfficeProfile(WriteTemp(
      "o5.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE office [<!ENTITY a \"b\">]>\n<office/>"));
  EXPECT_THAT(p.status().message(), HasSubstr("refused"));

  p = LoadOfficeProfile(WriteTemp("o6.xml", "<bureau/>"));
  EXPECT_THAT(p.status().message(), HasSubstr("root element must be <office>"));
}

}  // namespace
}  // namespace thads::render
