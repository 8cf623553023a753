// Names of people and organizations as they appear in a judgment's key.
#include <algorithm>
#include <array>

#include "extract/internal.h"
#include "text/names.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::extract {
namespace {

constexpr std::size_t kMaxNameWords = 7;
constexpr std::size_t kMaxOrganizationKey = 200;

// Words that open an organization's name, as spelled (matched folded, then
// checked against the marks so that the family name "Trương" is not "Trường").
constexpr std::array<std::string_view, 23> kOrganizationWords = {
    "ngân hàng",  "tổng công ty", "công ty",   "hợp tác xã", "doanh nghiệp tư nhân",
    "doanh nghiệp", "quỹ tín dụng", "ủy ban nhân dân", "ubnd",  "chi nhánh",
    "tập đoàn",   "trường",       "bệnh viện", "văn phòng",  "cơ sở",
    "cửa hàng",   "tổ chức",      "trung tâm", "hiệp hội",   "nhà máy",
    "xí nghiệp",  "ban quản lý",  "quỹ"};

// Capitalized words that still end a person's name (lower case, as written).
constexpr std::array<std::string_view, 20> kNameStops = {
    "sinh", "địa", "cư", "trú", "hktt", "cccd", "cmnd", "cmtnd", "số", "chức",
    "nghề", "vắng", "là", "căn", "nơi", "giới", "thường", "tạm", "người", "sn"};

// Words after which an organization's name has ended.
constexpr std::array<std::string_view, 10> kOrganizationStops = {
    "dia chi", "tru so", "ma so", "nguoi dai dien", "dai dien", "do ong", "do ba",
    "co mat", "vang mat", "giay chung nhan"};

}  // namespace

std::size_t OrganizationKeywordAt(const PreparedText& text, std::size_t pos, std::size_t to) {
  const std::string& key = text.key();
  for (std::string_view w : kOrganizationWords) {
    const std::string folded = text::FoldForSearch(w);
    std::size_t end = 0;
    if (!PhraseAt(key, folded, pos, to, &end)) continue;
    bool plain = true;
    for (std::size_t i = pos; i < end; ++i) plain = plain && !text.HasMarks(i);
    if (plain || text::ToneKey(text::ToLowerVi(text.Display(pos, end))) == text::ToneKey(std::string(w))) {
      return end - pos;
    }
  }
  return 0;
}

std::size_t SkipTitle(const PreparedText& text, std::size_t pos, std::size_t to) {
  const std::string& key = text.key();
  std::size_t end = 0;
  for (std::string_view t : {"ong ba", "ong", "ba", "anh", "chi", "cu"}) {
    if (!PhraseAt(key, t, pos, to, &end)) continue;
    // A title only when a name follows.
    const std::size_t next = SkipSpaces(key, end, to);
    if (next == end || next >= to || !IsWordByte(key[next])) continue;
    // Spelled as a title: "Chi" (in "Củ Chi"), "Ba" or "củ" is not one, except in
    // text written without any marks, where the name after it has none either.
    const std::string word = text::ToLowerVi(text.Display(pos, end));
    const bool spelled = word == "ông bà" || word == "ông" || word == "bà" || word == "anh" ||
                         word == "chị" || word == "cụ";
    bool plain = true;
    for (std::size_t i = pos; i < end; ++i) plain = plain && !text.HasMarks(i);
    std::size_t name_end = next;
    while (name_end < to && IsWordByte(key[name_end])) ++name_end;
    bool name_plain = true;
    for (std::size_t i = next; i < name_end; ++i) name_plain = name_plain && !text.HasMarks(i);
    if (spelled || (plain && name_plain)) return next;
  }
  return pos;
}

namespace {

// A name word is capitalized or all capitals ("Nguyễn", "NGUYỄN", the masked
// "H1"); "TINh" or "BšÕ" is OCR garbage, not a name.
bool NameWordShape(const PreparedText& text, std::size_t begin, std::size_t end) {
  std::size_t letters = 0;
  std::size_t upper = 0;
  for (std::size_t i = begin; i < end; ++i) {
    const char c = text.key()[i];
    if (c < 'a' || c > 'z') continue;
    ++letters;
    if (text.IsUpper(i)) ++upper;
  }
  return upper == letters || (upper == 1 && text.IsUpper(begin));
}

// A name that cannot end here: a family name alone, or ending in a middle name
// ("Văn", "Thị"); OCR debris after it does not end it ("Phan -Văn", "Lã. Thị",
// "Bùi: Xuân Thọ", "Hoàng Văn\n- Dũng").
bool Unfinished(std::string_view first_word, std::string_view last_word, std::size_t words) {
  return (words == 1 && IsFamilyNameKey(first_word)) || last_word == "van" || last_word == "thi";
}

}  // namespace

