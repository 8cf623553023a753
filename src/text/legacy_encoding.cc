#include "text/legacy_encoding.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"

namespace thads::text {
namespace {

// ---------------------------------------------------------------------------
// Tables. A zero entry means "no character".

// Windows-1252 0x80-0x9F (0 where Windows-1252 leaves the byte undefined).
// clang-format off
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98
};
// clang-format on

// The punctuation of Windows-1252 0x80-0x9F that the TCVN3 and VNI fonts keep;
// the Latin letters there (Š, œ, Ÿ...) and the modifier letters ˆ ˜ are not
// Vietnamese text and stay errors.
bool IsKeptPunctuation(std::uint8_t b) {
  switch (b) {
    case 0x80:
    case 0x82:
    case 0x84:
    case 0x85:
    case 0x86:
    case 0x87:
    case 0x89:
    case 0x8B:
    case 0x91:
    case 0x92:
    case 0x93:
    case 0x94:
    case 0x95:
    case 0x96:
    case 0x97:
    case 0x99:
    case 0x9B:
      return true;
    default:
      return false;
  }
}

// TCVN3 (TCVN 5712:1993 VN3) 0xA0-0xFF.
// clang-format off
constexpr std::array<char32_t, 96> kTcvn3High = {
    0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,  // A0 (NBSP)ĂÂÊÔƠƯĐ
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0,       // A8 ăâêôơưđ-
    0,      0,      0,      0,      0,      0x00E0, 0x1EA3, 0x00E3,  // B0 -----àảã
    0x00E1, 0x1EA1, 0,      0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0,       // B8 áạ-ằẳẵắ-
    0,      0,      0,      0,      0,      0,      0x1EB7, 0x1EA7,  // C0 ------ặầ
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0,      0x1EBB, 0x1EBD,  // C8 ẩẫấậè-ẻẽ
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,  // D0 éẹềểễếệì
    0x1EC9, 0,      0,      0,      0x0129, 0x00ED, 0x1ECB, 0x00F2,  // D8 ỉ---ĩíịò
    0,      0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,  // E0 -ỏõóọồổỗ
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,  // E8 ốộờởỡớợù
    0,      0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,  // F0 -ủũúụừửữ
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0,       // F8 ứựỳỷỹýỵ-
};
// clang-format on

// VISCII 1.1 (RFC 1456) 0x80-0xFF; every byte is a letter.
// clang-format off
constexpr std::array<char32_t, 128> kVisciiHigh = {
    0x1EA0, 0x1EAE, 0x1EB0, 0x1EB6, 0x1EA4, 0x1EA6, 0x1EA8, 0x1EAC,  // 80 ẠẮẰẶẤẦẨẬ
    0x1EBC, 0x1EB8, 0x1EBE, 0x1EC0, 0x1EC2, 0x1EC4, 0x1EC6, 0x1ED0,  // 88 ẼẸẾỀỂỄỆỐ
    0x1ED2, 0x1ED4, 0x1ED6, 0x1ED8, 0x1EE2, 0x1EDA, 0x1EDC, 0x1EDE,  // 90 ỒỔỖỘỢỚỜỞ
    0x1ECA, 0x1ECE, 0x1ECC, 0x1EC8, 0x1EE6, 0x0168, 0x1EE4, 0x1EF2,  // 98 ỊỎỌỈỦŨỤỲ
    0x00D5, 0x1EAF, 0x1EB1, 0x1EB7, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAD,  // A0 Õắằặấầẩậ
    0x1EBD, 0x1EB9, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7, 0x1ED1,  // A8 ẽẹếềểễệố
    0x1ED3, 0x1ED5, 0x1ED7, 0x1EE0, 0x01A0, 0x1ED9, 0x1EDD, 0x1EDF,  // B0 ồổỗỠƠộờở
    0x1ECB, 0x1EF0, 0x1EE8, 0x1EEA, 0x1EEC, 0x01A1, 0x1EDB, 0x01AF,  // B8 ịỰỨỪỬơớƯ
    0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x1EA2, 0x0102, 0x1EB3, 0x1EB5,  // C0 ÀÁÂÃẢĂẳẵ
    0x00C8, 0x00C9, 0x00CA, 0x1EBA, 0x00CC, 0x00CD, 0x0128, 0x1EF3,  // C8 ÈÉÊẺÌÍĨỳ
    0x0110, 0x1EE9, 0x00D2, 0x00D3, 0x00D4, 0x1EA1, 0x1EF7, 0x1EEB,  // D0 ĐứÒÓÔạỷừ
    0x1EED, 0x00D9, 0x00DA, 0x1EF9, 0x1EF5, 0x00DD, 0x1EE1, 0x01B0,  // D8 ửÙÚỹỵÝỡư
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x1EA3, 0x0103, 0x1EEF, 0x1EAB,  // E0 àáâãảăữẫ
    0x00E8, 0x00E9, 0x00EA, 0x1EBB, 0x00EC, 0x00ED, 0x0129, 0x1EC9,  // E8 èéêẻìíĩỉ
    0x0111, 0x1EF1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x1ECF, 0x1ECD,  // F0 đựòóôõỏọ
    0x1EE5, 0x00F9, 0x00FA, 0x0169, 0x1EE7, 0x00FD, 0x1EE3, 0x1EEE,  // F8 ụùúũủýợỮ
};
// clang-format on

// The six VISCII letters that replace C0 controls; 0 for every other byte.
char32_t VisciiC0Letter(std::uint8_t b) {
  switch (b) {
    case 0x02:
      return 0x1EB2;  // Ẳ
    case 0x05:
      return 0x1EB4;  // Ẵ
    case 0x06:
      return 0x1EAA;  // Ẫ
    case 0x14:
      return 0x1EF6;  // Ỷ
    case 0x19:
      return 0x1EF8;  // Ỹ
    case 0x1E:
      return 0x1EF4;  // Ỵ
    default:
      return 0;
  }
}

// The twelve Vietnamese vowels and six tones, in dictionary order.
enum Vowel : std::uint8_t {
  kA,
  kABreve,
  kACircumflex,
  kE,
  kECircumflex,
  kI,
  kO,
  kOCircumflex,
  kOHorn,
  kU,
  kUHorn,
  kY,
  kVowelCount,
  kNotVowel = 0xFF,
};
enum Tone : std::uint8_t { kLevel, kGrave, kHook, kTilde, kAcute, kDotBelow, kToneCount };

// kVowelForms[upper][vowel][tone]: the precomposed letter.
// clang-format off
constexpr char32_t kVowelForms[2][kVowelCount][kToneCount] = {
    {
        {0x0061, 0x00E0, 0x1EA3, 0x00E3, 0x00E1, 0x1EA1},  // a à ả ã á ạ
        {0x0103, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB7},  // ă ằ ẳ ẵ ắ ặ
        {0x00E2, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD},  // â ầ ẩ ẫ ấ ậ
        {0x0065, 0x00E8, 0x1EBB, 0x1EBD, 0x00E9, 0x1EB9},  // e è ẻ ẽ é ẹ
        {0x00EA, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7},  // ê ề ể ễ ế ệ
        {0x0069, 0x00EC, 0x1EC9, 0x0129, 0x00ED, 0x1ECB},  // i ì ỉ ĩ í ị
        {0x006F, 0x00F2, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD},  // o ò ỏ õ ó ọ
        {0x00F4, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED1, 0x1ED9},  // ô ồ ổ ỗ ố ộ
        {0x01A1, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3},  // ơ ờ ở ỡ ớ ợ
        {0x0075, 0x00F9, 0x1EE7, 0x0169, 0x00FA, 0x1EE5},  // u ù ủ ũ ú ụ
        {0x01B0, 0x1EEB, 0x1EED, 0x1EEF, 0x1EE9, 0x1EF1},  // ư ừ ử ữ ứ ự
        {0x0079, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5},  // y ỳ ỷ ỹ ý ỵ
    },
    {
        {0x0041, 0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0},  // A À Ả Ã Á Ạ
        {0x0102, 0x1EB0, 0x1EB2, 0x1EB4, 0x1EAE, 0x1EB6},  // Ă Ằ Ẳ Ẵ Ắ Ặ
        {0x00C2, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EAC},  // Â Ầ Ẩ Ẫ Ấ Ậ
        {0x0045, 0x00C8, 0x1EBA, 0x1EBC, 0x00C9, 0x1EB8},  // E È Ẻ Ẽ É Ẹ
        {0x00CA, 0x1EC0, 0x1EC2, 0x1EC4, 0x1EBE, 0x1EC6},  // Ê Ề Ể Ễ Ế Ệ
        {0x0049, 0x00CC, 0x1EC8, 0x0128, 0x00CD, 0x1ECA},  // I Ì Ỉ Ĩ Í Ị
        {0x004F, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC},  // O Ò Ỏ Õ Ó Ọ
        {0x00D4, 0x1ED2, 0x1ED4, 0x1ED6, 0x1ED0, 0x1ED8},  // Ô Ồ Ổ Ỗ Ố Ộ
        {0x01A0, 0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2},  // Ơ Ờ Ở Ỡ Ớ Ợ
        {0x0055, 0x00D9, 0x1EE6, 0x0168, 0x00DA, 0x1EE4},  // U Ù Ủ Ũ Ú Ụ
        {0x01AF, 0x1EEA, 0x1EEC, 0x1EEE, 0x1EE8, 0x1EF0},  // Ư Ừ Ử Ữ Ứ Ự
        {0x0059, 0x1EF2, 0x1EF6, 0x1EF8, 0x00DD, 0x1EF4},  // Y Ỳ Ỷ Ỹ Ý Ỵ
    },
};
// clang-format on

// VNI-Windows 0xC0-0xFF. Capitals (0xC0-0xDF) mirror lowercase (0xE0-0xFF)
// 0x20 lower, so one table indexed by the low five bits serves both.
enum class VniKind : std::uint8_t {
  kNone,    // not a VNI character (Ç ß ý ÷ ... of Windows-1252)
  kMark,    // vowel modifier and/or tone for the preceding vowel
  kLetter,  // a letter on its own; ơ and ư may take a following tone mark
  kDStroke,
};
enum Modifier : std::uint8_t { kNoModifier, kCircumflex, kBreve };
struct VniCell {
  VniKind kind;
  std::uint8_t a;  // kMark: Modifier; kLetter: Vowel
  Tone tone;
};
constexpr VniCell kVniNone = {VniKind::kNone, 0, kLevel};
constexpr VniCell Mark(Modifier m, Tone t) { return {VniKind::kMark, m, t}; }
constexpr VniCell Letter(Vowel v, Tone t) { return {VniKind::kLetter, v, t}; }
// clang-format off
constexpr std::array<VniCell, 32> kVniCells = {
    Mark(kCircumflex, kGrave),     // E0 à / C0 À
    Mark(kCircumflex, kAcute),     // E1 á / C1 Á
    Mark(kCircumflex, kLevel),     // E2 â / C2 Â
    Mark(kCircumflex, kTilde),     // E3 ã / C3 Ã
    Mark(kCircumflex, kDotBelow),  // E4 ä / C4 Ä
    Mark(kCircumflex, kHook),      // E5 å / C5 Å
    Letter(kI, kHook),             // E6 æ = ỉ / C6 Æ = Ỉ
    kVniNone,                      // E7 ç / C7 Ç
    Mark(kBreve, kGrave),          // E8 è / C8 È
    Mark(kBreve, kAcute),          // E9 é / C9 É
    Mark(kBreve, kLevel),          // EA ê / CA Ê
    Mark(kBreve, kDotBelow),       // EB ë / CB Ë
    Letter(kI, kGrave),            // EC ì / CC Ì (the letters themselves)
    Letter(kI, kAcute),            // ED í / CD Í (the letters themselves)
    Letter(kY, kDotBelow),         // EE î = ỵ / CE Î = Ỵ
    Mark(kNoModifier, kDotBelow),  // EF ï / CF Ï
    kVniNone,                      // F0 ð / D0 Ð
    {VniKind::kDStroke, 0, kLevel},  // F1 ñ = đ / D1 Ñ = Đ
    Letter(kI, kDotBelow),         // F2 ò = ị / D2 Ò = Ị
    Letter(kI, kTilde),            // F3 ó = ĩ / D3 Ó = Ĩ
    Letter(kOHorn, kLevel),        // F4 ô = ơ / D4 Ô = Ơ
    Mark(kNoModifier, kTilde),     // F5 õ / D5 Õ
    Letter(kUHorn, kLevel),        // F6 ö = ư / D6 Ö = Ư
    kVniNone,                      // F7 ÷ / D7 ×
    Mark(kNoModifier, kGrave),     // F8 ø / D8 Ø
    Mark(kNoModifier, kAcute),     // F9 ù / D9 Ù
    Mark(kBreve, kHook),           // FA ú / DA Ú
    Mark(kNoModifier, kHook),      // FB û / DB Û
    Mark(kBreve, kTilde),          // FC ü / DC Ü
    kVniNone,                      // FD ý / DD Ý
    kVniNone,                      // FE þ / DE Þ
    kVniNone,                      // FF ÿ / DF ß
};
// clang-format on

// The vowel that ASCII letter `b` (either case) is, or kNotVowel.
Vowel AsciiVowel(std::uint8_t b) {
  switch (b | 0x20) {
    case 'a':
      return kA;
    case 'e':
      return kE;
    case 'i':
      return kI;
    case 'o':
      return kO;
    case 'u':
      return kU;
    case 'y':
      return kY;
    default:
      return kNotVowel;
  }
}

// The vowel `base` becomes under VNI `mark`, or kNotVowel when the mark does
// not go on it. Tones alone go on every vowel VNI writes with a base letter.
Vowel ApplyVniMark(Vowel base, const VniCell& mark) {
  switch (static_cast<Modifier>(mark.a)) {
    case kNoModifier:
      // VNI writes ì í ỉ ĩ ị as single bytes; "y" + 0xEF is accepted as ỵ.
      return base == kI ? kNotVowel : base;
    case kCircumflex:
      if (base == kA) return kACircumflex;
      if (base == kE) return kECircumflex;
      if (base == kO) return kOCircumflex;
      return kNotVowel;
    case kBreve:
      return base == kA ? kABreve : kNotVowel;
  }
  return kNotVowel;
}

// ---------------------------------------------------------------------------
// Decoding.

enum class DecodeProblem { kNone, kNul, kNotInEncoding, kLoneMark };

struct DecodeError {
  std::size_t index = 0;  // into the byte string decoded
  DecodeProblem problem = DecodeProblem::kNone;
};

// Decodes `bytes` in `e`, calling emit(char32_t) per character. Returns false
// and fills `error` at the first byte with no meaning in `e`.
template <typename Emit>
bool DecodeLegacy(std::string_view bytes, LegacyEncoding e, Emit&& emit,
                  DecodeError& error) {
  const std::size_t n = bytes.size();
  const auto at = [&](std::size_t k) { return static_cast<std::uint8_t>(bytes[k]); };
  const auto fail = [&](std::size_t k, DecodeProblem p) {
    error.index = k;
    error.problem = p;
    return false;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t b = at(i);
    if (b == 0) return fail(i, DecodeProblem::kNul);
    if (e == LegacyEncoding::kViscii) {
      if (b >= 0x80) {
        emit(kVisciiHigh[b - 0x80]);
      } else if (const char32_t c0 = VisciiC0Letter(b); c0 != 0) {
        emit(c0);
      } else {
        emit(static_cast<char32_t>(b));
      }
      continue;
    }
    if (b >= 0x80 && b < 0xA0) {
      if (!IsKeptPunctuation(b)) return fail(i, DecodeProblem::kNotInEncoding);
      emit(kCp1252High[b - 0x80]);
      continue;
    }
    if (e == LegacyEncoding::kTcvn3) {
      if (b < 0x80) {
        emit(static_cast<char32_t>(b));
      } else if (const char32_t c = kTcvn3High[b - 0xA0]; c != 0) {
        emit(c);
      } else {
        return fail(i, DecodeProblem::kNotInEncoding);
      }
      continue;
    }
    // VNI.
    const auto mark_at = [&](std::size_t k) -> const VniCell* {
      if (k >= n || at(k) < 0xC0) return nullptr;
      const VniCell& cell = kVniCells[at(k) & 0x1F];
      return cell.kind == VniKind::kMark ? &cell : nullptr;
    };
    if (b < 0x80) {
      const Vowel base = AsciiVowel(b);
      const VniCell* mark = base == kNotVowel ? nullptr : mark_at(i + 1);
      const Vowel vowel = mark == nullptr ? kNotVowel : ApplyVniMark(base, *mark);
      if (vowel == kNotVowel) {
        emit(static_cast<char32_t>(b));
      } else {
        emit(kVowelForms[b < 'a' ? 1 : 0][vowel][mark->tone]);
        ++i;
      }
      continue;
    }
    if (b < 0xC0) {
      emit(static_cast<char32_t>(b));  // Windows-1252 symbols
      continue;
    }
    const int upper = b < 0xE0 ? 1 : 0;
    const VniCell& cell = kVniCells[b & 0x1F];
    switch (cell.kind) {
      case VniKind::kNone:
        return fail(i, DecodeProblem::kNotInEncoding);
      case VniKind::kMark:
        return fail(i, DecodeProblem::kLoneMark);
      case VniKind::kDStroke:
        emit(upper ? char32_t{0x0110} : char32_t{0x0111});
        break;
      case VniKind::kLetter: {
        Tone tone = cell.tone;
        if (cell.a == kOHorn || cell.a == kUHorn) {
          const VniCell* mark = mark_at(i + 1);
          if (mark != nullptr && mark->a == kNoModifier) {
            tone = mark->tone;
            ++i;
          }
        }
        emit(kVowelForms[upper][cell.a][tone]);
        break;
      }
    }
  }
  return true;
}

// The Windows-1252 byte that shows as `cp`, or -1. U+0080-U+00FF map to the
// same byte, which also covers text read as Latin-1.
int Cp1252Byte(char32_t cp) {
  if (cp < 0x100) return static_cast<int>(cp);
  for (std::size_t k = 0; k < kCp1252High.size(); ++k) {
    if (kCp1252High[k] == cp) return static_cast<int>(0x80 + k);
  }
  return -1;
}

// The code point of valid UTF-8 `s` at `i`; advances `i` past it.
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto at = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::uint8_t lead = at(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  const std::size_t length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t cp = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (at(i + k) & 0x3F);
  i += length;
  return cp;
}

// Byte offset in valid UTF-8 `s` of its code point number `index`.
std::size_t Utf8OffsetOfCodePoint(std::string_view s, std::size_t index) {
  std::size_t i = 0;
  for (std::size_t seen = 0; seen < index && i < s.size(); ++seen) NextCodePoint(s, i);
  return i;
}

// Code points of Latin-script Unicode text (Vietnamese letters and marks
// among them) that Windows-1252 lacks.
bool IsUnicodeLatin(char32_t cp) {
  return (cp >= 0x0100 && cp <= 0x024F) || (cp >= 0x0300 && cp <= 0x036F) ||
         (cp >= 0x1E00 && cp <= 0x1EFF);
}

// How the input bytes are read.
enum class Reading {
  kRaw,       // 8-bit bytes as they are
  kMojibake,  // UTF-8 whose code points map back to Windows-1252 bytes
  kUnicode,   // UTF-8 holding Latin letters Windows-1252 lacks: not legacy text
};

struct ReadingChoice {
  Reading reading = Reading::kRaw;
  std::size_t unicode_offset = 0;  // kUnicode: byte offset of such a letter
  char32_t unicode_letter = 0;
};

// Valid UTF-8 with non-ASCII is mojibake when every code point maps back to
// Windows-1252. A code point that does not map is either a sign of Unicode
// text (ạ, ư, a combining mark) or, anything else, a sign that short 8-bit
// text formed valid UTF-8 by chance (VISCII "nước" is DF BE = U+07FE).
ReadingChoice ChooseReading(std::string_view bytes) {
  ReadingChoice choice;
  const bool has_non_ascii = std::any_of(bytes.begin(), bytes.end(), [](char c) {
    return static_cast<std::uint8_t>(c) >= 0x80;
  });
  if (!has_non_ascii || FindInvalidUtf8(bytes) != std::string_view::npos) return choice;
  bool all_map = true;
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t offset = i;
    const char32_t cp = NextCodePoint(bytes, i);
    if (Cp1252Byte(cp) < 0) {
      if (IsUnicodeLatin(cp)) {
        choice.reading = Reading::kUnicode;
        choice.unicode_offset = offset;
        choice.unicode_letter = cp;
        return choice;
      }
      all_map = false;
    }
  }
  if (all_map) choice.reading = Reading::kMojibake;
  return choice;
}

