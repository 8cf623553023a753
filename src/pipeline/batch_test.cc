// The batch end to end on real inputs: text judgments, a scanned judgment in a
// folder, damaged files; reruns; and runs killed at many moments, then run
// again, against the archive of an uninterrupted run.
#include "pipeline/batch.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "archive/case_export.h"
#include "archive/store_test_util.h"
#include "model/json_io.h"
#include "pipeline/case_paperwork.h"

namespace thads::pipeline {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = THADS_SOURCE_DIR;

class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("thads-batch-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "in");
  }
  void TearDown() override { fs::remove_all(root_); }

  // Judgments as text (no OCR: fast), one of them with a warning, plus two
  // files that are no judgments.
  void TextInputs() {
    for (const char* name : {"ds_vay_01", "kdtm_tin_dung_01", "ds_boi_thuong_01", "ds_hui_01",
                             "hs_ma_tuy_04"}) {
      fs::copy_file(kSource / "tests/corpus" / (std::string(name) + ".txt"),
                    root_ / "in" / (std::string(name) + ".txt"));
    }
    std::ofstream(root_ / "in" / "ghi-chu.txt") << "Danh sách việc cần làm trong tuần.\n";
    std::ofstream(root_ / "in" / "rong.png").close();
  }

  BatchOptions Options(const std::string& archive) const {
    BatchOptions o;
    o.input_dir = (root_ / "in").string();
    o.store.location = (root_ / archive).string();
    o.store.actor = "test";
    o.date = text::Date{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{3}};
    o.deterministic = true;
    o.report_dir = (root_ / (archive + "-report")).string();
    return o;
  }

  fs::path root_;
};

Result<BatchResult> RunQuietly(const BatchOptions& options) {
  std::ostringstream progress;
  return RunBatch(options, progress);
}

// Everything a clerk could see of an archive, timestamps aside.
std::string Snapshot(const std::string& location) {
  archive::StoreOptions o;
  o.location = location;
  o.create_if_missing = false;
  Result<std::unique_ptr<archive::Store>> store = archive::Store::Open(o);
  if (!store.ok()) return "cannot open: " + store.status().message();
  std::ostringstream out;
  for (std::int64_t id = 1;; ++id) {
    Result<archive::CaseRecord> c = (*store)->GetCase(id);
    if (!c.ok()) break;
    out << "case " << id << " " << c->number << " " << model::ToString(c->status) << " v"
        << c->current_version << "\n";
    Result<model::ExtractionResult> e = (*store)->CurrentExtraction(id);
    if (e.ok()) out << model::ToJson(*e) << "\n";
    Result<std::vector<archive::SourceRecord>> sources = (*store)->SourcesOfCase(id);
    if (sources.ok()) {
      for (const archive::SourceRecord& s : *sources) {
        out << " source " << s.sha256 << " " << s.original_name << " " << ToString(s.state)
            << " " << s.searchable_pdf << "\n";
      }
    }
    Result<std::vector<archive::StoredDocument>> docs = (*store)->DocumentsOfCase(id);
    if (docs.ok()) {
      for (const archive::StoredDocument& d : *docs) {
        out << " document " << d.id << " " << model::ToJson(d.document) << " " << d.pdf_sha256
            << "\n";
      }
    }
  }
  return out.str();
}

std::int64_t CountSources(const std::string& location, archive::SourceState state,
                          const std::vector<std::string>& hashes) {
  archive::StoreOptions o;
  o.location = location;
  o.create_if_missing = false;
  Result<std::unique_ptr<archive::Store>> store = archive::Store::Open(o);
  if (!store.ok()) return -1;
  std::int64_t n = 0;
  for (const std::string& h : hashes) {
    Result<std::optional<archive::SourceRecord>> s = (*store)->FindSource(h);
    if (s.ok() && s->has_value() && (*s)->state == state) ++n;
  }
  return n;
}

