#include "text/normalize.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <optional>
#include <unordered_map>
#include <vector>

namespace thads::text {
namespace {

const icu::Normalizer2& Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  // ICU's own data; failure here means a broken installation, not bad input.
  if (U_FAILURE(status) || nfc == nullptr) std::abort();
  return *nfc;
}

const icu::Normalizer2& Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || nfd == nullptr) std::abort();
  return *nfd;
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::UnicodeString FromUtf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// ---- Tone placement ------------------------------------------------------

// The five tone marks, as combining characters; index 0 is "no tone".
constexpr std::array<char32_t, 6> kToneMarks = {0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323};

// A vowel letter split into its toneless letter (keeping breve, circumflex,
// horn) and its tone index in kToneMarks.
struct VowelParts {
  char32_t toneless;
  int tone;
};

constexpr std::u32string_view kVowels = U"aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";

class ToneTable {
 public:
  ToneTable() {
    for (char32_t base : kVowels) {
      for (int tone = 0; tone < static_cast<int>(kToneMarks.size()); ++tone) {
        char32_t composed = Compose(base, tone);
        split_[composed] = {base, tone};
        join_[Key(base, tone)] = composed;
      }
    }
  }

  std::optional<VowelParts> Split(char32_t c) const {
    auto it = split_.find(c);
    if (it == split_.end()) return std::nullopt;
    return it->second;
  }
  char32_t Join(char32_t toneless, int tone) const { return join_.at(Key(toneless, tone)); }

 private:
  static std::uint64_t Key(char32_t base, int tone) {
    return (static_cast<std::uint64_t>(base) << 8) | static_cast<std::uint64_t>(tone);
  }
  static char32_t Compose(char32_t base, int tone) {
    if (tone == 0) return base;
    icu::UnicodeString s;
    s.append(static_cast<UChar32>(base));
    s.append(static_cast<UChar32>(kToneMarks[tone]));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString composed = Nfc().normalize(s, status);
    if (U_FAILURE(status) || composed.countChar32() != 1) std::abort();
    return static_cast<char32_t>(composed.char32At(0));
  }

  std::unordered_map<char32_t, VowelParts> split_;
  std::unordered_map<std::uint64_t, char32_t> join_;
};

const ToneTable& Tones() {
  static const ToneTable table;
  return table;
}

char32_t LowerAscii(char32_t c) { return (c >= U'A' && c <= U'Z') ? c + 32 : c; }

char32_t LowerToneless(char32_t c) {
  switch (c) {
    case U'Ă': return U'ă';
    case U'Â': return U'â';
    case U'Ê': return U'ê';
    case U'Ô': return U'ô';
    case U'Ơ': return U'ơ';
    case U'Ư': return U'ư';
    case U'Đ': return U'đ';
    default: return LowerAscii(c);
  }
}

bool IsMarkedVowel(char32_t lower) {
  return lower == U'ă' || lower == U'â' || lower == U'ê' || lower == U'ô' ||
         lower == U'ơ' || lower == U'ư';
}

bool IsVowel(char32_t lower) { return kVowels.substr(0, 12).find(lower) != std::u32string_view::npos; }

constexpr std::array<std::u32string_view, 27> kInitials = {
    U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"qu", U"th", U"tr",
    U"b", U"c", U"d", U"đ", U"g", U"h", U"k", U"l", U"m", U"n", U"p", U"r",
    U"s", U"t", U"v", U"x"};
constexpr std::array<std::u32string_view, 9> kFinals = {
    U"", U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};

// Re-places the tone of one word (code points, NFC) by the traditional rule.
// Words that are not a well-formed Vietnamese syllable are left alone.
void PlaceTone(std::u32string& word) {
  const ToneTable& tones = Tones();
  std::u32string lower(word.size(), 0);
  std::vector<VowelParts> parts(word.size(), VowelParts{0, 0});
  int tone = 0;
  std::size_t tone_count = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (auto p = tones.Split(word[i])) {
      parts[i] = *p;
      lower[i] = LowerToneless(p->toneless);
      if (p->tone != 0) {
        tone = p->tone;
        ++tone_count;
      }
    } else {
      parts[i] = {word[i], 0};
      lower[i] = LowerToneless(word[i]);
    }
  }
  if (tone_count != 1) return;

  std::u32string_view view(lower);
  std::size_t initial = 0;
  for (std::u32string_view candidate : kInitials) {
    if (view.substr(0, candidate.size()) == candidate) {
      initial = candidate.size();
      break;
    }
  }
  // "gì", "gìn": the i of "gi" is the vowel when nothing else is.
  if (view.substr(0, 2) == U"gi" && (view.size() == 2 || !IsVowel(view[2]))) initial = 1;

  std::size_t vowel_end = initial;
  while (vowel_end < view.size() && IsVowel(view[vowel_end])) ++vowel_end;
  const std::size_t cluster = vowel_end - initial;
  if (cluster == 0 || cluster > 3) return;
  const std::u32string_view final_consonant = view.substr(vowel_end);
  bool final_ok = false;
  for (std::u32string_view f : kFinals) final_ok = final_ok || f == final_consonant;
  if (!final_ok) return;

  std::size_t target = initial;
  std::optional<std::size_t> marked;
  for (std::size_t i = initial; i < vowel_end; ++i) {
    if (IsMarkedVowel(view[i])) marked = i;  // for "ươ" the later one, ơ, wins
  }
  if (marked) {
    target = *marked;
  } else if (!final_consonant.empty()) {
    target = vowel_end - 1;
  } else if (cluster == 3) {
    target = initial + 1;
  } else {
    target = initial;  // hòa, thủy, khỏe, mía, múa, tài
  }

  for (std::size_t i = 0; i < word.size(); ++i) {
    if (tones.Split(word[i])) word[i] = tones.Join(parts[i].toneless, i == target ? tone : 0);
  }
}

