#include "text/dates.h"

#include <cstdio>
#include <optional>
#include <vector>

#include "text/normalize.h"

namespace thads::text {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2199;

Result<Date> MakeDate(long year, long month, long day, std::string_view text) {
  if (year < kMinYear || year > kMaxYear) {
    return Status::Invalid("date '" + std::string(text) + "': year " + std::to_string(year) +
                           " is outside " + std::to_string(kMinYear) + "-" +
                           std::to_string(kMaxYear));
  }
  const Date d{std::chrono::year(static_cast<int>(year)),
               std::chrono::month(static_cast<unsigned>(month < 0 ? 0 : month)),
               std::chrono::day(static_cast<unsigned>(day < 0 ? 0 : day))};
  if (month < 1 || month > 12 || day < 1 || day > 31 || !d.ok()) {
    return Status::Invalid("date '" + std::string(text) + "' does not exist (day " +
                           std::to_string(day) + ", month " + std::to_string(month) + ")");
  }
  return d;
}

// Splits folded text into runs of digits and runs of letters; everything else
// separates. "ngay 15 thang 3 nam 2023" -> ngay,15,thang,3,nam,2023.
struct Token {
  bool number;
  std::string text;
};

std::vector<Token> Tokenize(std::string_view folded, std::string& separators) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < folded.size();) {
    const char c = folded[i];
    const bool digit = c >= '0' && c <= '9';
    const bool letter = c >= 'a' && c <= 'z';
    if (!digit && !letter) {
      if (c != ' ' && c != ':' && c != ',') separators.push_back(c);
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < folded.size() && ((folded[j] >= '0' && folded[j] <= '9') == digit) &&
           (digit || (folded[j] >= 'a' && folded[j] <= 'z'))) {
      ++j;
    }
    tokens.push_back({digit, std::string(folded.substr(i, j - i))});
    i = j;
  }
  return tokens;
}

std::optional<long> Number(const Token& t) {
  if (!t.number || t.text.size() > 4) return std::nullopt;
  return std::stol(t.text);
}

std::string TwoDigits(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u", v);
  return buf;
}

}  // namespace

Result<Date> ParseDate(std::string_view text) {
  Status valid = ValidateUtf8(text, "date");
  if (!valid.ok()) return valid;
  std::string separators;
  const std::vector<Token> tokens = Tokenize(FoldForSearch(text), separators);
  const auto bad = [&] {
    return Status::Invalid("'" + std::string(text) +
                           "' is not a date (expected 15-3-2023, 15/3/2023, 2023-03-15 or "
                           "ngày 15 tháng 3 năm 2023)");
  };
  std::vector<long> numbers;
  std::vector<std::string> words;
  for (const Token& t : tokens) {
    if (t.number) {
      auto n = Number(t);
      if (!n) return bad();
      numbers.push_back(*n);
    } else {
      words.push_back(t.text);
    }
  }
  if (numbers.size() != 3) return bad();
  if (words.size() == 1 && words[0] == "ngay" && !tokens[0].number) {
    // "Ngày: 15-3-2023": a label before a numeric date.
    return ParseDate(text.substr(text.find_first_of("0123456789")));
  }
  if (!words.empty()) {
    // "ngày D tháng M năm Y", possibly preceded by a "Ngày:" label.
    std::string shape;
    for (const Token& t : tokens) shape += t.number ? "N " : t.text + " ";
    if (shape != "ngay N thang N nam N " && shape != "ngay ngay N thang N nam N ") {
      return bad();
    }
    return MakeDate(numbers[2], numbers[1], numbers[0], text);
  }
  if (tokens[0].text.size() == 4) {  // ISO order
    return MakeDate(numbers[0], numbers[1], numbers[2], text);
  }
  if (tokens[2].text.size() != 4) return bad();
  return MakeDate(numbers[2], numbers[1], numbers[0], text);
}

Result<Date> ParseIsoDate(std::string_view text) {
  const bool printable = text::FindInvalidUtf8(text) == std::string_view::npos;
  const auto fail = [&](const char* why) {
    return Status::Invalid("expected a date YYYY-MM-DD, got " +
                           (printable ? "\"" + std::string(text) + "\"" : "invalid UTF-8") +
                           why);
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return fail("");
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return fail("");
  }
  const auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  const int year = num(0, 4);
  const Date d{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(num(5, 2))),
               std::chrono::day(static_cast<unsigned>(num(8, 2)))};
  if (year == 0 || !d.ok()) return fail(" (no such day)");
  return d;
}

std::string FormatIsoDate(Date d) {
  char year[8];
  std::snprintf(year, sizeof year, "%04d", static_cast<int>(d.year()));
  return std::string(year) + "-" +
         TwoDigits(static_cast<unsigned>(d.month())) + "-" +
         TwoDigits(static_cast<unsigned>(d.day()));
}

std::string FormatNd30Date(Date d) {
  const unsigned month = static_cast<unsigned>(d.month());
  return "ngày " + TwoDigits(static_cast<unsigned>(d.day())) + " tháng " +
         (month <= 2 ? TwoDigits(month) : std::to_string(month)) + " năm " +
         std::to_string(static_cast<int>(d.year()));
}

std::string FormatPlaceAndDate(std::string_view place, Date d) {
  return std::string(place) + ", " + FormatNd30Date(d);
}

Date TodayInVietnam() {
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(7);
  return Date{std::chrono::floor<std::chrono::days>(now)};
}

}  // namespace thads::text
