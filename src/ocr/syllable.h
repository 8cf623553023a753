// Vietnamese syllables (âm tiết) for post-correction: letters split into base
// and tone, the spelling and phonotactic rules a syllable obeys, and words
// split from the punctuation around them. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace thads::ocr {

// The six tones, in the order Vietnamese grammars list them.
enum class Tone : std::uint8_t {
  kLevel,  // ngang: a
  kGrave,  // huyền: à
  kAcute,  // sắc: á
  kHook,   // hỏi: ả
  kTilde,  // ngã: ã
  kDot,    // nặng: ạ
};
inline constexpr int kToneCount = 6;

// A letter of the Vietnamese alphabet (and f, j, w, z) split into its base in
// lower case, vowel-quality marks kept (a ă â e ê i o ô ơ u ư y đ ...), and its tone.
struct Letter {
  char32_t base = 0;
  Tone tone = Tone::kLevel;
  bool upper = false;
};
// nullopt for anything else (digits, punctuation, ö, ï, Ð, Cyrillic ...).
std::optional<Letter> SplitLetter(char32_t c);
// The composed (NFC) letter; `base` must be a base SplitLetter returns, and
// only vowels take a tone other than kLevel.
char32_t JoinLetter(const Letter& letter);
bool IsVowelBase(char32_t base);

// Whether lower-case toneless letters plus a tone make one Vietnamese syllable:
// an onset (with the spelling rules c/k/q, g/gh, ng/ngh, gi), a rhyme of the
// language's inventory (medial, nucleus, coda), and a tone the coda allows
// (after -p, -t, -c, -ch only sắc and nặng).
bool IsSyllableSpelling(std::u32string_view bases, Tone tone);

// Every lower-case toneless spelling IsSyllableSpelling accepts with some tone
// ("a", "ba", ..., "nghiêng"), each once. About 2,500.
std::vector<std::u32string> AllSyllableSpellings();

// `bases` written with `tone` on the letter at `index` (lower case, NFC); the
// tone is dropped when that letter is not a vowel.
std::string WriteWithTone(std::u32string_view bases, Tone tone, std::size_t index);

// Whether `word` (NFC UTF-8, no punctuation) is one Vietnamese syllable: the
// above, at most one tone mark, sitting on a vowel, in lower case, capitalized
// or all caps. Either tone-placement convention (hòa, hoà) is accepted.
bool IsSyllable(std::string_view word);

// A token as the engine gives it, cut into the punctuation before it, the word
// (first to last letter or digit) and the punctuation after it:
// "(Một" -> "(", "Một", ""; "đồng)." -> "", "đồng", ").". A token without
// letters or digits is all `lead`.
struct TokenParts {
  std::string_view lead, core, trail;
};
TokenParts SplitToken(std::string_view token);

}  // namespace thads::ocr
