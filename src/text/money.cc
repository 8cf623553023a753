#include "text/money.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <array>
#include <optional>
#include <unordered_map>
#include <vector>

#include "text/utf8.h"

namespace thads::text {
namespace {

// An amount, in digits or words, is a short phrase; longer input is not an amount.
constexpr std::size_t kMaxInputBytes = 64 * 1024;
// Confidence factor for a word that matched only after dropping its marks.
constexpr double kNoMarksFactor = 0.95;  // written without any marks: "tram"
constexpr double kWrongMarksFactor = 0.85;  // marks present but wrong: "trám", "hai mười"
constexpr std::size_t kMaxQuotedChars = 40;

constexpr std::array<std::int64_t, 19> kPow10 = {
    1LL,
    10LL,
    100LL,
    1'000LL,
    10'000LL,
    100'000LL,
    1'000'000LL,
    10'000'000LL,
    100'000'000LL,
    1'000'000'000LL,
    10'000'000'000LL,
    100'000'000'000LL,
    1'000'000'000'000LL,
    10'000'000'000'000LL,
    100'000'000'000'000LL,
    1'000'000'000'000'000LL,
    10'000'000'000'000'000LL,
    100'000'000'000'000'000LL,
    1'000'000'000'000'000'000LL,
};
constexpr std::int64_t kBillion = 1'000'000'000;

constexpr std::array<const char*, 10> kDigitWords = {
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

// ---------------------------------------------------------------------------
// Text preparation

bool IsSpace(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || c == U'\u200B' || c == U'\uFEFF';
}

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Lowercase NFC code points of valid UTF-8; nullopt when ICU lacks its data.
std::optional<std::u32string> LowerNfc(std::string_view valid_utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(valid_utf8.data(), static_cast<std::int32_t>(valid_utf8.size())));
  u.toLower(icu::Locale::getRoot());
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::nullopt;
  const icu::UnicodeString normalized = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::nullopt;
  std::u32string out;
  out.reserve(static_cast<std::size_t>(normalized.length()));
  for (std::int32_t i = 0; i < normalized.length();) {
    const UChar32 c = normalized.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

// Validates outside input and returns it lowercase NFC. `what` names it in errors.
Result<std::u32string> Prepare(std::string_view text, const std::string& what) {
  if (text.size() > kMaxInputBytes) {
    return Status::Invalid(what + " is too long to be an amount (" +
                           std::to_string(text.size()) + " bytes)");
  }
  THADS_RETURN_IF_ERROR(ValidateUtf8(text, what));
  std::optional<std::u32string> lowered = LowerNfc(text);
  if (!lowered) {
    return Status::Error(StatusCode::kInternal, "Unicode normalization data is missing");
  }
  return std::move(*lowered);
}

bool IsOpening(char32_t c) {
  return IsSpace(c) || std::u32string_view(U"([{\"'\u201C\u2018\u00AB").find(c) !=
                           std::u32string_view::npos;
}

bool IsClosing(char32_t c) {
  return IsSpace(c) ||
         std::u32string_view(U")]}\"'\u201D\u2019\u00BB.,;:!/\u2026").find(c) !=
             std::u32string_view::npos;
}

// Drops opening brackets and quotes in front, and closing ones plus sentence
// punctuation ("./." included) behind.
std::u32string_view Trim(std::u32string_view s) {
  std::size_t begin = 0;
  std::size_t end = s.size();
  while (begin < end && IsOpening(s[begin])) ++begin;
  while (end > begin && IsClosing(s[end - 1])) --end;
  return s.substr(begin, end - begin);
}

// `s` in double quotes, cut after kMaxQuotedChars code points.
std::string Quote(std::u32string_view s) {
  std::string out = "\"";
  const std::size_t shown = std::min(s.size(), kMaxQuotedChars);
  out += EncodeUtf8(s.substr(0, shown));
  if (shown < s.size()) out += "\u2026";
  out += '"';
  return out;
}

// ---------------------------------------------------------------------------
// Lexicon of amount words

enum class WordKind {
  kDigit,      // không .. chín, with variants
  kHundred,    // trăm
  kTen,        // mười: 10
  kTens,       // mươi: times ten
  kTenOrTens,  // "muoi" without marks: decided by the word before it
  kChuc,       // chục: times ten
  kLinh,       // linh, lẻ: zero tens
  kScale,      // nghìn, triệu, tỷ
  kUnit,       // đồng
  kChan,       // chẵn
};

enum class DigitForm {
  kPlain,
  kMot,     // mốt: 1 after mươi
  kTu,      // tư: 4 after mươi, or alone
  kLam,     // lăm, nhăm: 5 after mươi or mười
  kAnyOne,  // "mot" without marks: một or mốt
};

struct Lexeme {
  WordKind kind;
  int value;  // digit value, or the power of ten of a scale
  DigitForm form;
};

struct LexiconEntry {
  const char* spelling;  // lowercase
  Lexeme lexeme;
};

constexpr LexiconEntry kLexicon[] = {
    {"không", {WordKind::kDigit, 0, DigitForm::kPlain}},
    {"một", {WordKind::kDigit, 1, DigitForm::kPlain}},
    {"mốt", {WordKind::kDigit, 1, DigitForm::kMot}},
    {"hai", {WordKind::kDigit, 2, DigitForm::kPlain}},
    {"ba", {WordKind::kDigit, 3, DigitForm::kPlain}},
    {"bốn", {WordKind::kDigit, 4, DigitForm::kPlain}},
    {"tư", {WordKind::kDigit, 4, DigitForm::kTu}},
    {"năm", {WordKind::kDigit, 5, DigitForm::kPlain}},
    {"lăm", {WordKind::kDigit, 5, DigitForm::kLam}},
    {"nhăm", {WordKind::kDigit, 5, DigitForm::kLam}},
    {"sáu", {WordKind::kDigit, 6, DigitForm::kPlain}},
    {"bảy", {WordKind::kDigit, 7, DigitForm::kPlain}},
    {"bẩy", {WordKind::kDigit, 7, DigitForm::kPlain}},
    {"tám", {WordKind::kDigit, 8, DigitForm::kPlain}},
    {"chín", {WordKind::kDigit, 9, DigitForm::kPlain}},
    {"trăm", {WordKind::kHundred, 0, DigitForm::kPlain}},
    {"mười", {WordKind::kTen, 0, DigitForm::kPlain}},
    {"mươi", {WordKind::kTens, 0, DigitForm::kPlain}},
    {"chục", {WordKind::kChuc, 0, DigitForm::kPlain}},
    {"linh", {WordKind::kLinh, 0, DigitForm::kPlain}},
    {"lẻ", {WordKind::kLinh, 0, DigitForm::kPlain}},
    {"nghìn", {WordKind::kScale, 3, DigitForm::kPlain}},
    {"ngàn", {WordKind::kScale, 3, DigitForm::kPlain}},
    {"triệu", {WordKind::kScale, 6, DigitForm::kPlain}},
    {"tỷ", {WordKind::kScale, 9, DigitForm::kPlain}},
    {"tỉ", {WordKind::kScale, 9, DigitForm::kPlain}},
    {"đồng", {WordKind::kUnit, 0, DigitForm::kPlain}},
    {"đ", {WordKind::kUnit, 0, DigitForm::kPlain}},
    {"vnđ", {WordKind::kUnit, 0, DigitForm::kPlain}},
    {"vnd", {WordKind::kUnit, 0, DigitForm::kPlain}},
    {"chẵn", {WordKind::kChan, 0, DigitForm::kPlain}},
};

// Letters without tone and vowel marks, đ -> d: "mười" -> "muoi".
std::string FoldMarks(std::u32string_view word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  std::string out;
  for (const char32_t c : word) {
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    if (c == U'đ' || c == U'\u00F0') {  // ð: a common stand-in for đ in old files
      out += 'd';
      continue;
    }
    const UChar32 u = static_cast<UChar32>(c);
    if (u_getCombiningClass(u) != 0 || u_charType(u) == U_NON_SPACING_MARK) continue;
    icu::UnicodeString decomposition;
    if (U_SUCCESS(status) && nfd->getDecomposition(u, decomposition) &&
        decomposition.length() > 0) {
      AppendUtf8(static_cast<char32_t>(decomposition.char32At(0)), out);
    } else {
      AppendUtf8(c, out);
    }
  }
  return out;
}

struct WordMatch {
  Lexeme lexeme;
  bool exact;     // spelled exactly as in the lexicon
  double factor;  // confidence factor of the spelling
};

class Lexicon {
 public:
  static const Lexicon& Get() {
    static const Lexicon lexicon;
    return lexicon;
  }

  // `word` is lowercase NFC.
  std::optional<WordMatch> Find(std::u32string_view word) const {
    if (const auto it = exact_.find(EncodeUtf8(word)); it != exact_.end()) {
      return WordMatch{it->second, true, 1.0};
    }
    const auto it = folded_.find(FoldMarks(word));
    if (it == folded_.end()) return std::nullopt;
    bool has_marks = false;
    for (const char32_t c : word) has_marks = has_marks || c >= 0x80;
    return WordMatch{it->second, false, has_marks ? kWrongMarksFactor : kNoMarksFactor};
  }

 private:
  Lexicon() {
    for (const LexiconEntry& entry : kLexicon) {
      const std::optional<std::u32string> lowered = LowerNfc(entry.spelling);
      const std::u32string word = lowered ? *lowered : DecodeUtf8(entry.spelling);
      exact_.emplace(EncodeUtf8(word), entry.lexeme);
      const auto [it, inserted] = folded_.emplace(FoldMarks(word), entry.lexeme);
      if (inserted) continue;
      Lexeme& known = it->second;
      // "mot" is một or mốt; "muoi" is mười or mươi.
      if (known.kind == WordKind::kDigit && entry.lexeme.kind == WordKind::kDigit &&
          known.value == entry.lexeme.value && known.form != entry.lexeme.form) {
        known.form = DigitForm::kAnyOne;
      } else if (known.kind != entry.lexeme.kind) {
        known.kind = WordKind::kTenOrTens;
      }
    }
  }

  std::unordered_map<std::string, Lexeme> exact_;
  std::unordered_map<std::string, Lexeme> folded_;
};

// ---------------------------------------------------------------------------
// Reading words

// A left-to-right reader of one amount in words. Feed every word, then Finish.
class WordsReader {
 public:
  Status Feed(std::u32string_view word, const WordMatch& match) {
    ++word_index_;
    word_ = EncodeUtf8(word);
    confidence_ *= match.factor;
    Status status = FeedWord(match);
    prev_prev_word_ = std::move(prev_word_);
    prev_word_ = word_;
    return status;
  }

  Result<MoneyWords> Finish() {
    if (word_index_ == 0) return Status::Invalid("amount in words is empty");
    if (phase_ == Phase::kNumber) THADS_RETURN_IF_ERROR(EndNumber());
    return MoneyWords{value_, confidence_};
  }

 private:
  enum class Phase { kNumber, kUnit, kChan };
  // Where the current group of three digits stands.
  enum class State {
    kStart,    // nothing of the group yet
    kDigit,    // a digit whose role the next word decides
    kHundred,  // "<d> trăm"
    kLinh,     // "... linh", a digit must follow
    kTen,      // "mười"
    kTens,     // "<d> mươi"
    kDone,     // the units digit is read
  };

  Status FeedWord(const WordMatch& match) {
    const Lexeme& lexeme = match.lexeme;
    if (phase_ == Phase::kUnit && lexeme.kind == WordKind::kChan) {
      phase_ = Phase::kChan;
      return Status::Ok();
    }
    if (phase_ != Phase::kNumber) {
      return Error(Quoted(word_) + " cannot come after " + Quoted(prev_word_) +
                   ", which ends the amount");
    }
    switch (lexeme.kind) {
      case WordKind::kDigit:
        return OnDigit(lexeme, match.exact);
      case WordKind::kHundred:
        return OnHundred();
      case WordKind::kTen:
      case WordKind::kTens:
      case WordKind::kTenOrTens:
      case WordKind::kChuc:
        return OnTen(lexeme.kind, match.exact);
      case WordKind::kLinh:
        return OnLinh();
      case WordKind::kScale:
        return OnScale(lexeme.value);
      case WordKind::kUnit:
        THADS_RETURN_IF_ERROR(EndNumber());
        phase_ = Phase::kUnit;
        return Status::Ok();
      case WordKind::kChan:
        THADS_RETURN_IF_ERROR(EndNumber());
        phase_ = Phase::kChan;
        return Status::Ok();
    }
    return Error("internal error at " + Quoted(word_));
  }

  Status OnDigit(const Lexeme& lexeme, bool exact) {
    const int d = lexeme.value;
    // "mốt" is only right after "mươi"; elsewhere it is "một" with a wrong mark.
    if (exact && lexeme.form == DigitForm::kMot && state_ != State::kTens) {
      confidence_ *= kWrongMarksFactor;
    }
    if (lexeme.form == DigitForm::kLam && state_ != State::kTen &&
        state_ != State::kTens) {
      return Error(Quoted(word_) + " is only used after \"mươi\" or \"mười\"");
    }
    switch (state_) {
      case State::kStart:
      case State::kHundred:
        if (state_ == State::kHundred && d == 0) return CannotFollow();
        digit_after_hundred_ = state_ == State::kHundred;
        digit_ = d;
        digit_form_ = lexeme.form;
        digit_word_ = word_;
        state_ = State::kDigit;
        started_ = true;
        return Status::Ok();
      case State::kLinh:
      case State::kTen:
      case State::kTens:
        if (d == 0) return CannotFollow();
        group_ += d;
        state_ = State::kDone;
        return Status::Ok();
      case State::kDigit:
      case State::kDone:
        return CannotFollow();
    }
    return CannotFollow();
  }

  Status OnHundred() {
    if (state_ == State::kStart) {
      return Error("a digit must come before " + Quoted(word_) + " (\"một trăm\")");
    }
    if (state_ != State::kDigit || digit_after_hundred_) return CannotFollow();
    if (digit_form_ == DigitForm::kTu) return NotBefore("bốn");
    group_ = digit_ * 100;
    state_ = State::kHundred;
    return Status::Ok();
  }

  Status OnTen(WordKind kind, bool exact) {
    const bool times_ten = state_ == State::kDigit;
    if (kind == WordKind::kChuc && !times_ten) {
      return Error("a digit must come before " + Quoted(word_) + " (\"hai chục\")");
    }
    // "hai mười" and "mươi" alone are read, with the mark counted as wrong.
    if (exact && ((kind == WordKind::kTen && times_ten) ||
                  (kind == WordKind::kTens && !times_ten))) {
      confidence_ *= kWrongMarksFactor;
    }
    if (times_ten) {
      if (digit_ == 0 || digit_form_ == DigitForm::kTu) return NotBefore("bốn");
      if (digit_ == 1 && kind == WordKind::kTens && exact) {
        confidence_ *= kWrongMarksFactor;  // "một mươi" for "mười"
      }
      group_ += digit_ * 10;
      state_ = State::kTens;
      return Status::Ok();
    }
    if (state_ != State::kStart && state_ != State::kHundred) return CannotFollow();
    group_ += 10;
    state_ = State::kTen;
    started_ = true;
    return Status::Ok();
  }

  Status OnLinh() {
    if (state_ == State::kHundred || (state_ == State::kStart && started_)) {
      state_ = State::kLinh;
      return Status::Ok();
    }
    if (!started_) return Error("an amount cannot start with " + Quoted(word_));
    return CannotFollow();
  }

  Status OnScale(int power) {
    std::optional<int> group;
    THADS_RETURN_IF_ERROR(EndGroup(/*at_end=*/false, group));
    if (power == 9) {
      if (seen_billion_) {
        return Error(
            Quoted(word_) +
            " can appear only once; amounts go up to 999.999.999.999.999.999 đồng");
      }
      if (!group && tier_ == 0) return NeedsNumber();
      billions_ = tier_ + group.value_or(0);
      if (billions_ == 0) return ZeroBefore();
      seen_billion_ = true;
      tier_ = 0;
      last_power_ = 0;
    } else {
      if (last_power_ != 0 && last_power_ <= power) {
        return Error(Quoted(word_) + " cannot come after " + Quoted(last_scale_word_));
      }
      if (!group) return NeedsNumber();
      if (*group == 0) return ZeroBefore();
      tier_ += *group * kPow10.at(static_cast<std::size_t>(power));
      last_power_ = power;
    }
    last_scale_word_ = word_;
    state_ = State::kStart;
    group_ = 0;
    return Status::Ok();
  }

  // Closes the current group; `group` stays empty when nothing of it was read.
  Status EndGroup(bool at_end, std::optional<int>& group) {
    switch (state_) {
      case State::kStart:
        return Status::Ok();
      case State::kLinh:
        return Error("a digit must follow " + Quoted(prev_word_));
      case State::kDigit:
        if (digit_after_hundred_) {
          return Error(Quoted(digit_word_) +
                       " right after \"trăm\" is ambiguous: write \"linh " +
                       kDigitWords.at(static_cast<std::size_t>(digit_)) + "\" or \"" +
                       kDigitWords.at(static_cast<std::size_t>(digit_)) + " mươi\"");
        }
        if (at_end && digit_ == 0 && (tier_ > 0 || seen_billion_)) {
          return Error(Quoted(digit_word_) + " must be followed by \"trăm\"");
        }
        if (at_end && (tier_ > 0 || seen_billion_)) {
          return Error(Quoted(digit_word_) + " right after " + Quoted(last_scale_word_) +
                       " is ambiguous: write \"không trăm linh " +
                       kDigitWords.at(static_cast<std::size_t>(digit_)) +
                       "\" or the full number");
        }
        if (!at_end && digit_form_ == DigitForm::kTu) return NotBefore("bốn");
        group = digit_;
        return Status::Ok();
      case State::kHundred:
      case State::kTen:
      case State::kTens:
      case State::kDone:
        group = group_;
        return Status::Ok();
    }
    return Status::Ok();
  }

  Status EndNumber() {
    if (!started_) return Error("no number before " + Quoted(word_));
    std::optional<int> group;
    THADS_RETURN_IF_ERROR(EndGroup(/*at_end=*/true, group));
    value_ = billions_ * kBillion + tier_ + group.value_or(0);
    return Status::Ok();
  }

  Status Error(const std::string& what) const {
    return Status::Invalid("amount in words: " + what + " (word " +
                           std::to_string(word_index_) + ")");
  }
  // Names the current word and the two before it: "mươi" cannot follow "mười hai".
  Status CannotFollow() const {
    const std::string before =
        prev_prev_word_.empty() ? prev_word_ : prev_prev_word_ + " " + prev_word_;
    return Error(Quoted(word_) + " cannot follow " + Quoted(before));
  }
  Status NeedsNumber() const {
    return Error("a number must come before " + Quoted(word_));
  }
  Status ZeroBefore() const {
    return Error("the number before " + Quoted(word_) + " is zero");
  }
  // "tư" (or "không") used where the plain digit belongs.
  Status NotBefore(const char* instead) const {
    const std::string& digit = state_ == State::kDigit ? digit_word_ : prev_word_;
    if (digit_ == 0) return Error(Quoted(digit) + " cannot come before " + Quoted(word_));
    return Error(Quoted(digit) + " cannot come before " + Quoted(word_) + "; write \"" +
                 instead + " " + word_ + "\"");
  }
  static std::string Quoted(const std::string& word) { return Quote(DecodeUtf8(word)); }

  Phase phase_ = Phase::kNumber;
  State state_ = State::kStart;
  bool started_ = false;  // a number word was read
  int digit_ = 0;         // in State::kDigit
  DigitForm digit_form_ = DigitForm::kPlain;
  bool digit_after_hundred_ = false;
  std::string digit_word_;
  int group_ = 0;          // value of the current group so far
  std::int64_t tier_ = 0;  // triệu and nghìn below the current tỷ
  int last_power_ = 0;     // last scale in the tier: 6, 3 or 0 for none
  std::string last_scale_word_;
  std::int64_t billions_ = 0;  // count of tỷ
  bool seen_billion_ = false;
  std::int64_t value_ = 0;
  double confidence_ = 1.0;
  int word_index_ = 0;
  std::string word_;
  std::string prev_word_;
  std::string prev_prev_word_;
};

// ---------------------------------------------------------------------------
// Writing words

void AppendWord(std::string_view word, std::string& out) {
  if (!out.empty() && out.back() != ' ') out += ' ';
  out += word;
}

// Appends a group 1..999; `full` reads it with "không trăm" and "linh".
void AppendGroup(int group, bool full, std::string& out) {
  const int hundreds = group / 100;
  const int tens = group / 10 % 10;
  const int units = group % 10;
  const auto digit = [](int d) { return kDigitWords.at(static_cast<std::size_t>(d)); };
  if (full || hundreds > 0) {
    AppendWord(digit(hundreds), out);
    AppendWord("trăm", out);
  }
  if (tens == 0) {
    if (units == 0) return;
    if (full || hundreds > 0) AppendWord("linh", out);
    AppendWord(digit(units), out);
    return;
  }
  if (tens == 1) {
    AppendWord("mười", out);
  } else {
    AppendWord(digit(tens), out);
    AppendWord("mươi", out);
  }
  if (units == 0) return;
  if (units == 5) {
    AppendWord("lăm", out);
  } else if (tens >= 2 && units == 1) {
    AppendWord("mốt", out);
  } else if (tens >= 2 && units == 4) {
    AppendWord("tư", out);
  } else {
    AppendWord(digit(units), out);
  }
}

// Appends n > 0 in words. Above 10^18 the tỷ repeats: 10^18 is "một tỷ tỷ".
void AppendNumber(std::uint64_t n, std::string& out) {
  const auto billion = static_cast<std::uint64_t>(kBillion);
  const std::array<std::uint64_t, 3> tiers = {n / billion / billion,
                                              n / billion % billion, n % billion};
  const std::array<const char*, 3> scales = {"triệu", "nghìn", ""};
  bool started = false;  // a group has been read: later groups are read in full
  for (std::size_t tier = 0; tier < tiers.size(); ++tier) {
    const std::uint64_t t = tiers.at(tier);
    if (t == 0) continue;
    const std::array<std::uint64_t, 3> groups = {t / 1'000'000, t / 1'000 % 1'000,
                                                 t % 1'000};
    for (std::size_t k = 0; k < groups.size(); ++k) {
      if (groups.at(k) == 0) continue;
      AppendGroup(static_cast<int>(groups.at(k)), started, out);
      if (*scales.at(k) != '\0') AppendWord(scales.at(k), out);
      started = true;
    }
    for (std::size_t k = tier + 1; k < tiers.size(); ++k) AppendWord("tỷ", out);
  }
}

std::uint64_t Magnitude(std::int64_t value) {
  return value < 0 ? 0 - static_cast<std::uint64_t>(value)
                   : static_cast<std::uint64_t>(value);
}

// ---------------------------------------------------------------------------
// Reading digits

// Reads a run of ASCII digits at `pos` into `acc`; returns the run length.
// `overflow` turns true when acc would pass kMaxMoney.
std::size_t ReadDigitRun(std::u32string_view s, std::size_t& pos, std::int64_t& acc,
                         bool& overflow) {
  const std::size_t start = pos;
  while (pos < s.size() && IsAsciiDigit(s[pos])) {
    const int d = static_cast<int>(s[pos] - U'0');
    if (acc > (kMaxMoney - d) / 10) {
      overflow = true;
    } else {
      acc = acc * 10 + d;
    }
    ++pos;
  }
  return pos - start;
}

std::size_t SkipSpaces(std::u32string_view s, std::size_t pos) {
  while (pos < s.size() && IsSpace(s[pos])) ++pos;
  return pos;
}

}  // namespace

Result<std::int64_t> ParseMoneyDigits(std::string_view text) {
  Result<std::u32string> prepared = Prepare(text, "amount");
  if (!prepared.ok()) return prepared.status();
  const std::u32string_view s = Trim(*prepared);
  if (s.empty()) return Status::Invalid("amount is empty");
  const std::string shown = Quote(s);
  const auto fail = [&](const std::string& why) {
    return Status::Invalid("amount " + shown + ": " + why);
  };
  const std::string too_large =
      "too large; amounts go up to 999.999.999.999.999.999 đồng";

  if (s[0] == U'-' || s[0] == U'\u2212') return fail("an amount cannot be negative");
  if (!IsAsciiDigit(s[0])) return fail("it must start with a digit");

  // Integer part: plain digits, or groups of three after "." or a space.
  std::int64_t integer = 0;
  bool overflow = false;
  std::size_t pos = 0;
  const std::size_t first_run = ReadDigitRun(s, pos, integer, overflow);
  while (pos < s.size()) {
    std::size_t next = SkipSpaces(s, pos);
    const bool dot = next < s.size() && s[next] == U'.';
    if (dot) next = SkipSpaces(s, next + 1);
    const bool digits_follow = next < s.size() && IsAsciiDigit(s[next]);
    if (!digits_follow) {
      if (dot) return fail("three digits must follow \".\"");
      break;
    }
    if (!dot && next == pos) break;  // cannot happen: a run ends at a non-digit
    if (first_run > 3) {
      return fail("a thousands group has at most three digits (\"" +
                  EncodeUtf8(s.substr(0, first_run)) + "\")");
    }
    pos = next;
    const std::size_t run = ReadDigitRun(s, pos, integer, overflow);
    if (run != 3) {
      return fail("each group after the first must have three digits (\"" +
                  EncodeUtf8(s.substr(next, run)) + "\"); \",\" starts decimals");
    }
  }
  if (overflow) return fail(too_large);

  // Decimals after ",".
  std::u32string_view fraction;
  if (pos < s.size() && s[pos] == U',') {
    const std::size_t start = ++pos;
    while (pos < s.size() && IsAsciiDigit(s[pos])) ++pos;
    if (pos == start) return fail("a digit must follow \",\"");
    fraction = s.substr(start, pos - start);
    if (pos < s.size() && (s[pos] == U'.' || s[pos] == U',')) {
      return fail(
          "\".\" separates thousands and \",\" decimals, as in 1.500.000 or 1,5 triệu");
    }
    // "150,000" and "1,500 tỷ" are most likely thousands written the English way.
    if (fraction.size() == 3) {
      return fail("\"," + EncodeUtf8(fraction) +
                  "\" is ambiguous: write \".\" between thousands (1.500) or fewer "
                  "decimals (1,5)");
    }
  }

  // Words after the number: a multiplier, the currency, "chẵn".
  int power = 0;
  std::vector<int> scales;
  std::u32string scale_words;
  bool seen_unit = false;
  bool seen_chan = false;
  pos = SkipSpaces(s, pos);
  while (pos < s.size()) {
    std::size_t end = pos;
    while (end < s.size() && !IsSpace(s[end])) ++end;
    const std::u32string_view word = s.substr(pos, end - pos);
    const std::optional<WordMatch> match = Lexicon::Get().Find(word);
    if (!match) return fail(Quote(word) + " is not part of an amount in digits");
    const WordKind kind = match->lexeme.kind;
    if (kind == WordKind::kScale && !seen_unit && !seen_chan) {
      scales.push_back(match->lexeme.value);
      if (!scale_words.empty()) scale_words += U' ';
      scale_words += word;
    } else if (kind == WordKind::kUnit && !seen_unit && !seen_chan) {
      seen_unit = true;
    } else if (kind == WordKind::kChan && !seen_chan) {
      seen_chan = true;
    } else {
      return fail(Quote(word) + " is not part of an amount in digits");
    }
    pos = SkipSpaces(s, end);
  }
  if (scales.size() == 1) {
    power = scales[0];
  } else if (scales.size() == 2 && scales[0] < 9 && scales[1] == 9) {
    power = scales[0] + scales[1];  // nghìn tỷ, triệu tỷ
  } else if (!scales.empty()) {
    return fail(Quote(scale_words) + " is not a valid multiplier");
  }

  // Whole đồng only: the decimals must vanish once multiplied.
  while (!fraction.empty() && fraction.back() == U'0') fraction.remove_suffix(1);
  if (fraction.size() > static_cast<std::size_t>(power)) {
    return fail(power == 0 ? "fractions of a đồng are not allowed"
                           : "this is not a whole number of đồng");
  }
  std::int64_t fraction_value = 0;
  for (const char32_t c : fraction) fraction_value = fraction_value * 10 + (c - U'0');
  fraction_value *= kPow10.at(static_cast<std::size_t>(power) - fraction.size());
  const std::int64_t multiplier = kPow10.at(static_cast<std::size_t>(power));
  if (integer > (kMaxMoney - fraction_value) / multiplier) return fail(too_large);
  return integer * multiplier + fraction_value;
}

Result<MoneyWords> ParseMoneyWords(std::string_view text) {
  Result<std::u32string> prepared = Prepare(text, "amount in words");
  if (!prepared.ok()) return prepared.status();
  const std::u32string_view s = Trim(*prepared);
  const Lexicon& lexicon = Lexicon::Get();
  WordsReader reader;
  int word_number = 0;
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (IsSpace(s[pos]) || s[pos] == U',') {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < s.size() && !IsSpace(s[end]) && s[end] != U',') ++end;
    const std::u32string_view word = s.substr(pos, end - pos);
    const std::optional<WordMatch> match = lexicon.Find(word);
    ++word_number;
    if (!match) {
      return Status::Invalid("amount in words: " + Quote(word) +
                             " is not a number word (word " +
                             std::to_string(word_number) + ")");
    }
    THADS_RETURN_IF_ERROR(reader.Feed(word, *match));
    pos = end;
  }
  return reader.Finish();
}

std::string NumberToWords(std::int64_t value) {
  if (value == 0) return kDigitWords[0];
  std::string out = value < 0 ? "âm" : "";
  AppendNumber(Magnitude(value), out);
  return out;
}

std::string MoneyToWords(std::int64_t vnd) {
  std::u32string words = DecodeUtf8(NumberToWords(vnd));
  words.front() = static_cast<char32_t>(u_toupper(static_cast<UChar32>(words.front())));
  return EncodeUtf8(words) + " đồng";
}

std::string FormatThousands(std::int64_t value) {
  const std::string digits = std::to_string(Magnitude(value));
  std::string out = value < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

std::string FormatMoney(std::int64_t vnd) { return FormatThousands(vnd) + " đồng"; }

}  // namespace thads::text
