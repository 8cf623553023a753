// Private to src/cli: what clerks read — Vietnamese words for the model's
// enumerations and the summary of a judgment.
#pragma once

#include <iosfwd>

#include "model/case.h"
#include "model/judgment.h"

namespace thads::cli {

const char* RoleName(model::PartyRole role);          // "Nguyên đơn"
const char* KindName(model::ObligationKind kind);     // "Trả tiền"
const char* PeriodName(model::PaymentPeriod period);  // "một lần"
const char* StatusName(model::CaseStatus status);     // "đang thi hành"

// Court, number and date, parties, obligations (amounts "150.000.000 đồng") and
// warnings of a judgment, one per line.
void PrintJudgment(const model::ExtractionResult& r, std::ostream& out);

}  // namespace thads::cli
