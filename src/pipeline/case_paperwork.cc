#include "pipeline/case_paperwork.h"

#include <nlohmann/json.hpp>

#include "model/json_io.h"
#include "text/money.h"

namespace thads::pipeline {
namespace {

using Json = nlohmann::ordered_json;

// "Lương Văn Minh: Trả cho Nguyễn Việt Tâm 150.000.000 đồng"
std::string ObligationLine(const model::Obligation& o) {
  std::string line = o.debtor.value_or("(người phải thi hành án chưa rõ)") + ": " +
                     ObligationContent(o);
  if (o.amount_vnd) line += " " + text::FormatMoney(*o.amount_vnd);
  return line;
}

std::vector<std::string> Uncovered(const model::ExtractionResult& judgment,
                                   const std::vector<Draft>& decisions) {
  std::vector<std::string> out;
  for (std::size_t i : UncoveredObligations(judgment, decisions)) {
    const model::Obligation& o = judgment.obligations[i];
    out.push_back(ObligationLine(o) +
                  (o.initiative == model::Initiative::kOnRequest
                       ? " — theo yêu cầu: chờ đơn yêu cầu của " +
                             o.creditor.value_or("người được thi hành án") + " (thads request)"
                       : " — chủ động nhưng chưa có trong quyết định nào: lập bằng tay"));
  }
  return out;
}

Result<Json> ParseJson(const std::string& text, const std::string& what) {
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::Error(StatusCode::kCorrupt, what + " is not a JSON object");
  }
  return j;
}

// Renders and stores `drafts` (decisions first: notices name the decision
// they announce by its stored id). Returns the documents' descriptions.
Result<std::vector<std::string>> StoreDrafts(archive::Transaction& tx, std::int64_t case_id,
                                             const model::ExtractionResult& judgment,
                                             const std::vector<Draft>& decisions,
                                             const std::vector<Draft>& notices,
                                             Paperwork& paperwork) {
  std::vector<std::string> out;
  std::vector<std::int64_t> decision_ids;
  std::vector<archive::BlobHash> decision_data;
  // A notice names the decision it announces by the hash of the decision's
  // data: stable when the case is exported and imported under other ids.
  const auto store = [&](const Draft& draft, std::optional<std::int64_t> announces,
                         const archive::BlobHash& announces_data) -> Result<std::int64_t> {
    Result<RenderedDocument> rendered =
        paperwork.Render(draft.template_name, draft.data_json, DraftSubject(draft));
    if (!rendered.ok()) return rendered.status();
    Result<archive::BlobHash> pdf = tx.PutBlob(rendered->pdf);
    if (!pdf.ok()) return pdf.status();
    Result<archive::BlobHash> data = tx.PutBlob(draft.data_json);
    if (!data.ok()) return data.status();
    model::GeneratedDocument doc = std::move(rendered->document);
    doc.case_id = std::to_string(case_id);
    if (judgment.document.number) doc.file_notation = *judgment.document.number;
    Json extra;
    extra["data_sha256"] = *data;
    extra["obligations"] = draft.obligations;
    if (!draft.debtor.empty()) extra["debtor"] = draft.debtor;
    if (!draft.recipient.empty()) extra["recipient"] = draft.recipient;
    if (announces) {
      extra["announces"] = *announces;
      extra["announces_data"] = announces_data;
    }
    if (!announces) decision_data.push_back(*data);
    Result<model::ExtraKeys> keys = model::ExtraKeys::FromJson(extra.dump());
    if (!keys.ok()) return keys.status();
    doc.extra = std::move(keys).value();
    Result<std::int64_t> id = tx.AddDocument(case_id, doc, *pdf);
    if (!id.ok()) return id.status();
    out.push_back(std::to_string(*id) + " " + doc.kind + " (dự thảo): " + doc.subject);
    return *id;
  };
  for (const Draft& d : decisions) {
    Result<std::int64_t> id = store(d, std::nullopt, "");
    if (!id.ok()) return id.status();
    decision_ids.push_back(*id);
  }
  for (const Draft& n : notices) {
    std::optional<std::int64_t> announces;
    archive::BlobHash announces_data;
    if (n.announces) {
      announces = decision_ids.at(*n.announces);
      announces_data = decision_data.at(*n.announces);
    }
    Result<std::int64_t> id = store(n, announces, announces_data);
    if (!id.ok()) return id.status();
  }
  return out;
}

// The chủ động decisions and the notices of a judgment nothing is in doubt about.
Result<CaseOutcome> DraftCase(archive::Transaction& tx, std::int64_t case_id,
                              const model::ExtractionResult& judgment, text::Date date,
                              Paperwork& paperwork) {
  CaseOutcome outcome;
  outcome.case_id = case_id;
  DraftContext context;
  context.decision_date = date;
  context.office_address = paperwork.office().address;
  const DraftSet decisions = DraftOwnInitiativeDecisions(judgment, context);
  const DraftSet notices = DraftNotices(judgment, decisions.drafts, context);
  Result<std::vector<std::string>> docs =
      StoreDrafts(tx, case_id, judgment, decisions.drafts, notices.drafts, paperwork);
  if (!docs.ok()) return docs.status();
  outcome.documents = std::move(docs).value();
  outcome.uncovered = Uncovered(judgment, decisions.drafts);
  std::vector<std::string> problems = decisions.problems;
  problems.insert(problems.end(), notices.problems.begin(), notices.problems.end());
  for (const std::string& p : problems) {
    outcome.note += (outcome.note.empty() ? "" : "; ") + p;
  }
  if (!problems.empty()) {
    // A paper that could not be drafted needs a person: the case says so.
    outcome.for_review = true;
    THADS_RETURN_IF_ERROR(tx.SetCaseStatus(case_id, model::CaseStatus::kForReview));
  }
  return outcome;
}

// The decision a notice announces: the case's document whose data hash the
// notice names (ids change when a case is imported elsewhere).
Result<archive::StoredDocument> AnnouncedDecision(archive::Store& store,
                                                  const archive::StoredDocument& notice,
                                                  const Json& extra) {
  const std::string data = extra.value("announces_data", "");
  if (archive::IsBlobHash(data)) {
    Result<std::vector<archive::StoredDocument>> docs = store.DocumentsOfCase(notice.case_id);
    if (!docs.ok()) return docs.status();
    for (const archive::StoredDocument& d : *docs) {
      Result<Json> e = ParseJson(d.document.extra.json(), "document extra");
      if (e.ok() && d.id != notice.id && e->value("data_sha256", "") == data) return d;
    }
    return Status::NotFound("the decision notice " + std::to_string(notice.id) +
                            " announces is not in its case");
  }
  return store.GetDocument(extra.value("announces", std::int64_t{0}));
}

}  // namespace

