#include "text/working_days.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "base/paths.h"
#include "text/lunar_calendar.h"
#include "text/utf8.h"

namespace thads::text {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr int kVietnamUtcOffset = 7;
constexpr int kMaxSpanDays = 366;      // longest range one line may cover
constexpr int kMaxLunarSpanDays = 60;  // a lunar range that wraps a whole year is a typo
constexpr const char* kDefaultCompensationLabel = "Nghỉ bù";

std::int64_t DayNumber(year_month_day d) {
  return sys_days(d).time_since_epoch().count();
}

year_month_day DateOf(std::int64_t day_number) {
  return year_month_day(sys_days(days(day_number)));
}

int WeekdayOf(std::int64_t day_number) {
  return static_cast<int>(weekday(sys_days(days(day_number))).c_encoding());
}

// --- Parsing ----------------------------------------------------------------

enum class LineKind {
  kFixed,    // every year, solar month-day
  kLunar,    // every year, lunar month-day
  kHoliday,  // one year's days of a named fixed/lunar holiday
  kOff,      // extra day off in one year
  kWork,     // declared working day in one year
};

enum class SpanKind { kSingle, kRange, kCount };

struct DateSpec {
  int year = 0;  // 0 for fixed and lunar rules
  int month = 0;
  int day = 0;
  bool last = false;  // lunar: last day of the month (29 or 30)
};

struct DayRule {
  int line = 0;
  LineKind kind = LineKind::kFixed;
  DateSpec start;
  SpanKind span = SpanKind::kSingle;
  DateSpec end;   // kRange
  int count = 1;  // kCount
  std::string name;
};

struct Rules {
  std::vector<DayRule> days;
  bool weekly_rest[7] = {true, false, false, false, false, false, true};
  int weekend_line = 0;
  bool compensate = false;
  int compensate_line = 0;
  std::string compensation_label = kDefaultCompensationLabel;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Reads whitespace-separated tokens from one line; the holiday name is the rest.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  std::string_view Peek() const {
    std::size_t i = pos_;
    while (i < s_.size() && IsSpace(s_[i])) ++i;
    std::size_t j = i;
    while (j < s_.size() && !IsSpace(s_[j])) ++j;
    return s_.substr(i, j - i);
  }
  std::string_view Next() {
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
    const std::size_t start = pos_;
    while (pos_ < s_.size() && !IsSpace(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }
  std::string_view Rest() const { return Trim(s_.substr(pos_)); }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A non-negative decimal number made only of digits, or nullopt.
std::optional<int> ParseNumber(std::string_view s) {
  if (s.empty() || s.size() > 6) return std::nullopt;
  int value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.front() == '-' ||
      s.front() == '+') {
    return std::nullopt;
  }
  return value;
}

// "MM-DD" for fixed rules; lunar rules also accept "MM-last".
Result<DateSpec> ParseMonthDay(std::string_view token, bool lunar) {
  const std::size_t dash = token.find('-');
  const std::string form = lunar ? "MM-DD or MM-last" : "MM-DD";
  if (dash == std::string_view::npos ||
      token.find('-', dash + 1) != std::string_view::npos) {
    return Status::Invalid("expected a date " + form + ", found " + Quote(token));
  }
  const auto m = ParseNumber(token.substr(0, dash));
  const std::string_view day_part = token.substr(dash + 1);
  if (!m) return Status::Invalid("expected a date " + form + ", found " + Quote(token));
  if (*m < 1 || *m > 12) {
    return Status::Invalid("unknown month " + std::to_string(*m) + " in " + Quote(token));
  }
  DateSpec spec;
  spec.month = *m;
  if (lunar && day_part == "last") {
    spec.last = true;
    return spec;
  }
  const auto d = ParseNumber(day_part);
  if (!d) return Status::Invalid("expected a date " + form + ", found " + Quote(token));
  spec.day = *d;
  if (lunar) {
    if (*d == 30) {
      return Status::Invalid("lunar day 30 exists only in 30-day months; write " +
                             Quote(std::string(token.substr(0, dash)) + "-last") +
                             " for the last day of the month");
    }
    if (*d < 1 || *d > 29) return Status::Invalid(Quote(token) + " is not a lunar date");
  } else if (!year_month_day(year(2000), month(spec.month), day(spec.day)).ok()) {
    return Status::Invalid(Quote(token) + " is not a date");
  }
  return spec;
}

// "YYYY-MM-DD" within the years the calendar covers.
Result<DateSpec> ParseFullDate(std::string_view token) {
  const std::size_t d1 = token.find('-');
  const std::size_t d2 = d1 == std::string_view::npos ? d1 : token.find('-', d1 + 1);
  if (d1 != 4 || d2 == std::string_view::npos) {
    return Status::Invalid("expected a date YYYY-MM-DD, found " + Quote(token));
  }
  const auto y = ParseNumber(token.substr(0, d1));
  const auto m = ParseNumber(token.substr(d1 + 1, d2 - d1 - 1));
  const auto d = ParseNumber(token.substr(d2 + 1));
  if (!y || !m || !d)
    return Status::Invalid("expected a date YYYY-MM-DD, found " + Quote(token));
  if (*m < 1 || *m > 12 ||
      !year_month_day(year(*y), month(static_cast<unsigned>(*m)),
                      day(static_cast<unsigned>(*d)))
           .ok()) {
    return Status::Invalid(Quote(token) + " is not a date");
  }
  if (*y < HolidayCalendar::kFirstYear || *y > HolidayCalendar::kLastYear) {
    return Status::Invalid("year " + std::to_string(*y) + " is outside " +
                           std::to_string(HolidayCalendar::kFirstYear) + ".." +
                           std::to_string(HolidayCalendar::kLastYear));
  }
  return DateSpec{*y, *m, *d, false};
}

year_month_day ToYmd(const DateSpec& s) {
  return year_month_day(year(s.year), month(static_cast<unsigned>(s.month)),
                        day(static_cast<unsigned>(s.day)));
}

Result<DateSpec> ParseDateOfKind(std::string_view token, LineKind kind) {
  switch (kind) {
    case LineKind::kFixed:
      return ParseMonthDay(token, /*lunar=*/false);
    case LineKind::kLunar:
      return ParseMonthDay(token, /*lunar=*/true);
    default:
      return ParseFullDate(token);
  }
}

// Parses "WHEN [.. WHEN | for N] NAME" after the kind word.
Result<DayRule> ParseDayRule(Cursor& cursor, LineKind kind, int line) {
  DayRule rule;
  rule.line = line;
  rule.kind = kind;
  const std::string_view first = cursor.Next();
  if (first.empty()) return Status::Invalid("missing the date");
  auto start = ParseDateOfKind(first, kind);
  if (!start.ok()) return start.status();
  rule.start = *start;

  if (cursor.Peek() == "..") {
    cursor.Next();
    const std::string_view second = cursor.Next();
    if (second.empty()) return Status::Invalid("missing the date after '..'");
    auto end = ParseDateOfKind(second, kind);
    if (!end.ok()) return end.status();
    rule.span = SpanKind::kRange;
    rule.end = *end;
  } else if (cursor.Peek() == "for") {
    cursor.Next();
    const std::string_view n = cursor.Next();
    const auto count = ParseNumber(n);
    if (!count || *count < 1 || *count > kMaxSpanDays) {
      return Status::Invalid("expected a number of days 1.." +
                             std::to_string(kMaxSpanDays) + " after 'for', found " +
                             Quote(n));
    }
    rule.span = SpanKind::kCount;
    rule.count = *count;
  }

  if (kind == LineKind::kFixed && rule.span != SpanKind::kSingle &&
      ((rule.start.month == 2 && rule.start.day == 29) ||
       (rule.span == SpanKind::kRange && rule.end.month == 2 && rule.end.day == 29))) {
    return Status::Invalid(
        "02-29 cannot start or end a range (it exists only in leap years)");
  }
  if (kind == LineKind::kFixed && rule.span == SpanKind::kRange &&
      std::pair(rule.end.month, rule.end.day) <
          std::pair(rule.start.month, rule.start.day)) {
    return Status::Invalid(
        "the range ends before it starts (a fixed range cannot run past "
        "31 December; use 'for N')");
  }
  if (kind != LineKind::kFixed && kind != LineKind::kLunar &&
      rule.span == SpanKind::kRange) {
    const std::int64_t span =
        DayNumber(ToYmd(rule.end)) - DayNumber(ToYmd(rule.start)) + 1;
    if (span < 1) return Status::Invalid("the range ends before it starts");
    if (span > kMaxSpanDays) {
      return Status::Invalid("the range is longer than " + std::to_string(kMaxSpanDays) +
                             " days");
    }
  }

  rule.name = std::string(cursor.Rest());
  if (rule.name.empty()) return Status::Invalid("missing the name after the date");
  return rule;
}

Status ParseWeekend(Cursor& cursor, Rules& rules) {
  static constexpr const char* kDays[7] = {"sun", "mon", "tue", "wed",
                                           "thu", "fri", "sat"};
  bool rest[7] = {};
  std::string_view token = cursor.Next();
  if (token.empty()) {
    return Status::Invalid(
        "list the weekly rest days (e.g. 'weekend sat sun') or 'none'");
  }
  if (AsciiLower(token) == "none") {
    if (!cursor.Rest().empty()) return Status::Invalid("nothing may follow 'none'");
  } else {
    for (; !token.empty(); token = cursor.Next()) {
      const std::string lower = AsciiLower(token);
      const auto* it = std::find(std::begin(kDays), std::end(kDays), lower);
      if (it == std::end(kDays)) {
        return Status::Invalid("unknown weekday " + Quote(token) +
                               " (use mon tue wed thu fri sat sun)");
      }
      rest[it - std::begin(kDays)] = true;
    }
  }
  if (std::all_of(std::begin(rest), std::end(rest), [](bool b) { return b; })) {
    return Status::Invalid("every day of the week is a rest day");
  }
  std::copy(std::begin(rest), std::end(rest), rules.weekly_rest);
  return Status::Ok();
}

Status ParseLine(std::string_view text, int line, Rules& rules) {
  Cursor cursor(text);
  const std::string_view word = cursor.Next();
  if (word == "fixed" || word == "lunar" || word == "holiday" || word == "off" ||
      word == "work") {
    const LineKind kind = word == "fixed"     ? LineKind::kFixed
                          : word == "lunar"   ? LineKind::kLunar
                          : word == "holiday" ? LineKind::kHoliday
                          : word == "off"     ? LineKind::kOff
                                              : LineKind::kWork;
    auto rule = ParseDayRule(cursor, kind, line);
    if (!rule.ok()) return rule.status();
    rules.days.push_back(std::move(rule).value());
    return Status::Ok();
  }
  if (word == "weekend") {
    if (rules.weekend_line != 0) {
      return Status::Invalid("'weekend' was already given on line " +
                             std::to_string(rules.weekend_line));
    }
    rules.weekend_line = line;
    return ParseWeekend(cursor, rules);
  }
  if (word == "rule") {
    const std::string_view name = cursor.Next();
    if (name != "compensate-weekend") {
      return Status::Invalid("unknown rule " + Quote(name) +
                             " (known: compensate-weekend)");
    }
    if (rules.compensate) {
      return Status::Invalid("'rule compensate-weekend' was already given on line " +
                             std::to_string(rules.compensate_line));
    }
    rules.compensate = true;
    rules.compensate_line = line;
    if (!cursor.Rest().empty()) rules.compensation_label = std::string(cursor.Rest());
    return Status::Ok();
  }
  return Status::Invalid("unknown line kind " + Quote(word) +
                         " (expected fixed, lunar, holiday, off, work, weekend or rule)");
}

std::string Where(std::string_view source, int line) {
  return std::string(source) + ":" + std::to_string(line);
}

Result<Rules> ParseRules(std::string_view text, std::string_view source) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // byte order mark
  Rules rules;
  int line = 0;
  while (!text.empty() || line == 0) {
    ++line;
    const std::size_t nl = text.find('\n');
    std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    THADS_RETURN_IF_ERROR(ValidateUtf8(raw, Where(source, line)));
    const std::string_view content = Trim(raw.substr(0, raw.find('#')));
    if (content.empty()) continue;
    const Status status = ParseLine(content, line, rules);
    if (!status.ok()) return status.WithContext(Where(source, line));
  }
  return rules;
}

// --- Building the day table -------------------------------------------------

class NameTable {
 public:
  NameTable() : names_(1) {}
  Result<std::uint16_t> Intern(const std::string& name) {
    const auto it = index_.find(name);
    if (it != index_.end()) return it->second;
    if (names_.size() >= 0xFFFF)
      return Status::Invalid("too many distinct holiday names");
    const auto id = static_cast<std::uint16_t>(names_.size());
    names_.push_back(name);
    index_.emplace(name, id);
    return id;
  }
  const std::string& Name(std::uint16_t id) const { return names_.at(id); }
  std::vector<std::string> Take() { return std::move(names_); }

