// The Tesseract adapter: the only file that sees tesseract::TessBaseAPI.
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <cstdint>
#include <memory>
#include <string>

#include "ocr/engine.h"
#include "text/normalize.h"

namespace thads::ocr {
namespace {

// Where Debian's tesseract-ocr-* packages put the models.
constexpr char kSystemTessdata[] = "/usr/share/tesseract-ocr/5/tessdata";

// Owns a string Tesseract allocated with new[].
struct TessText {
  char* p = nullptr;
  ~TessText() { delete[] p; }
};

class TesseractEngine final : public OcrEngine {
 public:
  ~TesseractEngine() override {
    api_.End();
    if (osd_ready_) osd_.End();
  }

  Status Init(const EngineOptions& options) {
    tessdata_dir_ = options.tessdata_dir;
    // Checked here so that a missing model is one clear line, not Tesseract's
    // own messages on stderr.
    THADS_RETURN_IF_ERROR(CheckModels(options));
    const char* dir = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
    if (api_.Init(dir, options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      return Status::NotFound("the OCR model '" + options.languages +
                              "' could not be loaded (is tesseract-ocr-vie installed?)");
    }
    // Tesseract reports image oddities on stderr; we report per page instead.
    api_.SetVariable("debug_file", "/dev/null");
    api_.SetPageSegMode(tesseract::PSM_AUTO);
    return Status::Ok();
  }

  Result<OcrPage> Recognize(const Image& image) override {
    THADS_RETURN_IF_ERROR(CheckImage(image));
    api_.SetImage(image.pixels.data(), image.width, image.height, image.channels,
                  image.width * image.channels);
    api_.SetSourceResolution(image.dpi > 0 ? image.dpi : kDefaultDpi);
    if (api_.Recognize(nullptr) != 0) {
      api_.Clear();
      return Status::Error(StatusCode::kInternal, "the OCR engine failed on the page");
    }
    OcrPage page;
    page.width = image.width;
    page.height = image.height;
    page.dpi = image.dpi > 0 ? image.dpi : kDefaultDpi;
    std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
    if (it != nullptr) Collect(*it, page);
    api_.Clear();
    return page;
  }

  Result<PageOrientation> DetectOrientation(const Image& image) override {
    THADS_RETURN_IF_ERROR(CheckImage(image));
    if (!osd_ready_) {
      // The orientation model is separate (osd.traineddata); loaded on first use.
      const char* dir = tessdata_dir_.empty() ? nullptr : tessdata_dir_.c_str();
      if (osd_.Init(dir, "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
        return Status::NotFound(
            "the orientation model 'osd' could not be loaded (is tesseract-ocr-osd installed?)");
      }
      osd_.SetVariable("debug_file", "/dev/null");
      osd_.SetPageSegMode(tesseract::PSM_OSD_ONLY);
      osd_ready_ = true;
    }
    osd_.SetImage(image.pixels.data(), image.width, image.height, image.channels,
                  image.width * image.channels);
    osd_.SetSourceResolution(image.dpi > 0 ? image.dpi : kDefaultDpi);
    int degrees = 0;
    float confidence = 0, script_confidence = 0;
    const char* script = nullptr;
    const bool found =
        osd_.DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
    osd_.Clear();
    if (!found) return Status::NotFound("too little text on the page to tell its orientation");
    // Tesseract reports the page's counter-clockwise orientation; the turn
    // that rights it is the clockwise complement.
    PageOrientation out;
    out.rotate_degrees = ((360 - degrees) % 360 + 360) % 360;
    out.confidence = confidence;
    return out;
  }

 private:
  static Status CheckModels(const EngineOptions& options) {
    std::string dir = options.tessdata_dir;
    if (dir.empty()) {
      const char* prefix = std::getenv("TESSDATA_PREFIX");
      dir = prefix != nullptr && *prefix != '\0' ? prefix : kSystemTessdata;
    }
    if (options.languages.empty()) return Status::Invalid("no OCR model named");
    std::size_t start = 0;
    while (start <= options.languages.size()) {
      const std::size_t plus = std::min(options.languages.find('+', start),
                                        options.languages.size());
      const std::string model = options.languages.substr(start, plus - start);
      std::error_code ec;
      if (model.empty() || !std::filesystem::exists(dir + "/" + model + ".traineddata", ec)) {
        return Status::NotFound("the OCR model '" + model + "' is not installed (no " + dir + "/" +
                                model + ".traineddata; Vietnamese is tesseract-ocr-vie)");
      }
      start = plus + 1;
    }
    return Status::Ok();
  }

  static Status CheckImage(const Image& image) {
    if (image.empty() || (image.channels != 1 && image.channels != 3) ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * image.height *
                                   image.channels) {
      return Status::Invalid("page image is empty or malformed (" +
                             std::to_string(image.width) + " x " +
                             std::to_string(image.height) + ")");
    }
    return Status::Ok();
  }

  static void Collect(tesseract::ResultIterator& it, OcrPage& page) {
    using tesseract::RIL_PARA;
    using tesseract::RIL_TEXTLINE;
    using tesseract::RIL_WORD;
    bool need_line = true;
    do {
      if (it.Empty(RIL_WORD)) continue;
      if (need_line || it.IsAtBeginningOf(RIL_TEXTLINE)) {
        OcrLine line;
        it.BoundingBox(RIL_TEXTLINE, &line.x0, &line.y0, &line.x1, &line.y1);
        int bx0 = 0, by0 = 0, bx1 = 0, by1 = 0;
        if (it.Baseline(RIL_TEXTLINE, &bx0, &by0, &bx1, &by1) && bx1 != bx0) {
          // Extend the baseline to the line's ends.
          const double slope = static_cast<double>(by1 - by0) / (bx1 - bx0);
          line.baseline_y0 = static_cast<int>(by0 + slope * (line.x0 - bx0));
          line.baseline_y1 = static_cast<int>(by0 + slope * (line.x1 - bx0));
        } else {
          line.baseline_y0 = line.baseline_y1 = line.y1;
        }
        line.starts_paragraph = it.IsAtBeginningOf(RIL_PARA);
        page.lines.push_back(line);
        need_line = false;
      }
      TessText raw{it.GetUTF8Text(RIL_WORD)};
      if (raw.p == nullptr) continue;
      // The engine's bytes are outside input too: repair, never pass on invalid UTF-8.
      Result<std::string> clean = text::CleanText(raw.p, "OCR word", text::Utf8Mode::kRepair);
      if (!clean.ok()) continue;
      // The engine sometimes returns a word that is or starts with a space.
      const std::size_t first = clean->find_first_not_of(" \t\r\n");
      if (first == std::string::npos) continue;
      const std::size_t last = clean->find_last_not_of(" \t\r\n");
      OcrWord word;
      word.text = clean->substr(first, last - first + 1);
      it.BoundingBox(RIL_WORD, &word.x0, &word.y0, &word.x1, &word.y1);
      word.confidence = std::clamp(it.Confidence(RIL_WORD), 0.0f, 100.0f);
      word.line = static_cast<int>(page.lines.size()) - 1;
      page.words.push_back(std::move(word));
    } while (it.Next(RIL_WORD));
  }

  tesseract::TessBaseAPI api_;
  tesseract::TessBaseAPI osd_;  // orientation only; initialized on first use
  bool osd_ready_ = false;
  std::string tessdata_dir_;
};

}  // namespace

Result<std::unique_ptr<OcrEngine>> CreateTesseractEngine(const EngineOptions& options) {
  auto engine = std::make_unique<TesseractEngine>();
  THADS_RETURN_IF_ERROR(engine->Init(options));
  return std::unique_ptr<OcrEngine>(std::move(engine));
}

}  // namespace thads::ocr