Result<CaseOutcome> FileJudgment(archive::Transaction& tx, const CaseFiling& filing) {
  const model::ExtractionResult& judgment = filing.judgment;
  Result<archive::CaseRecord> record =
      tx.CreateOrFindCase(judgment.document, filing.paperwork.OfficeName());
  if (!record.ok()) return record.status();
  CaseOutcome outcome;
  outcome.case_id = record->id;
  if (record->current_version > 0) {
    outcome.note = "the judgment " + record->number + " is already case " +
                   std::to_string(record->id) + "; this file was added to it";
    return outcome;
  }
  Result<std::int32_t> version =
      tx.AddExtraction(record->id, {judgment, "read from " + filing.source_name, {}, {}});
  if (!version.ok()) return version.status();
  if (!judgment.warnings.empty()) {
    THADS_RETURN_IF_ERROR(tx.SetCaseStatus(record->id, model::CaseStatus::kForReview));
    outcome.for_review = true;
    for (const model::Warning& w : judgment.warnings) {
      outcome.note += (outcome.note.empty() ? "" : "; ") + w.code + ": " + w.message;
    }
    return outcome;
  }
  return DraftCase(tx, record->id, judgment, filing.date, filing.paperwork);
}

Result<CaseOutcome> ConfirmCase(archive::Store& store, std::int64_t case_id,
                                const std::optional<model::ExtractionResult>& corrected,
                                const std::string& note, text::Date date, Paperwork& paperwork) {
  Result<std::vector<archive::StoredDocument>> existing = store.DocumentsOfCase(case_id);
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) {
    return Status::Error(StatusCode::kAlreadyExists,
                         "case " + std::to_string(case_id) + " already has its papers (" +
                             std::to_string(existing->size()) + " documents)");
  }
  Result<model::ExtractionResult> current = store.CurrentExtraction(case_id);
  if (!current.ok() && !corrected) return current.status();
  Result<std::unique_ptr<archive::Transaction>> tx = store.Begin();
  if (!tx.ok()) return tx.status();
  model::ExtractionResult judgment = corrected ? *corrected : *current;
  if (corrected) {
    Result<std::int32_t> v = (*tx)->AddExtraction(
        case_id, {judgment, note.empty() ? "corrected on review" : note, {}, {}});
    if (!v.ok()) return v.status();
  } else {
    THADS_RETURN_IF_ERROR((*tx)->Audit("case.review.accept", "case/" + std::to_string(case_id),
                                       archive::Sha256Hex(model::ToJson(judgment))));
  }
  THADS_RETURN_IF_ERROR((*tx)->SetCaseStatus(case_id, model::CaseStatus::kReceived));
  Result<CaseOutcome> outcome = DraftCase(**tx, case_id, judgment, date, paperwork);
  if (!outcome.ok()) return outcome.status();
  THADS_RETURN_IF_ERROR((*tx)->Commit());
  return outcome;
}

