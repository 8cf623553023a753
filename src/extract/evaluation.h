// Measuring extraction against a labelled corpus: for each gold case NAME
// (NAME.expected.json in the gold folder) the text NAME.txt is read from a text
// folder (the gold folder itself for clean text, or OCR output of degraded
// scans), extracted, and compared. Precision, recall and F1 are counted for
// parties (role + name) and obligations (kind + debtor + amount), per case type
// and overall, and separately for the held-out cases named in holdout.txt.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "model/judgment.h"

namespace thads::extract {

struct Score {
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;

  double Precision() const;  // 1.0 when nothing was produced
  double Recall() const;     // 1.0 when nothing was expected
  double F1() const;
  Score& operator+=(const Score& other);
};

// Names compare in NFC, ignoring case, runs of spaces and the tone-placement
// convention (Hòa = Hoà), but not accents.
std::string ComparisonKey(std::string_view name);

// Parties matched on (role, name); obligations on (kind, debtor, amount).
Score ScoreParties(const model::ExtractionResult& gold, const model::ExtractionResult& got);
Score ScoreObligations(const model::ExtractionResult& gold, const model::ExtractionResult& got);

// Every difference that matters, one line each (empty when the extraction is
// right): document fields; parties' role, name, kind, birth year and whom they
// represent; obligations' kind, debtor, creditor, amount, period and
// late-interest clause; the set of warning codes.
std::vector<std::string> Differences(const model::ExtractionResult& gold,
                                     const model::ExtractionResult& got);

struct CaseEvaluation {
  std::string name;
  std::string case_type;  // the gold's, e.g. "DS"; "?" when the gold has none
  bool held_out = false;
  Score parties;
  Score obligations;
  std::vector<std::string> differences;
  std::string error;  // the text could not be read or extracted; counted as all missed
};

struct GroupScore {
  std::string group;
  int cases = 0;
  Score parties;
  Score obligations;
};

struct EvaluationReport {
  std::vector<CaseEvaluation> cases;     // by name
  std::vector<GroupScore> by_case_type;  // by case type
  GroupScore development;                // the cases not held out
  GroupScore held_out;
  GroupScore overall;
};

// Errors: the gold folder cannot be listed, holds no case, or a gold file is not
// valid JSON of the contract. A missing or unreadable text is not an error: the
// case counts as all missed and says why.
Result<EvaluationReport> EvaluateCorpus(const std::string& gold_dir, const std::string& text_dir);

// The report as a table for a terminal, UTF-8, locale-independent.
std::string FormatReport(const EvaluationReport& report, bool verbose);

}  // namespace thads::extract
