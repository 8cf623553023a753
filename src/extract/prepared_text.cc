#include "extract/prepared_text.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::extract {
namespace {

constexpr char32_t kTableSize = 0x2000;  // Latin, Vietnamese (U+1EA0..U+1EF9) included
constexpr char kDrop = '\0';            // the code point leaves no key byte
constexpr std::size_t kMaxNoiseLineBytes = 80;
constexpr std::size_t kColumnGapSpaces = 4;  // a wider gap separates header columns
constexpr std::uint8_t kFlagUpper = 1;
constexpr std::uint8_t kFlagMarks = 2;

struct FoldEntry {
  char key = '#';
  std::uint8_t flags = 0;
};

bool IsHorizontalSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\r' || c == U'\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Key byte and flags of every code point below kTableSize, computed once with the
// text core's folding and case mapping.
const std::array<FoldEntry, kTableSize>& FoldTable() {
  static const std::array<FoldEntry, kTableSize> table = [] {
    std::array<FoldEntry, kTableSize> t{};
    for (char32_t c = 0; c < kTableSize; ++c) {
      FoldEntry& e = t[c];
      if (c < 0x80) {
        const char a = static_cast<char>(c);
        if (a >= 'A' && a <= 'Z') {
          e = {static_cast<char>(a - 'A' + 'a'), kFlagUpper};
        } else if (c == '\t' || c == '\v') {
          e = {' ', 0};
        } else if (c < 0x20 || c == 0x7F) {
          e = {kDrop, 0};
        } else {
          e = {a, 0};
        }
        continue;
      }
      if (IsHorizontalSpace(c)) {
        e = {' ', 0};
        continue;
      }
      std::string s;
      text::AppendUtf8(c, s);
      const std::string folded = text::FoldForSearch(s);
      if (folded.empty()) {
        e = {kDrop, 0};  // a lone combining mark
      } else if (folded.size() == 1 && folded[0] >= 'a' && folded[0] <= 'z') {
        e.key = folded[0];
        e.flags = kFlagMarks;
        if (text::ToLowerVi(s) != s) e.flags |= kFlagUpper;
      } else {
        e = {'#', 0};
      }
    }
    return t;
  }();
  return table;
}

FoldEntry Fold(char32_t c) {
  if (c < kTableSize) return FoldTable()[c];
  switch (c) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
      return {'-', 0};
    case 0x2018: case 0x2019: case 0x201A: case 0x2032:
      return {'\'', 0};
    case 0x201C: case 0x201D: case 0x201E: case 0x2033:
      return {'"', 0};
    case 0x2026:
      return {'.', 0};
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
      return {kDrop, 0};
    default:
      return {IsHorizontalSpace(c) ? ' ' : '#', 0};
  }
}

// Decodes one code point of valid UTF-8 at `pos`; returns its byte length.
std::size_t DecodeAt(std::string_view s, std::size_t pos, char32_t* out) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  std::size_t len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
  if (pos + len > s.size()) len = 1;  // cannot happen for valid input; stay in bounds
  char32_t c = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    c = (c << 6) | (static_cast<unsigned char>(s[pos + k]) & 0x3F);
  }
  *out = c;
  return len;
}

// What OCR makes of a speck at the start of a line: a lone dot, comma, colon or
// smudge before the first word.
bool IsLineDebris(char key_char) {
  return key_char == '.' || key_char == ',' || key_char == ':' || key_char == ';' ||
         IsSpeckByte(key_char);
}

// True when text[pos] is a horizontal space or pos is the end of the line.
bool IsSpaceOrEnd(std::string_view text, std::size_t pos, std::size_t line_end) {
  return pos >= line_end || text[pos] == ' ' || text[pos] == '\t';
}

struct RawLine {
  std::size_t start = 0;
  std::size_t end = 0;
  int page = 1;
};