TEST_F(BatchTest, TextJudgmentsAreFiledDraftedOrSetAsideAndARerunSkipsThem) {
  TextInputs();
  Result<BatchResult> first = RunQuietly(Options("archive"));
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_EQ(first->rows.size(), 7u);
  EXPECT_EQ(first->done, 4) << ReportCsv(first->rows);
  EXPECT_EQ(first->for_review, 1) << ReportCsv(first->rows);  // ds_boi_thuong_01 has a warning
  EXPECT_EQ(first->failed, 2) << ReportCsv(first->rows);
  for (const FileReport& row : first->rows) {
    if (row.path == "ghi-chu.txt" || row.path == "rong.png") {
      EXPECT_EQ(row.outcome, FileOutcome::kFailed) << row.path;
      EXPECT_FALSE(row.reason.empty());
    } else if (row.path == "ds_boi_thuong_01.txt") {
      EXPECT_EQ(row.outcome, FileOutcome::kForReview);
      EXPECT_TRUE(row.documents.empty()) << "no draft before a clerk confirms";
    } else {
      EXPECT_EQ(row.outcome, FileOutcome::kDone) << row.path << ": " << row.reason;
      EXPECT_FALSE(row.documents.empty()) << row.path;
      EXPECT_FALSE(row.case_id.empty());
    }
  }
  // What a decision covers and what waits for a creditor's request is listed.
  EXPECT_FALSE(first->uncovered.empty());
  EXPECT_TRUE(fs::exists(first->report_csv));
  EXPECT_TRUE(fs::exists(first->report_json));
  // The set-aside files are kept in the archive with their reason.
  std::vector<std::string> hashes;
  for (const FileReport& r : first->rows) hashes.push_back(r.sha256);
  EXPECT_EQ(CountSources((root_ / "archive").string(), archive::SourceState::kQuarantined, hashes),
            2);

  const std::string before = Snapshot((root_ / "archive").string());
  Result<BatchResult> again = RunQuietly(Options("archive"));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->skipped, 7);
  EXPECT_EQ(again->failed, 0);
  EXPECT_EQ(Snapshot((root_ / "archive").string()), before) << "a rerun changes nothing";

  BatchOptions retry = Options("archive");
  retry.retry_failed = true;
  Result<BatchResult> retried = RunQuietly(retry);
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->failed, 2);  // still no judgments
  EXPECT_EQ(retried->skipped, 5);
}

TEST_F(BatchTest, AScannedJudgmentIsRecognizedFiledAndKeptSearchable) {
  fs::copy(kSource / "samples/judgments/ban-an-vay-tai-san", root_ / "in" / "ban-an-vay-tai-san");
  fs::copy_file(kSource / "samples/judgments/hong-cat-ngang.png", root_ / "in" / "hong-cat-ngang.png");
  BatchOptions options = Options("archive");
  options.jobs = 2;
  Result<BatchResult> r = RunQuietly(options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->rows.size(), 2u);
  const FileReport& scan = r->rows[0];
  EXPECT_EQ(scan.path, "ban-an-vay-tai-san/");
  EXPECT_EQ(scan.outcome, FileOutcome::kDone) << scan.reason;
  EXPECT_EQ(scan.pages, 2);
  EXPECT_EQ(r->rows[1].outcome, FileOutcome::kFailed);
  EXPECT_NE(r->rows[1].reason.find("hong-cat-ngang.png"), std::string::npos) << r->rows[1].reason;

  archive::StoreOptions o;
  o.location = options.store.location;
  Result<std::unique_ptr<archive::Store>> store = archive::Store::Open(o);
  ASSERT_TRUE(store.ok());
  Result<std::optional<archive::SourceRecord>> source = (*store)->FindSource(scan.sha256);
  ASSERT_TRUE(source.ok() && source->has_value());
  EXPECT_NE((*source)->text.find("Nguyễn Văn A"), std::string::npos);
  ASSERT_TRUE(archive::IsBlobHash((*source)->searchable_pdf));
  Result<std::string> pdf = (*store)->GetBlob((*source)->searchable_pdf);
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->substr(0, 8), "%PDF-1.7");
  // The clerk finds it by a party's name typed without marks.
  archive::SearchRequest q;
  q.query = "tran thi b";
  Result<archive::SearchResult> found = (*store)->Search(q);
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_EQ(found->hits[0].case_record.number, "12/2024/DS-ST");

  // Exported with its page images, searchable PDF and drafts' data, imported
  // into another archive, exported again: the same files.
  const std::int64_t case_id = found->hits[0].case_record.id;
  const fs::path first = root_ / "export-1", second = root_ / "export-2";
  ASSERT_TRUE(archive::ExportCase(**store, case_id, first.string()).ok());
  for (const char* f : {"nguon-01-trang-01.jpg", "nguon-01-trang-02.jpg", "nguon-01.ocr.pdf",
                        "van-ban-01.pdf", "van-ban-01.data.json"}) {
    EXPECT_TRUE(fs::exists(first / f)) << f;
  }
  archive::StoreOptions other;
  other.location = (root_ / "other").string();
  Result<std::unique_ptr<archive::Store>> copy = archive::Store::Open(other);
  ASSERT_TRUE(copy.ok());
  Result<std::int64_t> imported = archive::ImportCase(**copy, first.string());
  ASSERT_TRUE(imported.ok()) << imported.status().message();
  ASSERT_TRUE(archive::ExportCase(**copy, *imported, second.string()).ok());
  for (const auto& entry : fs::directory_iterator(first)) {
    std::ifstream a(entry.path(), std::ios::binary), b(second / entry.path().filename(), std::ios::binary);
    const std::string x((std::istreambuf_iterator<char>(a)), {}), y((std::istreambuf_iterator<char>(b)), {});
    EXPECT_EQ(x, y) << entry.path().filename();
  }

  // In the other archive, under other ids, the drafts are approved in order: a
  // notice finds the decision it announces and carries its number.
  Result<std::unique_ptr<Paperwork>> paperwork = Paperwork::Create("", "", true);
  ASSERT_TRUE(paperwork.ok());
  Result<std::vector<archive::StoredDocument>> docs = (*copy)->DocumentsOfCase(*imported);
  ASSERT_TRUE(docs.ok());
  const Approval approval{"Trần Văn Bình", "", *options.date};
  for (const archive::StoredDocument& d : *docs) {
    if (d.document.template_id != "qd-thi-hanh-an-chu-dong") continue;
    ASSERT_TRUE(ApproveDraft(**copy, d.id, approval, **paperwork).ok());
  }
  int notices = 0;
  for (const archive::StoredDocument& d : *docs) {
    if (d.document.template_id != "thong-bao-thi-hanh-an") continue;
    Result<archive::StoredDocument> issued = ApproveDraft(**copy, d.id, approval, **paperwork);
    ASSERT_TRUE(issued.ok()) << issued.status().message();
    ++notices;
  }
  EXPECT_GE(notices, 2);
}

