// Post-correction of recognized words. docs/ocr.md ("Post-correction") explains
// the scoring; the figures there come from tests/post_correct_eval.cc.
#include "ocr/post_correct.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_set>

#include "ocr/error_rate.h"
#include "ocr/hunspell_lexicon.h"
#include "ocr/syllable.h"
#include "ocr/word_pairs.h"
#include "text/money.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::ocr {
namespace {

// Words longer than this (code points) are not syllables and are left alone.
constexpr std::size_t kMaxWordLength = 12;
// At most this many spellings are tried for one word.
constexpr std::size_t kMaxSpellings = 512;
// Smoothing of the word-pair model: weight of the single-word estimate in a
// pair's probability, and the count a word has when never seen.
constexpr double kPairSmoothing = 2.0;
constexpr double kUnseenLexiconCount = 0.5;
constexpr double kUnseenOtherCount = 0.01;
// Log-odds a valid, known word keeps against a variant its neighbours prefer:
// PostCorrectOptions::keep_per_confidence * confidence / 100, plus this for a
// capitalized word inside a sentence (most likely a name).
constexpr double kKeepName = 3.0;
// An amount phrase in words is at most this many words long.
constexpr std::size_t kMaxAmountWords = 40;

// ---- letters -------------------------------------------------------------

// The bases a letter may have had before the engine dropped or changed its marks.
constexpr std::u32string_view kFamilies[] = {U"aăâ", U"eê", U"oôơ", U"uư", U"dđ"};

std::u32string_view Family(char32_t base) {
  for (std::u32string_view family : kFamilies) {
    if (family.find(base) != std::u32string_view::npos) return family;
  }
  return {};
}

// A letter Vietnamese never uses, read for one it does: the bases it may stand
// for (empty when `c` is no such letter).
std::u32string ForeignBases(char32_t c) {
  switch (c) {
    case U'Ð':
    case U'ð':
      return U"đ";  // Eth for Đ: "QĐÐ"
    case U'Ø':
    case U'ø':
      return U"ơog";  // "øiải" for "giải"
    case U'€':
      return U"eê";
    default:
      break;
  }
  if (u_isalpha(static_cast<UChar32>(c)) == 0) return {};
  // Latin letters with marks Vietnamese does not write (ö ï ä å ë ü ā ...):
  // every Vietnamese variant of their base letter.
  const std::string folded = text::FoldForSearch(text::EncodeUtf8(std::u32string(1, c)));
  if (folded.size() != 1 || folded[0] < 'a' || folded[0] > 'z') return {};
  const char32_t base = static_cast<char32_t>(folded[0]);
  const std::u32string_view family = Family(base);
  return family.empty() ? std::u32string(1, base) : std::u32string(family);
}

// What it costs (log-odds) that the engine read `seen` for `meant`.
double LetterCost(char32_t seen, char32_t meant) {
  if (seen == meant) return 0;
  if ((seen == U'd') != (meant == U'd') && (seen == U'đ' || meant == U'đ')) return 2.0;
  // Circumflex, breve and horn: a lost mark costs less than an invented one.
  if (seen == U'a' || seen == U'e' || seen == U'o' || seen == U'u') return 1.5;
  return 2.0;
}

// Tesseract's vie model confuses the hook above (hỏi) with the acute (sắc)
// most, then drops or adds grave and dot.
double ToneCost(Tone seen, Tone meant) {
  if (seen == meant) return 0;
  auto pair = [&](Tone a, Tone b) {
    return (seen == a && meant == b) || (seen == b && meant == a);
  };
  if (pair(Tone::kAcute, Tone::kHook)) return 1.0;
  if (pair(Tone::kHook, Tone::kTilde) || pair(Tone::kGrave, Tone::kTilde)) return 1.5;
  if (seen == Tone::kLevel || meant == Tone::kLevel) return 1.5;
  return 2.5;
}

enum class Casing { kLower, kCapital, kUpper, kMixed };

Casing CasingOf(std::u32string_view word) {
  int upper = 0, letters = 0;
  bool first_upper = false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const UChar32 c = static_cast<UChar32>(word[i]);
    if (u_isalpha(c) == 0) continue;
    ++letters;
    if (u_isupper(c) != 0) {
      ++upper;
      if (letters == 1) first_upper = true;
    }
  }
  if (upper == 0) return Casing::kLower;
  if (upper == letters && letters > 1) return Casing::kUpper;
  if (upper == 1 && first_upper) return Casing::kCapital;
  return Casing::kMixed;
}

