#include "text/legacy_encoding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"

namespace thads::text {

void PrintTo(LegacyEncoding e, std::ostream* os) { *os << LegacyEncodingName(e); }

namespace {

using ::testing::HasSubstr;

// The alphabet, one row per vowel, tones in dictionary order:
// level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot (nặng).
constexpr std::array<const char*, 12> kLowerRows = {
    "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
    "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ",
};
constexpr std::array<const char*, 12> kUpperRows = {
    "AÀẢÃÁẠ", "ĂẰẲẴẮẶ", "ÂẦẨẪẤẬ", "EÈẺẼÉẸ", "ÊỀỂỄẾỆ", "IÌỈĨÍỊ",
    "OÒỎÕÓỌ", "ÔỒỔỖỐỘ", "ƠỜỞỠỚỢ", "UÙỦŨÚỤ", "ƯỪỬỮỨỰ", "YỲỶỸÝỴ",
};

using ByteRow = std::array<std::uint8_t, 6>;

// TCVN3 (VN3) bytes of kLowerRows, from the TCVN 5712:1993 chart.
constexpr std::array<ByteRow, 12> kTcvn3Lower = {{
    {0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9},
    {0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6},
    {0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB},
    {0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1},
    {0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6},
    {0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE},
    {0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4},
    {0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9},
    {0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE},
    {0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4},
    {0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9},
    {0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE},
}};
// The capitals TCVN3 has, and đ.
const std::map<std::string, std::uint8_t> kTcvn3Extra = {
    {"Ă", 0xA1}, {"Â", 0xA2}, {"Ê", 0xA3}, {"Ô", 0xA4},
    {"Ơ", 0xA5}, {"Ư", 0xA6}, {"Đ", 0xA7}, {"đ", 0xAE},
};

// VISCII 1.1 bytes of kLowerRows and kUpperRows, from RFC 1456.
constexpr std::array<ByteRow, 12> kVisciiLower = {{
    {0x61, 0xE0, 0xE4, 0xE3, 0xE1, 0xD5},
    {0xE5, 0xA2, 0xC6, 0xC7, 0xA1, 0xA3},
    {0xE2, 0xA5, 0xA6, 0xE7, 0xA4, 0xA7},
    {0x65, 0xE8, 0xEB, 0xA8, 0xE9, 0xA9},
    {0xEA, 0xAB, 0xAC, 0xAD, 0xAA, 0xAE},
    {0x69, 0xEC, 0xEF, 0xEE, 0xED, 0xB8},
    {0x6F, 0xF2, 0xF6, 0xF5, 0xF3, 0xF7},
    {0xF4, 0xB0, 0xB1, 0xB2, 0xAF, 0xB5},
    {0xBD, 0xB6, 0xB7, 0xDE, 0xBE, 0xFE},
    {0x75, 0xF9, 0xFC, 0xFB, 0xFA, 0xF8},
    {0xDF, 0xD7, 0xD8, 0xE6, 0xD1, 0xF1},
    {0x79, 0xCF, 0xD6, 0xDB, 0xFD, 0xDC},
}};
constexpr std::array<ByteRow, 12> kVisciiUpper = {{
    {0x41, 0xC0, 0xC4, 0xC3, 0xC1, 0x80},
    {0xC5, 0x82, 0x02, 0x05, 0x81, 0x83},
    {0xC2, 0x85, 0x86, 0x06, 0x84, 0x87},
    {0x45, 0xC8, 0xCB, 0x88, 0xC9, 0x89},
    {0xCA, 0x8B, 0x8C, 0x8D, 0x8A, 0x8E},
    {0x49, 0xCC, 0x9B, 0xCE, 0xCD, 0x98},
    {0x4F, 0xD2, 0x99, 0xA0, 0xD3, 0x9A},
    {0xD4, 0x90, 0x91, 0x92, 0x8F, 0x93},
    {0xB4, 0x96, 0x97, 0xB3, 0x95, 0x94},
    {0x55, 0xD9, 0x9C, 0x9D, 0xDA, 0x9E},
    {0xBF, 0xBB, 0xBC, 0xFF, 0xBA, 0xB9},
    {0x59, 0x9F, 0x14, 0x19, 0xDD, 0x1E},
}};

// VNI-Windows, built the way a VNI keyboard types: base letter, then one mark
// byte for the vowel modifier and tone together. Lowercase bytes; capitals
// use the same bytes minus 0x20.
constexpr std::array<std::uint8_t, 6> kVniTone = {0x00, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF};
constexpr std::array<std::uint8_t, 6> kVniCircumflex = {0xE2, 0xE0, 0xE5,
                                                        0xE3, 0xE1, 0xE4};
constexpr std::array<std::uint8_t, 6> kVniBreve = {0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB};
struct VniRow {
  std::uint8_t base;                         // lowercase base byte
  const std::array<std::uint8_t, 6>* marks;  // nullptr: single bytes below
  ByteRow singles;
};
const std::array<VniRow, 12> kVniRows = {{
    {'a', &kVniTone, {}},
    {'a', &kVniBreve, {}},
    {'a', &kVniCircumflex, {}},
    {'e', &kVniTone, {}},
    {'e', &kVniCircumflex, {}},
    {'i', nullptr, {0x69, 0xEC, 0xE6, 0xF3, 0xED, 0xF2}},
    {'o', &kVniTone, {}},
    {'o', &kVniCircumflex, {}},
    {0xF4, &kVniTone, {}},  // ơ
    {'u', &kVniTone, {}},
    {0xF6, &kVniTone, {}},  // ư
    {'y', &kVniTone, {}},   // ỵ is the single byte 0xEE, fixed below
}};

std::u32string Utf32(std::string_view utf8) { return DecodeUtf8(utf8); }

std::string Bytes(std::initializer_list<std::uint8_t> values) {
  std::string out;
  for (std::uint8_t v : values) out.push_back(static_cast<char>(v));
  return out;
}

// Letter -> legacy bytes, the inverse of each encoding's table.
using Inverse = std::map<char32_t, std::string>;

void AddRows(const std::array<const char*, 12>& letters,
             const std::array<ByteRow, 12>& bytes, Inverse& inverse) {
  for (std::size_t r = 0; r < letters.size(); ++r) {
    const std::u32string row = Utf32(letters[r]);
    for (std::size_t t = 0; t < 6; ++t) {
      inverse[row.at(t)] = std::string(1, static_cast<char>(bytes[r][t]));
    }
  }
}

Inverse BuildInverse(LegacyEncoding e) {
  Inverse inverse;
  switch (e) {
    case LegacyEncoding::kTcvn3:
      AddRows(kLowerRows, kTcvn3Lower, inverse);
      for (const auto& [letter, byte] : kTcvn3Extra) {
        inverse[Utf32(letter).at(0)] = std::string(1, static_cast<char>(byte));
      }
      break;
    case LegacyEncoding::kViscii:
      AddRows(kLowerRows, kVisciiLower, inverse);
      AddRows(kUpperRows, kVisciiUpper, inverse);
      inverse[U'đ'] = Bytes({0xF0});
      inverse[U'Đ'] = Bytes({0xD0});
      break;
    case LegacyEncoding::kVni:
      for (int upper = 0; upper < 2; ++upper) {
        const auto& rows = upper ? kUpperRows : kLowerRows;
        const std::uint8_t shift = upper ? 0x20 : 0x00;
        for (std::size_t r = 0; r < kVniRows.size(); ++r) {
          const VniRow& row = kVniRows[r];
          const std::u32string letters = Utf32(rows[r]);
          for (std::size_t t = 0; t < 6; ++t) {
            std::string bytes;
            if (row.marks == nullptr) {
              bytes.push_back(static_cast<char>(row.singles[t] - shift));
            } else {
              bytes.push_back(static_cast<char>(row.base - shift));
              if ((*row.marks)[t] != 0) {
                bytes.push_back(static_cast<char>((*row.marks)[t] - shift));
              }
            }
            inverse[letters.at(t)] = bytes;
          }
        }
      }
      inverse[U'ỵ'] = Bytes({0xEE});
      inverse[U'Ỵ'] = Bytes({0xCE});
      inverse[U'đ'] = Bytes({0xF1});
      inverse[U'Đ'] = Bytes({0xD1});
      break;
  }
  return inverse;
}

const Inverse& InverseOf(LegacyEncoding e) {
  static const std::map<LegacyEncoding, Inverse> kAll = {
      {LegacyEncoding::kTcvn3, BuildInverse(LegacyEncoding::kTcvn3)},
      {LegacyEncoding::kVni, BuildInverse(LegacyEncoding::kVni)},
      {LegacyEncoding::kViscii, BuildInverse(LegacyEncoding::kViscii)},
  };
  return kAll.at(e);
}

// Lowercase of a marked capital, as a .VnTimeH typist would have stored it.
char32_t LowerOfCapital(char32_t cp) {
  for (std::size_t r = 0; r < kUpperRows.size(); ++r) {
    const std::u32string upper = Utf32(kUpperRows[r]);
    const std::u32string lower = Utf32(kLowerRows[r]);
    for (std::size_t t = 0; t < 6; ++t) {
      if (upper[t] == cp) return lower[t];
    }
  }
  return cp;
}

// Encodes ASCII + Vietnamese `utf8` into `e`; nullopt if a character has no
// code. TCVN3 writes marked capitals as their lowercase (the .VnTimeH way).
std::optional<std::string> Encode(std::string_view utf8, LegacyEncoding e) {
  const Inverse& inverse = InverseOf(e);
  std::string out;
  for (char32_t cp : Utf32(utf8)) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
      continue;
    }
    auto it = inverse.find(cp);
    if (it == inverse.end() && e == LegacyEncoding::kTcvn3) {
      it = inverse.find(LowerOfCapital(cp));
    }
    if (it == inverse.end()) return std::nullopt;
    out += it->second;
  }
  return out;
}

