#include "model/judgment.h"

#include "model/enum_names.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::model {

std::string_view ToString(DocumentKind value) {
  switch (value) {
    case DocumentKind::kJudgment:
      return "ban_an";
    case DocumentKind::kDecision:
      return "quyet_dinh";
  }
  return {};
}

std::string_view ToString(CourtLevel value) {
  switch (value) {
    case CourtLevel::kFirstInstance:
      return "so_tham";
    case CourtLevel::kAppeal:
      return "phuc_tham";
    case CourtLevel::kCassation:
      return "giam_doc_tham";
    case CourtLevel::kReopening:
      return "tai_tham";
  }
  return {};
}

std::string_view ToString(CaseType value) {
  switch (value) {
    case CaseType::kCivil:
      return "DS";
    case CaseType::kFamily:
      return "HNGD";
    case CaseType::kCommercial:
      return "KDTM";
    case CaseType::kLabour:
      return "LD";
    case CaseType::kAdministrative:
      return "HC";
    case CaseType::kCriminal:
      return "HS";
  }
  return {};
}

std::string_view ToString(PartyRole value) {
  switch (value) {
    case PartyRole::kPlaintiff:
      return "nguyen_don";
    case PartyRole::kDefendant:
      return "bi_don";
    case PartyRole::kInterestedParty:
      return "nguoi_lien_quan";
    case PartyRole::kAccused:
      return "bi_cao";
    case PartyRole::kVictim:
      return "bi_hai";
    case PartyRole::kRepresentative:
      return "nguoi_dai_dien";
  }
  return {};
}

std::string_view ToString(PartyKind value) {
  switch (value) {
    case PartyKind::kPerson:
      return "person";
    case PartyKind::kOrganization:
      return "organization";
  }
  return {};
}

std::string_view ToString(ObligationKind value) {
  switch (value) {
    case ObligationKind::kPayDebt:
      return "tra_tien";
    case ObligationKind::kCompensation:
      return "boi_thuong";
    case ObligationKind::kSupport:
      return "cap_duong";
    case ObligationKind::kCourtFee:
      return "an_phi";
    case ObligationKind::kAdvanceFeeRefund:
      return "hoan_tra_tam_ung_an_phi";
    case ObligationKind::kFine:
      return "phat_tien";
    case ObligationKind::kHandOverProperty:
      return "giao_tai_san";
    case ObligationKind::kConfiscation:
      return "tich_thu";
    case ObligationKind::kDestruction:
      return "tieu_huy";
    case ObligationKind::kProceduralCosts:
      return "chi_phi_to_tung";
    case ObligationKind::kOther:
      return "khac";
  }
  return {};
}

std::string_view ToString(PaymentPeriod value) {
  switch (value) {
    case PaymentPeriod::kOnce:
      return "once";
    case PaymentPeriod::kMonthly:
      return "monthly";
    case PaymentPeriod::kInstallments:
      return "installments";
  }
  return {};
}

std::string_view ToString(Initiative value) {
  switch (value) {
    case Initiative::kOwnInitiative:
      return "chu_dong";
    case Initiative::kOnRequest:
      return "theo_yeu_cau";
  }
  return {};
}

Result<DocumentKind> ParseDocumentKind(std::string_view text) {
  return ParseByName(kAllDocumentKinds, text);
}
Result<CourtLevel> ParseCourtLevel(std::string_view text) {
  return ParseByName(kAllCourtLevels, text);
}
Result<CaseType> ParseCaseType(std::string_view text) {
  return ParseByName(kAllCaseTypes, text);
}
Result<PartyRole> ParsePartyRole(std::string_view text) {
  return ParseByName(kAllPartyRoles, text);
}
Result<PartyKind> ParsePartyKind(std::string_view text) {
  return ParseByName(kAllPartyKinds, text);
}
Result<ObligationKind> ParseObligationKind(std::string_view text) {
  return ParseByName(kAllObligationKinds, text);
}
Result<PaymentPeriod> ParsePaymentPeriod(std::string_view text) {
  return ParseByName(kAllPaymentPeriods, text);
}
Result<Initiative> ParseInitiative(std::string_view text) {
  return ParseByName(kAllInitiatives, text);
}

std::string NameKey(std::string_view valid_utf8) {
  const std::string key = text::ToneKey(text::ToLowerVi(text::ToNfc(valid_utf8)));
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool SameName(std::string_view a, std::string_view b) {
  if (text::FindInvalidUtf8(a) != std::string_view::npos ||
      text::FindInvalidUtf8(b) != std::string_view::npos) {
    return false;
  }
  return NameKey(a) == NameKey(b);
}

const Party* FindParty(const ExtractionResult& judgment, std::string_view name,
                       std::optional<PartyRole> role) {
  if (text::FindInvalidUtf8(name) != std::string_view::npos) return nullptr;
  const std::string wanted = NameKey(name);
  for (const Party& party : judgment.parties) {
    if (role.has_value() && party.role != *role) continue;
    if (text::FindInvalidUtf8(party.name) != std::string_view::npos) continue;
    if (NameKey(party.name) == wanted) return &party;
  }
  return nullptr;
}

Initiative DefaultInitiative(ObligationKind kind) {
  switch (kind) {
    case ObligationKind::kCourtFee:
    case ObligationKind::kAdvanceFeeRefund:
    case ObligationKind::kFine:
    case ObligationKind::kConfiscation:
    case ObligationKind::kDestruction:
      return Initiative::kOwnInitiative;
    case ObligationKind::kPayDebt:
    case ObligationKind::kCompensation:
    case ObligationKind::kSupport:
    case ObligationKind::kHandOverProperty:
    case ObligationKind::kProceduralCosts:
    case ObligationKind::kOther:
      return Initiative::kOnRequest;
  }
  return Initiative::kOnRequest;
}

bool IsOwedToState(const Obligation& obligation) {
  switch (obligation.kind) {
    case ObligationKind::kCourtFee:
    case ObligationKind::kFine:
    case ObligationKind::kConfiscation:
    case ObligationKind::kDestruction:
      return true;
    default:
      break;
  }
  return obligation.creditor.has_value() &&
         SameName(*obligation.creditor, kStateCreditor);
}

Initiative DefaultInitiative(const Obligation& obligation) {
  if (IsOwedToState(obligation)) return Initiative::kOwnInitiative;
  return DefaultInitiative(obligation.kind);
}

std::vector<const Obligation*> ObligationsOwedToState(const ExtractionResult& judgment) {
  std::vector<const Obligation*> out;
  for (const Obligation& obligation : judgment.obligations) {
    if (IsOwedToState(obligation)) out.push_back(&obligation);
  }
  return out;
}

}  // namespace thads::model
