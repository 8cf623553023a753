#include "model/iso_date.h"

#include <cstdio>

#include "model/enum_names.h"

namespace thads::model {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Digits(std::string_view text, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

}  // namespace

Result<std::chrono::year_month_day> ParseIsoDate(std::string_view text) {
  const auto fail = [&](const char* why) {
    return Status::Invalid("expected a date YYYY-MM-DD, got " + QuoteForMessage(text) +
                           why);
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return fail("");
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(text[i])) return fail("");
  }
  const int year = Digits(text, 0, 4);
  const unsigned month = static_cast<unsigned>(Digits(text, 5, 2));
  const unsigned day = static_cast<unsigned>(Digits(text, 8, 2));
  const std::chrono::year_month_day date{
      std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (year == 0 || !date.ok()) return fail(" (no such day)");
  return date;
}

std::optional<std::string> FormatIsoDate(std::chrono::year_month_day date) {
  const int year = static_cast<int>(date.year());
  if (!date.ok() || year < 1 || year > 9999) return std::nullopt;
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", year,
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return std::string(text);
}

}  // namespace thads::model
