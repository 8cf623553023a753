#include "ocr/words_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace thads::ocr {
namespace {

nlohmann::ordered_json PageJson(const OcrPage& page, std::size_t number,
                                const std::string& source, int source_page) {
  nlohmann::ordered_json j;
  j["page"] = number;
  if (!source.empty()) {
    j["source"] = source;
    j["source_page"] = source_page;
  }
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
  return j;
}

}  // namespace

std::string WordsJson(const std::vector<OcrPage>& pages) {
  nlohmann::ordered_json out;
  out["pages"] = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < pages.size(); ++p) {
    out["pages"].push_back(PageJson(pages[p], p + 1, "", 0));
  }
  return out.dump(1) + "\n";
}

WordsJsonWriter::WordsJsonWriter(std::ostream& out) : out_(out) { out_ << "{\"pages\": ["; }

void WordsJsonWriter::Page(const OcrPage& page, const std::string& source, int source_page,
                           const std::vector<Correction>& corrections) {
  out_ << (pages_ == 0 ? "\n" : ",\n");
  ++pages_;
  nlohmann::ordered_json j = PageJson(page, static_cast<std::size_t>(pages_), source, source_page);
  if (!corrections.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Correction& c : corrections) {
      list.push_back(
          {{"word", c.word}, {"before", c.before}, {"after", c.after}, {"reason", c.reason}});
    }
    j["corrections"] = std::move(list);
  }
  out_ << j.dump();
}

void WordsJsonWriter::End() { out_ << "\n]}\n"; }

}  // namespace thads::ocr
