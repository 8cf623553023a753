#include "text/working_days.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace thads::text {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;
using ::testing::HasSubstr;

year_month_day Ymd(int y, unsigned m, unsigned d) {
  return year_month_day(year(y), month(m), day(d));
}

// The shipped rules file, loaded once (the calendar is immutable).
const HolidayCalendar& Shipped() {
  static const HolidayCalendar* calendar = [] {
    auto loaded = HolidayCalendar::Load(std::string(THADS_SOURCE_DIR) +
                                        "/templates/rules/holidays.txt");
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      return new HolidayCalendar(*HolidayCalendar::Parse("", "empty"));
    }
    return new HolidayCalendar(std::move(loaded).value());
  }();
  return *calendar;
}

HolidayCalendar ParseOrDie(const std::string& text) {
  auto cal = HolidayCalendar::Parse(text, "test.txt");
  EXPECT_TRUE(cal.ok()) << cal.status().message();
  return cal.ok() ? std::move(cal).value() : *HolidayCalendar::Parse("", "empty");
}

// Days off from `first` to `last` inclusive, as "MM-DD" strings.
std::vector<std::string> DaysOff(const HolidayCalendar& cal, year_month_day first,
                                 year_month_day last) {
  std::vector<std::string> out;
  for (sys_days d = sys_days(first); d <= sys_days(last); d += days(1)) {
    const year_month_day ymd(d);
    if (!cal.IsWorkingDay(ymd)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%02u-%02u", static_cast<unsigned>(ymd.month()),
                    static_cast<unsigned>(ymd.day()));
      out.emplace_back(buf);
    }
  }
  return out;
}

TEST(WorkingDays, CliExampleFiveWorkingDaysAfter10February2026) {
  // `thads util workdays 2026-02-10 5`. 10/2/2026 is a Tuesday. Counting from the
  // next day: Wed 11 (1), Thu 12 (2), Fri 13 (3); then Sat 14 - Sun 22 are off
  // (weekend, Tết 16-20 = 29 tháng Chạp .. mùng 4, weekend); Mon 23 (4), Tue 24 (5).
  EXPECT_EQ(Shipped().AddWorkingDays(Ymd(2026, 2, 10), 5), Ymd(2026, 2, 24));
}

TEST(WorkingDays, Tet2026NineDaysOff) {
  const auto& cal = Shipped();
  EXPECT_THAT(DaysOff(cal, Ymd(2026, 2, 9), Ymd(2026, 2, 28)),
              ::testing::ElementsAre("02-14", "02-15", "02-16", "02-17", "02-18", "02-19",
                                     "02-20", "02-21", "02-22", "02-28"));
  EXPECT_EQ(cal.HolidayName(Ymd(2026, 2, 16)), "Tết Nguyên đán");
  EXPECT_EQ(cal.HolidayName(Ymd(2026, 2, 20)), "Tết Nguyên đán");
  EXPECT_EQ(cal.HolidayName(Ymd(2026, 2, 14)), std::nullopt);  // an ordinary Saturday
  EXPECT_EQ(cal.HolidayName(Ymd(2026, 2, 23)), std::nullopt);
  // Notice received on Friday 13/2: a 3-working-day deadline ends Wed 25/2.
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2026, 2, 13), 3), Ymd(2026, 2, 25));
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2026, 2, 13), Ymd(2026, 2, 25)), 3);
}

TEST(WorkingDays, Tet2024WithCompensatoryDays) {
  // Tết Giáp Thìn: 5 days 8-12/2 (29, 30 tháng Chạp, mùng 1-3); 10 and 11 are a
  // weekend, so 13 and 14 are compensatory days off. 15/2 is a working day.
  const auto& cal = Shipped();
  EXPECT_THAT(DaysOff(cal, Ymd(2024, 2, 5), Ymd(2024, 2, 16)),
              ::testing::ElementsAre("02-08", "02-09", "02-10", "02-11", "02-12", "02-13",
                                     "02-14"));
  EXPECT_EQ(cal.HolidayName(Ymd(2024, 2, 10)), "Tết Nguyên đán");
  EXPECT_EQ(cal.HolidayName(Ymd(2024, 2, 13)), "Nghỉ bù Tết Nguyên đán");
  // Judgment received Wednesday 7/2/2024; decision within 5 working days:
  // Thu 15 (1), Fri 16 (2), Mon 19 (3), Tue 20 (4), Wed 21 (5).
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 2, 7), 5), Ymd(2024, 2, 21));
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2024, 2, 7), Ymd(2024, 2, 21)), 5);
  // Counting back 1 working day from 15/2 lands before Tết.
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 2, 15), -1), Ymd(2024, 2, 7));
}