// `lower` (NFC, lower case) in the casing of the word it replaces.
std::string ApplyCasing(const std::string& lower, Casing casing) {
  if (casing == Casing::kUpper) return text::ToUpperVi(lower);
  if (casing != Casing::kCapital) return lower;
  std::u32string cps = text::DecodeUtf8(lower);
  if (cps.empty()) return lower;
  const std::string first = text::ToUpperVi(text::EncodeUtf8(cps.substr(0, 1)));
  return first + text::EncodeUtf8(cps.substr(1));
}

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// ---- the word-pair scores ------------------------------------------------

struct Candidate {
  std::string lower;  // the spelling, lower case
  std::string key;    // WordKey(lower)
  double cost = 0;    // of the engine having read the original for it
};

}  // namespace

struct PostCorrector::Impl {
  PostCorrectOptions options;
  std::unordered_set<std::string> lexicon;  // hunspell-vi's syllables, keyed
  WordPairModel pairs;

  bool Known(const std::string& key) const {
    return lexicon.count(key) || pairs.Count(key) > 0;
  }

  double UnigramCount(const std::string& key) const {
    const std::uint32_t n = pairs.Count(key);
    if (n > 0) return n;
    return lexicon.count(key) ? kUnseenLexiconCount : kUnseenOtherCount;
  }
  double Unigram(const std::string& key) const {
    return UnigramCount(key) /
           (static_cast<double>(pairs.total()) + kUnseenLexiconCount * 7000.0);
  }
  // log P(second | first), smoothed toward the unigram.
  double LogPair(const std::string& first, const std::string& second) const {
    const double pair = pairs.PairCount(first, second);
    const double first_count = pairs.Count(first);
    return std::log((pair + kPairSmoothing * Unigram(second)) /
                    (first_count + kPairSmoothing));
  }
  // How well `key` fits between its neighbours ("" when there is none).
  double Context(const std::string& previous, const std::string& key,
                 const std::string& next) const {
    double score = previous.empty() ? std::log(Unigram(key)) : LogPair(previous, key);
    if (!next.empty()) score += LogPair(key, next);
    return score;
  }
  bool PairSeen(const std::string& previous, const std::string& key,
                const std::string& next) const {
    return (!previous.empty() && pairs.PairCount(previous, key) > 0) ||
           (!next.empty() && pairs.PairCount(key, next) > 0);
  }

  std::vector<Candidate> Spellings(std::u32string_view core, bool& foreign) const;
  std::optional<Correction> CorrectWord(const OcrWord& word, const std::string& previous,
                                        const std::string& next,
                                        bool sentence_start) const;
  std::optional<std::string> FixDigits(std::string_view core, bool& symbol) const;
  void CheckAmounts(OcrPage& page, std::vector<Correction>& out) const;
};

namespace {

// One letter position of a word being respelled.
struct Slot {
  std::u32string bases;  // what it may be; the first is what was read
  Tone tone = Tone::kLevel;
  bool toned = false;  // the letter carried a tone mark
  bool foreign = false;
};

}  // namespace

