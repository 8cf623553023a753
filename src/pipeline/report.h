// The per-file report of a batch, for the clerk and for the office's own tools:
// one row per input file, as CSV (RFC 4180, UTF-8) and as JSON.
#pragma once

#include <string>
#include <vector>

#include "pipeline/progress.h"

namespace thads::pipeline {

struct FileReport {
  std::string path;
  std::string sha256;      // the file's identity across reruns
  FileOutcome outcome = FileOutcome::kDone;
  std::string case_id;     // empty when no case was opened
  int pages = 0;
  std::vector<std::string> documents;  // drafts generated
  std::string reason;      // why not done: the error, or what needs review
};

// Column order: path, sha256, outcome, case, pages, documents (";"-joined), reason.
std::string ReportCsv(const std::vector<FileReport>& rows);
std::string ReportJson(const std::vector<FileReport>& rows);

std::string_view OutcomeName(FileOutcome outcome);  // "done", "for_review", "failed", "skipped"

}  // namespace thads::pipeline
