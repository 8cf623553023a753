#include "text/money.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace thads::text {
namespace {

using ::testing::HasSubstr;

constexpr std::int64_t kThousand = 1'000;
constexpr std::int64_t kMillion = 1'000'000;
constexpr std::int64_t kBillion = 1'000'000'000;
constexpr std::int64_t kTrillion = 1'000'000'000'000;         // nghìn tỷ
constexpr std::int64_t kQuadrillion = 1'000'000'000'000'000;  // triệu tỷ

std::string Nfd(const std::string& nfc) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  EXPECT_TRUE(U_SUCCESS(status));
  const icu::UnicodeString out =
      nfd->normalize(icu::UnicodeString::fromUTF8(nfc), status);
  EXPECT_TRUE(U_SUCCESS(status));
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

// Text as typed on a keyboard without Vietnamese input: marks gone, đ -> d.
std::string StripMarks(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::UnicodeString decomposed =
      nfd->normalize(icu::UnicodeString::fromUTF8(text), status);
  EXPECT_TRUE(U_SUCCESS(status));
  icu::UnicodeString out;
  for (std::int32_t i = 0; i < decomposed.length(); ++i) {
    const char16_t c = decomposed.charAt(i);
    if (c >= 0x0300 && c <= 0x036F) continue;
    if (c == u'đ') {
      out.append(u'd');
    } else if (c == u'Đ') {
      out.append(u'D');
    } else {
      out.append(c);
    }
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

// ---------------------------------------------------------------------------
// Words, both ways

struct WordsCase {
  std::int64_t value;
  const char* words;
};

// Checked by hand against the style in money.h.
const WordsCase kWordsTable[] = {
    {0, "không"},
    {1, "một"},
    {4, "bốn"},
    {5, "năm"},
    {7, "bảy"},
    {10, "mười"},
    {11, "mười một"},
    {14, "mười bốn"},
    {15, "mười lăm"},
    {20, "hai mươi"},
    {21, "hai mươi mốt"},
    {24, "hai mươi tư"},
    {25, "hai mươi lăm"},
    {31, "ba mươi mốt"},
    {44, "bốn mươi tư"},
    {55, "năm mươi lăm"},
    {99, "chín mươi chín"},
    {100, "một trăm"},
    {101, "một trăm linh một"},
    {104, "một trăm linh bốn"},
    {105, "một trăm linh năm"},
    {110, "một trăm mười"},
    {115, "một trăm mười lăm"},
    {121, "một trăm hai mươi mốt"},
    {1'000, "một nghìn"},
    {1'005, "một nghìn không trăm linh năm"},
    {1'010, "một nghìn không trăm mười"},
    {1'020, "một nghìn không trăm hai mươi"},
    {1'100, "một nghìn một trăm"},
    {10'000, "mười nghìn"},
    {15'000, "mười lăm nghìn"},
    {50'000, "năm mươi nghìn"},
    {500'000, "năm trăm nghìn"},
    {1'000'000, "một triệu"},
    {1'005'000, "một triệu không trăm linh năm nghìn"},
    {1'000'015, "một triệu không trăm mười lăm"},
    {2'000'001, "hai triệu không trăm linh một"},
    {2'500'000, "hai triệu năm trăm nghìn"},
    {150'000'000, "một trăm năm mươi triệu"},
    {123'456'789,
     "một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín"},
    {1'000'000'000, "một tỷ"},
    {1'000'000'005, "một tỷ không trăm linh năm"},
    {1'001'000'000, "một tỷ không trăm linh một triệu"},
    {21'500'000'000, "hai mươi mốt tỷ năm trăm triệu"},
    {200'000'000'000, "hai trăm tỷ"},
    {1'000'000'000'000, "một nghìn tỷ"},
    {1'000'000'000'001, "một nghìn tỷ không trăm linh một"},
    {1'005'000'000'000, "một nghìn không trăm linh năm tỷ"},
    {1'000'000'000'000'000, "một triệu tỷ"},
    {1'234'567'000'000'000,
     "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy tỷ"},
    {999'999'999'999'999'999,
     "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín "
     "mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín "
     "trăm chín mươi chín"},
};

TEST(NumberToWords, HandCheckedTable) {
  for (const WordsCase& c : kWordsTable) {
    EXPECT_EQ(NumberToWords(c.value), c.words) << c.value;
  }
}

TEST(ParseMoneyWords, HandCheckedTable) {
  for (const WordsCase& c : kWordsTable) {
    const Result<MoneyWords> parsed = ParseMoneyWords(c.words);
    ASSERT_TRUE(parsed.ok()) << c.words << ": " << parsed.status().message();
    EXPECT_EQ(parsed->value, c.value) << c.words;
    EXPECT_EQ(parsed->confidence, 1.0) << c.words;
  }
}

TEST(NumberToWords, NegativeAndBeyondTheParsedRange) {
  EXPECT_EQ(NumberToWords(-5), "âm năm");
  EXPECT_EQ(NumberToWords(-1'005'000), "âm một triệu không trăm linh năm nghìn");
  EXPECT_EQ(NumberToWords(1'000'000'000'000'000'000), "một tỷ tỷ");
  EXPECT_EQ(NumberToWords(1'000'000'000'000'000'005), "một tỷ tỷ không trăm linh năm");
  EXPECT_EQ(NumberToWords(INT64_MAX),
            "chín tỷ tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm "
            "ba mươi sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám "
            "trăm linh bảy");
  EXPECT_THAT(NumberToWords(INT64_MIN), HasSubstr("âm chín tỷ tỷ"));
  EXPECT_THAT(NumberToWords(INT64_MIN), HasSubstr("tám trăm linh tám"));
}

TEST(MoneyToWords, CapitalizedWithDong) {
  EXPECT_EQ(MoneyToWords(1'005'000), "Một triệu không trăm linh năm nghìn đồng");
  EXPECT_EQ(MoneyToWords(150'000'000), "Một trăm năm mươi triệu đồng");
  EXPECT_EQ(MoneyToWords(0), "Không đồng");
  EXPECT_EQ(MoneyToWords(4), "Bốn đồng");
  EXPECT_EQ(MoneyToWords(10'000), "Mười nghìn đồng");
  EXPECT_EQ(MoneyToWords(-7), "Âm bảy đồng");
}

// ---------------------------------------------------------------------------
// Words: variants and errors

struct VariantCase {
  const char* words;
  std::int64_t value;
  bool exact;  // every word spelled right, so confidence is 1.0
};

TEST(ParseMoneyWords, AcceptsVariants) {
  const VariantCase cases[] = {
      {"một trăm lẻ năm", 105, true},
      {"một trăm linh tư", 104, true},
      {"hai mươi bốn", 24, true},
      {"hai mươi một", 21, true},
      {"hai mươi năm", 25, true},
      {"hai mươi nhăm", 25, true},
      {"mười lăm", 15, true},
      {"mười năm", 15, true},
      {"tư", 4, true},
      {"một ngàn", 1'000, true},
      {"một tỉ", kBillion, true},
      {"bẩy trăm", 700, true},
      {"hai chục", 20, true},
      {"hai chục nghìn", 20'000, true},
      {"ba chục lăm", 35, true},
      {"một triệu năm nghìn", 1'005'000, true},
      {"một nghìn linh năm", 1'005, true},
      {"một nghìn hai mươi", 1'020, true},
      {"một tỷ năm triệu", kBillion + 5 * kMillion, true},
      {"năm nghìn tỷ đồng", 5 * kTrillion, true},
      {"một trăm nghìn tỷ", 100 * kTrillion, true},
      {"hai triệu tỷ", 2 * kQuadrillion, true},
      {"không đồng", 0, true},
      {"Hai mươi mốt triệu đồng chẵn", 21 * kMillion, true},
      {"(Một trăm năm mươi triệu đồng)", 150 * kMillion, true},
      {"(Một trăm năm mươi triệu đồng).", 150 * kMillion, true},
      {"Một trăm triệu đồng chẵn./.", 100 * kMillion, true},
      {"“Năm mươi triệu đồng”", 50 * kMillion, true},
      {"một tỷ, hai trăm triệu đồng", kBillion + 200 * kMillion, true},
      {"  một   trăm\u00A0triệu  ", 100 * kMillion, true},
      {"mười triệu VNĐ", 10 * kMillion, true},
      {"MỘT TRĂM NĂM MƯƠI TRIỆU ĐỒNG", 150 * kMillion, true},
      {"Một Trăm Linh Năm Nghìn Đồng", 105'000, true},
      // Marks lost or wrong: read, with a lower confidence.
      {"mot tram nam muoi trieu dong", 150 * kMillion, false},
      {"Mot trieu khong tram linh nam nghin dong", 1'005'000, false},
      {"hai muoi mot", 21, false},
      {"muoi lam", 15, false},
      {"muoi", 10, false},
      {"mot tram muoi", 110, false},
      {"hai muoi tu ty", 24 * kBillion, false},
      {"mot ti", kBillion, false},
      {"hai mười", 20, false},
      {"mươi", 10, false},
      {"mốt trăm", 100, false},
      {"mười mốt", 11, false},
      {"hai mưoi mốt", 21, false},
      {"một trám", 100, false},
      {"mồt", 1, false},
  };
  for (const VariantCase& c : cases) {
    const Result<MoneyWords> parsed = ParseMoneyWords(c.words);
    ASSERT_TRUE(parsed.ok()) << c.words << ": " << parsed.status().message();
    EXPECT_EQ(parsed->value, c.value) << c.words;
    if (c.exact) {
      EXPECT_EQ(parsed->confidence, 1.0) << c.words;
    } else {
      EXPECT_LT(parsed->confidence, 1.0) << c.words;
      EXPECT_GT(parsed->confidence, 0.0) << c.words;
    }
  }
}

TEST(ParseMoneyWords, ReadsNfdInput) {
  const std::string nfc = "Một trăm năm mươi triệu không trăm linh tư nghìn đồng chẵn";
  const std::string nfd = Nfd(nfc);
  ASSERT_NE(nfd, nfc);
  const Result<MoneyWords> parsed = ParseMoneyWords(nfd);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->value, 150'004'000);
  EXPECT_EQ(parsed->confidence, 1.0);
}

TEST(ParseMoneyWords, ConfidenceDropsPerWord) {
  const double all_marks = ParseMoneyWords("một trăm năm mươi triệu đồng")->confidence;
  const double one_lost = ParseMoneyWords("một tram năm mươi triệu đồng")->confidence;
  const double two_lost = ParseMoneyWords("một tram năm muoi triệu đồng")->confidence;
  const double one_wrong = ParseMoneyWords("một trám năm mươi triệu đồng")->confidence;
  EXPECT_EQ(all_marks, 1.0);
  EXPECT_LT(one_lost, all_marks);
  EXPECT_LT(two_lost, one_lost);
  EXPECT_LT(one_wrong, one_lost);  // a wrong mark is worse than a lost one
  // Words that have no marks to lose cost nothing.
  EXPECT_EQ(ParseMoneyWords("mot tram linh ba")->confidence,
            ParseMoneyWords("mot tram")->confidence);
  // Deterministic.
  EXPECT_EQ(ParseMoneyWords("mot tram nam muoi")->confidence,
            ParseMoneyWords("mot tram nam muoi")->confidence);
}

TEST(ParseMoneyWords, OldFilesWithEthForDStroke) {
  const Result<MoneyWords> parsed = ParseMoneyWords("hai trăm ðồng");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->value, 200);
  EXPECT_LT(parsed->confidence, 1.0);
}

struct ErrorCase {
  std::string words;
  const char* message_part;
};

TEST(ParseMoneyWords, RejectsWithAMessageNamingTheWord) {
  const ErrorCase cases[] = {
      {"", "empty"},
      {"  (  ) ", "empty"},
      {"đồng", "no number before \"đồng\""},
      {"trăm trăm", "a digit must come before \"trăm\""},
      {"một trăm trăm", "\"trăm\" cannot follow \"một trăm\""},
      {"mười mười", "\"mười\" cannot follow \"mười\""},
      {"hai mươi mươi", "\"mươi\" cannot follow \"hai mươi\""},
      {"mười hai mươi", "\"mươi\" cannot follow \"mười hai\""},
      {"hai ba", "\"ba\" cannot follow \"hai\""},
      {"một trăm năm", "\"năm\" right after \"trăm\" is ambiguous"},
      {"một trăm tư", "\"tư\" right after \"trăm\" is ambiguous"},
      {"một trăm năm nghìn", "\"năm\" right after \"trăm\" is ambiguous"},
      {"một nghìn năm", "\"năm\" right after \"nghìn\" is ambiguous"},
      {"hai triệu năm đồng", "\"năm\" right after \"triệu\" is ambiguous"},
      {"một tỷ hai", "\"hai\" right after \"tỷ\" is ambiguous"},
      {"lăm", "\"lăm\" is only used after"},
      {"một trăm linh lăm", "\"lăm\" is only used after"},
      {"linh năm", "cannot start with \"linh\""},
      {"một trăm linh", "a digit must follow \"linh\""},
      {"một trăm linh nghìn", "a digit must follow \"linh\""},
      {"hai linh ba", "\"linh\" cannot follow \"hai\""},
      {"tư trăm", "\"tư\" cannot come before \"trăm\"; write \"bốn trăm\""},
      {"tư mươi", "write \"bốn mươi\""},
      {"tư nghìn", "write \"bốn nghìn\""},
      {"không mươi", "\"không\" cannot come before \"mươi\""},
      {"một nghìn không", "\"không\" must be followed by \"trăm\""},
      {"không nghìn", "the number before \"nghìn\" is zero"},
      {"hai mươi không", "\"không\" cannot follow \"hai mươi\""},
      {"nghìn", "a number must come before \"nghìn\""},
      {"chục", "a digit must come before \"chục\""},
      {"một triệu nghìn", "a number must come before \"nghìn\""},
      {"một nghìn triệu", "\"triệu\" cannot come after \"nghìn\""},
      {"một triệu hai triệu", "\"triệu\" cannot come after \"triệu\""},
      {"một tỷ tỷ", "can appear only once"},
      {"một tỷ hai tỷ", "can appear only once"},
      {"một trăm đồng năm", "\"năm\" cannot come after \"đồng\""},
      {"một trăm đồng đồng", "\"đồng\" cannot come after \"đồng\""},
      {"một trăm chẵn đồng", "\"đồng\" cannot come after \"chẵn\""},
      {"số tiền một trăm", "\"số\" is not a number word (word 1)"},
      {"một trăm triệu USD", "\"usd\" is not a number word (word 4)"},
      {"1 trăm", "\"1\" is not a number word"},
      {"một trăm. năm mươi", "\"trăm.\" is not a number word"},
      {"hai mươi mốt mốt", "\"mốt\" cannot follow \"mươi mốt\""},
      {"mọi", "\"mọi\" is not a number word"},
      {std::string("một \xFF trăm"), "invalid UTF-8 at byte 6"},
      {std::string(70'000, 'a'), "too long"},
  };
  for (const ErrorCase& c : cases) {
    const Result<MoneyWords> parsed = ParseMoneyWords(c.words);
    ASSERT_FALSE(parsed.ok()) << c.words << " -> " << parsed->value;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(parsed.status().message(), HasSubstr(c.message_part)) << c.words;
  }
}

// ---------------------------------------------------------------------------
// Digits

TEST(FormatThousands, GroupsWithDots) {
  EXPECT_EQ(FormatThousands(0), "0");
  EXPECT_EQ(FormatThousands(999), "999");
  EXPECT_EQ(FormatThousands(1'000), "1.000");
  EXPECT_EQ(FormatThousands(150'000'000), "150.000.000");
  EXPECT_EQ(FormatThousands(1'234'567), "1.234.567");
  EXPECT_EQ(FormatThousands(-1'500), "-1.500");
  EXPECT_EQ(FormatThousands(INT64_MAX), "9.223.372.036.854.775.807");
  EXPECT_EQ(FormatThousands(INT64_MIN), "-9.223.372.036.854.775.808");
  EXPECT_EQ(FormatMoney(150'000'000), "150.000.000 đồng");
  EXPECT_EQ(FormatMoney(0), "0 đồng");
}

struct DigitsCase {
  std::string text;
  std::int64_t value;
};

TEST(ParseMoneyDigits, Accepts) {
  const DigitsCase cases[] = {
      {"150.000.000 đồng", 150'000'000},
      {"150.000.000đ", 150'000'000},
      {"150.000.000 đ.", 150'000'000},
      {"50.000.000 VNĐ", 50'000'000},
      {"50.000.000 VND", 50'000'000},
      {"50.000.000 vnđ", 50'000'000},
      {"150.000.000 ĐỒNG", 150'000'000},
      {"150.000.000 dong", 150'000'000},
      {"150.000.000 đồng chẵn", 150'000'000},
      {"(150.000.000 đồng)", 150'000'000},
      {"150.000.000 đồng./.", 150'000'000},
      {"150000000", 150'000'000},
      {"150.000.000", 150'000'000},
      {"150. 000.000", 150'000'000},
      {"150 .000 . 000 đồng", 150'000'000},
      {"150 000 000 đồng", 150'000'000},
      {"1,5 tỷ đồng", 1'500'000'000},
      {"1,5tỷ", 1'500'000'000},
      {"1,5 tỉ", 1'500'000'000},
      {"1,5 ty dong", 1'500'000'000},
      {"2 triệu đồng", 2'000'000},
      {"1,25 triệu", 1'250'000},
      {"1,05 triệu", 1'050'000},
      {"300 nghìn đồng", 300'000},
      {"300 ngàn", 300'000},
      {"2,5 nghìn tỷ đồng", 2'500'000'000'000},
      {"1 triệu tỷ", kQuadrillion},
      {"1.500 tỷ", 1'500'000'000'000},
      {"1.500.000,00 đồng", 1'500'000},
      {"1.500.000,0", 1'500'000},
      {"0", 0},
      {"0 đồng", 0},
      {"007", 7},
      {"15.000.000,", 15'000'000},  // a comma closing the sentence
      {"999.999.999.999.999.999", kMaxMoney},
      {"999999999999999999 đồng", kMaxMoney},
      {Nfd("150.000.000 đồng"), 150'000'000},
      {"150.000.000\u00A0đồng", 150'000'000},
  };
  for (const DigitsCase& c : cases) {
    const Result<std::int64_t> parsed = ParseMoneyDigits(c.text);
    ASSERT_TRUE(parsed.ok()) << c.text << ": " << parsed.status().message();
    EXPECT_EQ(*parsed, c.value) << c.text;
  }
}

struct DigitsErrorCase {
  std::string text;
  const char* message_part;
};

TEST(ParseMoneyDigits, RejectsWithAMessage) {
  const DigitsErrorCase cases[] = {
      {"", "amount is empty"},
      {" ( ) ", "amount is empty"},
      {"abc", "amount \"abc\": it must start with a digit"},
      {"đồng", "must start with a digit"},
      {"1.50.000", "each group after the first must have three digits (\"50\")"},
      {"1.5 tỷ", "three digits (\"5\"); \",\" starts decimals"},
      {"1.5000", "three digits (\"5000\")"},
      {"1500.000", "at most three digits (\"1500\")"},
      {"150.000.đồng", "three digits must follow \".\""},
      {"99999999999999999999 đồng", "too large"},
      {"1.000.000.000.000.000.000", "too large"},
      {"1.000.000 tỷ tỷ", "not a valid multiplier"},
      {"1.000 triệu tỷ", "too large"},
      {"10.000.000 triệu tỷ", "too large"},
      {"1.500.000,50 đồng", "fractions of a đồng are not allowed"},
      {"1,5", "fractions of a đồng are not allowed"},
      {"1,2345 nghìn", "not a whole number of đồng"},
      {"150,000", "\",000\" is ambiguous"},
      {"1,500 tỷ", "\",500\" is ambiguous"},
      {"-5", "cannot be negative"},
      {"−5 đồng", "cannot be negative"},
      {"1,500,000", "\".\" separates thousands and \",\" decimals"},
      {"1,500.000", "\".\" separates thousands and \",\" decimals"},
      {"150.000.000 đô la", "\"đô\" is not part of an amount"},
      {"150.000.000 đồng/tháng", "\"đồng/tháng\" is not part of an amount"},
      {"150.000.000 đồng đồng", "\"đồng\" is not part of an amount"},
      {"10 triệu nghìn", "\"triệu nghìn\" is not a valid multiplier"},
      {"10 tỷ triệu", "\"tỷ triệu\" is not a valid multiplier"},
      {"10 đồng triệu", "\"triệu\" is not part of an amount"},
      {"1 5", "three digits (\"5\")"},
      {"１５０", "must start with a digit"},  // full-width digits
      {std::string("15\xC0"), "invalid UTF-8"},
      {std::string(70'000, '1'), "too long"},
  };
  for (const DigitsErrorCase& c : cases) {
    const Result<std::int64_t> parsed = ParseMoneyDigits(c.text);
    ASSERT_FALSE(parsed.ok()) << c.text << " -> " << *parsed;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(parsed.status().message(), HasSubstr(c.message_part)) << c.text;
  }
}

// The two forms of one amount in a judgment agree.
TEST(Money, DigitsAndWordsOfAJudgmentAgree) {
  const std::array<std::pair<const char*, const char*>, 5> pairs = {{
      {"150.000.000 đồng", "(Một trăm năm mươi triệu đồng)"},
      {"50.000.000 VNĐ", "(Năm mươi triệu đồng)"},
      {"1.005.000đ", "(Một triệu không trăm linh năm nghìn đồng chẵn)"},
      {"86.521.000 đồng", "(Tám mươi sáu triệu năm trăm hai mươi mốt nghìn đồng)"},
      {"3.300.000 đồng", "(Ba triệu ba trăm nghìn đồng)."},
  }};
  for (const auto& [digits, words] : pairs) {
    const Result<MoneyWords> from_words = ParseMoneyWords(words);
    ASSERT_TRUE(from_words.ok()) << words << ": " << from_words.status().message();
    const Result<std::int64_t> from_digits = ParseMoneyDigits(digits);
    ASSERT_TRUE(from_digits.ok()) << digits << ": " << from_digits.status().message();
    EXPECT_EQ(*from_digits, from_words->value) << digits;
    EXPECT_EQ(from_words->confidence, 1.0) << words;
  }
}

TEST(Money, LongPaddingIsFine) {
  const std::string padded = std::string(60'000, ' ') + "một trăm đồng";
  const Result<MoneyWords> words = ParseMoneyWords(padded);
  ASSERT_TRUE(words.ok()) << words.status().message();
  EXPECT_EQ(words->value, 100);
  const Result<std::int64_t> digits =
      ParseMoneyDigits(std::string(60'000, ' ') + "100 đồng");
  ASSERT_TRUE(digits.ok()) << digits.status().message();
  EXPECT_EQ(*digits, 100);
}

// ---------------------------------------------------------------------------
// Properties

// Uniform numbers, and numbers made of groups that are mostly zero or tricky
// (1, 4, 5, 10, 11, 14, 15, 21, 24, 25, 100, 101, 105, ...).
class AmountGenerator {
 public:
  explicit AmountGenerator(std::int64_t max) : max_(max) {}

  std::int64_t Next(std::mt19937_64& rng) {
    switch (rng() % 4) {
      case 0:
        return std::uniform_int_distribution<std::int64_t>(0, max_)(rng);
      case 1:
        return std::uniform_int_distribution<std::int64_t>(0, 10'000)(rng);
      default:
        return Round(rng);
    }
  }

 private:
  std::int64_t Round(std::mt19937_64& rng) {
    static constexpr std::array<int, 24> kTricky = {
        1,  4,   5,   10,  11,  14,  15,  20,  21,  24,  25,  50,
        55, 100, 101, 104, 105, 110, 111, 114, 115, 121, 500, 999};
    std::int64_t value = 0;
    for (int group = 0; group < 6; ++group) {
      value *= 1000;
      const std::uint64_t pick = rng() % 10;
      if (pick < 5) continue;  // zero group
      value +=
          pick < 8 ? kTricky.at(rng() % kTricky.size()) : static_cast<int>(rng() % 1000);
    }
    return value % (max_ + 1);
  }

  std::int64_t max_;
};

void CheckRoundTrip(std::int64_t n) {
  const std::string phrase = MoneyToWords(n);
  const Result<MoneyWords> parsed = ParseMoneyWords(phrase);
  ASSERT_TRUE(parsed.ok()) << n << " " << phrase << ": " << parsed.status().message();
  ASSERT_EQ(parsed->value, n) << phrase;
  ASSERT_EQ(parsed->confidence, 1.0) << phrase;
  ASSERT_EQ(MoneyToWords(parsed->value), phrase);
  ASSERT_EQ(NumberToWords(parsed->value), NumberToWords(n));

  const Result<MoneyWords> bare = ParseMoneyWords(NumberToWords(n));
  ASSERT_TRUE(bare.ok()) << NumberToWords(n);
  ASSERT_EQ(bare->value, n);

  const Result<std::int64_t> digits = ParseMoneyDigits(FormatMoney(n));
  ASSERT_TRUE(digits.ok()) << FormatMoney(n) << ": " << digits.status().message();
  ASSERT_EQ(*digits, n);
}

TEST(MoneyProperty, WordsAndDigitsRoundTrip) {
  std::mt19937_64 rng(20240205);
  AmountGenerator generator(kQuadrillion);
  for (int i = 0; i < 100'000; ++i) {
    const std::int64_t n = generator.Next(rng);
    ASSERT_NO_FATAL_FAILURE(CheckRoundTrip(n));
  }
  for (const std::int64_t n : {std::int64_t{0}, kQuadrillion, kMaxMoney}) {
    ASSERT_NO_FATAL_FAILURE(CheckRoundTrip(n));
  }
}

TEST(MoneyProperty, RoundTripUpToTheMaximum) {
  std::mt19937_64 rng(7);
  AmountGenerator generator(kMaxMoney);
  for (int i = 0; i < 10'000; ++i) {
    ASSERT_NO_FATAL_FAILURE(CheckRoundTrip(generator.Next(rng)));
  }
}

// Mark-less, NFD and upper-case copies of every phrase read the same number.
TEST(MoneyProperty, VariantsOfThePhraseReadTheSame) {
  std::mt19937_64 rng(42);
  AmountGenerator generator(kQuadrillion);
  for (int i = 0; i < 10'000; ++i) {
    const std::int64_t n = generator.Next(rng);
    const std::string phrase = MoneyToWords(n);

    const std::string plain = StripMarks(phrase);
    const Result<MoneyWords> from_plain = ParseMoneyWords(plain);
    ASSERT_TRUE(from_plain.ok()) << plain << ": " << from_plain.status().message();
    ASSERT_EQ(from_plain->value, n) << plain;
    ASSERT_LT(from_plain->confidence, 1.0) << plain;  // "dong" at least lost its marks
    ASSERT_GT(from_plain->confidence, 0.0) << plain;

    const Result<MoneyWords> from_nfd = ParseMoneyWords(Nfd(phrase));
    ASSERT_TRUE(from_nfd.ok()) << phrase;
    ASSERT_EQ(from_nfd->value, n);
    ASSERT_EQ(from_nfd->confidence, 1.0);

    icu::UnicodeString upper = icu::UnicodeString::fromUTF8(phrase);
    upper.toUpper(icu::Locale::getRoot());
    std::string upper_utf8;
    upper.toUTF8String(upper_utf8);
    const Result<MoneyWords> from_upper = ParseMoneyWords("(" + upper_utf8 + " CHẴN./.)");
    ASSERT_TRUE(from_upper.ok()) << upper_utf8;
    ASSERT_EQ(from_upper->value, n);
    ASSERT_EQ(from_upper->confidence, 1.0);
  }
}

// Any input is an amount or an error: no crash, no sanitizer report.
TEST(MoneyFuzz, RandomBytes) {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 20'000; ++i) {
    std::string bytes(rng() % 48, '\0');
    for (char& b : bytes) {
      // Mostly printable and Vietnamese-looking UTF-8 lead/continuation bytes.
      const std::uint64_t r = rng() % 4;
      b = static_cast<char>(r == 0   ? rng() % 256
                            : r == 1 ? 0xC0 + rng() % 0x3F
                                     : 0x20 + rng() % 0x5F);
    }
    const Result<std::int64_t> digits = ParseMoneyDigits(bytes);
    if (digits.ok()) {
      EXPECT_GE(*digits, 0);
      EXPECT_LE(*digits, kMaxMoney);
    }
    const Result<MoneyWords> words = ParseMoneyWords(bytes);
    if (words.ok()) {
      EXPECT_GE(words->value, 0);
      EXPECT_LE(words->value, kMaxMoney);
    }
  }
}

TEST(MoneyFuzz, RandomWordSequences) {
  const std::vector<std::string> vocabulary = {
      "không", "một",  "mốt", "hai",   "ba",    "bốn",   "tư",   "năm",  "lăm",
      "nhăm",  "sáu",  "bảy", "bẩy",   "tám",   "chín",  "trăm", "mười", "mươi",
      "chục",  "linh", "lẻ",  "nghìn", "ngàn",  "triệu", "tỷ",   "tỉ",   "đồng",
      "chẵn",  "muoi", "mot", "nam",   "tu",    "ty",    "dong", "MƯƠI", "(",
      ")",     ",",    "./.", ".",     "1",     "5",     "000",  "abc",  "\u0301",
      "ð",     "VNĐ",  "đ",   "rưỡi",  "\u00A0"};
  std::mt19937_64 rng(2);
  int accepted = 0;
  for (int i = 0; i < 50'000; ++i) {
    std::string text;
    const std::uint64_t count = rng() % 12;
    for (std::uint64_t k = 0; k < count; ++k) {
      text += vocabulary.at(rng() % vocabulary.size());
      if (rng() % 5 != 0) text += ' ';
    }
    const Result<MoneyWords> words = ParseMoneyWords(text);
    if (words.ok()) {
      ++accepted;
      EXPECT_GE(words->value, 0) << text;
      EXPECT_LE(words->value, kMaxMoney) << text;
      EXPECT_GT(words->confidence, 0.0) << text;
      EXPECT_LE(words->confidence, 1.0) << text;
    } else {
      EXPECT_FALSE(words.status().message().empty());
    }
    const Result<std::int64_t> digits = ParseMoneyDigits(text);
    if (digits.ok()) {
      EXPECT_GE(*digits, 0) << text;
      EXPECT_LE(*digits, kMaxMoney) << text;
    }
  }
  EXPECT_GT(accepted, 100);  // the generator does reach valid amounts
}

TEST(MoneyFuzz, RandomDigitStrings) {
  const std::vector<std::string> pieces = {
      "0",    "1",  "5",     "9",     "000", "999", ".",    ",", " ", "đ",
      "đồng", "tỷ", "triệu", "nghìn", "-",   "VND", "chẵn", "(", ")"};
  std::mt19937_64 rng(3);
  int accepted = 0;
  for (int i = 0; i < 50'000; ++i) {
    std::string text;
    const std::uint64_t count = rng() % 16;
    for (std::uint64_t k = 0; k < count; ++k) text += pieces.at(rng() % pieces.size());
    const Result<std::int64_t> digits = ParseMoneyDigits(text);
    if (digits.ok()) {
      ++accepted;
      EXPECT_GE(*digits, 0) << text;
      EXPECT_LE(*digits, kMaxMoney) << text;
      // What was accepted reads back the same once formatted.
      EXPECT_EQ(*ParseMoneyDigits(FormatMoney(*digits)), *digits) << text;
    }
  }
  EXPECT_GT(accepted, 100);
}

}  // namespace
}  // namespace thads::text
