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
#include "ocr/pdf_rasterizer.h"
#include "text/dates.h"
#include "text/money.h"
#include "text/normalize.h"

namespace thads::cli {
namespace {

constexpr const char* kExtractUsage =
    "Usage: thads extract FILE [--json]\n"
    "       thads extract --eval GOLD_DIR [--text-dir DIR] [--verbose]\n"
    "\n"
    "  FILE                 a judgment or court decision as UTF-8 text (.txt); prints a\n"
    "                       summary for the clerk, or with --json the extraction result\n"
    "                       (../shared/docs/extraction-schema.md)\n"
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

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// What the file's extension says about how to read it. PDFs and images need OCR,
// which is routed here once that stage exists: this is the one place to change.
// A PDF that carries text (a court's own electronic copy, or a scan already
// OCR'd): its pages' text layers, pages separated by form feeds.
Result<std::string> ReadPdfTextLayer(const std::string& path) {
  Result<std::unique_ptr<ocr::PdfDocument>> pdf = ocr::PdfDocument::Open(path);
  if (!pdf.ok()) return pdf.status();
  std::string text;
  const ocr::PdfInfo& info = (*pdf)->info();
  for (int i = 0; i < info.page_count; ++i) {
    if (!info.pages.at(static_cast<std::size_t>(i)).has_text) {
      return Status::Error(StatusCode::kUnsupported,
                           path + ": page " + std::to_string(i + 1) +
                               " is a scanned image without text; OCR it first");
    }
    Result<std::string> page = (*pdf)->PageText(i);
    if (!page.ok()) return page.status();
    if (i > 0) text += '\f';
    text += *page;
  }
  return text;
}

Result<std::string> ReadJudgmentText(const std::string& path) {
  const std::string ext = Lower(std::filesystem::path(path).extension().string());
  if (ext == ".pdf") return ReadPdfTextLayer(path);
  for (const char* image : {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pgm",
                            ".pnm", ".ppm", ".gif", ".webp"}) {
    if (ext == image) {
      return Status::Error(StatusCode::kUnsupported,
                           path + ": " + ext.substr(1) +
                               " files are not supported yet (they need OCR); give the "
                               "judgment's text as a .txt file");
    }
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
  for (const std::string& a : args) {
    if (a == "--json") {
      json = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return Fail(io, "unknown option '" + a + "' (see thads extract --help)");
    } else if (file.empty()) {
      file = a;
    } else {
      return Fail(io, "one FILE at a time ('" + a + "' is extra)");
    }
  }
  if (file.empty()) return Fail(io, "no FILE given (see thads extract --help)");
  auto bytes = ReadJudgmentText(file);
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