// What TCVN3 text turns into after a round trip: marked capitals lowercased.
std::string Tcvn3Visible(std::string_view utf8) {
  std::string out;
  for (char32_t cp : Utf32(utf8)) {
    const bool has_code = cp < 0x80 || InverseOf(LegacyEncoding::kTcvn3).count(cp) > 0;
    AppendUtf8(has_code ? cp : LowerOfCapital(cp), out);
  }
  return out;
}

// The bytes read as Windows-1252 and saved as UTF-8. Bytes Windows-1252
// leaves undefined come out as U+0080-U+009F, as Windows does.
std::string Mojibake(std::string_view bytes) {
  static constexpr std::array<char32_t, 32> kHigh = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
      0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  };
  std::string out;
  for (char c : bytes) {
    const auto b = static_cast<std::uint8_t>(c);
    AppendUtf8(b >= 0x80 && b < 0xA0 ? kHigh[b - 0x80] : char32_t{b}, out);
  }
  return out;
}

std::string FullAlphabet(LegacyEncoding e) {
  std::string out;
  for (const char* row : kLowerRows) out += row;
  out += "đ";
  if (e == LegacyEncoding::kTcvn3) {
    out += "ĂÂÊÔƠƯĐ";
  } else {
    for (const char* row : kUpperRows) out += row;
    out += "Đ";
  }
  return out;
}

