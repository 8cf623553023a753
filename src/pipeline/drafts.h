// Drafting enforcement decisions from what was read in a judgment: which
// obligations go into which decision (chủ động for what is owed to the State,
// theo yêu cầu once a creditor asks), and which obligations no decision covers
// (the omission inspections find most).
#pragma once

#include <optional>
#include <string>
#include <string_view>
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
  std::string recipient;              // notices: the party told
  // Notices that announce a decision: its index among the decisions given to
  // DraftNotices. Its number is written in once the decision is approved.
  std::optional<std::size_t> announces;
};

// What a notice shows until the decision it announces, and the officer who
// signs it, are known: the dotted blank of a paper form.
inline constexpr std::string_view kBlank = "……";

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

// Notices (thông báo về thi hành án), one per party concerned: each debtor of a
// chủ động decision in `decisions` is told what it orders (the decision's
// number and the officer left blank until approval), and each party owed
// something on request is told what the judgment gives them and that they may
// ask for enforcement. Parties without an address are reported in `problems`.
DraftSet DraftNotices(const model::ExtractionResult& judgment,
                      const std::vector<Draft>& decisions, const DraftContext& context);

// What a decision says is to be done, for one obligation: "Nộp tiền án phí",
// "Trả cho Trần Thị B".
std::string ObligationContent(const model::Obligation& o);

// Indices of obligations that none of `drafts` covers.
std::vector<std::size_t> UncoveredObligations(const model::ExtractionResult& judgment,
                                              const std::vector<Draft>& drafts);

}  // namespace thads::pipeline