std::string_view DisplayName(LegacyEncoding e) {
  switch (e) {
    case LegacyEncoding::kTcvn3:
      return "TCVN3";
    case LegacyEncoding::kVni:
      return "VNI";
    case LegacyEncoding::kViscii:
      return "VISCII";
  }
  return "?";
}

std::string Hex(std::uint32_t value, int digits) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int k = digits - 1; k >= 0; --k, value >>= 4) {
    out[static_cast<std::size_t>(k)] = kDigits[value & 0xF];
  }
  return out;
}

std::string ProblemText(DecodeProblem p, LegacyEncoding e) {
  switch (p) {
    case DecodeProblem::kNul:
      return "is a NUL byte, which text never contains";
    case DecodeProblem::kLoneMark:
      return "is a VNI tone or vowel mark with no vowel before it that takes it";
    case DecodeProblem::kNotInEncoding:
    case DecodeProblem::kNone:
      break;
  }
  return "is not a " + std::string(DisplayName(e)) + " character";
}

// NFC of valid UTF-8 `text`, in place.
Status NormalizeNfc(std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return Status::Error(StatusCode::kInternal,
                         std::string("ICU NFC unavailable: ") + u_errorName(status));
  }
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return Status::Ok();
  status = U_ZERO_ERROR;
  std::string normalized;
  normalized.reserve(text.size());
  icu::StringByteSink<std::string> sink(&normalized);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) {
    return Status::Error(StatusCode::kInternal,
                         std::string("ICU NFC failed: ") + u_errorName(status));
  }
  text = std::move(normalized);
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Detection: how Vietnamese a decoded word looks.

