// Vietnamese lunar calendar (âm lịch), computed astronomically: a month starts on
// the local day of a new moon, month 11 holds the winter solstice, and in a year
// with 13 months the first month without a major solar term is the leap month.
// The same rules at UTC+8 give the Chinese calendar; Vietnam has used UTC+7 since
// 1968, so the two differ in some years (Tết 1985, 2007, 2030).
#pragma once

#include <chrono>
#include <vector>

#include "base/status.h"

namespace thads::text {

// Solar dates this module accepts: 1900-01-01 .. 2199-12-31.
inline constexpr int kLunarFirstYear = 1900;
inline constexpr int kLunarLastYear = 2199;

// A lunar date. `year` is the lunar year, which begins at Tết: 20 January 2024
// is lunar 10/12/2023. `leap_month` marks the repeated month (tháng nhuận).
struct LunarDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..30
  bool leap_month = false;

  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// One month of a lunar year.
struct LunarMonth {
  int month = 0;  // 1..12
  bool leap_month = false;
  std::chrono::year_month_day first_day;  // solar date of day 1
  int length = 0;                         // 29 or 30 days
};

// Lunar date of a solar date, at `utc_offset_hours` (7 for Vietnam, 8 for the
// Chinese calendar; -12..14). Errors outside 1900..2199 or for an invalid date.
// Thread-safe (pure function).
Result<LunarDate> SolarToLunar(std::chrono::year_month_day d, int utc_offset_hours = 7);

// Solar date of a lunar date. Errors when the month has no such day (day 30 of
// a 29-day month), when `leap_month` is set but that month is not repeated this
// year, or when the result lies outside 1900..2199. Thread-safe.
Result<std::chrono::year_month_day> LunarToSolar(const LunarDate& d,
                                                 int utc_offset_hours = 7);

// First day of lunar year `year` (Tết Nguyên đán, mùng 1 tháng Giêng). Thread-safe.
Result<std::chrono::year_month_day> LunarNewYear(int year, int utc_offset_hours = 7);

// The 12 or 13 months of lunar year `year`, in order (a leap month follows the
// month it repeats). Errors when any of them lies outside 1900..2199. Thread-safe.
Result<std::vector<LunarMonth>> LunarYearMonths(int year, int utc_offset_hours = 7);

}  // namespace thads::text
