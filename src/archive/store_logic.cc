// The store's logic over SqlConnection, written once for SQLite and PostgreSQL. The
// few places where the dialects differ (full-text index, GREATEST) switch on
// SqlConnection::dialect(); the libraries themselves stay in their adapters.
// A commit records which cases changed (search_docs); the search index is filled
// from them afterwards, by a thread of the store (docs/archive.md).

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "archive/blob_store.h"
#include "archive/search_text.h"
#include "archive/sql.h"
#include "model/json_io.h"
#include "text/collation.h"
#include "text/dates.h"
#include "text/names.h"
#include "text/normalize.h"

namespace thads::archive {
namespace {

namespace fs = std::filesystem;
using std::chrono::year_month_day;

constexpr const char* kFormat = "thads-archive";

std::string NowUtc() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{now - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buffer;
}

SqlValue DateValue(const std::optional<year_month_day>& d) {
  if (!d || !d->ok()) return nullptr;
  return text::FormatIsoDate(*d);
}

std::optional<year_month_day> DateOf(const SqlValue& v) {
  if (IsNull(v)) return std::nullopt;
  Result<year_month_day> d = text::ParseIsoDate(Text(v));
  if (!d.ok()) return std::nullopt;
  return *d;
}

SqlValue OptText(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return *s;
}

SqlValue OptInt(const std::optional<std::int64_t>& i) {
  if (!i) return nullptr;
  return *i;
}

// Folded words joined by single spaces: "70/2017/DS-ST" -> "70 2017 ds st".
std::string FoldedKey(std::string_view s) {
  return JoinTerms(BuildIndexTerms(s, "").meta);
}

std::string Str(std::string_view s) { return std::string(s); }

// What the search index holds of a judgment besides its text, as a clerk reads it.
std::string SearchMeta(const model::ExtractionResult& r) {
  std::string meta;
  const model::CourtDocument& d = r.document;
  for (const std::optional<std::string>* s : {&d.court, &d.number, &d.subject}) {
    if (*s) meta += **s + "\n";
  }
  for (const model::Party& p : r.parties) {
    meta += p.name;
    if (p.address) meta += ", " + *p.address;
    meta += "\n";
  }
  return meta;
}

// The collation key of the case's first party, by given name then the rest
// (text::SortByGivenName's order).
std::string NameSortKey(const model::ExtractionResult& r) {
  if (r.parties.empty()) return std::string(1, '\xff');  // cases without parties last
  const text::PersonName n = text::SplitName(r.parties.front().name);
  const text::VietnameseCollator& c = text::DefaultCollator();
  return c.SortKey(n.given) + std::string(1, '\0') + c.SortKey(n.family + " " + n.middle);
}

SqlValue OptInt32(const std::optional<std::int32_t>& i) {
  if (!i) return nullptr;
  return std::int64_t{*i};
}

// The ND 30 Phụ lục VI columns of `documents`, in table order.
void AppendNd30(const model::GeneratedDocument& d, SqlParams& p) {
  p.insert(p.end(), {OptText(d.agency_code), OptText(d.file_catalogue), OptText(d.file_notation),
                     OptInt32(d.ordinal), d.kind, DateValue(d.issue_date), d.agency, d.subject,
                     OptInt32(d.page_count), OptText(d.signer), Str(model::ToString(d.priority)),
                     DateValue(d.due_date)});
}

// "INSERT INTO table (columns) VALUES (?, …), (?, …)" for `rows` rows of `width`
// values: one statement instead of one per row (a round trip each on a server).
std::string MultiRowInsert(const std::string& head, std::size_t width, std::size_t rows) {
  std::string row = "(";
  for (std::size_t i = 0; i < width; ++i) row += i == 0 ? "?" : ", ?";
  row += ")";
  std::string sql = head + " VALUES ";
  for (std::size_t i = 0; i < rows; ++i) sql += (i == 0 ? "" : ", ") + row;
  return sql;
}

bool Poisons(const Status& s) {
  return s.code() == StatusCode::kIoError || s.code() == StatusCode::kInternal ||
         s.code() == StatusCode::kCorrupt;
}

Status CheckUtf8(std::string_view s, std::string_view what) {
  return text::ValidateUtf8(s, what);
}

constexpr const char* kCaseColumns =
    "c.id, c.number, co.name, c.judgment_date, c.case_type, c.status, c.office, "
    "c.current_version, c.created_at";

CaseRecord CaseFromRow(const SqlRow& r, std::size_t at = 0) {
  CaseRecord c;
  c.id = Int(r.at(at));
  c.number = Text(r.at(at + 1));
  c.court = Text(r.at(at + 2));
  c.judgment_date = DateOf(r.at(at + 3));
  if (!IsNull(r.at(at + 4))) {
    if (auto t = model::ParseCaseType(Text(r.at(at + 4))); t.ok()) c.case_type = *t;
  }
  if (auto s = model::ParseCaseStatus(Text(r.at(at + 5))); s.ok()) c.status = *s;
  c.office = Text(r.at(at + 6));
  c.current_version = static_cast<std::int32_t>(Int(r.at(at + 7)));
  c.created_at = Text(r.at(at + 8));
  return c;
}

constexpr const char* kSourceColumns =
    "sha256, original_name, page_count, state, reason, case_id, text, recorded_at, searchable_pdf";

SourceRecord SourceFromRow(const SqlRow& r) {
  SourceRecord s;
  s.sha256 = Text(r.at(0));
  s.original_name = Text(r.at(1));
  s.page_count = static_cast<std::int32_t>(Int(r.at(2)));
  if (auto st = ParseSourceState(Text(r.at(3))); st.ok()) s.state = *st;
  s.reason = Text(r.at(4));
  if (!IsNull(r.at(5))) s.case_id = Int(r.at(5));
  s.text = Text(r.at(6));
  s.recorded_at = Text(r.at(7));
  s.searchable_pdf = Text(r.at(8));
  return s;
}

Result<StoredDocument> DocumentFromRow(const SqlRow& r) {
  StoredDocument d;
  d.id = Int(r.at(0));
  d.case_id = Int(r.at(1));
  Result<model::GeneratedDocument> doc =
      model::ParseGeneratedDocumentJson(Text(r.at(2)), "document " + std::to_string(d.id));
  if (!doc.ok()) return Status::Error(StatusCode::kCorrupt, doc.status().message());
  d.document = std::move(*doc);
  d.pdf_sha256 = Text(r.at(3));
  d.created_at = Text(r.at(4));
  return d;
}

// ---- The search index, filled after the commit --------------------------------------

// The terms a case is searched by: its metadata (`stored_meta`, search_docs.meta, or
// when NULL the current extraction's, or the court and number before there is one)
// and its sources' text (`body`, from SourceTexts).
Result<IndexTerms> CaseTerms(SqlConnection& db, std::int64_t case_id, const SqlValue& stored_meta,
                             const std::string& body) {
  std::string meta;
  if (!IsNull(stored_meta)) {
    meta = Text(stored_meta);
  } else {
    auto v = db.Query("SELECT e.json FROM extractions e JOIN cases c ON c.id = e.case_id "
                      "AND e.version = c.current_version WHERE c.id = ?",
                      {case_id});
    if (!v.ok()) return v.status();
    if (!v->empty()) {
      auto parsed = model::ParseExtractionJson(Text(v->front().at(0)), "stored extraction");
      if (!parsed.ok()) return Status::Error(StatusCode::kCorrupt, parsed.status().message());
      meta = SearchMeta(*parsed);
    } else {
      auto c = db.Query("SELECT c.number, co.name FROM cases c JOIN courts co ON co.id = c.court_id "
                        "WHERE c.id = ?", {case_id});
      if (!c.ok()) return c.status();
      if (!c->empty()) meta = Text(c->front().at(1)) + "\n" + Text(c->front().at(0)) + "\n";
    }
  }
  return BuildIndexTerms(meta, body);
}

// The sources' text of each of `case_ids`, in one statement (an indexer's batch is
// 500 cases: one round trip to a server instead of 500).
Result<std::map<std::int64_t, std::string>> SourceTexts(SqlConnection& db,
                                                        const std::vector<std::int64_t>& case_ids) {
  std::map<std::int64_t, std::string> bodies;
  if (case_ids.empty()) return bodies;
  const bool sqlite = db.dialect() == Dialect::kSqlite;
  std::string list;
  for (std::int64_t id : case_ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  auto texts = db.Query(std::string("SELECT case_id, text FROM sources WHERE case_id ") +
                            (sqlite ? "IN (SELECT value FROM json_each(?))" : "= ANY (?::bigint[])") +
                            " ORDER BY case_id, recorded_at, sha256",
                        {sqlite ? "[" + list + "]" : "{" + list + "}"});
  if (!texts.ok()) return texts.status();
  for (const SqlRow& t : *texts) bodies[Int(t.at(0))] += Text(t.at(1)) + "\n";
  return bodies;
}

struct PendingDoc {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::optional<IndexTerms> terms;  // none: no longer current, nothing to index
};

// Writes the index of `docs` (ascending ids) inside ix's write transaction.
// SQLite: FTS5 rows and the `through` mark, skipping what another indexer wrote
// meanwhile. PostgreSQL: takes the documents off search_pending (another indexer
// that took one first keeps it), writes their tsvectors and moves the GIN pending
// lists into the indexes.
Status WriteIndex(SqlConnection& ix, const std::vector<PendingDoc>& docs) {
  if (ix.dialect() == Dialect::kSqlite) {
    auto state = ix.Query("SELECT through FROM search_state", {});
    if (!state.ok()) return state.status();
    const std::int64_t through = Int(state->front().at(0));
    for (const PendingDoc& d : docs) {
      if (d.id <= through || !d.terms) continue;
      const IndexTerms& t = *d.terms;
      THADS_RETURN_IF_ERROR(
          ix.Query("INSERT INTO search_fts (rowid, meta, body, meta_pairs, body_pairs, accent) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   {d.id, JoinTerms(t.meta), JoinTerms(t.body), JoinTerms(t.meta_pairs),
                    JoinTerms(t.body_pairs), JoinTerms(t.accent)})
              .status());
    }
    if (docs.back().id <= through) return Status::Ok();
    return ix.Query("UPDATE search_state SET through = ?, through_case = ?",
                    {docs.back().id, docs.back().case_id})
        .status();
  }
  std::string ids = "{";
  for (const PendingDoc& d : docs) ids += (ids.size() > 1 ? "," : "") + std::to_string(d.id);
  auto owned = ix.Query("DELETE FROM search_pending WHERE doc_id = ANY (?::bigint[]) RETURNING doc_id",
                        {ids + "}"});
  if (!owned.ok()) return owned.status();
  std::set<std::int64_t> mine;
  for (const SqlRow& r : *owned) mine.insert(Int(r.at(0)));
  constexpr std::size_t kRowsPerStatement = 32;
  SqlParams rows;
  auto flush = [&]() -> Status {
    if (rows.empty()) return Status::Ok();
    Status s = ix.Query(MultiRowInsert("INSERT INTO search_index (doc_id, words, pairs, accent)", 4,
                                       rows.size() / 4),
                        rows)
                   .status();
    rows.clear();
    return s;
  };
  bool wrote = false;
  for (const PendingDoc& d : docs) {
    if (mine.count(d.id) == 0 || !d.terms) continue;
    const IndexTerms& t = *d.terms;
    rows.insert(rows.end(), {d.id, Bytes{TsVectorBinary(t.meta, t.body), true},
                             Bytes{TsVectorBinary(t.meta_pairs, t.body_pairs), true},
                             Bytes{TsVectorBinary(t.accent), true}});
    wrote = true;
    if (rows.size() == 4 * kRowsPerStatement) THADS_RETURN_IF_ERROR(flush());
  }
  THADS_RETURN_IF_ERROR(flush());
  if (!wrote) return Status::Ok();
  return ix.Query("SELECT gin_clean_pending_list('search_words'::regclass), "
                  "gin_clean_pending_list('search_pairs'::regclass)",
                  {})
      .status();
}

constexpr std::size_t kIndexBatch = 1000;

// Indexes up to `max_docs` committed search documents that the index lacks, oldest
// first, in one transaction of `ix` (a connection from SqlConnection::OpenSearch).
// Returns how many it took (0: none waits). Killed at any moment, it leaves the
// index as it was or with the whole batch.
Result<std::size_t> IndexPending(SqlConnection& ix, std::size_t max_docs) {
  const bool sqlite = ix.dialect() == Dialect::kSqlite;
  auto pending = ix.Query(sqlite ? "SELECT d.id, d.case_id, d.meta, d.current FROM search_docs d "
                                   "WHERE d.id > (SELECT through FROM search_state) AND d.current = 1 "
                                   "ORDER BY d.id LIMIT ?"
                                 : "SELECT d.id, d.case_id, d.meta, d.current FROM search_pending p "
                                   "JOIN search_docs d ON d.id = p.doc_id ORDER BY p.doc_id LIMIT ?",
                          {static_cast<std::int64_t>(max_docs)});
  if (!pending.ok()) return pending.status();
  if (pending->empty()) return std::size_t{0};
  std::vector<std::int64_t> case_ids;
  for (const SqlRow& r : *pending) case_ids.push_back(Int(r.at(1)));
  Result<std::map<std::int64_t, std::string>> bodies = SourceTexts(ix, case_ids);
  if (!bodies.ok()) return bodies.status();
  std::vector<PendingDoc> docs;
  for (const SqlRow& r : *pending) {
    PendingDoc d{Int(r.at(0)), Int(r.at(1)), std::nullopt};
    if (Int(r.at(3)) != 0) {
      Result<IndexTerms> terms = CaseTerms(ix, d.case_id, r.at(2), (*bodies)[d.case_id]);
      if (!terms.ok()) return terms.status();
      d.terms = std::move(*terms);
    }
    docs.push_back(std::move(d));
  }
  THADS_RETURN_IF_ERROR(ix.BeginWrite());
  Status s = WriteIndex(ix, docs);
  if (s.ok()) s = ix.Query("COMMIT", {}).status();
  if (!s.ok()) {
    (void)ix.Rollback();
    return s.WithContext("indexing for search");
  }
  return docs.size();
}

// A thread that indexes what commits leave waiting, with a connection of its own.
// Errors leave the documents waiting (a search still finds them); the next wake-up,
// a search or WaitForSearchIndex tries again.
class BackgroundIndexer {
 public:
  using Connect = std::function<Result<std::unique_ptr<SqlConnection>>()>;
  explicit BackgroundIndexer(Connect connect) : connect_(std::move(connect)) {}
  ~BackgroundIndexer() {
    {
      std::lock_guard<std::mutex> l(mu_);
      stop_ = true;
    }
    wake_cv_.notify_one();
    if (thread_.joinable()) thread_.join();
  }
  BackgroundIndexer(const BackgroundIndexer&) = delete;
  BackgroundIndexer& operator=(const BackgroundIndexer&) = delete;