struct LetterInfo {
  Vowel vowel = kNotVowel;
  Tone tone = kLevel;
  bool upper = false;
  char32_t toneless_lower = 0;  // ệ -> ê, Đ -> đ, B -> b
};

// Describes `cp` when it is a letter of Vietnamese spelling (ASCII letters,
// đ Đ, the vowels with their marks); false otherwise.
bool DescribeLetter(char32_t cp, LetterInfo& info) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
    info.upper = cp < 'a';
    info.toneless_lower = cp | 0x20;
    info.vowel = AsciiVowel(static_cast<std::uint8_t>(cp));
    info.tone = kLevel;
    return true;
  }
  if (cp == 0x0110 || cp == 0x0111) {
    info = {kNotVowel, kLevel, cp == 0x0110, 0x0111};
    return true;
  }
  struct Entry {
    char32_t cp;
    LetterInfo info;
  };
  static const std::vector<Entry> kEntries = [] {
    std::vector<Entry> entries;
    for (int upper = 0; upper < 2; ++upper) {
      for (int v = 0; v < kVowelCount; ++v) {
        for (int t = 0; t < kToneCount; ++t) {
          entries.push_back({kVowelForms[upper][v][t],
                             {static_cast<Vowel>(v), static_cast<Tone>(t), upper == 1,
                              kVowelForms[0][v][kLevel]}});
        }
      }
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& x, const Entry& y) { return x.cp < y.cp; });
    return entries;
  }();
  const auto it = std::lower_bound(kEntries.begin(), kEntries.end(), cp,
                                   [](const Entry& x, char32_t c) { return x.cp < c; });
  if (it == kEntries.end() || it->cp != cp) return false;
  info = it->info;
  return true;
}