// The folded line, trimmed, with every digit as '0' (so "Trang 2" and "Trang 3"
// compare equal). Empty for long lines, which are never page furniture.
std::string NoiseKey(std::string_view line) {
  if (line.size() > kMaxNoiseLineBytes) return {};
  std::string out;
  std::size_t pos = 0;
  while (pos < line.size()) {
    char32_t c = 0;
    pos += DecodeAt(line, pos, &c);
    const char k = Fold(c).key;
    if (k == kDrop) continue;
    if (k == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += (k >= '0' && k <= '9') ? '0' : k;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A page number on its own line: "3", "- 3 -", "Trang 3", "Trang 3/7", "3/7".
bool IsPageNumber(std::string_view k) {
  if (k.empty()) return false;
  std::string_view s = k;
  auto trim_dashes = [](std::string_view v) {
    while (!v.empty() && (v.front() == '-' || v.front() == ' ')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == '-' || v.back() == ' ')) v.remove_suffix(1);
    return v;
  };
  s = trim_dashes(s);
  if (s.substr(0, 5) == "trang") s = trim_dashes(s.substr(5));
  if (s.empty() || s.size() > 9) return false;
  std::size_t digits = 0;
  bool slash = false;
  for (char c : s) {
    if (c == '0') {
      ++digits;
    } else if (c == '/' && !slash && digits > 0) {
      slash = true;
    } else {
      return false;
    }
  }
  return digits > 0 && s.back() == '0' && (slash || digits <= 4);
}

bool ContainsAny(std::string_view k, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (k.find(w) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '#';
}

bool IsSpaceByte(char c) { return c == ' ' || c == '\n'; }

bool IsSpeckByte(char c) {
  return c == '`' || c == '\'' || c == '"' || c == '_' || c == '|' || c == '~' || c == '^' ||
         c == '=';
}

bool PhraseAt(std::string_view key, std::string_view phrase, std::size_t pos,
              std::size_t to, std::size_t* end) {
  to = std::min(to, key.size());
  if (pos >= to || phrase.empty()) return false;
  if (pos > 0 && IsWordByte(key[pos - 1]) && IsWordByte(phrase.front())) return false;
  std::size_t k = pos;
  for (char p : phrase) {
    if (k >= to) return false;
    if (p == ' ') {
      if (!IsSpaceByte(key[k])) return false;
    } else if (key[k] != p) {
      return false;
    }
    ++k;
  }
  if (k < key.size() && IsWordByte(key[k]) && IsWordByte(phrase.back())) return false;
  if (end != nullptr) *end = k;
  return true;
}

std::size_t FindPhrase(std::string_view key, std::string_view phrase, std::size_t from,
                       std::size_t to) {
  to = std::min(to, key.size());
  if (phrase.empty()) return std::string_view::npos;
  for (std::size_t i = from; i < to; ++i) {
    if (key[i] == phrase.front() && PhraseAt(key, phrase, i, to)) return i;
  }
  return std::string_view::npos;
}

std::size_t SkipSpaces(std::string_view key, std::size_t pos, std::size_t to) {
  to = std::min(to, key.size());
  while (pos < to && IsSpaceByte(key[pos])) ++pos;
  return pos;
}

void PreparedText::Append(char key_char, std::size_t orig, std::size_t len,
                          std::uint8_t flags) {
  key_ += key_char;
  orig_.push_back(static_cast<std::uint32_t>(orig));
  len_.push_back(static_cast<std::uint8_t>(std::min<std::size_t>(len, 255)));
  flags_.push_back(flags);
}

PreparedText::PreparedText(std::string_view nfc_text) : text_(nfc_text) {
  // 1. Raw lines and pages.
  std::vector<RawLine> raw;
  int page = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text_.size(); ++i) {
    const bool at_end = i == text_.size();
    const char c = at_end ? '\n' : text_[i];
    if (c != '\n' && c != '\f' && c != '\r') continue;
    raw.push_back({start, i, page});
    if (c == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
    if (c == '\f') {
      ++page;
      page_starts_.push_back(i + 1);
    }
    start = i + 1;
  }

  // 2. Page furniture: page numbers, and lines repeated at the top or bottom of
  // pages (running headers) or, without page breaks, repeated header-like lines.
  // The first occurrence of a repeated line is kept: it is often the real header.
  std::vector<bool> drop(raw.size(), false);
  std::vector<std::string> noise(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    noise[i] = NoiseKey(text_.substr(raw[i].start, raw[i].end - raw[i].start));
    if (IsPageNumber(noise[i])) drop[i] = true;
  }
  std::unordered_map<std::string, int> edge_count;
  std::vector<bool> at_edge(raw.size(), false);
  if (page > 1) {
    std::size_t i = 0;
    while (i < raw.size()) {
      std::size_t j = i;
      while (j < raw.size() && raw[j].page == raw[i].page) ++j;
      std::size_t first = i;
      while (first < j && (noise[first].empty() || drop[first])) ++first;
      std::size_t last = j;
      while (last > i && (noise[last - 1].empty() || drop[last - 1])) --last;
      if (first < j) at_edge[first] = true;
      if (last > i) at_edge[last - 1] = true;
      i = j;
    }
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (at_edge[k]) ++edge_count[noise[k]];
    }
  } else {
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (!noise[k].empty() &&
          ContainsAny(noise[k], {"ban an so", "quyet dinh so", "trang ", "toa an nhan dan"})) {
        at_edge[k] = true;
        ++edge_count[noise[k]];
      }
    }
  }
  std::unordered_map<std::string, bool> seen;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    if (!at_edge[k] || noise[k].empty()) continue;
    const int needed = page > 1 ? 2 : 3;
    if (edge_count[noise[k]] < needed) continue;
    if (seen[noise[k]]) drop[k] = true;
    seen[noise[k]] = true;
  }

  // 3. The key: kept lines joined by '\n'; a word hyphenated at a line end is
  // joined back ("thỏa thu-" + "ận" -> "thỏa thuận"; "DS-" + "ST" -> "DS-ST").
  (void)FoldTable();
  key_.reserve(text_.size());
  orig_.reserve(text_.size());
  len_.reserve(text_.size());
  flags_.reserve(text_.size());
  std::size_t line_begin = 0;
  bool pending_break = false;
  auto close_line = [&] {
    if (key_.size() > line_begin) lines_.push_back({line_begin, key_.size()});
  };
  for (std::size_t li = 0; li < raw.size(); ++li) {
    if (drop[li]) {
      ++lines_dropped_;
      continue;
    }
    const RawLine& line = raw[li];
    bool any = false;
    std::size_t spaces = 0;
    std::size_t space_at = 0;
    std::size_t pos = line.start;
    while (pos < line.end) {
      char32_t c = 0;
      const std::size_t len = DecodeAt(text_, pos, &c);
      const FoldEntry e = Fold(c);
      if (e.key == ' ') {
        if (spaces == 0) space_at = pos;
        ++spaces;
        pos += len;
        continue;
      }
      if (e.key == kDrop) {
        if (!key_.empty() && key_.back() != '\n' && key_.back() != ' ' && any) {
          len_.back() = static_cast<std::uint8_t>(std::min<std::size_t>(len_.back() + len, 255));
        }
        pos += len;
        continue;
      }
      if (!any && IsLineDebris(e.key) && IsSpaceOrEnd(text_, pos + len, line.end)) {
        // A speck before a line's first word (". Võ Thị Kim Loan", ": NỘI DUNG"):
        // no text begins a line with a lone mark, so it leaves no key byte.
        ++debris_dropped_;
        pos += len;
        continue;
      }
      if (!any) {
        // First visible character of the line: decide how it joins the previous one.
        if (pending_break) {
          const bool hyphen = !key_.empty() && key_.back() == '-' && key_.size() >= 2 &&
                              IsWordByte(key_[key_.size() - 2]) && IsWordByte(e.key) &&
                              (e.key < '0' || e.key > '9');
          if (hyphen) {
            // The previous line continues: no break, and the two are one key line.
            if (!lines_.empty() && lines_.back().end == key_.size()) {
              line_begin = lines_.back().begin;
              lines_.pop_back();
            }
            if ((e.flags & kFlagUpper) == 0) {
              // Lower-case continuation: a hyphenated word; drop the hyphen.
              key_.pop_back();
              orig_.pop_back();
              len_.pop_back();
              flags_.pop_back();
            }
          } else {
            Append('\n', line.start, 0, 0);
            line_begin = key_.size();
          }
        }
        any = true;
      } else if (spaces > 0) {
        if (spaces >= kColumnGapSpaces) {
          close_line();
          Append('\n', space_at, 0, 0);
          line_begin = key_.size();
        } else {
          Append(' ', space_at, 1, 0);
        }
      }
      spaces = 0;
      if (e.key == '.' && !key_.empty() && key_.back() >= 'a' && key_.back() <= 'z' &&
          pos + len < line.end) {
        // A dot between two letters is a space OCR read as a dot ("thị.xã",
        // "Nguyễn.Thị"): no word or abbreviation here is written so.
        char32_t next = 0;
        DecodeAt(text_, pos + len, &next);
        const char k = Fold(next).key;
        if (k >= 'a' && k <= 'z') {
          ++dots_as_spaces_;
          Append(' ', pos, len, 0);
          pos += len;
          continue;
        }
      }
      Append(e.key, pos, len, e.flags);
      pos += len;
    }
    if (any) {
      close_line();
      pending_break = true;
    }
  }
}

std::string PreparedText::Display(std::size_t begin, std::size_t end) const {
  end = std::min(end, key_.size());
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    if (IsSpaceByte(key_[i])) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out.append(text_.substr(orig_[i], len_[i]));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

model::SourceSpan PreparedText::Span(std::size_t begin, std::size_t end) const {
  model::SourceSpan span;
  end = std::min(end, key_.size());
  if (begin >= end) return span;
  span.start = orig_[begin];
  span.end = static_cast<std::int64_t>(orig_[end - 1]) + len_[end - 1];
  span.page = 1 + static_cast<std::int32_t>(
                      std::upper_bound(page_starts_.begin(), page_starts_.end(),
                                       static_cast<std::size_t>(span.start)) -
                      page_starts_.begin());
  return span;
}

}  // namespace thads::extract
