#include "ocr/words_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace thads::ocr {
namespace {

TEST(WordsJson, CarriesEveryWordWithItsBoxAndPage) {
  OcrPage first;
  first.width = 2480;
  first.height = 3508;
  first.dpi = 300;
  first.lines = {OcrLine{100, 200, 900, 250, 245, 246, true}};
  first.words = {OcrWord{"Quyết", 100, 200, 260, 250, 96.14f, 0},
                 OcrWord{"định", 280, 200, 400, 250, 91.0f, 0}};
  OcrPage blank;
  blank.width = 10;
  blank.height = 10;
  blank.dpi = 150;

  const nlohmann::json j = nlohmann::json::parse(WordsJson({first, blank}));
  ASSERT_EQ(j["pages"].size(), 2u);
  const auto& p1 = j["pages"][0];
  EXPECT_EQ(p1["page"], 1);
  EXPECT_EQ(p1["dpi"], 300);
  ASSERT_EQ(p1["words"].size(), 2u);
  EXPECT_EQ(p1["words"][0]["text"], "Quyết");
  EXPECT_EQ(p1["words"][0]["box"], nlohmann::json({100, 200, 260, 250}));
  EXPECT_DOUBLE_EQ(p1["words"][0]["confidence"].get<double>(), 96.1);
  EXPECT_EQ(p1["words"][1]["line"], 0);
  // Weighted by UTF-8 length: "Quyết" and "định" are 7 bytes each.
  EXPECT_NEAR(p1["mean_confidence"].get<double>(), (96.14 + 91.0) / 2, 0.06);
  EXPECT_EQ(j["pages"][1]["page"], 2);
  EXPECT_TRUE(j["pages"][1]["words"].empty());
  EXPECT_EQ(j["pages"][1]["mean_confidence"], 0.0);
}

TEST(OcrPage, TextKeepsLinesAndParagraphs) {
  OcrPage page;
  page.lines = {OcrLine{0, 0, 10, 10, 9, 9, true}, OcrLine{0, 20, 10, 30, 29, 29, false},
                OcrLine{0, 50, 10, 60, 59, 59, true}};
  page.words = {OcrWord{"QUYẾT", 0, 0, 5, 10, 90, 0}, OcrWord{"ĐỊNH:", 5, 0, 10, 10, 90, 0},
                OcrWord{"Điều", 0, 20, 5, 30, 90, 1}, OcrWord{"1.", 5, 20, 10, 30, 90, 1},
                OcrWord{"Buộc", 0, 50, 5, 60, 90, 2}};
  EXPECT_EQ(page.Text(), "QUYẾT ĐỊNH:\nĐiều 1.\n\nBuộc\n");
  EXPECT_EQ(OcrPage{}.Text(), "");
}

}  // namespace
}  // namespace thads::ocr