// What a decoded character does to the word it is in.
enum class CharClass {
  kLetter,  // of Vietnamese spelling
  kBreak,   // space or punctuation: ends a word
  kSymbol,  // a Latin-1 symbol (° © ¬ µ ...): fine alone, suspicious in a word
  kOther,   // anything else spoils its word
};

CharClass Classify(char32_t cp) {
  LetterInfo info;
  if (DescribeLetter(cp, info)) return CharClass::kLetter;
  if (cp < 0x80 || cp == 0xA0) return CharClass::kBreak;
  if ((cp >= 0x2000 && cp <= 0x206F) || cp == 0x20AC || cp == 0x2122) {
    return CharClass::kBreak;  // Windows-1252 punctuation
  }
  if ((cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7) return CharClass::kSymbol;
  return CharClass::kOther;
}

// clang-format off
constexpr std::u32string_view kOnsets[] = {
    U"",  U"b",  U"c",  U"ch", U"d",  U"đ",   U"g",  U"gh", U"gi", U"h",
    U"k", U"kh", U"l",  U"m",  U"n",  U"ng",  U"ngh", U"nh", U"p", U"ph",
    U"qu", U"r", U"s",  U"t",  U"th", U"tr",  U"v",  U"x",
};
// clang-format on

// Rhymes (vần) without tone.
// clang-format off
constexpr std::u32string_view kRhymes[] = {
    U"a", U"ac", U"ach", U"ai", U"am", U"an", U"ang", U"anh", U"ao", U"ap", U"at",
    U"au", U"ay", U"ăc", U"ăm", U"ăn", U"ăng", U"ăp", U"ăt", U"âc", U"âm", U"ân",
    U"âng", U"âp", U"ât", U"âu", U"ây", U"e", U"ec", U"em", U"en", U"eng", U"eo",
    U"ep", U"et", U"ê", U"êch", U"êm", U"ên", U"ênh", U"êp", U"êt", U"êu", U"i",
    U"ia", U"ich", U"im", U"in", U"inh", U"ip", U"it", U"iu", U"iêc", U"iêm",
    U"iên", U"iêng", U"iêp", U"iêt", U"iêu", U"o", U"oc", U"oi", U"om", U"on",
    U"ong", U"op", U"ot", U"ooc", U"oong", U"ô", U"ôc", U"ôi", U"ôm", U"ôn",
    U"ông", U"ôp", U"ôt", U"ơ", U"ơi", U"ơm", U"ơn", U"ơp", U"ơt", U"u", U"ua",
    U"uc", U"ui", U"um", U"un", U"ung", U"up", U"ut", U"uôc", U"uôi", U"uôm",
    U"uôn", U"uông", U"uôt", U"ư", U"ưa", U"ưc", U"ưi", U"ưm", U"ưn", U"ưng",
    U"ưt", U"ưu", U"ươc", U"ươi", U"ươm", U"ươn", U"ương", U"ươp", U"ươt", U"ươu",
    U"y", U"yêm", U"yên", U"yêng", U"yêt", U"yêu", U"oa", U"oac", U"oach",
    U"oai", U"oam", U"oan", U"oang", U"oanh", U"oao", U"oap", U"oat", U"oay",
    U"oăc", U"oăm", U"oăn", U"oăng", U"oăt", U"oe", U"oen", U"oeo", U"oet",
    U"uân", U"uâng", U"uât", U"uây", U"uê", U"uêch", U"uênh", U"uy", U"uych",
    U"uyn", U"uynh", U"uyp", U"uyt", U"uya", U"uyu", U"uyên", U"uyêt", U"uơ",
};
// clang-format on

// Frequent syllables of Vietnamese, administrative and everyday, lowercase NFC.
// clang-format off
constexpr std::u32string_view kCommonSyllables[] = {
    U"không", U"có", U"là", U"và", U"của", U"được", U"một", U"những", U"người",
    U"trong", U"cho", U"với", U"các", U"này", U"đã", U"để", U"thì", U"đến", U"khi",
    U"nhiều", U"anh", U"em", U"tôi", U"ta", U"chúng", U"mình", U"họ", U"nó", U"ông",
    U"bà", U"cô", U"chú", U"bác", U"con", U"cháu", U"cha", U"mẹ", U"vợ", U"chồng",
    U"ai", U"gì", U"nào", U"sao", U"đâu", U"bao", U"giờ", U"lúc", U"nay", U"mai",
    U"hôm", U"qua", U"năm", U"tháng", U"ngày", U"tuần", U"sáng", U"trưa", U"chiều",
    U"tối", U"đêm", U"mùa", U"xuân", U"hạ", U"thu", U"đông", U"nước", U"nhà", U"cửa",
    U"đường", U"phố", U"làng", U"xã", U"thôn", U"ấp", U"tỉnh", U"huyện", U"quận",
    U"phường", U"thị", U"trấn", U"thành", U"vùng", U"miền", U"bắc", U"nam", U"trung",
    U"tây", U"đất", U"trời", U"biển", U"sông", U"núi", U"rừng", U"cây", U"hoa", U"lá",
    U"quả", U"ăn", U"uống", U"đi", U"về", U"ra", U"vào", U"lên", U"xuống", U"đứng",
    U"ngồi", U"làm", U"việc", U"học", U"dạy", U"viết", U"đọc", U"nói", U"nghe",
    U"nhìn", U"thấy", U"biết", U"hiểu", U"nghĩ", U"muốn", U"cần", U"phải", U"nên",
    U"sẽ", U"đang", U"vẫn", U"còn", U"cũng", U"rất", U"lắm", U"quá", U"hơn", U"nhất",
    U"cả", U"mọi", U"mỗi", U"từng", U"tất", U"chỉ", U"mới", U"cũ", U"lớn", U"nhỏ",
    U"cao", U"thấp", U"dài", U"ngắn", U"nhanh", U"chậm", U"tốt", U"xấu", U"đẹp",
    U"mạnh", U"yếu", U"đúng", U"sai", U"thật", U"rõ", U"ràng", U"chắc", U"chắn",
    U"trên", U"dưới", U"trước", U"sau", U"giữa", U"bên", U"ngoài", U"cạnh", U"gần",
    U"xa", U"theo", U"từ", U"tới", U"tại", U"bởi", U"vì", U"nếu", U"tuy", U"nhưng",
    U"mà", U"hay", U"hoặc", U"rồi", U"nữa", U"lại", U"đều", U"cùng", U"đó", U"kia",
    U"ấy", U"đây", U"vậy", U"thế", U"như", U"bằng", U"nhau", U"chưa", U"hãy", U"hai",
    U"ba", U"bốn", U"sáu", U"bảy", U"tám", U"chín", U"mười", U"mươi", U"trăm",
    U"nghìn", U"ngàn", U"triệu", U"tỷ", U"tỉ", U"lần", U"thứ", U"số", U"nhân", U"dân",
    U"quốc", U"gia", U"chính", U"phủ", U"quyền", U"đảng", U"đoàn", U"hội", U"đồng",
    U"ủy", U"uỷ", U"ban", U"bộ", U"sở", U"cục", U"vụ", U"viện", U"trường", U"tòa",
    U"toà", U"án", U"luật", U"pháp", U"lý", U"quy", U"định", U"điều", U"khoản", U"mục",
    U"chương", U"văn", U"bản", U"quyết", U"nghị", U"thông", U"tư", U"công", U"tờ",
    U"trình", U"báo", U"cáo", U"kế", U"hoạch", U"đạo", U"lãnh", U"quản", U"kiểm",
    U"tra", U"sát", U"thanh", U"giám", U"đốc", U"trưởng", U"phó", U"chủ", U"tịch",
    U"thư", U"ký", U"cán", U"chức", U"viên", U"chấp", U"hành", U"thi", U"xét", U"xử",
    U"tố", U"tụng", U"khiếu", U"nại", U"kiện", U"đơn", U"giải", U"tranh", U"bồi",
    U"thường", U"nghĩa", U"trách", U"nhiệm", U"lợi", U"ích", U"tài", U"sản", U"tiền",
    U"vốn", U"nợ", U"vay", U"thuế", U"phí", U"lệ", U"giá", U"trị", U"hợp", U"mua",
    U"bán", U"thuê", U"chuyển", U"nhượng", U"cầm", U"cố", U"bảo", U"đảm", U"hiểm",
    U"tổ", U"cá", U"doanh", U"nghiệp", U"kinh", U"tế", U"hóa", U"hoá", U"giáo", U"dục",
    U"y", U"khoa", U"kỹ", U"thuật", U"an", U"ninh", U"phòng", U"môi", U"nguyên",
    U"nông", U"lâm", U"thủy", U"thuỷ", U"giao", U"vận", U"tải", U"xây", U"dựng",
    U"đầu", U"phát", U"triển", U"tăng", U"giảm", U"nghèo", U"thực", U"hiện", U"tiến",
    U"khai", U"tổng", U"kết", U"đánh", U"tình", U"hình", U"tiêu", U"phương", U"hướng",
    U"biện", U"sách", U"chế", U"độ", U"thủ", U"tục", U"hồ", U"sơ", U"giấy", U"chứng",
    U"minh", U"nhận", U"cấp", U"phép", U"đăng", U"hộ", U"khẩu", U"sinh", U"tử", U"hôn",
    U"ly", U"nuôi", U"thừa", U"di", U"chúc", U"cư", U"trú", U"địa", U"điện", U"thoại",
    U"tên", U"tuổi", U"nơi", U"quê", U"quán", U"tộc", U"tôn", U"nghề", U"bị", U"liên",
    U"quan", U"đương", U"sự", U"kháng", U"phúc", U"thẩm", U"tái", U"lao", U"động",
    U"thương", U"mại", U"đình", U"cưỡng", U"kê", U"biên", U"phong", U"tỏa", U"toả",
    U"tạm", U"giữ", U"hồi", U"hoàn", U"trả", U"nộp", U"ngân", U"kho", U"bạc", U"hàng",
    U"tín", U"khó", U"khăn", U"thuận", U"vướng", U"mắc", U"tồn", U"hạn", U"bài",
    U"nghiệm", U"đề", U"xuất", U"kiến", U"ý", U"thảo", U"luận", U"thống", U"phối",
    U"chặt", U"chẽ", U"kịp", U"thời", U"đầy", U"đủ", U"xác", U"nghiêm", U"túc",
    U"hiệu", U"chất", U"lượng", U"năng", U"lực", U"phẩm", U"đức", U"tinh", U"thần",
    U"thức", U"kỷ", U"cương", U"khen", U"thưởng", U"đua", U"tập", U"thể", U"sắc",
    U"vượt", U"mức", U"phần", U"thụ", U"dõi", U"hệ", U"cụ", U"nghệ", U"đối", U"tượng",
    U"yêu", U"cầu", U"hoạt", U"vực", U"lĩnh", U"lãi", U"suất", U"chí", U"đại", U"biểu",
    U"dự", U"tham", U"tiếp", U"trọng", U"tâm", U"điểm", U"cuộc", U"họp", U"phiên",
    U"chi", U"nhánh", U"cơ", U"vật", U"trụ", U"phạt", U"vi", U"phạm", U"tội", U"danh",
    U"thân", U"ở", U"dù", U"trò", U"đa", U"mô", U"kỳ", U"phân", U"dụng", U"vững",
    U"biến", U"phức", U"tạp", U"bình", U"quân", U"gặp", U"giúp", U"đỡ", U"đưa", U"đặt",
    U"đặc", U"biệt", U"riêng", U"chung", U"toàn", U"diện", U"lập", U"độc", U"tự",
    U"do", U"hạnh", U"hiến", U"phán", U"hòa", U"hoà", U"cứu", U"hỗ", U"trợ", U"nội",
    U"dung", U"ngoại", U"tích", U"cực", U"vừa", U"dịp", U"đoạn", U"giai", U"bước",
    U"dẫn", U"kèm", U"sửa", U"đổi", U"bổ", U"sung", U"thay", U"bãi", U"bỏ", U"hết",
    U"đóng", U"dấu", U"gửi", U"lưu", U"mẫu", U"liệu", U"toán", U"tiếng", U"việt",
    U"hà", U"sài", U"gòn", U"đà", U"nẵng", U"hải", U"thơ", U"huế", U"giang", U"tháp",
    U"sóc", U"trăng", U"nguyễn", U"trần", U"lê", U"hoàng", U"huỳnh", U"phan", U"vũ",
    U"võ", U"đặng", U"bùi", U"đỗ", U"ngô", U"dương", U"hữu", U"hùng", U"dũng", U"hồng",
    U"nhiên", U"dĩ", U"càng", U"xuyên", U"chóng", U"lời", U"câu", U"hỏi", U"phản",
    U"ánh", U"mất", U"thêm", U"bớt", U"gìn", U"vệ", U"khắc", U"phục", U"ngăn", U"chặn",
    U"ngừa", U"đấu",
};
// clang-format on

template <std::size_t N>
std::vector<std::u32string_view> Sorted(const std::u32string_view (&list)[N]) {
  std::vector<std::u32string_view> sorted(list, list + N);
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return sorted;
}

bool IsRhyme(std::u32string_view rhyme) {
  static const std::vector<std::u32string_view> kSorted = Sorted(kRhymes);
  return std::binary_search(kSorted.begin(), kSorted.end(), rhyme);
}

bool IsCommonSyllable(std::u32string_view syllable) {
  static const std::vector<std::u32string_view> kSorted = Sorted(kCommonSyllables);
  return std::binary_search(kSorted.begin(), kSorted.end(), syllable);
}

bool EndsInStop(std::u32string_view rhyme) {
  if (rhyme.empty()) return false;
  const char32_t last = rhyme.back();
  return last == U'c' || last == U'p' || last == U't' ||
         (last == U'h' && rhyme.size() >= 2 && rhyme[rhyme.size() - 2] == U'c');
}

bool RhymeFits(std::u32string_view rhyme, Tone tone) {
  if (!IsRhyme(rhyme)) return false;
  // Syllables closed by c, ch, p, t take only the sắc or nặng tone.
  return !EndsInStop(rhyme) || tone == kAcute || tone == kDotBelow;
}

// Spelling rules joining onset and rhyme: k, gh, ngh before e ê i y only, and
// c, g, ng never there; the u of qu is the glide already ("quoác" is none).
bool OnsetFits(std::u32string_view onset, std::u32string_view rhyme) {
  const char32_t first = rhyme.empty() ? U'\0' : rhyme.front();
  const bool front = first == U'e' || first == U'ê' || first == U'i' || first == U'y';
  if (onset == U"k" || onset == U"gh" || onset == U"ngh") return front;
  if (onset == U"c" || onset == U"ng") return !front;
  if (onset == U"g") return first != U'e' && first != U'ê';
  if (onset == U"qu") return first != U'o' && first != U'u';
  return true;
}

bool IsVowelLetter(char32_t c) {
  return std::u32string_view(U"aăâeêioôơuưy").find(c) != std::u32string_view::npos;
}

bool IsModifiedVowel(char32_t c) {
  return std::u32string_view(U"ăâêôơư").find(c) != std::u32string_view::npos;
}

// True when the tone sits where Vietnamese spelling puts it in `rhyme`, at
// index `tone_at` (npos: no tone): on the marked vowel (the last one in ươ),
// else on the middle of three vowels, on the second of two before a final
// consonant, on the first of two in an open syllable, or on either in the
// open oa, oe, uy (hòa and hoà are both in use).
bool TonePlaced(std::u32string_view rhyme, std::size_t tone_at) {
  if (tone_at == std::u32string_view::npos) return true;
  std::size_t vowels = 0;
  while (vowels < rhyme.size() && IsVowelLetter(rhyme[vowels])) ++vowels;
  if (tone_at >= vowels) return false;
  std::size_t marked = std::u32string_view::npos;
  for (std::size_t k = 0; k < vowels; ++k) {
    if (IsModifiedVowel(rhyme[k])) marked = k;
  }
  if (marked != std::u32string_view::npos) return tone_at == marked;
  if (vowels == 1) return true;
  if (vowels == 3) return tone_at == 1;
  if (vowels < rhyme.size()) return tone_at == 1;
  const std::u32string_view pair = rhyme.substr(0, 2);
  if (pair == U"oa" || pair == U"oe" || pair == U"uy") return true;
  return tone_at == 0;
}

// True when `toneless` (lowercase, no tone) with `tone` on letter `tone_at`
// (npos: none) spells a Vietnamese syllable: onset + rhyme.
bool IsSyllable(std::u32string_view toneless, Tone tone, std::size_t tone_at) {
  for (std::u32string_view onset : kOnsets) {
    if (toneless.substr(0, onset.size()) != onset) continue;
    const std::u32string_view rhyme = toneless.substr(onset.size());
    if (!OnsetFits(onset, rhyme)) continue;
    std::size_t rhyme_tone_at = tone_at;  // a tone on the onset: never placed
    if (tone_at != std::u32string_view::npos) {
      rhyme_tone_at = tone_at < onset.size() ? rhyme.size() : tone_at - onset.size();
    }
    if (!TonePlaced(rhyme, rhyme_tone_at)) continue;
    if (RhymeFits(rhyme, tone)) return true;
    // "gi" swallows the i of iê: giết, giếng.
    if (onset == U"gi" && !rhyme.empty() && rhyme.front() == U'ê') {
      std::u32string with_i = U"i";
      with_i.append(rhyme);
      if (RhymeFits(with_i, tone)) return true;
    }
  }
  return false;
}

constexpr double kCommonWordScore = 1.0;
constexpr double kValidWordScore = 0.7;
constexpr double kValidUnconvertedWordScore = 0.85;
constexpr double kLoneSymbolScore = 0.5;
constexpr std::size_t kMaxSyllableLetters = 7;  // nghiêng

// 1.0 for a frequent syllable, 0.7 for another valid one or an abbreviation
// with Đ, 0 otherwise. `as_is` (text that needs no conversion) raises 0.7 to
// 0.85: of two readings that both spell Vietnamese, the simpler one wins.
// `word` holds letters only.
double ScoreWord(std::u32string_view word, bool as_is) {
  if (word.empty() || word.size() > kMaxSyllableLetters) return 0;
  std::array<char32_t, kMaxSyllableLetters> toneless{};
  std::array<char32_t, kMaxSyllableLetters> lower{};
  Tone tone = kLevel;
  std::size_t tone_at = std::u32string_view::npos;
  int tones = 0;
  bool seen_lower = false;
  bool all_upper = true;
  bool has_vowel = false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    LetterInfo info;
    if (!DescribeLetter(word[k], info)) return 0;
    // A marked capital after a small letter comes from a wrong table
    // ("ThỘnh"); the reverse is the .VnTimeH habit ("CộNG") and passes.
    if (info.upper && word[k] >= 0x80 && seen_lower) return 0;
    seen_lower = seen_lower || !info.upper;
    all_upper = all_upper && info.upper;
    has_vowel = has_vowel || info.vowel != kNotVowel;
    toneless[k] = info.toneless_lower;
    lower[k] = info.vowel == kNotVowel ? info.toneless_lower
                                       : kVowelForms[0][info.vowel][info.tone];
    if (info.tone != kLevel) {
      tone = info.tone;
      tone_at = k;
      ++tones;
    }
  }
  if (tones > 1) return 0;
  const std::u32string_view plain(toneless.data(), word.size());
  // "1.500.000 đ", "BCĐ", "ĐKKD": đ alone or in a capital abbreviation.
  const bool valid = plain == U"đ" ||
                     (all_upper && !has_vowel && plain.find(U'đ') != plain.npos) ||
                     IsSyllable(plain, tone, tone_at);
  if (!valid) return 0;
  if (IsCommonSyllable(std::u32string_view(lower.data(), word.size()))) {
    return kCommonWordScore;
  }
  return as_is ? kValidUnconvertedWordScore : kValidWordScore;
}