bool IsNfc(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const bool normalized = nfc->isNormalized(icu::UnicodeString::fromUTF8(utf8), status);
  return U_SUCCESS(status) && normalized;
}

constexpr std::array<LegacyEncoding, 3> kAllEncodings = {
    LegacyEncoding::kTcvn3, LegacyEncoding::kVni, LegacyEncoding::kViscii};

// Sentences from office reports on civil judgment enforcement, and the national
// name and motto (quốc hiệu, tiêu ngữ) that head every official document.
constexpr std::array<const char*, 11> kSentences = {
    "Tổ chức bộ máy, đội ngũ cán bộ, công chức các cơ quan THADS tiếp tục được "
    "quan tâm củng cố, kiện toàn;",
    "ĐTO - Theo Ban Thường vụ Tỉnh ủy, qua 3 năm thực hiện Chỉ thị số 04 của Tỉnh "
    "ủy Đồng Tháp về tăng cường sự lãnh đạo của Đảng đối với công tác Thi hành án "
    "dân sự, hành chính cho thấy, cơ quan Thi hành án dân sự hai cấp trên địa bàn "
    "tỉnh tập trung rà soát, đánh giá năng lực đội ngũ cán bộ.",
    "Nhờ vậy, kết quả công tác THADS, HC đã hoàn thành vượt chỉ tiêu, nhiệm vụ "
    "được giao, cụ thể:",
    "(ảnh đồng chí Lê Hồng Vinh phát biểu kết luận)",
    "(4) Ứng dụng có hiệu quả các phần mềm quản lý trong THADS, HC;",
    "sự phối hợp của các cơ quan chức năng liên quan trong công tác thi hành án "
    "dân sự chưa chặt chẽ;",
    "Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 5 tập thể và 5 cá nhân có "
    "thành tích xuất sắc trong công tác thi hành án dân sự, hành chính năm 2023.",
    "Đặc biệt, quan tâm, tăng cường cơ sở vật chất cho ngành thi hành án dân sự, "
    "nhất là việc đầu tư xây dựng 11 kho vật chứng đáp ứng các yêu cầu thực hiện "
    "nhiệm vụ.",
    "(2) Công tác xác minh, phân loại án tiếp tục được chú trọng, việc thu hồi "
    "các khoản nợ của tổ chức tín dụng cao hơn năm 2022.",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
};

