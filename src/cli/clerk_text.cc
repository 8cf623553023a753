#include "cli/clerk_text.h"

#include <ostream>

#include "text/dates.h"
#include "text/money.h"

namespace thads::cli {

const char* RoleName(model::PartyRole role) {
  switch (role) {
    case model::PartyRole::kPlaintiff: return "Nguyên đơn";
    case model::PartyRole::kDefendant: return "Bị đơn";
    case model::PartyRole::kInterestedParty: return "Người có quyền lợi, nghĩa vụ liên quan";
    case model::PartyRole::kAccused: return "Bị cáo";
    case model::PartyRole::kVictim: return "Bị hại";
    case model::PartyRole::kRepresentative: return "Người đại diện";
  }
  return "";
}

const char* KindName(model::ObligationKind kind) {
  switch (kind) {
    case model::ObligationKind::kPayDebt: return "Trả tiền";
    case model::ObligationKind::kCompensation: return "Bồi thường";
    case model::ObligationKind::kSupport: return "Cấp dưỡng";
    case model::ObligationKind::kCourtFee: return "Án phí";
    case model::ObligationKind::kAdvanceFeeRefund: return "Hoàn trả tạm ứng án phí";
    case model::ObligationKind::kFine: return "Phạt tiền";
    case model::ObligationKind::kHandOverProperty: return "Giao tài sản";
    case model::ObligationKind::kConfiscation: return "Tịch thu";
    case model::ObligationKind::kDestruction: return "Tiêu hủy";
    case model::ObligationKind::kProceduralCosts: return "Chi phí tố tụng";
    case model::ObligationKind::kOther: return "Khác";
  }
  return "";
}

const char* PeriodName(model::PaymentPeriod period) {
  switch (period) {
    case model::PaymentPeriod::kOnce: return "một lần";
    case model::PaymentPeriod::kMonthly: return "hằng tháng";
    case model::PaymentPeriod::kInstallments: return "nhiều đợt";
  }
  return "";
}

const char* StatusName(model::CaseStatus status) {
  switch (status) {
    case model::CaseStatus::kReceived: return "đã tiếp nhận";
    case model::CaseStatus::kForReview: return "chờ kiểm tra";
    case model::CaseStatus::kInProgress: return "đang thi hành";
    case model::CaseStatus::kNoMeans: return "chưa có điều kiện thi hành";
    case model::CaseStatus::kPostponed: return "hoãn thi hành án";
    case model::CaseStatus::kSuspended: return "tạm đình chỉ";
    case model::CaseStatus::kTransferred: return "đã ủy thác";
    case model::CaseStatus::kTerminated: return "đình chỉ thi hành án";
    case model::CaseStatus::kDone: return "thi hành xong";
  }
  return "";
}

void PrintJudgment(const model::ExtractionResult& r, std::ostream& out) {
  const model::CourtDocument& d = r.document;
  out << "Tòa án: " << d.court.value_or("(không đọc được)") << "\n";
  const bool decision = d.kind == model::DocumentKind::kDecision;
  out << (decision ? "Quyết định số: " : "Bản án số: ") << d.number.value_or("(không đọc được)");
  if (d.date && d.date->ok()) out << ", " << text::FormatNd30Date(*d.date);
  out << "\n";
  if (d.level || d.case_type) {
    out << "Loại: ";
    if (d.case_type) out << model::ToString(*d.case_type);
    if (d.level) {
      static const char* kLevels[] = {"sơ thẩm", "phúc thẩm", "giám đốc thẩm", "tái thẩm"};
      out << (d.case_type ? ", " : "") << kLevels[static_cast<int>(*d.level)];
    }
    out << "\n";
  }
  if (d.subject) out << "Về việc: " << *d.subject << "\n";

  out << "\nĐương sự (" << r.parties.size() << "):\n";
  for (std::size_t i = 0; i < r.parties.size(); ++i) {
    const model::Party& p = r.parties[i];
    out << "  " << i + 1 << ". " << RoleName(p.role);
    if (p.represents) out << " của " << *p.represents;
    out << ": " << p.name;
    if (p.birth_year) out << ", sinh năm " << *p.birth_year;
    if (p.id_number) out << ", số giấy tờ " << *p.id_number;
    if (p.address) out << "; địa chỉ: " << *p.address;
    out << "\n";
  }

  out << "\nNghĩa vụ thi hành án (" << r.obligations.size() << "):\n";
  for (std::size_t i = 0; i < r.obligations.size(); ++i) {
    const model::Obligation& o = r.obligations[i];
    out << "  " << i + 1 << ". " << KindName(o.kind) << ": " << o.debtor.value_or("(chưa rõ)")
        << " → " << o.creditor.value_or("(chưa rõ)");
    if (o.amount_vnd) {
      out << ": " << text::FormatMoney(*o.amount_vnd);
      if (o.period == model::PaymentPeriod::kMonthly) out << "/tháng";
      if (o.amount_words) out << " (" << *o.amount_words << ")";
    }
    out << "; " << PeriodName(o.period) << "; "
        << (o.initiative == model::Initiative::kOwnInitiative ? "chủ động" : "theo yêu cầu");
    if (o.late_interest) out << "; có lãi chậm thi hành án";
    if (o.source) out << " [trang " << o.source->page << "]";
    out << "\n";
  }
  if (!r.warnings.empty()) {
    out << "\nCảnh báo (" << r.warnings.size() << "):\n";
    for (const model::Warning& w : r.warnings) {
      out << "  - " << w.message;
      if (w.source) out << " [trang " << w.source->page << ", byte " << w.source->start << "]";
      out << " (" << w.code << ")\n";
    }
  }
}

}  // namespace thads::cli
