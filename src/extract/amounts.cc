// Amounts of money in an operative part: digits with their currency, the words in
// brackets after them, and the cross-check of the two with the text core's parser.
#include <array>

#include "extract/internal.h"
#include "text/money.h"

namespace thads::extract {
namespace {

constexpr std::size_t kMaxDigitsKey = 40;
constexpr std::size_t kMaxWordsKey = 260;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Letters OCR puts for digits: O/o for 0, l/I for 1.
bool IsDigitLookalike(char c) { return c == 'o' || c == 'l' || c == 'i'; }

// Words that may open an amount in words (folded).
constexpr std::array<std::string_view, 15> kNumberWords = {
    "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi", "tram",
    "khong", "nghin", "ngan", "trieu"};

bool NumberWordAt(std::string_view key, std::size_t pos, std::size_t to) {
  for (std::string_view w : kNumberWords) {
    if (PhraseAt(key, w, pos, to)) return true;
  }
  return false;
}

// The currency after an amount in digits: "đồng", "đ", "VNĐ", "triệu đồng", ...
// Returns its end, or pos when there is none; *unit_begin is where it starts.
std::size_t CurrencyEnd(std::string_view key, std::size_t pos, std::size_t to,
                        std::size_t* unit_begin) {
  std::size_t p = SkipSpaces(key, pos, to);
  // A speck read between the digits and the currency: "300.000 “đồng".
  while (p < to && IsSpeckByte(key[p])) p = SkipSpaces(key, p + 1, to);
  *unit_begin = p;
  std::size_t end = 0;
  for (std::string_view scale : {"trieu", "ty", "ti", "nghin", "ngan"}) {
    if (PhraseAt(key, scale, p, to, &end)) {
      const std::size_t q = SkipSpaces(key, end, to);
      std::size_t unit_end = 0;
      for (std::string_view unit : {"dong", "vnd", "d"}) {
        if (PhraseAt(key, unit, q, to, &unit_end)) return unit_end;
      }
      return end;
    }
  }
  for (std::string_view unit : {"dong", "vnd", "d"}) {
    if (PhraseAt(key, unit, p, to, &end)) return end;
  }
  // "150.000.000đ" written without a space.
  if (p == pos && p < to && key[p] == 'd' && (p + 1 >= to || !IsWordByte(key[p + 1]))) {
    return p + 1;
  }
  return pos;
}

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

// Exactly three digits at key[pos], then no digit: a thousands group.
bool ThreeDigitsAt(std::string_view key, std::size_t pos, std::size_t to) {
  return pos + 3 <= to && IsDigit(key[pos]) && IsDigit(key[pos + 1]) && IsDigit(key[pos + 2]) &&
         (pos + 3 == to || !IsDigit(key[pos + 3]));
}

}  // namespace

std::vector<Amount> FindAmounts(const PreparedText& text, std::size_t from, std::size_t to) {
  const std::string& key = text.key();
  to = std::min(to, key.size());
  std::vector<Amount> amounts;
  std::size_t i = from;
  while (i < to) {
    // Not inside a number or a word; a '.' glued between a word and the digits is
    // a speck ("phải chịu.4.728.100 đồng").
    const bool speck_before = i >= from + 2 && (key[i - 1] == '.' || key[i - 1] == ',') &&
                              key[i - 2] >= 'a' && key[i - 2] <= 'z';
    if (!IsDigit(key[i]) ||
        (i > from && !speck_before &&
         (IsWordByte(key[i - 1]) || key[i - 1] == '.' || key[i - 1] == ',' || key[i - 1] == '/'))) {
      ++i;
      continue;
    }
    // The digits: groups with '.', a ',' before decimals, OCR look-alikes between
    // digits, a space after a '.' (a line broken inside the number).
    std::size_t p = i;
    bool lookalike = false;
    bool misread_separator = false;
    const std::size_t limit = std::min(to, i + kMaxDigitsKey);
    while (p < limit) {
      const char c = key[p];
      if (IsDigit(c)) {
        ++p;
      } else if ((c == '.' || c == ',') && p + 1 < limit &&
                 (IsDigit(key[p + 1]) || IsDigitLookalike(key[p + 1]))) {
        ++p;
      } else if ((c == ':' || c == ';') && ThreeDigitsAt(key, p + 1, limit)) {
        misread_separator = true;  // "10.000:000": a ':' read for a '.'
        lookalike = true;
        ++p;
      } else if (c == '.' && p + 2 < limit && IsSpaceByte(key[p + 1]) && IsDigit(key[p + 2])) {
        p += 2;
      } else if (IsDigitLookalike(c) && p + 1 < limit &&
                 (IsDigit(key[p + 1]) || key[p + 1] == '.' || IsDigitLookalike(key[p + 1])) &&
                 (IsDigit(key[p - 1]) || key[p - 1] == '.')) {
        lookalike = true;
        ++p;
      } else {
        break;
      }
    }
    const std::size_t digits_end = p;
    std::size_t unit_begin = digits_end;
    std::size_t currency_end = CurrencyEnd(key, digits_end, to, &unit_begin);
    // Words in brackets: "(Một trăm năm mươi triệu đồng)", "(bằng chữ: ...)".
    std::size_t q = currency_end;
    bool monthly = false;
    {
      std::size_t m = SkipSpaces(key, q, to);
      std::size_t end = 0;
      if (m < to && key[m] == '/') {
        const std::size_t n = SkipSpaces(key, m + 1, to);
        std::size_t n2 = n;
        while (n2 < to && IsDigit(key[n2])) ++n2;  // "/01 tháng"
        n2 = SkipSpaces(key, n2, to);
        if (PhraseAt(key, "thang", n2, to, &end)) {
          monthly = true;
          q = end;
        }
      }
    }
    std::size_t words_begin = kNpos;
    std::size_t words_end = kNpos;
    std::size_t close = kNpos;
    {
      std::size_t m = SkipSpaces(key, q, to);
      if (m < to && key[m] == ',') m = SkipSpaces(key, m + 1, to);
      if (m < to && key[m] == '(') {
        std::size_t b = SkipSpaces(key, m + 1, to);
        std::size_t end = 0;
        if (PhraseAt(key, "bang chu", b, to, &end)) {
          b = end;
          while (b < to && (key[b] == ':' || IsSpaceByte(key[b]))) ++b;
        }
        const std::size_t wlimit = std::min(to, b + kMaxWordsKey);
        std::size_t c = b;
        while (c < wlimit && key[c] != ')' && key[c] != '(' && key[c] != ';') ++c;
        if (c < wlimit && key[c] == ')' && NumberWordAt(key, b, c)) {
          words_begin = b;
          words_end = c;
          close = c + 1;
        }
      }
    }
    const bool has_currency = currency_end > digits_end;
    // Without a currency after the digits, the words must name one ("03 (ba) năm"
    // is not money).
    const bool words_name_currency =
        words_begin != kNpos && (FindPhrase(key, "dong", words_begin, words_end) != kNpos ||
                                 FindPhrase(key, "vnd", words_begin, words_end) != kNpos);
    if (!has_currency && !words_name_currency) {
      i = digits_end + 1;
      continue;
    }
    Amount a;
    a.begin = i;
    a.digits_end = has_currency ? currency_end : digits_end;
    a.end = close != kNpos ? close : a.digits_end;
    a.monthly = monthly;
    const std::string digits_text = text.Display(i, digits_end);
    std::string digits_parse =
        has_currency ? digits_text + " " + text.Display(unit_begin, currency_end) : digits_text;
    if (misread_separator) {
      for (char& c : digits_parse) {
        if (c == ':' || c == ';') c = '.';
      }
    }
    if (lookalike) {
      for (char& c : digits_parse) {
        if (c == 'O' || c == 'o') c = '0';
        if (c == 'l' || c == 'I') c = '1';
      }
    }
    auto digits = text::ParseMoneyDigits(digits_parse);
    std::optional<std::int64_t> words_value;
    if (words_begin != kNpos) {
      std::string words = text.Display(words_begin, words_end);
      while (!words.empty() && (words.back() == '.' || words.back() == ',' ||
                                words.back() == '/' || words.back() == ' ')) {
        words.pop_back();
      }
      a.words = words;
      auto parsed = text::ParseMoneyWords(words);
      if (parsed.ok()) words_value = parsed->value;
    }
    const model::SourceSpan span = text.Span(a.begin, a.end);
    auto warn = [&](const char* code, std::string message) {
      a.warning = model::Warning{code, std::move(message), span, {}};
    };
    if (digits.ok() && !lookalike) {
      a.value = *digits;
      if (words_value && *words_value != *digits) {
        warn("amount_mismatch", "digits " + digits_text + " ≠ words " + Quoted(*a.words) +
                                    " (" + text::FormatThousands(*words_value) + ")");
      } else if (a.words && !words_value) {
        warn("amount_unreadable", "the amount in words " + Quoted(*a.words) +
                                      " cannot be read; the digits " + digits_text +
                                      " were kept, check them against the paper");
      }
    } else if (words_value) {
      a.value = *words_value;
      warn("amount_unreadable", "the digits " + Quoted(digits_text) +
                                    " look misread; the amount in words " + Quoted(*a.words) +
                                    " (" + text::FormatThousands(*words_value) +
                                    ") was used");
    } else if (digits.ok()) {
      a.value = *digits;
      warn("amount_unreadable", "the digits " + Quoted(digits_text) +
                                    " contain letters (misread?); read as " +
                                    text::FormatThousands(*digits) + ", no words to check");
    } else {
      warn("amount_unreadable", "the amount " + Quoted(digits_text) + " cannot be read: " +
                                    digits.status().message());
    }
    amounts.push_back(std::move(a));
    i = std::max(amounts.back().end, i + 1);
  }
  return amounts;
}

}  // namespace thads::extract
