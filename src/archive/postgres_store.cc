// The PostgreSQL adapter: the only file that sees libpq. Offices that share one
// archive point every thads at one server; blobs live in the database (bytea), so
// one pg_dump backs up everything and no shared file system is needed.
#include <arpa/inet.h>
#include <libpq-fe.h>

#include <cstring>
#include <string>
#include <unordered_map>
#include <utility>

#include "archive/sql.h"

namespace thads::archive {
namespace {

// Schema version 1: the shared tables, then the full-text index: tsvectors we write
// ourselves (docs/archive.md), each with a GIN index whose pending list is kept
// short: searches read the pending list whole (the default 4 MB made name queries
// take 55 ms at 5,000 cases instead of 1 ms).
constexpr const char* kSearchV1 = R"sql(
CREATE TABLE search_docs (
  id BIGSERIAL PRIMARY KEY, case_id BIGINT NOT NULL, current SMALLINT NOT NULL,
  words TSVECTOR NOT NULL, pairs TSVECTOR NOT NULL, accent TSVECTOR NOT NULL);
CREATE INDEX search_docs_case ON search_docs (case_id) WHERE current = 1;
CREATE INDEX search_words ON search_docs USING GIN (words) WITH (gin_pending_list_limit = 256);
CREATE INDEX search_pairs ON search_docs USING GIN (pairs) WITH (gin_pending_list_limit = 256);
CREATE INDEX search_accent ON search_docs USING GIN (accent) WITH (gin_pending_list_limit = 256);
)sql";

// Schema version 2: the index is filled after the commit (docs/archive.md). Its
// tsvectors move to search_index, which holds the current documents only and whose
// rows stay narrow (the large ones are TOASTed,
// the metadata's accents kept inline, read for every candidate); search_pending lists
// the documents not indexed yet. The indexer moves its GIN pending list into the
// index at the end of each batch, so the list may be long in between.
constexpr const char* kSearchV2 = R"sql(
CREATE TABLE search_index (
  doc_id BIGINT PRIMARY KEY, words TSVECTOR NOT NULL, pairs TSVECTOR NOT NULL,
  accent TSVECTOR NOT NULL) WITH (toast_tuple_target = 128);
ALTER TABLE search_index ALTER COLUMN accent SET STORAGE MAIN;
INSERT INTO search_index SELECT id, words, pairs, accent FROM search_docs WHERE current = 1;
CREATE TABLE search_pending (doc_id BIGINT PRIMARY KEY);
ALTER TABLE search_docs DROP COLUMN words, DROP COLUMN pairs, DROP COLUMN accent,
  ADD COLUMN meta TEXT;
CREATE INDEX search_words ON search_index USING GIN (words) WITH (gin_pending_list_limit = 65536);
CREATE INDEX search_pairs ON search_index USING GIN (pairs) WITH (gin_pending_list_limit = 65536);
CREATE INDEX search_accent ON search_index USING GIN (accent) WITH (gin_pending_list_limit = 65536);
)sql";

// Schema version 3: the GIN index of the metadata's accents goes. Searches check
// the accents on the candidates the pairs index lists (`văn`'s list in it was the
// whole archive), so it was written at every insert and read by none.
constexpr const char* kSearchV3 = R"sql(
DROP INDEX IF EXISTS search_accent;
)sql";

constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23,
              kTsVectorOid = 3614;

