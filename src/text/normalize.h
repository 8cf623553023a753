// Unicode normalization and the keys Vietnamese search is built on.
// All functions take and return UTF-8; inputs must be valid UTF-8 (see utf8.h).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "text/utf8.h"

namespace thads::text {

// The one boundary call: validates `bytes` (strict, or repaired when mode says so)
// and returns it in NFC. `what` names the input for the error message.
Result<std::string> CleanText(std::string_view bytes, std::string_view what,
                              Utf8Mode mode = Utf8Mode::kStrict);

// NFC of valid UTF-8. Precondition: ValidateUtf8 passed.
std::string ToNfc(std::string_view valid_utf8);
bool IsNfc(std::string_view valid_utf8);

// Canonical tone key: NFC with the tone mark of every Vietnamese syllable placed
// by one rule (the traditional one: hòa, thủy, khỏe), so both placement
// conventions compare equal: ToneKey("hoà") == ToneKey("hòa"),
// ToneKey("uỷ ban") == ToneKey("ủy ban"). Case and everything that is not a
// Vietnamese syllable are kept as they are. "qủa" is a misspelling, not a
// convention: it keys as "quả" (qu is a consonant).
std::string ToneKey(std::string_view valid_utf8);

// Search folding: tone and vowel marks removed, đ/Đ -> d, case folded, NFC.
// "Nguyễn Văn Ấn" -> "nguyen van an". The one function for indexing and querying.
std::string FoldForSearch(std::string_view valid_utf8);

// Lower/upper case with Vietnamese rules (ICU "vi" locale). NFC in, NFC out.
std::string ToLowerVi(std::string_view valid_utf8);
std::string ToUpperVi(std::string_view valid_utf8);

}  // namespace thads::text
