#include "text/lunar_calendar.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace thads::text {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day Ymd(int y, unsigned m, unsigned d) {
  return year_month_day(year(y), month(m), day(d));
}

std::string Show(year_month_day d) {
  return std::to_string(static_cast<int>(d.year())) + "-" +
         std::to_string(static_cast<unsigned>(d.month())) + "-" +
         std::to_string(static_cast<unsigned>(d.day()));
}

// Tết Nguyên đán as printed in Vietnamese calendars (lịch Việt Nam, UTC+7).
// Typed from published calendars, not produced by this code.
struct TetCase {
  int year;
  unsigned month;
  unsigned day;
};
constexpr TetCase kPublishedTet[] = {
    {2000, 2, 5},  {2001, 1, 24}, {2002, 2, 12}, {2003, 2, 1},  {2004, 1, 22},
    {2005, 2, 9},  {2006, 1, 29}, {2007, 2, 17}, {2008, 2, 7},  {2009, 1, 26},
    {2010, 2, 14}, {2011, 2, 3},  {2012, 1, 23}, {2013, 2, 10}, {2014, 1, 31},
    {2015, 2, 19}, {2016, 2, 8},  {2017, 1, 28}, {2018, 2, 16}, {2019, 2, 5},
    {2020, 1, 25}, {2021, 2, 12}, {2022, 2, 1},  {2023, 1, 22}, {2024, 2, 10},
    {2025, 1, 29}, {2026, 2, 17}, {2027, 2, 6},  {2028, 1, 26}, {2029, 2, 13},
    {2030, 2, 2},
};

TEST(LunarCalendar, TetMatchesPublishedCalendars2000To2030) {
  for (const TetCase& c : kPublishedTet) {
    const auto tet = LunarNewYear(c.year);
    ASSERT_TRUE(tet.ok()) << c.year << ": " << tet.status().message();
    EXPECT_EQ(*tet, Ymd(c.year, c.month, c.day))
        << "Tết " << c.year << " computed " << Show(*tet);
    const auto lunar = SolarToLunar(Ymd(c.year, c.month, c.day));
    ASSERT_TRUE(lunar.ok());
    EXPECT_EQ(*lunar, (LunarDate{c.year, 1, 1, false})) << c.year;
  }
}

// Years in which the Vietnamese (UTC+7) and Chinese (UTC+8) new year differ.
// 1968: North Vietnam had just moved to UTC+7 (the Tết Offensive confusion);
// 1985: month 11 differs, so the whole year shifts by a month.
struct DiffCase {
  int year;
  year_month_day vietnam;
  year_month_day china;
};

TEST(LunarCalendar, VietnamAndChinaDifferInKnownYears) {
  const DiffCase cases[] = {
      {1968, Ymd(1968, 1, 29), Ymd(1968, 1, 30)},
      {1985, Ymd(1985, 1, 21), Ymd(1985, 2, 20)},
      {2007, Ymd(2007, 2, 17), Ymd(2007, 2, 18)},
      {2030, Ymd(2030, 2, 2), Ymd(2030, 2, 3)},
      {2053, Ymd(2053, 2, 18), Ymd(2053, 2, 19)},
  };
  for (const DiffCase& c : cases) {
    const auto vn = LunarNewYear(c.year, 7);
    const auto cn = LunarNewYear(c.year, 8);
    ASSERT_TRUE(vn.ok() && cn.ok()) << c.year;
    EXPECT_EQ(*vn, c.vietnam) << c.year << " VN computed " << Show(*vn);
    EXPECT_EQ(*cn, c.china) << c.year << " CN computed " << Show(*cn);
  }
}

TEST(LunarCalendar, China1984HasLeapMonth10AndVietnamDoesNot) {
  // The cause of the 1985 difference: at UTC+8 lunar 1984 repeats month 10.
  const auto vn = LunarYearMonths(1984, 7);
  const auto cn = LunarYearMonths(1984, 8);
  ASSERT_TRUE(vn.ok() && cn.ok());
  EXPECT_EQ(vn->size(), 12u);
  ASSERT_EQ(cn->size(), 13u);
  EXPECT_EQ((*cn)[10].month, 10);
  EXPECT_TRUE((*cn)[10].leap_month);
}

TEST(LunarCalendar, VietnamAndChinaAgreeInOrdinaryYears) {
  for (int y : {2008, 2019, 2024, 2025, 2026}) {
    EXPECT_EQ(*LunarNewYear(y, 7), *LunarNewYear(y, 8)) << y;
  }
}