// Every respelling of `core` (marks changed, foreign letters mapped) that is a
// Vietnamese syllable the lexicon knows, with its cost. `foreign` tells
// whether `core` holds a letter Vietnamese never uses.
std::vector<Candidate> PostCorrector::Impl::Spellings(std::u32string_view core,
                                                      bool& foreign) const {
  foreign = false;
  std::vector<Slot> slots;
  int tone_slot = -1;
  for (char32_t c : core) {
    Slot slot;
    if (std::optional<Letter> l = SplitLetter(c)) {
      const std::u32string_view family = Family(l->base);
      slot.bases = std::u32string(1, l->base);
      for (char32_t b : family) {
        if (b != l->base) slot.bases += b;
      }
      slot.tone = l->tone;
      slot.toned = l->tone != Tone::kLevel;
      if (slot.toned) tone_slot = static_cast<int>(slots.size());
    } else {
      slot.bases = ForeignBases(c);
      if (slot.bases.empty()) return {};
      slot.foreign = foreign = true;
    }
    slots.push_back(std::move(slot));
  }
  Tone seen_tone = Tone::kLevel;
  for (const Slot& s : slots) {
    if (s.toned) seen_tone = s.tone;
  }

  std::vector<Candidate> out;
  std::unordered_set<std::string> seen_keys;
  std::vector<std::size_t> pick(slots.size(), 0);
  for (std::size_t tried = 0; tried < kMaxSpellings; ++tried) {
    std::u32string bases;
    double cost = 0;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const char32_t b = slots[i].bases[pick[i]];
      bases += b;
      cost += slots[i].foreign ? 0.5 : LetterCost(slots[i].bases[0], b);
    }
    for (int t = 0; t < kToneCount; ++t) {
      const Tone tone = static_cast<Tone>(t);
      if (!IsSyllableSpelling(bases, tone)) continue;
      // The tone where the engine put it when that is a vowel, else by the rule.
      std::size_t at = bases.size();
      if (tone_slot >= 0 && IsVowelBase(bases[static_cast<std::size_t>(tone_slot)])) {
        at = static_cast<std::size_t>(tone_slot);
      }
      std::string lower;
      if (at < bases.size()) {
        lower = WriteWithTone(bases, tone, at);
      } else {
        std::size_t first_vowel = 0;
        while (first_vowel < bases.size() && !IsVowelBase(bases[first_vowel]))
          ++first_vowel;
        lower = text::ToneKey(WriteWithTone(bases, tone, first_vowel));
      }
      std::string key = WordKey(lower);
      if (!Known(key) || !seen_keys.insert(key).second) continue;
      out.push_back({std::move(lower), std::move(key), cost + ToneCost(seen_tone, tone)});
    }
    // Next combination of bases (odometer).
    std::size_t i = 0;
    while (i < slots.size() && ++pick[i] == slots[i].bases.size()) pick[i++] = 0;
    if (i == slots.size()) break;
  }
  return out;
}

std::optional<Correction> PostCorrector::Impl::CorrectWord(const OcrWord& word,
                                                           const std::string& previous,
                                                           const std::string& next,
                                                           bool sentence_start) const {
  const TokenParts parts = SplitToken(word.text);
  if (parts.core.empty()) return std::nullopt;
  const std::u32string core = text::DecodeUtf8(parts.core);
  if (core.size() > kMaxWordLength) return std::nullopt;
  for (char32_t c : core) {
    if (IsAsciiDigit(c)) return std::nullopt;
  }
  const Casing casing = CasingOf(core);
  if (casing == Casing::kMixed) return std::nullopt;

  bool foreign = false;
  std::vector<Candidate> candidates = Spellings(core, foreign);
  if (candidates.empty()) return std::nullopt;
  const std::string own_key = WordKey(parts.core);
  const bool valid = !foreign && IsSyllable(parts.core) && Known(own_key);

  double own_score = -1e300;
  if (valid) own_score = Context(previous, own_key, next);
  const Candidate* best = nullptr;
  double best_score = -1e300;
  for (const Candidate& c : candidates) {
    if (c.key == own_key && !foreign) continue;
    const double score = Context(previous, c.key, next) - c.cost;
    if (score > best_score) {
      best_score = score;
      best = &c;
    }
  }
  if (best == nullptr) return std::nullopt;
  std::string reason = foreign ? "foreign_char" : "syllable";
  if (valid) {
    if (options.keep_per_confidence < 0) return std::nullopt;
    double keep = options.keep_per_confidence * word.confidence / 100.0;
    if (casing == Casing::kCapital && !sentence_start) keep += kKeepName;
    if (best_score - own_score < keep || !PairSeen(previous, best->key, next)) {
      return std::nullopt;
    }
    reason = "context";
  }
  const std::string fixed = ApplyCasing(best->lower, casing);
  if (fixed == parts.core) return std::nullopt;
  Correction c;
  c.before = word.text;
  c.after = std::string(parts.lead) + fixed + std::string(parts.trail);
  c.reason = std::move(reason);
  return c;
}

namespace {

// Letters the engine reads for digits.
std::optional<char> DigitFor(char32_t c) {
  switch (c) {
    case U'I':
    case U'l':
    case U'|':
    case U'!':
      return '1';
    case U'O':
    case U'o':
      return '0';
    default:
      return std::nullopt;
  }
}

bool IsSymbolLetter(char32_t c) { return (c >= U'A' && c <= U'Z') || c == U'Đ'; }

}  // namespace

