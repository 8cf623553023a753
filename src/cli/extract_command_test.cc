#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli_test_util.h"
#include "render/fonts.h"
#include "render/renderer.h"

namespace thads::cli {
namespace {

namespace fs = std::filesystem;

using Output = testing::CliRun;

const std::string kCorpus = std::string(THADS_SOURCE_DIR) + "/tests/corpus";

TEST(ExtractCommand, SummaryForTheClerk) {
  const Output o = testing::RunThads({"extract", kCorpus + "/ds_vay_01.txt"});
  ASSERT_EQ(o.code, ExitCode::kOk) << o.err;
  EXPECT_NE(o.out.find("Tòa án: Tòa án nhân dân huyện Đầm Dơi, tỉnh Cà Mau"), std::string::npos);
  EXPECT_NE(o.out.find("Bản án số: 70/2017/DS-ST"), std::string::npos);
  EXPECT_NE(o.out.find("Nguyên đơn: Nguyễn Việt Tâm"), std::string::npos);
  EXPECT_NE(o.out.find("150.000.000 đồng (Một trăm năm mươi triệu đồng)"), std::string::npos);
}

TEST(ExtractCommand, JsonFollowsTheContract) {
  const Output o = testing::RunThads({"extract", kCorpus + "/ds_vay_01.txt", "--json"});
  ASSERT_EQ(o.code, ExitCode::kOk) << o.err;
  EXPECT_NE(o.out.find("\"number\": \"70/2017/DS-ST\""), std::string::npos);
  EXPECT_NE(o.out.find("\"amount_vnd\": 150000000"), std::string::npos);
}

TEST(ExtractCommand, BadInputGetsOneLineAndExitTwo) {
  const fs::path dir = fs::temp_directory_path() / "thads_extract_cli_test";
  fs::create_directories(dir);
  std::ofstream(dir / "bad.txt", std::ios::binary) << "Bản án\xC3\x28";
  std::ofstream(dir / "empty.txt");
  std::ofstream(dir / "scan.pdf") << "%PDF-1.7";
  struct Case {
    std::vector<std::string> args;
    ExitCode code;
    std::string says;
  } cases[] = {
      {{"extract", (dir / "bad.txt").string()}, ExitCode::kBadInput, "invalid UTF-8 at byte 9"},
      {{"extract", (dir / "empty.txt").string()}, ExitCode::kBadInput, "empty"},
      {{"extract", (dir / "scan.pdf").string()}, ExitCode::kBadInput, "scan.pdf"},
      {{"extract", std::string(THADS_SOURCE_DIR) + "/samples/judgments/hong-cat-ngang.png"},
       ExitCode::kBadInput, "hong-cat-ngang.png"},
      {{"extract", (dir / "missing.txt").string()}, ExitCode::kFailure, "cannot read"},
      {{"extract"}, ExitCode::kBadInput, "Usage"},
      {{"extract", "a.txt", "b.txt"}, ExitCode::kBadInput, "one FILE"},
      {{"extract", "--eval"}, ExitCode::kBadInput, "--eval needs a folder"},
      {{"extract", "--eval", (dir / "nothing").string()}, ExitCode::kBadInput, "cannot list"},
  };
  for (const Case& c : cases) {
    const Output o = testing::RunThads(c.args);
    EXPECT_EQ(o.code, c.code) << c.args.back();
    EXPECT_NE(o.err.find(c.says), std::string::npos) << o.err;
  }
  fs::remove_all(dir);
}

// Scans (an image-only PDF, a multi-page TIFF) are recognized first.
TEST(ExtractCommand, ScansAreReadThroughOcr) {
  const std::string scans = std::string(THADS_SOURCE_DIR) + "/samples/judgments/";
  const Output pdf = testing::RunThads({"extract", scans + "ban-an-hinh-su.pdf", "--jobs", "2"});
  ASSERT_EQ(pdf.code, ExitCode::kOk) << pdf.err;
  EXPECT_NE(pdf.out.find("Bản án số: "), std::string::npos) << pdf.out;
  EXPECT_NE(pdf.out.find("Bị cáo: "), std::string::npos) << pdf.out;
  const Output tif = testing::RunThads({"extract", scans + "ban-an-cap-duong.tif", "--json"});
  ASSERT_EQ(tif.code, ExitCode::kOk) << tif.err;
  EXPECT_NE(tif.out.find("\"number\": \"31/2024/HNGĐ-ST\""), std::string::npos) << tif.out;
  EXPECT_NE(tif.out.find("\"kind\": \"cap_duong\""), std::string::npos) << tif.out;
  EXPECT_EQ(testing::RunThads({"extract", scans + "ban-an-cap-duong.tif", "--jobs", "0"}).code,
            ExitCode::kBadInput);
}

// A court's electronic copy: a PDF with a text layer is read without OCR.
TEST(ExtractCommand, ReadsAPdfThroughItsTextLayer) {
  const fs::path dir = fs::temp_directory_path() / "thads_extract_cli_pdf_test";
  fs::create_directories(dir);
  std::ifstream in(kCorpus + "/ds_vay_01.txt");
  render::LayoutDocument doc;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    render::Paragraph p;
    p.runs.push_back({line, {render::FontStyle::kRegular, 13, false}, ""});
    doc.blocks.push_back(std::move(p));
  }
  auto fonts = render::LoadFontConfig(render::DefaultFontConfigPath());
  ASSERT_TRUE(fonts.ok()) << fonts.status().message();
  render::PdfOptions options;
  options.fonts = *fonts;
  options.deterministic = true;
  auto pdf = render::RenderPdf(doc, options, render::PdfMetadata{});
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  std::ofstream(dir / "ban-an.pdf", std::ios::binary) << pdf->bytes;

  const Output o = testing::RunThads({"extract", (dir / "ban-an.pdf").string(), "--json"});
  ASSERT_EQ(o.code, ExitCode::kOk) << o.err;
  EXPECT_NE(o.out.find("\"number\": \"70/2017/DS-ST\""), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("\"amount_vnd\": 150000000"), std::string::npos) << o.out;
  fs::remove_all(dir);
}

TEST(ExtractCommand, EvaluationPrintsF1PerCaseType) {
  const Output o = testing::RunThads({"extract", "--eval", kCorpus});
  ASSERT_EQ(o.code, ExitCode::kOk) << o.err;
  for (const char* s : {"overall", "DS", "HS", "F1"}) {
    EXPECT_NE(o.out.find(s), std::string::npos) << s;
  }
}

}  // namespace
}  // namespace thads::cli
