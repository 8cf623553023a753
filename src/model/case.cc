#include "model/case.h"

#include "model/enum_names.h"

namespace thads::model {

std::string_view ToString(CaseStatus value) {
  switch (value) {
    case CaseStatus::kReceived:
      return "received";
    case CaseStatus::kForReview:
      return "for_review";
    case CaseStatus::kInProgress:
      return "in_progress";
    case CaseStatus::kNoMeans:
      return "no_means";
    case CaseStatus::kPostponed:
      return "postponed";
    case CaseStatus::kSuspended:
      return "suspended";
    case CaseStatus::kTransferred:
      return "transferred";
    case CaseStatus::kTerminated:
      return "terminated";
    case CaseStatus::kDone:
      return "done";
  }
  return {};
}

Result<CaseStatus> ParseCaseStatus(std::string_view text) {
  return ParseByName(kAllCaseStatuses, text);
}

bool IsClosed(CaseStatus status) {
  return status == CaseStatus::kTransferred || status == CaseStatus::kTerminated ||
         status == CaseStatus::kDone;
}

}  // namespace thads::model
