// Fuzz targets: every parser of input from outside. Each takes arbitrary bytes
// and must return (an error is fine) without crashing, hanging or tripping
// AddressSanitizer / UndefinedBehaviorSanitizer.
#include "fuzz_targets.h"

#include "archive/case_export.h"
#include "archive/search_text.h"
#include "base/paths.h"
#include "extract/extractor.h"
#include "model/json_io.h"
#include "ocr/error_rate.h"
#include "ocr/post_correct.h"
#include "ocr/word_pairs.h"
#include "render/office_profile.h"
#include "render/template.h"
#include "render/xml_reader.h"
#include "text/dates.h"
#include "text/legacy_encoding.h"
#include "text/money.h"
#include "text/normalize.h"
#include "text/working_days.h"

namespace thads::fuzz {
namespace {

void Text(std::string_view bytes) {
  (void)text::ValidateUtf8(bytes, "fuzz");
  const std::string repaired = text::RepairUtf8(bytes);
  auto clean = text::CleanText(repaired, "fuzz");
  if (!clean.ok()) return;
  (void)text::ToneKey(*clean);
  (void)text::FoldForSearch(*clean);
  (void)text::ToUpperVi(*clean);
}

void Money(std::string_view bytes) {
  const std::string s = text::RepairUtf8(bytes);
  (void)text::ParseMoneyDigits(s);
  auto words = text::ParseMoneyWords(s);
  if (words.ok()) (void)text::MoneyToWords(words->value);
}

void Dates(std::string_view bytes) {
  (void)text::ParseDate(bytes);
  (void)text::ParseIsoDate(bytes);
}

void Legacy(std::string_view bytes) {
  (void)text::DetectLegacyEncoding(bytes);
  for (auto e : {text::LegacyEncoding::kTcvn3, text::LegacyEncoding::kVni,
                 text::LegacyEncoding::kViscii}) {
    (void)text::ConvertLegacyToUtf8(bytes, e);
  }
}

void ExtractionJson(std::string_view bytes) {
  auto r = model::ParseExtractionJson(bytes, "fuzz.json");
  if (r.ok()) (void)model::ToJson(*r);
}

void Xml(std::string_view bytes) { (void)render::ReadXmlMemory(bytes, "fuzz.xml"); }

void TemplateData(std::string_view bytes) {
  static const auto tmpl = render::LoadTemplate(TemplatesDir() + "/giay-trieu-tap.xml");
  static const auto office = render::LoadOfficeProfile(render::DefaultOfficeProfilePath());
  if (!tmpl.ok() || !office.ok()) return;
  (void)render::Expand(*tmpl, bytes, *office);
}

void Holidays(std::string_view bytes) {
  auto calendar = text::HolidayCalendar::Parse(bytes, "fuzz.txt");
  if (calendar.ok()) {
    (void)calendar->AddWorkingDays(text::Date{std::chrono::year(2026), std::chrono::month(2),
                                              std::chrono::day(10)},
                                   5);
  }
}

// A judgment's text, raw (invalid UTF-8 must be refused) and repaired (every rule
// of the extractor runs on it).
void Extraction(std::string_view bytes) {
  (void)extract::Extract(bytes, "fuzz.txt");
  auto result = extract::Extract(text::RepairUtf8(bytes), "fuzz.txt");
  if (result.ok()) (void)model::ToJson(*result);
}

// Recognized words as the engine may give them: one OCR word per token of the
// repaired bytes, a line per input line, confidences from the bytes.
void PostCorrect(std::string_view bytes) {
  static const auto corrector = ocr::PostCorrector::Create({});
  if (!corrector.ok()) return;
  auto clean = text::CleanText(bytes, "fuzz", text::Utf8Mode::kRepair);
  if (!clean.ok()) return;
  ocr::OcrPage page;
  std::size_t start = 0;
  while (start <= clean->size()) {
    std::size_t end = clean->find('\n', start);
    if (end == std::string::npos) end = clean->size();
    page.lines.push_back({});
    for (const std::string& w : ocr::SplitWords(clean->substr(start, end - start))) {
      ocr::OcrWord word;
      word.text = w;
      word.confidence = static_cast<float>(static_cast<unsigned char>(w[0]) % 101);
      word.line = static_cast<int>(page.lines.size()) - 1;
      page.words.push_back(std::move(word));
    }
    start = end + 1;
  }
  const std::size_t before = page.words.size();
  for (const ocr::Correction& c : (*corrector)->Correct(page)) {
    if (c.word < 0 || static_cast<std::size_t>(c.word) >= page.words.size()) std::abort();
  }
  if (page.words.size() > before) std::abort();
  for (const ocr::OcrWord& w : page.words) {
    if (w.text.empty()) std::abort();
  }
}

void WordPairs(std::string_view bytes) {
  auto model = ocr::WordPairModel::Parse(bytes, "fuzz.tsv");
  if (model.ok()) (void)model->Serialize();
}

// What a clerk types into the search box: parsed, turned into FTS5 and tsquery
// expressions and cut into a snippet of itself.
void Query(std::string_view bytes) {
  auto q = archive::ParseQuery(bytes);
  if (!q.ok()) return;
  if (!q->empty()) {
    (void)archive::Fts5MatchExpression(*q);
    (void)archive::Fts5ExactExpression(*q);
    (void)archive::TsPhraseQuery(archive::QueryPairs(*q));
  }
  (void)archive::MakeSnippet(text::RepairUtf8(bytes), *q);
  (void)archive::BuildIndexTerms(text::RepairUtf8(bytes), text::RepairUtf8(bytes));
}

// metadata.xml of a case export, read back and written again.
void ExportXml(std::string_view bytes) {
  auto b = archive::ReadExportXml(bytes, "metadata.xml");
  if (b.ok()) (void)archive::WriteExportXml(*b);
}

}  // namespace

const std::vector<Target>& Targets() {
  static const std::vector<Target> targets = {
      {"text", Text},           {"money", Money},
      {"dates", Dates},         {"legacy", Legacy},
      {"extraction_json", ExtractionJson},
      {"xml", Xml},             {"template_data", TemplateData},
      {"holidays", Holidays},   {"extraction", Extraction},
      {"post_correct", PostCorrect}, {"word_pairs", WordPairs},
      {"query", Query},         {"export_xml", ExportXml},
  };
  return targets;
}

}  // namespace thads::fuzz
