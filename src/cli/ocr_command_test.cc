// `thads ocr` end to end on the committed sample scans.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "cli/cli_test_util.h"

namespace thads::cli {
namespace {

namespace fs = std::filesystem;

using Output = testing::CliRun;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kJudgments = std::string(THADS_SOURCE_DIR) + "/samples/judgments/";

class OcrCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("thads-ocr-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(OcrCommand, UsageErrorsGetOneLineAndExitTwo) {
  EXPECT_EQ(testing::RunThads({"ocr"}).code, ExitCode::kBadInput);
  EXPECT_EQ(testing::RunThads({"ocr", "a.png"}).code, ExitCode::kBadInput);  // no -o
  const Output jobs = testing::RunThads({"ocr", "a.png", "-o", "x.pdf", "--jobs", "0"});
  EXPECT_EQ(jobs.code, ExitCode::kBadInput);
  EXPECT_EQ(jobs.err, "thads ocr: --jobs needs a number 1-256\n");
  EXPECT_EQ(testing::RunThads({"ocr", "a.png", "-o", "x.pdf", "--dpi", "7"}).code, ExitCode::kBadInput);
  EXPECT_EQ(testing::RunThads({"ocr", "a.png", "-o", "x.pdf", "--frobnicate"}).code, ExitCode::kBadInput);
  const Output help = testing::RunThads({"ocr", "--help"});
  EXPECT_EQ(help.code, ExitCode::kOk);
  EXPECT_NE(help.out.find("--force-ocr"), std::string::npos);
}

TEST_F(OcrCommand, PagesOfAJudgmentBecomeOneSearchablePdfWithSidecars) {
  const fs::path pdf = dir_ / "vay.pdf";
  const Output o = testing::RunThads({"ocr", kJudgments + "ban-an-vay-tai-san/p01.jpg",
                            kJudgments + "ban-an-vay-tai-san/p02.jpg", "-o", pdf.string(),
                            "--text", (dir_ / "vay.txt").string(), "--words",
                            (dir_ / "vay.json").string(), "--jobs", "2"});
  ASSERT_EQ(o.code, ExitCode::kOk) << o.err;
  EXPECT_NE(o.err.find("2 files in"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("wrote " + pdf.string() + " (2 pages)"), std::string::npos) << o.err;
  const std::string text = ReadAll(dir_ / "vay.txt");
  EXPECT_NE(text.find("TÒA ÁN NHÂN DÂN HUYỆN X"), std::string::npos);
  EXPECT_NE(text.find('\f'), std::string::npos) << "pages separated by a form feed";
  const std::string words = ReadAll(dir_ / "vay.json");
  EXPECT_NE(words.find("\"source\":\"p02.jpg\""), std::string::npos);
  EXPECT_EQ(ReadAll(pdf).substr(0, 8), "%PDF-1.7");
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().string().find(".part"), std::string::npos) << entry.path();
  }
}

TEST_F(OcrCommand, ABadFileIsReportedAndTheOthersAreStillWritten) {
  const fs::path out = dir_ / "out";
  const Output o = testing::RunThads({"ocr", kJudgments + "hong-cat-ngang.png",
                            kJudgments + "ban-an-vay-tai-san/p02.jpg", "-o",
                            out.string() + "/"});
  EXPECT_EQ(o.code, ExitCode::kFailure) << o.err;
  EXPECT_NE(o.err.find("hong-cat-ngang.png: FAILED"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("1 done, 0 for review, 1 failed"), std::string::npos) << o.err;
  EXPECT_TRUE(fs::exists(out / "p02.pdf"));
  EXPECT_TRUE(fs::exists(out / "p02.txt"));
  EXPECT_TRUE(fs::exists(out / "p02.words.json"));
  EXPECT_FALSE(fs::exists(out / "hong-cat-ngang.pdf"));
}

TEST_F(OcrCommand, NothingReadableWritesNothing) {
  std::ofstream(dir_ / "empty.png").close();
  const Output o = testing::RunThads({"ocr", (dir_ / "empty.png").string(), "-o",
                            (dir_ / "x.pdf").string()});
  EXPECT_EQ(o.code, ExitCode::kFailure);
  EXPECT_NE(o.err.find("nothing written"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(dir_ / "x.pdf"));
}

}  // namespace
}  // namespace thads::cli
