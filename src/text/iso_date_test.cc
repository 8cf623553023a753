#include "text/dates.h"

#include <gtest/gtest.h>

namespace thads::text {
namespace {

using namespace std::chrono;

struct ValidDate {
  const char* text;
  year_month_day date;
};

class IsoDateValid : public ::testing::TestWithParam<ValidDate> {};

TEST_P(IsoDateValid, ParsesAndFormatsBack) {
  Result<year_month_day> parsed = ParseIsoDate(GetParam().text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(*parsed, GetParam().date);
  EXPECT_EQ(FormatIsoDate(*parsed), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Table, IsoDateValid,
    ::testing::Values(ValidDate{"2017-09-12", 2017y / September / 12},
                      ValidDate{"2024-02-29", 2024y / February / 29},
                      ValidDate{"2000-02-29", 2000y / February / 29},
                      ValidDate{"0987-03-05", 987y / March / 5},
                      ValidDate{"0001-01-01", 1y / January / 1},
                      ValidDate{"9999-12-31", 9999y / December / 31}));

struct InvalidDate {
  const char* text;
  const char* message;
};

class IsoDateInvalid : public ::testing::TestWithParam<InvalidDate> {};

TEST_P(IsoDateInvalid, IsRefusedWithReason) {
  Result<year_month_day> parsed = ParseIsoDate(GetParam().text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, IsoDateInvalid,
    ::testing::Values(
        InvalidDate{"", "expected a date YYYY-MM-DD, got \"\""},
        InvalidDate{"2017-09-1", "expected a date YYYY-MM-DD, got \"2017-09-1\""},
        InvalidDate{"2017/09/12", "expected a date YYYY-MM-DD, got \"2017/09/12\""},
        InvalidDate{"12-09-2017", "expected a date YYYY-MM-DD, got \"12-09-2017\""},
        InvalidDate{" 2017-09-12", "expected a date YYYY-MM-DD, got \" 2017-09-12\""},
        InvalidDate{"+017-09-12", "expected a date YYYY-MM-DD, got \"+017-09-12\""},
        InvalidDate{"2017-0a-12", "expected a date YYYY-MM-DD, got \"2017-0a-12\""},
        InvalidDate{"２017-09-12", "expected a date YYYY-MM-DD, got \"２017-09-12\""},
        InvalidDate{"2017-00-10",
                    "expected a date YYYY-MM-DD, got \"2017-00-10\" (no such day)"},
        InvalidDate{"2017-09-00",
                    "expected a date YYYY-MM-DD, got \"2017-09-00\" (no such day)"},
        InvalidDate{"2017-09-31",
                    "expected a date YYYY-MM-DD, got \"2017-09-31\" (no such day)"},
        InvalidDate{"1900-02-29",
                    "expected a date YYYY-MM-DD, got \"1900-02-29\" (no such day)"},
        InvalidDate{"0000-01-01",
                    "expected a date YYYY-MM-DD, got \"0000-01-01\" (no such day)"}));

}  // namespace
}  // namespace thads::text
