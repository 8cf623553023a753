// `thads batch` (the main job) and the clerk's steps that follow it:
// `thads review`, `thads request`, `thads approve`.
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <set>

#include "cli/archive_access.h"
#include "cli/clerk_text.h"
#include "cli/command.h"
#include "model/json_io.h"
#include "ocr/ocr_job.h"
#include "pipeline/batch.h"
#include "pipeline/case_paperwork.h"
#include "text/dates.h"
#include "text/normalize.h"

namespace thads::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBatchUsage =
    "Usage: thads batch INPUT_DIR [--archive DIR] [--jobs N] [--retry-failed] [--date DATE]\n"
    "                  [--report DIR] [--no-correct]\n"
    "\n"
    "  INPUT_DIR        one judgment per file (scans: PNG, JPEG, TIFF, PDF; a PDF with text;\n"
    "                   a .txt) and per sub-folder (its page images, in name order)\n"
    "  --archive DIR    the archive (default ./thads-archive; or postgresql://...)\n"
    "  --jobs N         pages recognized at a time (default: one per core, at most 4)\n"
    "  --retry-failed   try again the files an earlier run set aside\n"
    "  --date DATE      the date the drafts carry (default today)\n"
    "  --report DIR     where batch-report.csv and .json go (default: the archive folder)\n"
    "\n"
    "Each judgment: OCR when scanned, read (court, parties, obligations), filed as a case,\n"
    "and, when nothing read is in doubt, its chủ động decisions and notices drafted. A\n"
    "judgment with warnings waits for `thads review`. Files already done are skipped, so\n"
    "a run that was stopped can simply be run again. Exit 1 when a file failed.\n"
    "\n"
    "Then:\n"
    "  thads review CASE [--accept | --correct FILE.json] [--archive DIR]\n"
    "  thads request CASE --creditor NAME --date DATE [--archive DIR]\n"
    "  thads approve DOC --by NAME [--officer NAME] [--date DATE] [--archive DIR]\n";

struct Options {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
};

// Every value option takes the next argument; flags stand alone. Returns an
// error line, or nothing.
std::optional<std::string> ParseArgs(const std::vector<std::string>& args,
                                     const std::set<std::string>& with_value,
                                     const std::set<std::string>& flags, Options& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (with_value.count(a) != 0) {
      if (i + 1 >= args.size()) return a + " needs a value";
      out.values[a] = args[++i];
    } else if (flags.count(a) != 0) {
      out.flags.insert(a);
    } else if (a.size() > 1 && a[0] == '-') {
      return "unknown option '" + a + "' (see thads batch --help)";
    } else {
      out.positional.push_back(a);
    }
  }
  return std::nullopt;
}

ExitCode Bad(Streams io, const std::string& command, const std::string& message) {
  io.err << "thads " << command << ": " << message << "\n";
  return ExitCode::kBadInput;
}

ExitCode Failed(Streams io, const std::string& command, const Status& s) {
  io.err << "thads " << command << ": " << s.message() << "\n";
  return s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kNotFound ||
                 s.code() == StatusCode::kAlreadyExists
             ? ExitCode::kBadInput
             : ExitCode::kFailure;
}

std::string Archive(const Options& o) {
  auto it = o.values.find("--archive");
  return it == o.values.end() ? std::string(kDefaultArchive) : it->second;
}

Result<text::Date> DateOption(const Options& o, const std::string& name) {
  auto it = o.values.find(name);
  if (it == o.values.end()) return text::TodayInVietnam();
  Result<text::Date> d = text::ParseDate(it->second);
  if (!d.ok()) return Status::Invalid(name + ": " + d.status().message());
  return d;
}

Result<std::unique_ptr<pipeline::Paperwork>> DefaultPaperwork() {
  return pipeline::Paperwork::Create();
}

void PrintOutcome(const pipeline::CaseOutcome& outcome, std::ostream& out) {
  for (const std::string& d : outcome.documents) out << "  văn bản " << d << "\n";
  for (const std::string& u : outcome.uncovered) out << "  chưa có quyết định: " << u << "\n";
  if (!outcome.note.empty()) out << "  " << outcome.note << "\n";
}

}  // namespace

