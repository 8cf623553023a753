// What extraction reads from a court judgment or decision: its header, parties,
// obligations and warnings. Mirrors docs/extraction-schema.md (the contract);
// JSON reading and writing is in json_io.h. All strings are NFC UTF-8.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/extra_keys.h"

namespace thads::model {

// ---- Enumerations --------------------------------------------------------
// ToString gives the schema's spelling; ParseX accepts exactly that spelling and
// otherwise fails with `expected one of a, b, c; got "x"`.

enum class DocumentKind {  // loại văn bản của Tòa án
  kJudgment,               // ban_an (bản án)
  kDecision,  // quyet_dinh (quyết định, e.g. công nhận sự thỏa thuận)
};
inline constexpr std::array kAllDocumentKinds = {DocumentKind::kJudgment,
                                                 DocumentKind::kDecision};
std::string_view ToString(DocumentKind value);
Result<DocumentKind> ParseDocumentKind(std::string_view text);

enum class CourtLevel {  // cấp xét xử
  kFirstInstance,        // so_tham (sơ thẩm)
  kAppeal,               // phuc_tham (phúc thẩm)
  kCassation,            // giam_doc_tham (giám đốc thẩm)
  kReopening,            // tai_tham (tái thẩm)
};
inline constexpr std::array kAllCourtLevels = {
    CourtLevel::kFirstInstance, CourtLevel::kAppeal, CourtLevel::kCassation,
    CourtLevel::kReopening};
std::string_view ToString(CourtLevel value);
Result<CourtLevel> ParseCourtLevel(std::string_view text);

enum class CaseType {  // loại vụ án, from the number's symbol suffix
  kCivil,              // DS (dân sự)
  kFamily,             // HNGD (hôn nhân gia đình)
  kCommercial,         // KDTM (kinh doanh thương mại)
  kLabour,             // LD (lao động)
  kAdministrative,     // HC (hành chính)
  kCriminal,           // HS (hình sự)
};
inline constexpr std::array kAllCaseTypes = {
    CaseType::kCivil,  CaseType::kFamily,         CaseType::kCommercial,
    CaseType::kLabour, CaseType::kAdministrative, CaseType::kCriminal};
std::string_view ToString(CaseType value);
Result<CaseType> ParseCaseType(std::string_view text);

enum class PartyRole {  // tư cách đương sự
  kPlaintiff,           // nguyen_don (nguyên đơn)
  kDefendant,           // bi_don (bị đơn)
  kInterestedParty,  // nguoi_lien_quan (người có quyền lợi, nghĩa vụ liên quan)
  kAccused,          // bi_cao (bị cáo)
  kVictim,           // bi_hai (bị hại)
  kRepresentative,  // nguoi_dai_dien (người đại diện); Party::represents names whom
};
inline constexpr std::array kAllPartyRoles = {
    PartyRole::kPlaintiff, PartyRole::kDefendant, PartyRole::kInterestedParty,
    PartyRole::kAccused,   PartyRole::kVictim,    PartyRole::kRepresentative};
std::string_view ToString(PartyRole value);
Result<PartyRole> ParsePartyRole(std::string_view text);

enum class PartyKind {
  kPerson,        // person (cá nhân)
  kOrganization,  // organization (cơ quan, tổ chức)
};
inline constexpr std::array kAllPartyKinds = {PartyKind::kPerson,
                                              PartyKind::kOrganization};
std::string_view ToString(PartyKind value);
Result<PartyKind> ParsePartyKind(std::string_view text);

enum class ObligationKind {  // loại nghĩa vụ
  kPayDebt,                  // tra_tien (trả tiền)
  kCompensation,             // boi_thuong (bồi thường)
  kSupport,                  // cap_duong (cấp dưỡng)
  kCourtFee,                 // an_phi (án phí, owed to the State)
  kAdvanceFeeRefund,         // hoan_tra_tam_ung_an_phi (hoàn trả tạm ứng án phí)
  kFine,                     // phat_tien (phạt tiền)
  kHandOverProperty,         // giao_tai_san (giao tài sản, quyền sử dụng đất)
  kConfiscation,             // tich_thu (tịch thu)
  kDestruction,              // tieu_huy (tiêu hủy)
  kProceduralCosts,          // chi_phi_to_tung (chi phí tố tụng between parties)
  kOther,                    // khac (khác)
};
inline constexpr std::array kAllObligationKinds = {ObligationKind::kPayDebt,
                                                   ObligationKind::kCompensation,
                                                   ObligationKind::kSupport,
                                                   ObligationKind::kCourtFee,
                                                   ObligationKind::kAdvanceFeeRefund,
                                                   ObligationKind::kFine,
                                                   ObligationKind::kHandOverProperty,
                                                   ObligationKind::kConfiscation,
                                                   ObligationKind::kDestruction,
                                                   ObligationKind::kProceduralCosts,
                                                   ObligationKind::kOther};
std::string_view ToString(ObligationKind value);
Result<ObligationKind> ParseObligationKind(std::string_view text);

enum class PaymentPeriod {  // kỳ thực hiện
  kOnce,                    // once (một lần)
  kMonthly,                 // monthly (hằng tháng)
  kInstallments,            // installments (nhiều lần, theo đợt)
};
inline constexpr std::array kAllPaymentPeriods = {
    PaymentPeriod::kOnce, PaymentPeriod::kMonthly, PaymentPeriod::kInstallments};
std::string_view ToString(PaymentPeriod value);
Result<PaymentPeriod> ParsePaymentPeriod(std::string_view text);

enum class Initiative {  // cách ra quyết định thi hành án
  kOwnInitiative,        // chu_dong (chủ động)
  kOnRequest,            // theo_yeu_cau (theo yêu cầu)
};
inline constexpr std::array kAllInitiatives = {Initiative::kOwnInitiative,
                                               Initiative::kOnRequest};
std::string_view ToString(Initiative value);
Result<Initiative> ParseInitiative(std::string_view text);

// ---- Values --------------------------------------------------------------

// Where in the OCR text something was read. page is 1-based; start <= end.
struct SourceSpan {
  std::int32_t page = 1;
  std::int64_t start = 0;
  std::int64_t end = 0;
  ExtraKeys extra;

