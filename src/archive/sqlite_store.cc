// The SQLite adapter: the only file that sees sqlite3. An archive directory holds
// archive.db in WAL mode (readers never wait for the writer; a killed writer leaves
// the last committed state), synchronous=FULL (a commit is on disk when it returns),
// and search.db, the full-text index built from it (docs/archive.md): a file of its
// own so that indexing never holds archive.db's write lock.
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <unordered_map>

#include "archive/sql.h"

namespace thads::archive {
namespace {

// Schema version 1: the shared tables, then the full-text index (a contentless FTS5
// table fed our own space-separated search keys; docs/archive.md).
constexpr const char* kSearchV1 = R"sql(
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, current INTEGER NOT NULL);
CREATE INDEX search_docs_case ON search_docs (case_id) WHERE current = 1;
CREATE VIRTUAL TABLE search_fts USING fts5 (
  meta, body, meta_pairs, body_pairs, accent, content = '',
  tokenize = "ascii tokenchars '_'");
)sql";

// Schema version 2: the index moves to search.db, filled after the commit; a search
// document keeps the metadata text it is indexed by.
constexpr const char* kSearchV2 = R"sql(
DROP TABLE search_fts;
ALTER TABLE search_docs ADD COLUMN meta TEXT;
)sql";

// search.db: the index of every search document up to `through` (search_docs.id in
// archive.db); `through_case` names that document's case, so that an index that
// does not belong to the archive beside it (a restored archive.db) is seen and
// rebuilt. Merging 8 segments at a time instead of 4 costs searches little and
// saves a tenth of the indexing time.
constexpr const char* kSearchDb = R"sql(
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5 (
  meta, body, meta_pairs, body_pairs, accent, content = '',
  tokenize = "ascii tokenchars '_'");
CREATE TABLE IF NOT EXISTS search_state (
  id INTEGER PRIMARY KEY CHECK (id = 1), through INTEGER NOT NULL, through_case INTEGER NOT NULL);
INSERT OR IGNORE INTO search_state VALUES (1, 0, 0);
INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 8);
)sql";

Result<sqlite3*> OpenFile(const std::string& path);

class SqliteConnection final : public SqlConnection {
 public:
  // `search`: a connection to search.db with archive.db attached (its write
  // transactions lock search.db only).
  SqliteConnection(sqlite3* db, std::string dir, std::string path, bool search = false)
      : db_(db), dir_(std::move(dir)), path_(std::move(path)), search_(search) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string Describe() const override { return "archive directory " + dir_; }

  Status Error(int rc, std::string_view doing) const {
    const std::string what = path_ + ": " + std::string(doing) + ": " + sqlite3_errmsg(db_);
    switch (rc & 0xFF) {
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        return Status::Error(StatusCode::kCorrupt, path_ + " is damaged or not an archive database (" +
                                                       sqlite3_errmsg(db_) + ")");
      case SQLITE_FULL:
        return Status::IoError(path_ + ": the disk is full; nothing of this transaction was stored");
      case SQLITE_READONLY:
      case SQLITE_CANTOPEN:
      case SQLITE_PERM:
        return Status::IoError(path_ + " cannot be written (" + sqlite3_errmsg(db_) +
                               "); check the directory's permissions");
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return Status::IoError(path_ + " is busy: another process kept it locked too long");
      case SQLITE_CONSTRAINT:
        return Status::Invalid(what);
      default:
        return Status::IoError(what);
    }
  }

