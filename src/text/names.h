// Vietnamese personal names: family name first, given name last; the titles
// Ông/Bà/Anh/Chị are not part of the name. Inputs and outputs NFC UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace thads::text {

struct PersonName {
  std::string title;   // "Ông", or empty
  std::string family;  // họ: "Nguyễn"
  std::string middle;  // tên đệm: "Văn", may be empty or several words
  std::string given;   // tên: "An"
};

// "Ông Nguyễn Văn An" -> "Nguyễn Văn An"; also "bà", "anh", "chị", "ông bà"
// at the start, any case, with a following "." or ":" tolerated.
std::string StripTitle(std::string_view name);

// Splits a name (title stripped and recorded). One word: it is the given name.
PersonName SplitName(std::string_view name);

// "NGUYỄN VĂN AN" -> "Nguyễn Văn An", keeping marks; masked initials stay
// ("NGUYỄN VĂN H" -> "Nguyễn Văn H"). Whitespace is collapsed.
std::string TitleCaseName(std::string_view name);

}  // namespace thads::text