// A number or document symbol with letters read for digits: "2O24" -> "2024",
// "QH1I" -> "QH11", "I23/2024" -> "123/2024". Each part between '.', ',', '/'
// and '-' is looked at alone: capitals, then a run of digits and look-alikes
// holding at least one real digit. nullopt when nothing changes.
std::optional<std::string> PostCorrector::Impl::FixDigits(std::string_view core,
                                                          bool& symbol) const {
  symbol = false;
  const std::u32string cps = text::DecodeUtf8(core);
  std::u32string out;
  bool changed = false;
  std::size_t i = 0;
  while (i <= cps.size()) {
    std::size_t end = i;
    while (end < cps.size() && cps[end] != U'.' && cps[end] != U',' && cps[end] != U'/' &&
           cps[end] != U'-') {
      ++end;
    }
    std::u32string part = cps.substr(i, end - i);
    std::size_t letters = 0;
    while (letters < part.size() && IsSymbolLetter(part[letters]) &&
           !DigitFor(part[letters])) {
      ++letters;
    }
    bool digit = false, lookalike = false, other = false;
    for (std::size_t k = letters; k < part.size(); ++k) {
      if (IsAsciiDigit(part[k])) {
        digit = true;
      } else if (DigitFor(part[k])) {
        lookalike = true;
      } else {
        other = true;
      }
    }
    if (digit && lookalike && !other) {
      for (std::size_t k = letters; k < part.size(); ++k) {
        if (std::optional<char> d = DigitFor(part[k]))
          part[k] = static_cast<char32_t>(*d);
      }
      changed = true;
      if (letters > 0) symbol = true;
    }
    out += part;
    if (end < cps.size()) out += cps[end];
    i = end + 1;
  }
  if (!changed) return std::nullopt;
  // A symbol: letters elsewhere in the token too ("123/HD/NN").
  for (char32_t c : cps) {
    if (IsSymbolLetter(c) && !DigitFor(c)) symbol = true;
  }
  return text::EncodeUtf8(out);
}

namespace {

// Whether the token ends in a symbol's letters, all capitals without marks,
// after a '/' or '-' or alone: "QH", "45/2019/QH", "HĐ".
bool IsSymbolPrefix(std::string_view core) {
  const std::size_t cut = core.find_last_of("/-");
  const std::string_view letters =
      cut == std::string_view::npos ? core : core.substr(cut + 1);
  if (letters.empty() || letters.size() > 8) return false;
  bool letter = false;
  for (char32_t c : text::DecodeUtf8(letters)) {
    if (!IsSymbolLetter(c)) return false;
    letter = letter || !DigitFor(c);  // "II" is a numeral, not a symbol
  }
  return letter && !IsSyllable(letters);
}

// A short run of digits and look-alikes holding a look-alike: "I1", "1I", "l5".
bool IsConfusedDigitRun(std::string_view token) {
  if (token.empty() || token.size() > 3) return false;
  bool lookalike = false, digit = false;
  for (char32_t c : text::DecodeUtf8(token)) {
    if (IsAsciiDigit(c)) {
      digit = true;
    } else if (DigitFor(c)) {
      lookalike = true;
    } else {
      return false;
    }
  }
  return lookalike && digit;
}

bool EndsSentence(std::string_view token) {
  const std::string_view trail = SplitToken(token).trail;
  return trail.find_first_of(".:;!?") != std::string_view::npos;
}

// Junk the engine makes of specks before a word: "_tích", "¡phải", ".QUYẾT".
std::size_t JunkLeadLength(std::string_view lead) {
  std::size_t n = 0;
  for (std::string_view junk : {"_", "¡", "¿", "|", "~", ".", "ˆ"}) {
    if (lead.substr(0, junk.size()) == junk) {
      n = junk.size();
      break;
    }
  }
  return n == lead.size() ? n : 0;
}

// The engine reads "Đ" as "ĐÐ" (an Eth after it) and sometimes as a lone Eth:
// the first is dropped, the second becomes Đ. nullopt when there is no Eth.
std::optional<std::string> FixEth(std::string_view core) {
  if (core.find("\xC3\x90") == std::string_view::npos &&
      core.find("\xC3\xB0") == std::string_view::npos) {
    return std::nullopt;
  }
  std::u32string out;
  for (char32_t c : text::DecodeUtf8(core)) {
    if (c == U'Ð' || c == U'ð') {
      if (!out.empty() && (out.back() == U'Đ' || out.back() == U'đ')) continue;
      c = c == U'Ð' ? U'Đ' : U'đ';
    }
    out += c;
  }
  return text::EncodeUtf8(out);
}

}  // namespace

