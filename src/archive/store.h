// The archive (kho lưu trữ hồ sơ): case files, their source scans, extraction
// results, parties, obligations, generated documents and an append-only audit log,
// searchable in Vietnamese with or without diacritics. One interface, two backends:
// an archive directory (SQLite in WAL mode plus a SHA-256 content-addressed blob
// store) and a PostgreSQL server shared by an office (blobs in the database).
// Design, schema and figures: docs/archive.md.
//
// Thread safety: a Store and its Transactions are NOT thread-safe. Use one Store per
// thread (each holds its own connection); any number of Stores, in any number of
// processes, may open the same archive at once. At most one Transaction per Store is
// open at a time. All strings are NFC UTF-8.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/case.h"
#include "model/document.h"
#include "model/judgment.h"

namespace thads::archive {

// Where the archive is. `location` is an archive directory, or a PostgreSQL
// connection string ("postgresql://user@host/db", "host=/tmp port=5432 dbname=x").
struct StoreOptions {
  std::string location;
  bool create_if_missing = true;  // directory backend: create an empty archive
  std::string actor = "thads";    // who, for the audit log (a clerk's login, "pipeline")
  // Committed cases are indexed for search by a thread of the store; without it, by
  // WaitForSearchIndex, by a search that finds many waiting, or when the store closes.
  // Either way a search finds every committed case.
  bool index_in_background = true;
};

// True when `location` names a PostgreSQL server rather than a directory.
bool IsPostgresLocation(std::string_view location);

// SHA-256 of a stored blob, 64 lowercase hex digits.
using BlobHash = std::string;
bool IsBlobHash(std::string_view text);
// The hash that names blobs and identifies source files (OpenSSL's SHA-256).
BlobHash Sha256Hex(std::string_view bytes);
Result<BlobHash> Sha256OfFile(const std::string& path);  // streamed; errors name the path

// ---- Source files: every scan or PDF the pipeline was given, by content hash ----

enum class SourceState {  // tình trạng xử lý tệp nguồn
  kDone,                  // done: its case is in the archive
  kFailed,                // failed: reason says why; a rerun may try again
  kQuarantined,           // quarantined: set aside for a person to look at
};
std::string_view ToString(SourceState state);
Result<SourceState> ParseSourceState(std::string_view text);

struct SourceRecord {       // tệp nguồn
  BlobHash sha256;          // of the file's bytes; the key
  std::string original_name;
  std::int32_t page_count = 0;
  SourceState state = SourceState::kDone;
  std::string reason;                  // for failed / quarantined
  std::optional<std::int64_t> case_id;  // the case it belongs to, when known
  std::string text;         // its OCR or text-layer text, indexed for search
  BlobHash searchable_pdf;  // a scan's OCR'd, searchable PDF/A; empty for text
  std::string recorded_at;  // UTC, "2026-12-03T08:40:20Z"; the store sets it when empty
};

// ---- Cases ----------------------------------------------------------------------

struct CaseRecord {  // hồ sơ thi hành án, as the archive keeps it
  std::int64_t id = 0;
  std::string number;  // the judgment's number and symbol, "70/2017/DS-ST"
  std::string court;
  std::optional<std::chrono::year_month_day> judgment_date;
  std::optional<model::CaseType> case_type;
  model::CaseStatus status = model::CaseStatus::kReceived;
  std::string office;           // the enforcing office, may be empty
  std::int32_t current_version = 0;  // of the extraction result; 0 = none yet
  std::string created_at;
};

// One version of a case's extraction result. Versions are immutable: a clerk's
// correction is a new version, the old one stays.
struct ExtractionVersion {
  std::int32_t version = 0;  // 1, 2, ...
  std::string json;          // model::ToJson(result): the schema contract
  std::string actor;
  std::string note;          // "extracted", "corrected the debtor's name", ...
  std::string recorded_at;
};

// What AddExtraction stores. actor and recorded_at default to the store's actor and
// now; import passes the values recorded by the archive it came from.
struct NewExtraction {
  model::ExtractionResult result;
  std::string note;
  std::optional<std::string> actor;
  std::optional<std::string> recorded_at;
};

// ---- Generated documents (ND 30 Phụ lục VI metadata in model::GeneratedDocument) ----

struct StoredDocument {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  model::GeneratedDocument document;  // number and issue date set once approved
  BlobHash pdf_sha256;                // empty when no PDF was stored
  std::string created_at;
};

// ---- Audit log: append-only ----------------------------------------------------

struct AuditEntry {  // nhật ký
  std::int64_t seq = 0;
  std::string at;      // UTC
  std::string actor;   // who
  std::string action;  // what: "case.create", "extraction.add", "document.approve", ...
  std::string object;  // which: "case/12", "document/40", "source/<sha256>"
  std::string sha256;  // hash of what was written, when there is one
};

// ---- Search ---------------------------------------------------------------------

enum class SortOrder { kRelevance, kDate, kName };

struct SearchRequest {
  std::string query;  // free text; any bytes are searched as text, never as syntax
  std::optional<std::string> court;   // part of the court's name, any accents
  std::optional<std::string> number;  // judgment number and symbol, exact
  std::optional<model::CaseType> case_type;
  std::optional<std::chrono::year_month_day> date_from, date_to;  // judgment date
  std::optional<std::int64_t> min_amount, max_amount;  // an obligation's đồng
  std::optional<model::PartyRole> role;  // a party with this role (named by query)
  std::optional<model::CaseStatus> status;
  // relevance: exact accents first, then the most recently filed or corrected;
  // date: newest judgment first; name: ICU vi order of the first party's given
  // name, then the rest.
  SortOrder sort = SortOrder::kRelevance;
  std::int32_t limit = 20;  // 1..1000
  std::int32_t offset = 0;
};

struct SearchHit {
  CaseRecord case_record;
  std::vector<std::string> parties;  // names of the current version, in order
  bool exact = false;     // the query's accents match the metadata exactly (Hoà = Hòa);
                          // computed for the relevance order
  std::string snippet;    // original accented text, matches in [brackets]
};

struct SearchResult {
  std::vector<SearchHit> hits;
  bool more = false;  // further hits exist after this page
};

// ---- Integrity ------------------------------------------------------------------

struct BlobProblem {
  BlobHash sha256;
  std::string path;     // where it should be (file or table row)
  std::string problem;  // "missing", "corrupt: hashes to …", "size differs"
};

struct VerifyReport {
  std::int64_t blobs_checked = 0;
  std::vector<BlobProblem> problems;  // empty when everything is intact
  std::string database_check;         // "ok" or what the database's own check said
  bool ok() const { return problems.empty() && database_check == "ok"; }
};

// ---- Writes: one transaction, all or nothing ---------------------------------------

// Everything the pipeline writes for one source file goes through one Transaction:
// killed at any moment, the archive keeps either all of it or none of it. Destroying
// a Transaction without Commit rolls it back. Every write appends to the audit log.
class Transaction {
 public:
  virtual ~Transaction() = default;

