#include "text/utf8.h"

#include <cstdint>

namespace thads::text {
namespace {

struct Step {
  std::size_t length;   // bytes consumed: the sequence, or the invalid subpart
  bool valid;
  char32_t code_point;
  const char* reason;   // when !valid
};

// Decodes one sequence at `i`. On error, `length` is the maximal subpart that
// could have started a valid sequence (at least 1), per Unicode 15 §3.9.
Step DecodeOne(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::uint8_t b0 = byte(i);
  if (b0 == 0) return {1, false, 0, "NUL byte"};
  if (b0 < 0x80) return {1, true, b0, nullptr};
  if (b0 < 0xC2) {
    return {1, false, 0, b0 < 0xC0 ? "unexpected continuation byte" : "overlong sequence"};
  }
  std::size_t need;
  char32_t cp;
  std::uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 < 0xE0) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 < 0xF0) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;   // overlong
    if (b0 == 0xED) hi = 0x9F;   // surrogates
  } else if (b0 < 0xF5) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;   // overlong
    if (b0 == 0xF4) hi = 0x8F;   // above U+10FFFF
  } else {
    return {1, false, 0, "byte 0xF5-0xFF never appears in UTF-8"};
  }
  for (std::size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) return {k, false, 0, "truncated sequence at end of input"};
    const std::uint8_t b = byte(i + k);
    const std::uint8_t min = k == 1 ? lo : 0x80;
    const std::uint8_t max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) {
      if (k == 1 && b >= 0x80 && b <= 0xBF) {
        return {1, false, 0, b0 == 0xED ? "encoded surrogate" : "overlong or out-of-range sequence"};
      }
      return {k, false, 0, "truncated sequence"};
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  return {need + 1, true, cp, nullptr};
}

}  // namespace

Status ValidateUtf8(std::string_view bytes, std::string_view what) {
  for (std::size_t i = 0; i < bytes.size();) {
    const Step step = DecodeOne(bytes, i);
    if (!step.valid) {
      return Status::Invalid(std::string(what) + ": invalid UTF-8 at byte " +
                             std::to_string(i) + ": " + step.reason);
    }
    i += step.length;
  }
  return Status::Ok();
}

std::size_t FindInvalidUtf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    const Step step = DecodeOne(bytes, i);
    if (!step.valid) return i;
    i += step.length;
  }
  return std::string_view::npos;
}

std::string RepairUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const Step step = DecodeOne(bytes, i);
    if (step.valid) {
      out.append(bytes.substr(i, step.length));
    } else {
      AppendUtf8(U'\uFFFD', out);
    }
    i += step.length;
  }
  return out;
}

std::u32string DecodeUtf8(std::string_view valid_utf8) {
  std::u32string out;
  out.reserve(valid_utf8.size());
  for (std::size_t i = 0; i < valid_utf8.size();) {
    const Step step = DecodeOne(valid_utf8, i);
    out.push_back(step.valid ? step.code_point : U'\uFFFD');
    i += step.length;
  }
  return out;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string EncodeUtf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (char32_t cp : code_points) AppendUtf8(cp, out);
  return out;
}

}  // namespace thads::text