TEST(WorkingDays, TetDefaultRuleMatchesDecisions2020To2023) {
  // The annual rule alone (5 days from 29 tháng Chạp, plus compensation) gives
  // the Tết breaks the government announced for those years.
  const auto& cal = Shipped();
  EXPECT_THAT(DaysOff(cal, Ymd(2020, 1, 22), Ymd(2020, 1, 30)),
              ::testing::ElementsAre("01-23", "01-24", "01-25", "01-26", "01-27", "01-28",
                                     "01-29"));
  EXPECT_THAT(DaysOff(cal, Ymd(2021, 2, 9), Ymd(2021, 2, 17)),
              ::testing::ElementsAre("02-10", "02-11", "02-12", "02-13", "02-14", "02-15",
                                     "02-16"));
  EXPECT_THAT(DaysOff(cal, Ymd(2022, 1, 28), Ymd(2022, 2, 7)),
              ::testing::ElementsAre("01-29", "01-30", "01-31", "02-01", "02-02", "02-03",
                                     "02-04", "02-05", "02-06"));
  EXPECT_THAT(DaysOff(cal, Ymd(2023, 1, 19), Ymd(2023, 1, 27)),
              ::testing::ElementsAre("01-20", "01-21", "01-22", "01-23", "01-24", "01-25",
                                     "01-26"));
  // 1/1/2023 was a Sunday: Monday 2/1 off.
  EXPECT_EQ(cal.HolidayName(Ymd(2023, 1, 2)), "Nghỉ bù Tết Dương lịch");
}

TEST(WorkingDays, Tet2025DecidedDaysReplaceTheDefaultRule) {
  // 2025: off Sat 25/1 - Sun 2/2, back to work Mon 3/2 (no compensatory day).
  const auto& cal = Shipped();
  EXPECT_THAT(DaysOff(cal, Ymd(2025, 1, 24), Ymd(2025, 2, 4)),
              ::testing::ElementsAre("01-25", "01-26", "01-27", "01-28", "01-29", "01-30",
                                     "01-31", "02-01", "02-02"));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2025, 2, 3)));
}

TEST(WorkingDays, VictoryAndLabourDay) {
  const auto& cal = Shipped();
  // 2024: 30/4 Tue and 1/5 Wed; Mon 29/4 swapped with Saturday 4/5.
  EXPECT_THAT(
      DaysOff(cal, Ymd(2024, 4, 26), Ymd(2024, 5, 6)),
      ::testing::ElementsAre("04-27", "04-28", "04-29", "04-30", "05-01", "05-05"));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2024, 5, 4)));
  EXPECT_EQ(cal.HolidayName(Ymd(2024, 4, 30)), "Ngày Chiến thắng");
  EXPECT_EQ(cal.HolidayName(Ymd(2024, 5, 1)), "Ngày Quốc tế Lao động");
  EXPECT_EQ(cal.HolidayName(Ymd(2024, 5, 4)), std::nullopt);
  // (26/4, 6/5]: Thu 2, Fri 3, Sat 4 (làm bù), Mon 6.
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2024, 4, 26), Ymd(2024, 5, 6)), 4);
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 4, 26), 3), Ymd(2024, 5, 4));

  // 2025: 30/4 Wed, 1/5 Thu, Fri 2/5 swapped with Saturday 26/4.
  EXPECT_THAT(
      DaysOff(cal, Ymd(2025, 4, 25), Ymd(2025, 5, 5)),
      ::testing::ElementsAre("04-27", "04-30", "05-01", "05-02", "05-03", "05-04"));

  // 2026: Giỗ Tổ on Sunday 26/4 gives Monday 27/4 off; 30/4 Thu, 1/5 Fri.
  EXPECT_THAT(DaysOff(cal, Ymd(2026, 4, 24), Ymd(2026, 5, 4)),
              ::testing::ElementsAre("04-25", "04-26", "04-27", "04-30", "05-01", "05-02",
                                     "05-03"));
  EXPECT_EQ(cal.HolidayName(Ymd(2026, 4, 26)), "Giỗ Tổ Hùng Vương");
  EXPECT_EQ(cal.HolidayName(Ymd(2026, 4, 27)), "Nghỉ bù Giỗ Tổ Hùng Vương");

  // 2023: Giỗ Tổ Sat 29/4 and 30/4 Sun both compensated: off 29/4 - 3/5.
  EXPECT_THAT(DaysOff(cal, Ymd(2023, 4, 28), Ymd(2023, 5, 5)),
              ::testing::ElementsAre("04-29", "04-30", "05-01", "05-02", "05-03"));
}