// Three-word lines, the shortest text the detector must still get right.
constexpr std::array<const char*, 10> kShortLines = {
    "Thi hành án", "Phó Chủ tịch",     "Sở Tư pháp",    "Hội nghị tổng",  "năm thực hiện",
    "Ủy ban nhân", "giải quyết khiếu", "Đồng chí Vinh", "Cục trưởng Cục", "tỉnh Nghệ An",
};

// ---------------------------------------------------------------------------

TEST(LegacyEncoding, ParsesNamesCaseInsensitively) {
  const struct {
    const char* name;
    LegacyEncoding expected;
  } kCases[] = {
      {"tcvn3", LegacyEncoding::kTcvn3},   {"TCVN3", LegacyEncoding::kTcvn3},
      {"abc", LegacyEncoding::kTcvn3},     {"Abc", LegacyEncoding::kTcvn3},
      {"vni", LegacyEncoding::kVni},       {"VNI", LegacyEncoding::kVni},
      {"viscii", LegacyEncoding::kViscii}, {"ViScIi", LegacyEncoding::kViscii},
  };
  for (const auto& c : kCases) {
    const Result<LegacyEncoding> parsed = ParseLegacyEncodingName(c.name);
    ASSERT_TRUE(parsed.ok()) << c.name;
    EXPECT_EQ(*parsed, c.expected) << c.name;
  }
}

TEST(LegacyEncoding, RejectsUnknownNameListingAcceptedOnes) {
  for (const char* name : {"", "utf-8", "tcvn", "vni ", "cp1258", "VISCII1.1"}) {
    const Result<LegacyEncoding> parsed = ParseLegacyEncodingName(name);
    ASSERT_FALSE(parsed.ok()) << name;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    for (const char* accepted : {"tcvn3", "abc", "vni", "viscii"}) {
      EXPECT_THAT(parsed.status().message(), HasSubstr(accepted)) << name;
    }
  }
}

TEST(LegacyEncoding, NameRoundTrips) {
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kTcvn3), "tcvn3");
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kVni), "vni");
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kViscii), "viscii");
  for (LegacyEncoding e : kAllEncodings) {
    const Result<LegacyEncoding> parsed = ParseLegacyEncodingName(LegacyEncodingName(e));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, e);
  }
}

TEST(LegacyEncoding, InverseTablesCoverTheAlphabet) {
  // 134 non-ASCII letters: 66 marked vowels in each case, đ and Đ.
  EXPECT_EQ(InverseOf(LegacyEncoding::kViscii).size(), 134u + 12u);
  EXPECT_EQ(InverseOf(LegacyEncoding::kVni).size(), 134u + 12u);
  // TCVN3: 67 lowercase (with đ), 6 plain vowels, 7 capitals.
  EXPECT_EQ(InverseOf(LegacyEncoding::kTcvn3).size(), 67u + 6u + 7u);
  // VISCII uses every byte 0x80-0xFF and the six C0 bytes exactly once.
  std::set<std::string> viscii_codes;
  for (const auto& [letter, bytes] : InverseOf(LegacyEncoding::kViscii)) {
    if (letter >= 0x80) viscii_codes.insert(bytes);
  }
  EXPECT_EQ(viscii_codes.size(), 134u);
}

