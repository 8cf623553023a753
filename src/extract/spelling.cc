// Names read through OCR: a mark misread in one place ("Định Quang Hiển" in the
// parties list, "Đinh Quang Hiển" everywhere else) is outvoted by the other places
// the same name (same folded key) is written in the document.
#include <array>
#include <map>
#include <utility>

#include "extract/internal.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::extract {
namespace {

// Each vote is a scan of the text; a judgment names a few dozen parties at most.
constexpr std::size_t kMaxVotedNames = 64;

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) words.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

bool IsUpperCodePoint(char32_t c) {
  const std::string one = text::EncodeUtf8(std::u32string(1, c));
  return text::ToLowerVi(one) != one;
}

// `spelling` with the case of `model` letter by letter ("NGUYỄN" or "Nguyễn" after
// "Nguyên"); nullopt when they do not have as many letters.
std::optional<std::string> WithCaseOf(std::string_view spelling, std::string_view model) {
  const std::u32string s = text::DecodeUtf8(text::ToLowerVi(spelling));
  const std::u32string m = text::DecodeUtf8(model);
  if (s.size() != m.size()) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::string one = text::EncodeUtf8(std::u32string(1, s[i]));
    out += IsUpperCodePoint(m[i]) ? text::ToUpperVi(one) : one;
  }
  return out;
}

// Family names: a closed set, where a mark misread is seen without a vote. Only
// those that no other common family name folds like ("La"/"Lã", "Lò"/"Lô" are
// both names: not here). Lower case; the name's own case is kept.
constexpr std::array<std::string_view, 58> kFamilyNames = {
    "nguyễn", "trần",  "lê",    "phạm",  "hoàng", "huỳnh", "phan",  "vũ",    "võ",    "đặng",
    "bùi",    "đỗ",    "hồ",    "ngô",   "dương", "lý",    "trương", "đinh",  "đào",   "đoàn",
    "trịnh",  "lương", "mai",   "cao",   "hà",    "lâm",   "tô",    "tạ",    "thái",  "châu",
    "kiều",   "quách", "tăng",  "hứa",   "khuất", "nghiêm", "vương", "tống", "mạc",   "giang",
    "kha",    "thạch", "tiêu",  "đàm",   "đậu",   "diệp",  "phùng", "hầu",   "âu",    "lưu",
    "nông",   "lại",   "tất",   "tôn",   "bạch",  "chu",   "khổng", "nhâm"};

// Words of organizations' names, spelled one way only ("Công ty Cố phần" is a
// misread "Cổ phần"). Lower case; the name's own case is kept.
constexpr std::array<std::string_view, 30> kOrganizationWords = {
    "công ty",      "cổ phần",    "trách nhiệm hữu hạn", "thương mại",   "dịch vụ",
    "sản xuất",     "xây dựng",   "xuất nhập khẩu",      "đầu tư",       "phát triển",
    "ngân hàng",    "chi nhánh",  "tập đoàn",            "hợp tác xã",   "doanh nghiệp tư nhân",
    "vận tải",      "việt nam",   "nông nghiệp",         "nông thôn",    "công thương",
    "thực phẩm",    "chế biến",   "nội thất",            "bất động sản", "tài chính",
    "bảo hiểm",     "công nghệ",  "trung tâm",           "phòng giao dịch", "tổng công ty"};

// Family names that share their folded form with another ("La"/"Lã", "Lò"/"Lô"),
// known as family names but never respelled.
constexpr std::array<std::string_view, 8> kAmbiguousFamilyNames = {
    "la", "lo", "lu", "quang", "mua", "vi", "ninh", "ong"};

// `spelling` with the case of `model` word by word: a word of `model` in
// capitals makes the word capitals, else it is as spelled. nullopt when they do
// not have as many words.
std::optional<std::string> WithCaseOfWords(std::string_view spelling, std::string_view model) {
  const std::vector<std::string> s = SplitWords(spelling);
  const std::vector<std::string> m = SplitWords(model);
  if (s.size() != m.size()) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool caps = text::ToUpperVi(m[i]) == m[i] && text::ToLowerVi(m[i]) != m[i];
    out += (out.empty() ? "" : " ") + (caps ? text::ToUpperVi(s[i]) : s[i]);
  }
  return out;
}

struct WordVote {
  int count = 0;
  std::string spelling;  // as first seen
};

