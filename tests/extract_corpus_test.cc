// The labelled corpus: every tests/corpus/NAME.txt is extracted and compared with
// NAME.expected.json on the fields that matter (extract::Differences). Adding a
// case is adding the two files. The overall F1 targets are checked too.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/evaluation.h"
#include "extract/extractor.h"
#include "model/json_io.h"

namespace thads::extract {
namespace {

namespace fs = std::filesystem;

const std::string kCorpus = std::string(THADS_SOURCE_DIR) + "/tests/corpus";

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  const std::string suffix = ".expected.json";
  std::error_code ec;
  for (fs::directory_iterator it(kCorpus, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string f = it->path().filename().string();
    if (f.size() > suffix.size() && f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0) {
      names.push_back(f.substr(0, f.size() - suffix.size()));
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class CorpusCase : public testing::TestWithParam<std::string> {};

TEST_P(CorpusCase, MatchesGold) {
  const std::string name = GetParam();
  const fs::path text = fs::path(kCorpus) / (name + ".txt");
  ASSERT_TRUE(fs::exists(text)) << text << " is missing: a case is NAME.txt + NAME.expected.json";
  auto gold = model::ParseExtractionJson(Slurp(fs::path(kCorpus) / (name + ".expected.json")), name);
  ASSERT_TRUE(gold.ok()) << gold.status().message();
  auto got = Extract(Slurp(text), name + ".txt");
  ASSERT_TRUE(got.ok()) << got.status().message();
  const std::vector<std::string> diff = Differences(*gold, *got);
  std::string shown;
  for (const std::string& d : diff) shown += "\n  " + d;
  EXPECT_TRUE(diff.empty()) << name << ":" << shown;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusCase, testing::ValuesIn(CaseNames()),
                         [](const testing::TestParamInfo<std::string>& param) {
                           return param.param;
                         });

TEST(Corpus, HasEnoughVariedCases) {
  auto report = EvaluateCorpus(kCorpus, kCorpus);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_GE(report->cases.size(), 30u);
  EXPECT_GE(report->by_case_type.size(), 5u);  // DS, HNGD, KDTM, LD, HS at least
}

TEST(Corpus, CleanTextReachesTheF1Targets) {
  auto report = EvaluateCorpus(kCorpus, kCorpus);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_GE(report->overall.parties.F1(), 0.95) << FormatReport(*report, true);
  EXPECT_GE(report->overall.obligations.F1(), 0.95) << FormatReport(*report, true);
}

}  // namespace
}  // namespace thads::extract
