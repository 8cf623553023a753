// Private to src/archive: the little SQL both backends speak, so the store's logic
// (store_logic.cc) is written once. sqlite_store.cc and postgres_store.cc adapt
// sqlite3 and libpq to it; nothing else sees either library.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "archive/store.h"
#include "base/status.h"

namespace thads::archive {

struct Bytes {  // a BLOB / bytea value
  std::string data;
  bool tsvector = false;  // PostgreSQL only: a tsvector in its binary form (TsVectorBinary)
  friend bool operator==(const Bytes&, const Bytes&) = default;
};
using SqlValue = std::variant<std::nullptr_t, std::int64_t, std::string, Bytes>;
using SqlRow = std::vector<SqlValue>;
using SqlParams = std::vector<SqlValue>;

enum class Dialect { kSqlite, kPostgres };

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;
  // "archive directory /srv/a" or "PostgreSQL dbname=thads".
  virtual std::string Describe() const = 0;

  // One statement with `?` placeholders, parameters always bound. Integers and
  // booleans come back as int64, text as string, BLOB / bytea as Bytes.
  virtual Result<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) = 0;
  // A write whose rows are not needed. PostgreSQL sends it without waiting for the
  // answer, so its error may come back from the next Query (or COMMIT) on this
  // connection instead; the transaction fails either way.
  virtual Status Send(std::string_view sql, const SqlParams& params) { return Query(sql, params).status(); }
  // Several statements without parameters (schema migrations).
  virtual Status Script(std::string_view sql) = 0;
  // Starts a write transaction (SQLite: BEGIN IMMEDIATE); Query("COMMIT") ends it.
  virtual Status BeginWrite() = 0;
  virtual Status Rollback() = 0;

  // The schema, one script per version: migration i brings version i to i + 1.
  virtual const std::vector<std::string>& Migrations() const = 0;
  // The database's own consistency check: "ok" or what it found.
  virtual Result<std::string> CheckIntegrity() = 0;
  // A consistent online copy of the database to the file `path` (SQLite only).
  virtual Status BackupTo(const std::string& path) = 0;
  // Another connection to the archive for searching and indexing (its own thread may
  // use it). SQLite: to search.db, with archive.db attached; its write transactions
  // lock search.db only. PostgreSQL: a new session on the same server and schema.
  virtual Result<std::unique_ptr<SqlConnection>> OpenSearch() const = 0;
};

// Schema version 1 without the full-text index: tables, indexes and the triggers
// that refuse changing history, in the dialect's types (schema.cc).
std::string SharedSchemaV1(Dialect dialect);

// Directory archive: DIR/archive.db. The directory exists; the file may not.
Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& dir,
                                                  const std::string& db_path);
// PostgreSQL server by connection string.
Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& conninfo);

// The store over either connection; blobs in `blob_dir` (directory archive) or, when
// empty, in the database.
Result<std::unique_ptr<Store>> MakeSqlStore(std::unique_ptr<SqlConnection> db,
                                            std::string blob_dir, std::string actor,
                                            bool index_in_background);

// Row access; the caller knows the column types of its own queries.
inline std::int64_t Int(const SqlValue& v) {
  const auto* i = std::get_if<std::int64_t>(&v);
  return i != nullptr ? *i : 0;
}
inline std::string Text(const SqlValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<Bytes>(&v)) return b->data;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return {};
}
inline bool IsNull(const SqlValue& v) { return std::holds_alternative<std::nullptr_t>(v); }

}  // namespace thads::archive