// `?` placeholders to `$1`, `$2`, … (outside quoted literals).
std::string Numbered(std::string_view sql) {
  std::string out;
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += '$' + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

// libpq's messages span lines ("…failed: Connection refused\n\tIs the server
// running…"): one line for the clerk.
std::string OneLine(std::string msg) {
  std::string out;
  for (char c : msg) {
    if (c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::int64_t BigEndian(const char* p, int len) {
  std::uint64_t v = 0;
  for (int i = 0; i < len; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  if (len < 8 && len > 0 && (static_cast<unsigned char>(p[0]) & 0x80) != 0) {
    v |= ~std::uint64_t{0} << (8 * len);  // sign-extend
  }
  return static_cast<std::int64_t>(v);
}

class PgResult {
 public:
  explicit PgResult(PGresult* r = nullptr) : r_(r) {}
  ~PgResult() { PQclear(r_); }
  PgResult(PgResult&& o) noexcept : r_(std::exchange(o.r_, nullptr)) {}
  PgResult& operator=(PgResult&& o) noexcept {
    if (this != &o) {
      PQclear(r_);
      r_ = std::exchange(o.r_, nullptr);
    }
    return *this;
  }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PGresult* get() const { return r_; }

 private:
  PGresult* r_;
};

// The parameters as libpq takes them: integers as text, strings as they are, bytea
// and tsvectors in binary form. Points into `params`, which must outlive it.
struct BoundParams {
  explicit BoundParams(const SqlParams& params)
      : values(params.size()), lengths(params.size()), formats(params.size()), types(params.size()),
        texts(params.size()) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        texts[i] = std::to_string(*n);
        values[i] = texts[i].c_str();
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        values[i] = s->c_str();
      } else if (const auto* b = std::get_if<Bytes>(&v)) {
        values[i] = b->data.data();
        lengths[i] = static_cast<int>(b->data.size());
        formats[i] = 1;
        types[i] = b->tsvector ? kTsVectorOid : kByteaOid;
      } else {
        values[i] = nullptr;
      }
    }
  }
  int size() const { return static_cast<int>(values.size()); }

  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  std::vector<Oid> types;
  std::vector<std::string> texts;
};

std::vector<SqlRow> RowsOf(const PGresult* r) {
  std::vector<SqlRow> rows;
  const int nrows = PQntuples(r);
  const int ncols = PQnfields(r);
  rows.reserve(static_cast<std::size_t>(nrows));
  for (int i = 0; i < nrows; ++i) {
    SqlRow row;
    row.reserve(static_cast<std::size_t>(ncols));
    for (int c = 0; c < ncols; ++c) {
      if (PQgetisnull(r, i, c) != 0) {
        row.emplace_back(nullptr);
        continue;
      }
      const char* p = PQgetvalue(r, i, c);
      const int len = PQgetlength(r, i, c);
      switch (PQftype(r, c)) {
        case kBoolOid:
        case kInt2Oid:
        case kInt4Oid:
        case kInt8Oid:
          row.emplace_back(BigEndian(p, len));
          break;
        case kByteaOid:
          row.emplace_back(Bytes{std::string(p, static_cast<std::size_t>(len))});
          break;
        default:  // text and the like, in their binary form (the UTF-8 bytes)
          row.emplace_back(std::string(p, static_cast<std::size_t>(len)));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

bool IsTransactionControl(std::string_view sql, const SqlParams& params) {
  return params.empty() && (sql == "COMMIT" || sql == "ROLLBACK" || sql == "BEGIN");
}

class PostgresConnection final : public SqlConnection {
 public:
  PostgresConnection(PGconn* conn, std::string describe, std::string conninfo)
      : conn_(conn), describe_(std::move(describe)), conninfo_(std::move(conninfo)) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string Describe() const override { return describe_; }

  // The error of a result, or with none (nullptr) the connection's last error.
  Status Error(const PGresult* r) const {
    const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const std::string msg = OneLine(r != nullptr ? PQresultErrorMessage(r) : PQerrorMessage(conn_));
    const std::string sqlstate = state != nullptr ? state : "";
    const std::string what = describe_ + ": " + msg;
    if (sqlstate == "23505") return Status::Error(StatusCode::kAlreadyExists, what);
    if (sqlstate.starts_with("23") || sqlstate == "P0001") return Status::Invalid(what);
    if (sqlstate == "53100") return Status::IoError(describe_ + ": the server's disk is full; nothing of this transaction was stored");
    return Status::IoError(what);
  }

  // Every statement goes out in libpq's pipeline mode: a new one is prepared in the
  // same round trip, and the writes sent before it (Send) are answered with it.
  Result<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) override {
    THADS_RETURN_IF_ERROR(EnterPipeline());
    if (Status sent = SendInPipeline(sql, params); !sent.ok()) {
      (void)Collect();
      return sent;
    }
    Result<PgResult> last = Collect();
    if (!last.ok()) return last.status();
    return RowsOf(last->get());
  }

  // A write whose rows nobody reads goes out without waiting for its answer (libpq's
  // pipeline mode): the next Query sends its statement behind the queued ones and
  // reads every answer at once, one round trip for all. The first error among them
  // is that Query's error; the server has then refused the rest of the transaction.
  Status Send(std::string_view sql, const SqlParams& params) override {
    THADS_RETURN_IF_ERROR(EnterPipeline());
    Status s = SendInPipeline(sql, params);
    // Answers wait in the server's socket buffer until read: a few hundred at most.
    if (s.ok() && queued_ >= kMaxQueued) s = Collect().status();
    return s;
  }

  Status Script(std::string_view sql) override {
    if (queued_ > 0) THADS_RETURN_IF_ERROR(Collect().status());
    PgResult r(PQexec(conn_, std::string(sql).c_str()));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK && PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
      return Error(r.get());
    }
    return Status::Ok();
  }

  Status BeginWrite() override { return Query("BEGIN", {}).status(); }

  Status Rollback() override {
    if (queued_ > 0) (void)Collect();  // the transaction is abandoned: their errors too
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return Status::Ok();
    return Query("ROLLBACK", {}).status();
  }

  const std::vector<std::string>& Migrations() const override {
    static const std::vector<std::string> kMigrations = {SharedSchemaV1(Dialect::kPostgres) + kSearchV1,
                                                         kSearchV2, kSearchV3};
    return kMigrations;
  }

  // Searches are planned for their values each time: a generic plan of the number
  // filter walked the date index (1.2 s at 386,000 cases instead of 10 ms). Writes,
  // on the store's own connection, keep the plans they were prepared with.
  Result<std::unique_ptr<SqlConnection>> OpenSearch() const override {
    Result<std::unique_ptr<SqlConnection>> c = OpenPostgres(conninfo_);
    if (c.ok()) {
      THADS_RETURN_IF_ERROR((*c)->Script("SET plan_cache_mode = force_custom_plan; "
                                         "SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'"));
    }
    return c;
  }

  Result<std::string> CheckIntegrity() override {
    // The server checks its own pages (data checksums, WAL); we check it answers.
    auto r = Query("SELECT 1", {});
    if (!r.ok()) return r.status();
    return std::string("ok");
  }

  Status BackupTo(const std::string&) override {
    return Status::Error(StatusCode::kUnsupported, "PostgreSQL is backed up with pg_dump");
  }

 private:
  static constexpr int kMaxQueued = 256;

  static bool IsSearch(std::string_view sql) { return sql.find("@@") != std::string_view::npos; }

  Status EnterPipeline() {
    if (queued_ > 0 || PQpipelineStatus(conn_) != PQ_PIPELINE_OFF || PQenterPipelineMode(conn_) == 1) {
      return Status::Ok();
    }
    return Error(nullptr);
  }

  // Queues one statement in pipeline mode: searches are planned for their own values,
  // everything else is prepared once (in the same round trip when new).
  Status SendInPipeline(std::string_view sql, const SqlParams& params) {
    const BoundParams b(params);
    int sent = 0;
    if (IsTransactionControl(sql, params) || IsSearch(sql)) {
      sent = PQsendQueryParams(conn_, Numbered(sql).c_str(), b.size(), b.types.data(), b.values.data(),
                               b.lengths.data(), b.formats.data(), 1);
    } else {
      auto it = prepared_.find(std::string(sql));
      if (it == prepared_.end()) {
        const std::string name = "s" + std::to_string(prepared_.size());
        if (PQsendPrepare(conn_, name.c_str(), Numbered(sql).c_str(), b.size(), b.types.data()) != 1) {
          return Error(nullptr);
        }
        preparing_.emplace_back(queued_++, std::string(sql));
        it = prepared_.emplace(std::string(sql), name).first;
      }
      sent = PQsendQueryPrepared(conn_, it->second.c_str(), b.size(), b.values.data(), b.lengths.data(),
                                 b.formats.data(), 1);
    }
    if (sent != 1) return Error(nullptr);
    ++queued_;
    return Status::Ok();
  }

  // Ends the pipeline: the last statement's result, or the first error.
  Result<PgResult> Collect() {
    const int expected = queued_;
    queued_ = 0;
    std::vector<char> ok(static_cast<std::size_t>(expected), 1);
    Status first_error;
    PgResult last;
    bool synced = PQpipelineSync(conn_) == 1;
    if (!synced) first_error = Error(nullptr);
    for (int item = 0; synced;) {
      PGresult* raw = PQgetResult(conn_);
      if (raw == nullptr) {  // the end of one statement's answers
        if (++item > expected) break;  // the connection is gone: no sync will come
        continue;
      }
      PgResult r(raw);
      const ExecStatusType st = PQresultStatus(raw);
      if (st == PGRES_PIPELINE_SYNC) {
        synced = false;
        break;
      }
      const bool good = st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
      if (item < expected && !good) ok[static_cast<std::size_t>(item)] = 0;
      if (!good && st != PGRES_PIPELINE_ABORTED && first_error.ok()) first_error = Error(raw);
      if (good && item == expected - 1) last = std::move(r);
    }
    if (PQexitPipelineMode(conn_) != 1 && first_error.ok()) {
      first_error = Error(nullptr);
    }
    for (const auto& [item, sql] : preparing_) {
      if (ok[static_cast<std::size_t>(item)] == 0) prepared_.erase(sql);  // never prepared
    }
    preparing_.clear();
    if (!first_error.ok()) return first_error;
    if (last.get() == nullptr) return Status::IoError(describe_ + ": no answer from the server");
    return last;
  }

  PGconn* conn_;
  std::string describe_;
  std::string conninfo_;
  std::unordered_map<std::string, std::string> prepared_;
  int queued_ = 0;                                      // statements sent, answers unread
  std::vector<std::pair<int, std::string>> preparing_;  // their PREPAREs: position, SQL
};

// "PostgreSQL dbname=x host=y port=z", never the password.
std::string DescribeConnection(PGconn* conn) {
  std::string out = "PostgreSQL";
  for (auto [key, value] : {std::pair{"dbname", PQdb(conn)}, std::pair{"host", PQhost(conn)},
                            std::pair{"port", PQport(conn)}}) {
    if (value != nullptr && *value != '\0') out += std::string(" ") + key + "=" + value;
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Status::IoError("PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string msg = OneLine(PQerrorMessage(conn));
    PQfinish(conn);
    return Status::IoError("cannot connect to the PostgreSQL archive: " + msg);
  }
  auto c = std::make_unique<PostgresConnection>(conn, DescribeConnection(conn), conninfo);
  // The planner prices `tsvector @@ tsquery` like a cheap operator and picks a
  // sequential scan of a small archive, reading every TOASTed tsvector (77 ms at 5,000
  // cases against 1.4 ms through the GIN index). Every query of the store has an
  // index to use; a sequential scan stays possible where none fits.
  THADS_RETURN_IF_ERROR(c->Script("SET client_min_messages = warning; SET client_encoding = 'UTF8'; "
                                  "SET enable_seqscan = off"));
  // Texts, JSON and tsvectors over 2 KB are compressed with LZ4 where the server has
  // it: a fifth of pglz's CPU time for the inserts.
  (void)c->Script("SET default_toast_compression = 'lz4'");
  return std::unique_ptr<SqlConnection>(std::move(c));
}

}  // namespace thads::archive