  // Stores bytes (idempotent: the same bytes give the same hash, stored once).
  // Blob files are written atomically before the commit; a rolled-back blob is an
  // unreferenced file that verify ignores.
  virtual Result<BlobHash> PutBlob(std::string_view bytes) = 0;
  virtual Result<BlobHash> PutBlobFile(const std::string& path) = 0;

  // Records (or updates, keyed by sha256) a source file and its state.
  virtual Status RecordSource(const SourceRecord& source) = 0;

  // The case of a judgment: found by number and court (compared without accents,
  // case or spacing), created with status `received` when new. Never two cases for
  // one judgment.
  virtual Result<CaseRecord> CreateOrFindCase(const model::CourtDocument& judgment,
                                              std::string_view office) = 0;
  virtual Status SetCaseStatus(std::int64_t case_id, model::CaseStatus status) = 0;

  // Appends a version of the case's extraction result; its parties and obligations
  // become the current ones. Returns the version number.
  virtual Result<std::int32_t> AddExtraction(std::int64_t case_id,
                                             const NewExtraction& extraction) = 0;

  // Stores a generated document. A document that already carries a number (an
  // import) is refused with kAlreadyExists when number + symbol + agency + year
  // exist (ND 30). Returns its id.
  virtual Result<std::int64_t> AddDocument(std::int64_t case_id,
                                           const model::GeneratedDocument& document,
                                           const BlobHash& pdf_sha256) = 0;
  // Approves a draft: gives it the next number for (agency, symbol, year of
  // issue_date): sequential, no gaps, no duplicates, safe against concurrent
  // approvals in other processes. Approved documents are immutable.
  // `render`, when given, is called with the numbered document before it is
  // stored and returns the hash of its final PDF (put in this transaction),
  // which replaces the draft's: the issued PDF carries its number.
  using RenderApproved = std::function<Result<BlobHash>(const StoredDocument& numbered)>;
  virtual Result<StoredDocument> ApproveDocument(std::int64_t document_id,
                                                 std::chrono::year_month_day issue_date,
                                                 const RenderApproved& render = nullptr) = 0;

