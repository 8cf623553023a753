// Money amounts in digits and in Vietnamese words (số tiền bằng số / bằng chữ).
// Amounts are whole đồng in std::int64_t; parsers accept 0 .. 10^18-1.
// All functions take and return UTF-8, never depend on the process locale and
// are thread-safe.
//
// Writing words, one style:
//   - "linh" (never "lẻ"), "nghìn" (never "ngàn"), "tỷ" (never "tỉ"); 0 is "không".
//   - units after "mươi": 1 "mốt", 4 "tư", 5 "lăm" (21 hai mươi mốt, 24 hai mươi tư,
//     25 hai mươi lăm); after "mười": 11 mười một, 14 mười bốn, 15 mười lăm;
//     after "linh" and alone the plain digit (101 một trăm linh một, 104 một trăm
//     linh bốn, 105 một trăm linh năm, 4 bốn, 5 năm).
//   - Groups of three digits are read with "tỷ", "triệu", "nghìn"; an all-zero group
//     is skipped entirely. Every group after the first one read is read in full,
//     "không trăm" included, however many zero groups were skipped before it:
//     1.005.000 một triệu không trăm linh năm nghìn; 2.000.001 hai triệu không
//     trăm linh một; 1.000.000.005 một tỷ không trăm linh năm; 1.010 một nghìn
//     không trăm mười.
//   - Above a tỷ, the count of tỷ is itself read as a number: 10^12 một nghìn tỷ,
//     10^15 một triệu tỷ, 1.005.000.000.000 một nghìn không trăm linh năm tỷ.
// Reading words also takes the shortened forms clerks write (1.020 một nghìn hai mươi,
// 1.005 một nghìn linh năm, 1.005.000 một triệu năm nghìn) but refuses a bare digit
// that speech would read as tens or hundreds: "một trăm năm" (105 or 150?),
// "một nghìn năm" (1.005 or 1.500?).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace thads::text {

// Largest amount the parsers accept: 999.999.999.999.999.999 đồng.
inline constexpr std::int64_t kMaxMoney = 999'999'999'999'999'999;

// Parses an amount in digits: "150.000.000 đồng", "150.000.000đ", "50.000.000 VNĐ",
// "1,5 tỷ đồng", "2 triệu đồng", "150000000". "." or a space between thousands, ","
// before decimals; the result must be whole đồng ("1.500.000,00" yes, ",50" no) and
// exactly three decimals ("150,000") are refused as English-style thousands.
Result<std::int64_t> ParseMoneyDigits(std::string_view text);

// An amount read from words and how sure the reading is.
struct MoneyWords {
  std::int64_t value = 0;
  double confidence = 1.0;  // 1.0 when every word is spelled right; lower per word
                            // that lost its marks or got wrong ones
};

// Parses an amount in words: "Một trăm năm mươi triệu đồng", "(... đồng chẵn./.)".
// Case-insensitive, NFC or NFD; reads every accepted variant (lẻ, ngàn, tỉ, nhăm,
// chục, mười/mươi, một/mốt) and words without marks. Ambiguous or ungrammatical
// sequences ("trăm trăm", "một trăm năm") are errors naming the word.
Result<MoneyWords> ParseMoneyWords(std::string_view text);

// The number in words, lowercase, in the style above: 1005000 ->
// "một triệu không trăm linh năm nghìn". Negative values start with "âm"; from
// 10^18 on, "tỷ tỷ" (not read back by ParseMoneyWords).
std::string NumberToWords(std::int64_t value);

// The money phrase: NumberToWords capitalized plus " đồng":
// 1005000 -> "Một triệu không trăm linh năm nghìn đồng".
std::string MoneyToWords(std::int64_t vnd);

// Digits with "." between thousands: 150000000 -> "150.000.000"; -5 -> "-5".
std::string FormatThousands(std::int64_t value);

// FormatThousands plus " đồng": "150.000.000 đồng".
std::string FormatMoney(std::int64_t vnd);

}  // namespace thads::text