TEST(LegacyEncoding, RoundTripsFullAlphabet) {
  for (LegacyEncoding e : kAllEncodings) {
    SCOPED_TRACE(std::string(LegacyEncodingName(e)));
    const std::string alphabet = FullAlphabet(e);
    const std::optional<std::string> legacy = Encode(alphabet, e);
    ASSERT_TRUE(legacy.has_value());
    const Result<std::string> raw = ConvertLegacyToUtf8(*legacy, e);
    ASSERT_TRUE(raw.ok()) << raw.status().message();
    EXPECT_EQ(*raw, alphabet);
    EXPECT_TRUE(IsNfc(*raw));
    const Result<std::string> from_mojibake = ConvertLegacyToUtf8(Mojibake(*legacy), e);
    ASSERT_TRUE(from_mojibake.ok()) << from_mojibake.status().message();
    EXPECT_EQ(*from_mojibake, alphabet);
  }
}

TEST(LegacyEncoding, RoundTripsEachLetterAlone) {
  for (LegacyEncoding e : kAllEncodings) {
    for (const auto& [letter, bytes] : InverseOf(e)) {
      std::string expected;
      AppendUtf8(letter, expected);
      const Result<std::string> got = ConvertLegacyToUtf8(" " + bytes + " ", e);
      ASSERT_TRUE(got.ok()) << LegacyEncodingName(e) << " " << expected;
      EXPECT_EQ(*got, " " + expected + " ") << LegacyEncodingName(e);
    }
  }
}

TEST(LegacyEncoding, ConvertsKnownText) {
  const struct {
    LegacyEncoding encoding;
    std::string input;
    std::string expected;
  } kCases[] = {
      {LegacyEncoding::kTcvn3, "Thµnh phè", "Thành phố"},
      {LegacyEncoding::kTcvn3, "Th\xB5nh ph\xE8 H\xB5 N\xE9i", "Thành phố Hà Nội"},
      {LegacyEncoding::kTcvn3, "\xA7\xE5ng Th\xB8p", "Đồng Tháp"},
      {LegacyEncoding::kTcvn3, "C\xE9NG HO\xB5", "CộNG HOà"},  // .VnTimeH capitals
      {LegacyEncoding::kTcvn3,
       "\x93"
       "B\xB8o c\xB8o\x94 \x96 5%",
       "“Báo cáo” – 5%"},
      {LegacyEncoding::kVni, "Thaønh phoá", "Thành phố"},
      {LegacyEncoding::kVni, "Vieät Nam", "Việt Nam"},
      {LegacyEncoding::kVni, "VIEÄT NAM", "VIỆT NAM"},
      {LegacyEncoding::kVni, "\xD1\xF6\xF4\xF8ng", "Đường"},
      {LegacyEncoding::kVni,
       "ngh\xF3"
       "a",
       "nghĩa"},
      {LegacyEncoding::kVni, "Aùn", "Án"},  // title case of "aùn"
      {LegacyEncoding::kVni,
       "50\xB0"
       "C",
       "50°C"},  // symbols kept
      {LegacyEncoding::kViscii, "Vi\xAEt Nam", "Việt Nam"},
      {LegacyEncoding::kViscii,
       "\x02"
       "\x05"
       "\x06"
       "\x14"
       "\x19"
       "\x1E",
       "ẲẴẪỶỸỴ"},
      {LegacyEncoding::kViscii,
       "\xD0\x80I H\x9A"
       "C",
       "ĐẠI HỌC"},
      {LegacyEncoding::kViscii, "line\r\n\ttab", "line\r\n\ttab"},
      // Raw bytes that happen to be valid UTF-8 (DF BE is U+07FE).
      {LegacyEncoding::kViscii,
       "n\xDF\xBE"
       "c",
       "nước"},
      {LegacyEncoding::kTcvn3, "", ""},
      {LegacyEncoding::kVni, "plain ASCII 123", "plain ASCII 123"},
  };
  for (const auto& c : kCases) {
    const Result<std::string> got = ConvertLegacyToUtf8(c.input, c.encoding);
    ASSERT_TRUE(got.ok()) << c.expected << ": " << got.status().message();
    EXPECT_EQ(*got, c.expected);
    EXPECT_TRUE(IsNfc(*got)) << c.expected;
  }
}