bool IsWordChar(char32_t c) {
  return u_isalpha(static_cast<UChar32>(c)) != 0;
}

// Search folding of one code point, appended to `out` (UTF-8). Marks vanish.
class FoldTable {
 public:
  FoldTable() {
    for (char32_t c = 0xC0; c < 0x250; ++c) Build(c);
    for (char32_t c = 0x1E00; c < 0x1F00; ++c) Build(c);
  }
  // Returns nullptr when `c` is not in the table.
  const std::string* Find(char32_t c) const {
    auto it = table_.find(c);
    return it == table_.end() ? nullptr : &it->second;
  }

 private:
  void Build(char32_t c) {
    if (c == U'đ' || c == U'Đ') {
      table_[c] = "d";
      return;
    }
    table_[c] = FoldSlow(c);
  }

 public:
  static std::string FoldSlow(char32_t c) {
    icu::UnicodeString s(static_cast<UChar32>(c));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString decomposed = Nfd().normalize(s, status);
    if (U_FAILURE(status)) return {};
    icu::UnicodeString kept;
    for (int32_t i = 0; i < decomposed.length();) {
      UChar32 cp = decomposed.char32At(i);
      if (u_charType(cp) != U_NON_SPACING_MARK) kept.append(cp);
      i += U16_LENGTH(cp);
    }
    kept.foldCase();
    return ToUtf8(kept);
  }

 private:
  std::unordered_map<char32_t, std::string> table_;
};

const FoldTable& Folds() {
  static const FoldTable table;
  return table;
}

}  // namespace

Result<std::string> CleanText(std::string_view bytes, std::string_view what, Utf8Mode mode) {
  if (mode == Utf8Mode::kRepair) return ToNfc(RepairUtf8(bytes));
  Status valid = ValidateUtf8(bytes, what);
  if (!valid.ok()) return valid;
  return ToNfc(bytes);
}

std::string ToNfc(std::string_view valid_utf8) {
  bool ascii = true;
  for (char c : valid_utf8) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(valid_utf8);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString nfc = Nfc().normalize(FromUtf8(valid_utf8), status);
  if (U_FAILURE(status)) return std::string(valid_utf8);
  return ToUtf8(nfc);
}

bool IsNfc(std::string_view valid_utf8) {
  UErrorCode status = U_ZERO_ERROR;
  UBool yes = Nfc().isNormalized(FromUtf8(valid_utf8), status);
  return U_SUCCESS(status) && yes;
}

std::string ToneKey(std::string_view valid_utf8) {
  const std::u32string text = DecodeUtf8(ToNfc(valid_utf8));
  std::u32string out;
  out.reserve(text.size());
  std::u32string word;
  auto flush = [&] {
    if (!word.empty()) {
      PlaceTone(word);
      out += word;
      word.clear();
    }
  };
  for (char32_t c : text) {
    if (IsWordChar(c)) {
      word.push_back(c);
    } else {
      flush();
      out.push_back(c);
    }
  }
  flush();
  return EncodeUtf8(out);
}

std::string FoldForSearch(std::string_view valid_utf8) {
  const FoldTable& folds = Folds();
  std::string out;
  out.reserve(valid_utf8.size());
  for (char32_t c : DecodeUtf8(valid_utf8)) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(LowerAscii(c)));
    } else if (c >= 0x300 && c < 0x370) {
      continue;  // combining marks (NFD input)
    } else if (const std::string* folded = folds.Find(c)) {
      out += *folded;
    } else {
      out += FoldTable::FoldSlow(c);
    }
  }
  return out;
}

std::string ToLowerVi(std::string_view valid_utf8) {
  icu::UnicodeString u = FromUtf8(valid_utf8);
  u.toLower(icu::Locale("vi"));
  return ToNfc(ToUtf8(u));
}

std::string ToUpperVi(std::string_view valid_utf8) {
  icu::UnicodeString u = FromUtf8(valid_utf8);
  u.toUpper(icu::Locale("vi"));
  return ToNfc(ToUtf8(u));
}

}  // namespace thads::text
