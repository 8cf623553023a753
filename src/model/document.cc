#include "model/document.h"

#include "model/enum_names.h"
#include "model/judgment.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::model {

std::string_view ToString(DocumentStatus value) {
  switch (value) {
    case DocumentStatus::kDraft:
      return "draft";
    case DocumentStatus::kApproved:
      return "approved";
  }
  return {};
}

Result<DocumentStatus> ParseDocumentStatus(std::string_view text) {
  return ParseByName(kAllDocumentStatuses, text);
}

std::string_view ToString(Urgency value) {
  switch (value) {
    case Urgency::kNormal:
      return "normal";
    case Urgency::kUrgent:
      return "urgent";
    case Urgency::kVeryUrgent:
      return "very_urgent";
    case Urgency::kFlash:
      return "flash";
  }
  return {};
}

Result<Urgency> ParseUrgency(std::string_view text) {
  return ParseByName(kAllUrgencies, text);
}

namespace {

bool SameNfc(std::string_view a, std::string_view b) {
  if (text::FindInvalidUtf8(a) != std::string_view::npos ||
      text::FindInvalidUtf8(b) != std::string_view::npos) {
    return false;
  }
  return text::ToNfc(a) == text::ToNfc(b);
}

}  // namespace

bool SameRegistration(const GeneratedDocument& a, const GeneratedDocument& b) {
  if (!a.number.has_value() || a.number != b.number) return false;
  if (a.symbol.has_value() != b.symbol.has_value()) return false;
  if (a.symbol.has_value() && !SameNfc(*a.symbol, *b.symbol)) return false;
  return SameName(a.agency, b.agency);
}

}  // namespace thads::model