TEST(LegacyEncoding, ConvertsCorpusSentencesRawAndMojibake) {
  for (LegacyEncoding e : kAllEncodings) {
    for (const char* sentence : kSentences) {
      SCOPED_TRACE(std::string(LegacyEncodingName(e)) + ": " + sentence);
      const std::optional<std::string> legacy = Encode(sentence, e);
      ASSERT_TRUE(legacy.has_value());
      const std::string expected =
          e == LegacyEncoding::kTcvn3 ? Tcvn3Visible(sentence) : std::string(sentence);
      const Result<std::string> raw = ConvertLegacyToUtf8(*legacy, e);
      ASSERT_TRUE(raw.ok()) << raw.status().message();
      EXPECT_EQ(*raw, expected);
      const Result<std::string> recovered = ConvertLegacyToUtf8(Mojibake(*legacy), e);
      ASSERT_TRUE(recovered.ok()) << recovered.status().message();
      EXPECT_EQ(*recovered, expected);
    }
  }
}

TEST(LegacyEncoding, ReportsMeaninglessByteOffset) {
  const struct {
    LegacyEncoding encoding;
    std::string input;
    const char* where;
  } kCases[] = {
      {LegacyEncoding::kTcvn3, "ab\xB0", "byte 2 (0xB0)"},      // VN1 combining mark
      {LegacyEncoding::kTcvn3, "H\xB5 \xC0", "byte 3 (0xC0)"},  // VN1 capital Ắ
      {LegacyEncoding::kTcvn3, "x\x81y", "byte 1 (0x81)"},
      {LegacyEncoding::kTcvn3, "x\x8Ay", "byte 1 (0x8A)"},    // Š is no TCVN3 text
      {LegacyEncoding::kVni, "n\xF9", "byte 1 (0xF9)"},       // mark after consonant
      {LegacyEncoding::kVni, "\xE1", "byte 0 (0xE1)"},        // mark at start
      {LegacyEncoding::kVni, "ia\xF9\xF9", "byte 3 (0xF9)"},  // second mark
      {LegacyEncoding::kVni, "i\xF9", "byte 1 (0xF9)"},       // í is one byte in VNI
      {LegacyEncoding::kVni, "u\xE2", "byte 1 (0xE2)"},       // no u-circumflex
      {LegacyEncoding::kVni, "e\xEA", "byte 1 (0xEA)"},       // no e-breve
      {LegacyEncoding::kVni, "\xF4\xE2", "byte 1 (0xE2)"},    // ơ takes tones only
      {LegacyEncoding::kVni, "abc\xFD", "byte 3 (0xFD)"},
      {LegacyEncoding::kViscii, std::string("ab\0c", 4), "byte 2 (0x00)"},
      {LegacyEncoding::kTcvn3, std::string("\0", 1), "byte 0 (0x00)"},
      // Mojibake: the offset is in the UTF-8 input.
      {LegacyEncoding::kTcvn3, "Thµnh °", "byte 7"},             // ° -> 0xB0
      {LegacyEncoding::kTcvn3, "Thµnh phạ", "byte 9 (U+1EA1)"},  // not Windows-1252
      {LegacyEncoding::kVni, "Thaønh ùa", "byte 8"},             // lone mark
      {LegacyEncoding::kViscii, "Hà Nội", "byte 5 (U+1ED9)"},    // already Unicode
      {LegacyEncoding::kTcvn3, "Привет", "byte 1 (0x9F)"},       // read as raw bytes
  };
  for (const auto& c : kCases) {
    const Result<std::string> got = ConvertLegacyToUtf8(c.input, c.encoding);
    ASSERT_FALSE(got.ok()) << c.where << " -> " << *got;
    EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(got.status().message(), HasSubstr(c.where));
  }
}

