// The per-word sidecar of an OCR'd document: every word with its box and
// confidence, for review tools and for checking what the text layer says.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "ocr/engine.h"
#include "ocr/post_correct.h"

namespace thads::ocr {

// {"pages":[{"page":1,"width":..,"height":..,"dpi":..,"mean_confidence":..,
//   "words":[{"text":"Quyết","box":[x0,y0,x1,y1],"confidence":96.1,"line":0}]}]}
// Boxes in pixels of the recognized image, origin top-left. UTF-8, NFC.
std::string WordsJson(const std::vector<OcrPage>& pages);

// The same, written page by page to a file so that memory does not grow with
// the page count: Begin, one Page per page, End. Pages may carry where they
// came from (`source`, `source_page`, 1-based) and what post-correction
// changed ("corrections": [{"word": i, "before", "after", "reason"}]).
class WordsJsonWriter {
 public:
  explicit WordsJsonWriter(std::ostream& out);
  void Page(const OcrPage& page, const std::string& source = "", int source_page = 0,
            const std::vector<Correction>& corrections = {});
  void End();  // closes the document; call once

 private:
  std::ostream& out_;
  int pages_ = 0;
};

}  // namespace thads::ocr