// Mean score of the words of decoded `text`. Text of breaks only scores 1,
// symbols alone 0.5; a symbol or a foreign character inside a word spoils it.
double ScoreToken(std::u32string_view text, bool as_is) {
  double sum = 0;
  int words = 0;
  std::size_t start = 0;
  for (std::size_t k = 0; k <= text.size(); ++k) {
    if (k < text.size() && Classify(text[k]) != CharClass::kBreak) continue;
    if (k > start) {
      const std::u32string_view word = text.substr(start, k - start);
      const bool symbols_only = std::all_of(word.begin(), word.end(), [](char32_t cp) {
        return Classify(cp) == CharClass::kSymbol;
      });
      sum += symbols_only ? kLoneSymbolScore : ScoreWord(word, as_is);
      ++words;
    }
    start = k + 1;
  }
  return words == 0 ? 1.0 : sum / words;
}

constexpr std::size_t kMaxDetectTokens = 4000;

// A reading of the input under test: Unicode as it is (no encoding), or legacy
// bytes in `encoding`.
struct Candidate {
  std::optional<LegacyEncoding> encoding;
  double total = 0;
};

// Bytes that join a word: ASCII letters, the six VISCII letters in C0, and
// every non-ASCII byte (letters or marks in all three encodings).
bool IsWordByte(std::uint8_t b) {
  return b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
         VisciiC0Letter(b) != 0;
}

