#include "text/dates.h"

#include <gtest/gtest.h>

namespace thads::text {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year(y), month(m), day(d)}; }

struct ParseCase {
  const char* text;
  Date expected;
};

class ParseDateOk : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseDateOk, Parses) {
  auto r = ParseDate(GetParam().text);
  ASSERT_TRUE(r.ok()) << GetParam().text << ": " << r.status().message();
  EXPECT_EQ(*r, GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Forms, ParseDateOk,
    ::testing::Values(ParseCase{"15-3-2023", D(2023, 3, 15)},
                      ParseCase{"15/3/2023", D(2023, 3, 15)},
                      ParseCase{"05/02/2024", D(2024, 2, 5)},
                      ParseCase{"15.3.2023", D(2023, 3, 15)},
                      ParseCase{"2023-03-15", D(2023, 3, 15)},
                      ParseCase{"ngày 15 tháng 3 năm 2023", D(2023, 3, 15)},
                      ParseCase{"Ngày 05 tháng 02 năm 2024", D(2024, 2, 5)},
                      ParseCase{"Ngày: 15-3-2023", D(2023, 3, 15)},
                      ParseCase{"ngay 1 thang 12 nam 2020", D(2020, 12, 1)},
                      ParseCase{"NGÀY 29 THÁNG 02 NĂM 2024", D(2024, 2, 29)}));

TEST(ParseDate, RejectsImpossibleAndMalformed) {
  for (const char* text : {"30/2/2023", "29-02-2023", "32/1/2024", "15/13/2023", "15/3/23",
                           "", "hôm qua", "15/3", "tháng 3 ngày 15 năm 2023",
                           "15/3/1800", "99999999999/1/2020"}) {
    auto r = ParseDate(text);
    EXPECT_FALSE(r.ok()) << text;
  }
  EXPECT_EQ(ParseDate("30/2/2023").status().message(),
            "date '30/2/2023' does not exist (day 30, month 2)");
}

TEST(ParseIsoDate, StrictForm) {
  EXPECT_EQ(*ParseIsoDate("2017-09-12"), D(2017, 9, 12));
  EXPECT_FALSE(ParseIsoDate("2017-9-12").ok());
  EXPECT_FALSE(ParseIsoDate("2023-02-30").ok());
  EXPECT_FALSE(ParseIsoDate("12/09/2017").ok());
}

TEST(FormatNd30Date, LeadingZeroForSmallDaysAndFirstTwoMonths) {
  EXPECT_EQ(FormatNd30Date(D(2024, 2, 5)), "ngày 05 tháng 02 năm 2024");
  EXPECT_EQ(FormatNd30Date(D(2024, 3, 15)), "ngày 15 tháng 3 năm 2024");
  EXPECT_EQ(FormatNd30Date(D(2024, 1, 31)), "ngày 31 tháng 01 năm 2024");
  EXPECT_EQ(FormatNd30Date(D(2024, 12, 1)), "ngày 01 tháng 12 năm 2024");
  EXPECT_EQ(FormatNd30Date(D(2024, 10, 10)), "ngày 10 tháng 10 năm 2024");
  EXPECT_EQ(FormatPlaceAndDate("Hà Nội", D(2024, 2, 5)), "Hà Nội, ngày 05 tháng 02 năm 2024");
}

TEST(FormatIsoDate, RoundTripsEveryDayOfALeapYear) {
  for (std::chrono::sys_days d = std::chrono::sys_days{D(2024, 1, 1)};
       d < std::chrono::sys_days{D(2025, 1, 1)}; d += std::chrono::days(1)) {
    const Date date{d};
    EXPECT_EQ(*ParseIsoDate(FormatIsoDate(date)), date);
    EXPECT_EQ(*ParseDate(FormatNd30Date(date)), date);
  }
}

}  // namespace
}  // namespace thads::text
