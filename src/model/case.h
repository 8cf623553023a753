// An enforcement case file as the office keeps it: the judgment it enforces and
// where the case stands. JSON reading and writing is in json_io.h.
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/extra_keys.h"
#include "model/judgment.h"

namespace thads::model {

// Where a case stands, in workflow order. Spellings are snake_case English.
enum class CaseStatus {  // trạng thái hồ sơ
  kReceived,             // received (đã tiếp nhận)
  kForReview,            // for_review (extraction awaits the clerk's check)
  kInProgress,           // in_progress (đang thi hành)
  kNoMeans,              // no_means (chưa có điều kiện thi hành)
  kPostponed,            // postponed (hoãn thi hành án)
  kSuspended,            // suspended (tạm đình chỉ thi hành án)
  kTransferred,          // transferred (ủy thác to another office)
  kTerminated,           // terminated (đình chỉ thi hành án)
  kDone,                 // done (thi hành xong)
};
inline constexpr std::array kAllCaseStatuses = {
    CaseStatus::kReceived,    CaseStatus::kForReview,  CaseStatus::kInProgress,
    CaseStatus::kNoMeans,     CaseStatus::kPostponed,  CaseStatus::kSuspended,
    CaseStatus::kTransferred, CaseStatus::kTerminated, CaseStatus::kDone};
std::string_view ToString(CaseStatus value);
Result<CaseStatus> ParseCaseStatus(std::string_view text);

// True for the statuses that end a case at this office: transferred,
// terminated, done.
bool IsClosed(CaseStatus status);

struct Case {      // hồ sơ thi hành án
  std::string id;  // the office's case reference; never empty
  std::string office;  // the enforcing office, e.g. "Phòng Thi hành án dân sự khu vực 1"
  std::chrono::year_month_day received_date{};  // ngày tiếp nhận
  CaseStatus status = CaseStatus::kReceived;
  Judgment judgment;
  ExtraKeys extra;

  friend bool operator==(const Case&, const Case&) = default;
};

}  // namespace thads::model