// Amounts written twice, "150.000.000 đồng (Một trăm năm mươi triệu đồng)": when
// the two disagree and one edit of the digits, or one word, makes them agree,
// that edit is made.
void PostCorrector::Impl::CheckAmounts(OcrPage& page,
                                       std::vector<Correction>& out) const {
  std::vector<OcrWord>& words = page.words;
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    const TokenParts digits_parts = SplitToken(words[i].text);
    if (digits_parts.core.empty() ||
        !IsAsciiDigit(static_cast<char32_t>(digits_parts.core[0]))) {
      continue;
    }
    // The currency, then "(" opening the words.
    std::size_t open = i + 1;
    const std::string currency = WordKey(words[open].text);
    if (currency != "đồng" && currency != "đ" && currency != "vnđ") continue;
    if (SplitToken(words[open].text).trail.find('(') == std::string_view::npos) {
      ++open;
      if (open >= words.size() ||
          SplitToken(words[open].text).lead.find('(') == std::string_view::npos) {
        continue;
      }
    } else {
      ++open;
      if (open >= words.size()) continue;
    }
    std::size_t close = open;
    while (close < words.size() && close - open < kMaxAmountWords &&
           words[close].text.find(')') == std::string::npos) {
      ++close;
    }
    if (close >= words.size() || close - open >= kMaxAmountWords) continue;
    auto phrase = [&](std::size_t replace, const std::string& with) {
      std::string s;
      for (std::size_t k = open; k <= close; ++k) {
        if (!s.empty()) s += ' ';
        s += k == replace ? with : std::string(SplitToken(words[k].text).core);
      }
      return s;
    };
    auto digits = text::ParseMoneyDigits(digits_parts.core);
    auto spelled = text::ParseMoneyWords(phrase(words.size(), ""));
    if (!digits.ok() || !spelled.ok() || *digits == spelled->value) continue;

    // One edit of the digits that gives the words' amount.
    const std::string want = text::FormatThousands(spelled->value);
    const bool digits_fix =
        EditDistance(text::DecodeUtf8(digits_parts.core), text::DecodeUtf8(want)) == 1;
    // One word respelled that gives the digits' amount.
    std::size_t word_fix = words.size();
    std::string word_fixed;
    int word_fixes = 0;
    static constexpr std::string_view kNumberWords[] = {
        "không", "một",  "hai",  "ba",   "bốn",  "năm",   "sáu",  "bảy",
        "tám",   "chín", "mười", "mươi", "trăm", "nghìn", "ngàn", "triệu",
        "tỷ",    "linh", "lẻ",   "mốt",  "lăm",  "tư"};
    for (std::size_t k = open; k <= close; ++k) {
      const std::string key = WordKey(words[k].text);
      for (std::string_view w : kNumberWords) {
        if (key == w) continue;
        auto v = text::ParseMoneyWords(phrase(k, std::string(w)));
        if (v.ok() && v->value == *digits) {
          ++word_fixes;
          word_fix = k;
          word_fixed = std::string(w);
        }
      }
    }
    if (digits_fix && word_fixes == 0) {
      Correction c{
          static_cast<int>(i), words[i].text,
          std::string(digits_parts.lead) + want + std::string(digits_parts.trail),
          "amount_digits"};
      words[i].text = c.after;
      out.push_back(std::move(c));
    } else if (!digits_fix && word_fixes == 1) {
      const TokenParts p = SplitToken(words[word_fix].text);
      const std::string respelled =
          ApplyCasing(word_fixed, CasingOf(text::DecodeUtf8(p.core)));
      Correction c{static_cast<int>(word_fix), words[word_fix].text,
                   std::string(p.lead) + respelled + std::string(p.trail),
                   "amount_words"};
      words[word_fix].text = c.after;
      out.push_back(std::move(c));
    }
    i = close;
  }
}

PostCorrector::PostCorrector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PostCorrector::~PostCorrector() = default;