// Each name written after a title ("ông", "bà", …) or "bị cáo" in the text:
// folded key -> how many times, and its first spelling. At most kMaxTitledNames.
std::map<std::string, std::pair<int, std::string>> TitledNames(const PreparedText& text) {
  constexpr std::size_t kMaxTitledNames = 4096;
  const std::string& key = text.key();
  std::map<std::string, std::pair<int, std::string>> names;
  std::size_t i = 0;
  while (i < key.size()) {
    if ((i > 0 && IsWordByte(key[i - 1])) || !IsWordByte(key[i])) {
      ++i;
      continue;
    }
    std::size_t after = SkipTitle(text, i, key.size());
    std::size_t end = 0;
    if (after == i && PhraseAt(key, "bi cao", i, key.size(), &end)) after = SkipSpaces(key, end, key.size());
    if (after == i || after >= key.size() || !text.IsUpper(after)) {
      ++i;
      continue;
    }
    const std::size_t e = PersonNameEnd(text, after, key.size());
    if (e > after) {
      const std::string name = CleanName(text, after, e);
      auto it = names.find(NameKey(name));
      if (it != names.end()) {
        ++it->second.first;
      } else if (names.size() < kMaxTitledNames) {
        names.emplace(NameKey(name), std::make_pair(1, name));
      }
    }
    i = std::max(e, after);
  }
  return names;
}

}  // namespace

bool IsFamilyNameKey(std::string_view folded) {
  for (std::string_view f : kAmbiguousFamilyNames) {
    if (folded == f) return true;
  }
  for (std::string_view f : kFamilyNames) {
    if (folded == NameKey(f)) return true;
  }
  return false;
}

std::optional<std::string> MajoritySpelling(const PreparedText& text, std::string_view name,
                                            int* places) {
  const std::string key = NameKey(name);
  const std::vector<std::string> current = SplitWords(name);
  *places = 0;
  if (key.empty() || SplitWords(key).size() != current.size()) return std::nullopt;
  // Per word position: tone key of the lower-case spelling -> votes.
  std::vector<std::map<std::string, WordVote>> votes(current.size());
  std::size_t at = 0;
  while ((at = FindPhrase(text.key(), key, at, text.size())) != kNpos) {
    const std::size_t end = at + key.size();
    const std::vector<std::string> words = SplitWords(text.Display(at, end));
    at = end;
    if (words.size() != current.size()) continue;
    ++*places;
    for (std::size_t w = 0; w < words.size(); ++w) {
      WordVote& v = votes[w][text::ToneKey(text::ToLowerVi(words[w]))];
      if (v.count++ == 0) v.spelling = words[w];
    }
  }
  bool changed = false;
  std::string out;
  for (std::size_t w = 0; w < current.size(); ++w) {
    const std::string mine = text::ToneKey(text::ToLowerVi(current[w]));
    const auto it = votes[w].find(mine);
    int best = it == votes[w].end() ? 0 : it->second.count;
    std::string chosen = current[w];
    for (const auto& [k, v] : votes[w]) {
      if (k == mine || v.count <= best) continue;
      if (auto recased = WithCaseOf(v.spelling, current[w])) {
        best = v.count;
        chosen = *recased;
        changed = true;
      }
    }
    if (!out.empty()) out += ' ';
    out += chosen;
  }
  if (!changed || out == name) return std::nullopt;
  return out;
}

