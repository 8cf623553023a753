// Approximate matching of folded keys, for text read by OCR: a fixed phrase or a
// name with one letter misread still matches, within a small edit distance.
#include <algorithm>
#include <vector>

#include "extract/internal.h"

namespace thads::extract {

std::size_t BoundedEditDistance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > limit) return limit + 1;
  // Banded Levenshtein: only cells with |i - j| <= limit can stay within it.
  const std::size_t n = b.size();
  const std::size_t big = limit + 1;
  std::vector<std::size_t> prev(n + 1, big);
  std::vector<std::size_t> cur(n + 1, big);
  for (std::size_t j = 0; j <= std::min(n, limit); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t lo = i > limit ? i - limit : 0;
    const std::size_t hi = std::min(n, i + limit);
    std::fill(cur.begin(), cur.end(), big);
    if (lo == 0) cur[0] = i <= limit ? i : big;
    std::size_t row_min = cur[0];
    for (std::size_t j = std::max<std::size_t>(lo, 1); j <= hi; ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      const std::size_t del = prev[j] + 1;
      const std::size_t ins = cur[j - 1] + 1;
      cur[j] = std::min({sub, del, ins, big});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return big;
    std::swap(prev, cur);
  }
  return std::min(prev[n], big);
}

std::string Squeezed(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (!IsSpaceByte(c)) out += c;
  }
  return out;
}

KeyRange FindApproxPhrase(std::string_view key, std::string_view phrase, std::size_t from,
                          std::size_t to, std::size_t limit) {
  to = std::min(to, key.size());
  const std::string want = Squeezed(phrase);
  if (want.empty()) return {};
  std::string got;
  for (std::size_t i = from; i < to; ++i) {
    if (!IsWordByte(key[i]) || (i > 0 && IsWordByte(key[i - 1]))) continue;
    // The words from i, letters only, up to the longest length that can match.
    got.clear();
    std::size_t best = kNpos;
    std::size_t best_end = 0;
    std::size_t j = i;
    while (j < to && got.size() <= want.size() + limit) {
      if (IsWordByte(key[j])) {
        got += key[j];
        ++j;
        const bool word_end = j >= to || !IsWordByte(key[j]);
        if (word_end && got.size() + limit >= want.size() && got.size() <= want.size() + limit) {
          const std::size_t d = BoundedEditDistance(got, want, limit);
          if (d <= limit && (best == kNpos || d < best)) {
            best = d;
            best_end = j;
          }
        }
      } else if (IsSpaceByte(key[j])) {
        ++j;
      } else {
        break;
      }
    }
    if (best != kNpos) return {i, best_end};
  }
  return {};
}

}  // namespace thads::extract