  friend bool operator==(const SourceSpan&, const SourceSpan&) = default;
};

// The judgment's header block. Every field is nullopt when it could not be read
// ("unknown values are null, never guessed").
struct CourtDocument {               // phần đầu bản án / quyết định
  std::optional<std::string> court;  // "Tòa án nhân dân huyện Đầm Dơi, tỉnh Cà Mau"
  std::optional<std::string> number;  // số và ký hiệu: "70/2017/DS-ST"
  std::optional<std::chrono::year_month_day> date;
  std::optional<DocumentKind> kind;
  std::optional<CourtLevel> level;
  std::optional<CaseType> case_type;
  std::optional<std::string> subject;  // trích yếu: "tranh chấp hợp đồng vay tài sản"
  ExtraKeys extra;

  friend bool operator==(const CourtDocument&, const CourtDocument&) = default;
};

// One entry per role a person or organization holds in the judgment.
struct Party {  // đương sự
  PartyRole role = PartyRole::kPlaintiff;
  std::string name;  // as written, without Ông/Bà/Anh/Chị; never empty
  PartyKind kind = PartyKind::kPerson;
  std::optional<std::int32_t> birth_year;  // 1800-2200 when present
  std::optional<std::string> id_number;    // CCCD / CMND / registration number
  std::optional<std::string> address;
  std::optional<std::string> represents;  // name of the party represented
  ExtraKeys extra;

  friend bool operator==(const Party&, const Party&) = default;
};

struct Obligation {                     // nghĩa vụ thi hành án
  std::optional<std::string> debtor;    // joint debtors joined with " và "
  std::optional<std::string> creditor;  // "Nhà nước" for fees, fines, confiscation
  ObligationKind kind = ObligationKind::kOther;
  std::optional<std::int64_t>
      amount_vnd;  // integer đồng, >= 0; monthly amount if monthly
  std::optional<std::string> amount_words;
  PaymentPeriod period = PaymentPeriod::kOnce;
  Initiative initiative = Initiative::kOnRequest;
  bool late_interest = false;  // the judgment orders interest on late payment
  std::optional<SourceSpan> source;
  ExtraKeys extra;

  friend bool operator==(const Obligation&, const Obligation&) = default;
};

// A doubt about the extraction, tied to the text when possible.
struct Warning {        // cảnh báo
  std::string code;     // e.g. "amount_mismatch"; never empty
  std::string message;  // for the clerk
  std::optional<SourceSpan> source;
  ExtraKeys extra;

  friend bool operator==(const Warning&, const Warning&) = default;
};

// The extraction result: one judgment or court decision.
struct ExtractionResult {  // bản án / quyết định đã trích xuất
  CourtDocument document;
  std::vector<Party> parties;
  std::vector<Obligation> obligations;
  std::vector<Warning> warnings;
  ExtraKeys extra;

  friend bool operator==(const ExtractionResult&, const ExtractionResult&) = default;
};
using Judgment = ExtractionResult;

// ---- Helpers -------------------------------------------------------------

// The creditor named for amounts owed to the State.
inline constexpr std::string_view kStateCreditor = "Nhà nước";

// True when two names denote the same written name: compared in NFC, ignoring
// letter case, runs of spaces and the tone-placement convention (Hòa = Hoà), but
// not accents (Tâm != Tam). False when either is not valid UTF-8.
bool SameName(std::string_view a, std::string_view b);

// The key SameName compares: lower case, canonical tone placement, single spaces,
// no leading or trailing space. Precondition: valid UTF-8.
std::string NameKey(std::string_view valid_utf8);

// The first party whose name is SameName as `name` (and whose role is `role`,
// when given); nullptr when none. The pointer lives as long as `judgment`.
const Party* FindParty(const ExtractionResult& judgment, std::string_view name,
                       std::optional<PartyRole> role = std::nullopt);

// The initiative the law gives an obligation kind by default: chủ động for court
// fees, fines, confiscation, destruction and advance-fee refunds; theo yêu cầu for
// everything owed to a party (Luật THADS 2008, Điều 36).
Initiative DefaultInitiative(ObligationKind kind);

// Owed to the State: the creditor is "Nhà nước", or the kind is an_phi, phat_tien,
// tich_thu or tieu_huy. (An advance-fee refund is chủ động but owed to a party.)
bool IsOwedToState(const Obligation& obligation);

// chủ động when DefaultInitiative(kind) says so or the obligation is owed to the
// State (e.g. a khac order in favour of "Nhà nước"); theo yêu cầu otherwise.
Initiative DefaultInitiative(const Obligation& obligation);

// The obligations IsOwedToState, in judgment order; pointers into `judgment`.
std::vector<const Obligation*> ObligationsOwedToState(const ExtractionResult& judgment);

}  // namespace thads::model