std::size_t PersonNameEnd(const PreparedText& text, std::size_t pos, std::size_t to) {
  const std::string& key = text.key();
  to = std::min(to, key.size());
  constexpr std::size_t kMaxDebris = 4;  // ". ", " -", "\n- "
  std::size_t end = pos;
  std::size_t words = 0;
  std::size_t i = pos;
  std::string_view first_word;
  std::string_view last_word;
  while (i < to && words < kMaxNameWords) {
    // Digits alone are not a name word; "H1" (a masked name) is.
    if (!IsWordByte(key[i]) || !text.IsUpper(i)) break;
    std::size_t j = i;
    while (j < to && IsWordByte(key[j])) ++j;
    // A word of mixed case after a name that cannot end ("Lê Thị NÑgọc Mai") is the
    // name's, a letter's case misread; anywhere else it is garbage.
    const bool unfinished = words > 0 && Unfinished(first_word, last_word, words);
    if (!NameWordShape(text, i, j) && !unfinished) break;
    if (words > 0) {
      const std::string word = text::ToLowerVi(text.Display(i, j));
      bool stop = false;
      for (std::string_view s : kNameStops) stop = stop || word == s;
      if (stop) break;
    } else {
      first_word = std::string_view(key).substr(i, j - i);
      // "Người …" opens a label misread ("Người Tg cáo:"), never a name.
      if (first_word == "nguoi" || first_word == "sn") break;
    }
    ++words;
    end = j;
    last_word = std::string_view(key).substr(i, j - i);
    if (j + 1 < to && key[j] == ' ' && IsWordByte(key[j + 1]) && key[j + 1] != '#') {
      i = j + 1;
      continue;
    }
    // A line break inside a name is allowed when the next line starts with a
    // capital; so is a '.' read for the space between two words ("Nguyễn.Thị").
    if (j + 1 < to && key[j] == '\n' && IsWordByte(key[j + 1]) && text.IsUpper(j + 1)) {
      i = j + 1;
      continue;
    }
    if (j < to && key[j] == '.' && j >= i + 2 && !text.IsUpper(j - 1) && j + 1 < to &&
        key[j + 1] >= 'a' && key[j + 1] <= 'z' && text.IsUpper(j + 1)) {
      i = j + 1;
      continue;
    }
    if (Unfinished(first_word, last_word, words)) {
      std::size_t k = j;
      // Debris, or a symbol alone ("Phan Văn ˆ\nHùng").
      while (k < to && k < j + kMaxDebris &&
             (IsSpaceByte(key[k]) || IsSpeckByte(key[k]) || key[k] == '.' || key[k] == '-' ||
              key[k] == ':' || key[k] == ',' ||
              (key[k] == '#' && IsSpaceByte(key[k - 1]) && (k + 1 >= to || !IsWordByte(key[k + 1]))))) {
        ++k;
      }
      if (k > j && k < to && IsWordByte(key[k]) && text.IsUpper(k)) {
        i = k;
        continue;
      }
    }
    break;
  }
  return end;
}

std::size_t OrganizationNameEnd(const PreparedText& text, std::size_t pos, std::size_t to) {
  const std::string& key = text.key();
  to = std::min({to, key.size(), pos + kMaxOrganizationKey});
  std::size_t end = pos;
  for (std::size_t i = pos; i < to; ++i) {
    const char c = key[i];
    if (c == ',' || c == ';' || c == '(' || c == ':' || c == '.') {
      // "TP. Hồ Chí Minh" inside a name: a '.' after "tp" goes on.
      if (c == '.' && i >= 2 && key[i - 2] == 't' && key[i - 1] == 'p') continue;
      break;
    }
    if (c == '-') {
      // "... - Chi nhánh X" is part of the name; "- địa chỉ" is not.
      const std::size_t next = SkipSpaces(key, i + 1, to);
      if (!(PhraseAt(key, "chi nhanh", next, to) || PhraseAt(key, "phong giao dich", next, to) ||
            PhraseAt(key, "cn", next, to) || PhraseAt(key, "pgd", next, to))) {
        break;
      }
    }
    if (i > pos && !IsWordByte(key[i - 1])) {
      bool stop = false;
      for (std::string_view s : kOrganizationStops) stop = stop || PhraseAt(key, s, i, to);
      // A lower-case word after the name is the start of the sentence going on.
      if (stop) break;
    }
    if (IsWordByte(c) || c == ')' || c == '"') end = i + 1;
  }
  return end;
}

