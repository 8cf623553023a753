// Dates as judgments write them and as ND 30/2020/NĐ-CP wants them printed.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "base/status.h"

namespace thads::text {

using Date = std::chrono::year_month_day;

// Parses one date: "15-3-2023", "15/03/2023", "15.3.2023", "2023-03-15" (ISO),
// "ngày 15 tháng 3 năm 2023" (with or without marks, any case, "Ngày:" prefix).
// Impossible dates (30/2/2023) and years outside 1900..2199 are errors.
Result<Date> ParseDate(std::string_view text);

// Strict ISO form "2023-03-15" (the JSON contract), years 0001-9999. Errors:
// `expected a date YYYY-MM-DD, got "15/3/2023"`, `... got "2023-02-30" (no such day)`.
Result<Date> ParseIsoDate(std::string_view text);
// "2023-03-15". Precondition: d.ok() and year 1..9999.
std::string FormatIsoDate(Date d);

// ND 30: "ngày 05 tháng 02 năm 2024", "ngày 15 tháng 3 năm 2024" — a leading zero
// for days below 10 and for months 1 and 2 only.
std::string FormatNd30Date(Date d);

// "Hà Nội, ngày 05 tháng 02 năm 2024" (the place-and-date line of a document).
std::string FormatPlaceAndDate(std::string_view place, Date d);

// Today in Vietnam (UTC+7), whatever the machine's time zone.
Date TodayInVietnam();

}  // namespace thads::text
