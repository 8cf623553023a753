// The OCR stage as one job: input files (PNG, JPEG, TIFF, PDF) in, recognized
// pages out, in order, to a consumer that writes them somewhere (a searchable
// PDF, the archive). Pages are recognized in parallel, one engine per worker,
// each engine created once and used for every page it is given; at most a
// few pages per worker are held in memory whatever the batch size.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ocr/engine.h"
#include "ocr/post_correct.h"
#include "ocr/preprocess.h"
#include "ocr/searchable_pdf.h"

namespace thads::ocr {

// The resolution PDF pages are rendered at for recognition when they are not
// single-picture scans (whose own resolution is used).
inline constexpr int kPdfRenderDpi = 300;

enum class PageSource {
  kRecognized,  // OCR of a scanned image or an image-only PDF page
  kTextLayer,   // a PDF page that already carried text: its own words kept
};

struct OcrJobOptions {
  int jobs = 1;                 // worker threads, each with its own engine
  bool force_ocr = false;       // recognize PDF pages that already carry text
  int dpi = 0;                  // images: override the file's resolution (0: keep it,
                                // kDefaultDpi when absent); PDFs: render resolution
                                // (0: each scan's own, else kPdfRenderDpi)
  bool preprocess = true;       // Leptonica cleaning, orientation and deskew
  PreprocessOptions preprocess_options;
  EngineOptions engine;
  // Vietnamese post-correction of recognized pages (not of text layers); null:
  // none. Shared by every worker; owned by the caller.
  const PostCorrector* post_corrector = nullptr;
  bool keep_pictures = true;    // encode each page's picture for a PDF
  int jpeg_quality = 55;        // of the page pictures (grey, white paper)
  // Makes the engine of one worker; the default makes Tesseract engines. Tests
  // give a fake. Called once per worker, on that worker's thread.
  std::function<Result<std::unique_ptr<OcrEngine>>(const EngineOptions&)> engine_factory;
};

// One page as the job delivers it.
struct PageResult {
  int file = 0;   // index into the job's input list
  int page = 0;   // 0-based page within its file
  PageSource source = PageSource::kRecognized;
  OcrPage words;  // boxes in pixels of the recognized image
  PagePicture picture;  // empty jpeg when !keep_pictures or the page failed
  PreprocessReport preprocess;
  std::vector<Correction> corrections;  // what post-correction changed
  // Page-level problems a clerk should see ("blank page", "orientation not
  // read"); the page is still delivered.
  std::vector<std::string> warnings;
  Status error;   // the page could not be read or recognized; no words
  double seconds = 0;  // wall time spent on this page by its worker
};

// What the job calls, always from the thread that called RunOcr, in input
// order: FileStarted, then the file's pages in order, then FileFinished.
class PageConsumer {
 public:
  virtual ~PageConsumer() = default;
  // Once, before anything else: how many files and pages the job holds (from
  // the files' headers; unreadable files count no pages).
  virtual void JobStarted(int /*files*/, long /*pages*/) {}
  // `pages` is the file's page count (0 when the file could not be opened).
  virtual void FileStarted(int file, const std::string& path, int pages) = 0;
  // A non-ok Status stops the job (the consumer's own failure, e.g. a full
  // disk); a page that failed to read is delivered with `error` set instead.
  virtual Status Page(PageResult&& page) = 0;
  // `error` is set when the file could not be read at all (corrupt, encrypted,
  // not an image or PDF, a decompression bomb); its pages were not delivered.
  virtual void FileFinished(int file, const Status& error) = 0;
};

// Runs the job. Returns an error only for what stops everything (no engine,
// bad options, the consumer's failure); bad files and pages are reported to
// the consumer and the rest goes on.
Status RunOcr(const std::vector<std::string>& inputs, const OcrJobOptions& options,
              PageConsumer& consumer);

// The recognized text of `inputs` taken as one document: pages in order,
// separated by form feeds (what the extraction stage reads). Page problems
// are appended to `warnings` (may be null); a file that cannot be read is an
// error naming it.
Result<std::string> RecognizeText(const std::vector<std::string>& inputs,
                                  const OcrJobOptions& options,
                                  std::vector<std::string>* warnings);

// Workers to use when the user does not say: one per core, at most 4 (each
// engine holds ~150 MB of model).
int DefaultOcrJobs();

// What kind of file `path` is, by its first bytes: "pdf", "png", "jpeg",
// "tiff", or an error naming the file.
Result<std::string> DetectInputKind(const std::string& path);

}  // namespace thads::ocr
