// Recognition of one page image into words with boxes and confidences. The
// engine behind it (Tesseract) stays in tesseract_engine.cc; tests and the
// pipeline see only OcrEngine.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ocr/image.h"

namespace thads::ocr {

// A recognized word. Boxes are pixels of the image given to Recognize, origin
// top-left, x1/y1 exclusive.
struct OcrWord {
  std::string text;  // NFC UTF-8, never empty
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float confidence = 0;  // 0..100, the engine's own
  int line = 0;          // index into OcrPage::lines
};

// A text line: its box and baseline (y of the baseline at x0 and at x1).
struct OcrLine {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int baseline_y0 = 0, baseline_y1 = 0;
  bool starts_paragraph = false;
};

struct OcrPage {
  int width = 0, height = 0, dpi = 0;
  std::vector<OcrLine> lines;
  std::vector<OcrWord> words;  // reading order
  // Lines joined by '\n', paragraphs separated by an empty line. NFC.
  std::string Text() const;
  // Mean word confidence weighted by word length; 0 for a page without words.
  double MeanConfidence() const;
};

// What orientation detection found: the clockwise turn (0, 90, 180, 270) that
// makes the page upright, and the engine's confidence in it (Tesseract's OSD
// scale: above ~5 is a clear reading, below 2 a guess).
struct PageOrientation {
  int rotate_degrees = 0;
  float confidence = 0;
};

struct EngineOptions {
  std::string languages = "vie";  // Tesseract model names joined by '+'
  std::string tessdata_dir;       // empty: the system's (tesseract-ocr-vie)
};

// One engine serves one thread at a time; create one per worker, once, and
// reuse it for every page (loading the model costs more than a page).
class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  // Errors name the page only by what the caller adds as context.
  virtual Result<OcrPage> Recognize(const Image& image) = 0;
  // Orientation and script detection on a grey page. Errors when the
  // orientation model is missing or the page has too little text to tell.
  virtual Result<PageOrientation> DetectOrientation(const Image& image) = 0;
};

Result<std::unique_ptr<OcrEngine>> CreateTesseractEngine(const EngineOptions& options);

}  // namespace thads::ocr