TEST(LegacyEncoding, EverySingleByteConvertsOrNamesItsOffset) {
  // Bytes with a meaning: TCVN3 all but NUL, 15 of 0x80-0x9F and 21 of
  // 0xA1-0xFF; VNI all but NUL, those 15, 34 mark bytes and 12 Latin-1 letters;
  // VISCII all but NUL.
  const std::map<LegacyEncoding, int> kExpectedOk = {{LegacyEncoding::kTcvn3, 219},
                                                     {LegacyEncoding::kVni, 194},
                                                     {LegacyEncoding::kViscii, 255}};
  for (LegacyEncoding e : kAllEncodings) {
    int ok = 0;
    for (int b = 0; b < 256; ++b) {
      const std::string input(1, static_cast<char>(b));
      const Result<std::string> got = ConvertLegacyToUtf8(input, e);
      if (got.ok()) {
        ++ok;
        EXPECT_TRUE(ValidateUtf8(*got, "output").ok()) << b;
        EXPECT_TRUE(IsNfc(*got)) << b;
      } else {
        EXPECT_THAT(got.status().message(), HasSubstr("byte 0")) << b;
      }
      const EncodingGuess guess = DetectLegacyEncoding(input);
      EXPECT_GE(guess.confidence, 0.0);
      EXPECT_LE(guess.confidence, 1.0);
    }
    EXPECT_EQ(ok, kExpectedOk.at(e)) << LegacyEncodingName(e);
  }
}

TEST(LegacyEncoding, SurvivesRandomBytes) {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> length(0, 80);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 3000; ++round) {
    std::string input(static_cast<std::size_t>(length(rng)), '\0');
    for (char& c : input) c = static_cast<char>(byte(rng));
    for (LegacyEncoding e : kAllEncodings) {
      const Result<std::string> got = ConvertLegacyToUtf8(input, e);
      if (got.ok()) {
        EXPECT_TRUE(ValidateUtf8(*got, "output").ok());
      } else {
        EXPECT_THAT(got.status().message(), HasSubstr("byte "));
      }
    }
    const EncodingGuess guess = DetectLegacyEncoding(input);
    EXPECT_GE(guess.confidence, 0.0);
    EXPECT_LE(guess.confidence, 1.0);
  }
}

TEST(LegacyEncoding, DetectsEachEncodingInCorpusSentences) {
  for (LegacyEncoding e : kAllEncodings) {
    for (const char* sentence : kSentences) {
      SCOPED_TRACE(std::string(LegacyEncodingName(e)) + ": " + sentence);
      const std::string legacy = Encode(sentence, e).value();
      const EncodingGuess raw = DetectLegacyEncoding(legacy);
      EXPECT_EQ(raw.encoding, e);
      EXPECT_GT(raw.confidence, 0.6);
      const EncodingGuess mojibake = DetectLegacyEncoding(Mojibake(legacy));
      EXPECT_EQ(mojibake.encoding, e);
      EXPECT_GT(mojibake.confidence, 0.6);
    }
  }
}

TEST(LegacyEncoding, DetectsEachEncodingInWholeReport) {
  std::string report;
  for (const char* sentence : kSentences) report += std::string(sentence) + "\r\n";
  for (LegacyEncoding e : kAllEncodings) {
    SCOPED_TRACE(std::string(LegacyEncodingName(e)));
    const std::string legacy = Encode(report, e).value();
    const EncodingGuess raw = DetectLegacyEncoding(legacy);
    EXPECT_EQ(raw.encoding, e);
    EXPECT_GT(raw.confidence, 0.9);
    const EncodingGuess mojibake = DetectLegacyEncoding(Mojibake(legacy));
    EXPECT_EQ(mojibake.encoding, e);
    EXPECT_GT(mojibake.confidence, 0.9);
  }
  const EncodingGuess unicode = DetectLegacyEncoding(report);
  EXPECT_EQ(unicode.encoding, std::nullopt);
  EXPECT_DOUBLE_EQ(unicode.confidence, 1.0);
}