TEST(LunarCalendar, HungKingsDay) {
  // Giỗ Tổ Hùng Vương, 10/3 lunar, as announced for those years' holidays.
  const std::pair<int, year_month_day> cases[] = {
      {2019, Ymd(2019, 4, 14)}, {2021, Ymd(2021, 4, 21)}, {2022, Ymd(2022, 4, 10)},
      {2023, Ymd(2023, 4, 29)}, {2024, Ymd(2024, 4, 18)}, {2025, Ymd(2025, 4, 7)},
      {2026, Ymd(2026, 4, 26)},
  };
  for (const auto& [y, expected] : cases) {
    const auto d = LunarToSolar(LunarDate{y, 3, 10, false});
    ASSERT_TRUE(d.ok()) << y;
    EXPECT_EQ(*d, expected) << y << " computed " << Show(*d);
  }
}

TEST(LunarCalendar, LeapMonths) {
  // Year and its leap month (tháng nhuận).
  const std::pair<int, int> cases[] = {{2012, 4}, {2014, 9}, {2017, 6}, {2020, 4},
                                       {2023, 2}, {2025, 6}, {2028, 5}};
  for (const auto& [y, leap] : cases) {
    const auto months = LunarYearMonths(y);
    ASSERT_TRUE(months.ok()) << y;
    ASSERT_EQ(months->size(), 13u) << y;
    int found = 0;
    for (const LunarMonth& m : *months) {
      if (m.leap_month) found = m.month;
    }
    EXPECT_EQ(found, leap) << y;
  }
  for (int y : {2019, 2021, 2022, 2024, 2026}) {
    const auto months = LunarYearMonths(y);
    ASSERT_TRUE(months.ok());
    EXPECT_EQ(months->size(), 12u) << y;
  }
}

TEST(LunarCalendar, LeapMonthDates) {
  // 2023: month 2 began 20 Feb, leap month 2 began 22 Mar, month 3 on 20 Apr.
  EXPECT_EQ(*LunarToSolar(LunarDate{2023, 2, 1, false}), Ymd(2023, 2, 20));
  EXPECT_EQ(*LunarToSolar(LunarDate{2023, 2, 1, true}), Ymd(2023, 3, 22));
  EXPECT_EQ(*LunarToSolar(LunarDate{2023, 3, 1, false}), Ymd(2023, 4, 20));
  EXPECT_EQ(*SolarToLunar(Ymd(2023, 4, 1)), (LunarDate{2023, 2, 11, true}));
  // 2020: leap month 4 began 23 May.
  EXPECT_EQ(*LunarToSolar(LunarDate{2020, 4, 1, true}), Ymd(2020, 5, 23));
  EXPECT_EQ(*SolarToLunar(Ymd(2020, 6, 1)), (LunarDate{2020, 4, 10, true}));
  // 2025: leap month 6 began 25 Jul; Trung thu (15/8) fell on 6 Oct.
  EXPECT_EQ(*LunarToSolar(LunarDate{2025, 6, 1, true}), Ymd(2025, 7, 25));
  EXPECT_EQ(*LunarToSolar(LunarDate{2025, 8, 15, false}), Ymd(2025, 10, 6));
}

TEST(LunarCalendar, LastDayOfTheYear) {
  // 2024 began after "30 Tết" (9 Feb); 2025 and 2026 after 29 Tết.
  EXPECT_EQ(*SolarToLunar(Ymd(2024, 2, 9)), (LunarDate{2023, 12, 30, false}));
  EXPECT_EQ(*SolarToLunar(Ymd(2025, 1, 28)), (LunarDate{2024, 12, 29, false}));
  EXPECT_EQ(*SolarToLunar(Ymd(2026, 2, 16)), (LunarDate{2025, 12, 29, false}));
  EXPECT_EQ(*SolarToLunar(Ymd(2024, 1, 20)), (LunarDate{2023, 12, 10, false}));
}

