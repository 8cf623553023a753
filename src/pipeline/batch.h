// The product's main job (`thads batch`): a folder of judgments (scans, PDFs,
// text) in; for each one, OCR where needed, the judgment read, its case opened
// in the archive, and its paperwork drafted: the chủ động decision for what is
// owed to the State and a notice to each party concerned. Everything one
// judgment produces is committed in one archive transaction, so a run killed
// at any moment and run again ends with the archive an uninterrupted run makes:
// files are known by the hash of their bytes and finished ones are skipped.
// Bad files are set aside (quarantined) with their reason; the others go on.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "archive/store.h"
#include "base/status.h"
#include "pipeline/report.h"
#include "text/dates.h"

namespace thads::pipeline {

struct BatchOptions {
  std::string input_dir;
  archive::StoreOptions store;  // the archive; its actor signs the audit log
  int jobs = 1;                 // OCR workers (pages of all files share them)
  bool retry_failed = false;    // try again files set aside by an earlier run
  std::optional<text::Date> date;  // the date drafts carry; default today (UTC+7)
  std::string report_dir;       // batch-report.csv / .json; default: the archive
                                // folder, or the current folder for a server
  std::string office_path, fonts_path;  // empty: the defaults
  bool deterministic = false;   // fixed PDF dates and ids (tests)
  bool post_correct = true;     // OCR post-correction
  bool interactive = false;     // progress as one redrawn line
  // Called after each judgment's transaction commits (tests stop the run
  // there, as a kill would); returning false ends the batch early.
  std::function<bool(const FileReport&)> after_commit;
};

struct BatchResult {
  std::vector<FileReport> rows;  // one per judgment, in folder order
  int done = 0, for_review = 0, failed = 0, skipped = 0;
  std::string report_csv, report_json;  // where the report was written
  // Per case: obligations of the judgment that no drafted decision covers
  // yet (those owed to a party wait for the creditor's request).
  std::vector<std::string> uncovered;
  bool stopped_early = false;
};

// Errors only for what stops everything: the archive cannot be opened, the
// input folder cannot be read, the templates or fonts are unusable, the OCR
// model is missing. Progress and the summary go to `progress`.
Result<BatchResult> RunBatch(const BatchOptions& options, std::ostream& progress);

}  // namespace thads::pipeline
