#include "scan_generator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <unistd.h>

#include "ocr/image_io.h"
#include "ocr/pdf_rasterizer.h"
#include "page_layout.h"
#include "text/normalize.h"

namespace thads::scangen {
namespace {

namespace fs = std::filesystem;

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// All whitespace runs (spaces, line and page breaks) as one space.
std::string Words(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\f' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

constexpr const char* kInput =
    "# BẢN ÁN SỐ 12/2024/DS-ST\n"
    "## NGÀY 05 THÁNG 02 NĂM 2024\n"
    "\n"
    "Ngày 05 tháng 02 năm 2024, tại trụ sở Tòa án nhân dân huyện X, tỉnh Y xét xử sơ thẩm "
    "công khai vụ án thụ lý số 45/2023/TLST-DS về việc tranh chấp hợp đồng vay tài sản giữa "
    "nguyên đơn bà Trần Thị B và bị đơn ông Nguyễn Văn A.\n"
    "Buộc ông Nguyễn Văn A phải trả cho bà Trần Thị B số tiền   120.000.000 đồng\t(một trăm "
    "hai mươi triệu đồng) và chịu án phí dân sự sơ thẩm 6.000.000 đồng.\n"
    "> Huyện X, ngày 05 tháng 02 năm 2024\n";

class ScanGenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("thads-scangen-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    std::ofstream(dir_ / "in" / "ban-an.txt") << kInput;
    // Long enough for two pages.
    std::ofstream long_text(dir_ / "in" / "bao-cao.txt");
    for (int i = 0; i < 18; ++i) {
      long_text << "Đoạn " << i + 1
                << ": Cơ quan Thi hành án dân sự hai cấp trên địa bàn tỉnh tập trung rà soát, "
                   "đánh giá năng lực đội ngũ cán bộ, nhất là đội ngũ chấp hành viên để có kế "
                   "hoạch tuyển dụng, phân công công việc phù hợp với từng giai đoạn.\n";
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  ScanGenOptions Options(const std::string& out, std::uint64_t seed) const {
    ScanGenOptions o;
    o.inputs = {(dir_ / "in" / "ban-an.txt").string(), (dir_ / "in" / "bao-cao.txt").string()};
    o.out_dir = (dir_ / out).string();
    o.seed = seed;
    o.profiles = {Profile::kRandom, Profile::kRandom, Profile::kClean, Profile::kNoisy};
    o.multipage_tiff = true;
    o.font_config = std::string(THADS_SOURCE_DIR) + "/fonts/fonts.conf";
    o.render_dpi = 100;  // the layout and the damage are the same; the test runs faster
    return o;
  }

  std::map<std::string, std::string> Files(const std::string& out) const {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir_ / out)) {
      files[entry.path().filename().string()] = ReadBytes(entry.path());
    }
    return files;
  }

  fs::path dir_;
};

TEST_F(ScanGenTest, WritesPagesGroundTruthAndManifest) {
  auto report = GenerateScans(Options("a", 7));
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_TRUE(report->errors.empty()) << report->errors.front();
  EXPECT_EQ(report->inputs_done, 2);

  const auto files = Files("a");
  ASSERT_TRUE(files.count("ban-an.gt.txt"));
  ASSERT_TRUE(files.count("bao-cao.gt.txt"));
  ASSERT_TRUE(files.count("manifest.tsv"));
  ASSERT_TRUE(files.count("bao-cao.tif"));
  for (const auto& [name, bytes] : files) EXPECT_EQ(name.find(".print.pdf"), std::string::npos);

  // Ground truth: NFC, the input's words in order, pages split by form feeds.
  const std::string gt = files.at("bao-cao.gt.txt");
  EXPECT_TRUE(text::IsNfc(gt));
  const int pages = 1 + static_cast<int>(std::count(gt.begin(), gt.end(), '\f'));
  EXPECT_GE(pages, 2);

  // Every manifest row names an existing image of the stated size and dpi.
  std::istringstream manifest(files.at("manifest.tsv"));
  std::string line;
  std::getline(manifest, line);
  EXPECT_EQ(line.substr(0, 10), "file\tpage\t");
  int rows = 0;
  std::set<std::string> steps_seen;
  while (std::getline(manifest, line)) {
    ++rows;
    std::vector<std::string> cols;
    std::istringstream fields(line);
    std::string col;
    while (std::getline(fields, col, '\t')) cols.push_back(col);
    ASSERT_EQ(cols.size(), 9u) << line;
    SCOPED_TRACE(line);
    ASSERT_TRUE(files.count(cols[0]));
    auto image = ocr::ReadImagePage((dir_ / "a" / cols[0]).string(), std::stoi(cols[1]) - 1);
    ASSERT_TRUE(image.ok()) << image.status().message();
    EXPECT_EQ(std::to_string(image->dpi), cols[4]);
    EXPECT_EQ(std::to_string(image->width), cols[5]);
    EXPECT_EQ(std::to_string(image->height), cols[6]);
    EXPECT_GE(image->dpi, 150);
    EXPECT_LE(image->dpi, 200);
    std::istringstream steps(cols[8]);
    while (std::getline(steps, col, ';')) steps_seen.insert(col.substr(0, col.find('=')));
  }
  // 4 images per page plus the TIFF's pages.
  const std::string gt_short = files.at("ban-an.gt.txt");
  const int short_pages = 1 + static_cast<int>(std::count(gt_short.begin(), gt_short.end(), '\f'));
  EXPECT_EQ(rows, 5 * (pages + short_pages));
  EXPECT_EQ(report->images_written, rows);
  for (const char* step : {"paper", "rotate", "blur", "noise", "dpi", "jpeg", "threshold"}) {
    EXPECT_TRUE(steps_seen.count(step)) << step;
  }
}

TEST_F(ScanGenTest, GroundTruthIsTheInputModuloLayoutWhitespace) {
  auto report = GenerateScans(Options("a", 1));
  ASSERT_TRUE(report.ok()) << report.status().message();
  for (const char* name : {"ban-an", "bao-cao"}) {
    SCOPED_TRACE(name);
    const std::string input = ReadBytes(dir_ / "in" / (std::string(name) + ".txt"));
    auto doc = ParseScanText(input, name);
    ASSERT_TRUE(doc.ok());
    const std::string gt = ReadBytes(dir_ / "a" / (std::string(name) + ".gt.txt"));
    EXPECT_EQ(Words(gt), Words(PlainText(*doc)));
  }
  // Markers gone, the words of the input kept.
  const std::string gt = ReadBytes(dir_ / "a" / "ban-an.gt.txt");
  EXPECT_EQ(gt.substr(0, gt.find('\n')), "BẢN ÁN SỐ 12/2024/DS-ST");
  EXPECT_NE(gt.find("số tiền 120.000.000 đồng (một"), std::string::npos) << gt;
  EXPECT_NE(gt.find("\nHuyện X, ngày 05 tháng 02 năm 2024\n"), std::string::npos) << gt;
}

TEST_F(ScanGenTest, SameSeedSameBytesOtherSeedOtherDamage) {
  ASSERT_TRUE(GenerateScans(Options("a", 42)).ok());
  ASSERT_TRUE(GenerateScans(Options("b", 42)).ok());
  ASSERT_TRUE(GenerateScans(Options("c", 43)).ok());
  const auto a = Files("a"), b = Files("b"), c = Files("c");
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, bytes] : a) {
    ASSERT_TRUE(b.count(name)) << name;
    EXPECT_TRUE(bytes == b.at(name)) << name << " differs between two runs with seed 42";
  }
  EXPECT_EQ(a.at("ban-an.gt.txt"), c.at("ban-an.gt.txt"));
  EXPECT_NE(a.at("manifest.tsv"), c.at("manifest.tsv"));
}