TEST(WorkingDays, NationalDay) {
  const auto& cal = Shipped();
  // 2024: 2/9 Mon and the day after (decided), so 1/9 is an ordinary Sunday.
  EXPECT_THAT(DaysOff(cal, Ymd(2024, 8, 30), Ymd(2024, 9, 5)),
              ::testing::ElementsAre("08-31", "09-01", "09-02", "09-03"));
  EXPECT_EQ(cal.HolidayName(Ymd(2024, 9, 1)), std::nullopt);
  EXPECT_EQ(cal.HolidayName(Ymd(2024, 9, 3)), "Quốc khánh");
  // 2025: 1/9 Mon, 2/9 Tue.
  EXPECT_THAT(DaysOff(cal, Ymd(2025, 8, 29), Ymd(2025, 9, 4)),
              ::testing::ElementsAre("08-30", "08-31", "09-01", "09-02"));
  // 2026: Sat 29/8 - Wed 2/9, Mon 31/8 swapped with Saturday 22/8.
  EXPECT_THAT(
      DaysOff(cal, Ymd(2026, 8, 21), Ymd(2026, 9, 4)),
      ::testing::ElementsAre("08-23", "08-29", "08-30", "08-31", "09-01", "09-02"));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2026, 8, 22)));
}

TEST(WorkingDays, NewYearSwap2026) {
  const auto& cal = Shipped();
  EXPECT_THAT(DaysOff(cal, Ymd(2025, 12, 31), Ymd(2026, 1, 11)),
              ::testing::ElementsAre("01-01", "01-02", "01-03", "01-04", "01-11"));
  EXPECT_EQ(cal.HolidayName(Ymd(2026, 1, 1)), "Tết Dương lịch");
  EXPECT_EQ(cal.HolidayName(Ymd(2026, 1, 2)),
            "Hoán đổi ngày làm việc dịp Tết Dương lịch");
}

TEST(WorkingDays, CompensationRule) {
  // 1/5/2027 is a Saturday: with the rule Monday 3/5 is off, without it not.
  const std::string base = "fixed 05-01 Ngày Quốc tế Lao động\n";
  const HolidayCalendar with = ParseOrDie(base + "rule compensate-weekend\n");
  const HolidayCalendar without = ParseOrDie(base);
  EXPECT_FALSE(with.IsWorkingDay(Ymd(2027, 5, 3)));
  EXPECT_EQ(with.HolidayName(Ymd(2027, 5, 3)), "Nghỉ bù Ngày Quốc tế Lao động");
  EXPECT_TRUE(without.IsWorkingDay(Ymd(2027, 5, 3)));

  // Holidays on Sat, Sun and Mon: the two weekend days move to Tue and Wed.
  const HolidayCalendar chain = ParseOrDie(
      "rule compensate-weekend Bù\n"
      "fixed 05-01 .. 05-03 Lễ\n");
  EXPECT_THAT(DaysOff(chain, Ymd(2027, 4, 30), Ymd(2027, 5, 7)),
              ::testing::ElementsAre("05-01", "05-02", "05-03", "05-04", "05-05"));
  EXPECT_EQ(chain.HolidayName(Ymd(2027, 5, 5)), "Bù Lễ");

  // A compensatory day skips days that are already off.
  const HolidayCalendar skip = ParseOrDie(
      "rule compensate-weekend\n"
      "fixed 05-01 Lễ\n"
      "off 2027-05-03 Hoán đổi\n");
  EXPECT_THAT(DaysOff(skip, Ymd(2027, 4, 30), Ymd(2027, 5, 7)),
              ::testing::ElementsAre("05-01", "05-02", "05-03", "05-04"));
}

