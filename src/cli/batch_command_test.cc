// The clerk's day on the command line: batch, review, request, approve.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "archive/store_test_util.h"
#include "cli/cli_test_util.h"

namespace thads::cli {
namespace {

namespace fs = std::filesystem;

using testing::RunThads;

class BatchCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("thads-batch-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    for (const char* name : {"ds_vay_01", "ds_boi_thuong_01"}) {
      fs::copy_file(fs::path(THADS_SOURCE_DIR) / "tests/corpus" / (std::string(name) + ".txt"),
                    dir_ / "in" / (std::string(name) + ".txt"));
    }
    archive_ = (dir_ / "archive").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  testing::CliRun Thads(std::vector<std::string> args) {
    args.push_back("--archive");
    args.push_back(archive_);
    return RunThads(args);
  }

  fs::path dir_;
  std::string archive_;
};

TEST_F(BatchCommand, FromFolderToIssuedDocuments) {
  const testing::CliRun batch = Thads({"batch", (dir_ / "in").string(), "--date", "2026-12-03"});
  ASSERT_EQ(batch.code, ExitCode::kOk) << batch.err;
  EXPECT_NE(batch.err.find("2 files in"), std::string::npos) << batch.err;
  EXPECT_NE(batch.err.find("1 done, 1 for review, 0 failed"), std::string::npos) << batch.err;
  EXPECT_NE(batch.out.find("chờ đơn yêu cầu của Nguyễn Việt Tâm"), std::string::npos) << batch.out;
  EXPECT_TRUE(fs::exists(dir_ / "archive" / "batch-report.csv"));

  // Files go in name order: ds_boi_thuong_01 is case 1 (for review), ds_vay_01
  // case 2, whose chủ động decisions and notices are drafts.
  const testing::CliRun show = Thads({"show", "2"});
  ASSERT_EQ(show.code, ExitCode::kOk) << show.err;
  const std::size_t first = show.out.find("] Quyết định");
  ASSERT_NE(first, std::string::npos) << show.out;
  const std::string decision_id =
      show.out.substr(show.out.rfind('[', first) + 1, first - show.out.rfind('[', first) - 1);

  // A notice waits for the decision it announces.
  std::string notice_id;
  for (std::size_t at = show.out.find("] Thông báo"); at != std::string::npos;
       at = std::string::npos) {
    const std::size_t open = show.out.rfind('[', at);
    notice_id = show.out.substr(open + 1, at - open - 1);
  }
  ASSERT_FALSE(notice_id.empty()) << show.out;
  const testing::CliRun early = Thads({"approve", notice_id, "--by", "Lê Thị Cúc"});
  EXPECT_EQ(early.code, ExitCode::kBadInput);
  EXPECT_NE(early.err.find("approve it first"), std::string::npos) << early.err;

  const testing::CliRun decision =
      Thads({"approve", decision_id, "--by", "Trần Văn Bình", "--date", "2026-12-04"});
  ASSERT_EQ(decision.code, ExitCode::kOk) << decision.err;
  EXPECT_NE(decision.out.find("Quyết định số 1/QĐ-THADS ngày 04 tháng 12 năm 2026"),
            std::string::npos)
      << decision.out;
  const testing::CliRun twice = Thads({"approve", decision_id, "--by", "Trần Văn Bình"});
  EXPECT_EQ(twice.code, ExitCode::kBadInput);
  EXPECT_NE(twice.err.find("already approved as số 1/QĐ-THADS"), std::string::npos) << twice.err;
  const testing::CliRun notice = Thads({"approve", notice_id, "--by", "Lê Thị Cúc"});
  ASSERT_EQ(notice.code, ExitCode::kOk) << notice.err;
  EXPECT_NE(notice.out.find("Thông báo số 1/TB-THADS"), std::string::npos) << notice.out;

  // The creditor asks: the theo yêu cầu decision is drafted, once.
  const testing::CliRun request =
      Thads({"request", "2", "--creditor", "Nguyễn Việt Tâm", "--date", "05/12/2026"});
  ASSERT_EQ(request.code, ExitCode::kOk) << request.err;
  EXPECT_NE(request.out.find("theo yêu cầu (dự thảo)"), std::string::npos) << request.out;
  const testing::CliRun again =
      Thads({"request", "2", "--creditor", "Nguyễn Việt Tâm", "--date", "05/12/2026"});
  EXPECT_EQ(again.code, ExitCode::kBadInput);
  EXPECT_NE(again.err.find("already has its decision"), std::string::npos) << again.err;
  const testing::CliRun nobody =
      Thads({"request", "2", "--creditor", "Người Không Có", "--date", "05/12/2026"});
  EXPECT_EQ(nobody.code, ExitCode::kBadInput);
  EXPECT_NE(nobody.err.find("owed nothing"), std::string::npos) << nobody.err;
}

TEST_F(BatchCommand, ACaseWithDoubtsWaitsForReview) {
  ASSERT_EQ(Thads({"batch", (dir_ / "in").string()}).code, ExitCode::kOk);
  // ds_boi_thuong_01 (case 1) was read with a warning: shown, then corrected.
  const testing::CliRun shown = Thads({"review", "1"});
  ASSERT_EQ(shown.code, ExitCode::kOk) << shown.err;
  EXPECT_NE(shown.out.find("Cảnh báo"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("thads review 1 --accept"), std::string::npos);
  const testing::CliRun refused = Thads({"request", "1", "--creditor", "X", "--date", "2026-12-05"});
  EXPECT_EQ(refused.code, ExitCode::kBadInput);
  EXPECT_NE(refused.err.find("waiting for review"), std::string::npos) << refused.err;

  // A correction is a new version; the drafts follow it.
  const testing::CliRun extracted = RunThads(
      {"extract", (fs::path(THADS_SOURCE_DIR) / "tests/corpus/ds_boi_thuong_01.txt").string(),
       "--json"});
  ASSERT_EQ(extracted.code, ExitCode::kOk);
  std::string corrected = extracted.out;
  const std::size_t warnings = corrected.find("\"warnings\": [");
  ASSERT_NE(warnings, std::string::npos);
  corrected = corrected.substr(0, warnings) + "\"warnings\": []\n}\n";
  std::ofstream(dir_ / "corrected.json") << corrected;
  const testing::CliRun fixed =
      Thads({"review", "1", "--correct", (dir_ / "corrected.json").string()});
  ASSERT_EQ(fixed.code, ExitCode::kOk) << fixed.err;
  EXPECT_NE(fixed.out.find("corrected (new version)"), std::string::npos) << fixed.out;
  EXPECT_NE(fixed.out.find("Quyết định (dự thảo)"), std::string::npos) << fixed.out;
  const testing::CliRun after = Thads({"show", "1"});
  EXPECT_NE(after.out.find("2/2"), std::string::npos) << "two versions kept: " << after.out;
  EXPECT_EQ(Thads({"review", "1", "--accept"}).code, ExitCode::kBadInput)
      << "papers exist already";
}

// An office sharing one archive on a PostgreSQL server runs the same batch.
TEST_F(BatchCommand, WorksOnAPostgresArchiveToo) {
  archive::testing::ScratchArchive pg("postgres");
  THADS_REQUIRE_BACKEND(pg);
  const testing::CliRun batch =
      RunThads({"batch", (dir_ / "in").string(), "--archive", pg.location(), "--report",
                (dir_ / "report").string()});
  ASSERT_EQ(batch.code, ExitCode::kOk) << batch.err;
  EXPECT_NE(batch.err.find("1 done, 1 for review, 0 failed"), std::string::npos) << batch.err;
  const testing::CliRun found = RunThads({"search", "luong van minh", "--archive", pg.location()});
  EXPECT_NE(found.out.find("70/2017/DS-ST"), std::string::npos) << found.out << found.err;
  const testing::CliRun again =
      RunThads({"batch", (dir_ / "in").string(), "--archive", pg.location(), "--report",
                (dir_ / "report").string()});
  EXPECT_NE(again.err.find("2 already done earlier"), std::string::npos) << again.err;
  const testing::CliRun show = RunThads({"show", "70/2017/DS-ST", "--archive", pg.location()});
  const std::size_t first = show.out.find("] Quyết định");
  ASSERT_NE(first, std::string::npos) << show.out;
  const std::string id =
      show.out.substr(show.out.rfind('[', first) + 1, first - show.out.rfind('[', first) - 1);
  const testing::CliRun approved =
      RunThads({"approve", id, "--by", "Trần Văn Bình", "--archive", pg.location()});
  EXPECT_EQ(approved.code, ExitCode::kOk) << approved.err;
  EXPECT_NE(approved.out.find("số 1/QĐ-THADS"), std::string::npos) << approved.out;
}

TEST_F(BatchCommand, BadInputGetsOneLineAndExitTwo) {
  EXPECT_EQ(RunThads({"batch"}).code, ExitCode::kBadInput);
  const testing::CliRun jobs = Thads({"batch", (dir_ / "in").string(), "--jobs", "0"});
  EXPECT_EQ(jobs.code, ExitCode::kBadInput);
  EXPECT_EQ(jobs.err, "thads batch: --jobs needs a number 1-256\n");
  const testing::CliRun missing = Thads({"batch", (dir_ / "nowhere").string()});
  EXPECT_EQ(missing.code, ExitCode::kBadInput);
  EXPECT_NE(missing.err.find("nowhere"), std::string::npos);
  EXPECT_EQ(Thads({"batch", (dir_ / "in").string(), "--date", "31/02/2026"}).code,
            ExitCode::kBadInput);
  EXPECT_EQ(Thads({"approve", "abc", "--by", "X"}).code, ExitCode::kBadInput);
  EXPECT_EQ(Thads({"approve", "1"}).code, ExitCode::kBadInput);  // no --by
  EXPECT_EQ(Thads({"request", "1", "--creditor", "X"}).code, ExitCode::kBadInput);  // no date
  EXPECT_EQ(Thads({"review", "1", "--accept", "--correct", "x.json"}).code, ExitCode::kBadInput);
}

}  // namespace
}  // namespace thads::cli
