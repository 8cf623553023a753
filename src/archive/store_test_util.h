// Test helpers for the archive: a fresh store on either backend, sample judgments.
// The PostgreSQL half uses the private server of scripts/start-test-postgres.sh,
// started by the CTest fixture `postgres` (its connection string is in
// THADS_TEST_POSTGRES_FILE, or THADS_TEST_POSTGRES overrides it).
#pragma once

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>

#include "archive/sql.h"
#include "archive/store.h"
#include "model/judgment.h"

namespace thads::archive::testing {

// The test server's connection string, or "" when there is none.
inline std::string PostgresConnInfo() {
  if (const char* env = std::getenv("THADS_TEST_POSTGRES"); env != nullptr && *env != '\0') return env;
#ifdef THADS_TEST_POSTGRES_FILE
  std::ifstream in(THADS_TEST_POSTGRES_FILE);
  std::string line;
  if (in && std::getline(in, line)) return line;
#endif
  return "";
}

// Reads exactly `size` bytes from a child's pipe, waiting at most `timeout_ms` for
// each part: false at end of file, on error, or when the child went silent (a child
// stuck in a deadlock fails the test instead of hanging it).
inline bool ReadFromChild(int fd, void* data, std::size_t size, int timeout_ms) {
  auto* out = static_cast<char*>(data);
  while (size > 0) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) != 1) return false;
    const ssize_t n = read(fd, out, size);
    if (n <= 0) return false;
    out += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Forking from a process with threads hands the child whatever locks those threads
// held (in SQLite, libpq, the sanitizers' allocator): tests close their stores, whose
// search indexer is a thread, and check this is 1 before they fork.
inline std::size_t ThreadsOfThisProcess() {
  std::error_code ec;
  std::size_t n = 0;
  for (std::filesystem::directory_iterator it("/proc/self/task", ec), end; !ec && it != end; it.increment(ec)) ++n;
  return n;
}

// Runs `body` in a forked child (to drop privileges or limit file sizes without
// touching the test process) and returns the message it returned; "child failed"
// when it did not exit normally.
inline std::string RunInChild(const std::function<std::string()>& body) {
  if (ThreadsOfThisProcess() != 1) return "threads were running at the fork";
  int fds[2];
  if (pipe(fds) != 0) return "pipe failed";
  const pid_t pid = fork();
  if (pid < 0) return "fork failed";
  if (pid == 0) {
    close(fds[0]);
    const std::string msg = body();
    const bool written = write(fds[1], msg.data(), msg.size()) == static_cast<ssize_t>(msg.size());
    _exit(written ? 0 : 4);
  }
  close(fds[1]);
  std::string msg;
  char buf[512];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) msg.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? msg : "child failed";
}

inline std::string UniqueName(const std::string& prefix) {
  static std::atomic<int> counter{0};
  return prefix + std::to_string(getpid()) + "_" + std::to_string(counter++);
}

// A fresh, empty archive location: a new directory, or a new schema on the server.
class ScratchArchive {
 public:
  explicit ScratchArchive(const std::string& backend) : backend_(backend) {
    if (backend == "sqlite") {
      dir_ = (std::filesystem::temp_directory_path() / UniqueName("thads_archive_")).string();
      location_ = dir_;
      return;
    }
    const std::string conninfo = PostgresConnInfo();
    if (conninfo.empty()) {
      reason_ = std::getenv("CI") != nullptr
                    ? "CI must test PostgreSQL, but no server is reachable"
                    : "no PostgreSQL server for the tests: run ctest (its fixture starts one) "
                      "or set THADS_TEST_POSTGRES";
      return;
    }
    auto admin = OpenPostgres(conninfo);
    if (!admin.ok()) {
      reason_ = admin.status().message();
      return;
    }
    schema_ = UniqueName("t_");
    const Status s = (*admin)->Script("CREATE SCHEMA " + schema_);
    if (!s.ok()) {
      reason_ = s.message();
      return;
    }
    conninfo_ = conninfo;
    location_ = conninfo + " options='-csearch_path=" + schema_ + "'";
  }
  ~ScratchArchive() {
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
    if (!schema_.empty()) {
      if (auto admin = OpenPostgres(conninfo_); admin.ok()) {
        (void)(*admin)->Script("DROP SCHEMA " + schema_ + " CASCADE");
      }
    }
  }

