#include "pipeline/drafts.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "text/money.h"

namespace thads::pipeline {
namespace {

using Json = nlohmann::ordered_json;

// What the decision says is to be done, for one obligation.
std::string Content(const model::Obligation& o) {
  const std::string creditor = o.creditor.value_or("");
  switch (o.kind) {
    case model::ObligationKind::kCourtFee: return "Nộp tiền án phí";
    case model::ObligationKind::kFine: return "Nộp tiền phạt";
    case model::ObligationKind::kConfiscation: return "Tịch thu sung quỹ Nhà nước";
    case model::ObligationKind::kDestruction: return "Tiêu hủy vật chứng";
    case model::ObligationKind::kAdvanceFeeRefund:
      return "Hoàn trả tiền tạm ứng án phí cho " + creditor;
    case model::ObligationKind::kPayDebt: return "Trả cho " + creditor;
    case model::ObligationKind::kCompensation: return "Bồi thường cho " + creditor;
    case model::ObligationKind::kSupport: return "Cấp dưỡng hằng tháng cho " + creditor;
    case model::ObligationKind::kHandOverProperty: return "Giao tài sản cho " + creditor;
    case model::ObligationKind::kProceduralCosts: return "Hoàn trả chi phí tố tụng cho " + creditor;
    case model::ObligationKind::kOther: break;
  }
  return creditor.empty() || creditor == model::kStateCreditor
             ? "Thực hiện nghĩa vụ theo bản án"
             : "Thực hiện nghĩa vụ đối với " + creditor;
}

Json JudgmentJson(const model::CourtDocument& d) {
  Json j;
  j["kind"] = d.kind == model::DocumentKind::kDecision ? "Quyết định" : "Bản án";
  j["number"] = d.number.value_or("");
  j["date"] = d.date ? text::FormatIsoDate(*d.date) : "";
  j["court"] = d.court.value_or("");
  return j;
}

// The judgment header the decision cites must be complete.
std::optional<std::string> MissingHeader(const model::CourtDocument& d) {
  if (!d.number) return "the judgment's number";
  if (!d.date) return "the judgment's date";
  if (!d.court) return "the court";
  return std::nullopt;
}

Json PartyJson(const model::ExtractionResult& judgment, const std::string& name,
               const DraftContext& context, std::string& problem) {
  Json j;
  j["name"] = name;
  const model::Party* party = model::FindParty(judgment, name);
  if (party != nullptr && party->birth_year) j["birth_year"] = *party->birth_year;
  if (party != nullptr && party->address) {
    j["address"] = *party->address;
  } else if (party == nullptr && !context.office_address.empty()) {
    j["address"] = context.office_address;  // an enforcement office refunding a fee
  } else {
    problem = "no address for " + name;
  }
  return j;
}

Json ObligationsJson(const model::ExtractionResult& judgment,
                     const std::vector<std::size_t>& indices, std::int64_t& total,
                     int& money_items) {
  Json list = Json::array();
  for (std::size_t i : indices) {
    const model::Obligation& o = judgment.obligations.at(i);
    Json item;
    item["content"] = Content(o);
    if (o.amount_vnd) {
      item["amount"] = *o.amount_vnd;
      total += *o.amount_vnd;
      ++money_items;
    }
    if (o.period == model::PaymentPeriod::kMonthly) item["detail"] = "hằng tháng";
    list.push_back(std::move(item));
  }
  return list;
}

// Groups obligation indices by debtor, in the order debtors first appear.
std::vector<std::pair<std::string, std::vector<std::size_t>>> ByDebtor(
    const model::ExtractionResult& judgment, const std::vector<std::size_t>& indices) {
  std::vector<std::pair<std::string, std::vector<std::size_t>>> groups;
  for (std::size_t i : indices) {
    const std::string debtor = judgment.obligations[i].debtor.value_or("");
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return model::SameName(g.first, debtor);
    });
    if (it == groups.end()) {
      groups.push_back({debtor, {i}});
    } else {
      it->second.push_back(i);
    }
  }
  return groups;
}

