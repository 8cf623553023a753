#include "pipeline/batch.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include "extract/extractor.h"
#include "model/json_io.h"
#include "ocr/ocr_job.h"
#include "ocr/pdf_rasterizer.h"
#include "ocr/post_correct.h"
#include "ocr/searchable_pdf.h"
#include "pipeline/case_paperwork.h"
#include "pipeline/batch_input.h"
#include "pipeline/progress.h"
#include "text/money.h"
#include "text/normalize.h"

namespace thads::pipeline {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxTextBytes = 16 * 1024 * 1024;

Result<std::string> ReadText(const std::string& path) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::IoError(path + ": cannot be read: " + ec.message());
  if (size > kMaxTextBytes) {
    return Status::Invalid(path + ": " + std::to_string(size >> 20) +
                           " MB is too large for one judgment");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  if (!in && !in.eof()) return Status::IoError(path + ": read error");
  return text::CleanText(bytes, path);
}

// A judgment that is a folder of page files is known by the hashes of its
// pages, in order: this text is stored as a blob and its hash is the folder's.
std::string FolderManifest(const BatchUnit& unit, const std::vector<archive::BlobHash>& hashes) {
  std::string m = "thads folder of pages 1\n";
  for (std::size_t i = 0; i < unit.files.size(); ++i) {
    m += hashes.at(i) + "  " + fs::path(unit.files[i]).filename().string() + "\n";
  }
  return m;
}

struct Pending {
  BatchUnit unit;
  archive::BlobHash hash;    // the judgment's identity
  std::string manifest;      // folders: the text whose hash is `hash`
  std::size_t row = 0;       // its report row
  bool recognized = false;   // its pages went through OCR in this run
};

class BatchRun final : public ocr::PageConsumer {
 public:
  BatchRun(const BatchOptions& options, std::ostream& out) : options_(options), out_(out) {}

  Result<BatchResult> Run() {
    Result<std::vector<BatchUnit>> units = ListBatchInput(options_.input_dir);
    if (!units.ok()) return units.status();
    Result<std::unique_ptr<archive::Store>> store = archive::Store::Open(options_.store);
    if (!store.ok()) return store.status();
    store_ = std::move(store).value();
    Result<std::unique_ptr<Paperwork>> paperwork =
        Paperwork::Create(options_.office_path, options_.fonts_path, options_.deterministic);
    if (!paperwork.ok()) return paperwork.status();
    paperwork_ = std::move(paperwork).value();
    date_ = options_.date.value_or(text::TodayInVietnam());

    progress_ = std::make_unique<Progress>(out_, options_.interactive,
                                           static_cast<int>(units->size()));
    long all_pages = 0;
    for (const BatchUnit& unit : *units) all_pages += unit.pages;
    progress_->SetTotalPages(all_pages);
    std::vector<Pending> scans;
    for (BatchUnit& unit : *units) {
      Pending p;
      p.row = result_.rows.size();
      result_.rows.push_back(FileReport{unit.name, "", FileOutcome::kFailed, "", unit.pages, {}, ""});
      p.unit = std::move(unit);
      Status identified = Identify(p);
      if (!identified.ok()) {
        Finish(p, FileOutcome::kFailed, identified.message());
        continue;
      }
      if (AlreadyDone(p)) continue;
      if (p.unit.kind == UnitKind::kUnreadable) {
        Quarantine(p, p.unit.error.message());
      } else if (p.unit.kind == UnitKind::kText) {
        Result<std::string> text = ReadText(p.unit.files.front());
        if (!text.ok()) {
          Quarantine(p, text.status().message());
        } else {
          Store(p, *text, 0, "", {});
        }
      } else if (p.unit.kind == UnitKind::kTextPdf) {
        Result<std::string> text = ocr::PdfTextLayer(p.unit.files.front());
        if (!text.ok()) {
          Quarantine(p, text.status().message());
        } else {
          Store(p, *text, p.unit.pages, "", {});
        }
      } else {
        scans.push_back(std::move(p));
      }
      if (stopped_) break;
    }
    if (!stopped_ && !scans.empty()) THADS_RETURN_IF_ERROR(RecognizeScans(scans));
    progress_->Finish();
    THADS_RETURN_IF_ERROR(WriteReports());
    result_.stopped_early = stopped_;
    return std::move(result_);
  }

