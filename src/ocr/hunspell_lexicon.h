// The Vietnamese syllables hunspell-vi accepts: the lexicon of post-correction.
// libhunspell stays in hunspell_lexicon.cc.
#pragma once

#include <string>
#include <unordered_set>

#include "base/status.h"

namespace thads::ocr {

// "/usr/share/hunspell/vi_VN" (package hunspell-vi).
inline constexpr const char* kSystemHunspellVi = "/usr/share/hunspell/vi_VN";

// Asks hunspell, once, about every spelling the syllable rules allow, in every
// tone and tone placement, and returns the accepted ones keyed as WordKey does
// (lower case, tone placed by text::ToneKey). `dictionary` is the path of the
// .aff/.dic pair without the extension. Errors name the missing file.
Result<std::unordered_set<std::string>> LoadHunspellSyllables(
    const std::string& dictionary);

}  // namespace thads::ocr