  // An audit entry of the caller's own (e.g. "source.quarantine").
  virtual Status Audit(std::string_view action, std::string_view object,
                       std::string_view sha256) = 0;

  // Makes everything durable. After an error the transaction is rolled back.
  virtual Status Commit() = 0;
};

class Store {
 public:
  // Opens (or, with create_if_missing, creates) the archive. Errors name the path:
  // missing or read-only directory, a directory that is not an archive, a corrupt
  // database, an unreachable server. Older schemas are migrated.
  static Result<std::unique_ptr<Store>> Open(const StoreOptions& options);
  virtual ~Store() = default;

  // "archive directory /srv/thads-archive" or "PostgreSQL dbname=thads" (no password).
  virtual std::string Describe() const = 0;
  virtual bool IsServer() const = 0;

  // Starts a write transaction (SQLite: BEGIN IMMEDIATE, waiting for other writers).
  virtual Result<std::unique_ptr<Transaction>> Begin() = 0;

  // Blobs.
  virtual Result<std::string> GetBlob(const BlobHash& sha256) = 0;
  virtual Result<bool> HasBlob(const BlobHash& sha256) = 0;

  // Source files, for a rerun to skip finished work. nullopt when never seen.
  virtual Result<std::optional<SourceRecord>> FindSource(const BlobHash& sha256) = 0;
  virtual Result<std::vector<SourceRecord>> SourcesOfCase(std::int64_t case_id) = 0;

  // Cases. NotFound names the id or number.
  virtual Result<CaseRecord> GetCase(std::int64_t case_id) = 0;
  virtual Result<std::vector<CaseRecord>> FindCasesByNumber(std::string_view number) = 0;
  virtual Result<std::vector<ExtractionVersion>> Extractions(std::int64_t case_id) = 0;
  // The current version, parsed; NotFound when the case has no extraction yet.
  virtual Result<model::ExtractionResult> CurrentExtraction(std::int64_t case_id) = 0;

  // Documents.
  virtual Result<std::vector<StoredDocument>> DocumentsOfCase(std::int64_t case_id) = 0;
  virtual Result<StoredDocument> GetDocument(std::int64_t document_id) = 0;

  // The audit log, oldest first; `object` filters when not empty.
  virtual Result<std::vector<AuditEntry>> AuditLog(std::string_view object) = 0;

  // Finds committed cases whether or not the search index holds them yet (cases not
  // indexed yet are matched one by one, the same way).
  virtual Result<SearchResult> Search(const SearchRequest& request) = 0;
  // Returns once every case committed so far is in the search index (a bulk import
  // calls it to know when its cases are indexed; closing the store does it too).
  virtual Status WaitForSearchIndex() = 0;

  // Re-hashes every blob and runs the database's own integrity check.
  virtual Result<VerifyReport> Verify() = 0;

  // A consistent copy while the archive is in use. Directory backend: `destination`
  // becomes an archive directory (online backup of the database, then the blobs,
  // copied and re-hashed). PostgreSQL: kUnsupported, saying to use pg_dump.
  virtual Status Backup(const std::string& destination) = 0;
};

// Restores a directory archive from a backup made by Store::Backup: verifies the
// backup, then copies it into `archive_dir`, which must be missing or empty unless
// `force` (then its database and blobs are replaced).
Status RestoreArchive(const std::string& backup_dir, const std::string& archive_dir,
                      bool force);

}  // namespace thads::archive