TEST_F(ScanGenTest, BadInputsAreReportedAndTheOthersGoOn) {
  std::ofstream(dir_ / "in" / "latin1.txt") << "Bi\xea n b\xe1n\n";
  std::ofstream(dir_ / "in" / "empty.txt") << "\n\n";
  ScanGenOptions o = Options("a", 1);
  o.inputs.insert(o.inputs.begin(), (dir_ / "in" / "latin1.txt").string());
  o.inputs.push_back((dir_ / "in" / "empty.txt").string());
  o.inputs.push_back((dir_ / "in" / "absent.txt").string());
  auto report = GenerateScans(o);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->inputs_done, 2);
  ASSERT_EQ(report->errors.size(), 3u);
  EXPECT_NE(report->errors[0].find("latin1.txt"), std::string::npos) << report->errors[0];
  EXPECT_NE(report->errors[0].find("UTF-8"), std::string::npos) << report->errors[0];
  EXPECT_NE(report->errors[1].find("no text"), std::string::npos) << report->errors[1];
  EXPECT_NE(report->errors[2].find("absent.txt"), std::string::npos) << report->errors[2];
  EXPECT_TRUE(fs::exists(dir_ / "a" / "bao-cao.gt.txt"));
}

// The committed sets (scripts/make-scans.sh): every manifest row names a
// readable page of the stated size, with a ground-truth page behind it.
void CheckManifest(const fs::path& dir, int min_rows) {
  std::istringstream manifest(ReadBytes(dir / "manifest.tsv"));
  std::string line;
  ASSERT_TRUE(std::getline(manifest, line)) << dir;
  int rows = 0;
  while (std::getline(manifest, line)) {
    SCOPED_TRACE(line);
    std::vector<std::string> cols;
    std::istringstream fields(line);
    std::string col;
    while (std::getline(fields, col, '\t')) cols.push_back(col);
    ASSERT_EQ(cols.size(), 9u);
    ++rows;
    const std::string gt = ReadBytes(dir / cols[2]);
    ASSERT_TRUE(text::IsNfc(gt));
    const int gt_pages = 1 + static_cast<int>(std::count(gt.begin(), gt.end(), '\f'));
    EXPECT_LE(std::stoi(cols[3]), gt_pages);
    const std::string file = (dir / cols[0]).string();
    if (cols[0].size() > 4 && cols[0].substr(cols[0].size() - 4) == ".pdf") {
      auto info = ocr::InspectPdf(file);
      ASSERT_TRUE(info.ok()) << info.status().message();
      EXPECT_FALSE(info->pages.at(std::stoi(cols[1]) - 1).has_text);
      continue;
    }
    auto info = ocr::InspectImageFile(file);
    ASSERT_TRUE(info.ok()) << info.status().message();
    const ocr::ImagePageInfo& page = info->pages.at(std::stoi(cols[1]) - 1);
    EXPECT_EQ(std::to_string(page.width), cols[5]);
    EXPECT_EQ(std::to_string(page.height), cols[6]);
    const int dpi = std::stoi(cols[4]);
    EXPECT_GE(dpi, 150);
    EXPECT_LE(dpi, 200);
  }
  EXPECT_GE(rows, min_rows);
}

