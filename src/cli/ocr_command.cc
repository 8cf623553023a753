// `thads ocr`: scanned judgments to searchable PDF/A with a text sidecar and
// per-word boxes and confidences.
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>

#include "cli/command.h"
#include "ocr/ocr_job.h"
#include "ocr/pdf_rasterizer.h"
#include "ocr/searchable_pdf.h"
#include "ocr/words_json.h"
#include "render/pdf_writer.h"
#include "pipeline/progress.h"

namespace thads::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kOcrUsage =
    "Usage: thads ocr INPUT... -o OUT.pdf [--text OUT.txt] [--words OUT.json] [options]\n"
    "       thads ocr INPUT... -o OUT_DIR/\n"
    "\n"
    "  INPUT              scanned pages: PNG, JPEG, TIFF (every page), PDF\n"
    "  -o OUT.pdf         one searchable PDF/A of all inputs, in the order given\n"
    "  -o OUT_DIR/        one searchable PDF per input (NAME.pdf, NAME.txt and\n"
    "                     NAME.words.json), for a folder of separate judgments\n"
    "  --text OUT.txt     the recognized text, pages separated by form feeds\n"
    "  --words OUT.json   every word with its box and confidence\n"
    "  --jobs N           recognize N pages at a time (default 1; one per core)\n"
    "  --force-ocr        recognize PDF pages that already carry text (default: keep it)\n"
    "  --dpi N            images: the resolution when the file's is missing or wrong;\n"
    "                     PDFs: the resolution pages are rendered at (default 300)\n"
    "  --no-preprocess    no cleaning, orientation or deskew\n"
    "  --no-correct       no Vietnamese post-correction (each change it makes is listed\n"
    "                     in the words file)\n"
    "  --lang MODELS      Tesseract models, e.g. vie or vie+Vietnamese (default vie)\n"
    "\n"
    "A file that cannot be read is reported and skipped; the others go on (exit 1).\n";

ExitCode Fail(Streams io, const std::string& message) {
  io.err << "thads ocr: " << message << "\n";
  return ExitCode::kBadInput;
}

bool IsDirectoryTarget(const std::string& path) {
  std::error_code ec;
  return (!path.empty() && path.back() == '/') || fs::is_directory(path, ec);
}

// One searchable PDF with its text and words sidecars.
struct OutputSet {
  std::unique_ptr<ocr::SearchablePdf> pdf;
  std::string pdf_path, text_path, words_path;
  std::string text_temp, words_temp;
  std::ofstream text, words_file;
  std::unique_ptr<ocr::WordsJsonWriter> words;
  int pages = 0;
  bool finished = false;

  ~OutputSet() {
    if (!finished) Abandon();
  }

  Status Open(const render::PdfOptions& pdf_options) {
    Result<std::unique_ptr<ocr::SearchablePdf>> made =
        ocr::SearchablePdf::Create(pdf_path, pdf_options);
    if (!made.ok()) return made.status();
    pdf = std::move(made).value();
    if (!text_path.empty()) {
      text_temp = text_path + ".part";
      text.open(text_temp, std::ios::binary | std::ios::trunc);
      if (!text) return Status::IoError(text_path + ": cannot be written");
    }
    if (!words_path.empty()) {
      words_temp = words_path + ".part";
      words_file.open(words_temp, std::ios::binary | std::ios::trunc);
      if (!words_file) return Status::IoError(words_path + ": cannot be written");
      words = std::make_unique<ocr::WordsJsonWriter>(words_file);
    }
    return Status::Ok();
  }

  Status Add(const ocr::PageResult& page, const std::string& source) {
    THADS_RETURN_IF_ERROR(pdf->AddPage(page.picture, page.words));
    if (text.is_open()) {
      if (pages > 0) text << '\f';
      text << page.words.Text();
    }
    if (words) words->Page(page.words, source, page.page + 1, page.corrections);
    ++pages;
    return Status::Ok();
  }

