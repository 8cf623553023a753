// `thads extract`: read a judgment's text into the extraction result, or measure
// extraction against a labelled corpus.
#include <filesystem>
#include <fstream>
#include <ostream>

#include "cli/command.h"
#include "cli/clerk_text.h"
#include "extract/evaluation.h"
#include "extract/extractor.h"
#include "model/json_io.h"
#include "ocr/ocr_job.h"
#include "ocr/pdf_rasterizer.h"
#include "text/dates.h"
#include "text/money.h"
#include "text/normalize.h"

namespace thads::cli {
namespace {

constexpr const char* kExtractUsage =
    "Usage: thads extract FILE [--json] [--jobs N]\n"
    "       thads extract --eval GOLD_DIR [--text-dir DIR] [--verbose]\n"
    "\n"
    "  FILE                 a judgment or court decision: UTF-8 text, a PDF (its text\n"
    "                       layer, or OCR when pages are scans) or a scanned image (PNG,\n"
    "                       JPEG, TIFF: OCR first); prints a summary for the clerk, or\n"
    "                       with --json the extraction result (extraction-schema.md)\n"
    "  --jobs N             pages recognized at a time when OCR is needed\n"
    "  --eval GOLD_DIR      precision, recall and F1 of parties and obligations against\n"
    "                       the cases NAME.txt + NAME.expected.json in GOLD_DIR\n"
    "  --text-dir DIR       with --eval: read each case's text from DIR/NAME.txt instead\n"
    "                       (OCR output of scans)\n"
    "  --verbose            with --eval: list every difference\n";

constexpr std::uintmax_t kMaxInputFileBytes = 64 * 1024 * 1024;

ExitCode Fail(Streams io, const std::string& message) {
  io.err << "thads extract: " << message << "\n";
  return ExitCode::kBadInput;
}

// A judgment as text: a .txt file as it is; a PDF through its text layer when
// every page has one (a court's electronic copy), else through OCR; an image
// (PNG, JPEG, TIFF) through OCR. Pages are separated by form feeds.
Result<std::string> ReadJudgmentText(const std::string& path, int jobs,
                                     std::vector<std::string>* warnings) {
  Result<std::string> kind = ocr::DetectInputKind(path);
  if (kind.ok() && *kind == "pdf") {
    Result<std::string> text = ocr::PdfTextLayer(path);
    if (text.ok() || text.status().code() != StatusCode::kUnsupported) return text;
  }
  if (kind.ok()) {  // a scan: recognize it first
    Result<std::unique_ptr<ocr::PostCorrector>> corrector = ocr::PostCorrector::Create({});
    if (!corrector.ok()) return corrector.status();
    ocr::OcrJobOptions options;
    options.jobs = jobs;
    options.post_corrector = corrector->get();
    return ocr::RecognizeText({path}, options, warnings);
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::IoError(path + ": cannot read: " + ec.message());
  if (size > kMaxInputFileBytes) {
    return Status::Invalid(path + ": " + std::to_string(size / (1024 * 1024)) +
                           " MB is too large for one judgment");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  std::string data(static_cast<std::size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<std::size_t>(in.gcount()));
  return data;
}

ExitCode Evaluate(const std::vector<std::string>& args, Streams io) {
  std::string gold;
  std::string texts;
  bool verbose = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--eval" || args[i] == "--text-dir") {
      if (i + 1 >= args.size()) return Fail(io, args[i] + " needs a folder");
      (args[i] == "--eval" ? gold : texts) = args[i + 1];
      ++i;
    } else if (args[i] == "--verbose") {
      verbose = true;
    } else {
      return Fail(io, "unexpected argument '" + args[i] + "' (see thads extract --help)");
    }
  }
  if (gold.empty()) return Fail(io, "--eval needs a folder");
  auto report = extract::EvaluateCorpus(gold, texts.empty() ? gold : texts);
  if (!report.ok()) return Fail(io, report.status().message());
  io.out << extract::FormatReport(*report, verbose);
  return ExitCode::kOk;
}

}  // namespace

ExitCode RunExtract(const std::vector<std::string>& args, Streams io) {
  if (args.empty()) {
    io.err << kExtractUsage;
    return ExitCode::kBadInput;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    io.out << kExtractUsage;
    return ExitCode::kOk;
  }
  for (const std::string& a : args) {
    if (a == "--eval") return Evaluate(args, io);
  }
  std::string file;
  bool json = false;
  int jobs = ocr::DefaultOcrJobs();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--jobs" && i + 1 < args.size()) {
      const std::string& v = args[++i];
      jobs = v.size() <= 3 && !v.empty() &&
                     v.find_first_not_of("0123456789") == std::string::npos
                 ? std::stoi(v)
                 : 0;
      if (jobs < 1 || jobs > 256) return Fail(io, "--jobs needs a number 1-256");
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return Fail(io, "unknown option '" + a + "' (see thads extract --help)");
    } else if (file.empty()) {
      file = a;
    } else {
      return Fail(io, "one FILE at a time ('" + a + "' is extra)");
    }
  }
  if (file.empty()) return Fail(io, "no FILE given (see thads extract --help)");
  std::vector<std::string> ocr_warnings;
  auto bytes = ReadJudgmentText(file, jobs, &ocr_warnings);
  for (const std::string& w : ocr_warnings) io.err << "thads extract: " << w << "\n";
  if (!bytes.ok()) {
    io.err << "thads extract: " << bytes.status().message() << "\n";
    return bytes.status().code() == StatusCode::kIoError ? ExitCode::kFailure : ExitCode::kBadInput;
  }
  auto result = extract::Extract(*bytes, file);
  if (!result.ok()) return Fail(io, result.status().message());
  if (json) {
    io.out << model::ToJson(*result);
  } else {
    PrintJudgment(*result, io.out);
  }
  return ExitCode::kOk;
}

}  // namespace thads::cli
