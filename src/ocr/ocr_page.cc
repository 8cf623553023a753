#include <cstddef>
#include <string>

#include "ocr/engine.h"

namespace thads::ocr {

std::string OcrPage::Text() const {
  std::string out;
  int line = -1;
  for (const OcrWord& w : words) {
    if (w.line != line) {
      if (line >= 0) {
        out += '\n';
        const std::size_t l = static_cast<std::size_t>(w.line);
        if (l < lines.size() && lines[l].starts_paragraph) out += '\n';
      }
      line = w.line;
    } else {
      out += ' ';
    }
    out += w.text;
  }
  if (!out.empty()) out += '\n';
  return out;
}

double OcrPage::MeanConfidence() const {
  double sum = 0, weight = 0;
  for (const OcrWord& w : words) {
    sum += w.confidence * static_cast<double>(w.text.size());
    weight += static_cast<double>(w.text.size());
  }
  return weight > 0 ? sum / weight : 0;
}

}  // namespace thads::ocr