ExitCode RunBatch(const std::vector<std::string>& args, Streams io) {
  Options o;
  if (auto bad = ParseArgs(args, {"--archive", "--jobs", "--date", "--report"},
                           {"--retry-failed", "--no-correct", "--help", "-h"}, o)) {
    return Bad(io, "batch", *bad);
  }
  if (o.flags.count("--help") || o.flags.count("-h")) {
    io.out << kBatchUsage;
    return ExitCode::kOk;
  }
  if (o.positional.size() != 1) {
    io.err << kBatchUsage;
    return ExitCode::kBadInput;
  }
  pipeline::BatchOptions options;
  options.input_dir = o.positional.front();
  options.store.location = Archive(o);
  options.store.actor = "thads batch";
  options.jobs = ocr::DefaultOcrJobs();
  if (auto it = o.values.find("--jobs"); it != o.values.end()) {
    const std::string& v = it->second;
    options.jobs = !v.empty() && v.size() <= 3 && v.find_first_not_of("0123456789") == std::string::npos
                       ? std::stoi(v)
                       : 0;
    if (options.jobs < 1 || options.jobs > 256) return Bad(io, "batch", "--jobs needs a number 1-256");
  }
  if (o.values.count("--date")) {
    Result<text::Date> d = DateOption(o, "--date");
    if (!d.ok()) return Bad(io, "batch", d.status().message());
    options.date = *d;
  }
  if (auto it = o.values.find("--report"); it != o.values.end()) options.report_dir = it->second;
  options.retry_failed = o.flags.count("--retry-failed") > 0;
  options.post_correct = o.flags.count("--no-correct") == 0;
  options.interactive = io.err_is_terminal;

  Result<pipeline::BatchResult> result = pipeline::RunBatch(options, io.err);
  if (!result.ok()) return Failed(io, "batch", result.status());
  const pipeline::BatchResult& r = *result;
  if (!r.uncovered.empty()) {
    io.out << "Nghĩa vụ chưa có quyết định thi hành án:\n";
    for (const std::string& u : r.uncovered) io.out << "  " << u << "\n";
  }
  io.out << "Archive: " << options.store.location << "\n"
         << "Report: " << r.report_csv << ", " << r.report_json << "\n";
  if (r.for_review > 0) io.out << "For review: thads review CASE --archive " << options.store.location << "\n";
  io.out << "Search it: thads search \"nguyen van\" --archive " << options.store.location << "\n";
  return r.failed > 0 ? ExitCode::kFailure : ExitCode::kOk;
}

ExitCode RunReview(const std::vector<std::string>& args, Streams io) {
  Options o;
  if (auto bad = ParseArgs(args, {"--archive", "--correct", "--date", "--note"}, {"--accept"}, o)) {
    return Bad(io, "review", *bad);
  }
  if (o.positional.size() != 1) {
    return Bad(io, "review", "usage: thads review CASE [--accept | --correct FILE.json]");
  }
  if (o.flags.count("--accept") && o.values.count("--correct")) {
    return Bad(io, "review", "--accept or --correct, not both");
  }
  Result<std::unique_ptr<archive::Store>> store = OpenArchive(Archive(o), false);
  if (!store.ok()) return Failed(io, "review", store.status());
  Result<std::int64_t> id = ResolveCase(**store, o.positional.front());
  if (!id.ok()) return Failed(io, "review", id.status());
  Result<archive::CaseRecord> record = (*store)->GetCase(*id);
  if (!record.ok()) return Failed(io, "review", record.status());
  Result<model::ExtractionResult> current = (*store)->CurrentExtraction(*id);
  if (!current.ok()) return Failed(io, "review", current.status());
  if (!o.flags.count("--accept") && !o.values.count("--correct")) {
    // Show what was read, for the clerk to check against the judgment.
    io.out << "#" << record->id << " — " << StatusName(record->status) << ", version "
           << record->current_version << "\n";
    PrintJudgment(*current, io.out);
    io.out << "\nConfirm: thads review " << record->id << " --accept\n"
           << "Correct: thads show " << record->id << " --json > case.json; edit; thads review "
           << record->id << " --correct case.json\n";
    return ExitCode::kOk;
  }
  std::optional<model::ExtractionResult> corrected;
  if (auto it = o.values.find("--correct"); it != o.values.end()) {
    std::ifstream in(it->second, std::ios::binary);
    if (!in) return Bad(io, "review", it->second + ": cannot be read");
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    Result<model::ExtractionResult> parsed = model::ParseExtractionJson(bytes, it->second);
    if (!parsed.ok()) return Bad(io, "review", parsed.status().message());
    corrected = std::move(parsed).value();
  }
  Result<text::Date> date = DateOption(o, "--date");
  if (!date.ok()) return Bad(io, "review", date.status().message());
  Result<std::unique_ptr<pipeline::Paperwork>> paperwork = DefaultPaperwork();
  if (!paperwork.ok()) return Failed(io, "review", paperwork.status());
  const std::string note = o.values.count("--note") ? o.values.at("--note") : "";
  Result<pipeline::CaseOutcome> outcome =
      pipeline::ConfirmCase(**store, *id, corrected, note, *date, **paperwork);
  if (!outcome.ok()) return Failed(io, "review", outcome.status());
  io.out << "#" << *id << (corrected ? " corrected (new version) and" : " confirmed and")
         << (outcome->for_review ? " still needs work:\n" : " its papers drafted:\n");
  PrintOutcome(*outcome, io.out);
  return ExitCode::kOk;
}