void Common(Json& data, const model::ExtractionResult& judgment, const DraftContext& context) {
  data["document"] = {{"date", text::FormatIsoDate(context.decision_date)}};
  data["judgment"] = JudgmentJson(judgment.document);
  data["voluntary_days"] = context.voluntary_days;
  if (!context.officer.empty()) data["officer"] = {{"name", context.officer}};
}

}  // namespace

DraftSet DraftOwnInitiativeDecisions(const model::ExtractionResult& judgment,
                                     const DraftContext& context) {
  DraftSet set;
  if (auto missing = MissingHeader(judgment.document)) {
    set.problems.push_back("no chủ động decision drafted: " + *missing + " was not read");
    return set;
  }
  std::vector<std::size_t> own;
  for (std::size_t i = 0; i < judgment.obligations.size(); ++i) {
    if (judgment.obligations[i].initiative == model::Initiative::kOwnInitiative) own.push_back(i);
  }
  for (auto& [debtor, indices] : ByDebtor(judgment, own)) {
    if (debtor.empty()) {
      set.problems.push_back(std::to_string(indices.size()) +
                             " chủ động obligation(s) without a debtor: not drafted");
      continue;
    }
    std::string problem;
    Json data;
    Common(data, judgment, context);
    data["debtor"] = PartyJson(judgment, debtor, context, problem);
    if (!problem.empty()) {
      set.problems.push_back("no chủ động decision for " + debtor + ": " + problem);
      continue;
    }
    std::int64_t total = 0;
    int money_items = 0;
    data["obligations"] = ObligationsJson(judgment, indices, total, money_items);
    if (money_items > 1) data["total"] = total;
    set.drafts.push_back({"qd-thi-hanh-an-chu-dong", data.dump(2), debtor, indices});
  }
  return set;
}

Result<DraftSet> DraftOnRequestDecisions(const model::ExtractionResult& judgment,
                                         const std::string& creditor,
                                         text::Date request_date, const DraftContext& context) {
  if (auto missing = MissingHeader(judgment.document)) {
    return Status::Invalid("cannot draft a decision: " + *missing + " was not read");
  }
  std::vector<std::size_t> owed;
  for (std::size_t i = 0; i < judgment.obligations.size(); ++i) {
    const model::Obligation& o = judgment.obligations[i];
    if (o.initiative == model::Initiative::kOnRequest && o.creditor &&
        model::SameName(*o.creditor, creditor)) {
      owed.push_back(i);
    }
  }
  if (owed.empty()) {
    return Status::Invalid(creditor + " is owed nothing on request in this judgment");
  }
  DraftSet set;
  std::string problem;
  const Json creditor_json = PartyJson(judgment, creditor, DraftContext{}, problem);
  if (!problem.empty()) return Status::Invalid("cannot draft a decision: " + problem);
  for (auto& [debtor, indices] : ByDebtor(judgment, owed)) {
    Json data;
    Common(data, judgment, context);
    data["request"] = {{"date", text::FormatIsoDate(request_date)}, {"by", creditor}};
    std::string debtor_problem;
    data["debtor"] = PartyJson(judgment, debtor, DraftContext{}, debtor_problem);
    if (debtor.empty() || !debtor_problem.empty()) {
      set.problems.push_back("no decision against " + (debtor.empty() ? "an unnamed debtor" : debtor) +
                             ": " + (debtor.empty() ? "no debtor read" : debtor_problem));
      continue;
    }
    data["creditor"] = creditor_json;
    std::int64_t total = 0;
    int money_items = 0;
    data["obligations"] = ObligationsJson(judgment, indices, total, money_items);
    if (money_items > 1) data["total"] = total;
    bool late = false;
    for (std::size_t i : indices) late = late || judgment.obligations[i].late_interest;
    data["late_interest"] = late;
    set.drafts.push_back({"qd-thi-hanh-an-theo-yeu-cau", data.dump(2), debtor, indices});
  }
  return set;
}

std::vector<std::size_t> UncoveredObligations(const model::ExtractionResult& judgment,
                                              const std::vector<Draft>& drafts) {
  std::set<std::size_t> covered;
  for (const Draft& d : drafts) covered.insert(d.obligations.begin(), d.obligations.end());
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < judgment.obligations.size(); ++i) {
    if (!covered.contains(i)) out.push_back(i);
  }
  return out;
}

}  // namespace thads::pipeline
