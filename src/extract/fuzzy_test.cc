#include <gtest/gtest.h>

#include "extract/internal.h"

namespace thads::extract {
namespace {

TEST(BoundedEditDistance, CountsEditsUpToTheLimit) {
  struct Case {
    const char* a;
    const char* b;
    std::size_t limit;
    std::size_t distance;  // limit + 1 when beyond
  } cases[] = {
      {"quyetdinh", "quyetdinh", 1, 0},
      {"quyetdink", "quyetdinh", 1, 1},   // one letter misread
      {"quyetinh", "quyetdinh", 1, 1},    // one lost
      {"quyyetdinh", "quyetdinh", 1, 1},  // one added
      {"quydinh", "quyetdinh", 1, 2},     // two lost: beyond
      {"thihanhandansv", "thihanhandansu", 2, 1},
      {"", "abc", 2, 3},
      {"abc", "", 3, 3},
      {"nhandanh", "nhandinh", 1, 1},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(BoundedEditDistance(c.a, c.b, c.limit), c.distance) << c.a << " / " << c.b;
    EXPECT_EQ(BoundedEditDistance(c.b, c.a, c.limit), c.distance) << c.b << " / " << c.a;
  }
}

TEST(FindApproxPhrase, FindsAPhraseWithLettersMisreadOrSpacesLost) {
  struct Case {
    const char* key;
    const char* found;  // the matched words, "" when none
  } cases[] = {
      {"cua chi cuc thi hanh an dan su huyen x", "thi hanh an dan su"},
      {"cua chi cuc thi hanh an dan sv huyen x", "thi hanh an dan sv"},
      {"cua chi cuc thihanh an dan su huyen x", "thihanh an dan su"},
      {"cua chi cuc thi bauh an dan su huyen x", "thi bauh an dan su"},
      {"cua chi cuc thi hanh an huyen x", ""},  // "dân sự" lost: four letters
      {"thi hanh an dan su.", "thi hanh an dan su"},
  };
  for (const Case& c : cases) {
    const std::string key = c.key;
    const KeyRange r = FindApproxPhrase(key, "thi hanh an dan su", 0, key.size(), 2);
    const std::string got = r.begin == kNpos ? "" : key.substr(r.begin, r.end - r.begin);
    EXPECT_EQ(got, c.found) << c.key;
  }
}

}  // namespace
}  // namespace thads::extract
