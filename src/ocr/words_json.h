// The per-word sidecar of an OCR'd document: every word with its box and
// confidence, for review tools and for checking what the text layer says.
#pragma once

#include <string>
#include <vector>

#include "ocr/engine.h"

namespace thads::ocr {

// {"pages":[{"page":1,"width":..,"height":..,"dpi":..,"mean_confidence":..,
//   "words":[{"text":"Quyết","box":[x0,y0,x1,y1],"confidence":96.1,"line":0}]}]}
// Boxes in pixels of the recognized image, origin top-left. UTF-8, NFC.
std::string WordsJson(const std::vector<OcrPage>& pages);

}  // namespace thads::ocr