Result<std::vector<std::int64_t>> DraftRequestedDecisions(archive::Store& store,
                                                         std::int64_t case_id,
                                                         const std::string& creditor,
                                                         text::Date request_date,
                                                         text::Date date, Paperwork& paperwork) {
  Result<archive::CaseRecord> record = store.GetCase(case_id);
  if (!record.ok()) return record.status();
  if (record->status == model::CaseStatus::kForReview) {
    return Status::Invalid("case " + std::to_string(case_id) +
                           " is waiting for review; confirm its reading first (thads review)");
  }
  Result<model::ExtractionResult> judgment = store.CurrentExtraction(case_id);
  if (!judgment.ok()) return judgment.status();
  DraftContext context;
  context.decision_date = date;
  context.office_address = paperwork.office().address;
  Result<DraftSet> drafts = DraftOnRequestDecisions(*judgment, creditor, request_date, context);
  if (!drafts.ok()) return drafts.status();
  if (drafts->drafts.empty()) {
    return Status::Invalid("no decision could be drafted: " +
                           (drafts->problems.empty() ? std::string("nothing owed")
                                                     : drafts->problems.front()));
  }
  // One request, one decision per debtor: a second request is refused.
  Result<std::vector<archive::StoredDocument>> existing = store.DocumentsOfCase(case_id);
  if (!existing.ok()) return existing.status();
  for (const archive::StoredDocument& d : *existing) {
    if (d.document.template_id != "qd-thi-hanh-an-theo-yeu-cau") continue;
    Result<Json> extra = ParseJson(d.document.extra.json(), "document extra");
    if (!extra.ok()) continue;
    for (const Draft& draft : drafts->drafts) {
      if (model::SameName(extra->value("recipient", ""), creditor) &&
          model::SameName(extra->value("debtor", ""), draft.debtor)) {
        return Status::Error(StatusCode::kAlreadyExists,
                             "the request of " + creditor + " against " + draft.debtor +
                                 " already has its decision (document " + std::to_string(d.id) +
                                 ")");
      }
    }
  }
  Result<std::unique_ptr<archive::Transaction>> tx = store.Begin();
  if (!tx.ok()) return tx.status();
  Result<std::vector<std::string>> stored =
      StoreDrafts(**tx, case_id, *judgment, drafts->drafts, {}, paperwork);
  if (!stored.ok()) return stored.status();
  THADS_RETURN_IF_ERROR((*tx)->Audit("case.request", "case/" + std::to_string(case_id),
                                     archive::Sha256Hex(creditor + " " +
                                                        text::FormatIsoDate(request_date))));
  if (record->status == model::CaseStatus::kReceived) {
    THADS_RETURN_IF_ERROR((*tx)->SetCaseStatus(case_id, model::CaseStatus::kInProgress));
  }
  THADS_RETURN_IF_ERROR((*tx)->Commit());
  std::vector<std::int64_t> ids;
  for (const std::string& line : *stored) ids.push_back(std::stoll(line));
  return ids;
}

