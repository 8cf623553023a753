#include "ocr/error_rate.h"

#include <algorithm>

#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::ocr {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\f' || c == '\t' || c == '\r' || c == '\v';
}

template <typename Seq>
std::size_t Levenshtein(const Seq& a, const Seq& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] =
          std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::u32string JoinedCodePoints(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& w : words) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  return text::DecodeUtf8(joined);
}

}  // namespace

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

std::size_t EditDistance(std::u32string_view a, std::u32string_view b) {
  return Levenshtein(a, b);
}

std::size_t EditDistance(const std::vector<std::string>& a,
                         const std::vector<std::string>& b) {
  return Levenshtein(a, b);
}

ErrorCounts CharacterErrors(std::string_view recognized, std::string_view truth) {
  const std::u32string got = JoinedCodePoints(SplitWords(recognized));
  const std::u32string want = JoinedCodePoints(SplitWords(truth));
  return {EditDistance(got, want), want.size()};
}

ErrorCounts WordErrors(std::string_view recognized, std::string_view truth) {
  const std::vector<std::string> want = SplitWords(truth);
  return {EditDistance(SplitWords(recognized), want), want.size()};
}

std::vector<int> AlignWords(const std::vector<std::string>& recognized,
                            const std::vector<std::string>& truth) {
  const std::size_t n = recognized.size(), m = truth.size();
  // Costs in tenths: a word and its misreading (equal once folded, "dần" for
  // "dân") pair a little more cheaply than two unrelated words, so that ties
  // go to the pairing a reader would make.
  constexpr std::size_t kGap = 10, kOther = 10, kAlike = 9;
  std::vector<std::string> folded_truth;
  for (const std::string& w : truth) folded_truth.push_back(text::FoldForSearch(w));
  auto substitution = [&](std::size_t i, std::size_t j) -> std::size_t {
    if (recognized[i] == truth[j]) return 0;
    return text::FoldForSearch(recognized[i]) == folded_truth[j] ? kAlike : kOther;
  };
  // Full table: pages have a few hundred words.
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& {
    return d[i * (m + 1) + j];
  };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i * kGap;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j * kGap;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      at(i, j) = std::min({at(i - 1, j) + kGap, at(i, j - 1) + kGap,
                           at(i - 1, j - 1) + substitution(i - 1, j - 1)});
    }
  }
  std::vector<int> align(n, -1);
  std::size_t i = n, j = m;
  while (i > 0 && j > 0) {
    if (at(i, j) == at(i - 1, j - 1) + substitution(i - 1, j - 1)) {
      align[i - 1] = static_cast<int>(j - 1);
      --i;
      --j;
    } else if (at(i, j) == at(i - 1, j) + kGap) {
      --i;
    } else {
      --j;
    }
  }
  return align;
}

}  // namespace thads::ocr
