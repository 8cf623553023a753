// Finding the parts of a judgment from its heading lines.
#include <algorithm>
#include <array>
#include <utility>

#include "extract/internal.h"

namespace thads::extract {
namespace {

// Upper bounds of the header block when no heading closes it.
constexpr std::size_t kMaxHeaderKey = 6000;
constexpr std::size_t kDefaultHeaderKey = 2500;

// Punctuation that is no part of a heading's words: list dashes, the ':' after
// it, and what OCR makes of specks and rules (". QUYẾT ĐỊNH:", ": NỘI DUNG").
bool IsStray(char c) {
  return IsSpeckByte(c) || c == '-' || c == '*' || c == '+' || c == ':' || c == '.' ||
         c == ',' || c == ';' || c == '!';
}

// The line's key without list markers in front ("I.", "2.", "-") and ':' '.' behind.
std::string_view Core(std::string_view key, const KeyLine& line, std::size_t* core_begin) {
  std::size_t b = line.begin;
  std::size_t e = std::min(line.end, key.size());
  auto skip_spaces = [&] {
    while (b < e && key[b] == ' ') ++b;
  };
  skip_spaces();
  // Roman numerals or digits followed by '.' or ')'.
  std::size_t m = b;
  while (m < e && (key[m] == 'i' || key[m] == 'v' || key[m] == 'x' ||
                   (key[m] >= '0' && key[m] <= '9'))) {
    ++m;
  }
  if (m > b && m < e && m - b <= 4 && (key[m] == '.' || key[m] == ')') &&
      (m + 1 == e || key[m + 1] == ' ')) {
    b = m + 1;
  }
  skip_spaces();
  // Dashes, bullets and what OCR leaves of specks and rules around a heading.
  while (b < e && (IsStray(key[b]) || key[b] == ' ')) ++b;
  while (e > b && (IsStray(key[e - 1]) || key[e - 1] == ' ')) --e;
  *core_begin = b;
  return key.substr(b, e - b);
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix &&
         (s.size() == prefix.size() || !IsWordByte(s[prefix.size()]));
}

bool AllUpper(const PreparedText& text, std::size_t begin, std::size_t end) {
  bool any = false;
  for (std::size_t i = begin; i < end && i < text.size(); ++i) {
    const char c = text.key()[i];
    if (c >= 'a' && c <= 'z') {
      if (!text.IsUpper(i)) return false;
      any = true;
    }
  }
  return any;
}

enum class Heading { kNone, kNhanDanh, kFacts, kDecision };

struct HeadingPhrase {
  std::string_view phrase;  // folded, single spaces
  Heading heading;
  bool prefix;  // more words may follow on the line ("NHẬN ĐỊNH CỦA TÒA ÁN CẤP PHÚC THẨM")
};

constexpr std::array<HeadingPhrase, 10> kHeadings = {{
    {"nhan danh", Heading::kNhanDanh, true},
    {"noi dung vu an", Heading::kFacts, false},
    {"noi dung vu viec", Heading::kFacts, false},
    {"noi dung su viec", Heading::kFacts, false},
    {"xet thay", Heading::kFacts, false},
    {"nhan thay", Heading::kFacts, false},
    {"nhan dinh cua toa an", Heading::kFacts, true},
    {"nhan dinh cua hoi dong", Heading::kFacts, true},
    {"nhan dinh", Heading::kFacts, false},
    {"quyet dinh", Heading::kDecision, false},
}};

// Letters OCR may misread in a heading: none below 8 letters, one, two from 14.
std::size_t HeadingEdits(std::size_t letters) { return letters >= 14 ? 2 : letters >= 8 ? 1 : 0; }

// Edit distance of the heading `phrase` to the start (prefix) or the whole of
// `core`, spaces ignored; kNpos when beyond the tolerance.
std::size_t HeadingDistance(std::string_view core, const HeadingPhrase& h) {
  const std::string want = Squeezed(h.phrase);
  const std::string got = Squeezed(core);
  const std::size_t limit = HeadingEdits(want.size());
  std::size_t best = kNpos;
  if (!h.prefix) {
    const std::size_t d = BoundedEditDistance(got, want, limit);
    return d <= limit ? d : kNpos;
  }
  const std::size_t lo = want.size() > limit ? want.size() - limit : 0;
  for (std::size_t len = lo; len <= want.size() + limit && len <= got.size(); ++len) {
    const std::size_t d = BoundedEditDistance(std::string_view(got).substr(0, len), want, limit);
    if (d <= limit && d < best) best = d;
  }
  return best;
}

// Words that open the operative part's first line ("Căn cứ Điều 147 …",
// "1. Tuyên bố bị cáo …", "1. Chấp nhận yêu cầu …").
constexpr std::array<std::string_view, 9> kOperativeOpeners = {
    "can cu", "ap dung", "tuyen bo", "chap nhan", "khong chap nhan", "xu phat", "tuyen xu",
    "cong nhan", "buoc"};

// A reasoning paragraph's number: "[2]", or what OCR leaves of it ("2]").
bool ReasoningMarker(std::string_view core) {
  std::size_t i = core.empty() || core[0] != '[' ? 0 : 1;
  const std::size_t digits = i;
  while (i < core.size() && core[i] >= '0' && core[i] <= '9') ++i;
  return i > digits && i < core.size() && core[i] == ']';
}

// Where the operative part starts when its heading was lost (a blot, a torn
// corner): after the reasoning's last numbered paragraph, the first line that
// opens as an operative part does, in capitals. kNpos when there is none.
std::size_t GuessOperativeStart(const PreparedText& text, std::size_t from,
                                const std::vector<std::size_t>& end_lines) {
  const std::string& key = text.key();
  std::size_t to = text.size();
  for (std::size_t e : end_lines) {
    if (e > from) {
      to = e;
      break;
    }
  }
  std::size_t guess = kNpos;
  for (const KeyLine& line : text.lines()) {
    if (line.begin < from || line.begin >= to) continue;
    std::size_t core_begin = line.begin;
    const std::string_view core = Core(key, line, &core_begin);
    if (ReasoningMarker(core)) {
      guess = kNpos;  // the reasoning goes on
      continue;
    }
    if (guess != kNpos || core.empty() || !text.IsUpper(core_begin)) continue;
    for (std::string_view opener : kOperativeOpeners) {
      if (StartsWith(core, opener)) {
        guess = line.begin;
        break;
      }
    }
  }
  return guess;
}

// What heading the line's core is, if any.
Heading ClassifyHeading(const PreparedText& text, std::string_view core, std::size_t core_begin) {
  for (const HeadingPhrase& h : kHeadings) {
    if (h.prefix ? StartsWith(core, h.phrase) : core == h.phrase) return h.heading;
  }
  // Headings are written in capitals; what OCR does to them is only forgiven there:
  // letters split apart ("QUY ẾT ĐỊNH"), a letter or two misread, a speck read as
  // a letter in front or behind ("l NHẬN ĐỊNH CỦA TÒA ÁN", "NỘI DUNG VỤ ÁN: l").
  constexpr std::size_t kMaxHeadingKey = 60;
  if (core.size() > kMaxHeadingKey) return Heading::kNone;
  auto without_front = [](std::string_view c, std::size_t* begin) {
    const std::size_t space = c.find(' ');
    if (space == std::string_view::npos || space == 0 || space > 2) return std::string_view();
    *begin += space + 1;
    return c.substr(space + 1);
  };
  auto without_back = [](std::string_view c) {
    const std::size_t space = c.rfind(' ');
    if (space == std::string_view::npos || c.size() - space - 1 > 2) return std::string_view();
    c = c.substr(0, space);
    while (!c.empty() && (IsStray(c.back()) || c.back() == ' ')) c.remove_suffix(1);
    return c;
  };
  std::size_t front_begin = core_begin;
  const std::string_view front = without_front(core, &front_begin);
  const std::string_view both = front.empty() ? front : without_back(front);
  const std::pair<std::string_view, std::size_t> variants[] = {
      {core, core_begin}, {front, front_begin}, {without_back(core), core_begin}, {both, front_begin}};
  for (const auto& [rest, rest_begin] : variants) {
    if (rest.empty() || !AllUpper(text, rest_begin, rest_begin + rest.size())) continue;
    // The nearest heading; at equal distance the longer one (more letters agree).
    Heading best = Heading::kNone;
    std::size_t best_distance = kNpos;
    std::size_t best_size = 0;
    bool tie = false;
    for (const HeadingPhrase& h : kHeadings) {
      const std::size_t d = HeadingDistance(rest, h);
      if (d == kNpos) continue;
      const std::size_t size = Squeezed(h.phrase).size();
      if (d < best_distance || (d == best_distance && size > best_size)) {
        tie = d == best_distance && size == best_size && h.heading != best;
        best = h.heading;
        best_distance = d;
        best_size = size;
      } else if (d == best_distance && size == best_size && h.heading != best) {
        tie = true;
      }
    }
    if (best != Heading::kNone && !tie) return best;
  }
  return Heading::kNone;
}

}  // namespace

Sections FindSections(const PreparedText& text) {
  const std::string& key = text.key();
  Sections s;
  std::size_t nhan_danh = kNpos;
  std::size_t first_body = kNpos;  // the first of facts / reasoning headings
  std::size_t last_body = kNpos;   // and the last
  std::vector<std::size_t> decision_lines;
  std::size_t tuyen_xu = kNpos;
  std::vector<std::size_t> end_lines;

  for (const KeyLine& line : text.lines()) {
    std::size_t core_begin = line.begin;
    const std::string_view core = Core(key, line, &core_begin);
    if (core.empty()) continue;
    const Heading heading = ClassifyHeading(text, core, core_begin);
    if (heading == Heading::kNhanDanh) {
      if (nhan_danh == kNpos && core.find("viet nam") != std::string_view::npos) {
        nhan_danh = line.end;
      }
      continue;
    }
    if (heading == Heading::kFacts) {
      if (first_body == kNpos) first_body = line.begin;
      last_body = line.end;
      continue;
    }
    if (heading == Heading::kDecision) {
      decision_lines.push_back(line.end);
      continue;
    }
    if (StartsWith(core, "quyet dinh") && core.size() > 10 && core[10] == ':' &&
        AllUpper(text, core_begin, core_begin + 10)) {
      decision_lines.push_back(core_begin + 11);
      continue;
    }
    if (StartsWith(core, "tuyen xu") && tuyen_xu == kNpos) {
      tuyen_xu = core_begin + 8;
      continue;
    }
    if (StartsWith(core, "noi nhan") || StartsWith(core, "tm. hoi dong") ||
        StartsWith(core, "tm hoi dong") || StartsWith(core, "t.m hoi dong") ||
        StartsWith(core, "t.m. hoi dong")) {
      end_lines.push_back(line.begin);
    }
  }

  // The header: up to NHÂN DANH, or a fixed length for decisions without it.
  if (nhan_danh != kNpos && nhan_danh <= kMaxHeaderKey) {
    s.header_end = nhan_danh;
    s.parties_begin = nhan_danh;
  } else {
    s.header_end = std::min(text.size(), kDefaultHeaderKey);
    s.parties_begin = 0;
  }

  // The operative part: the last QUYẾT ĐỊNH heading after the facts (a decision's
  // own title is an earlier one), else "Tuyên xử".
  const std::size_t after = first_body == kNpos ? s.parties_begin : first_body;
  for (auto it = decision_lines.rbegin(); it != decision_lines.rend(); ++it) {
    if (*it >= after) {
      s.operative_begin = *it;
      break;
    }
  }
  if (s.operative_begin == kNpos && tuyen_xu != kNpos && tuyen_xu >= after) {
    s.operative_begin = tuyen_xu;
  }
  if (s.operative_begin == kNpos && !decision_lines.empty() && first_body == kNpos &&
      decision_lines.back() > s.parties_begin) {
    s.operative_begin = decision_lines.back();
  }
  if (s.operative_begin == kNpos && last_body != kNpos) {
    s.operative_begin = GuessOperativeStart(text, last_body, end_lines);
    s.operative_guessed = s.operative_begin != kNpos;
  }
  s.operative_end = text.size();
  if (s.operative_begin != kNpos) {
    for (std::size_t e : end_lines) {
      if (e > s.operative_begin) {
        s.operative_end = e;
        break;
      }
    }
  }

  // The parties: from the header to the first facts heading or the operative part.
  s.parties_end = text.size();
  if (first_body != kNpos && first_body > s.parties_begin) s.parties_end = first_body;
  if (s.operative_begin != kNpos && s.operative_begin < s.parties_end &&
      s.operative_begin > s.parties_begin) {
    s.parties_end = s.operative_begin;
  }
  return s;
}

}  // namespace thads::extract
