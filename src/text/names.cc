#include "text/names.h"

#include <vector>

#include "text/normalize.h"

namespace thads::text {
namespace {

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r') ++j;
    if (j > i) words.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string Join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

// True when `word` (folded, trailing "."/":" ignored) is a title.
bool IsTitle(std::string word) {
  while (!word.empty() && (word.back() == '.' || word.back() == ':')) word.pop_back();
  const std::string f = FoldForSearch(word);
  return f == "ong" || f == "ba" || f == "anh" || f == "chi";
}

}  // namespace

std::string StripTitle(std::string_view name) {
  const PersonName p = SplitName(name);
  std::string out = p.family;
  if (!p.middle.empty()) out += " " + p.middle;
  if (!p.given.empty()) out += (out.empty() ? "" : " ") + p.given;
  return out;
}

PersonName SplitName(std::string_view name) {
  std::vector<std::string> words = Words(name);
  PersonName p;
  std::size_t start = 0;
  // A title is only a title when a name follows it ("Bà" alone is a name).
  while (start + 1 < words.size() && IsTitle(words[start])) {
    if (!p.title.empty()) p.title += " ";
    p.title += words[start];
    ++start;
  }
  const std::size_t n = words.size() - start;
  if (n == 0) return p;
  p.given = words.back();
  if (n >= 2) p.family = words[start];
  if (n >= 3) p.middle = Join(words, start + 1, words.size() - 1);
  return p;
}

std::string TitleCaseName(std::string_view name) {
  std::string out;
  for (const std::string& word : Words(name)) {
    const std::u32string lower = DecodeUtf8(ToLowerVi(word));
    const std::u32string first = DecodeUtf8(ToUpperVi(EncodeUtf8(lower.substr(0, 1))));
    if (!out.empty()) out += ' ';
    out += EncodeUtf8(first + lower.substr(1));
  }
  return out;
}

}  // namespace thads::text