 private:
  std::vector<std::string> names_;
  std::map<std::string, std::uint16_t> index_;
};

struct Table {
  std::int64_t base = 0;
  std::int64_t size = 0;
  std::vector<std::uint16_t> holiday;  // Điều 112 holidays: compensated on rest days
  std::vector<std::uint16_t> off;      // extra days off
  std::vector<std::uint16_t> compensation;
  std::vector<std::uint8_t> work;  // declared working days

  bool Contains(std::int64_t day_number) const {
    return day_number >= base && day_number < base + size;
  }
  std::size_t Index(std::int64_t day_number) const {
    return static_cast<std::size_t>(day_number - base);
  }
};

// Solar date of lunar `month`/`day` (or the month's last day) in lunar year
// `lunar_year`, or nullopt when it falls outside the supported years.
std::optional<std::int64_t> ResolveLunar(int lunar_year, const DateSpec& spec) {
  if (spec.last) {
    for (int d : {30, 29}) {
      const auto r =
          LunarToSolar(LunarDate{lunar_year, spec.month, d, false}, kVietnamUtcOffset);
      if (r.ok()) return DayNumber(*r);
    }
    return std::nullopt;
  }
  const auto r =
      LunarToSolar(LunarDate{lunar_year, spec.month, spec.day, false}, kVietnamUtcOffset);
  if (!r.ok()) return std::nullopt;
  return DayNumber(*r);
}

// Calls visit(day_number) for each day `rule` covers in year `y` (solar year for
// fixed rules, lunar year for lunar rules). Fails only for an absurd lunar range.
template <typename Visit>
Status ExpandRecurring(const DayRule& rule, int y, Visit visit) {
  std::int64_t first = 0;
  std::int64_t last = 0;
  if (rule.kind == LineKind::kFixed) {
    const year_month_day start(year(y), month(static_cast<unsigned>(rule.start.month)),
                               day(static_cast<unsigned>(rule.start.day)));
    if (!start.ok()) return Status::Ok();  // 02-29 in a common year
    first = DayNumber(start);
    last = first;
    if (rule.span == SpanKind::kRange) {
      last =
          DayNumber(year_month_day(year(y), month(static_cast<unsigned>(rule.end.month)),
                                   day(static_cast<unsigned>(rule.end.day))));
    }
  } else {
    const auto start = ResolveLunar(y, rule.start);
    if (!start) return Status::Ok();
    first = last = *start;
    if (rule.span == SpanKind::kRange) {
      const int start_key =
          rule.start.month * 31 + (rule.start.last ? 30 : rule.start.day);
      const int end_key = rule.end.month * 31 + (rule.end.last ? 30 : rule.end.day);
      const auto end = ResolveLunar(end_key < start_key ? y + 1 : y, rule.end);
      if (!end) return Status::Ok();
      last = *end;
      if (last < first || last - first + 1 > kMaxLunarSpanDays) {
        return Status::Invalid("the lunar range covers more than " +
                               std::to_string(kMaxLunarSpanDays) + " days");
      }
    }
  }
  if (rule.span == SpanKind::kCount) last = first + rule.count - 1;
  for (std::int64_t d = first; d <= last; ++d) visit(d);
  return Status::Ok();
}

// Calls visit(day_number) for each day of a dated (holiday/off/work) line.
template <typename Visit>
void ExpandDated(const DayRule& rule, Visit visit) {
  const std::int64_t first = DayNumber(ToYmd(rule.start));
  std::int64_t last = first;
  if (rule.span == SpanKind::kRange) last = DayNumber(ToYmd(rule.end));
  if (rule.span == SpanKind::kCount) last = first + rule.count - 1;
  for (std::int64_t d = first; d <= last; ++d) visit(d);
}

int YearOf(std::int64_t day_number) {
  return static_cast<int>(DateOf(day_number).year());
}

Result<Table> BuildTable(const Rules& rules, std::string_view source, NameTable& names) {
  Table t;
  t.base = DayNumber(year_month_day(year(HolidayCalendar::kFirstYear), month(1), day(1)));
  t.size =
      DayNumber(year_month_day(year(HolidayCalendar::kLastYear), month(12), day(31))) -
      t.base + 1;
  const auto n = static_cast<std::size_t>(t.size);
  t.holiday.assign(n, 0);
  t.off.assign(n, 0);
  t.compensation.assign(n, 0);
  t.work.assign(n, 0);

  const auto mark = [&t](std::vector<std::uint16_t>& layer, std::int64_t d,
                         std::uint16_t id) {
    if (t.Contains(d) && layer[t.Index(d)] == 0) layer[t.Index(d)] = id;
  };

  std::set<std::string> recurring_names;
  for (const DayRule& rule : rules.days) {
    if (rule.kind == LineKind::kFixed || rule.kind == LineKind::kLunar) {
      recurring_names.insert(rule.name);
    }
  }

  // A year's decided days of a holiday replace the recurring rule of that name.
  std::set<std::pair<int, std::string>> decided;
  for (const DayRule& rule : rules.days) {
    if (rule.kind != LineKind::kHoliday) continue;
    if (recurring_names.count(rule.name) == 0) {
      return Status::Invalid("no 'fixed' or 'lunar' line is named " + Quote(rule.name) +
                             "; a 'holiday' line gives one year's days of such a holiday")
          .WithContext(Where(source, rule.line));
    }
    auto id = names.Intern(rule.name);
    if (!id.ok()) return id.status().WithContext(Where(source, rule.line));
    ExpandDated(rule, [&](std::int64_t d) {
      mark(t.holiday, d, *id);
      decided.emplace(YearOf(d), rule.name);
    });
  }

  for (const DayRule& rule : rules.days) {
    if (rule.kind != LineKind::kFixed && rule.kind != LineKind::kLunar) continue;
    auto id = names.Intern(rule.name);
    if (!id.ok()) return id.status().WithContext(Where(source, rule.line));
    // Lunar year y starts in solar year y; its month 12 may end in year y + 1.
    const int first_year = rule.kind == LineKind::kLunar ? HolidayCalendar::kFirstYear - 1
                                                         : HolidayCalendar::kFirstYear;
    for (int y = first_year; y <= HolidayCalendar::kLastYear; ++y) {
      const Status status = ExpandRecurring(rule, y, [&](std::int64_t d) {
        if (t.Contains(d) && decided.count({YearOf(d), rule.name}) == 0) {
          mark(t.holiday, d, *id);
        }
      });
      if (!status.ok()) return status.WithContext(Where(source, rule.line));
    }
  }

  for (const DayRule& rule : rules.days) {
    if (rule.kind == LineKind::kOff) {
      auto id = names.Intern(rule.name);
      if (!id.ok()) return id.status().WithContext(Where(source, rule.line));
      ExpandDated(rule, [&](std::int64_t d) { mark(t.off, d, *id); });
    } else if (rule.kind == LineKind::kWork) {
      ExpandDated(rule, [&](std::int64_t d) {
        if (t.Contains(d)) t.work[t.Index(d)] = 1;
      });
    }
  }

  // Điều 111 khoản 3: a holiday on a weekly rest day moves that rest day to the
  // next working day. Walking forward keeps consecutive cases in order.
  if (rules.compensate) {
    const auto rest = [&](std::int64_t d) { return rules.weekly_rest[WeekdayOf(d)]; };
    for (std::int64_t d = t.base; d < t.base + t.size; ++d) {
      const std::size_t i = t.Index(d);
      if (t.holiday[i] == 0 || t.work[i] != 0 || !rest(d)) continue;
      std::int64_t target = d + 1;
      while (t.Contains(target)) {
        const std::size_t j = t.Index(target);
        if (!rest(target) && t.holiday[j] == 0 && t.off[j] == 0 &&
            t.compensation[j] == 0 && t.work[j] == 0) {
          break;
        }
        ++target;
      }
      if (!t.Contains(target)) continue;
      auto id = names.Intern(rules.compensation_label + " " + names.Name(t.holiday[i]));
      if (!id.ok()) return id.status().WithContext(Where(source, rules.compensate_line));
      t.compensation[t.Index(target)] = *id;
    }
  }
  return t;
}

}  // namespace

Result<HolidayCalendar> HolidayCalendar::Parse(std::string_view text,
                                               std::string_view source_name) {
  auto rules = ParseRules(text, source_name);
  if (!rules.ok()) return rules.status();
  NameTable names;
  auto table = BuildTable(*rules, source_name, names);
  if (!table.ok()) return table.status();

  HolidayCalendar cal;
  std::copy(std::begin(rules->weekly_rest), std::end(rules->weekly_rest),
            cal.weekly_rest_);
  cal.working_per_week_ = static_cast<int>(
      std::count(std::begin(cal.weekly_rest_), std::end(cal.weekly_rest_), false));
  cal.base_ = table->base;
  const auto n = static_cast<std::size_t>(table->size);
  cal.working_.assign(n, 0);
  cal.name_.assign(n, 0);
  cal.working_before_.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t d = table->base + static_cast<std::int64_t>(i);
    const bool rest = cal.weekly_rest_[WeekdayOf(d)];
    const bool day_off = rest || table->holiday[i] != 0 || table->off[i] != 0 ||
                         table->compensation[i] != 0;
    const bool working = table->work[i] != 0 || !day_off;
    cal.working_[i] = working ? 1 : 0;
    if (!working) {
      cal.name_[i] = table->holiday[i] != 0 ? table->holiday[i]
                     : table->off[i] != 0   ? table->off[i]
                                            : table->compensation[i];
    }
    cal.working_before_[i + 1] = cal.working_before_[i] + (working ? 1 : 0);
  }
  cal.names_ = names.Take();
  return cal;
}