TEST(LunarCalendar, RoundTripsEveryDay1950To2100) {
  sys_days d = sys_days(Ymd(1950, 1, 1));
  const sys_days end = sys_days(Ymd(2100, 12, 31));
  LunarDate prev = *SolarToLunar(year_month_day(d - days(1)));
  for (; d <= end; d += days(1)) {
    const year_month_day ymd(d);
    const auto lunar = SolarToLunar(ymd);
    ASSERT_TRUE(lunar.ok()) << Show(ymd);
    const auto back = LunarToSolar(*lunar);
    ASSERT_TRUE(back.ok()) << Show(ymd) << ": " << back.status().message();
    ASSERT_EQ(*back, ymd);
    // Days count up by one; a month has 29 or 30 days; a new month starts at 1.
    if (lunar->day == 1) {
      ASSERT_TRUE(prev.day == 29 || prev.day == 30) << Show(ymd);
      if (!lunar->leap_month) {
        ASSERT_EQ(lunar->month, prev.month % 12 + 1) << Show(ymd);
      } else {
        ASSERT_EQ(lunar->month, prev.month) << Show(ymd);
      }
      ASSERT_EQ(lunar->year,
                lunar->month == 1 && !lunar->leap_month ? prev.year + 1 : prev.year)
          << Show(ymd);
    } else {
      ASSERT_EQ(lunar->day, prev.day + 1) << Show(ymd);
      ASSERT_EQ(lunar->month, prev.month);
      ASSERT_EQ(lunar->leap_month, prev.leap_month);
    }
    prev = *lunar;
  }
}

TEST(LunarCalendar, YearMonthsAreContiguous) {
  for (int y = 1950; y <= 2100; ++y) {
    const auto months = LunarYearMonths(y);
    ASSERT_TRUE(months.ok()) << y;
    ASSERT_EQ(months->front().first_day, *LunarNewYear(y)) << y;
    for (std::size_t i = 0; i + 1 < months->size(); ++i) {
      const LunarMonth& m = (*months)[i];
      ASSERT_TRUE(m.length == 29 || m.length == 30) << y;
      ASSERT_EQ(sys_days(m.first_day) + days(m.length),
                sys_days((*months)[i + 1].first_day));
    }
    const LunarMonth& last = months->back();
    ASSERT_EQ(sys_days(last.first_day) + days(last.length),
              sys_days(*LunarNewYear(y + 1)));
  }
}

TEST(LunarCalendar, RejectsDatesThatDoNotExist) {
  // Month 12 of 2024 (Giáp Thìn) has 29 days.
  const auto no_30 = LunarToSolar(LunarDate{2024, 12, 30, false});
  ASSERT_FALSE(no_30.ok());
  EXPECT_NE(no_30.status().message().find("29 days"), std::string::npos);
  // 2024 has no leap month at all; 2023 repeats month 2, not month 3.
  EXPECT_FALSE(LunarToSolar(LunarDate{2024, 5, 1, true}).ok());
  EXPECT_FALSE(LunarToSolar(LunarDate{2023, 3, 1, true}).ok());
  EXPECT_FALSE(LunarToSolar(LunarDate{2023, 13, 1, false}).ok());
  EXPECT_FALSE(LunarToSolar(LunarDate{2023, 1, 0, false}).ok());
  EXPECT_FALSE(LunarToSolar(LunarDate{2023, 1, 31, false}).ok());
  EXPECT_FALSE(SolarToLunar(year_month_day(year(2023), month(2), day(30))).ok());
  EXPECT_FALSE(SolarToLunar(Ymd(2024, 1, 1), 15).ok());
}

TEST(LunarCalendar, RejectsYearsOutsideRange) {
  EXPECT_TRUE(SolarToLunar(Ymd(1900, 1, 1)).ok());
  EXPECT_TRUE(SolarToLunar(Ymd(2199, 12, 31)).ok());
  EXPECT_FALSE(SolarToLunar(Ymd(1899, 12, 31)).ok());
  EXPECT_FALSE(SolarToLunar(Ymd(2200, 1, 1)).ok());
  EXPECT_TRUE(LunarNewYear(1900).ok());
  EXPECT_TRUE(LunarNewYear(2199).ok());
  EXPECT_FALSE(LunarNewYear(1850).ok());
  EXPECT_FALSE(LunarNewYear(2200).ok());
  // Month 12 of lunar 2199 ends in 2200.
  EXPECT_FALSE(LunarToSolar(LunarDate{2199, 12, 20, false}).ok());
  // 1 Jan 1900 is in lunar 1899, which is reachable both ways.
  const auto first = SolarToLunar(Ymd(1900, 1, 1));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->year, 1899);
  EXPECT_EQ(*LunarToSolar(*first), Ymd(1900, 1, 1));
}

}  // namespace
}  // namespace thads::text
