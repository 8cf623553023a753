#include "pipeline/drafts.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "text/money.h"
#include "text/normalize.h"

namespace thads::pipeline {
namespace {

using Json = nlohmann::ordered_json;

}  // namespace

std::string ObligationContent(const model::Obligation& o) {
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

namespace {

std::string Content(const model::Obligation& o) { return ObligationContent(o); }

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
    set.drafts.push_back(
        {"qd-thi-hanh-an-chu-dong", data.dump(2), debtor, indices, "", std::nullopt});
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
    set.drafts.push_back(
        {"qd-thi-hanh-an-theo-yeu-cau", data.dump(2), debtor, indices, creditor, std::nullopt});
  }
  return set;
}

namespace {

// "Nộp tiền án phí: 300.000 đồng (Ba trăm nghìn đồng)."
std::string PointText(const model::Obligation& o) {
  std::string text = Content(o);
  if (o.amount_vnd) {
    text += ": " + text::FormatMoney(*o.amount_vnd) + " (" + text::MoneyToWords(*o.amount_vnd) +
            ")";
    if (o.period == model::PaymentPeriod::kMonthly) text += " mỗi tháng";
  }
  return text + ".";
}

// An enforcement office (it refunds advance fees): told by its own
// paperwork, not by a notice.
bool IsOffice(const std::string& name) {
  return text::FoldForSearch(name).find("thi hanh an") != std::string::npos;
}

}  // namespace

DraftSet DraftNotices(const model::ExtractionResult& judgment,
                      const std::vector<Draft>& decisions, const DraftContext& context) {
  DraftSet set;
  const std::string officer = context.officer.empty() ? std::string(kBlank) : context.officer;
  // Debtors of chủ động decisions: what the decision orders them to do.
  for (std::size_t d = 0; d < decisions.size(); ++d) {
    const Draft& decision = decisions[d];
    if (decision.template_name != "qd-thi-hanh-an-chu-dong") continue;
    // A refund the office itself makes (hoàn trả tạm ứng án phí) is told to
    // the party refunded; every other decision to its debtor.
    const bool office_pays = IsOffice(decision.debtor);
    std::vector<std::string> recipients;
    if (office_pays) {
      for (std::size_t i : decision.obligations) {
        const std::string creditor = judgment.obligations.at(i).creditor.value_or("");
        if (creditor.empty() || creditor == model::kStateCreditor) continue;
        if (std::none_of(recipients.begin(), recipients.end(),
                         [&](const std::string& r) { return model::SameName(r, creditor); })) {
          recipients.push_back(creditor);
        }
      }
    } else {
      recipients.push_back(decision.debtor);
    }
    for (const std::string& recipient : recipients) {
      std::string problem;
      Json data;
      data["document"] = {{"date", text::FormatIsoDate(context.decision_date)}};
      data["decision"] = {{"number", std::string(kBlank)},
                          {"date", text::FormatIsoDate(context.decision_date)}};
      data["recipient"] = PartyJson(judgment, recipient, DraftContext{}, problem);
      if (!problem.empty()) {
        set.problems.push_back("no notice for " + recipient + ": " + problem);
        continue;
      }
      data["recipient"]["role"] = office_pays ? "người được thi hành án" : "người phải thi hành án";
      Json points = Json::array();
      std::vector<std::size_t> told;
      for (std::size_t i : decision.obligations) {
        const model::Obligation& o = judgment.obligations.at(i);
        if (office_pays && !(o.creditor && model::SameName(*o.creditor, recipient))) continue;
        points.push_back({{"text", PointText(o)}});
        told.push_back(i);
      }
      data["points"] = std::move(points);
      if (!office_pays) data["voluntary_days"] = context.voluntary_days;
      data["officer"] = {{"name", officer}};
      set.drafts.push_back(
          {"thong-bao-thi-hanh-an", data.dump(2), decision.debtor, told, recipient, d});
    }
  }
  // Parties owed something on request: what the judgment gives them, and
  // their right to ask for its enforcement.
  std::vector<std::pair<std::string, std::vector<std::size_t>>> creditors;
  for (std::size_t i = 0; i < judgment.obligations.size(); ++i) {
    const model::Obligation& o = judgment.obligations[i];
    if (o.initiative != model::Initiative::kOnRequest || !o.creditor ||
        *o.creditor == model::kStateCreditor || IsOffice(*o.creditor)) {
      continue;
    }
    auto it = std::find_if(creditors.begin(), creditors.end(),
                           [&](const auto& c) { return model::SameName(c.first, *o.creditor); });
    if (it == creditors.end()) {
      creditors.push_back({*o.creditor, {i}});
    } else {
      it->second.push_back(i);
    }
  }
  if (!creditors.empty() && MissingHeader(judgment.document)) {
    set.problems.push_back("no notice to the parties owed on request: " +
                           *MissingHeader(judgment.document) + " was not read");
    return set;
  }
  for (auto& [creditor, indices] : creditors) {
    std::string problem;
    Json data;
    data["document"] = {{"date", text::FormatIsoDate(context.decision_date)}};
    data["judgment"] = JudgmentJson(judgment.document);
    data["recipient"] = PartyJson(judgment, creditor, DraftContext{}, problem);
    if (!problem.empty()) {
      set.problems.push_back("no notice for " + creditor + ": " + problem);
      continue;
    }
    data["recipient"]["role"] = "người được thi hành án";
    Json points = Json::array();
    for (std::size_t i : indices) {
      const model::Obligation& o = judgment.obligations[i];
      points.push_back({{"text", o.debtor.value_or(std::string(kBlank)) + " phải thi hành: " +
                                     PointText(o)}});
    }
    points.push_back(
        {{"text", "Người được thi hành án có quyền làm đơn yêu cầu thi hành án các khoản trên "
                  "gửi cơ quan thi hành án dân sự trong thời hiệu yêu cầu thi hành án theo "
                  "quy định của pháp luật."}});
    data["points"] = std::move(points);
    data["officer"] = {{"name", officer}};
    set.drafts.push_back(
        {"thong-bao-thi-hanh-an", data.dump(2), "", indices, creditor, std::nullopt});
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
