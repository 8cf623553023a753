// A case's paperwork in the archive, as the law has it done: a judgment is
// filed as a case; when nothing in its reading is in doubt its chủ động
// decisions and notices are drafted at once, otherwise it waits for a clerk's
// review (thads review); a creditor's request brings the theo yêu cầu decision
// (thads request); an officer's approval numbers a draft and issues it
// (thads approve). Each of these is one archive transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "archive/store.h"
#include "base/status.h"
#include "model/judgment.h"
#include "pipeline/paperwork.h"
#include "text/dates.h"

namespace thads::pipeline {

struct CaseFiling {
  const model::ExtractionResult& judgment;
  std::string source_name;  // the file it was read from, for the version note
  text::Date date;          // the date drafts carry
  Paperwork& paperwork;
};

struct CaseOutcome {
  std::int64_t case_id = 0;
  bool for_review = false;  // warnings: no draft until a clerk confirms
  std::string note;         // for the report: why for review, or what was done
  std::vector<std::string> documents;  // "12 Quyết định (dự thảo)"
  // Obligations no drafted decision covers, one line each, with why.
  std::vector<std::string> uncovered;
};

// Files one judgment inside `tx`: its case (found by number and court, or
// opened), the extraction as version 1, then either the drafts or the
// for-review status. A judgment already on file is only attached: the case's
// reading and papers are not touched.
Result<CaseOutcome> FileJudgment(archive::Transaction& tx, const CaseFiling& filing);

// `thads review CASE --accept | --correct FILE.json`: the clerk confirms the
// current reading (or stores a corrected one as a new version) and the drafts
// are made. Refused when the case already has drafts.
Result<CaseOutcome> ConfirmCase(archive::Store& store, std::int64_t case_id,
                                const std::optional<model::ExtractionResult>& corrected,
                                const std::string& note, text::Date date, Paperwork& paperwork);

// `thads request CASE --creditor NAME --date DATE`: the theo yêu cầu decision
// for what `creditor` is owed, one per debtor. Returns the new documents' ids.
Result<std::vector<std::int64_t>> DraftRequestedDecisions(archive::Store& store,
                                                         std::int64_t case_id,
                                                         const std::string& creditor,
                                                         text::Date request_date,
                                                         text::Date date, Paperwork& paperwork);

struct Approval {
  std::string by;       // the approving officer (audit log)
  std::string officer;  // who signs a notice when it left the officer blank; default `by`
  text::Date date;      // the issue date
};

// `thads approve DOC --by NAME`: numbers the draft (next number of its agency,
// symbol and year, safe against a concurrent approval) and re-renders it with
// its number and date — a notice also with its decision's number, which must
// be approved first.
Result<archive::StoredDocument> ApproveDraft(archive::Store& store, std::int64_t document_id,
                                             const Approval& approval, Paperwork& paperwork);

}  // namespace thads::pipeline