bool NeedsDecoding(std::uint8_t b) { return b >= 0x80 || VisciiC0Letter(b) != 0; }

// Adds the score of one word of the input (`token`, bytes between ASCII
// separators, so valid UTF-8 whenever the whole input is) to each candidate.
// `code_points`, `decoded` and `legacy` are scratch buffers.
void ScoreTokenForEach(std::string_view token, Reading reading,
                       std::vector<Candidate>& candidates, std::u32string& code_points,
                       std::u32string& decoded, std::string& legacy) {
  code_points.clear();
  if (reading == Reading::kMojibake || !candidates.front().encoding.has_value()) {
    for (std::size_t i = 0; i < token.size();) {
      code_points.push_back(NextCodePoint(token, i));
    }
  }
  bool legacy_ok = true;
  if (reading == Reading::kMojibake) {
    legacy.clear();
    for (char32_t cp : code_points) {
      const int b = Cp1252Byte(cp);
      if (b < 0) {
        legacy_ok = false;
        break;
      }
      legacy.push_back(static_cast<char>(b));
    }
  } else {
    legacy.assign(token);
  }
  for (Candidate& candidate : candidates) {
    if (!candidate.encoding.has_value()) {
      // Combining marks never get here: they make the reading kUnicode.
      candidate.total += ScoreToken(code_points, /*as_is=*/true);
      continue;
    }
    if (!legacy_ok) continue;
    decoded.clear();
    DecodeError error;
    if (DecodeLegacy(
            legacy, *candidate.encoding,
            [&decoded](char32_t cp) { decoded.push_back(cp); }, error)) {
      candidate.total += ScoreToken(decoded, /*as_is=*/false);
    }
  }
}

}  // namespace