  // ---- OCR of the scanned judgments (PageConsumer) ----------------------------

  void JobStarted(int, long) override {}

  void FileStarted(int file, const std::string&, int) override {
    const auto [unit, first] = file_unit_.at(static_cast<std::size_t>(file));
    if (first) {
      current_ = unit;
      text_.clear();
      notes_.clear();
      pages_ = 0;
      unit_error_ = Status::Ok();
      pdf_.reset();
    }
  }

  Status Page(ocr::PageResult&& page) override {
    progress_->PageDone();
    for (std::string& w : page.warnings) notes_.push_back(std::move(w));
    if (!page.error.ok()) {
      if (unit_error_.ok()) unit_error_ = page.error;
      return Status::Ok();
    }
    if (!pdf_) {
      Result<render::PdfOptions> pdf_options = ocr::DefaultScanPdfOptions();
      if (!pdf_options.ok()) return pdf_options.status();
      pdf_options->deterministic = options_.deterministic;
      pdf_path_ = (work_dir_ / ("judgment-" + std::to_string(current_) + ".pdf")).string();
      Result<std::unique_ptr<ocr::SearchablePdf>> pdf =
          ocr::SearchablePdf::Create(pdf_path_, *pdf_options);
      if (!pdf.ok()) return pdf.status();
      pdf_ = std::move(pdf).value();
    }
    THADS_RETURN_IF_ERROR(pdf_->AddPage(page.picture, page.words));
    if (pages_++ > 0) text_ += '\f';
    text_ += page.words.Text();
    return Status::Ok();
  }

  void FileFinished(int file, const Status& error) override {
    if (!error.ok() && unit_error_.ok()) unit_error_ = error;
    const std::size_t f = static_cast<std::size_t>(file);
    if (f + 1 < file_unit_.size() && !file_unit_[f + 1].second) return;  // more pages follow
    Pending& p = (*scans_)[current_];
    if (!unit_error_.ok()) {
      pdf_.reset();
      Quarantine(p, unit_error_.message());
      return;
    }
    if (!pdf_) {
      Quarantine(p, "no page could be read");
      return;
    }
    render::PdfMetadata metadata;
    metadata.title = p.unit.name;
    metadata.keywords = "OCR";
    Status finished = pdf_->Finish(metadata);
    pdf_.reset();
    if (!finished.ok()) {
      Fail(p, finished.message());
      return;
    }
    Store(p, text_, pages_, pdf_path_, notes_);
    std::error_code ec;
    fs::remove(pdf_path_, ec);
  }

