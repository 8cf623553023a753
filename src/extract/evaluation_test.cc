#include "extract/evaluation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace thads::extract {
namespace {

namespace fs = std::filesystem;

model::Party Person(model::PartyRole role, const std::string& name) {
  model::Party p;
  p.role = role;
  p.name = name;
  return p;
}

model::Obligation Pay(const std::string& debtor, std::int64_t amount) {
  model::Obligation o;
  o.kind = model::ObligationKind::kPayDebt;
  o.debtor = debtor;
  o.amount_vnd = amount;
  return o;
}

TEST(Score, PrecisionRecallF1) {
  struct Case {
    Score s;
    double p, r, f;
  } cases[] = {
      {{3, 0, 0}, 1.0, 1.0, 1.0},
      {{2, 1, 1}, 2.0 / 3, 2.0 / 3, 2.0 / 3},
      {{1, 0, 3}, 1.0, 0.25, 0.4},
      {{0, 0, 0}, 1.0, 1.0, 1.0},
      {{0, 2, 0}, 0.0, 1.0, 0.0},
  };
  for (const Case& c : cases) {
    EXPECT_DOUBLE_EQ(c.s.Precision(), c.p);
    EXPECT_DOUBLE_EQ(c.s.Recall(), c.r);
    EXPECT_NEAR(c.s.F1(), c.f, 1e-12);
  }
}

TEST(Score, PartiesMatchOnRoleAndNameIgnoringCaseAndTonePlacement) {
  model::ExtractionResult gold;
  gold.parties = {Person(model::PartyRole::kPlaintiff, "Phạm Thị Hòa"),
                  Person(model::PartyRole::kDefendant, "Lê Văn Tâm")};
  model::ExtractionResult got;
  got.parties = {Person(model::PartyRole::kPlaintiff, "PHẠM THỊ HOÀ"),
                 Person(model::PartyRole::kPlaintiff, "Lê Văn Tâm"),  // wrong role
                 Person(model::PartyRole::kDefendant, "Lê Văn Tam")};  // wrong accent
  const Score s = ScoreParties(gold, got);
  EXPECT_EQ(s.true_positives, 1);
  EXPECT_EQ(s.false_positives, 2);
  EXPECT_EQ(s.false_negatives, 1);
}

TEST(Score, ObligationsMatchOnKindDebtorAndAmount) {
  model::ExtractionResult gold;
  gold.obligations = {Pay("Lê Văn B", 100), Pay("Lê Văn B", 100), Pay("Trần Thị C", 5)};
  model::ExtractionResult got;
  got.obligations = {Pay("Lê Văn B", 100), Pay("Trần Thị C", 6)};
  const Score s = ScoreObligations(gold, got);
  EXPECT_EQ(s.true_positives, 1);
  EXPECT_EQ(s.false_positives, 1);
  EXPECT_EQ(s.false_negatives, 2);
  EXPECT_FALSE(Differences(gold, got).empty());
  EXPECT_TRUE(Differences(gold, gold).empty());
}

TEST(EvaluateCorpus, ReadsGoldAndTextFoldersAndCountsMissingTexts) {
  const fs::path dir = fs::temp_directory_path() / "thads_eval_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "gold");
  fs::create_directories(dir / "ocr");
  const std::string text =
      "TÒA ÁN NHÂN DÂN HUYỆN X\nBản án số: 1/2020/DS-ST\nNHÂN DANH\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ "
      "NGHĨA VIỆT NAM\nNguyên đơn: Bà Nguyễn Thị A.\nBị đơn: Ông Trần Văn B.\nQUYẾT ĐỊNH:\n"
      "Buộc ông Trần Văn B trả cho bà Nguyễn Thị A 5.000.000 đồng.\n";
  const std::string gold =
      R"({"document": {"court": "Tòa án nhân dân huyện X", "number": "1/2020/DS-ST",
          "kind": "ban_an", "level": "so_tham", "case_type": "DS"},
          "parties": [{"role": "nguyen_don", "name": "Nguyễn Thị A", "kind": "person"},
                      {"role": "bi_don", "name": "Trần Văn B", "kind": "person"}],
          "obligations": [{"debtor": "Trần Văn B", "creditor": "Nguyễn Thị A",
                           "kind": "tra_tien", "amount_vnd": 5000000, "period": "once",
                           "initiative": "theo_yeu_cau", "late_interest": false}],
          "warnings": []})";
  for (const char* name : {"a", "b"}) {
    std::ofstream(dir / "gold" / (std::string(name) + ".expected.json")) << gold;
    std::ofstream(dir / "gold" / (std::string(name) + ".txt")) << text;
  }
  std::ofstream(dir / "gold" / "holdout.txt") << "# held out\nb\n";
  std::ofstream(dir / "ocr" / "a.txt") << text;  // no OCR text for b

  auto clean = EvaluateCorpus((dir / "gold").string(), (dir / "gold").string());
  ASSERT_TRUE(clean.ok()) << clean.status().message();
  EXPECT_EQ(clean->overall.cases, 2);
  EXPECT_EQ(clean->held_out.cases, 1);
  EXPECT_DOUBLE_EQ(clean->overall.parties.F1(), 1.0);
  EXPECT_DOUBLE_EQ(clean->overall.obligations.F1(), 1.0);

  auto ocr = EvaluateCorpus((dir / "gold").string(), (dir / "ocr").string());
  ASSERT_TRUE(ocr.ok());
  EXPECT_EQ(ocr->overall.obligations.false_negatives, 1);
  EXPECT_FALSE(ocr->cases[1].error.empty());
  EXPECT_NE(FormatReport(*ocr, true).find("held-out"), std::string::npos);

  EXPECT_FALSE(EvaluateCorpus((dir / "none").string(), (dir / "ocr").string()).ok());
  std::ofstream(dir / "gold" / "c.expected.json") << "{not json";
  EXPECT_FALSE(EvaluateCorpus((dir / "gold").string(), (dir / "gold").string()).ok());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace thads::extract