  // Something was committed: index it soon.
  void Wake() {
    {
      std::lock_guard<std::mutex> l(mu_);
      woken_ = true;
      if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
    }
    wake_cv_.notify_one();
  }

 private:
  bool Stopping() {
    std::lock_guard<std::mutex> l(mu_);
    return stop_;
  }

  void Run() {
    std::unique_ptr<SqlConnection> ix;
    for (;;) {
      {
        std::unique_lock<std::mutex> l(mu_);
        wake_cv_.wait(l, [this] { return woken_ || stop_; });
        if (stop_) return;
        woken_ = false;
      }
      while (!Stopping()) {
        if (!ix) {
          Result<std::unique_ptr<SqlConnection>> opened = connect_();
          if (!opened.ok()) break;
          ix = std::move(*opened);
        }
        Result<std::size_t> n = IndexPending(*ix, kIndexBatch);
        if (!n.ok() || *n == 0) break;
      }
    }
  }

  Connect connect_;
  std::mutex mu_;
  std::condition_variable wake_cv_;
  bool woken_ = false;
  bool stop_ = false;
  std::thread thread_;
};

class SqlStore;

class SqlTransaction final : public Transaction {
 public:
  explicit SqlTransaction(SqlStore& store) : store_(store) {}
  ~SqlTransaction() override;

  Result<BlobHash> PutBlob(std::string_view bytes) override;
  Result<BlobHash> PutBlobFile(const std::string& path) override;
  Status RecordSource(const SourceRecord& source) override;
  Result<CaseRecord> CreateOrFindCase(const model::CourtDocument& judgment,
                                      std::string_view office) override;
  Status SetCaseStatus(std::int64_t case_id, model::CaseStatus status) override;
  Result<std::int32_t> AddExtraction(std::int64_t case_id,
                                     const NewExtraction& extraction) override;
  Result<std::int64_t> AddDocument(std::int64_t case_id,
                                   const model::GeneratedDocument& document,
                                   const BlobHash& pdf_sha256) override;
  Result<StoredDocument> ApproveDocument(std::int64_t document_id, year_month_day issue_date,
                                         const RenderApproved& render) override;
  Status Audit(std::string_view action, std::string_view object,
               std::string_view sha256) override;
  Status Commit() override;

 private:
  // Every write goes through here: a database error fails the whole transaction.
  template <typename F>
  auto Guard(F&& f) -> decltype(f());
  Result<std::vector<SqlRow>> Q(std::string_view sql, const SqlParams& params);
  // A write whose rows are not read: on PostgreSQL it goes out without a round trip of
  // its own, its error reported by a later statement of the transaction.
  Status W(std::string_view sql, const SqlParams& params);
  // Audit entries are kept in order and written at commit, a few statements for all.
  Status Log(std::string_view action, std::string_view object, std::string_view sha256);
  Status FlushAudit();
  Result<BlobHash> InsertBlobRow(const BlobHash& hash, std::int64_t size, const std::string* data);
  Result<std::int64_t> CourtId(const std::string& court);
  // A new search document for the case, the current one; the old one is kept, not
  // current (a contentless FTS5 table cannot update a row).
  Status AddSearchDoc(std::int64_t case_id);

  SqlStore& store_;
  bool done_ = false;
  Status failed_;
  std::set<std::int64_t> dirty_;                 // cases to reindex after the commit
  std::map<std::string, std::int64_t> new_courts_;  // court rows this transaction wrote
  std::set<std::int64_t> new_cases_;                // cases this transaction created
  std::map<std::int64_t, std::int32_t> new_versions_;  // and their extraction versions
  SqlParams audit_;                                 // pending audit rows, 5 values each
  std::map<std::int64_t, std::string> meta_;     // their metadata text, when known
};

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<SqlConnection> db, std::string blob_dir, std::string actor)
      : db_(std::move(db)), actor_(std::move(actor)) {
    if (!blob_dir.empty()) files_.emplace(std::move(blob_dir));
  }
  // Indexes what is still waiting before the connections close.
  ~SqlStore() override {
    indexer_.reset();
    if (search_) (void)WaitForSearchIndex();
  }

  Status Init(bool index_in_background);
  Status Migrate();