Result<HolidayCalendar> HolidayCalendar::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open the holiday rules file " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read the holiday rules file " + path);
  return Parse(buffer.str(), path);
}

Result<HolidayCalendar> HolidayCalendar::LoadDefault() {
  return Load(RulesDir() + "/holidays.txt");
}

bool HolidayCalendar::IsWorkingDayNumber(std::int64_t day_number) const {
  const std::int64_t i = day_number - base_;
  if (i >= 0 && i < static_cast<std::int64_t>(working_.size())) {
    return working_[static_cast<std::size_t>(i)] != 0;
  }
  return !weekly_rest_[WeekdayOf(day_number)];
}

std::int64_t HolidayCalendar::CountWeeklyOnly(std::int64_t first,
                                              std::int64_t last) const {
  if (last < first) return 0;
  const std::int64_t length = last - first + 1;
  std::int64_t count = (length / 7) * working_per_week_;
  for (std::int64_t d = first + (length / 7) * 7; d <= last; ++d) {
    if (!weekly_rest_[WeekdayOf(d)]) ++count;
  }
  return count;
}

std::int64_t HolidayCalendar::CountWorking(std::int64_t first, std::int64_t last) const {
  if (last < first) return 0;
  const std::int64_t table_end =
      base_ + static_cast<std::int64_t>(working_.size());  // exclusive
  std::int64_t count = 0;
  if (first < base_) count += CountWeeklyOnly(first, std::min(last, base_ - 1));
  const std::int64_t lo = std::max(first, base_);
  const std::int64_t hi = std::min(last, table_end - 1);
  if (lo <= hi) {
    count += working_before_[static_cast<std::size_t>(hi - base_ + 1)] -
             working_before_[static_cast<std::size_t>(lo - base_)];
  }
  if (last >= table_end) count += CountWeeklyOnly(std::max(first, table_end), last);
  return count;
}