 private:
  Status RecognizeScans(std::vector<Pending>& scans) {
    work_dir_ = fs::temp_directory_path() / ("thads-batch-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::create_directories(work_dir_, ec);
    if (ec) return Status::IoError(work_dir_.string() + ": " + ec.message());
    std::unique_ptr<ocr::PostCorrector> corrector;
    if (options_.post_correct) {
      Result<std::unique_ptr<ocr::PostCorrector>> made = ocr::PostCorrector::Create({});
      if (!made.ok()) return made.status();
      corrector = std::move(made).value();
    }
    std::vector<std::string> files;
    for (std::size_t u = 0; u < scans.size(); ++u) {
      scans[u].recognized = true;
      for (std::size_t i = 0; i < scans[u].unit.files.size(); ++i) {
        files.push_back(scans[u].unit.files[i]);
        file_unit_.push_back({u, i == 0});
      }
    }
    scans_ = &scans;
    ocr::OcrJobOptions ocr;
    ocr.jobs = options_.jobs;
    ocr.post_corrector = corrector.get();
    Status run = ocr::RunOcr(files, ocr, *this);
    fs::remove_all(work_dir_, ec);
    if (stopped_ && run.code() == StatusCode::kOk) return Status::Ok();
    return stopped_ ? Status::Ok() : run;
  }

  // The judgment's hash, and for a folder the manifest that defines it.
  Status Identify(Pending& p) {
    if (p.unit.files.empty()) {  // an unreadable folder
      p.hash = archive::Sha256Hex("thads unreadable " + p.unit.name);
      return Status::Ok();
    }
    std::vector<archive::BlobHash> hashes;
    for (const std::string& f : p.unit.files) {
      Result<archive::BlobHash> h = archive::Sha256OfFile(f);
      if (!h.ok()) return h.status();
      hashes.push_back(*h);
    }
    if (p.unit.name.ends_with("/")) {
      p.manifest = FolderManifest(p.unit, hashes);
      p.hash = archive::Sha256Hex(p.manifest);
    } else {
      p.hash = hashes.front();
    }
    result_.rows[p.row].sha256 = p.hash;
    return Status::Ok();
  }

  bool AlreadyDone(const Pending& p) {
    Result<std::optional<archive::SourceRecord>> found = store_->FindSource(p.hash);
    if (!found.ok() || !found->has_value()) return false;
    const archive::SourceRecord& s = **found;
    FileReport& row = result_.rows[p.row];
    if (s.case_id) row.case_id = std::to_string(*s.case_id);
    if (s.state == archive::SourceState::kDone) {
      Finish(p, FileOutcome::kSkipped, "already in the archive" +
                                           (s.case_id ? " (case " + std::to_string(*s.case_id) + ")"
                                                      : std::string()));
      return true;
    }
    if (options_.retry_failed) return false;
    Finish(p, FileOutcome::kSkipped, "set aside by an earlier run: " + s.reason);
    return true;
  }

  // Keeps the bad file in the archive with its reason, for a person to see.
  void Quarantine(Pending& p, const std::string& reason) {
    Status kept = [&]() -> Status {
      Result<std::unique_ptr<archive::Transaction>> tx = store_->Begin();
      if (!tx.ok()) return tx.status();
      for (const std::string& f : p.unit.files) {
        Result<archive::BlobHash> blob = (*tx)->PutBlobFile(f);
        if (!blob.ok()) return blob.status();
      }
      if (!p.manifest.empty()) {
        Result<archive::BlobHash> blob = (*tx)->PutBlob(p.manifest);
        if (!blob.ok()) return blob.status();
      }
      archive::SourceRecord source;
      source.sha256 = p.hash;
      source.original_name = p.unit.name;
      source.page_count = p.unit.pages;
      source.state = archive::SourceState::kQuarantined;
      source.reason = reason;
      THADS_RETURN_IF_ERROR((*tx)->RecordSource(source));
      return (*tx)->Commit();
    }();
    Finish(p, FileOutcome::kFailed,
           kept.ok() ? reason : reason + " (and it could not be set aside: " + kept.message() + ")");
  }

  void Fail(Pending& p, const std::string& reason) { Finish(p, FileOutcome::kFailed, reason); }

  void Finish(const Pending& p, FileOutcome outcome, const std::string& reason) {
    FileReport& row = result_.rows[p.row];
    row.outcome = outcome;
    row.reason = reason;
    switch (outcome) {
      case FileOutcome::kDone: ++result_.done; break;
      case FileOutcome::kForReview: ++result_.for_review; break;
      case FileOutcome::kFailed: ++result_.failed; break;
      case FileOutcome::kSkipped: ++result_.skipped; break;
    }
    // Pages recognized in this run were counted one by one as they were read;
    // those of files done earlier are no work of this run.
    if (outcome == FileOutcome::kSkipped) progress_->SkipPages(p.unit.pages);
    const bool counted = p.recognized || outcome == FileOutcome::kSkipped;
    progress_->FileDone(row.path, counted ? 0 : p.unit.pages, outcome, reason);
    if (options_.after_commit && !options_.after_commit(row)) stopped_ = true;
  }

  // Reads the judgment and commits everything it gives in one transaction.
  void Store(Pending& p, const std::string& text, int pages, const std::string& pdf_path,
             const std::vector<std::string>& notes) {
    Result<model::ExtractionResult> read = extract::Extract(text, p.unit.name);
    if (!read.ok()) {
      Quarantine(p, read.status().message());
      return;
    }
    const model::ExtractionResult& judgment = *read;
    for (const model::Warning& w : judgment.warnings) {
      if (w.code == "not_a_judgment") {
        Quarantine(p, "not a judgment or court decision: " + w.message);
        return;
      }
    }
    if (!judgment.document.number) {
      Quarantine(p, "the judgment's number (số bản án) could not be read; check the scan");
      return;
    }
    FileReport& row = result_.rows[p.row];
    row.pages = pages;
    CaseOutcome outcome;
    Status committed = [&]() -> Status {
      Result<std::unique_ptr<archive::Transaction>> tx = store_->Begin();
      if (!tx.ok()) return tx.status();
      archive::Transaction& t = **tx;
      for (const std::string& f : p.unit.files) {
        Result<archive::BlobHash> blob = t.PutBlobFile(f);
        if (!blob.ok()) return blob.status();
      }
      if (!p.manifest.empty()) {
        Result<archive::BlobHash> blob = t.PutBlob(p.manifest);
        if (!blob.ok()) return blob.status();
      }
      archive::SourceRecord source;
      source.sha256 = p.hash;
      source.original_name = p.unit.name;
      source.page_count = pages;
      source.text = text;
      if (!pdf_path.empty()) {
        Result<archive::BlobHash> searchable = t.PutBlobFile(pdf_path);
        if (!searchable.ok()) return searchable.status();
        source.searchable_pdf = *searchable;
      }
      CaseFiling filing{judgment, p.unit.name, date_, *paperwork_};
      Result<CaseOutcome> filed = FileJudgment(t, filing);
      if (!filed.ok()) return filed.status();
      outcome = std::move(filed).value();
      source.case_id = outcome.case_id;
      THADS_RETURN_IF_ERROR(t.RecordSource(source));
      return t.Commit();
    }();
    if (!committed.ok()) {
      Fail(p, committed.message());
      return;
    }
    row.case_id = std::to_string(outcome.case_id);
    row.documents = outcome.documents;
    for (const std::string& u : outcome.uncovered) {
      result_.uncovered.push_back(p.unit.name + " (case " + row.case_id + "): " + u);
    }
    std::string reason = outcome.note;
    for (const std::string& n : notes) reason += (reason.empty() ? "" : "; ") + n;
    Finish(p, outcome.for_review ? FileOutcome::kForReview : FileOutcome::kDone, reason);
  }

  Status WriteReports() {
    std::string dir = options_.report_dir;
    if (dir.empty()) dir = archive::IsPostgresLocation(options_.store.location)
                               ? std::string(".")
                               : options_.store.location;
    std::error_code ec;
    fs::create_directories(dir, ec);
    result_.report_csv = (fs::path(dir) / "batch-report.csv").string();
    result_.report_json = (fs::path(dir) / "batch-report.json").string();
    for (const auto& [path, bytes] :
         {std::pair{result_.report_csv, ReportCsv(result_.rows)},
          std::pair{result_.report_json, ReportJson(result_.rows)}}) {
      const std::string tmp = path + ".part";
      {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << bytes;
        if (!out) return Status::IoError(path + ": the report cannot be written");
      }
      fs::rename(tmp, path, ec);
      if (ec) return Status::IoError(path + ": " + ec.message());
    }
    return Status::Ok();
  }

  const BatchOptions& options_;
  std::ostream& out_;
  std::unique_ptr<archive::Store> store_;
  std::unique_ptr<Paperwork> paperwork_;
  std::unique_ptr<Progress> progress_;
  text::Date date_;
  BatchResult result_;
  bool stopped_ = false;

  // OCR state: which unit each input file belongs to, and the unit being read.
  std::vector<Pending>* scans_ = nullptr;
  std::vector<std::pair<std::size_t, bool>> file_unit_;  // unit, first file of it
  std::size_t current_ = 0;
  fs::path work_dir_;
  std::unique_ptr<ocr::SearchablePdf> pdf_;
  std::string pdf_path_, text_;
  std::vector<std::string> notes_;
  int pages_ = 0;
  Status unit_error_;
};

}  // namespace

Result<BatchResult> RunBatch(const BatchOptions& options, std::ostream& progress) {
  if (options.jobs < 1 || options.jobs > 256) {
    return Status::Invalid("--jobs must be between 1 and 256");
  }
  BatchRun run(options, progress);
  return run.Run();
}

}  // namespace thads::pipeline
