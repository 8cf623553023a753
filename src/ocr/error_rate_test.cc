#include "ocr/error_rate.h"

#include <gtest/gtest.h>

namespace thads::ocr {
namespace {

TEST(ErrorRate, CountsEditsOnWordsAndCodePoints) {
  struct Case {
    const char* recognized;
    const char* truth;
    std::size_t char_errors, chars, word_errors, words;
  };
  for (const Case& c : std::vector<Case>{
           {"dân sự", "dân sự", 0, 6, 0, 2},
           {"dần  sự\n", "dân\fsự", 1, 6, 1, 2},  // layout whitespace is not an error
           {"thi hành án", "thi hành án dân sự", 7, 18, 2, 5},
           {"", "ab", 2, 2, 1, 1},
           {"ab", "", 2, 0, 1, 0},
           {"Tư do", "Tự do", 1, 5, 1, 2},  // one code point in NFC
       }) {
    SCOPED_TRACE(c.recognized);
    const ErrorCounts ch = CharacterErrors(c.recognized, c.truth);
    EXPECT_EQ(ch.errors, c.char_errors);
    EXPECT_EQ(ch.reference, c.chars);
    const ErrorCounts w = WordErrors(c.recognized, c.truth);
    EXPECT_EQ(w.errors, c.word_errors);
    EXPECT_EQ(w.reference, c.words);
  }
  EXPECT_DOUBLE_EQ((ErrorCounts{1, 4}.Rate()), 0.25);
  EXPECT_DOUBLE_EQ((ErrorCounts{3, 0}.Rate()), 0.0);
}

TEST(ErrorRate, AlignsWordsThroughInsertionsAndDeletions) {
  const std::vector<std::string> got = {"thi", "-", "hành", "án", "dần"};
  const std::vector<std::string> want = {"thi", "hành", "án", "dân", "sự"};
  EXPECT_EQ(AlignWords(got, want), (std::vector<int>{0, -1, 1, 2, 3}));
  EXPECT_EQ(AlignWords({}, want), std::vector<int>{});
  EXPECT_EQ(AlignWords(got, {}), (std::vector<int>(5, -1)));
}

}  // namespace
}  // namespace thads::ocr
