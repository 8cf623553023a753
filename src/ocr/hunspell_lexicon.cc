// The hunspell adapter: the only file that sees libhunspell.
#include "ocr/hunspell_lexicon.h"

#include <filesystem>
#include <hunspell/hunspell.hxx>
#include <memory>

#include "ocr/syllable.h"
#include "ocr/word_pairs.h"

namespace thads::ocr {

Result<std::unordered_set<std::string>> LoadHunspellSyllables(
    const std::string& dictionary) {
  const std::string aff = dictionary + ".aff", dic = dictionary + ".dic";
  for (const std::string& path : {aff, dic}) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      return Status::NotFound(path +
                              ": the Vietnamese spelling dictionary is missing "
                              "(is hunspell-vi installed?)");
    }
  }
  std::unique_ptr<Hunspell> hunspell;
  try {
    hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  } catch (const std::exception& e) {
    return Status::Error(StatusCode::kCorrupt,
                         dic + ": unreadable dictionary (" + e.what() + ")");
  }
  std::unordered_set<std::string> accepted;
  for (const std::u32string& bases : AllSyllableSpellings()) {
    for (int t = 0; t < kToneCount; ++t) {
      const Tone tone = static_cast<Tone>(t);
      if (!IsSyllableSpelling(bases, tone)) continue;
      for (std::size_t i = 0; i < bases.size(); ++i) {
        // A level tone has no mark: one spelling.
        if (!IsVowelBase(bases[i]) && !(tone == Tone::kLevel && i + 1 == bases.size()))
          continue;
        const std::string word = WriteWithTone(bases, tone, i);
        if (hunspell->spell(word)) {
          accepted.insert(WordKey(word));
          break;
        }
      }
    }
  }
  if (accepted.empty()) {
    return Status::Error(StatusCode::kCorrupt, dic + ": no Vietnamese syllable accepted");
  }
  return accepted;
}

}  // namespace thads::ocr
