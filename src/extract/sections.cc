// Finding the parts of a judgment from its heading lines.
#include <algorithm>

#include "extract/internal.h"

namespace thads::extract {
namespace {

// Upper bounds of the header block when no heading closes it.
constexpr std::size_t kMaxHeaderKey = 6000;
constexpr std::size_t kDefaultHeaderKey = 2500;

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
  while (b < e && (key[b] == '-' || key[b] == '*' || key[b] == '+')) ++b;
  skip_spaces();
  while (e > b && (key[e - 1] == ':' || key[e - 1] == '.' || key[e - 1] == ' ')) --e;
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

}  // namespace

Sections FindSections(const PreparedText& text) {
  const std::string& key = text.key();
  Sections s;
  std::size_t nhan_danh = kNpos;
  std::size_t first_body = kNpos;  // the first of facts / reasoning headings
  std::vector<std::size_t> decision_lines;
  std::size_t tuyen_xu = kNpos;
  std::vector<std::size_t> end_lines;

  for (const KeyLine& line : text.lines()) {
    std::size_t core_begin = line.begin;
    const std::string_view core = Core(key, line, &core_begin);
    if (core.empty()) continue;
    if (nhan_danh == kNpos && StartsWith(core, "nhan danh") &&
        core.find("viet nam") != std::string_view::npos) {
      nhan_danh = line.end;
      continue;
    }
    const bool facts = core == "noi dung vu an" || core == "noi dung vu viec" ||
                       core == "noi dung su viec" || core == "xet thay" ||
                       core == "nhan thay" || StartsWith(core, "nhan dinh cua toa an") ||
                       StartsWith(core, "nhan dinh cua hoi dong") || core == "nhan dinh";
    if (facts) {
      if (first_body == kNpos) first_body = line.begin;
      continue;
    }
    if (core == "quyet dinh" ||
        (StartsWith(core, "quyet dinh") && core.size() > 10 && core[10] == ':' &&
         AllUpper(text, core_begin, core_begin + 10))) {
      decision_lines.push_back(core == "quyet dinh" ? line.end : core_begin + 11);
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
