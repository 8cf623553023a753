#include "cli/command.h"

#include <gtest/gtest.h>

#include <sstream>

namespace thads::cli {
namespace {

struct Outcome {
  ExitCode code;
  std::string out;
  std::string err;
};

Outcome Thads(const std::vector<std::string>& args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  const ExitCode code = RunCommandLine(args, {in, out, err});
  return {code, out.str(), err.str()};
}

TEST(Cli, HelpAndVersion) {
  EXPECT_EQ(Thads({"--help"}).code, ExitCode::kOk);
  EXPECT_NE(Thads({"--help"}).out.find("util"), std::string::npos);
  const Outcome v = Thads({"--version"});
  EXPECT_EQ(v.code, ExitCode::kOk);
  EXPECT_EQ(v.out.rfind("thads ", 0), 0u);
  EXPECT_EQ(Thads({}).code, ExitCode::kBadInput);
  EXPECT_EQ(Thads({"frobnicate"}).code, ExitCode::kBadInput);
}

TEST(CliUtil, AnswersAsTheIssueAsks) {
  EXPECT_EQ(Thads({"util", "words", "1005000"}).out,
            "Một triệu không trăm linh năm nghìn đồng\n");
  EXPECT_EQ(Thads({"util", "number", "Một trăm năm mươi triệu đồng"}).out, "150000000\n");
  EXPECT_EQ(Thads({"util", "date", "2024-02-05"}).out, "ngày 05 tháng 02 năm 2024\n");
  EXPECT_EQ(Thads({"util", "fold", "Nguyễn Văn Ấn"}).out, "nguyen van an\n");
  EXPECT_EQ(Thads({"util", "key", "Hoà Bình"}).out, "Hòa Bình\n");
  EXPECT_EQ(Thads({"util", "digits", "150000000"}).out, "150.000.000 đồng\n");
}

TEST(CliUtil, NumberWithoutMarksNotesTheConfidence) {
  const Outcome r = Thads({"util", "number", "mot tram nam muoi trieu dong"});
  EXPECT_EQ(r.code, ExitCode::kOk);
  EXPECT_EQ(r.out, "150000000\n");
  EXPECT_NE(r.err.find("Một trăm năm mươi triệu đồng"), std::string::npos);
}

TEST(CliUtil, WorkdaysSkipsWeekendsAndHolidays) {
  // 2027-04-29 is a Thursday. Fri 30/4 is a holiday, Sat 1/5 a holiday on a
  // weekend (compensated on Monday 3/5), Sunday: the next working day is Tue 4/5.
  const Outcome r = Thads({"util", "workdays", "2027-04-29", "1"});
  EXPECT_EQ(r.code, ExitCode::kOk) << r.err;
  EXPECT_EQ(r.out, "2027-05-04\n");
  EXPECT_EQ(Thads({"util", "workdays", "2026-02-10", "5"}).out, "2026-02-24\n");
}

TEST(CliUtil, ConvertsLegacyTextOnStdin) {
  // "Thành phố" in TCVN3 bytes.
  const Outcome r = Thads({"util", "convert", "--from", "tcvn3"}, "Th\xB5nh ph\xE8");
  EXPECT_EQ(r.code, ExitCode::kOk) << r.err;
  EXPECT_EQ(r.out, "Thành phố");
}

TEST(CliUtil, BadInputIsExitTwoWithOneLine) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"util", "words", "abc"},
                                             {"util", "number", "xin chào"},
                                             {"util", "date", "30/2/2023"},
                                             {"util", "workdays", "2026-02-10", "five"},
                                             {"util", "workdays", "2026-02-10"},
                                             {"util", "convert", "--from", "utf7"},
                                             {"util", "nothing", "1"},
                                             {"util", "fold", "Ph\xFFng"}}) {
    const Outcome r = Thads(args);
    EXPECT_EQ(r.code, ExitCode::kBadInput) << args.back();
    EXPECT_TRUE(r.out.empty()) << args.back();
    ASSERT_FALSE(r.err.empty()) << args.back();
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  }
}

}  // namespace
}  // namespace thads::cli

namespace thads::cli {
namespace {

TEST(CliRender, RendersASampleAndChecksATemplate) {
  const std::string out = ::testing::TempDir() + "thads_cli_render.pdf";
  const Outcome r = Thads({"render", "qd-thi-hanh-an-chu-dong", "--data",
                           std::string(THADS_SOURCE_DIR) +
                               "/samples/documents/qd-thi-hanh-an-chu-dong.json",
                           "-o", out, "--deterministic"});
  EXPECT_EQ(r.code, ExitCode::kOk) << r.err;
  EXPECT_NE(r.err.find("(1 page)"), std::string::npos) << r.err;
  const Outcome check = Thads({"render", "--check", "giay-trieu-tap"});
  EXPECT_EQ(check.code, ExitCode::kOk) << check.err;
  EXPECT_NE(check.out.find("no problems"), std::string::npos);
}

TEST(CliRender, BadUsageAndFailedFiles) {
  EXPECT_EQ(Thads({"render"}).code, ExitCode::kBadInput);
  EXPECT_EQ(Thads({"render", "x", "--jobs", "zero"}).code, ExitCode::kBadInput);
  EXPECT_EQ(Thads({"render", "no-such-template", "--data", "a.json", "-o", "b.pdf"}).code,
            ExitCode::kBadInput);
  const Outcome missing = Thads({"render", "giay-trieu-tap", "--data", "/nonexistent.json",
                                 "-o", ::testing::TempDir() + "x.pdf"});
  EXPECT_EQ(missing.code, ExitCode::kFailure);
  EXPECT_NE(missing.err.find("/nonexistent.json"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace thads::cli