TEST(CommittedScans, EvaluationSetIsCompleteAndReadable) {
  CheckManifest(fs::path(THADS_SOURCE_DIR) / "tests" / "scans", 30);
}

TEST(CommittedScans, DemoBatchHasEveryKindOfInput) {
  CheckManifest(fs::path(THADS_SOURCE_DIR) / "samples" / "scans", 4);
  // samples/judgments: what the README's first command gives the batch.
  const fs::path dir = fs::path(THADS_SOURCE_DIR) / "samples" / "judgments";
  for (const char* page : {"ban-an-vay-tai-san/p01.jpg", "ban-an-vay-tai-san/p02.jpg"}) {
    auto jpeg = ocr::InspectImageFile((dir / page).string());
    ASSERT_TRUE(jpeg.ok()) << jpeg.status().message();
    EXPECT_EQ(jpeg->format, ocr::ImageFormat::kJpeg);
  }
  auto scanned = ocr::InspectPdf((dir / "ban-an-hinh-su.pdf").string());
  ASSERT_TRUE(scanned.ok()) << scanned.status().message();
  EXPECT_EQ(scanned->page_count, 2);
  EXPECT_FALSE(scanned->pages[0].has_text);
  auto typeset = ocr::InspectPdf((dir / "ban-an-tranh-chap-dat.pdf").string());
  ASSERT_TRUE(typeset.ok()) << typeset.status().message();
  EXPECT_TRUE(typeset->pages[0].has_text);
  EXPECT_TRUE(fs::exists(dir / "ban-an-tin-dung-ngan-hang.txt"));
  auto tiff = ocr::InspectImageFile((dir / "ban-an-cap-duong.tif").string());
  ASSERT_TRUE(tiff.ok()) << tiff.status().message();
  EXPECT_GE(tiff->pages.size(), 2u);
  auto broken = ocr::ReadImageFile((dir / "hong-cat-ngang.png").string());
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("truncated or damaged"), std::string::npos)
      << broken.status().message();
}

TEST(Rng, IsFixedBySeedAndInRange) {
  Rng a(5), b(5), c(6);
  bool differs = false;
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs = differs || x != c.Next();
    const double u = a.Uniform();
    b.Uniform();
    c.Uniform();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
    const int k = a.Int(-3, 3);
    b.Int(-3, 3);
    c.Int(-3, 3);
    EXPECT_GE(k, -3);
    EXPECT_LE(k, 3);
  }
  EXPECT_TRUE(differs);
  // Values pinned: the committed corpus depends on them.
  EXPECT_EQ(Rng(0).Next(), 0xe220a8397b1dcdafull);
  EXPECT_NE(MixSeed(1, "a", 0, 0), MixSeed(1, "a", 0, 1));
  EXPECT_NE(MixSeed(1, "a", 0, 0), MixSeed(1, "b", 0, 0));
}

}  // namespace
}  // namespace thads::scangen
