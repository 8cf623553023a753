#include "ocr/syllable.h"

#include <unicode/uchar.h>

#include <array>
#include <unordered_map>
#include <unordered_set>

#include "text/utf8.h"

namespace thads::ocr {
namespace {

// Each vowel in its six tones (ngang, huyền, sắc, hỏi, ngã, nặng), lower and upper case.
constexpr std::array<std::u32string_view, 12> kLowerVowels = {
    U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ", U"êềếểễệ", U"iìíỉĩị",
    U"oòóỏõọ", U"ôồốổỗộ", U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ"};
constexpr std::array<std::u32string_view, 12> kUpperVowels = {
    U"AÀÁẢÃẠ", U"ĂẰẮẲẴẶ", U"ÂẦẤẨẪẬ", U"EÈÉẺẼẸ", U"ÊỀẾỂỄỆ", U"IÌÍỈĨỊ",
    U"OÒÓỎÕỌ", U"ÔỒỐỔỖỘ", U"ƠỜỚỞỠỢ", U"UÙÚỦŨỤ", U"ƯỪỨỬỮỰ", U"YỲÝỶỸỴ"};

class LetterTable {
 public:
  LetterTable() {
    for (std::size_t v = 0; v < kLowerVowels.size(); ++v) {
      for (int t = 0; t < kToneCount; ++t) {
        const Tone tone = static_cast<Tone>(t);
        Put(kLowerVowels[v][static_cast<std::size_t>(t)],
            {kLowerVowels[v][0], tone, false});
        Put(kUpperVowels[v][static_cast<std::size_t>(t)],
            {kLowerVowels[v][0], tone, true});
      }
    }
    for (char32_t c = U'a'; c <= U'z'; ++c) {
      if (!split_.count(c)) {
        Put(c, {c, Tone::kLevel, false});
        Put(c - 32, {c, Tone::kLevel, true});
      }
    }
    Put(U'đ', {U'đ', Tone::kLevel, false});
    Put(U'Đ', {U'đ', Tone::kLevel, true});
  }
  const Letter* Split(char32_t c) const {
    auto it = split_.find(c);
    return it == split_.end() ? nullptr : &it->second;
  }
  char32_t Join(const Letter& l) const {
    auto it = join_.find(Key(l));
    return it == join_.end() ? l.base : it->second;
  }

 private:
  static std::uint64_t Key(const Letter& l) {
    return (static_cast<std::uint64_t>(l.base) << 8) |
           (static_cast<std::uint64_t>(l.tone) << 1) | (l.upper ? 1u : 0u);
  }
  void Put(char32_t c, Letter l) {
    split_[c] = l;
    join_[Key(l)] = c;
  }
  std::unordered_map<char32_t, Letter> split_;
  std::unordered_map<std::uint64_t, char32_t> join_;
};

const LetterTable& Letters() {
  static const LetterTable table;
  return table;
}

// Rhymes (vần) without a medial, and those with the medial o/u, lower case,
// toneless. The inventory of standard Vietnamese spelling.
constexpr std::u32string_view kRhymes[] = {
    // a ă â
    U"a", U"ac", U"ach", U"ai", U"am", U"an", U"ang", U"anh", U"ao", U"ap", U"at", U"au",
    U"ay", U"ăc", U"ăm", U"ăn", U"ăng", U"ăp", U"ăt", U"âc", U"âm", U"ân", U"âng", U"âp",
    U"ât", U"âu", U"ây",
    // e ê
    U"e", U"ec", U"em", U"en", U"eng", U"eo", U"ep", U"et", U"ê", U"êch", U"êm", U"ên",
    U"ênh", U"êp", U"êt", U"êu",
    // i iê y yê
    U"i", U"ia", U"ich", U"im", U"in", U"inh", U"ip", U"it", U"iu", U"iêc", U"iêm",
    U"iên", U"iêng", U"iêp", U"iêt", U"iêu", U"y", U"yêm", U"yên", U"yêng", U"yêt",
    U"yêu",
    // o ô ơ
    U"o", U"oc", U"oi", U"om", U"on", U"ong", U"op", U"ot", U"ooc", U"oong", U"ô", U"ôc",
    U"ôi", U"ôm", U"ôn", U"ông", U"ôp", U"ôt", U"ơ", U"ơi", U"ơm", U"ơn", U"ơp", U"ơt",
    // u uô ư ươ
    U"u", U"ua", U"uc", U"ui", U"um", U"un", U"ung", U"up", U"ut", U"uôc", U"uôi", U"uôm",
    U"uôn", U"uông", U"uôt", U"ư", U"ưa", U"ưc", U"ưi", U"ưm", U"ưn", U"ưng", U"ưt",
    U"ưu", U"ươc", U"ươi", U"ươm", U"ươn", U"ương", U"ươp", U"ươt", U"ươu",
    // medial o: oa oă oe
    U"oa", U"oac", U"oach", U"oai", U"oam", U"oan", U"oang", U"oanh", U"oao", U"oap",
    U"oat", U"oay", U"oăc", U"oăm", U"oăn", U"oăng", U"oăt", U"oe", U"oen", U"oeo",
    U"oet",
    // medial u: uâ uê uơ uy uyê
    U"uân", U"uâng", U"uât", U"uây", U"uê", U"uêch", U"uênh", U"uơ", U"uy", U"uya",
    U"uych", U"uyên", U"uyêt", U"uynh", U"uyp", U"uyt", U"uyu"};

// Rhymes written after "qu" (whose u is the medial): "qua", "quân", "quốc", "quyết".
bool FollowsQu(std::u32string_view rhyme) {
  if (rhyme.empty()) return false;
  const char32_t first = rhyme[0];
  return first == U'a' || first == U'ă' || first == U'â' || first == U'e' ||
         first == U'ê' || first == U'i' || first == U'y' || first == U'ơ' ||
         first == U'ô';
}

constexpr std::u32string_view kOnsets[] = {
    U"ngh", U"ch", U"gh", U"gi", U"kh", U"ng", U"nh", U"ph", U"qu",
    U"th",  U"tr", U"b",  U"c",  U"d",  U"đ",  U"g",  U"h",  U"k",
    U"l",   U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v",  U"x"};

const std::unordered_set<std::u32string>& Rhymes() {
  static const std::unordered_set<std::u32string> set = [] {
    std::unordered_set<std::u32string> s;
    for (std::u32string_view r : kRhymes) s.emplace(r);
    return s;
  }();
  return set;
}

// oa oă oe and uâ uê uơ uy: the rhyme opens with the medial ("ua" is a
// diphthong: bùa, mua).
bool HasMedial(std::u32string_view rhyme) {
  if (rhyme.size() < 2) return false;
  if (rhyme[0] == U'o') return rhyme[1] == U'a' || rhyme[1] == U'ă' || rhyme[1] == U'e';
  if (rhyme[0] == U'u') {
    return rhyme[1] == U'â' || rhyme[1] == U'ê' || rhyme[1] == U'ơ' || rhyme[1] == U'y';
  }
  return false;
}

bool StartsFront(std::u32string_view rhyme) {
  return !rhyme.empty() &&
         (rhyme[0] == U'i' || rhyme[0] == U'e' || rhyme[0] == U'ê' || rhyme[0] == U'y');
}

bool EndsInStop(std::u32string_view rhyme) {
  if (rhyme.empty()) return false;
  const char32_t last = rhyme.back();
  return last == U'p' || last == U't' || last == U'c' ||
         (last == U'h' && rhyme.size() >= 2 && rhyme[rhyme.size() - 2] == U'c');
}

bool OnsetRhymeAllowed(std::u32string_view onset, std::u32string_view rhyme) {
  if (onset == U"qu") return FollowsQu(rhyme) && Rhymes().count(std::u32string(rhyme));
  if (!Rhymes().count(std::u32string(rhyme))) return false;
  const bool front = StartsFront(rhyme);
  // k, gh, ngh before i e ê y; c, g, ng never there.
  if (onset == U"k" || onset == U"gh" || onset == U"ngh") return front;
  if (onset == U"c" || onset == U"ng") return !front;
  if (onset == U"g") return !front || rhyme == U"i" || rhyme == U"in" || rhyme == U"it";
  if (HasMedial(rhyme) && (onset == U"b" || onset == U"m" || onset == U"p" ||
                           onset == U"v" || onset == U"ph")) {
    return false;
  }
  // "iê" opens a syllable only as "yê" (yên), and "yê" only there or after the medial.
  if (onset.empty()) return rhyme.substr(0, 2) != U"iê";
  return rhyme.substr(0, 2) != U"yê";
}

}  // namespace

std::optional<Letter> SplitLetter(char32_t c) {
  if (const Letter* l = Letters().Split(c)) return *l;
  return std::nullopt;
}

char32_t JoinLetter(const Letter& letter) { return Letters().Join(letter); }

bool IsVowelBase(char32_t base) {
  for (std::u32string_view v : kLowerVowels) {
    if (v[0] == base) return true;
  }
  return false;
}

bool IsSyllableSpelling(std::u32string_view bases, Tone tone) {
  if (bases.empty() || bases.size() > 8) return false;
  // After a stop coda (-p, -t, -c, -ch) only sắc and nặng.
  if (EndsInStop(bases) && tone != Tone::kAcute && tone != Tone::kDot) return false;
  if (OnsetRhymeAllowed(U"", bases)) return true;
  for (std::u32string_view onset : kOnsets) {
    if (bases.substr(0, onset.size()) != onset) continue;
    std::u32string_view rhyme = bases.substr(onset.size());
    if (onset == U"gi") {
      // "gia", "giữ"; and gi + iê written with one i: "giếng", "giêng".
      if (!rhyme.empty() && Rhymes().count(std::u32string(rhyme)) && rhyme[0] != U'i' &&
          !HasMedial(rhyme)) {
        return true;
      }
      if (Rhymes().count(U"i" + std::u32string(rhyme)) &&
          (rhyme.empty() || rhyme[0] == U'ê')) {
        return true;
      }
      continue;
    }
    if (OnsetRhymeAllowed(onset, rhyme)) return true;
  }
  return false;
}

std::vector<std::u32string> AllSyllableSpellings() {
  std::vector<std::u32string> out;
  std::unordered_set<std::u32string> seen;
  auto consider = [&](std::u32string spelling) {
    for (int t = 0; t < kToneCount; ++t) {
      if (IsSyllableSpelling(spelling, static_cast<Tone>(t))) {
        if (seen.insert(spelling).second) out.push_back(std::move(spelling));
        return;
      }
    }
  };
  for (std::u32string_view rhyme : kRhymes) {
    consider(std::u32string(rhyme));
    for (std::u32string_view onset : kOnsets) {
      consider(std::u32string(onset) + std::u32string(rhyme));
      // gi + iê, gi + i: "giêng", "gì", "gìn"
      if (onset == U"gi" && rhyme[0] == U'i') consider(U"g" + std::u32string(rhyme));
    }
  }
  return out;
}

std::string WriteWithTone(std::u32string_view bases, Tone tone, std::size_t index) {
  std::string out;
  for (std::size_t i = 0; i < bases.size(); ++i) {
    Letter l{bases[i], Tone::kLevel, false};
    if (i == index && IsVowelBase(bases[i])) l.tone = tone;
    text::AppendUtf8(JoinLetter(l), out);
  }
  return out;
}

bool IsSyllable(std::string_view word) {
  if (word.empty() || word.size() > 40) return false;
  std::u32string bases;
  Tone tone = Tone::kLevel;
  int toned = 0, upper = 0;
  bool first_upper = false;
  const std::u32string cps = text::DecodeUtf8(word);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const std::optional<Letter> l = SplitLetter(cps[i]);
    if (!l) return false;
    if (l->tone != Tone::kLevel) {
      tone = l->tone;
      ++toned;
    }
    if (l->upper) {
      ++upper;
      if (i == 0) first_upper = true;
    }
    bases.push_back(l->base);
  }
  if (toned > 1) return false;
  // lower case, Capitalized or ALL CAPS
  const int n = static_cast<int>(cps.size());
  if (!(upper == 0 || upper == n || (upper == 1 && first_upper))) return false;
  return IsSyllableSpelling(bases, tone);
}

TokenParts SplitToken(std::string_view token) {
  std::size_t first = std::string_view::npos, last_end = 0;
  std::size_t i = 0;
  while (i < token.size()) {
    const unsigned char c = static_cast<unsigned char>(token[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const std::size_t len = std::min(n, token.size() - i);
    const std::u32string cp = text::DecodeUtf8(token.substr(i, len));
    if (!cp.empty() && u_isalnum(static_cast<UChar32>(cp[0]))) {
      if (first == std::string_view::npos) first = i;
      last_end = i + len;
    }
    i += len;
  }
  if (first == std::string_view::npos) return {token, {}, {}};
  return {token.substr(0, first), token.substr(first, last_end - first),
          token.substr(last_end)};
}

}  // namespace thads::ocr
