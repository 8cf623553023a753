#include "extract/extractor.h"

#include <string>

#include "extract/internal.h"
#include "extract/prepared_text.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::extract {
namespace {

model::ExtractionResult Read(std::string_view nfc_text) {
  model::ExtractionResult result;
  const PreparedText text(nfc_text);
  const Sections sections = FindSections(text);
  ReadHeader(text, sections, result.document);
  ReadParties(text, sections, result);
  ReadObligations(text, sections, result);

  const model::SourceSpan whole = text.Span(0, text.size());
  const bool has_header = result.document.court || result.document.number;
  if (!has_header && result.parties.empty() && result.obligations.empty()) {
    model::ExtractionResult empty;
    empty.warnings.push_back({"not_a_judgment",
                              "no court, judgment number or party could be read: this does "
                              "not look like a judgment or court decision",
                              whole, {}});
    return empty;
  }
  if (!result.document.court) {
    result.warnings.push_back({"court_unknown", "the court could not be read", std::nullopt, {}});
  }
  if (!result.document.number) {
    result.warnings.push_back(
        {"number_unknown", "the judgment's number and symbol could not be read", std::nullopt, {}});
  }
  if (result.parties.empty()) {
    result.warnings.push_back({"no_parties", "no party could be read", std::nullopt, {}});
  }
  if (sections.operative_begin == kNpos) {
    result.warnings.push_back({"no_operative_part",
                               "no operative part (QUYẾT ĐỊNH / Tuyên xử) was found, so no "
                               "obligation was read",
                               std::nullopt, {}});
  }
  return result;
}

}  // namespace

Result<model::ExtractionResult> Extract(std::string_view text, std::string_view what) {
  const std::string name(what);
  if (text.size() > kMaxTextBytes) {
    return Status::Invalid(name + ": " + std::to_string(text.size() / (1024 * 1024)) +
                           " MB is too large for one judgment (at most " +
                           std::to_string(kMaxTextBytes / (1024 * 1024)) + " MB)");
  }
  auto clean = text::CleanText(text, name);
  if (!clean.ok()) return clean.status();
  bool blank = true;
  for (char c : *clean) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
      blank = false;
      break;
    }
  }
  if (blank) return Status::Invalid(name + ": the text is empty");
  return Read(*clean);
}

}  // namespace thads::extract
