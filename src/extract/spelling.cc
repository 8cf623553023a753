// Names read through OCR: a mark misread in one place ("Định Quang Hiển" in the
// parties list, "Đinh Quang Hiển" everywhere else) is outvoted by the other places
// the same name (same folded key) is written in the document.
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

struct WordVote {
  int count = 0;
  std::string spelling;  // as first seen
};

}  // namespace

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
    const std::optional<std::string> better = MajoritySpelling(text, name, &places);
    if (!better) continue;
    const std::size_t at = FindPhrase(text.key(), key, sections.parties_begin, sections.parties_end);
    result.warnings.push_back(
        {"name_respelled",
         "'" + name + "' is written '" + *better + "' in most of the " + std::to_string(places) +
             " places the name appears (a mark misread by OCR?); that spelling was taken",
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