Result<LegacyEncoding> ParseLegacyEncodingName(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (lower == "tcvn3" || lower == "abc") return LegacyEncoding::kTcvn3;
  if (lower == "vni") return LegacyEncoding::kVni;
  if (lower == "viscii") return LegacyEncoding::kViscii;
  return Status::Invalid("unknown legacy encoding '" + std::string(name) +
                         "': expected one of tcvn3, abc, vni, viscii");
}

std::string_view LegacyEncodingName(LegacyEncoding e) {
  switch (e) {
    case LegacyEncoding::kTcvn3:
      return "tcvn3";
    case LegacyEncoding::kVni:
      return "vni";
    case LegacyEncoding::kViscii:
      return "viscii";
  }
  return "tcvn3";
}

Result<std::string> ConvertLegacyToUtf8(std::string_view bytes, LegacyEncoding e) {
  const ReadingChoice choice = ChooseReading(bytes);
  if (choice.reading == Reading::kUnicode) {
    return Status::Invalid(std::string(DisplayName(e)) + " text: byte " +
                           std::to_string(choice.unicode_offset) + " (U+" +
                           Hex(choice.unicode_letter, 4) +
                           ") is a Unicode letter: the text is Unicode already, "
                           "not legacy bytes nor legacy text read as Windows-1252");
  }
  // For mojibake, legacy byte k comes from code point k of `bytes`.
  std::string recovered;
  std::string_view legacy = bytes;
  if (choice.reading == Reading::kMojibake) {
    recovered.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
      recovered.push_back(static_cast<char>(Cp1252Byte(NextCodePoint(bytes, i))));
    }
    legacy = recovered;
  }

  std::string out;
  out.reserve(legacy.size() + legacy.size() / 2);
  DecodeError error;
  const bool ok = DecodeLegacy(
      legacy, e, [&out](char32_t cp) { AppendUtf8(cp, out); }, error);
  if (!ok) {
    const auto byte = static_cast<std::uint8_t>(legacy[error.index]);
    std::string where;
    if (choice.reading == Reading::kMojibake) {
      where = std::string(DisplayName(e)) + " text read as Windows-1252: byte " +
              std::to_string(Utf8OffsetOfCodePoint(bytes, error.index)) +
              " (read back as 0x" + Hex(byte, 2) + ")";
    } else {
      where = std::string(DisplayName(e)) + " text: byte " + std::to_string(error.index) +
              " (0x" + Hex(byte, 2) + ")";
    }
    return Status::Invalid(where + " " + ProblemText(error.problem, e));
  }
  THADS_RETURN_IF_ERROR(NormalizeNfc(out));
  return out;
}

