#include "pipeline/report.h"

#include <nlohmann/json.hpp>

namespace thads::pipeline {
namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

nlohmann::ordered_json OrNull(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s);
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ";") + s;
  return out;
}

}  // namespace

std::string_view OutcomeName(FileOutcome outcome) {
  switch (outcome) {
    case FileOutcome::kDone: return "done";
    case FileOutcome::kForReview: return "for_review";
    case FileOutcome::kFailed: return "failed";
    case FileOutcome::kSkipped: return "skipped";
  }
  return "";
}

std::string ReportCsv(const std::vector<FileReport>& rows) {
  std::string out = "path,sha256,outcome,case,pages,documents,reason\r\n";
  for (const FileReport& r : rows) {
    out += CsvField(r.path) + "," + r.sha256 + "," + std::string(OutcomeName(r.outcome)) + "," +
           CsvField(r.case_id) + "," + std::to_string(r.pages) + "," +
           CsvField(Join(r.documents)) + "," + CsvField(r.reason) + "\r\n";
  }
  return out;
}

std::string ReportJson(const std::vector<FileReport>& rows) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const FileReport& r : rows) {
    files.push_back({{"path", r.path},
                     {"sha256", r.sha256},
                     {"outcome", std::string(OutcomeName(r.outcome))},
                     {"case", OrNull(r.case_id)},
                     {"pages", r.pages},
                     {"documents", r.documents},
                     {"reason", OrNull(r.reason)}});
  }
  // Paths from outside may hold invalid UTF-8: replace rather than throw.
  return nlohmann::ordered_json{{"files", files}}.dump(
             2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

}  // namespace thads::pipeline
