#include "ocr/word_pairs.h"

#include <gtest/gtest.h>

namespace thads::ocr {
namespace {

TEST(WordPairs, KeysIgnorePunctuationCaseAndTonePlacement) {
  EXPECT_EQ(WordKey("(Hoà"), WordKey("hòa"));
  EXPECT_EQ(WordKey("ỦY"), "ủy");
  EXPECT_EQ(WordKey("đồng)."), "đồng");
  EXPECT_EQ(WordKey("150.000.000"), "#");
  EXPECT_EQ(WordKey("..."), "");
}

TEST(WordPairs, CountsWordsAndPairsAndReadsBackWhatItWrites) {
  WordPairModel model;
  model.AddText("Thi hành án dân sự. Thi hành án - dân sự (150.000 đồng)");
  EXPECT_EQ(model.Count("thi"), 2u);
  EXPECT_EQ(model.Count("#"), 1u);
  EXPECT_EQ(model.PairCount("dân", "sự"), 2u);
  EXPECT_EQ(model.PairCount("án", "dân"), 2u);  // the dash is skipped
  EXPECT_EQ(model.PairCount("sự", "thi"), 1u);
  EXPECT_EQ(model.total(), 12u);
  const std::string data = model.Serialize();
  auto back = WordPairModel::Parse(data, "model.tsv");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->Serialize(), data);
}

TEST(WordPairs, BadDataFilesAreErrorsNamingTheLine) {
  for (const char* bad : {"w\tdân\n", "w\tdân\tmany\n", "x\tdân\t3\n", "w\tdân sự\t3\n",
                          "p\tdân\t3\n", "p\tdân sự thi\t3\n", "w\tdân\t99999999999\n",
                          "w\t\t3\n", "p\t sự\t3\n", "\xff\n"}) {
    auto parsed = WordPairModel::Parse(std::string("# comment\n") + bad, "model.tsv");
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok() && std::string(bad) != "\xff\n") {
      EXPECT_NE(parsed.status().message().find("model.tsv: line 2"), std::string::npos)
          << parsed.status().message();
    }
  }
  EXPECT_FALSE(WordPairModel::Load("/nonexistent/word_pairs.tsv").ok());
}

}  // namespace
}  // namespace thads::ocr
