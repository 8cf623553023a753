#include "ocr/ocr_job.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "ocr/image_io.h"
#include "ocr/pdf_rasterizer.h"
#include "ocr/pdf_scan_resolution.h"

namespace thads::ocr {
namespace {

// Pages recognized but not yet delivered, per worker: bounds memory while a
// slow page holds up delivery in order.
constexpr int kPagesAheadPerWorker = 2;
// Scans finer than this are rendered at kPdfRenderDpi instead: the engine
// reads no better, and slower.
constexpr int kMaxNativeRenderDpi = 400;
// A page whose recognized text has fewer letters than this is reported blank.
constexpr int kMinLettersOnAPage = 3;

struct InputFile {
  std::string path;
  std::string kind;  // "pdf", "png", "jpeg", "tiff"
  int pages = 0;
  Status error;
  std::vector<bool> has_text;  // PDFs: which pages carry a text layer
  std::vector<int> scan_dpi;   // PDFs: each page's picture resolution, 0 if unknown
};

struct Task {
  int sequence = 0;  // delivery order over all pages of all files
  int file = 0;
  int page = 0;
};

int CountLetters(const OcrPage& page) {
  int letters = 0;
  for (const OcrWord& w : page.words) {
    for (unsigned char c : w.text) {
      // ASCII letters and digits, and the lead byte of every multi-byte character.
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
          c >= 0xC0)
        ++letters;
    }
  }
  return letters;
}

InputFile Inspect(const std::string& path) {
  InputFile file;
  file.path = path;
  Result<std::string> kind = DetectInputKind(path);
  if (!kind.ok()) {
    file.error = kind.status();
    return file;
  }
  file.kind = *kind;
  if (file.kind == "pdf") {
    Result<PdfInfo> info = InspectPdf(path);
    if (!info.ok()) {
      file.error = info.status();
      return file;
    }
    file.pages = info->page_count;
    for (const PdfPageInfo& p : info->pages) file.has_text.push_back(p.has_text);
    file.scan_dpi = ScannedPageDpi(path);
    return file;
  }
  Result<ImageFileInfo> info = InspectImageFile(path);
  if (!info.ok()) {
    file.error = info.status();
    return file;
  }
  file.pages = static_cast<int>(info->pages.size());
  if (file.pages == 0) file.error = Status::Invalid(path + ": the image holds no page");
  return file;
}

// Everything one worker does to one page.
class PageWorker {
 public:
  PageWorker(const OcrJobOptions& options, std::unique_ptr<OcrEngine> engine)
      : options_(options), engine_(std::move(engine)) {}