  Status Finish(const std::string& title) {
    render::PdfMetadata metadata;
    metadata.title = title;
    metadata.keywords = "OCR";
    THADS_RETURN_IF_ERROR(pdf->Finish(metadata));
    std::error_code ec;
    if (text.is_open()) {
      text.close();
      if (!text) return Status::IoError(text_path + ": could not be written in full");
      fs::rename(text_temp, text_path, ec);
      if (ec) return Status::IoError(text_path + ": " + ec.message());
    }
    if (words) {
      words->End();
      words_file.close();
      if (!words_file) return Status::IoError(words_path + ": could not be written in full");
      fs::rename(words_temp, words_path, ec);
      if (ec) return Status::IoError(words_path + ": " + ec.message());
    }
    finished = true;
    return Status::Ok();
  }

  // Drops what was written of an output that will not be finished.
  void Abandon() {
    pdf.reset();  // removes its temporary file
    std::error_code ec;
    if (text.is_open()) {
      text.close();
      fs::remove(text_temp, ec);
    }
    if (words) {
      words_file.close();
      fs::remove(words_temp, ec);
    }
  }
};

class OcrConsumer final : public ocr::PageConsumer {
 public:
  OcrConsumer(Streams io, const render::PdfOptions& pdf_options, pipeline::Progress& progress,
              std::string out, std::string text, std::string words, bool per_file)
      : io_(io),
        pdf_options_(pdf_options),
        progress_(progress),
        out_(std::move(out)),
        text_(std::move(text)),
        words_(std::move(words)),
        per_file_(per_file) {}

  void JobStarted(int /*files*/, long pages) override { progress_.SetTotalPages(pages); }

  void FileStarted(int /*file*/, const std::string& path, int /*pages*/) override {
    path_ = path;
    file_pages_ = 0;
    file_failures_ = 0;
    file_note_.clear();
  }

  Status Page(ocr::PageResult&& page) override {
    progress_.PageDone();
    for (const std::string& w : page.warnings) Note(w);
    if (!page.error.ok()) {
      ++file_failures_;
      Note(page.error.message());
      return Status::Ok();
    }
    if (!set_) {
      set_ = std::make_unique<OutputSet>();
      if (per_file_) {
        const std::string stem = fs::path(path_).stem().string();
        set_->pdf_path = (fs::path(out_) / (stem + ".pdf")).string();
        set_->text_path = (fs::path(out_) / (stem + ".txt")).string();
        set_->words_path = (fs::path(out_) / (stem + ".words.json")).string();
      } else {
        set_->pdf_path = out_;
        set_->text_path = text_;
        set_->words_path = words_;
      }
      Status opened = set_->Open(pdf_options_);
      if (!opened.ok()) {
        set_.reset();
        return opened;  // an output that cannot be written stops the job
      }
    }
    ++file_pages_;
    return set_->Add(page, fs::path(path_).filename().string());
  }

  void FileFinished(int /*file*/, const Status& error) override {
    if (!error.ok()) {
      ++failed_files_;
      progress_.FileDone(path_, 0, pipeline::FileOutcome::kFailed, error.message());
      return;
    }
    if (per_file_) Complete(fs::path(path_).stem().string());
    if (file_failures_ > 0) ++failed_files_;
    progress_.FileDone(path_, file_pages_,
                       file_failures_ > 0 ? pipeline::FileOutcome::kFailed
                                          : pipeline::FileOutcome::kDone,
                       file_note_);
  }

  // The single output of a non-per-file run.
  void FinishAll() {
    if (!per_file_) Complete(fs::path(out_).stem().string());
  }

  int failed_files() const { return failed_files_; }
  bool output_failed() const { return output_failed_; }
  std::vector<std::string> written;

 private:
  void Note(const std::string& message) {
    if (!file_note_.empty()) file_note_ += "; ";
    file_note_ += message;
  }

  void Complete(const std::string& title) {
    if (!set_) return;  // nothing readable: no output
    Status finished = set_->Finish(title);
    if (finished.ok()) {
      written.push_back(set_->pdf_path + " (" + std::to_string(set_->pages) +
                        (set_->pages == 1 ? " page)" : " pages)"));
      if (set_->pdf->replaced_characters() > 0) {
        io_.err << "thads ocr: " << set_->pdf_path << ": "
                << set_->pdf->replaced_characters()
                << " recognized characters the font cannot show are '?' in the text layer\n";
      }
    } else {
      output_failed_ = true;
      set_->Abandon();
      io_.err << "thads ocr: " << finished.message() << "\n";
    }
    set_.reset();
  }