std::string WithoutDebris(std::string_view shown, DebrisIn where) {
  auto is_letter = [](char32_t c) { return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto is_upper = [](char32_t c) {
    const std::string one = text::EncodeUtf8(std::u32string(1, c));
    return text::ToLowerVi(one) != one;
  };
  const bool person = where == DebrisIn::kPersonName;
  // Specks: ASCII ones, and quotes, dashes, bullets, modifier marks OCR reads
  // (General Punctuation, Spacing Modifier Letters, Latin-1 symbols).
  auto is_speck = [](char32_t c) {
    return (c < 0x80 && IsSpeckByte(static_cast<char>(c))) || (c >= 0x2010 && c <= 0x205E) ||
           (c >= 0x02B0 && c <= 0x02FF) || (c >= 0x00A1 && c <= 0x00BF);
  };
  auto is_debris = [&](char32_t c) {
    return is_speck(c) || c == U'.' || (person && (c == U'-' || c == U':' || c == U','));
  };
  // What may be glued to a word's ends: in a person's name dashes and dots too
  // ("-Văn", "Lã."); in a place, specks ("\"Thành").
  auto is_glued = [&](char32_t c) {
    return where == DebrisIn::kPersonName ? is_debris(c)
           : where == DebrisIn::kPlace    ? is_speck(c)
                                          : false;
  };
  const std::u32string u = text::DecodeUtf8(shown);
  std::u32string out;
  std::size_t next = 0;
  while (next < u.size()) {
    std::size_t i = next;
    std::size_t j = u.find(U' ', i);
    if (j == std::u32string::npos) j = u.size();
    next = j + 1;
    while (i < j && is_glued(u[i])) ++i;
    while (j > i && is_glued(u[j - 1])) --j;
    bool debris = j > i;
    for (std::size_t k = i; k < j; ++k) debris = debris && is_debris(u[k]);
    if (debris || j == i) continue;
    if (!out.empty()) out += U' ';
    if (where == DebrisIn::kPlace) {
      while (i < j && (u[i] == U'.' || u[i] == U',')) ++i;  // ".HỒ CHÍ MINH"
    }
    for (std::size_t k = i; k < j; ++k) {
      // A '.' read for a space: "Nguyễn.Thị"; in a place also in capitals ("LÂM.ĐỒNG");
      // a '-' between two words of a person's name ("Võ-Thị").
      const bool joiner = u[k] == U'.' && k > i && k + 1 < j && is_letter(u[k - 1]) &&
                          (where == DebrisIn::kPlace || !is_upper(u[k - 1])) &&
                          is_letter(u[k + 1]) && is_upper(u[k + 1]);
      const bool hyphen = person && u[k] == U'-' && k > i && k + 1 < j && is_letter(u[k - 1]) &&
                          is_letter(u[k + 1]);
      out += joiner || hyphen ? U' ' : u[k];
    }
  }
  return text::EncodeUtf8(out);
}

std::string CleanName(const PreparedText& text, std::size_t begin, std::size_t end) {
  const bool person = OrganizationKeywordAt(text, begin, end) == 0;
  std::string name =
      WithoutDebris(text.Display(begin, end), person ? DebrisIn::kPersonName : DebrisIn::kOther);
  while (!name.empty() && (name.back() == '-' || name.back() == ' ' || name.back() == ',')) {
    name.pop_back();
  }
  // All caps (a header or a criminal judgment) -> title case; "Công ty TNHH X"
  // with an acronym inside stays as written.
  bool any_lower = false;
  std::size_t letters = 0;
  for (std::size_t i = begin; i < end && i < text.size(); ++i) {
    const char c = text.key()[i];
    if (c >= 'a' && c <= 'z') {
      ++letters;
      if (!text.IsUpper(i)) any_lower = true;
    }
  }
  if (!any_lower && letters > 3 && OrganizationKeywordAt(text, begin, end) == 0) {
    return text::TitleCaseName(name);
  }
  return name;
}

bool HasMaskedWord(std::string_view name_key) {
  for (std::size_t i = 0, j = 0; i <= name_key.size(); ++i) {
    if (i == name_key.size() || name_key[i] == ' ') {
      const std::string_view word = name_key.substr(j, i - j);
      if (word.size() == 1 ||
          (word.size() <= 3 && word.find_first_of("0123456789") != std::string_view::npos)) {
        return true;
      }
      j = i + 1;
    }
  }
  return false;
}

std::string NameKey(std::string_view name) {
  const std::string folded = text::FoldForSearch(name);
  std::string out;
  for (char c : folded) {
    if (c == ' ' || c == '\n' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace thads::extract
