// A document the office issues (văn bản): a decision, notice or minutes made from
// a template, with the archive metadata of Nghị định 30/2020/NĐ-CP, Phụ lục VI.
// JSON reading and writing is in json_io.h.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/extra_keys.h"

namespace thads::model {

enum class DocumentStatus {  // tình trạng văn bản
  kDraft,                    // draft (dự thảo)
  kApproved,                 // approved (đã duyệt, ready to sign and issue)
};
inline constexpr std::array kAllDocumentStatuses = {DocumentStatus::kDraft,
                                                    DocumentStatus::kApproved};
std::string_view ToString(DocumentStatus value);
Result<DocumentStatus> ParseDocumentStatus(std::string_view text);

enum class Urgency {  // mức độ khẩn
  kNormal,            // normal (thường)
  kUrgent,            // urgent (khẩn)
  kVeryUrgent,        // very_urgent (thượng khẩn)
  kFlash,             // flash (hỏa tốc)
};
inline constexpr std::array kAllUrgencies = {Urgency::kNormal, Urgency::kUrgent,
                                             Urgency::kVeryUrgent, Urgency::kFlash};
std::string_view ToString(Urgency value);
Result<Urgency> ParseUrgency(std::string_view text);

struct GeneratedDocument {             // văn bản thi hành án
  std::string template_id;             // the template it was made from; never empty
  std::optional<std::string> case_id;  // Case::id of the case it belongs to
  std::string kind;  // tên loại văn bản, e.g. "Quyết định"; never empty
  std::optional<std::int32_t> number;  // số, >= 1; assigned at registration
  std::optional<std::string> symbol;   // ký hiệu, e.g. "QĐ-THADS"
  std::string agency;                  // tên cơ quan ban hành; never empty
  std::optional<std::chrono::year_month_day> issue_date;  // ngày ban hành
  std::string subject;                                    // trích yếu nội dung
  std::optional<std::string> signer;                      // người ký
  std::optional<std::int32_t> page_count;                 // số trang, >= 1
  DocumentStatus status = DocumentStatus::kDraft;
  // Archive metadata (ND 30 Phụ lục VI).
  std::optional<std::string> agency_code;  // mã định danh của cơ quan
  std::optional<std::string> file_catalogue;  // mục lục số hoặc năm hình thành hồ sơ
  std::optional<std::string> file_notation;  // số và ký hiệu hồ sơ
  std::optional<std::int32_t> ordinal;  // số thứ tự văn bản trong hồ sơ, >= 1
  Urgency priority = Urgency::kNormal;  // mức độ khẩn
  std::optional<std::chrono::year_month_day> due_date;  // hạn giải quyết
  ExtraKeys extra;

  friend bool operator==(const GeneratedDocument&, const GeneratedDocument&) = default;
};

// True when both documents carry a number and the same number, symbol and agency
// (agency compared as SameName) — ND 30 asks archives to flag such duplicates.
bool SameRegistration(const GeneratedDocument& a, const GeneratedDocument& b);

}  // namespace thads::model
