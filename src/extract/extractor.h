// Reading a court judgment or decision: from its text (OCR output, a PDF's text
// layer, or plain text) to the extraction result of
// ../shared/docs/extraction-schema.md: court, number, parties, and every
// obligation of the operative part, with warnings instead of guesses.
//
// Linear in the size of the text; no regular expressions. Thread-safe (no shared
// mutable state). docs/extraction.md describes the rules.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/status.h"
#include "model/judgment.h"

namespace thads::extract {

// A judgment runs to a few hundred kilobytes; larger text is refused.
inline constexpr std::size_t kMaxTextBytes = 16 * 1024 * 1024;

// From NFC UTF-8 text. `what` names the input in messages ("70-2017-DS-ST.txt").
// Errors: text that is not valid UTF-8 (naming the byte offset), empty, or larger
// than kMaxTextBytes. Text that is not a judgment gives an empty result with a
// "not_a_judgment" warning. Text not in NFC is normalized first.
Result<model::ExtractionResult> Extract(std::string_view text, std::string_view what);

}  // namespace thads::extract