std::string WithFixedWords(std::string_view name, model::PartyKind kind) {
  std::vector<std::string> words = SplitWords(name);
  // Text written without marks stays so ("Nguyen Van A" is as the clerk typed it).
  if (words.empty() || text::FoldForSearch(name) == text::ToLowerVi(name)) return std::string(name);
  auto same = [](std::string_view a, std::string_view b) {
    return text::ToneKey(text::ToLowerVi(a)) == text::ToneKey(text::ToLowerVi(b));
  };
  auto respell = [&](std::size_t at, std::string_view spelling) {
    const std::vector<std::string> fixed = SplitWords(spelling);
    for (std::size_t k = 0; k < fixed.size(); ++k) {
      if (same(words[at + k], fixed[k])) continue;
      if (auto recased = WithCaseOf(fixed[k], words[at + k])) words[at + k] = *recased;
    }
  };
  if (kind == model::PartyKind::kPerson) {
    const std::string first = NameKey(words[0]);
    const std::string_view* near = nullptr;
    int near_count = 0;
    for (const std::string_view& family : kFamilyNames) {
      const std::string k = NameKey(family);
      if (first == k) {
        respell(0, family);
        near_count = 0;
        break;
      }
      // A letter lost or misread in a long family name: "Nguễn" for "Nguyễn".
      if (k.size() >= 5 && !IsFamilyNameKey(first) && BoundedEditDistance(first, k, 1) <= 1) {
        near = &family;
        ++near_count;
      }
    }
    if (near_count == 1) {
      if (auto recased = WithCaseOf(*near, words[0])) {
        words[0] = *recased;
      } else if (text::ToUpperVi(words[0]) == words[0]) {
        words[0] = text::ToUpperVi(*near);
      } else {
        words[0] = text::EncodeUtf8(text::DecodeUtf8(text::ToUpperVi(*near)).substr(0, 1)) +
                   text::EncodeUtf8(text::DecodeUtf8(*near).substr(1));
      }
    }
  } else {
    std::vector<std::string> keys;
    for (const std::string& w : words) keys.push_back(NameKey(w));
    for (std::string_view phrase : kOrganizationWords) {
      const std::vector<std::string> fixed = SplitWords(NameKey(phrase));
      for (std::size_t at = 0; at + fixed.size() <= words.size(); ++at) {
        if (std::equal(fixed.begin(), fixed.end(), keys.begin() + static_cast<std::ptrdiff_t>(at))) {
          respell(at, phrase);
        }
      }
    }
  }
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

void RespellPartiesByMajority(const PreparedText& text, const Sections& sections,
                              model::ExtractionResult& result) {
  // Parties by folded name; two spellings of one folded name are two people
  // ("Tâm" and "Tám"), and neither is respelled.
  std::map<std::string, std::vector<std::size_t>> by_key;
  for (std::size_t i = 0; i < result.parties.size(); ++i) {
    by_key[NameKey(result.parties[i].name)].push_back(i);
  }
  std::size_t voted = 0;
  std::vector<std::pair<std::string, std::string>> renamed;  // old -> new
  std::optional<std::map<std::string, std::pair<int, std::string>>> titled;  // when needed
  for (const auto& [key, indices] : by_key) {
    if (voted++ >= kMaxVotedNames) break;
    const std::string& name = result.parties[indices.front()].name;
    bool one_spelling = true;
    for (std::size_t i : indices) {
      one_spelling = one_spelling && text::ToneKey(text::ToLowerVi(result.parties[i].name)) ==
                                         text::ToneKey(text::ToLowerVi(name));
    }
    if (!one_spelling) continue;
    int places = 0;
    std::optional<std::string> voted_spelling = MajoritySpelling(text, name, &places);
    std::string near_written;
    if (places <= 1 && !HasMaskedWord(key)) {
      // Written so in the parties list alone: the one name a letter off it that the
      // rest of the document writes twice or more ("Lê Thị NÑgọc Mai" for "Lê Thị
      // Ngọc Mai"), if it is no other party's.
      if (!titled) titled = TitledNames(text);
      const std::string* near = nullptr;
      int count = 0;
      for (const auto& [k, seen] : *titled) {
        if (k == key || seen.first < 2 || by_key.count(k) != 0) continue;
        if (BoundedEditDistance(k, key, 1) <= 1) {
          near = &seen.second;
          ++count;
        }
      }
      if (count == 1) {
        int near_places = 0;
        const std::string spelled = MajoritySpelling(text, *near, &near_places).value_or(*near);
        if (auto recased = WithCaseOfWords(spelled, name)) {
          voted_spelling = recased;
          near_written = std::to_string(near_places) + " places elsewhere write it so, the "
                         "parties list alone as written";
        }
      }
    }
    const std::string fixed =
        WithFixedWords(voted_spelling.value_or(name), result.parties[indices.front()].kind);
    if (fixed == name) continue;
    const std::optional<std::string> better = fixed;
    const std::size_t at = FindPhrase(text.key(), key, sections.parties_begin, sections.parties_end);
    const std::string why =
        !(voted_spelling && *voted_spelling == fixed) ? "a family name or an organization's word is spelled so"
        : !near_written.empty()                       ? near_written
                                                      : "most of the " + std::to_string(places) +
                                                            " places the name appears spell it so";
    result.warnings.push_back(
        {"name_respelled",
         "'" + name + "' was read as '" + *better + "': " + why + " (a mark misread by OCR?)",
         at == kNpos ? std::nullopt : std::optional(text.Span(at, at + key.size())), {}});
    renamed.emplace_back(name, *better);
    for (std::size_t i : indices) result.parties[i].name = *better;
  }
  // Whom representatives speak for: a name, or names joined with " và ".
  for (model::Party& p : result.parties) {
    if (!p.represents || renamed.empty()) continue;
    std::string joined;
    std::size_t i = 0;
    const std::string& r = *p.represents;
    while (i <= r.size()) {
      std::size_t j = r.find(" và ", i);
      if (j == std::string::npos) j = r.size();
      std::string one = r.substr(i, j - i);
      for (const auto& [from, to] : renamed) {
        if (one == from) one = to;
      }
      joined += (joined.empty() ? "" : " và ") + one;
      i = j + 5;  // " và " is 5 bytes
    }
    p.represents = joined;
  }
}

}  // namespace thads::extract