TEST(LegacyEncoding, DetectsVisciiThatFormsValidUtf8) {
  // VISCII "Nước" is N, the valid UTF-8 sequence DF BE, and c.
  const EncodingGuess guess = DetectLegacyEncoding(
      "N\xDF\xBE"
      "c");
  EXPECT_EQ(guess.encoding, LegacyEncoding::kViscii);
}

TEST(LegacyEncoding, DetectsUnicodeInCorpusSentences) {
  for (const char* sentence : kSentences) {
    const EncodingGuess guess = DetectLegacyEncoding(sentence);
    EXPECT_EQ(guess.encoding, std::nullopt) << sentence;
    EXPECT_GT(guess.confidence, 0.6) << sentence;
  }
}

TEST(LegacyEncoding, DetectsUnicodeInDecomposedText) {
  // "Thi hành án" with the tone marks as combining characters.
  const EncodingGuess guess = DetectLegacyEncoding("Thi ha\xCC\x80nh a\xCC\x81n");
  EXPECT_EQ(guess.encoding, std::nullopt);
}

TEST(LegacyEncoding, DetectsPlainAsciiAsUnicode) {
  for (const char* text : {"", "UBND", "Report 2023: 86,81% done.", "a\tb\r\n"}) {
    const EncodingGuess guess = DetectLegacyEncoding(text);
    EXPECT_EQ(guess.encoding, std::nullopt) << text;
    EXPECT_DOUBLE_EQ(guess.confidence, 1.0) << text;
  }
}

void ExpectShortLinesDetected(LegacyEncoding e) {
  for (const char* line : kShortLines) {
    SCOPED_TRACE(line);
    const std::string legacy = Encode(line, e).value();
    const EncodingGuess raw = DetectLegacyEncoding(legacy);
    EXPECT_EQ(raw.encoding, e);
    EXPECT_GT(raw.confidence, 0.3);
    const std::string mojibake = Mojibake(legacy);
    // VISCII keeps Latin-1 positions: "Thi hành án" reads the same either way,
    // and then needs no conversion.
    const std::optional<LegacyEncoding> expected =
        mojibake == line ? std::nullopt : std::optional<LegacyEncoding>(e);
    EXPECT_EQ(DetectLegacyEncoding(mojibake).encoding, expected);
  }
}

TEST(LegacyEncoding, DetectsTcvn3InShortLine) {
  ExpectShortLinesDetected(LegacyEncoding::kTcvn3);
}
TEST(LegacyEncoding, DetectsVniInShortLine) {
  ExpectShortLinesDetected(LegacyEncoding::kVni);
}
TEST(LegacyEncoding, DetectsVisciiInShortLine) {
  ExpectShortLinesDetected(LegacyEncoding::kViscii);
}

TEST(LegacyEncoding, DetectsUnicodeInShortLine) {
  for (const char* line : kShortLines) {
    EXPECT_EQ(DetectLegacyEncoding(line).encoding, std::nullopt) << line;
  }
}

TEST(LegacyEncoding, DetectsTcvn3Mojibake) {
  const EncodingGuess guess = DetectLegacyEncoding("Thµnh phè Hµ Néi");
  EXPECT_EQ(guess.encoding, LegacyEncoding::kTcvn3);
  EXPECT_GT(guess.confidence, 0.5);
}

TEST(LegacyEncoding, DetectsTcvn3HeadingTypedInCapitalFont) {
  // "CỘNG HÒA XÃ HỘI" typed in .VnTimeH: ASCII capitals, lowercase marked bytes.
  const EncodingGuess guess = DetectLegacyEncoding(
      "C\xE9NG H\xDF"
      "A X\xB7 H\xE9I");
  EXPECT_EQ(guess.encoding, LegacyEncoding::kTcvn3);
}

TEST(LegacyEncoding, DetectedEncodingConvertsCleanly) {
  for (LegacyEncoding e : kAllEncodings) {
    for (const char* sentence : kSentences) {
      const std::string legacy = Mojibake(Encode(sentence, e).value());
      const EncodingGuess guess = DetectLegacyEncoding(legacy);
      ASSERT_TRUE(guess.encoding.has_value()) << sentence;
      EXPECT_TRUE(ConvertLegacyToUtf8(legacy, *guess.encoding).ok()) << sentence;
    }
  }
}

}  // namespace
}  // namespace thads::text