  Streams io_;
  const render::PdfOptions& pdf_options_;
  pipeline::Progress& progress_;
  const std::string out_, text_, words_;
  const bool per_file_;
  std::unique_ptr<OutputSet> set_;
  std::string path_, file_note_;
  int file_pages_ = 0, file_failures_ = 0, failed_files_ = 0;
  bool output_failed_ = false;
};

int ParseCount(const std::string& value, int low, int high) {
  try {
    std::size_t used = 0;
    const int n = std::stoi(value, &used);
    return used == value.size() && n >= low && n <= high ? n : -1;
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace

ExitCode RunOcr(const std::vector<std::string>& args, Streams io) {
  ocr::OcrJobOptions options;
  std::vector<std::string> inputs;
  std::string out, text, words;
  bool correct = true;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--help" || a == "-h") {
      io.out << kOcrUsage;
      return ExitCode::kOk;
    } else if ((a == "-o" || a == "--output") && has_value) {
      out = args[++i];
    } else if (a == "--text" && has_value) {
      text = args[++i];
    } else if (a == "--words" && has_value) {
      words = args[++i];
    } else if (a == "--jobs" && has_value) {
      options.jobs = ParseCount(args[++i], 1, 256);
      if (options.jobs < 0) return Fail(io, "--jobs needs a number 1-256");
    } else if (a == "--dpi" && has_value) {
      options.dpi = ParseCount(args[++i], ocr::kMinRasterDpi, ocr::kMaxRasterDpi);
      if (options.dpi < 0) {
        return Fail(io, "--dpi needs a number " + std::to_string(ocr::kMinRasterDpi) + "-" +
                            std::to_string(ocr::kMaxRasterDpi));
      }
    } else if (a == "--force-ocr") {
      options.force_ocr = true;
    } else if (a == "--no-preprocess") {
      options.preprocess = false;
    } else if (a == "--no-correct") {
      correct = false;
    } else if (a == "--lang" && has_value) {
      options.engine.languages = args[++i];
    } else if (a.rfind("-", 0) == 0) {
      return Fail(io, "unknown or incomplete option '" + a + "' (see thads ocr --help)");
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty() || out.empty()) {
    io.err << kOcrUsage;
    return ExitCode::kBadInput;
  }
  const bool per_file = IsDirectoryTarget(out);
  if (per_file) {
    if (!text.empty() || !words.empty()) {
      return Fail(io, "--text and --words name one file; with an output folder each input "
                      "gets NAME.txt and NAME.words.json there");
    }
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) return Fail(io, out + ": the output folder cannot be made: " + ec.message());
  }
  Result<render::PdfOptions> pdf_options = ocr::DefaultScanPdfOptions();
  if (!pdf_options.ok()) {
    io.err << "thads ocr: " << pdf_options.status().message() << "\n";
    return ExitCode::kFailure;
  }

  std::unique_ptr<ocr::PostCorrector> corrector;
  if (correct) {
    Result<std::unique_ptr<ocr::PostCorrector>> made = ocr::PostCorrector::Create({});
    if (!made.ok()) {
      io.err << "thads ocr: " << made.status().message() << "\n";
      return ExitCode::kFailure;
    }
    corrector = std::move(made).value();
    options.post_corrector = corrector.get();
  }
  pipeline::Progress progress(io.err, io.err_is_terminal, static_cast<int>(inputs.size()));
  OcrConsumer consumer(io, *pdf_options, progress, out, text, words, per_file);
  const Status run = ocr::RunOcr(inputs, options, consumer);
  if (run.ok()) consumer.FinishAll();
  progress.Finish();
  for (const std::string& w : consumer.written) io.err << "wrote " << w << "\n";
  if (!run.ok()) {
    io.err << "thads ocr: " << run.message() << "\n";
    return ExitCode::kFailure;
  }
  if (consumer.written.empty()) {
    io.err << "thads ocr: no page could be read; nothing written\n";
    return ExitCode::kFailure;
  }
  return consumer.failed_files() > 0 || consumer.output_failed() ? ExitCode::kFailure
                                                                  : ExitCode::kOk;
}

}  // namespace thads::cli