  std::string Describe() const override { return db_->Describe(); }
  bool IsServer() const override { return db_->dialect() == Dialect::kPostgres; }
  Result<std::unique_ptr<Transaction>> Begin() override;
  Result<std::string> GetBlob(const BlobHash& sha256) override;
  Result<bool> HasBlob(const BlobHash& sha256) override;
  Result<std::optional<SourceRecord>> FindSource(const BlobHash& sha256) override;
  Result<std::vector<SourceRecord>> SourcesOfCase(std::int64_t case_id) override;
  Result<CaseRecord> GetCase(std::int64_t case_id) override;
  Result<std::vector<CaseRecord>> FindCasesByNumber(std::string_view number) override;
  Result<std::vector<ExtractionVersion>> Extractions(std::int64_t case_id) override;
  Result<model::ExtractionResult> CurrentExtraction(std::int64_t case_id) override;
  Result<std::vector<StoredDocument>> DocumentsOfCase(std::int64_t case_id) override;
  Result<StoredDocument> GetDocument(std::int64_t document_id) override;
  Result<std::vector<AuditEntry>> AuditLog(std::string_view object) override;
  Result<SearchResult> Search(const SearchRequest& request) override;
  Status WaitForSearchIndex() override;
  Result<VerifyReport> Verify() override;
  Status Backup(const std::string& destination) override;

 private:
  friend class SqlTransaction;
  Result<std::vector<SqlRow>> Q(std::string_view sql, const SqlParams& params) {
    return db_->Query(sql, params);
  }
  // Calls f(sha256, size, data) for every blob row in hash order, a page at a time
  // (an archive may hold millions). `data` is empty unless the bytes are in the
  // database and `with_data`.
  template <typename F>
  Status ForEachBlob(bool with_data, F&& f);
  // The search documents the index lacks (up to kMaxWaitingMatched: beyond, it indexes
  // first); SQLite: `through` is set to what the index holds.
  Result<std::vector<std::int64_t>> WaitingDocs(std::int64_t& through);
  Result<std::vector<SqlRow>> MatchWaiting(const std::vector<std::int64_t>& ids,
                                           const ParsedQuery& query, const std::string& where,
                                           const SqlParams& filters, bool exact_counts);

  std::unique_ptr<SqlConnection> db_;
  // Searches and indexes (sql.h: OpenSearch); the indexer thread has its own.
  std::unique_ptr<SqlConnection> search_;
  std::unique_ptr<BackgroundIndexer> indexer_;
  std::optional<BlobStore> files_;
  std::string actor_;
  bool in_transaction_ = false;
  // Court ids by the court's name as written (rows are never deleted or renumbered;
  // only committed rows are kept here).
  std::map<std::string, std::int64_t> courts_;
};

// ---- Opening and migrations --------------------------------------------------

Status SqlStore::Init(bool index_in_background) {
  THADS_RETURN_IF_ERROR(Migrate());
  Result<std::unique_ptr<SqlConnection>> search = db_->OpenSearch();
  if (!search.ok()) return search.status();
  search_ = std::move(*search);
  if (index_in_background) {
    const SqlConnection* db = db_.get();
    indexer_ = std::make_unique<BackgroundIndexer>([db] { return db->OpenSearch(); });
    indexer_->Wake();  // what a process killed before indexing left waiting
  }
  return Status::Ok();
}