TEST(WorkingDays, LunarRulesAndWeekendLine) {
  const HolidayCalendar cal = ParseOrDie(
      "weekend sun\n"
      "lunar 12-last .. 01-04 Tết\n"
      "lunar 03-10 Giỗ Tổ\n");
  // 2024: 30 tháng Chạp = 9/2, mùng 4 = 13/2.
  EXPECT_THAT(DaysOff(cal, Ymd(2024, 2, 5), Ymd(2024, 2, 17)),
              ::testing::ElementsAre("02-09", "02-10", "02-11", "02-12", "02-13"));
  // Saturdays are working days under "weekend sun".
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2024, 2, 17)));
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2024, 4, 18)));  // 10/3 Giáp Thìn
  // 2026: last day of month 12 is the 29th (16/2).
  EXPECT_EQ(cal.HolidayName(Ymd(2026, 2, 16)), "Tết");
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2026, 2, 21)));
}

TEST(WorkingDays, ZeroAndNegativeCounts) {
  const auto& cal = Shipped();
  // n == 0: a working day stays, a day off moves to the next working day.
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2026, 2, 13), 0), Ymd(2026, 2, 13));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2026, 2, 14), 0), Ymd(2026, 2, 23));
  // Counting back over Tết 2026.
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2026, 2, 23), -1), Ymd(2026, 2, 13));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2026, 2, 24), -2), Ymd(2026, 2, 13));
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2026, 2, 24), Ymd(2026, 2, 10)), -5);
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2026, 2, 10), Ymd(2026, 2, 10)), 0);
}

TEST(WorkingDays, AddAndBetweenAgreeEverywhere) {
  // Inside the table and beyond it on both sides (weekly rest days only there).
  const auto& cal = Shipped();
  for (const year_month_day start :
       {Ymd(1899, 12, 20), Ymd(1950, 6, 1), Ymd(2024, 1, 29), Ymd(2025, 12, 26),
        Ymd(2199, 12, 20), Ymd(2300, 1, 1)}) {
    for (int n : {0, 1, 2, 5, 10, 30, 250, 1000, -1, -5, -30, -250}) {
      const year_month_day end = cal.AddWorkingDays(start, n);
      ASSERT_TRUE(cal.IsWorkingDay(end));
      if (n != 0) {
        ASSERT_EQ(cal.WorkingDaysBetween(start, end), n);
      } else {
        ASSERT_EQ(cal.WorkingDaysBetween(start, end), cal.IsWorkingDay(start) ? 0 : 1);
      }
    }
  }
  // Outside the table every 7 days hold 5 working days (3/3/1800 is 56 days on).
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(1800, 1, 6), Ymd(1800, 3, 3)), 40);
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2300, 1, 1)));  // a Monday; holidays unknown there
}

TEST(WorkingDays, InvalidDates) {
  const auto& cal = Shipped();
  const year_month_day bad(year(2026), month(2), day(30));
  EXPECT_FALSE(cal.IsWorkingDay(bad));
  EXPECT_EQ(cal.HolidayName(bad), std::nullopt);
  EXPECT_EQ(cal.AddWorkingDays(bad, 3), bad);
  EXPECT_EQ(cal.WorkingDaysBetween(bad, Ymd(2026, 3, 2)), 0);
}

struct BadLine {
  const char* text;
  const char* message;  // expected part of the error
};

