// Vietnamese 8-bit encodings from before Unicode (bảng mã cũ: TCVN3/ABC, VNI,
// VISCII) to NFC UTF-8, and a detector that tells which one a text uses.
// Old judgments and office reports typed in .VnTime or VNI-Times fonts arrive
// either as raw 8-bit bytes or as "mojibake" UTF-8: the bytes were read as
// Windows-1252 and saved again ("Thµnh phè" for TCVN3 "Thành phố").
//
// What each encoding covers here (bytes 0x00-0x7F are ASCII in all three,
// except the six VISCII letters below; NUL is always an error):
// - TCVN3 (TCVN 5712:1993 VN3, the .VnTime/ABC fonts): the 67 lowercase
//   letters, the uppercase Ă Â Ê Ô Ơ Ư Đ, and NBSP at 0xA0. Uppercase letters
//   with a tone mark have no code: they were typed with the same bytes as the
//   lowercase letter in a separate all-capitals font (.VnTimeH), which the byte
//   stream does not record, so "CéNG" converts to "CộNG" and a heading typed
//   wholly in .VnTimeH converts to lowercase. The 21 bytes of 0xA1-0xFF that
//   VN3 leaves empty (VN1's uppercase and combining marks) are errors.
// - VNI (VNI-Windows): a base letter followed by one mark byte ("a" 0xF9 = á,
//   "a" 0xE1 = ấ, "A" 0xD9 = Á); single bytes for ơ ư đ ì í ỉ ĩ ị ỵ and their
//   capitals. 0xA0-0xBF keep their Windows-1252 symbols (°, ©, «...). A mark
//   with no vowel before it that takes it, and the Latin-1 letters VNI does not
//   use (Ç Ð × Ý Þ ß ç ð ÷ ý þ ÿ), are errors.
// - VISCII 1.1 (RFC 1456): all 134 letters, one byte each, six of them in the
//   C0 range (0x02 Ẳ, 0x05 Ẵ, 0x06 Ẫ, 0x14 Ỷ, 0x19 Ỹ, 0x1E Ỵ).
// TCVN3 and VNI fonts are Windows fonts: in 0x80-0x9F they keep the
// Windows-1252 punctuation (“ ” ‘ ’ – — … • € ™ ‚ „ † ‡ ‰ ‹ ›); the other
// bytes of that range are errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace thads::text {

enum class LegacyEncoding { kTcvn3, kVni, kViscii };

// "tcvn3", "abc", "vni", "viscii" (case-insensitive) -> the encoding; any
// other name is an error listing the accepted names.
Result<LegacyEncoding> ParseLegacyEncodingName(std::string_view name);

// "tcvn3" | "vni" | "viscii"; accepted back by ParseLegacyEncodingName.
std::string_view LegacyEncodingName(LegacyEncoding e);

// Converts text in `e` to NFC UTF-8. `bytes` is raw 8-bit text or its mojibake
// form: valid UTF-8 with non-ASCII whose code points all map back to Windows-1252
// bytes (U+0080-U+00FF to the same byte, as for text read as Latin-1). Valid
// UTF-8 holding a Latin letter Windows-1252 lacks (ạ, ư, a combining mark) is
// Unicode already and an error; other valid UTF-8 is raw text that formed UTF-8
// by chance (VISCII "nước" is DF BE, U+07FE). A byte with no meaning in `e` is
// an InvalidArgument error naming "byte N" of `bytes`. Thread-safe.
Result<std::string> ConvertLegacyToUtf8(std::string_view bytes, LegacyEncoding e);

struct EncodingGuess {
  std::optional<LegacyEncoding> encoding;  // nullopt: already Unicode (or plain ASCII)
  double confidence;                       // 0..1
};

// Decides which encoding `bytes` uses, or that it is Unicode already, reading
// `bytes` as ConvertLegacyToUtf8 does: decodes every word holding non-ASCII with
// each candidate and scores how many come out as Vietnamese syllables (frequent
// ones higher; ties go to Unicode). Scores the first 4000 such words. Confidence
// near 0 means no candidate fits. Thread-safe.
EncodingGuess DetectLegacyEncoding(std::string_view bytes);

}  // namespace thads::text