ExitCode RunRequest(const std::vector<std::string>& args, Streams io) {
  Options o;
  if (auto bad = ParseArgs(args, {"--archive", "--creditor", "--date", "--draft-date"}, {}, o)) {
    return Bad(io, "request", *bad);
  }
  if (o.positional.size() != 1 || !o.values.count("--creditor") || !o.values.count("--date")) {
    return Bad(io, "request", "usage: thads request CASE --creditor NAME --date DATE");
  }
  Result<text::Date> request_date = DateOption(o, "--date");
  if (!request_date.ok()) return Bad(io, "request", request_date.status().message());
  Result<text::Date> date = DateOption(o, "--draft-date");
  if (!date.ok()) return Bad(io, "request", date.status().message());
  Result<std::string> creditor = text::CleanText(o.values.at("--creditor"), "--creditor");
  if (!creditor.ok()) return Bad(io, "request", creditor.status().message());
  Result<std::unique_ptr<archive::Store>> store = OpenArchive(Archive(o), false);
  if (!store.ok()) return Failed(io, "request", store.status());
  Result<std::int64_t> id = ResolveCase(**store, o.positional.front());
  if (!id.ok()) return Failed(io, "request", id.status());
  Result<std::unique_ptr<pipeline::Paperwork>> paperwork = DefaultPaperwork();
  if (!paperwork.ok()) return Failed(io, "request", paperwork.status());
  Result<std::vector<std::int64_t>> docs = pipeline::DraftRequestedDecisions(
      **store, *id, *creditor, *request_date, *date, **paperwork);
  if (!docs.ok()) return Failed(io, "request", docs.status());
  for (std::int64_t d : *docs) {
    io.out << "văn bản " << d << ": Quyết định thi hành án theo yêu cầu (dự thảo); "
           << "approve: thads approve " << d << " --by NAME\n";
  }
  return ExitCode::kOk;
}

ExitCode RunApprove(const std::vector<std::string>& args, Streams io) {
  Options o;
  if (auto bad = ParseArgs(args, {"--archive", "--by", "--officer", "--date"}, {}, o)) {
    return Bad(io, "approve", *bad);
  }
  if (o.positional.size() != 1 || !o.values.count("--by")) {
    return Bad(io, "approve", "usage: thads approve DOC --by NAME [--officer NAME] [--date DATE]");
  }
  const std::string& doc = o.positional.front();
  if (doc.empty() || doc.size() > 18 || doc.find_first_not_of("0123456789") != std::string::npos) {
    return Bad(io, "approve", "DOC is a document number as thads lists it, e.g. 12 (not '" + doc + "')");
  }
  Result<std::string> by = text::CleanText(o.values.at("--by"), "--by");
  if (!by.ok() || by->empty()) return Bad(io, "approve", "--by needs the approving officer's name");
  pipeline::Approval approval;
  approval.by = *by;
  if (o.values.count("--officer")) {
    Result<std::string> officer = text::CleanText(o.values.at("--officer"), "--officer");
    if (!officer.ok()) return Bad(io, "approve", officer.status().message());
    approval.officer = *officer;
  }
  Result<text::Date> date = DateOption(o, "--date");
  if (!date.ok()) return Bad(io, "approve", date.status().message());
  approval.date = *date;
  archive::StoreOptions so;
  so.location = Archive(o);
  so.create_if_missing = false;
  so.actor = approval.by;
  Result<std::unique_ptr<archive::Store>> store = archive::Store::Open(so);
  if (!store.ok()) return Failed(io, "approve", store.status());
  Result<std::unique_ptr<pipeline::Paperwork>> paperwork = DefaultPaperwork();
  if (!paperwork.ok()) return Failed(io, "approve", paperwork.status());
  Result<archive::StoredDocument> approved =
      pipeline::ApproveDraft(**store, std::stoll(doc), approval, **paperwork);
  if (!approved.ok()) return Failed(io, "approve", approved.status());
  const model::GeneratedDocument& d = approved->document;
  io.out << d.kind << " số " << d.number.value_or(0) << "/" << d.symbol.value_or("") << " "
         << text::FormatNd30Date(approval.date) << " — " << d.subject << " (approved by "
         << approval.by << ")\n";
  return ExitCode::kOk;
}

}  // namespace thads::cli