  PageResult Run(const InputFile& file, const Task& task) {
    const auto start = std::chrono::steady_clock::now();
    PageResult result;
    result.file = task.file;
    result.page = task.page;
    const std::string what = file.path + ", page " + std::to_string(task.page + 1);
    Status status = Process(file, task.page, what, result);
    if (!status.ok()) {
      result.error = status;
      result.words = OcrPage{};
      result.picture = PagePicture{};
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  }

 private:
  Status Process(const InputFile& file, int page, const std::string& what, PageResult& out) {
    Image image;
    if (file.kind == "pdf") {
      if (pdf_path_ != file.path) {  // a worker keeps the last PDF it read open
        pdf_.reset();
        Result<std::unique_ptr<PdfDocument>> doc = PdfDocument::Open(file.path);
        if (!doc.ok()) return doc.status();
        pdf_ = std::move(doc).value();
        pdf_path_ = file.path;
      }
      const int dpi = RenderDpi(file, page);
      const bool has_text = static_cast<std::size_t>(page) < file.has_text.size() &&
                            file.has_text[static_cast<std::size_t>(page)];
      if (has_text && !options_.force_ocr) {
        Result<OcrPage> words = pdf_->PageWords(page, dpi);
        if (!words.ok()) return words.status();
        out.source = PageSource::kTextLayer;
        out.words = std::move(words).value();
        if (!options_.keep_pictures) return Status::Ok();
        Result<Image> rendered = pdf_->RasterizePage(page, dpi);
        if (!rendered.ok()) return rendered.status();
        return Picture(*rendered, out);
      }
      Result<Image> rendered = pdf_->RasterizePage(page, dpi);
      if (!rendered.ok()) return rendered.status();
      image = std::move(rendered).value();
    } else {
      Result<Image> read = ReadImagePage(file.path, page);
      if (!read.ok()) return read.status();
      image = std::move(read).value();
      if (options_.dpi > 0) image.dpi = options_.dpi;
      if (image.dpi <= 0) {
        image.dpi = kDefaultDpi;
        out.warnings.push_back(what + ": the file gives no resolution; taken as " +
                               std::to_string(kDefaultDpi) + " dpi");
      }
    }
    // A black-and-white scan (a fax, a scanner's text mode) keeps its two colours
    // in the PDF, G4-coded: smaller than JPEG and without its smudges.
    const bool black_and_white = IsBlackAndWhite(image);
    Image seen;  // the page as a person sees it, when that is not what is read
    if (options_.preprocess) {
      Result<Image> clean = Preprocess(image, options_.preprocess_options, &out.preprocess,
                                       engine_.get(), options_.keep_pictures ? &seen : nullptr);
      if (!clean.ok()) return clean.status().WithContext(what);
      image = std::move(clean).value();
      if (!out.preprocess.orientation_note.empty() && out.preprocess.rotated_degrees == 0 &&
          out.preprocess.orientation_note.find("too little text") == std::string::npos) {
        out.warnings.push_back(what + ": " + out.preprocess.orientation_note);
      }
    }
    Result<OcrPage> words = engine_->Recognize(image);
    if (!words.ok()) return words.status().WithContext(what);
    out.source = PageSource::kRecognized;
    out.words = std::move(words).value();
    if (options_.post_corrector != nullptr) {
      out.corrections = options_.post_corrector->Correct(out.words);
    }
    if (CountLetters(out.words) < kMinLettersOnAPage) {
      out.warnings.push_back(what + ": no text found (a blank page?)");
    }
    return Picture(seen.empty() ? image : seen, out, black_and_white);
  }

  // A scanned page is rendered at the resolution it was scanned at (up to
  // kMaxNativeRenderDpi), other pages at kPdfRenderDpi; --dpi overrides both.
  int RenderDpi(const InputFile& file, int page) const {
    if (options_.dpi > 0) return options_.dpi;
    const std::size_t p = static_cast<std::size_t>(page);
    const int native = p < file.scan_dpi.size() ? file.scan_dpi[p] : 0;
    return native >= kMinRasterDpi && native <= kMaxNativeRenderDpi ? native : kPdfRenderDpi;
  }

  // `black_and_white`: the page was scanned so, and its picture (grey after
  // straightening) goes back to black and white.
  Status Picture(const Image& image, PageResult& out, bool black_and_white = false) {
    if (!options_.keep_pictures) return Status::Ok();
    render::PdfImage& picture = out.picture.image;
    const bool g4 = black_and_white && image.channels == 1;
    Result<std::string> coded = g4 ? EncodeG4(image) : EncodeJpeg(image, options_.jpeg_quality);
    if (!coded.ok()) return coded.status();
    picture.data = std::move(coded).value();
    picture.coding = g4 ? render::ImageCoding::kCcittG4 : render::ImageCoding::kJpeg;
    picture.width = image.width;
    picture.height = image.height;
    picture.components = image.channels;
    out.picture.dpi = image.dpi > 0 ? image.dpi : kDefaultDpi;
    return Status::Ok();
  }

  const OcrJobOptions& options_;
  std::unique_ptr<OcrEngine> engine_;
  std::unique_ptr<PdfDocument> pdf_;
  std::string pdf_path_;
};

// The shared state of one run: tasks handed out in order, results collected
// until the consumer's thread delivers them in order.
class Scheduler {
 public:
  Scheduler(std::vector<Task> tasks, int window) : tasks_(std::move(tasks)), window_(window) {}

  // The next task for a worker, waiting while too many results are pending.
  std::optional<Task> Next() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] {
      return stop_ || next_task_ >= tasks_.size() ||
             static_cast<int>(tasks_[next_task_].sequence) < delivered_ + window_;
    });
    if (stop_ || next_task_ >= tasks_.size()) return std::nullopt;
    return tasks_[next_task_++];
  }

  void Done(int sequence, PageResult result) {
    std::lock_guard<std::mutex> lock(mutex_);
    results_.emplace(sequence, std::move(result));
    changed_.notify_all();
  }

  // The result of `sequence`, waiting for it; nullopt if the run was stopped.
  std::optional<PageResult> Take(int sequence) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return stop_ || results_.count(sequence) > 0; });
    if (results_.count(sequence) == 0) return std::nullopt;
    PageResult out = std::move(results_.at(sequence));
    results_.erase(sequence);
    delivered_ = sequence + 1;
    changed_.notify_all();
    return out;
  }

  void Stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Task> tasks_;
  std::size_t next_task_ = 0;
  std::map<int, PageResult> results_;
  int delivered_ = 0;
  const int window_;
  bool stop_ = false;
};

}  // namespace

Result<std::string> DetectInputKind(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": file not found or not readable");
  char head[8] = {};
  in.read(head, sizeof head);
  const std::streamsize n = in.gcount();
  if (n == 0) return Status::Invalid(path + ": the file is empty (0 bytes)");
  const auto starts = [&](std::string_view magic) {
    return static_cast<std::size_t>(n) >= magic.size() &&
           std::string_view(head, magic.size()) == magic;
  };
  if (starts("%PDF")) return std::string("pdf");
  if (starts("\x89PNG")) return std::string("png");
  if (starts("\xFF\xD8\xFF")) return std::string("jpeg");
  if (starts("II*\0") || starts("MM\0*")) return std::string("tiff");
  // Some PDFs carry junk before the header; PDF readers accept up to 1 KB of it.
  std::string first(1024, '\0');
  in.clear();
  in.seekg(0);
  in.read(first.data(), static_cast<std::streamsize>(first.size()));
  first.resize(static_cast<std::size_t>(in.gcount()));
  if (first.find("%PDF-") != std::string::npos) return std::string("pdf");
  return Status::Error(StatusCode::kUnsupported,
                       path + ": not a scan this program reads (PNG, JPEG, TIFF or PDF)");
}