bool HolidayCalendar::IsWorkingDay(year_month_day d) const {
  return d.ok() && IsWorkingDayNumber(DayNumber(d));
}

std::optional<std::string> HolidayCalendar::HolidayName(year_month_day d) const {
  if (!d.ok()) return std::nullopt;
  const std::int64_t i = DayNumber(d) - base_;
  if (i < 0 || i >= static_cast<std::int64_t>(name_.size())) return std::nullopt;
  const std::uint16_t id = name_[static_cast<std::size_t>(i)];
  if (id == 0) return std::nullopt;
  return names_.at(id);
}

year_month_day HolidayCalendar::AddWorkingDays(year_month_day start, int n) const {
  if (!start.ok()) return start;
  const std::int64_t s = DayNumber(start);
  const std::int64_t want = std::clamp(n, -kMaxWorkingDays, kMaxWorkingDays);
  if (want == 0) {
    std::int64_t d = s;
    while (!IsWorkingDayNumber(d)) ++d;
    return DateOf(d);
  }
  if (want > 0) {
    // Smallest d > s with `want` working days in (s, d].
    std::int64_t step = want;
    while (CountWorking(s + 1, s + step) < want) step *= 2;
    std::int64_t lo = s + 1;
    std::int64_t hi = s + step;
    while (lo < hi) {
      const std::int64_t mid = lo + (hi - lo) / 2;
      if (CountWorking(s + 1, mid) >= want) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return DateOf(lo);
  }
  // Largest d < s with -want working days in [d, s).
  const std::int64_t need = -want;
  std::int64_t step = need;
  while (CountWorking(s - step, s - 1) < need) step *= 2;
  std::int64_t lo = s - step;
  std::int64_t hi = s - 1;
  while (lo < hi) {
    const std::int64_t mid = hi - (hi - lo) / 2;
    if (CountWorking(mid, s - 1) >= need) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return DateOf(lo);
}

int HolidayCalendar::WorkingDaysBetween(year_month_day from, year_month_day to) const {
  if (!from.ok() || !to.ok()) return 0;
  const std::int64_t a = DayNumber(from);
  const std::int64_t b = DayNumber(to);
  return b >= a ? static_cast<int>(CountWorking(a + 1, b))
                : -static_cast<int>(CountWorking(b + 1, a));
}

}  // namespace thads::text
