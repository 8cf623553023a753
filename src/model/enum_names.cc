#include "model/enum_names.h"

#include <cstdio>

#include "text/utf8.h"

namespace thads::model {

std::string QuoteForMessage(std::string_view text) {
  constexpr std::size_t kMaxCodePoints = 60;
  const std::u32string code_points = text::DecodeUtf8(text::RepairUtf8(text));
  std::string out = "\"";
  std::size_t count = 0;
  for (char32_t c : code_points) {
    if (count++ == kMaxCodePoints) {
      out += "…";
      break;
    }
    if (c == U'"' || c == U'\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(c));
      out += escaped;
    } else {
      text::AppendUtf8(c, out);
    }
  }
  out += '"';
  return out;
}

}  // namespace thads::model
