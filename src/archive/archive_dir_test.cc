// The archive directory: bad places to open one, damage found by verify, a full
// disk, backup and restore while the archive is in use.
#include <gtest/gtest.h>
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "archive/blob_store.h"
#include "archive/store.h"
#include "archive/store_test_util.h"

namespace thads::archive {
namespace {

namespace fs = std::filesystem;
using testing::FileJudgment;
using testing::MakeJudgment;

std::string TempDir(const std::string& name) {
  return (fs::temp_directory_path() / testing::UniqueName(name)).string();
}

Result<std::unique_ptr<Store>> OpenAt(const std::string& dir, bool create = true) {
  StoreOptions o;
  o.location = dir;
  o.create_if_missing = create;
  return Store::Open(o);
}

void ExpectError(const Result<std::unique_ptr<Store>>& r, const std::string& path,
                 const std::string& says) {
  ASSERT_FALSE(r.ok()) << path;
  EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find(says), std::string::npos) << r.status().message();
}

TEST(ArchiveDirectory, BadPlacesAreNamedInTheError) {
  const std::string base = TempDir("archive_bad_");
  fs::create_directories(base);
  ExpectError(OpenAt(base + "/missing", false), base + "/missing", "no such archive directory");
  std::ofstream(base + "/file.txt") << "x";
  ExpectError(OpenAt(base + "/file.txt"), base + "/file.txt", "is not a directory");
  fs::create_directories(base + "/photos");
  std::ofstream(base + "/photos/a.jpg") << "x";
  ExpectError(OpenAt(base + "/photos"), base + "/photos", "is not a thads archive");
  fs::create_directories(base + "/broken");
  std::ofstream(base + "/broken/archive.db") << std::string(8192, 'z');
  auto broken = OpenAt(base + "/broken");
  ExpectError(broken, base + "/broken/archive.db", "damaged or not an archive database");
  EXPECT_EQ(broken.status().code(), StatusCode::kCorrupt);
  // A creation killed before the database file was made leaves an empty blobs folder:
  // the archive is created there all the same; a blobs folder with files is not ours.
  fs::create_directories(base + "/cut/blobs");
  EXPECT_TRUE(OpenAt(base + "/cut").ok());
  fs::create_directories(base + "/kept/blobs");
  std::ofstream(base + "/kept/blobs/x") << "x";
  ExpectError(OpenAt(base + "/kept"), base + "/kept", "is not a thads archive");
  fs::remove_all(base);
}

// The search index is built from archive.db: lost or damaged, it is built again and
// every case is found; a damaged one is kept aside for whoever wants to look at it.
TEST(ArchiveDirectory, ALostOrDamagedSearchIndexIsBuiltAgain) {
  const std::string dir = TempDir("archive_index_");
  {
    auto store = OpenAt(dir);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE(FileJudgment(**store, MakeJudgment("1/2024/DS-ST", "Tòa án nhân dân quận 1",
                                                   "Nguyễn Văn Ấn", "Lê Thị Hoà")).ok());
  }
  auto found = [&] {
    auto store = OpenAt(dir, false);
    EXPECT_TRUE(store.ok()) << store.status().message();
    if (!store.ok()) return std::size_t{0};
    SearchRequest r;
    r.query = "nguyen van an";
    auto result = (*store)->Search(r);
    EXPECT_TRUE(result.ok()) << result.status().message();
    return result.ok() ? result->hits.size() : 0;
  };
  EXPECT_EQ(found(), 1u);
  for (const char* name : {"search.db", "search.db-wal", "search.db-shm"}) fs::remove(dir + "/" + name);
  EXPECT_EQ(found(), 1u);
  std::ofstream(dir + "/search.db", std::ios::trunc) << std::string(8192, 'z');
  EXPECT_EQ(found(), 1u);
  EXPECT_TRUE(fs::exists(dir + "/search.db.damaged"));
  fs::remove_all(dir);
}

// Root ignores permissions: the check runs in a child that drops to `nobody`.
TEST(ArchiveDirectory, ReadOnlyDirectoryIsAClearError) {
  const std::string dir = TempDir("archive_ro_");
  { ASSERT_TRUE(OpenAt(dir).ok()); }
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                           fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  const std::string msg = testing::RunInChild([&]() -> std::string {
    if (geteuid() == 0) {
      const passwd* nobody = getpwnam("nobody");
      if (nobody == nullptr || setgid(nobody->pw_gid) != 0 || setuid(nobody->pw_uid) != 0) return "no nobody";
    }
    auto r = OpenAt(dir);
    return r.ok() ? "opened" : r.status().message();
  });
  EXPECT_NE(msg.find(dir), std::string::npos) << msg;
  EXPECT_NE(msg.find("cannot be written"), std::string::npos) << msg;
  fs::permissions(dir, fs::perms::owner_all);
  fs::remove_all(dir);
}

// A full disk (a file size limit in a child): the insert fails with a clear error
// and every case committed before is intact.
TEST(ArchiveDirectory, AFullDiskFailsTheTransactionAndKeepsWhatWasCommitted) {
  const std::string dir = TempDir("archive_full_");
  std::int64_t before = 0;
  {
    auto s = OpenAt(dir);
    ASSERT_TRUE(s.ok());
    before = *FileJudgment(**s, MakeJudgment("1/2024/DS-ST", "Tòa án nhân dân quận 1", "An", "Bình"), "văn bản");
  }
  const std::string msg = testing::RunInChild([&]() -> std::string {
    signal(SIGXFSZ, SIG_IGN);
    auto s = OpenAt(dir);
    if (!s.ok()) return "cannot open";
    rlimit limit{};
    limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(fs::file_size(dir + "/archive.db") + 4096);
    setrlimit(RLIMIT_FSIZE, &limit);
    for (int i = 2; i < 200; ++i) {
      auto r = FileJudgment(**s, MakeJudgment(std::to_string(i) + "/2024/DS-ST", "Tòa án nhân dân quận 1", "An", "Bình"),
                            std::string(200000, 'x'));
      if (!r.ok()) return r.status().message();
    }
    return "stored";
  });
  EXPECT_NE(msg, "stored");
  EXPECT_TRUE(msg.find(dir) != std::string::npos) << msg;
  auto s = OpenAt(dir);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE((*s)->CurrentExtraction(before).ok());
  auto report = (*s)->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
  s->reset();  // closed first: its indexer writes search.db
  fs::remove_all(dir);
}

TEST(ArchiveDirectory, VerifyFindsMissingAndCorruptBlobs) {
  const std::string dir = TempDir("archive_verify_");
  auto s = OpenAt(dir);
  ASSERT_TRUE(s.ok());
  BlobHash a, b;
  {
    auto tx = (*s)->Begin();
    a = *(*tx)->PutBlob("bản án thứ nhất");
    b = *(*tx)->PutBlob("bản án thứ hai");
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  BlobStore blobs(dir + "/blobs");
  fs::remove(blobs.PathOf(a));
  std::ofstream(blobs.PathOf(b), std::ios::binary) << "bản án thứ ba";
  auto report = (*s)->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok());
  ASSERT_EQ(report->problems.size(), 2u);
  for (const BlobProblem& p : report->problems) {
    EXPECT_EQ(p.path, blobs.PathOf(p.sha256));
    EXPECT_EQ(p.problem.rfind(p.sha256 == a ? "missing" : "corrupt", 0), 0u) << p.problem;
  }
  auto missing = (*s)->GetBlob(a);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find(blobs.PathOf(a)), std::string::npos);
  EXPECT_EQ((*s)->GetBlob(b).status().code(), StatusCode::kCorrupt);
  s->reset();
  fs::remove_all(dir);
}

