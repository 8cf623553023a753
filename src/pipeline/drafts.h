// Drafting enforcement decisions from what was read in a judgment: which
// obligations go into which decision (chủ động for what is owed to the State,
// theo yêu cầu once a creditor asks), and which obligations no decision covers
// (the omission inspections find most).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "model/judgment.h"
#include "text/dates.h"

namespace thads::pipeline {

struct DraftContext {
  text::Date decision_date;  // the date the decision will carry
  int voluntary_days = 10;   // thời hạn tự nguyện (data, not law in code: office may change)
  std::string officer;       // Chấp hành viên assigned; may be empty
  std::string office_address;  // for refunds the office itself is the one who pays
};

// One document to render: a template of templates/ and its data (JSON, NFC).
struct Draft {
  std::string template_name;          // "qd-thi-hanh-an-chu-dong"
  std::string data_json;
  std::string debtor;                 // whom the decision is against
  std::vector<std::size_t> obligations;  // indices into judgment.obligations
};

// One chủ động decision per debtor, covering every obligation whose initiative
// is chu_dong. An obligation that cannot be drafted (no debtor, no address for
// a person) is left out and reported in `problems`, never guessed.
struct DraftSet {
  std::vector<Draft> drafts;
  std::vector<std::string> problems;
};
DraftSet DraftOwnInitiativeDecisions(const model::ExtractionResult& judgment,
                                     const DraftContext& context);

// Decisions on the creditor's request (đơn yêu cầu dated `request_date`): one
// per debtor, over the theo_yeu_cau obligations owed to `creditor`. Error when
// the creditor is owed nothing on request.
Result<DraftSet> DraftOnRequestDecisions(const model::ExtractionResult& judgment,
                                         const std::string& creditor,
                                         text::Date request_date, const DraftContext& context);

// Indices of obligations that none of `drafts` covers.
std::vector<std::size_t> UncoveredObligations(const model::ExtractionResult& judgment,
                                              const std::vector<Draft>& drafts);

}  // namespace thads::pipeline