Status SqlStore::Migrate() {
  THADS_RETURN_IF_ERROR(db_->Script(
      "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
  auto rows = Q("SELECT key, value FROM meta", {});
  if (!rows.ok()) return rows.status();
  std::map<std::string, std::string> meta;
  for (const SqlRow& r : *rows) meta[Text(r.at(0))] = Text(r.at(1));
  if (meta.count("format") != 0 && meta["format"] != kFormat) {
    return Status::Error(StatusCode::kCorrupt,
                         Describe() + " is not a thads archive (format '" + meta["format"] + "')");
  }
  const auto& migrations = db_->Migrations();
  int version = meta.count("schema_version") != 0 ? std::atoi(meta["schema_version"].c_str()) : 0;
  if (version > static_cast<int>(migrations.size())) {
    return Status::Error(StatusCode::kUnsupported,
                         Describe() + " has schema version " + std::to_string(version) +
                             ", newer than this thads knows (" +
                             std::to_string(migrations.size()) + "); update thads");
  }
  while (version < static_cast<int>(migrations.size())) {
    THADS_RETURN_IF_ERROR(db_->BeginWrite());
    if (db_->dialect() == Dialect::kPostgres) {
      // SQLite's BEGIN IMMEDIATE already excludes other writers.
      THADS_RETURN_IF_ERROR(Q("SELECT pg_advisory_xact_lock(7468616473)", {}).status());
    }
    // Another process may have migrated meanwhile: read the version again inside.
    auto again = Q("SELECT value FROM meta WHERE key = 'schema_version'", {});
    Status s = again.status();
    int current = 0;
    if (s.ok() && !again->empty()) current = std::atoi(Text(again->front().at(0)).c_str());
    if (s.ok() && current == version) {
      s = db_->Script(migrations[static_cast<std::size_t>(version)]);
      if (s.ok()) {
        s = Q("INSERT INTO meta (key, value) VALUES ('format', ?) ON CONFLICT (key) DO NOTHING",
              {std::string(kFormat)})
                .status();
      }
      if (s.ok()) {
        s = Q("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
              "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
              {std::to_string(version + 1)})
                .status();
      }
    }
    if (s.ok()) s = Q("COMMIT", {}).status();
    if (!s.ok()) {
      (void)db_->Rollback();
      return s.WithContext(Describe() + ": migrating the schema to version " +
                           std::to_string(version + 1));
    }
    version = std::max(version + 1, current);
  }
  return Status::Ok();
}

// ---- Transactions --------------------------------------------------------------

Result<std::unique_ptr<Transaction>> SqlStore::Begin() {
  if (in_transaction_) {
    return Status::Error(StatusCode::kInternal, "a transaction is already open on this store");
  }
  THADS_RETURN_IF_ERROR(db_->BeginWrite());
  in_transaction_ = true;
  return std::unique_ptr<Transaction>(new SqlTransaction(*this));
}

SqlTransaction::~SqlTransaction() {
  if (!done_) (void)store_.db_->Rollback();
  store_.in_transaction_ = false;
}

template <typename F>
auto SqlTransaction::Guard(F&& f) -> decltype(f()) {
  if (done_) return Status::Error(StatusCode::kInternal, "the transaction has ended");
  if (!failed_.ok()) return failed_.WithContext("the transaction failed earlier");
  auto result = f();
  if constexpr (std::is_same_v<decltype(result), Status>) {
    if (Poisons(result)) failed_ = result;
  } else {
    if (Poisons(result.status())) failed_ = result.status();
  }
  return result;
}

Result<std::vector<SqlRow>> SqlTransaction::Q(std::string_view sql, const SqlParams& params) {
  return store_.db_->Query(sql, params);
}

Status SqlTransaction::W(std::string_view sql, const SqlParams& params) {
  return store_.db_->Send(sql, params);
}

Status SqlTransaction::Log(std::string_view action, std::string_view object,
                           std::string_view sha256) {
  audit_.insert(audit_.end(), {NowUtc(), store_.actor_, Str(action), Str(object), Str(sha256)});
  return Status::Ok();
}

Status SqlTransaction::FlushAudit() {
  constexpr std::size_t kWidth = 5, kRowsPerStatement = 200;
  for (std::size_t at = 0; at < audit_.size(); at += kWidth * kRowsPerStatement) {
    const std::size_t end = std::min(audit_.size(), at + kWidth * kRowsPerStatement);
    const SqlParams chunk(audit_.begin() + static_cast<std::ptrdiff_t>(at),
                          audit_.begin() + static_cast<std::ptrdiff_t>(end));
    THADS_RETURN_IF_ERROR(
        W(MultiRowInsert("INSERT INTO audit (at, actor, action, object, sha256)", kWidth, (end - at) / kWidth),
          chunk));
  }
  audit_.clear();
  return Status::Ok();
}

Status SqlTransaction::Audit(std::string_view action, std::string_view object,
                             std::string_view sha256) {
  return Guard([&]() -> Status {
    THADS_RETURN_IF_ERROR(CheckUtf8(action, "audit action"));
    THADS_RETURN_IF_ERROR(CheckUtf8(object, "audit object"));
    if (action.empty()) return Status::Invalid("audit action is empty");
    return Log(action, object, sha256);
  });
}

Result<BlobHash> SqlTransaction::InsertBlobRow(const BlobHash& hash, std::int64_t size,
                                               const std::string* data) {
  SqlParams p = {hash, size, NowUtc()};
  const bool in_db = store_.db_->dialect() == Dialect::kPostgres || !store_.files_;
  if (in_db) p.push_back(Bytes{data != nullptr ? *data : std::string()});
  auto rows = Q(in_db ? "INSERT INTO blobs (sha256, size, created_at, data) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (sha256) DO NOTHING RETURNING sha256"
                      : "INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, ?) "
                        "ON CONFLICT (sha256) DO NOTHING RETURNING sha256",
                p);
  if (!rows.ok()) return rows.status();
  if (!rows->empty()) THADS_RETURN_IF_ERROR(Log("blob.put", "blob/" + hash, hash));
  return hash;
}

// Errors of the blob files (an unreadable scan, a full disk) are the caller's to
// handle and leave the transaction usable; only database errors fail it.
Result<BlobHash> SqlTransaction::PutBlob(std::string_view bytes) {
  if (store_.files_) {
    Result<BlobHash> hash = store_.files_->Put(bytes);
    if (!hash.ok()) return hash;
    return Guard([&] { return InsertBlobRow(*hash, static_cast<std::int64_t>(bytes.size()), nullptr); });
  }
  const std::string data(bytes);
  return Guard([&] { return InsertBlobRow(Sha256Hex(data), static_cast<std::int64_t>(data.size()), &data); });
}

Result<BlobHash> SqlTransaction::PutBlobFile(const std::string& path) {
  if (store_.files_) {
    Result<BlobHash> hash = store_.files_->PutFile(path);
    if (!hash.ok()) return hash;
    std::error_code ec;
    const auto size = fs::file_size(store_.files_->PathOf(*hash), ec);
    if (ec) return Status::IoError(store_.files_->PathOf(*hash) + ": " + ec.message());
    return Guard([&] { return InsertBlobRow(*hash, static_cast<std::int64_t>(size), nullptr); });
  }
  Result<std::string> data = ReadWholeFile(path);
  if (!data.ok()) return data.status();
  return Guard([&] { return InsertBlobRow(Sha256Hex(*data), static_cast<std::int64_t>(data->size()), &*data); });
}

Status SqlTransaction::RecordSource(const SourceRecord& s) {
  return Guard([&]() -> Status {
    if (!IsBlobHash(s.sha256)) return Status::Invalid("source: not a SHA-256 hash: '" + s.sha256 + "'");
    THADS_RETURN_IF_ERROR(CheckUtf8(s.original_name, "source name"));
    THADS_RETURN_IF_ERROR(CheckUtf8(s.reason, "source reason"));
    THADS_RETURN_IF_ERROR(CheckUtf8(s.text, "source text of " + s.original_name));
    if (!s.searchable_pdf.empty() && !IsBlobHash(s.searchable_pdf)) {
      return Status::Invalid("source " + s.original_name + ": searchable PDF is not a SHA-256 hash");
    }
    if (s.case_id && new_cases_.count(*s.case_id) == 0) {
      auto c = Q("SELECT id FROM cases WHERE id = ?", {*s.case_id});
      if (!c.ok()) return c.status();
      if (c->empty()) return Status::NotFound("case " + std::to_string(*s.case_id) + " does not exist");
    }
    auto previous = Q("SELECT case_id FROM sources WHERE sha256 = ?", {s.sha256});
    if (!previous.ok()) return previous.status();
    if (!previous->empty() && !IsNull(previous->front().at(0))) {
      dirty_.insert(Int(previous->front().at(0)));
    }
    THADS_RETURN_IF_ERROR(W(
        "INSERT INTO sources (sha256, original_name, page_count, state, reason, case_id, text, "
        "recorded_at, searchable_pdf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) "
        "DO UPDATE SET original_name = excluded.original_name, page_count = excluded.page_count, "
        "state = excluded.state, reason = excluded.reason, case_id = excluded.case_id, "
        "text = excluded.text, recorded_at = excluded.recorded_at, "
        "searchable_pdf = excluded.searchable_pdf",
        {s.sha256, s.original_name, std::int64_t{s.page_count}, Str(ToString(s.state)), s.reason,
         s.case_id ? SqlValue(*s.case_id) : SqlValue(nullptr), s.text,
         s.recorded_at.empty() ? NowUtc() : s.recorded_at, s.searchable_pdf}));
    if (s.case_id) dirty_.insert(*s.case_id);
    return Log("source." + Str(ToString(s.state)), "source/" + s.sha256, s.sha256);
  });
}

Result<std::int64_t> SqlTransaction::CourtId(const std::string& court) {
  if (auto it = store_.courts_.find(court); it != store_.courts_.end()) return it->second;
  if (auto it = new_courts_.find(court); it != new_courts_.end()) return it->second;
  const std::string key = model::NameKey(court);
  auto inserted = Q("INSERT INTO courts (name_key, name, name_fold) VALUES (?, ?, ?) "
                    "ON CONFLICT (name_key) DO NOTHING RETURNING id",
                    {key, court, FoldedKey(court)});
  if (!inserted.ok()) return inserted.status();
  if (inserted->empty()) inserted = Q("SELECT id FROM courts WHERE name_key = ?", {key});
  if (!inserted.ok()) return inserted.status();
  if (inserted->empty()) return Status::Error(StatusCode::kInternal, "court row vanished: " + court);
  return new_courts_[court] = Int(inserted->front().at(0));
}

Result<CaseRecord> SqlTransaction::CreateOrFindCase(const model::CourtDocument& judgment,
                                                    std::string_view office) {
  return Guard([&]() -> Result<CaseRecord> {
    if (!judgment.number || FoldedKey(*judgment.number).empty()) {
      return Status::Invalid("the judgment's number is unknown; a case is filed under it");
    }
    THADS_RETURN_IF_ERROR(CheckUtf8(*judgment.number, "judgment number"));
    const std::string court = judgment.court.value_or("");
    THADS_RETURN_IF_ERROR(CheckUtf8(court, "court"));
    THADS_RETURN_IF_ERROR(CheckUtf8(office, "office"));
    Result<std::int64_t> court_id = CourtId(court);
    if (!court_id.ok()) return court_id.status();
    const std::string number_key = FoldedKey(*judgment.number);
    SqlValue case_type = nullptr;
    if (judgment.case_type) case_type = Str(model::ToString(*judgment.case_type));
    const std::string created_at = NowUtc();
    auto inserted = Q(
        "INSERT INTO cases (number, number_key, court_id, judgment_date, case_type, status, "
        "office, current_version, sort_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) "
        "ON CONFLICT (number_key, court_id) DO NOTHING RETURNING id",
        {*judgment.number, number_key, *court_id, DateValue(judgment.date), case_type,
         Str(model::ToString(model::CaseStatus::kReceived)), Str(office),
         Bytes{std::string(1, '\xff')}, created_at});
    if (!inserted.ok()) return inserted.status();
    if (!inserted->empty()) {
      CaseRecord c;
      c.id = Int(inserted->front().at(0));
      c.number = *judgment.number;
      c.court = court;
      c.judgment_date = judgment.date;
      c.case_type = judgment.case_type;
      c.office = office;
      c.created_at = created_at;
      THADS_RETURN_IF_ERROR(Log("case.create", "case/" + std::to_string(c.id), ""));
      dirty_.insert(c.id);
      new_cases_.insert(c.id);
      return c;
    }
    // The judgment's case exists already.
    auto found = Q(std::string("SELECT ") + kCaseColumns +
                       " FROM cases c JOIN courts co ON co.id = c.court_id "
                       "WHERE c.number_key = ? AND c.court_id = ?",
                   {number_key, *court_id});
    if (!found.ok()) return found.status();
    if (found->empty()) return Status::Error(StatusCode::kInternal, "case row vanished");
    return CaseFromRow(found->front());
  });
}

Status SqlTransaction::SetCaseStatus(std::int64_t case_id, model::CaseStatus status) {
  return Guard([&]() -> Status {
    auto rows = Q("UPDATE cases SET status = ? WHERE id = ? RETURNING id",
                  {Str(model::ToString(status)), case_id});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("case " + std::to_string(case_id) + " does not exist");
    return Log("case.status." + Str(model::ToString(status)), "case/" + std::to_string(case_id), "");
  });
}

Result<std::int32_t> SqlTransaction::AddExtraction(std::int64_t case_id, const NewExtraction& e) {
  return Guard([&]() -> Result<std::int32_t> {
    THADS_RETURN_IF_ERROR(CheckUtf8(e.note, "extraction note"));
    std::int32_t version = 1;
    if (new_cases_.count(case_id) != 0) {
      version = new_versions_[case_id] + 1;  // a case created here: no one else wrote it
    } else {
      auto c = Q("SELECT current_version FROM cases WHERE id = ?", {case_id});
      if (!c.ok()) return c.status();
      if (c->empty()) return Status::NotFound("case " + std::to_string(case_id) + " does not exist");
      version = static_cast<std::int32_t>(Int(c->front().at(0))) + 1;
    }
    const std::string json = model::ToJson(e.result);
    const std::string sha = Sha256Hex(json);
    THADS_RETURN_IF_ERROR(W("INSERT INTO extractions (case_id, version, json, sha256, actor, note, "
                            "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            {case_id, std::int64_t{version}, json, sha, e.actor.value_or(store_.actor_),
                             e.note, e.recorded_at.value_or(NowUtc())}));
    SqlParams parties;
    std::int64_t ordinal = 0;
    for (const model::Party& p : e.result.parties) {
      parties.insert(parties.end(), {case_id, std::int64_t{version}, ordinal++, Str(model::ToString(p.role)),
                                     p.name, FoldedKey(p.name), Str(model::ToString(p.kind))});
    }
    if (!parties.empty()) {
      THADS_RETURN_IF_ERROR(
          W(MultiRowInsert("INSERT INTO parties (case_id, version, ordinal, role, name, name_fold, kind)", 7,
                           e.result.parties.size()),
            parties));
    }
    SqlParams obligations;
    ordinal = 0;
    for (const model::Obligation& o : e.result.obligations) {
      obligations.insert(obligations.end(), {case_id, std::int64_t{version}, ordinal++, Str(model::ToString(o.kind)),
                                             OptText(o.debtor), OptText(o.creditor), OptInt(o.amount_vnd)});
    }
    if (!obligations.empty()) {
      THADS_RETURN_IF_ERROR(W(MultiRowInsert("INSERT INTO obligations (case_id, version, ordinal, kind, "
                                             "debtor, creditor, amount_vnd)",
                                             7, e.result.obligations.size()),
                              obligations));
    }
    SqlValue case_type = nullptr;
    if (e.result.document.case_type) case_type = Str(model::ToString(*e.result.document.case_type));
    THADS_RETURN_IF_ERROR(W("UPDATE cases SET current_version = ?, judgment_date = ?, case_type = ?, "
                            "sort_key = ? WHERE id = ?",
                            {std::int64_t{version}, DateValue(e.result.document.date), case_type,
                             Bytes{NameSortKey(e.result)}, case_id}));
    if (new_cases_.count(case_id) != 0) new_versions_[case_id] = version;
    dirty_.insert(case_id);
    meta_[case_id] = SearchMeta(e.result);
    THADS_RETURN_IF_ERROR(Log("extraction.add", "case/" + std::to_string(case_id), sha));
    return version;
  });
}

Result<std::int64_t> SqlTransaction::AddDocument(std::int64_t case_id,
                                                 const model::GeneratedDocument& doc,
                                                 const BlobHash& pdf) {
  return Guard([&]() -> Result<std::int64_t> {
    if (doc.template_id.empty() || doc.kind.empty() || doc.agency.empty()) {
      return Status::Invalid("document: template_id, kind and agency are required");
    }
    auto c = Q("SELECT id FROM cases WHERE id = ?", {case_id});
    if (!c.ok()) return c.status();
    if (c->empty()) return Status::NotFound("case " + std::to_string(case_id) + " does not exist");
    if (!pdf.empty()) {
      auto b = Q("SELECT sha256 FROM blobs WHERE sha256 = ?", {pdf});
      if (!b.ok()) return b.status();
      if (b->empty()) return Status::NotFound("document PDF " + pdf + " is not stored");
    }
    const std::string agency_key = model::NameKey(doc.agency);
    const std::string symbol = doc.symbol.value_or("");
    SqlValue year = nullptr;
    SqlValue number = nullptr;
    const bool approved = doc.status == model::DocumentStatus::kApproved;
    if (approved && (!doc.number || !doc.issue_date || !doc.issue_date->ok())) {
      return Status::Invalid("an approved document needs its number and issue date");
    }
    if (doc.number && doc.issue_date && doc.issue_date->ok()) {
      const std::int64_t y = static_cast<int>(doc.issue_date->year());
      year = y;
      number = std::int64_t{*doc.number};
      auto dup = Q("SELECT id FROM documents WHERE agency_key = ? AND symbol = ? AND year = ? "
                   "AND number = ?",
                   {agency_key, symbol, y, std::int64_t{*doc.number}});
      if (!dup.ok()) return dup.status();
      if (!dup->empty()) {
        return Status::Error(StatusCode::kAlreadyExists,
                             "số " + std::to_string(*doc.number) + "/" + symbol + " of " +
                                 doc.agency + " in " + std::to_string(y) +
                                 " is already registered (document " +
                                 std::to_string(Int(dup->front().at(0))) + "); ND 30 forbids a duplicate");
      }
      const char* greatest = store_.db_->dialect() == Dialect::kSqlite ? "max" : "GREATEST";
      auto bump = Q(std::string("INSERT INTO doc_counters (agency_key, symbol, year, last) "
                                "VALUES (?, ?, ?, ?) ON CONFLICT (agency_key, symbol, year) "
                                "DO UPDATE SET last = ") +
                        greatest + "(doc_counters.last, excluded.last)",
                    {agency_key, symbol, y, std::int64_t{*doc.number}});
      if (!bump.ok()) return bump.status();
    }
    const std::string json = model::ToJson(doc);
    SqlParams p = {case_id, doc.template_id, Str(model::ToString(doc.status)), agency_key, symbol,
                   year, number};
    AppendNd30(doc, p);
    p.insert(p.end(), {json, pdf, NowUtc()});
    auto ins = Q("INSERT INTO documents (case_id, template_id, status, agency_key, symbol, year, "
                 "number, agency_code, file_catalogue, file_notation, ordinal, kind, issue_date, "
                 "agency, subject, page_count, signer, priority, due_date, json, pdf_sha256, "
                 "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "RETURNING id",
                 p);
    if (!ins.ok()) return ins.status();
    const std::int64_t id = Int(ins->front().at(0));
    THADS_RETURN_IF_ERROR(Log("document.add", "document/" + std::to_string(id), Sha256Hex(json)));
    return id;
  });
}

Result<StoredDocument> SqlTransaction::ApproveDocument(std::int64_t document_id,
                                                       year_month_day issue_date,
                                                       const RenderApproved& render) {
  return Guard([&]() -> Result<StoredDocument> {
    if (!issue_date.ok()) return Status::Invalid("approval: the issue date is not a calendar day");
    auto rows = Q("SELECT id, case_id, json, pdf_sha256, created_at, agency_key, symbol, status "
                  "FROM documents WHERE id = ?",
                  {document_id});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("document " + std::to_string(document_id) + " does not exist");
    const SqlRow& r = rows->front();
    Result<StoredDocument> stored = DocumentFromRow(r);
    if (!stored.ok()) return stored.status();
    model::GeneratedDocument& doc = stored->document;
    if (Text(r.at(7)) != "draft") {
      return Status::Error(StatusCode::kAlreadyExists,
                           "document " + std::to_string(document_id) + " is already approved as số " +
                               std::to_string(doc.number.value_or(0)) + "/" + doc.symbol.value_or(""));
    }
    if (!doc.symbol || doc.symbol->empty()) {
      return Status::Invalid("document " + std::to_string(document_id) +
                             " has no symbol (ký hiệu); it cannot be numbered");
    }
    const std::int64_t year = static_cast<int>(issue_date.year());
    // The counter row is the lock: a concurrent approval for the same agency, symbol
    // and year waits here until this transaction ends.
    auto next = Q("INSERT INTO doc_counters (agency_key, symbol, year, last) VALUES (?, ?, ?, 1) "
                  "ON CONFLICT (agency_key, symbol, year) DO UPDATE SET last = doc_counters.last + 1 "
                  "RETURNING last",
                  {Text(r.at(5)), Text(r.at(6)), year});
    if (!next.ok()) return next.status();
    const std::int64_t number = Int(next->front().at(0));
    doc.number = static_cast<std::int32_t>(number);
    doc.issue_date = issue_date;
    doc.status = model::DocumentStatus::kApproved;
    if (render) {
      Result<BlobHash> pdf = render(*stored);
      if (!pdf.ok()) return pdf.status();
      if (!IsBlobHash(*pdf)) return Status::Invalid("approval: the issued PDF has no blob hash");
      auto known = Q("SELECT sha256 FROM blobs WHERE sha256 = ?", {*pdf});
      if (!known.ok()) return known.status();
      if (known->empty()) return Status::NotFound("approval: the issued PDF was not stored");
      stored->pdf_sha256 = *pdf;
    }
    const std::string json = model::ToJson(doc);
    auto up = Q("UPDATE documents SET status = 'approved', number = ?, year = ?, issue_date = ?, "
                "json = ?, pdf_sha256 = ? WHERE id = ? AND status = 'draft' RETURNING id",
                {number, year, DateValue(issue_date), json, stored->pdf_sha256, document_id});
    if (!up.ok()) return up.status();
    if (up->empty()) return Status::Error(StatusCode::kInternal, "document changed under approval");
    THADS_RETURN_IF_ERROR(Log("document.approve", "document/" + std::to_string(document_id),
                              Sha256Hex(json)));
    return stored;
  });
}

Status SqlTransaction::AddSearchDoc(std::int64_t case_id) {
  if (new_cases_.count(case_id) == 0) {  // a new case has no search document yet
    auto old = Q("UPDATE search_docs SET current = 0 WHERE case_id = ? AND current = 1 RETURNING id",
                 {case_id});
    if (!old.ok()) return old.status();
    if (store_.db_->dialect() == Dialect::kPostgres && !old->empty()) {
      // PostgreSQL's index holds current documents only (a search lists candidates
      // without reading search_docs). Taking the old one off the waiting list first
      // waits for an indexer that took it; the next statement then sees what that
      // indexer wrote, and removes it.
      const SqlParams id = {old->front().at(0)};
      THADS_RETURN_IF_ERROR(W("DELETE FROM search_pending WHERE doc_id = ?", id));
      THADS_RETURN_IF_ERROR(W("DELETE FROM search_index WHERE doc_id = ?", id));
    }
  }
  // The metadata text when this transaction knows it; else the indexer derives it.
  SqlValue meta = nullptr;
  if (auto it = meta_.find(case_id); it != meta_.end()) meta = it->second;
  if (store_.db_->dialect() == Dialect::kSqlite) {
    return W("INSERT INTO search_docs (case_id, current, meta) VALUES (?, 1, ?)", {case_id, meta});
  }
  return W("WITH d AS (INSERT INTO search_docs (case_id, current, meta) VALUES (?, 1, ?) RETURNING id) "
           "INSERT INTO search_pending (doc_id) SELECT id FROM d",
           {case_id, meta});
}

Status SqlTransaction::Commit() {
  if (done_) return Status::Error(StatusCode::kInternal, "the transaction has ended");
  Status s = failed_.ok() ? Status::Ok() : failed_.WithContext("the transaction failed earlier");
  for (std::int64_t id : dirty_) {
    if (!s.ok()) break;
    s = AddSearchDoc(id);
  }
  if (s.ok()) s = FlushAudit();
  if (s.ok()) s = Q("COMMIT", {}).status();
  done_ = true;
  if (!s.ok()) {
    (void)store_.db_->Rollback();
    return s.WithContext("nothing was stored");
  }
  store_.courts_.insert(new_courts_.begin(), new_courts_.end());
  if (!dirty_.empty() && store_.indexer_) store_.indexer_->Wake();
  return Status::Ok();
}

// ---- Reads ---------------------------------------------------------------------

Result<std::string> SqlStore::GetBlob(const BlobHash& sha256) {
  if (!IsBlobHash(sha256)) return Status::Invalid("not a SHA-256 hash: '" + sha256 + "'");
  if (files_) return files_->Get(sha256);
  auto rows = Q("SELECT data FROM blobs WHERE sha256 = ?", {sha256});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("blob " + sha256 + " is not in " + Describe());
  std::string data = Text(rows->front().at(0));
  if (Sha256Hex(data) != sha256) {
    return Status::Error(StatusCode::kCorrupt, "blob " + sha256 + " is corrupt in " + Describe());
  }
  return data;
}

Result<bool> SqlStore::HasBlob(const BlobHash& sha256) {
  if (!IsBlobHash(sha256)) return false;
  auto rows = Q("SELECT sha256 FROM blobs WHERE sha256 = ?", {sha256});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return false;
  return !files_ || files_->Exists(sha256);
}

Result<std::optional<SourceRecord>> SqlStore::FindSource(const BlobHash& sha256) {
  auto rows = Q(std::string("SELECT ") + kSourceColumns + " FROM sources WHERE sha256 = ?", {sha256});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<SourceRecord>();
  return std::optional<SourceRecord>(SourceFromRow(rows->front()));
}

Result<std::vector<SourceRecord>> SqlStore::SourcesOfCase(std::int64_t case_id) {
  auto rows = Q(std::string("SELECT ") + kSourceColumns +
                    " FROM sources WHERE case_id = ? ORDER BY recorded_at, sha256",
                {case_id});
  if (!rows.ok()) return rows.status();
  std::vector<SourceRecord> out;
  for (const SqlRow& r : *rows) out.push_back(SourceFromRow(r));
  return out;
}

Result<CaseRecord> SqlStore::GetCase(std::int64_t case_id) {
  auto rows = Q(std::string("SELECT ") + kCaseColumns +
                    " FROM cases c JOIN courts co ON co.id = c.court_id WHERE c.id = ?",
                {case_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("case " + std::to_string(case_id) + " is not in " + Describe());
  return CaseFromRow(rows->front());
}

Result<std::vector<CaseRecord>> SqlStore::FindCasesByNumber(std::string_view number) {
  THADS_RETURN_IF_ERROR(CheckUtf8(number, "judgment number"));
  auto rows = Q(std::string("SELECT ") + kCaseColumns +
                    " FROM cases c JOIN courts co ON co.id = c.court_id WHERE c.number_key = ? "
                    "ORDER BY c.id",
                {FoldedKey(number)});
  if (!rows.ok()) return rows.status();
  std::vector<CaseRecord> out;
  for (const SqlRow& r : *rows) out.push_back(CaseFromRow(r));
  return out;
}

Result<std::vector<ExtractionVersion>> SqlStore::Extractions(std::int64_t case_id) {
  Result<CaseRecord> c = GetCase(case_id);
  if (!c.ok()) return c.status();
  auto rows = Q("SELECT version, json, actor, note, recorded_at FROM extractions "
                "WHERE case_id = ? ORDER BY version",
                {case_id});
  if (!rows.ok()) return rows.status();
  std::vector<ExtractionVersion> out;
  for (const SqlRow& r : *rows) {
    out.push_back({static_cast<std::int32_t>(Int(r.at(0))), Text(r.at(1)), Text(r.at(2)),
                   Text(r.at(3)), Text(r.at(4))});
  }
  return out;
}

Result<model::ExtractionResult> SqlStore::CurrentExtraction(std::int64_t case_id) {
  Result<CaseRecord> c = GetCase(case_id);
  if (!c.ok()) return c.status();
  if (c->current_version == 0) {
    return Status::NotFound("case " + std::to_string(case_id) + " has no extraction result yet");
  }
  auto rows = Q("SELECT json FROM extractions WHERE case_id = ? AND version = ?",
                {case_id, std::int64_t{c->current_version}});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::Error(StatusCode::kCorrupt, "case " + std::to_string(case_id) + ": current version missing");
  auto parsed = model::ParseExtractionJson(Text(rows->front().at(0)),
                                           "case " + std::to_string(case_id) + " version " +
                                               std::to_string(c->current_version));
  if (!parsed.ok()) return Status::Error(StatusCode::kCorrupt, parsed.status().message());
  return parsed;
}

Result<std::vector<StoredDocument>> SqlStore::DocumentsOfCase(std::int64_t case_id) {
  auto rows = Q("SELECT id, case_id, json, pdf_sha256, created_at FROM documents "
                "WHERE case_id = ? ORDER BY id",
                {case_id});
  if (!rows.ok()) return rows.status();
  std::vector<StoredDocument> out;
  for (const SqlRow& r : *rows) {
    Result<StoredDocument> d = DocumentFromRow(r);
    if (!d.ok()) return d.status();
    out.push_back(std::move(*d));
  }
  return out;
}

Result<StoredDocument> SqlStore::GetDocument(std::int64_t document_id) {
  auto rows = Q("SELECT id, case_id, json, pdf_sha256, created_at FROM documents WHERE id = ?",
                {document_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("document " + std::to_string(document_id) + " does not exist");
  return DocumentFromRow(rows->front());
}

Result<std::vector<AuditEntry>> SqlStore::AuditLog(std::string_view object) {
  const std::string sql = std::string("SELECT seq, at, actor, action, object, sha256 FROM audit") +
                          (object.empty() ? "" : " WHERE object = ?") + " ORDER BY seq";
  SqlParams params;
  if (!object.empty()) params.push_back(Str(object));
  auto rows = Q(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<AuditEntry> out;
  for (const SqlRow& r : *rows) {
    out.push_back({Int(r.at(0)), Text(r.at(1)), Text(r.at(2)), Text(r.at(3)), Text(r.at(4)),
                   Text(r.at(5))});
  }
  return out;
}

// ---- Search ------------------------------------------------------------------

std::string LikeContains(const std::string& folded) {
  std::string out = "%";
  for (char c : folded) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// The order of search rows (the case's columns, exact, document id, sort key) that
// each sort's ORDER BY gives; dates as each dialect sorts NULL (SQLite last, PostgreSQL
// first in a descending order).
bool SortsBefore(const SqlRow& a, const SqlRow& b, SortOrder sort, bool sqlite) {
  switch (sort) {
    case SortOrder::kRelevance:
      if (Int(a.at(9)) != Int(b.at(9))) return Int(a.at(9)) > Int(b.at(9));
      return Int(a.at(10)) > Int(b.at(10));
    case SortOrder::kDate: {
      const bool a_null = IsNull(a.at(3)), b_null = IsNull(b.at(3));
      if (a_null != b_null) return sqlite ? b_null : a_null;
      if (!a_null && Text(a.at(3)) != Text(b.at(3))) return Text(a.at(3)) > Text(b.at(3));
      return Int(a.at(0)) > Int(b.at(0));
    }
    case SortOrder::kName: {
      const std::string ka = Text(a.at(11)), kb = Text(b.at(11));
      if (ka != kb) return ka < kb;
      return Int(a.at(0)) < Int(b.at(0));
    }
  }
  return false;
}

// More documents than this waiting for the index are indexed before a search rather
// than matched one by one (a bulk import in progress, or killed).
constexpr std::int64_t kMaxWaitingMatched = 1000;

Result<std::vector<std::int64_t>> SqlStore::WaitingDocs(std::int64_t& through) {
  const bool sqlite = db_->dialect() == Dialect::kSqlite;
  for (;;) {
    if (sqlite) {
      auto state = search_->Query("SELECT through FROM search_state", {});
      if (!state.ok()) return state.status();
      through = Int(state->front().at(0));
    }
    auto rows = search_->Query(sqlite ? "SELECT id FROM search_docs WHERE id > ? AND current = 1 LIMIT ?"
                                      : "SELECT doc_id FROM search_pending LIMIT ?",
                               sqlite ? SqlParams{through, kMaxWaitingMatched + 1}
                                      : SqlParams{kMaxWaitingMatched + 1});
    if (!rows.ok()) return rows.status();
    std::vector<std::int64_t> ids;
    for (const SqlRow& r : *rows) ids.push_back(Int(r.at(0)));
    if (static_cast<std::int64_t>(ids.size()) <= kMaxWaitingMatched) return ids;
    Result<std::size_t> n = IndexPending(*search_, kIndexBatch);
    if (!n.ok()) return n.status();
    if (*n == 0) return ids;
  }
}

Status SqlStore::WaitForSearchIndex() {
  for (;;) {
    Result<std::size_t> n = IndexPending(*search_, kIndexBatch);
    if (!n.ok()) return n.status();
    if (*n == 0) return Status::Ok();
  }
}

Result<std::vector<SqlRow>> SqlStore::MatchWaiting(const std::vector<std::int64_t>& ids,
                                                   const ParsedQuery& query, const std::string& where,
                                                   const SqlParams& filters, bool exact_counts) {
  if (ids.empty()) return std::vector<SqlRow>();
  const bool sqlite = db_->dialect() == Dialect::kSqlite;
  std::string list;
  for (std::int64_t id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  SqlParams p = {sqlite ? "[" + list + "]" : "{" + list + "}"};
  p.insert(p.end(), filters.begin(), filters.end());
  auto rows = search_->Query(
      std::string("SELECT ") + kCaseColumns +
          ", 0 AS exact, d.id, c.sort_key, d.meta FROM search_docs d JOIN cases c ON c.id = d.case_id "
          "JOIN courts co ON co.id = c.court_id WHERE d.current = 1 AND " +
          (sqlite ? "d.id IN (SELECT value FROM json_each(?))" : "d.id = ANY (?::bigint[])") + where,
      p);
  if (!rows.ok()) return rows.status();
  std::vector<std::int64_t> case_ids;
  for (const SqlRow& r : *rows) case_ids.push_back(Int(r.at(0)));
  Result<std::map<std::int64_t, std::string>> bodies = SourceTexts(*search_, case_ids);
  if (!bodies.ok()) return bodies.status();
  std::vector<SqlRow> out;
  for (SqlRow& r : *rows) {
    Result<IndexTerms> terms = CaseTerms(*search_, Int(r.at(0)), r.at(12), (*bodies)[Int(r.at(0))]);
    if (!terms.ok()) return terms.status();
    bool exact = false;
    if (!TermsMatch(*terms, query, &exact)) continue;
    r.resize(12);
    r[9] = std::int64_t{exact_counts && exact ? 1 : 0};
    out.push_back(std::move(r));
  }
  return out;
}

Result<SearchResult> SqlStore::Search(const SearchRequest& req) {
  if (req.limit < 1 || req.limit > 1000) return Status::Invalid("search: limit must be 1..1000");
  if (req.offset < 0) return Status::Invalid("search: offset must not be negative");
  Result<ParsedQuery> query = ParseQuery(req.query);
  if (!query.ok()) return query.status();
  const bool sqlite = db_->dialect() == Dialect::kSqlite;
  const bool text = !query->empty();

  // The filters, the same for every form of the query below.
  std::string where;
  SqlParams filters;
  if (req.court) {
    THADS_RETURN_IF_ERROR(CheckUtf8(*req.court, "--court"));
    where += " AND c.court_id IN (SELECT id FROM courts WHERE name_fold LIKE ? ESCAPE '\\')";
    filters.push_back(LikeContains(FoldedKey(*req.court)));
  }
  if (req.number) {
    THADS_RETURN_IF_ERROR(CheckUtf8(*req.number, "--number"));
    where += " AND c.number_key = ?";
    filters.push_back(FoldedKey(*req.number));
  }
  if (req.case_type) {
    where += " AND c.case_type = ?";
    filters.push_back(Str(model::ToString(*req.case_type)));
  }
  if (req.date_from) {
    where += " AND c.judgment_date >= ?";
    filters.push_back(DateValue(req.date_from));
  }
  if (req.date_to) {
    where += " AND c.judgment_date <= ?";
    filters.push_back(DateValue(req.date_to));
  }
  if (req.min_amount || req.max_amount) {
    where += " AND EXISTS (SELECT 1 FROM obligations o WHERE o.case_id = c.id AND "
             "o.version = c.current_version AND o.amount_vnd >= ? AND o.amount_vnd <= ?)";
    filters.push_back(req.min_amount.value_or(0));
    filters.push_back(req.max_amount.value_or(INT64_MAX));
  }
  if (req.role) {
    where += " AND EXISTS (SELECT 1 FROM parties r WHERE r.case_id = c.id AND "
             "r.version = c.current_version AND r.role = ?";
    filters.push_back(Str(model::ToString(*req.role)));
    if (text) {
      where += " AND r.name_fold LIKE ? ESCAPE '\\'";
      filters.push_back(LikeContains(JoinTerms(query->folded)));
    }
    where += ")";
  }
  if (req.status) {
    where += " AND c.status = ?";
    filters.push_back(Str(model::ToString(*req.status)));
  }
  auto with_filters = [&](SqlParams p) {
    p.insert(p.end(), filters.begin(), filters.end());
    return p;
  };
  std::string order;
  switch (req.sort) {
    case SortOrder::kRelevance:  // with text: exact accents first, then newest filed
    case SortOrder::kDate:
      order = " ORDER BY c.judgment_date DESC, c.id DESC";
      break;
    case SortOrder::kName:
      order = " ORDER BY c.sort_key, c.id";
      break;
  }
  const std::string columns = std::string("SELECT ") + kCaseColumns;
  const std::int64_t wanted = std::int64_t{req.offset} + req.limit + 1;
  auto SQ = [this](std::string_view sql, const SqlParams& params) { return search_->Query(sql, params); };
  // Rows: the case's columns, exact, the search document's id, the case's sort key.
  std::vector<SqlRow> rows;

  // The cases committed but not indexed yet are matched here and merged below.
  std::vector<SqlRow> waiting;
  std::int64_t through = 0;  // SQLite: the index holds the search documents up to here
  if (text) {
    Result<std::vector<std::int64_t>> ids = WaitingDocs(through);
    if (!ids.ok()) return ids.status();
    auto matched = MatchWaiting(*ids, *query, where, filters,
                                query->has_marks && (!sqlite || req.sort == SortOrder::kRelevance));
    if (!matched.ok()) return matched.status();
    waiting = std::move(*matched);
  }
  bool offset_applied = false;

  if (text && sqlite && req.sort == SortOrder::kRelevance) {
    // Relevance without reading every match: FTS5 hands matches out in rowid order,
    // so each tier (exact accents, then the rest) is read newest first and stops
    // once the page is full — a common name matches thousands of cases at 1,000,000.
    std::vector<std::pair<std::string, bool>> tiers;  // MATCH expression, exact
    if (query->has_marks) {
      tiers.push_back({Fts5ExactExpression(*query), true});
      tiers.push_back({"(" + Fts5MatchExpression(*query) + ") NOT (" +
                           Fts5ExactExpression(*query) + ")", false});
    } else {
      tiers.push_back({Fts5MatchExpression(*query), false});
    }
    for (const auto& [expression, exact] : tiers) {
      const std::int64_t need = wanted - static_cast<std::int64_t>(rows.size());
      if (need <= 0) break;
      SqlParams p = with_filters({expression, through});
      p.push_back(need);
      auto tier = SQ(columns + (exact ? ", 1" : ", 0") +
                         " AS exact, d.id, c.sort_key FROM search_fts f JOIN search_docs d ON "
                         "d.id = f.rowid AND d.current = 1 JOIN cases c ON c.id = d.case_id JOIN "
                         "courts co ON co.id = c.court_id WHERE search_fts MATCH ? AND f.rowid <= ?" +
                         where + " ORDER BY f.rowid DESC LIMIT ?",
                     p);
      if (!tier.ok()) return tier.status();
      rows.insert(rows.end(), std::make_move_iterator(tier->begin()), std::make_move_iterator(tier->end()));
    }
  } else if (text && req.sort == SortOrder::kRelevance && query->folded.size() > 1) {
    // PostgreSQL, a phrase, in the order SQLite reads it: each tier (exact accents,
    // then the rest) newest first, stopping once the page is full. The GIN index
    // lists the documents holding every pair of the query, within a window of the
    // newest document ids first (the newest 65,536, then all older ones): a common
    // name matches thousands of cases at 1,000,000, and listing them all visits as
    // many rows. The candidates are listed before the filters are joined
    // (MATERIALIZED: the planner underestimates a common name's matches and would
    // otherwise start from a court's thousands of cases). The phrase itself (which
    // reads a case's tsvector, ~70 µs each) is checked on growing slices of the
    // candidates until the page is full.
    const std::string pairs_all = TsAllQuery(QueryPairs(*query));
    const std::string pairs_phrase = TsPhraseQuery(QueryPairs(*query));
    struct Tier {
      std::string condition;
      SqlParams params;
      bool exact;
    };
    std::vector<Tier> tiers;
    if (query->has_marks) {
      const std::string accent = TsPhraseQuery(query->accent);
      // ts_match_vq, the function behind @@, is not indexable: the accents are
      // checked on the pairs' candidates (`văn`'s list in the accent index is the
      // whole archive).
      tiers.push_back({"ts_match_vq(i.accent, ?::tsquery)", {accent}, true});
      tiers.push_back({"NOT ts_match_vq(i.accent, ?::tsquery)", {accent}, false});
    } else {
      tiers.push_back({"true", {}, false});
    }
    auto newest = SQ("SELECT coalesce(max(doc_id), 0) FROM search_index", {});
    if (!newest.ok()) return newest.status();
    constexpr std::int64_t kNewestWindow = 65536;
    for (const Tier& tier : tiers) {
      for (std::int64_t high = Int(newest->front().at(0)), low = high - kNewestWindow;
           high > 0 && static_cast<std::int64_t>(rows.size()) < wanted; high = low, low = 0) {
        low = std::max<std::int64_t>(low, 0);
        SqlParams p = {pairs_all};
        p.insert(p.end(), tier.params.begin(), tier.params.end());
        // Only a window's lower bound goes to the server (a range of most of the
        // table would cost more than the candidates it removes); the upper bound
        // skips, below, what an earlier window listed.
        if (low > 0) p.push_back(low);
        auto candidates = SQ("WITH m AS MATERIALIZED (SELECT i.doc_id FROM search_index i WHERE i.pairs @@ "
                             "?::tsquery AND " + tier.condition + (low > 0 ? " AND i.doc_id > ?" : "") + ") "
                             "SELECT m.doc_id FROM m" +
                                 (where.empty() ? "" : " JOIN search_docs d ON d.id = m.doc_id JOIN cases c "
                                                       "ON c.id = d.case_id WHERE true" + where) +
                                 " ORDER BY m.doc_id DESC",
                             with_filters(std::move(p)));
        if (!candidates.ok()) return candidates.status();
        std::erase_if(*candidates, [high](const SqlRow& r) { return Int(r.at(0)) > high; });
        std::size_t next = 0;
        for (std::size_t slice = 64; next < candidates->size() &&
                                     static_cast<std::int64_t>(rows.size()) < wanted;
             slice *= 2) {
          const std::size_t end = std::min(candidates->size(), next + slice);
          std::string ids = "{";
          for (std::size_t i = next; i < end; ++i) {
            ids += (i == next ? "" : ",") + std::to_string(Int(candidates->at(i).at(0)));
          }
          ids += "}";
          next = end;
          auto part = SQ(columns + (tier.exact ? ", 1" : ", 0") +
                             " AS exact, d.id, c.sort_key FROM search_index i JOIN search_docs d ON d.id = "
                             "i.doc_id AND d.current = 1 JOIN cases c ON c.id = d.case_id JOIN courts co ON "
                             "co.id = c.court_id WHERE i.doc_id = ANY (?::bigint[]) AND "
                             "ts_match_vq(i.pairs, ?::tsquery) ORDER BY d.id DESC",
                         {ids, pairs_phrase});
          if (!part.ok()) return part.status();
          rows.insert(rows.end(), std::make_move_iterator(part->begin()), std::make_move_iterator(part->end()));
        }
      }
    }
  } else {
    std::string sql;
    SqlParams p;
    if (text && sqlite) {
      sql = "WITH m AS (SELECT rowid AS sid FROM search_fts WHERE search_fts MATCH ? AND rowid <= ?) " +
            columns + ", 0 AS exact, d.id, c.sort_key FROM m JOIN search_docs d ON d.id = m.sid AND "
            "d.current = 1 JOIN cases c ON c.id = d.case_id JOIN courts co ON co.id = c.court_id "
            "WHERE 1 = 1";
      p = {Fts5MatchExpression(*query), through};
    } else if (text) {
      const bool single = query->folded.size() == 1;
      std::string exact = "0";
      if (query->has_marks) {
        exact = "(i.accent @@ ?::tsquery)";  // the metadata's accents: a small tsvector
        p.push_back(TsPhraseQuery(query->accent));
      }
      sql = columns + ", " + exact + " AS exact, d.id, c.sort_key FROM search_index i JOIN search_docs d "
            "ON d.id = i.doc_id AND d.current = 1 JOIN cases c ON c.id = d.case_id JOIN courts co "
            "ON co.id = c.court_id WHERE " + (single ? "i.words" : "i.pairs") + " @@ ?::tsquery";
      p.push_back(TsPhraseQuery(single ? query->folded : QueryPairs(*query)));
      if (req.sort == SortOrder::kRelevance) order = " ORDER BY exact DESC, d.id DESC";
    } else {
      sql = columns + ", 0 AS exact, 0, c.sort_key FROM cases c JOIN courts co ON co.id = c.court_id "
            "WHERE 1 = 1";
    }
    p = with_filters(std::move(p));
    offset_applied = waiting.empty();
    p.push_back(offset_applied ? std::int64_t{req.limit} + 1 : wanted);
    p.push_back(offset_applied ? std::int64_t{req.offset} : std::int64_t{0});
    auto all = SQ(sql + where + order + " LIMIT ? OFFSET ?", p);
    if (!all.ok()) return all.status();
    rows = std::move(*all);
  }
  if (!waiting.empty()) {
    rows.insert(rows.end(), std::make_move_iterator(waiting.begin()), std::make_move_iterator(waiting.end()));
    std::stable_sort(rows.begin(), rows.end(), [&](const SqlRow& a, const SqlRow& b) {
      return SortsBefore(a, b, req.sort, sqlite);
    });
    // A document indexed between the two reads (PostgreSQL) was found twice.
    rows.erase(std::unique(rows.begin(), rows.end(),
                           [](const SqlRow& a, const SqlRow& b) { return Int(a.at(10)) == Int(b.at(10)); }),
               rows.end());
  }
  if (!offset_applied) {
    rows.erase(rows.begin(), rows.begin() + std::min<std::ptrdiff_t>(req.offset, static_cast<std::ptrdiff_t>(rows.size())));
  }
  SearchResult result;
  result.more = rows.size() > static_cast<std::size_t>(req.limit);
  rows.resize(std::min(rows.size(), static_cast<std::size_t>(req.limit)));
  for (const SqlRow& r : rows) {
    SearchHit hit;
    hit.case_record = CaseFromRow(r);
    hit.exact = Int(r.at(9)) != 0;
    auto names = Q("SELECT name FROM parties WHERE case_id = ? AND version = ? ORDER BY ordinal",
                   {hit.case_record.id, std::int64_t{hit.case_record.current_version}});
    if (!names.ok()) return names.status();
    for (const SqlRow& n : *names) {  // a person in two roles is listed once
      std::string name = Text(n.at(0));
      if (std::find(hit.parties.begin(), hit.parties.end(), name) == hit.parties.end()) {
        hit.parties.push_back(std::move(name));
      }
    }
    // The snippet comes from the source text when the match is there (the words
    // around a name say what the case is about), else from the case's metadata.
    auto texts = Q("SELECT text FROM sources WHERE case_id = ? ORDER BY recorded_at, sha256",
                   {hit.case_record.id});
    if (!texts.ok()) return texts.status();
    std::string body;
    for (const SqlRow& t : *texts) body += Text(t.at(0)) + "\n";
    bool in_body = false;
    hit.snippet = MakeSnippet(body, *query, &in_body);
    if (!in_body && text) {
      std::string meta = hit.case_record.court + "\n" + hit.case_record.number + "\n";
      for (const std::string& n : hit.parties) meta += n + "\n";
      bool in_meta = false;
      std::string snippet = MakeSnippet(meta, *query, &in_meta);
      if (in_meta) hit.snippet = std::move(snippet);
    }
    result.hits.push_back(std::move(hit));
  }
  return result;
}

// ---- Integrity and backup ---------------------------------------------------------

template <typename F>
Status SqlStore::ForEachBlob(bool with_data, F&& f) {
  const std::string sql = std::string("SELECT sha256, size") + (with_data ? ", data" : "") +
                          " FROM blobs WHERE sha256 > ? ORDER BY sha256 LIMIT " +
                          (with_data ? "32" : "1000");
  std::string after;
  for (;;) {
    auto rows = Q(sql, {after});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::Ok();
    for (const SqlRow& r : *rows) {
      after = Text(r.at(0));
      THADS_RETURN_IF_ERROR(f(after, Int(r.at(1)), with_data ? Text(r.at(2)) : std::string()));
    }
  }
}

Result<VerifyReport> SqlStore::Verify() {
  VerifyReport report;
  THADS_RETURN_IF_ERROR(ForEachBlob(!files_, [&](const std::string& sha, std::int64_t size,
                                                 const std::string& data) {
    ++report.blobs_checked;
    if (files_) {
      const std::string problem = files_->Check(sha, size);
      if (!problem.empty()) report.problems.push_back({sha, files_->PathOf(sha), problem});
      return Status::Ok();
    }
    const std::string actual = Sha256Hex(data);
    if (static_cast<std::int64_t>(data.size()) != size || actual != sha) {
      report.problems.push_back({sha, "blobs/" + sha, "corrupt: its bytes hash to " + actual});
    }
    return Status::Ok();
  }));
  // Every document PDF must have been stored.
  auto orphans = Q("SELECT d.pdf_sha256, d.id FROM documents d WHERE d.pdf_sha256 <> '' AND "
                   "NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = d.pdf_sha256)",
                   {});
  if (!orphans.ok()) return orphans.status();
  for (const SqlRow& r : *orphans) {
    report.problems.push_back({Text(r.at(0)), "document " + std::to_string(Int(r.at(1))),
                               "missing: no such blob"});
  }
  Result<std::string> check = db_->CheckIntegrity();
  if (!check.ok()) return check.status();
  report.database_check = *check;
  return report;
}

Status SqlStore::Backup(const std::string& destination) {
  if (!files_) {
    return Status::Error(StatusCode::kUnsupported,
                         "a PostgreSQL archive is backed up with the server's own tools: "
                         "pg_dump -Fc -f thads.dump DBNAME (restore: pg_restore -d DBNAME thads.dump)");
  }
  std::error_code ec;
  if (fs::exists(destination, ec) && !fs::is_empty(destination, ec)) {
    return Status::Error(StatusCode::kAlreadyExists, destination + " is not empty; back up into a new directory");
  }
  fs::create_directories(destination + "/blobs", ec);
  if (ec) return Status::IoError("cannot create " + destination + ": " + ec.message());
  // The index first: a copy of it older than the copy of archive.db is completed
  // from it; a newer one would index documents the copied archive does not have.
  THADS_RETURN_IF_ERROR(search_->BackupTo(destination + "/search.db"));
  THADS_RETURN_IF_ERROR(db_->BackupTo(destination + "/archive.db"));
  // Blobs never change once written, and every blob the copied database refers to
  // was written before its row committed: copying them now is consistent.
  BlobStore target(destination + "/blobs");
  THADS_RETURN_IF_ERROR(ForEachBlob(false, [&](const std::string& sha, std::int64_t, const std::string&) {
    Result<std::string> bytes = files_->Get(sha);  // re-hashed on the way
    if (!bytes.ok()) return bytes.status().WithContext("backup stopped");
    return target.Put(*bytes).status();
  }));
  StoreOptions check;
  check.location = destination;
  check.create_if_missing = false;
  Result<std::unique_ptr<Store>> copy = Store::Open(check);
  if (!copy.ok()) return copy.status().WithContext("the backup does not open");
  Result<VerifyReport> report = (*copy)->Verify();
  if (!report.ok()) return report.status();
  if (!report->ok()) {
    return Status::Error(StatusCode::kCorrupt, "the backup in " + destination + " does not verify");
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Store>> MakeSqlStore(std::unique_ptr<SqlConnection> db,
                                            std::string blob_dir, std::string actor,
                                            bool index_in_background) {
  auto store = std::make_unique<SqlStore>(std::move(db), std::move(blob_dir), std::move(actor));
  THADS_RETURN_IF_ERROR(store->Init(index_in_background));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace thads::archive