  bool available() const { return reason_.empty(); }
  // Why the backend is not available; a test skips with it, or fails under CI.
  const std::string& reason() const { return reason_; }
  const std::string& location() const { return location_; }
  const std::string& dir() const { return dir_; }

  Result<std::unique_ptr<Store>> Open(const std::string& actor = "test",
                                      bool index_in_background = true) const {
    StoreOptions o;
    o.location = location_;
    o.actor = actor;
    o.index_in_background = index_in_background;
    return Store::Open(o);
  }
  // A raw connection to the same database (to check what triggers refuse).
  Result<std::unique_ptr<SqlConnection>> Raw() const {
    if (backend_ == "sqlite") return OpenSqlite(dir_, dir_ + "/archive.db");
    return OpenPostgres(location_);
  }

 private:
  std::string backend_;
  std::string dir_;
  std::string schema_;
  std::string conninfo_;
  std::string location_;
  std::string reason_;
};

#define THADS_REQUIRE_BACKEND(scratch)                                  \
  do {                                                                  \
    if (!(scratch).available()) {                                       \
      if (std::getenv("CI") != nullptr) FAIL() << (scratch).reason();   \
      GTEST_SKIP() << (scratch).reason();                               \
    }                                                                   \
  } while (0)

inline model::Party MakeParty(model::PartyRole role, const std::string& name) {
  model::Party p;
  p.role = role;
  p.name = name;
  return p;
}

// A judgment with a plaintiff, a defendant and a debt.
inline model::ExtractionResult MakeJudgment(const std::string& number, const std::string& court,
                                            const std::string& plaintiff,
                                            const std::string& defendant,
                                            std::int64_t amount = 150000000,
                                            std::chrono::year_month_day date =
                                                std::chrono::year{2023} / 3 / 15) {
  model::ExtractionResult r;
  r.document.court = court;
  r.document.number = number;
  r.document.date = date;
  r.document.kind = model::DocumentKind::kJudgment;
  r.document.level = model::CourtLevel::kFirstInstance;
  r.document.case_type = model::CaseType::kCivil;
  r.document.subject = "tranh chấp hợp đồng vay tài sản";
  r.parties.push_back(MakeParty(model::PartyRole::kPlaintiff, plaintiff));
  r.parties.push_back(MakeParty(model::PartyRole::kDefendant, defendant));
  model::Obligation o;
  o.debtor = defendant;
  o.creditor = plaintiff;
  o.kind = model::ObligationKind::kPayDebt;
  o.amount_vnd = amount;
  r.obligations.push_back(o);
  return r;
}

// Files a judgment as a case in one transaction, with `text` as its source's text.
inline Result<std::int64_t> FileJudgment(Store& store, const model::ExtractionResult& judgment,
                                         const std::string& text = "") {
  auto tx = store.Begin();
  if (!tx.ok()) return tx.status();
  auto c = (*tx)->CreateOrFindCase(judgment.document, "Phòng Thi hành án dân sự khu vực 1");
  if (!c.ok()) return c.status();
  NewExtraction e;
  e.result = judgment;
  e.note = "extracted";
  if (auto v = (*tx)->AddExtraction(c->id, e); !v.ok()) return v.status();
  if (!text.empty()) {
    auto blob = (*tx)->PutBlob(text);
    if (!blob.ok()) return blob.status();
    SourceRecord s;
    s.sha256 = *blob;
    s.original_name = judgment.document.number.value_or("x") + ".txt";
    s.page_count = 1;
    s.case_id = c->id;
    s.text = text;
    THADS_RETURN_IF_ERROR((*tx)->RecordSource(s));
  }
  THADS_RETURN_IF_ERROR((*tx)->Commit());
  return c->id;
}

}  // namespace thads::archive::testing
