// Store::Open: picks the backend from the location and checks an archive directory
// before SQLite sees it, so that errors name the path and say what is wrong.
#include "archive/store.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "archive/sql.h"

namespace thads::archive {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDatabaseFile = "archive.db";

bool HasArchiveFiles(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / kDatabaseFile, ec);
}

// Empty, or holding only the empty `blobs` folder that a creation cut off before the
// database file leaves behind.
bool IsNewDirectory(const fs::path& dir) {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename() != "blobs" || !entry.is_directory(ec) || !fs::is_empty(entry.path(), ec)) {
      return false;
    }
  }
  return !ec;
}

Result<std::unique_ptr<Store>> OpenDirectory(const StoreOptions& options) {
  std::string dir = options.location;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (dir.empty()) return Status::Invalid("no archive directory given");
  std::error_code ec;
  const fs::file_status st = fs::status(dir, ec);
  if (!fs::exists(st)) {
    if (!options.create_if_missing) return Status::NotFound(dir + ": no such archive directory");
    fs::create_directories(dir, ec);
    if (ec) return Status::IoError("cannot create the archive directory " + dir + ": " + ec.message());
  } else if (!fs::is_directory(st)) {
    return Status::Invalid(dir + " is not a directory, so it cannot be an archive");
  }
  const std::string db_path = dir + "/" + kDatabaseFile;
  if (!HasArchiveFiles(dir)) {
    if (!IsNewDirectory(dir)) {
      return Status::Invalid(dir + " is not a thads archive (no " + kDatabaseFile +
                             ") and holds other files; give an empty or new directory");
    }
    if (!options.create_if_missing) {
      return Status::NotFound(dir + " is not a thads archive (no " + kDatabaseFile + ")");
    }
  }
  if (::access(dir.c_str(), R_OK | W_OK | X_OK) != 0) {
    return Status::IoError(dir + " cannot be written (" + std::strerror(errno) +
                           "); the archive needs a writable directory");
  }
  const std::string blobs = dir + "/blobs";
  fs::create_directories(blobs, ec);
  if (ec) return Status::IoError("cannot create " + blobs + ": " + ec.message());
  Result<std::unique_ptr<SqlConnection>> db = OpenSqlite(dir, db_path);
  if (!db.ok()) return db.status();
  return MakeSqlStore(std::move(*db), blobs, options.actor, options.index_in_background);
}

}  // namespace

bool IsPostgresLocation(std::string_view location) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) return true;
  // A key=value connection string: "host=/tmp dbname=thads".
  for (std::string_view key : {"host=", "dbname=", "hostaddr=", "service="}) {
    if (location.starts_with(key) || location.find(std::string(" ") + std::string(key)) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

bool IsBlobHash(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string_view ToString(SourceState state) {
  switch (state) {
    case SourceState::kDone: return "done";
    case SourceState::kFailed: return "failed";
    case SourceState::kQuarantined: return "quarantined";
  }
  return {};
}

Result<SourceState> ParseSourceState(std::string_view text) {
  for (SourceState s : {SourceState::kDone, SourceState::kFailed, SourceState::kQuarantined}) {
    if (ToString(s) == text) return s;
  }
  return Status::Invalid("expected one of done, failed, quarantined; got '" + std::string(text) + "'");
}

Result<std::unique_ptr<Store>> Store::Open(const StoreOptions& options) {
  if (IsPostgresLocation(options.location)) {
    Result<std::unique_ptr<SqlConnection>> db = OpenPostgres(options.location);
    if (!db.ok()) return db.status();
    return MakeSqlStore(std::move(*db), "", options.actor, options.index_in_background);
  }
  return OpenDirectory(options);
}

Status RestoreArchive(const std::string& backup_dir, const std::string& archive_dir, bool force) {
  StoreOptions from;
  from.location = backup_dir;
  from.create_if_missing = false;
  from.actor = "restore";
  Result<std::unique_ptr<Store>> backup = Store::Open(from);
  if (!backup.ok()) return backup.status().WithContext("restore");
  Result<VerifyReport> report = (*backup)->Verify();
  if (!report.ok()) return report.status().WithContext("restore");
  if (!report->ok()) {
    return Status::Error(StatusCode::kCorrupt,
                         "restore: the backup " + backup_dir + " does not verify (" +
                             std::to_string(report->problems.size()) + " damaged blobs, database: " +
                             report->database_check + ")");
  }
  std::error_code ec;
  if (fs::exists(archive_dir, ec) && !fs::is_empty(archive_dir, ec)) {
    if (!HasArchiveFiles(archive_dir)) {
      return Status::Invalid("restore: " + archive_dir + " is not an archive and not empty; "
                             "nothing was changed");
    }
    if (!force) {
      return Status::Error(StatusCode::kAlreadyExists,
                           "restore: " + archive_dir + " already holds an archive; "
                           "--force replaces it");
    }
    for (const char* name : {"archive.db", "archive.db-wal", "archive.db-shm", "search.db",
                             "search.db-wal", "search.db-shm", "blobs"}) {
      fs::remove_all(fs::path(archive_dir) / name, ec);
      if (ec) return Status::IoError("restore: cannot remove " + archive_dir + "/" + name + ": " + ec.message());
    }
  }
  return (*backup)->Backup(archive_dir).WithContext("restore");
}

}  // namespace thads::archive