Result<std::unique_ptr<PostCorrector>> PostCorrector::Create(
    const PostCorrectOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.enabled) {
    auto lexicon = LoadHunspellSyllables(options.hunspell_dictionary.empty()
                                             ? kSystemHunspellVi
                                             : options.hunspell_dictionary);
    if (!lexicon.ok()) return lexicon.status();
    impl->lexicon = std::move(lexicon).value();
    auto pairs =
        WordPairModel::Load(options.word_pairs_path.empty() ? DefaultWordPairsPath()
                                                            : options.word_pairs_path);
    if (!pairs.ok()) return pairs.status();
    impl->pairs = std::move(pairs).value();
  }
  return std::unique_ptr<PostCorrector>(new PostCorrector(std::move(impl)));
}

std::vector<Correction> PostCorrector::Correct(OcrPage& page) const {
  std::vector<Correction> out;
  if (!impl_->options.enabled) return out;
  std::vector<OcrWord> words;
  words.reserve(page.words.size());
  std::string previous;  // key of the word before, as corrected
  bool sentence_start = true;
  for (std::size_t i = 0; i < page.words.size(); ++i) {
    OcrWord word = page.words[i];
    const int index = static_cast<int>(words.size());
    // A symbol the engine split: "QH" "I1" on one line -> "QH11".
    if (i + 1 < page.words.size() && page.words[i + 1].line == word.line &&
        IsSymbolPrefix(SplitToken(word.text).core) &&
        SplitToken(word.text).trail.empty() &&
        IsConfusedDigitRun(SplitToken(page.words[i + 1].text).core) &&
        SplitToken(page.words[i + 1].text).lead.empty()) {
      const OcrWord& second = page.words[i + 1];
      const TokenParts p = SplitToken(second.text);
      bool symbol = false;
      const std::string digits = impl_->FixDigits("0" + std::string(p.core), symbol)
                                     .value_or("0" + std::string(p.core));
      Correction c{index, word.text + " " + second.text,
                   word.text + digits.substr(1) + std::string(p.trail), "symbol"};
      word.text = c.after;
      word.x0 = std::min(word.x0, second.x0);
      word.y0 = std::min(word.y0, second.y0);
      word.x1 = std::max(word.x1, second.x1);
      word.y1 = std::max(word.y1, second.y1);
      word.confidence = std::min(word.confidence, second.confidence);
      out.push_back(std::move(c));
      ++i;
    } else {
      TokenParts parts = SplitToken(word.text);
      // Records a change of the word to `lead + core + trail` and re-splits it.
      auto respell = [&](std::string_view lead, std::string_view core,
                         const char* reason) {
        Correction c{index, word.text,
                     std::string(lead) + std::string(core) + std::string(parts.trail),
                     reason};
        word.text = c.after;
        out.push_back(std::move(c));
        parts = SplitToken(word.text);
      };
      // Specks read as punctuation stuck to a word.
      if (const std::size_t junk = JunkLeadLength(parts.lead);
          junk > 0 && !parts.core.empty()) {
        respell("", parts.core, "noise");
      }
      if (auto fixed = FixEth(parts.core)) respell(parts.lead, *fixed, "foreign_char");
      bool has_digit = false;
      for (char ch : parts.core) has_digit = has_digit || (ch >= '0' && ch <= '9');
      if (has_digit) {
        bool symbol = false;
        if (auto fixed = impl_->FixDigits(parts.core, symbol)) {
          respell(parts.lead, *fixed, symbol ? "symbol" : "digit_confusion");
        }
      } else {
        const std::string next = i + 1 < page.words.size() && !EndsSentence(word.text)
                                     ? WordKey(page.words[i + 1].text)
                                     : std::string();
        if (auto c = impl_->CorrectWord(word, previous, next, sentence_start)) {
          c->word = index;
          word.text = c->after;
          out.push_back(std::move(*c));
        }
      }
    }
    // After a full stop, a colon or a dash, a capital opens a phrase, not a name.
    previous = EndsSentence(word.text) ? std::string() : WordKey(word.text);
    sentence_start = previous.empty();
    words.push_back(std::move(word));
  }
  page.words = std::move(words);
  impl_->CheckAmounts(page, out);
  std::stable_sort(out.begin(), out.end(), [](const Correction& a, const Correction& b) {
    return a.word < b.word;
  });
  return out;
}

}  // namespace thads::ocr