Status RunOcr(const std::vector<std::string>& inputs, const OcrJobOptions& options,
              PageConsumer& consumer) {
  if (options.jobs < 1 || options.jobs > 256) {
    return Status::Invalid("--jobs must be between 1 and 256, not " +
                           std::to_string(options.jobs));
  }
  if (options.dpi != 0 && (options.dpi < kMinRasterDpi || options.dpi > kMaxRasterDpi)) {
    return Status::Invalid("--dpi must be between " + std::to_string(kMinRasterDpi) + " and " +
                           std::to_string(kMaxRasterDpi));
  }
  // Headers only: cheap, and it tells how many pages there are to share out.
  std::vector<InputFile> files;
  files.reserve(inputs.size());
  std::vector<Task> tasks;
  for (std::size_t f = 0; f < inputs.size(); ++f) {
    files.push_back(Inspect(inputs[f]));
    for (int p = 0; p < files.back().pages && files.back().error.ok(); ++p) {
      tasks.push_back(Task{static_cast<int>(tasks.size()), static_cast<int>(f), p});
    }
  }
  const int workers =
      std::max(1, std::min(options.jobs, static_cast<int>(std::max<std::size_t>(1, tasks.size()))));

  // Engines are made before any page is handed out, so a missing model stops
  // the job at once instead of failing every page.
  std::vector<std::unique_ptr<OcrEngine>> engines(static_cast<std::size_t>(workers));
  if (!tasks.empty()) {
    std::vector<Status> made(engines.size());
    std::vector<std::thread> makers;
    for (std::size_t i = 0; i < engines.size(); ++i) {
      makers.emplace_back([&, i] {
        Result<std::unique_ptr<OcrEngine>> engine =
            options.engine_factory ? options.engine_factory(options.engine)
                                   : CreateTesseractEngine(options.engine);
        if (engine.ok()) {
          engines[i] = std::move(engine).value();
        } else {
          made[i] = engine.status();
        }
      });
    }
    for (std::thread& t : makers) t.join();
    for (const Status& s : made) THADS_RETURN_IF_ERROR(s);
  }

  Scheduler scheduler(tasks, workers * kPagesAheadPerWorker);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < engines.size() && !tasks.empty(); ++i) {
    threads.emplace_back([&, i] {
      PageWorker worker(options, std::move(engines[i]));
      while (std::optional<Task> task = scheduler.Next()) {
        scheduler.Done(task->sequence,
                       worker.Run(files[static_cast<std::size_t>(task->file)], *task));
      }
    });
  }

  consumer.JobStarted(static_cast<int>(files.size()), static_cast<long>(tasks.size()));
  Status stopped;
  int sequence = 0;
  for (std::size_t f = 0; f < files.size() && stopped.ok(); ++f) {
    const InputFile& file = files[f];
    consumer.FileStarted(static_cast<int>(f), file.path, file.error.ok() ? file.pages : 0);
    if (!file.error.ok()) {
      consumer.FileFinished(static_cast<int>(f), file.error);
      continue;
    }
    for (int p = 0; p < file.pages && stopped.ok(); ++p) {
      std::optional<PageResult> result = scheduler.Take(sequence++);
      if (!result) {
        stopped = Status::Error(StatusCode::kInternal, "OCR workers stopped early");
        break;
      }
      stopped = consumer.Page(std::move(*result));
    }
    if (stopped.ok()) consumer.FileFinished(static_cast<int>(f), Status::Ok());
  }
  scheduler.Stop();
  for (std::thread& t : threads) t.join();
  return stopped;
}

int DefaultOcrJobs() {
  const unsigned cores = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(cores, 1u, 4u));
}

Result<std::string> RecognizeText(const std::vector<std::string>& inputs,
                                  const OcrJobOptions& options,
                                  std::vector<std::string>* warnings) {
  class TextConsumer final : public PageConsumer {
   public:
    explicit TextConsumer(std::vector<std::string>* warnings) : warnings_(warnings) {}
    void FileStarted(int, const std::string&, int) override {}
    Status Page(PageResult&& page) override {
      if (warnings_ != nullptr) {
        for (std::string& w : page.warnings) warnings_->push_back(std::move(w));
        if (!page.error.ok()) warnings_->push_back(page.error.message());
      }
      if (pages_++ > 0) text_ += '\f';
      text_ += page.words.Text();
      return Status::Ok();
    }
    void FileFinished(int, const Status& error) override {
      if (!error.ok() && error_.ok()) error_ = error;
    }
    std::string text_;
    Status error_;
    int pages_ = 0;

   private:
    std::vector<std::string>* warnings_;
  };
  OcrJobOptions text_only = options;
  text_only.keep_pictures = false;
  TextConsumer consumer(warnings);
  THADS_RETURN_IF_ERROR(RunOcr(inputs, text_only, consumer));
  THADS_RETURN_IF_ERROR(consumer.error_);
  return std::move(consumer.text_);
}

}  // namespace thads::ocr