TEST_F(BatchTest, KilledAtAnyMomentThenRerunGivesTheUninterruptedArchive) {
  TextInputs();
  Result<BatchResult> reference = RunQuietly(Options("reference"));
  ASSERT_TRUE(reference.ok()) << reference.status().message();
  const std::string expected = Snapshot((root_ / "reference").string());
  ASSERT_NE(expected.find("case 4"), std::string::npos) << expected;

  // Killed right after its k-th commit, and killed after a delay (inside a
  // transaction, a blob write, a render: wherever it happens to be).
  struct Kill {
    int after_commits;  // -1: by time
    int after_ms;
  };
  std::vector<Kill> kills = {{0, 0}, {1, 0}, {3, 0}, {6, 0}};
  for (int ms : {2, 10, 25, 50, 90, 140, 200}) kills.push_back({-1, ms});
  for (std::size_t k = 0; k < kills.size(); ++k) {
    const std::string name = "killed-" + std::to_string(k);
    BatchOptions options = Options(name);
    ASSERT_EQ(archive::testing::ThreadsOfThisProcess(), 1u);  // no lock handed to the child
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int commits = 0;
      const int stop_after = kills[k].after_commits;
      if (stop_after >= 0) {
        options.after_commit = [&](const FileReport&) {
          if (commits++ == stop_after) ::raise(SIGKILL);
          return true;
        };
      }
      std::ostringstream progress;
      (void)RunBatch(options, progress);
      _exit(0);
    }
    if (kills[k].after_commits < 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(kills[k].after_ms));
      ::kill(pid, SIGKILL);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    // Whatever state it was left in, the archive opens and verifies...
    archive::StoreOptions o;
    o.location = options.store.location;
    Result<std::unique_ptr<archive::Store>> store = archive::Store::Open(o);
    ASSERT_TRUE(store.ok()) << name << ": " << store.status().message();
    Result<archive::VerifyReport> verified = (*store)->Verify();
    ASSERT_TRUE(verified.ok()) << verified.status().message();
    EXPECT_TRUE(verified->ok()) << name << ": " << verified->database_check;
    store->reset();
    // ...and a rerun completes it into the archive of an uninterrupted run.
    Result<BatchResult> rerun = RunQuietly(options);
    ASSERT_TRUE(rerun.ok()) << name << ": " << rerun.status().message();
    EXPECT_EQ(Snapshot(options.store.location), expected)
        << name << (kills[k].after_commits >= 0
                        ? " (after " + std::to_string(kills[k].after_commits) + " commits)"
                        : " (after " + std::to_string(kills[k].after_ms) + " ms)");
  }
}

TEST_F(BatchTest, AMissingInputFolderOrBadOptionsStopAtOnce) {
  BatchOptions o = Options("archive");
  o.input_dir = (root_ / "nowhere").string();
  Result<BatchResult> r = RunQuietly(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nowhere"), std::string::npos);
  o = Options("archive");
  o.jobs = 0;
  EXPECT_FALSE(RunQuietly(o).ok());
}

}  // namespace
}  // namespace thads::pipeline