  Result<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) override {
    sqlite3_stmt* stmt = nullptr;
    const std::string key(sql);
    if (auto it = statements_.find(key); it != statements_.end()) {
      stmt = it->second;
    } else {
      const int rc = sqlite3_prepare_v2(db_, key.c_str(), static_cast<int>(key.size()), &stmt, nullptr);
      if (rc != SQLITE_OK) return Error(rc, "preparing a statement");
      statements_.emplace(key, stmt);
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i + 1);
      const SqlValue& v = params[i];
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        sqlite3_bind_int64(stmt, at, *n);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        sqlite3_bind_text64(stmt, at, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (const auto* b = std::get_if<Bytes>(&v)) {
        sqlite3_bind_blob64(stmt, at, b->data.data(), b->data.size(), SQLITE_STATIC);
      } else {
        sqlite3_bind_null(stmt, at);
      }
    }
    std::vector<SqlRow> rows;
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        Status s = Error(rc, "running a statement");
        sqlite3_reset(stmt);
        return s;
      }
      const int n = sqlite3_column_count(stmt);
      SqlRow row;
      row.reserve(static_cast<std::size_t>(n));
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
          case SQLITE_FLOAT:
            row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_TEXT:
            row.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                                         static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
            break;
          case SQLITE_BLOB: {
            const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            row.emplace_back(Bytes{std::string(p == nullptr ? "" : p,
                                               static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)))});
            break;
          }
          default:
            row.emplace_back(nullptr);
        }
      }
      rows.push_back(std::move(row));
    }
    sqlite3_reset(stmt);
    return rows;
  }

  Status Script(std::string_view sql) override {
    const std::string s(sql);
    const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return Error(rc, "updating the schema");
    return Status::Ok();
  }

  Status BeginWrite() override {
    // BEGIN IMMEDIATE would lock every attached file: the search connection takes
    // search.db's write lock with its first statement instead.
    const int rc = sqlite3_exec(db_, search_ ? "BEGIN; UPDATE search_state SET through = through"
                                             : "BEGIN IMMEDIATE",
                                nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
      Status s = Error(rc, "starting a transaction");
      (void)Rollback();
      return s;
    }
    return Status::Ok();
  }

  Status Rollback() override {
    if (sqlite3_get_autocommit(db_) != 0) return Status::Ok();
    const int rc = sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return Error(rc, "rolling back");
    return Status::Ok();
  }

  const std::vector<std::string>& Migrations() const override {
    static const std::vector<std::string> kMigrations = {SharedSchemaV1(Dialect::kSqlite) + kSearchV1,
                                                         kSearchV2};
    return kMigrations;
  }

  Result<std::unique_ptr<SqlConnection>> OpenSearch() const override;
  Result<std::unique_ptr<SqlConnection>> OpenSearchFile() const;

  // Opens the search schema of a new search connection and forgets an index that
  // belongs to another archive.db than the one beside it.
  Status PrepareSearch() {
    THADS_RETURN_IF_ERROR(Script(kSearchDb));
    auto state = Query("SELECT through, through_case FROM search_state", {});
    if (!state.ok()) return state.status();
    const std::int64_t through = Int(state->front().at(0));
    if (through == 0) return Status::Ok();
    auto doc = Query("SELECT case_id FROM archive.search_docs WHERE id = ?", {through});
    if (doc.ok() && !doc->empty() && Int(doc->front().at(0)) == Int(state->front().at(1))) {
      return Status::Ok();
    }
    return Script("BEGIN; INSERT INTO search_fts (search_fts) VALUES ('delete-all'); "
                  "UPDATE search_state SET through = 0, through_case = 0; COMMIT");
  }

  Result<std::string> CheckIntegrity() override {
    auto rows = Query("PRAGMA quick_check", {});
    if (!rows.ok()) return rows.status();
    std::string out;
    for (const SqlRow& r : *rows) {
      if (!out.empty()) out += "; ";
      out += Text(r.at(0));
    }
    return out;
  }

  Status BackupTo(const std::string& path) override {
    sqlite3* dest = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
      const std::string msg = dest != nullptr ? sqlite3_errmsg(dest) : "out of memory";
      sqlite3_close_v2(dest);
      return Status::IoError("cannot create " + path + ": " + msg);
    }
    // The online backup API: a consistent snapshot while other processes write.
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", db_, "main");
    if (backup == nullptr) {
      const std::string msg = sqlite3_errmsg(dest);
      sqlite3_close_v2(dest);
      return Status::IoError("cannot back up to " + path + ": " + msg);
    }
    do {
      rc = sqlite3_backup_step(backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    const std::string msg = sqlite3_errmsg(dest);
    sqlite3_close_v2(dest);
    if (rc != SQLITE_DONE) return Status::IoError("backup to " + path + " failed: " + msg);
    return Status::Ok();
  }

 private:
  sqlite3* db_;
  std::string dir_;
  std::string path_;
  bool search_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

Result<sqlite3*> OpenFile(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::IoError("cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 30000);
  sqlite3_extended_result_codes(db, 1);
  return db;
}

Status RunPragmas(SqlConnection& c, std::initializer_list<const char*> pragmas) {
  for (const char* pragma : pragmas) THADS_RETURN_IF_ERROR(c.Query(pragma, {}).status());
  return Status::Ok();
}

Result<std::unique_ptr<SqlConnection>> SqliteConnection::OpenSearch() const {
  Result<std::unique_ptr<SqlConnection>> search = OpenSearchFile();
  if (search.ok() || search.status().code() != StatusCode::kCorrupt) return search;
  // The index holds nothing that archive.db does not: a damaged one is set aside as
  // search.db.damaged (for whoever wants to look at it) and built again.
  const std::string path = dir_ + "/search.db";
  std::error_code ec;
  std::filesystem::rename(path, path + ".damaged", ec);
  if (ec) return search.status().WithContext("cannot set the damaged index aside: " + ec.message());
  for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
  return OpenSearchFile();
}

Result<std::unique_ptr<SqlConnection>> SqliteConnection::OpenSearchFile() const {
  const std::string path = dir_ + "/search.db";
  Result<sqlite3*> db = OpenFile(path);
  if (!db.ok()) return db.status();
  auto conn = std::make_unique<SqliteConnection>(*db, dir_, path, /*search=*/true);
  // The index is derived from archive.db and rebuilt from it when lost: a power cut
  // may cost its last transactions, never its consistency.
  THADS_RETURN_IF_ERROR(RunPragmas(*conn, {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                                           "PRAGMA cache_size = -32768"}));
  THADS_RETURN_IF_ERROR(conn->Query("ATTACH DATABASE ? AS archive", {path_}).status());
  THADS_RETURN_IF_ERROR(conn->PrepareSearch());
  return std::unique_ptr<SqlConnection>(std::move(conn));
}

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& dir, const std::string& db_path) {
  Result<sqlite3*> db = OpenFile(db_path);
  if (!db.ok()) return db.status();
  auto conn = std::make_unique<SqliteConnection>(*db, dir, db_path);
  THADS_RETURN_IF_ERROR(RunPragmas(*conn, {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                                           "PRAGMA foreign_keys = ON", "PRAGMA cache_size = -65536"}));
  return std::unique_ptr<SqlConnection>(std::move(conn));
}

}  // namespace thads::archive
