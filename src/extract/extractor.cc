#include "extract/extractor.h"

#include <string>

#include "extract/internal.h"
#include "extract/prepared_text.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::extract {
namespace {

// Letters of other alphabets that OCR reads for Vietnamese ones: the Icelandic eth
// Ð/ð (U+00D0, U+00F0) for Đ/đ (U+0110, U+0111). Same byte lengths, so offsets hold.
std::string WithVietnameseLetters(std::string_view nfc_text) {
  std::string out(nfc_text);
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] != '\xC3') continue;
    if (out[i + 1] == '\x90') {
      out[i] = '\xC4';  // Ð -> Đ (C4 90)
    } else if (out[i + 1] == '\xB0') {
      out[i] = '\xC4';  // ð -> đ (C4 91)
      out[i + 1] = '\x91';
    }
    ++i;
  }
  return out;
}

model::ExtractionResult Read(std::string_view clean_text) {
  model::ExtractionResult result;
  const std::string nfc_text = WithVietnameseLetters(clean_text);
  const PreparedText text(nfc_text);
  const Sections sections = FindSections(text);
  ReadHeader(text, sections, result);
  ReadParties(text, sections, result);
  RespellPartiesByMajority(text, sections, result);
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
  if (sections.operative_guessed) {
    const std::size_t b = sections.operative_begin;
    std::size_t e = b;
    while (e < text.size() && text.key()[e] != '\n') ++e;
    result.warnings.push_back({"operative_part_guessed",
                               "no QUYẾT ĐỊNH / Tuyên xử heading could be read; the operative "
                               "part was taken to start at '" + text.Display(b, e) + "'",
                               text.Span(b, e), {}});
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