EncodingGuess DetectLegacyEncoding(std::string_view bytes) {
  if (std::none_of(bytes.begin(), bytes.end(),
                   [](char c) { return NeedsDecoding(static_cast<std::uint8_t>(c)); })) {
    return {std::nullopt, 1.0};
  }
  const Reading reading = ChooseReading(bytes).reading;
  if (reading == Reading::kUnicode) return {std::nullopt, 1.0};

  std::vector<Candidate> candidates;
  const bool valid_utf8 =
      reading == Reading::kMojibake || FindInvalidUtf8(bytes) == std::string_view::npos;
  if (valid_utf8) candidates.push_back({std::nullopt, 0});
  for (LegacyEncoding e :
       {LegacyEncoding::kTcvn3, LegacyEncoding::kVni, LegacyEncoding::kViscii}) {
    candidates.push_back({e, 0});
  }

  std::u32string code_points;
  std::u32string decoded;
  std::string legacy;
  std::size_t tokens = 0;
  std::size_t start = 0;
  for (std::size_t k = 0; k <= bytes.size() && tokens < kMaxDetectTokens; ++k) {
    if (k < bytes.size() && IsWordByte(static_cast<std::uint8_t>(bytes[k]))) continue;
    const std::string_view token = bytes.substr(start, k - start);
    start = k + 1;
    if (std::none_of(token.begin(), token.end(), [](char c) {
          return NeedsDecoding(static_cast<std::uint8_t>(c));
        })) {
      continue;
    }
    ++tokens;
    ScoreTokenForEach(token, reading, candidates, code_points, decoded, legacy);
  }

  // Ties go to the earlier candidate: Unicode first, as it needs no
  // conversion, then the encodings in order of how common they were.
  std::size_t best = 0;
  for (std::size_t c = 1; c < candidates.size(); ++c) {
    if (candidates[c].total > candidates[best].total + 1e-9) best = c;
  }
  if (valid_utf8 && candidates[best].total <= 0) {
    // Valid UTF-8 that no reading makes Vietnamese: leave it as it is.
    return {std::nullopt, 0.5};
  }
  double second = 0;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    if (c != best) second = std::max(second, candidates[c].total);
  }
  const double n = static_cast<double>(tokens);
  const double best_score = candidates[best].total / n;
  const double separation = std::min(1.0, 2.0 * (candidates[best].total - second) / n);
  const double evidence = 1.0 - std::pow(0.5, n);
  const double confidence =
      std::clamp(best_score * (0.5 + 0.5 * separation) * evidence, 0.0, 1.0);
  return {candidates[best].encoding, confidence};
}

}  // namespace thads::text
