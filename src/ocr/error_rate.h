// Character and word error rates of recognized text against its ground truth,
// and the word alignment behind them: what the OCR evaluation programs and the
// engine's tests measure. Pure functions on UTF-8; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace thads::ocr {

// Errors (edits) against a reference length; Rate() is errors / reference.
struct ErrorCounts {
  std::size_t errors = 0;
  std::size_t reference = 0;
  double Rate() const {
    return reference == 0 ? 0.0
                          : static_cast<double>(errors) / static_cast<double>(reference);
  }
  ErrorCounts& operator+=(const ErrorCounts& o) {
    errors += o.errors;
    reference += o.reference;
    return *this;
  }
};

// The words of valid UTF-8 text: runs between whitespace (spaces, tabs, line
// and page breaks). Layout is not content: both texts are compared this way.
std::vector<std::string> SplitWords(std::string_view text);

// Levenshtein distance over code points, and over whole words.
std::size_t EditDistance(std::u32string_view a, std::u32string_view b);
std::size_t EditDistance(const std::vector<std::string>& a,
                         const std::vector<std::string>& b);

// Character error rate: code-point edits between the texts with every
// whitespace run read as one space, against the truth's code points.
ErrorCounts CharacterErrors(std::string_view recognized, std::string_view truth);
// Word error rate: word edits against the truth's word count.
ErrorCounts WordErrors(std::string_view recognized, std::string_view truth);

// For every recognized word, the index of the truth word a minimal edit script
// pairs it with (same or substituted), or -1 when the word is an insertion.
std::vector<int> AlignWords(const std::vector<std::string>& recognized,
                            const std::vector<std::string>& truth);

}  // namespace thads::ocr
