// Calendar dates as the JSON files write them: "2017-09-12" (ISO 8601, no time).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace thads::model {

// Parses exactly YYYY-MM-DD, year 0001-9999, and checks the day exists.
// Errors: `expected a date YYYY-MM-DD, got "15/3/2023"`, and for 2023-02-30
// `expected a date YYYY-MM-DD, got "2023-02-30" (no such day)`.
Result<std::chrono::year_month_day> ParseIsoDate(std::string_view text);

// "2017-09-12"; nullopt when `date` is not a valid date with a year 1-9999.
std::optional<std::string> FormatIsoDate(std::chrono::year_month_day date);

}  // namespace thads::model