TEST(WorkingDays, MalformedLinesNameFileAndLine) {
  const BadLine cases[] = {
      {"fixed 01-01 Tết\nfxed 04-30 Chiến thắng\n",
       "test.txt:2: unknown line kind 'fxed'"},
      {"# comment\n\nfixed 13-01 X\n", "test.txt:3: unknown month 13 in '13-01'"},
      {"fixed 02-30 X\n", "test.txt:1: '02-30' is not a date"},
      {"fixed 1/1 X\n", "test.txt:1: expected a date MM-DD, found '1/1'"},
      {"fixed 01-01\n", "test.txt:1: missing the name"},
      {"lunar 12-30 Tết\n",
       "test.txt:1: lunar day 30 exists only in 30-day months; write "
       "'12-last'"},
      {"lunar 12-last .. 12-29 X\n",
       "test.txt:1: the lunar range covers more than 60 days"},
      {"fixed 12-31 .. 01-01 X\n", "test.txt:1: the range ends before it starts"},
      {"fixed 01-01 for 0 X\n", "test.txt:1: expected a number of days 1..366"},
      {"off 2026-02-30 X\n", "test.txt:1: '2026-02-30' is not a date"},
      {"off 26-02-16 X\n", "test.txt:1: expected a date YYYY-MM-DD"},
      {"off 2300-01-02 X\n", "test.txt:1: year 2300 is outside 1900..2199"},
      {"work 2026-01-10 .. 2026-01-03 X\n",
       "test.txt:1: the range ends before it starts"},
      {"fixed 09-02 Quốc khánh\nholiday 2024-09-02 Quoc khanh\n",
       "test.txt:2: no 'fixed' or 'lunar' line is named 'Quoc khanh'"},
      {"weekend sat sun\nweekend sun\n",
       "test.txt:2: 'weekend' was already given on line 1"},
      {"weekend sat funday\n", "test.txt:1: unknown weekday 'funday'"},
      {"weekend mon tue wed thu fri sat sun\n", "every day of the week is a rest day"},
      {"rule compensate-holidays\n", "test.txt:1: unknown rule 'compensate-holidays'"},
      {"fixed 01-01 X\n\xC3\x28 bad\n", "test.txt:2: invalid UTF-8"},
  };
  for (const BadLine& c : cases) {
    const auto cal = HolidayCalendar::Parse(c.text, "test.txt");
    ASSERT_FALSE(cal.ok()) << c.text;
    EXPECT_THAT(cal.status().message(), HasSubstr(c.message)) << c.text;
    EXPECT_EQ(cal.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(WorkingDays, FormatDetails) {
  // CRLF line ends, a byte order mark, tabs, trailing comments, names with spaces.
  const HolidayCalendar cal = ParseOrDie(
      "\xEF\xBB\xBF# header\r\n"
      "fixed\t05-01\tNgày  Quốc tế   Lao động   # comment\r\n"
      "off 2027-05-04 for 2 Nghỉ thêm\r\n");
  EXPECT_EQ(cal.HolidayName(Ymd(2027, 5, 1)), "Ngày  Quốc tế   Lao động");
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2027, 5, 5)));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2027, 5, 6)));
  // An empty file: weekends only.
  const HolidayCalendar empty = ParseOrDie("");
  EXPECT_TRUE(empty.IsWorkingDay(Ymd(2026, 1, 1)));
  EXPECT_FALSE(empty.IsWorkingDay(Ymd(2026, 1, 3)));
  // 02-29 only in leap years.
  const HolidayCalendar leap = ParseOrDie("fixed 02-29 Ngày nhuận\n");
  EXPECT_FALSE(leap.IsWorkingDay(Ymd(2028, 2, 29)));
  EXPECT_TRUE(leap.IsWorkingDay(Ymd(2027, 3, 1)));
}

TEST(WorkingDays, MissingFile) {
  const auto cal = HolidayCalendar::Load("/nonexistent/rules/holidays.txt");
  ASSERT_FALSE(cal.ok());
  EXPECT_EQ(cal.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(cal.status().message(), HasSubstr("/nonexistent/rules/holidays.txt"));
}

TEST(WorkingDays, LoadReportsErrorsWithThePath) {
  const std::string path = ::testing::TempDir() + "thads_holidays_bad.txt";
  {
    std::ofstream out(path);
    out << "fixed 01-01 Tết Dương lịch\nlunar 3-10\n";
  }
  const auto cal = HolidayCalendar::Load(path);
  std::remove(path.c_str());
  ASSERT_FALSE(cal.ok());
  EXPECT_THAT(cal.status().message(), HasSubstr(path + ":2: missing the name"));
}

TEST(WorkingDays, LoadDefaultFindsTheShippedFile) {
  const auto cal = HolidayCalendar::LoadDefault();
  ASSERT_TRUE(cal.ok()) << cal.status().message();
  EXPECT_EQ(cal->AddWorkingDays(Ymd(2026, 2, 10), 5), Ymd(2026, 2, 24));
}

}  // namespace
}  // namespace thads::text
