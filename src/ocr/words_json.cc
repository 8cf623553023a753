#include "ocr/words_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace thads::ocr {

std::string WordsJson(const std::vector<OcrPage>& pages) {
  nlohmann::ordered_json out;
  out["pages"] = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const OcrPage& page = pages[p];
    nlohmann::ordered_json j;
    j["page"] = p + 1;
    j["width"] = page.width;
    j["height"] = page.height;
    j["dpi"] = page.dpi;
    j["mean_confidence"] = std::round(page.MeanConfidence() * 10) / 10;
    j["words"] = nlohmann::ordered_json::array();
    for (const OcrWord& w : page.words) {
      j["words"].push_back({{"text", w.text},
                            {"box", {w.x0, w.y0, w.x1, w.y1}},
                            {"confidence", std::round(static_cast<double>(w.confidence) * 10) / 10},
                            {"line", w.line}});
    }
    out["pages"].push_back(std::move(j));
  }
  return out.dump(1) + "\n";
}

}  // namespace thads::ocr
