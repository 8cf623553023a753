// Working days (ngày làm việc) for enforcement deadlines: weekly rest days,
// public holidays (Bộ luật Lao động 2019, Điều 112), compensatory days off
// (Điều 111 khoản 3) and the government's yearly decisions, all read from an
// office-editable rules file (templates/rules/holidays.txt documents the format).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace thads::text {

// A calendar of working days built from a rules file. Immutable after loading,
// so every const method is thread-safe. Days are precomputed for the years
// kFirstYear..kLastYear; outside them only the weekly rest days are known.
class HolidayCalendar {
 public:
  static constexpr int kFirstYear = 1900;
  static constexpr int kLastYear = 2199;
  // AddWorkingDays clamps |n| to this (about 4,000 years).
  static constexpr int kMaxWorkingDays = 1'000'000;

  // Parses the rules file at `path` (UTF-8). Errors name the file and line:
  // "holidays.txt:12: unknown month 13 in '13-01'".
  static Result<HolidayCalendar> Load(const std::string& path);
  // Load(RulesDir() + "/holidays.txt").
  static Result<HolidayCalendar> LoadDefault();
  // Parses rules given as text; `source_name` stands for the file in errors.
  static Result<HolidayCalendar> Parse(std::string_view text,
                                       std::string_view source_name);

  // False on weekly rest days, holidays, compensatory and extra days off, unless
  // the day is a declared working day (làm bù). False for an invalid date.
  bool IsWorkingDay(std::chrono::year_month_day d) const;

  // Name of the holiday or day off on `d` ("Tết Nguyên đán", "Nghỉ bù Giỗ Tổ
  // Hùng Vương"), or nullopt: ordinary weekly rest days and working days have none.
  std::optional<std::string> HolidayName(std::chrono::year_month_day d) const;

  // The n-th working day after `start` (start itself not counted). n == 0 gives
  // `start` if it is a working day, else the next one; n < 0 counts back to the
  // |n|-th working day before `start`. Returns `start` for an invalid date.
  std::chrono::year_month_day AddWorkingDays(std::chrono::year_month_day start,
                                             int n) const;

  // Number of working days in (from, to]; negative, -(working days in (to, from]),
  // when `to` is before `from`. 0 if either date is invalid.
  int WorkingDaysBetween(std::chrono::year_month_day from,
                         std::chrono::year_month_day to) const;

 private:
  HolidayCalendar() = default;

  bool IsWorkingDayNumber(std::int64_t day_number) const;
  // Working days among day numbers [first, last]; 0 when last < first.
  std::int64_t CountWorking(std::int64_t first, std::int64_t last) const;
  std::int64_t CountWeeklyOnly(std::int64_t first, std::int64_t last) const;

  std::int64_t base_ = 0;              // day number (days since 1970-01-01) of index 0
  std::vector<std::uint8_t> working_;  // per day of the table: 1 = working day
  std::vector<std::uint16_t> name_;    // per day: index into names_, 0 = none
  std::vector<std::int32_t> working_before_;  // working days in [0, i), size + 1
  std::vector<std::string> names_;            // names_[0] is unused
  // Weekly rest days by weekday, 0 = Sunday.
  bool weekly_rest_[7] = {true, false, false, false, false, false, true};
  int working_per_week_ = 5;
};

}  // namespace thads::text
