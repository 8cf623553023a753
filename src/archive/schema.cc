// Schema version 1, the part both backends share: the same tables with each
// dialect's types, and the triggers that make history immutable. The full-text
// index differs and stays in each adapter.
#include <string>
#include <utility>

#include "archive/sql.h"

namespace thads::archive {
namespace {

constexpr const char* kTablesV1 = R"sql(
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY, size $INT64 NOT NULL, created_at TEXT NOT NULL,
  data $BYTES);  -- NULL in a directory archive: the bytes are in blobs/ab/<sha256>
CREATE TABLE courts (
  id $ID, name_key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, name_fold TEXT NOT NULL);
CREATE TABLE cases (
  id $ID, number TEXT NOT NULL, number_key TEXT NOT NULL,
  court_id $INT64 NOT NULL REFERENCES courts (id), judgment_date TEXT, case_type TEXT,
  status TEXT NOT NULL, office TEXT NOT NULL, current_version INTEGER NOT NULL,
  sort_key $BYTES NOT NULL, created_at TEXT NOT NULL, UNIQUE (number_key, court_id));
CREATE INDEX cases_court_date ON cases (court_id, judgment_date);
CREATE INDEX cases_date ON cases (judgment_date);
CREATE INDEX cases_number_date ON cases (number_key, judgment_date);
CREATE INDEX cases_sort ON cases (sort_key);
CREATE TABLE extractions (
  case_id $INT64 NOT NULL REFERENCES cases (id), version INTEGER NOT NULL,
  json TEXT NOT NULL, sha256 TEXT NOT NULL, actor TEXT NOT NULL, note TEXT NOT NULL,
  recorded_at TEXT NOT NULL, PRIMARY KEY (case_id, version));
CREATE TABLE parties (
  case_id $INT64 NOT NULL REFERENCES cases (id), version INTEGER NOT NULL,
  ordinal INTEGER NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL,
  name_fold TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (case_id, version, ordinal));
CREATE TABLE obligations (
  case_id $INT64 NOT NULL REFERENCES cases (id), version INTEGER NOT NULL,
  ordinal INTEGER NOT NULL, kind TEXT NOT NULL, debtor TEXT, creditor TEXT,
  amount_vnd $INT64, PRIMARY KEY (case_id, version, ordinal));
CREATE INDEX obligations_amount ON obligations (amount_vnd);
CREATE TABLE sources (
  sha256 TEXT PRIMARY KEY, original_name TEXT NOT NULL, page_count INTEGER NOT NULL,
  state TEXT NOT NULL, reason TEXT NOT NULL, case_id $INT64 REFERENCES cases (id),
  text TEXT NOT NULL, recorded_at TEXT NOT NULL, searchable_pdf TEXT NOT NULL DEFAULT '');
CREATE INDEX sources_case ON sources (case_id);
-- ND 30/2020/NĐ-CP Phụ lục VI metadata in columns; json is the whole document.
CREATE TABLE documents (
  id $ID, case_id $INT64 NOT NULL REFERENCES cases (id),
  template_id TEXT NOT NULL, status TEXT NOT NULL, agency_key TEXT NOT NULL,
  symbol TEXT NOT NULL, year INTEGER, number INTEGER,
  agency_code TEXT, file_catalogue TEXT, file_notation TEXT, ordinal INTEGER,
  kind TEXT NOT NULL, issue_date TEXT, agency TEXT NOT NULL, subject TEXT NOT NULL,
  page_count INTEGER, signer TEXT, priority TEXT NOT NULL, due_date TEXT,
  json TEXT NOT NULL, pdf_sha256 TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE UNIQUE INDEX documents_registration ON documents (agency_key, symbol, year, number)
  WHERE number IS NOT NULL;
CREATE INDEX documents_case ON documents (case_id);
CREATE TABLE doc_counters (
  agency_key TEXT NOT NULL, symbol TEXT NOT NULL, year INTEGER NOT NULL,
  last INTEGER NOT NULL, PRIMARY KEY (agency_key, symbol, year));
CREATE TABLE audit (
  seq $SEQ, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  object TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE INDEX audit_object ON audit (object);
)sql";

// Tables whose rows never change once written, and what the refusal says. The
// condition limits the rule to some rows.
struct Immutable {
  const char* table;
  const char* when;
  const char* message;
};
constexpr Immutable kImmutable[] = {
    {"audit", "", "the audit log is append-only"},
    {"extractions", "", "extraction versions are immutable"},
    {"parties", "", "extraction versions are immutable"},
    {"obligations", "", "extraction versions are immutable"},
    {"blobs", "", "blobs are immutable"},
    {"documents", "OLD.status = 'approved'", "an approved document is immutable"},
};

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

}  // namespace

std::string SharedSchemaV1(Dialect dialect) {
  const bool sqlite = dialect == Dialect::kSqlite;
  std::string sql = kTablesV1;
  ReplaceAll(sql, "$ID", sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY");
  ReplaceAll(sql, "$SEQ", sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY");
  ReplaceAll(sql, "$INT64", sqlite ? "INTEGER" : "BIGINT");
  ReplaceAll(sql, "$BYTES", sqlite ? "BLOB" : "BYTEA");
  if (!sqlite) {
    sql += "CREATE FUNCTION thads_refuse() RETURNS trigger LANGUAGE plpgsql AS\n"
           "  $$ BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$;\n";
  }
  for (const Immutable& t : kImmutable) {
    const std::string when = *t.when != '\0' ? std::string(t.when) : "";
    const std::string table = t.table;
    if (sqlite) {
      for (const char* op : {"UPDATE", "DELETE"}) {
        sql += "CREATE TRIGGER " + table + "_no_" + op + " BEFORE " + op + " ON " + table +
               (when.empty() ? "" : " WHEN " + when) + " BEGIN SELECT RAISE(ABORT, '" +
               t.message + "'); END;\n";
      }
    } else {
      sql += "CREATE TRIGGER " + table + "_immutable BEFORE UPDATE OR DELETE ON " + table +
             " FOR EACH ROW" + (when.empty() ? "" : " WHEN (" + when + ")") +
             " EXECUTE FUNCTION thads_refuse('" + t.message + "');\n";
    }
  }
  return sql;
}

}  // namespace thads::archive