// A backup taken while another process writes opens, verifies and holds every case
// committed before it started; restore refuses to overwrite an archive unless forced.
TEST(ArchiveDirectory, BackupWhileInUseAndRestore) {
  const std::string dir = TempDir("archive_live_");
  const std::string backup = TempDir("archive_backup_");
  const std::string restored = TempDir("archive_restored_");
  auto s = OpenAt(dir);
  ASSERT_TRUE(s.ok());
  for (int i = 1; i <= 20; ++i) {
    ASSERT_TRUE(FileJudgment(**s, MakeJudgment(std::to_string(i) + "/2024/DS-ST", "Tòa án nhân dân quận 1",
                                               "Nguyễn Văn An", "Trần Thị Bình"),
                             "Bản án " + std::to_string(i))
                    .ok());
  }
  s->reset();  // no indexing thread while forking
  ASSERT_EQ(testing::ThreadsOfThisProcess(), 1u);
  const pid_t writer = fork();
  ASSERT_GE(writer, 0);
  if (writer == 0) {
    auto w = OpenAt(dir);
    for (int i = 100;; ++i) {
      if (!w.ok() || !FileJudgment(**w, MakeJudgment(std::to_string(i) + "/2025/DS-ST", "Tòa án nhân dân quận 2", "Lê Văn C", "Hồ Thị D"),
                                   "Bản án " + std::to_string(i))
                          .ok()) {
        _exit(3);
      }
    }
  }
  s = OpenAt(dir);
  ASSERT_TRUE(s.ok()) << s.status().message();
  usleep(100000);
  const Status b = (*s)->Backup(backup);
  kill(writer, SIGKILL);
  waitpid(writer, nullptr, 0);
  ASSERT_TRUE(b.ok()) << b.message();
  EXPECT_EQ((*s)->Backup(backup).code(), StatusCode::kAlreadyExists);

  ASSERT_TRUE(RestoreArchive(backup, restored, false).ok());
  auto r = OpenAt(restored, false);
  ASSERT_TRUE(r.ok());
  for (int i = 1; i <= 20; ++i) {
    EXPECT_EQ((*r)->FindCasesByNumber(std::to_string(i) + "/2024/DS-ST")->size(), 1u) << i;
  }
  auto report = (*r)->Verify();
  EXPECT_TRUE(report.ok() && report->ok());
  r->reset();
  const Status again = RestoreArchive(backup, restored, false);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.message().find("--force"), std::string::npos);
  EXPECT_TRUE(RestoreArchive(backup, restored, true).ok());
  EXPECT_FALSE(RestoreArchive(restored + "/none", dir, true).ok());
  s->reset();
  for (const std::string& d : {dir, backup, restored}) fs::remove_all(d);
}

TEST(ArchiveDirectory, PostgresBackupSaysToUsePgDump) {
  testing::ScratchArchive pg("postgres");
  THADS_REQUIRE_BACKEND(pg);
  auto s = pg.Open();
  ASSERT_TRUE(s.ok());
  const Status b = (*s)->Backup(TempDir("pg_backup_"));
  EXPECT_EQ(b.code(), StatusCode::kUnsupported);
  EXPECT_NE(b.message().find("pg_dump"), std::string::npos);
  EXPECT_TRUE((*s)->IsServer());
  StoreOptions bad;
  bad.location = "host=/nonexistent-socket-dir port=1 dbname=x connect_timeout=2";
  auto r = Store::Open(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("cannot connect to the PostgreSQL archive"), std::string::npos);
}

}  // namespace
}  // namespace thads::archive