Result<archive::StoredDocument> ApproveDraft(archive::Store& store, std::int64_t document_id,
                                             const Approval& approval, Paperwork& paperwork) {
  if (approval.by.empty()) return Status::Invalid("approval needs the approving officer's name");
  Result<archive::StoredDocument> draft = store.GetDocument(document_id);
  if (!draft.ok()) return draft.status();
  if (draft->document.status == model::DocumentStatus::kApproved) {
    return Status::Error(StatusCode::kAlreadyExists,
                         "document " + std::to_string(document_id) + " is already approved as số " +
                             std::to_string(draft->document.number.value_or(0)) + "/" +
                             draft->document.symbol.value_or(""));
  }
  Result<Json> extra = ParseJson(draft->document.extra.json(), "document extra");
  if (!extra.ok()) return extra.status();
  const std::string data_hash = extra->value("data_sha256", "");
  if (!archive::IsBlobHash(data_hash)) {
    return Status::Invalid("document " + std::to_string(document_id) +
                           " was not drafted by thads (no stored data); number it by hand");
  }
  Result<std::string> data_text = store.GetBlob(data_hash);
  if (!data_text.ok()) return data_text.status();
  Result<Json> data = ParseJson(*data_text, "data of document " + std::to_string(document_id));
  if (!data.ok()) return data.status();
  if (extra->contains("announces")) {
    Result<archive::StoredDocument> decision = AnnouncedDecision(store, *draft, *extra);
    if (!decision.ok()) return decision.status();
    const std::int64_t decision_id = decision->id;
    if (decision->document.status != model::DocumentStatus::kApproved ||
        !decision->document.number || !decision->document.issue_date) {
      return Status::Invalid("document " + std::to_string(document_id) +
                             " announces decision " + std::to_string(decision_id) +
                             ", which is not approved yet; approve it first");
    }
    (*data)["decision"]["number"] = std::to_string(*decision->document.number) + "/" +
                                    decision->document.symbol.value_or("");
    (*data)["decision"]["date"] = text::FormatIsoDate(*decision->document.issue_date);
  }
  if (data->contains("officer") && data->at("officer").is_object() &&
      data->at("officer").value("name", "") == kBlank) {
    (*data)["officer"]["name"] = approval.officer.empty() ? approval.by : approval.officer;
  }
  Result<std::unique_ptr<archive::Transaction>> tx = store.Begin();
  if (!tx.ok()) return tx.status();
  archive::Transaction& t = **tx;
  Result<archive::StoredDocument> approved = t.ApproveDocument(
      document_id, approval.date,
      [&](const archive::StoredDocument& numbered) -> Result<archive::BlobHash> {
        (*data)["document"]["number"] = std::to_string(numbered.document.number.value_or(0));
        (*data)["document"]["date"] = text::FormatIsoDate(approval.date);
        Result<RenderedDocument> rendered = paperwork.Render(
            numbered.document.template_id, data->dump(2), numbered.document.subject);
        if (!rendered.ok()) return rendered.status();
        return t.PutBlob(rendered->pdf);
      });
  if (!approved.ok()) return approved.status();
  THADS_RETURN_IF_ERROR(t.Commit());
  return approved;
}

}  // namespace thads::pipeline
