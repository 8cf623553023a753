// `thads search | show | verify | export | import | backup | restore | archive add`:
// the archive from the command line. Each parses its arguments, calls the Store and
// prints for a clerk (Vietnamese, amounts "1.500.000 đồng", dates dd/mm/yyyy) or,
// with --json, for programs.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "archive/case_export.h"
#include "archive/store.h"
#include "cli/clerk_text.h"
#include "cli/archive_access.h"
#include "cli/command.h"
#include "model/json_io.h"
#include "text/dates.h"
#include "text/money.h"
#include "text/normalize.h"

namespace thads::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kArchiveUsage =
    "Usage (every command takes --archive DIR or --archive postgresql://…; default: "
    "./thads-archive):\n"
    "  thads search QUERY [--json] [--court X] [--number N] [--type DS|HNGD|KDTM|LD|HC|HS]\n"
    "               [--from DATE --to DATE] [--min-amount N --max-amount N] [--role ROLE]\n"
    "               [--status S] [--sort relevance|date|name] [--limit N] [--offset N]\n"
    "      QUERY is text with or without diacritics (\"nguyen van an\" finds Nguyễn Văn Ấn);\n"
    "      \"\" lists by the filters alone. ROLE: nguyen_don, bi_don, nguoi_lien_quan, bi_cao,\n"
    "      bi_hai, nguoi_dai_dien. S: received, for_review, in_progress, no_means, postponed,\n"
    "      suspended, transferred, terminated, done.\n"
    "  thads show CASE [--json]           CASE: the case number (#12) or judgment number\n"
    "  thads verify                       re-hash every stored file; exit 1 if any is damaged\n"
    "  thads export CASE -o DIR           the case's files plus metadata.xml (ND 30 Phụ lục VI)\n"
    "  thads import DIR                   an export into this archive, every file checked\n"
    "  thads backup -o DIR                a consistent copy while the archive is in use\n"
    "  thads restore FROM [--force]       a backup into --archive (refuses a non-empty one)\n"
    "  thads archive add JUDGMENT.json [--source FILE] [--text FILE.txt]\n"
    "                                     file an extraction result (thads extract --json)\n";

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  std::string archive = kDefaultArchive;
};

ExitCode BadInput(Streams io, const std::string& command, const std::string& message) {
  io.err << "thads " << command << ": " << message << "\n";
  return ExitCode::kBadInput;
}

// Not found or invalid: the clerk typed something wrong (2); the rest: the work failed (1).
ExitCode Failed(Streams io, const std::string& command, const Status& s) {
  io.err << "thads " << command << ": " << s.message() << "\n";
  return s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kNotFound
             ? ExitCode::kBadInput
             : ExitCode::kFailure;
}

// Parses `args`; `with_value` options take the next argument. Returns an error line.
std::optional<std::string> Parse(const std::vector<std::string>& args,
                                 const std::set<std::string>& with_value,
                                 const std::set<std::string>& flags, Args& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--archive" || with_value.count(a) != 0) {
      if (i + 1 >= args.size()) return a + " needs a value";
      (a == "--archive" ? out.archive : out.values[a]) = args[++i];
    } else if (flags.count(a) != 0) {
      out.flags.insert(a);
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return "unknown option '" + a + "' (see thads search --help)";
    } else {
      out.positional.push_back(a);
    }
  }
  return std::nullopt;
}

std::string Dmy(const std::optional<std::chrono::year_month_day>& d) {
  if (!d || !d->ok()) return "?";
  char b[16];
  std::snprintf(b, sizeof b, "%02u/%02u/%04d", static_cast<unsigned>(d->day()),
                static_cast<unsigned>(d->month()), static_cast<int>(d->year()));
  return b;
}

std::optional<std::string> Iso(const std::optional<std::chrono::year_month_day>& d) {
  if (!d || !d->ok()) return std::nullopt;
  return text::FormatIsoDate(*d);
}

Json CaseJson(const archive::CaseRecord& c) {
  Json j;
  j["case_id"] = c.id;
  j["number"] = c.number;
  j["court"] = c.court;
  j["judgment_date"] = Iso(c.judgment_date) ? Json(*Iso(c.judgment_date)) : Json(nullptr);
  j["case_type"] = c.case_type ? Json(std::string(model::ToString(*c.case_type))) : Json(nullptr);
  j["status"] = std::string(model::ToString(c.status));
  j["office"] = c.office;
  j["current_version"] = c.current_version;
  return j;
}

void PrintCaseLine(const archive::CaseRecord& c, std::ostream& out) {
  out << "#" << c.id << "  Bản án số " << c.number << " ngày " << Dmy(c.judgment_date) << " — "
      << (c.court.empty() ? "(tòa án chưa rõ)" : c.court) << "\n";
}

template <typename T, typename F>
std::optional<std::string> ParseOption(const Args& a, const std::string& name, std::optional<T>& out, F parse) {
  auto it = a.values.find(name);
  if (it == a.values.end()) return std::nullopt;
  auto v = parse(it->second);
  if (!v.ok()) return name + " '" + it->second + "': " + v.status().message();
  out = *v;
  return std::nullopt;
}

constexpr std::uintmax_t kMaxInputBytes = 64 * 1024 * 1024;

Result<std::string> ReadInputFile(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::NotFound(path + ": cannot read: " + ec.message());
  if (size > kMaxInputBytes) return Status::Invalid(path + ": larger than 64 MB");
  std::ifstream in(path, std::ios::binary);
  std::string data(static_cast<std::size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  if (!in) return Status::IoError(path + ": cannot read");
  return data;
}

Result<std::int32_t> ParseCount(const std::string& s) {
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid("expected a whole number");
  }
  return static_cast<std::int32_t>(std::stoi(s));
}

}  // namespace

ExitCode RunSearch(const std::vector<std::string>& args, Streams io) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    io.out << kArchiveUsage;
    return ExitCode::kOk;
  }
  Args a;
  if (auto e = Parse(args, {"--court", "--number", "--type", "--from", "--to", "--min-amount", "--max-amount",
                            "--role", "--status", "--sort", "--limit", "--offset"},
                     {"--json"}, a)) {
    return BadInput(io, "search", *e);
  }
  if (a.positional.size() > 1) {
    return BadInput(io, "search", "one QUERY at a time; quote it: thads search \"nguyen van an\"");
  }
  if (a.positional.empty() && a.values.empty()) return BadInput(io, "search", "no QUERY (see thads search --help)");
  archive::SearchRequest r;
  if (!a.positional.empty()) r.query = a.positional[0];
  if (auto it = a.values.find("--court"); it != a.values.end()) r.court = it->second;
  if (auto it = a.values.find("--number"); it != a.values.end()) r.number = it->second;
  std::optional<std::string> error;
  if (!error) error = ParseOption(a, "--type", r.case_type, [](const std::string& s) { return model::ParseCaseType(s); });
  if (!error) error = ParseOption(a, "--from", r.date_from, [](const std::string& s) { return text::ParseDate(s); });
  if (!error) error = ParseOption(a, "--to", r.date_to, [](const std::string& s) { return text::ParseDate(s); });
  if (!error) error = ParseOption(a, "--min-amount", r.min_amount, [](const std::string& s) { return text::ParseMoneyDigits(s); });
  if (!error) error = ParseOption(a, "--max-amount", r.max_amount, [](const std::string& s) { return text::ParseMoneyDigits(s); });
  if (!error) error = ParseOption(a, "--role", r.role, [](const std::string& s) { return model::ParsePartyRole(s); });
  if (!error) error = ParseOption(a, "--status", r.status, [](const std::string& s) { return model::ParseCaseStatus(s); });
  std::optional<std::int32_t> limit, offset;
  if (!error) error = ParseOption(a, "--limit", limit, ParseCount);
  if (!error) error = ParseOption(a, "--offset", offset, ParseCount);
  if (error) return BadInput(io, "search", *error);
  if (limit) r.limit = *limit;
  if (offset) r.offset = *offset;
  if (auto it = a.values.find("--sort"); it != a.values.end()) {
    const std::map<std::string, archive::SortOrder> orders = {
        {"relevance", archive::SortOrder::kRelevance}, {"date", archive::SortOrder::kDate},
        {"name", archive::SortOrder::kName}};
    auto o = orders.find(it->second);
    if (o == orders.end()) return BadInput(io, "search", "--sort '" + it->second + "': expected relevance, date or name");
    r.sort = o->second;
  }
  auto store = OpenArchive(a.archive, false);
  if (!store.ok()) return Failed(io, "search", store.status());
  auto result = (*store)->Search(r);
  if (!result.ok()) return Failed(io, "search", result.status());
  if (a.flags.count("--json") != 0) {
    Json j;
    j["hits"] = Json::array();
    for (const archive::SearchHit& h : result->hits) {
      Json hit = CaseJson(h.case_record);
      hit["parties"] = h.parties;
      hit["exact"] = h.exact;
      hit["snippet"] = h.snippet;
      j["hits"].push_back(std::move(hit));
    }
    j["more"] = result->more;
    io.out << j.dump(2) << "\n";
    return ExitCode::kOk;
  }
  if (result->hits.empty()) {
    io.out << "Không tìm thấy hồ sơ nào.\n";
    return ExitCode::kOk;
  }
  io.out << result->hits.size() << " hồ sơ" << (result->more ? " (còn nữa: --offset " + std::to_string(r.offset + r.limit) + ")" : "")
         << ":\n";
  for (const archive::SearchHit& h : result->hits) {
    PrintCaseLine(h.case_record, io.out);
    io.out << "    Đương sự: ";
    for (std::size_t i = 0; i < h.parties.size(); ++i) io.out << (i > 0 ? "; " : "") << h.parties[i];
    io.out << " · " << StatusName(h.case_record.status) << "\n";
    if (!h.snippet.empty()) io.out << "    " << h.snippet << "\n";
  }
  return ExitCode::kOk;
}

ExitCode RunShow(const std::vector<std::string>& args, Streams io) {
  Args a;
  if (auto e = Parse(args, {}, {"--json"}, a)) return BadInput(io, "show", *e);
  if (a.positional.size() != 1) return BadInput(io, "show", "give one CASE (#12 or a judgment number)");
  auto store = OpenArchive(a.archive, false);
  if (!store.ok()) return Failed(io, "show", store.status());
  auto id = ResolveCase(**store, a.positional[0]);
  if (!id.ok()) return Failed(io, "show", id.status());
  auto c = (*store)->GetCase(*id);
  if (!c.ok()) return Failed(io, "show", c.status());
  auto versions = (*store)->Extractions(*id);
  auto sources = (*store)->SourcesOfCase(*id);
  auto docs = (*store)->DocumentsOfCase(*id);
  for (const Status& s : {versions.status(), sources.status(), docs.status()}) {
    if (!s.ok()) return Failed(io, "show", s);
  }
  if (a.flags.count("--json") != 0) {
    Json j = CaseJson(*c);
    j["extraction"] = versions->empty() ? Json(nullptr) : Json::parse(versions->back().json);
    j["versions"] = Json::array();
    for (const auto& v : *versions) {
      j["versions"].push_back({{"version", v.version}, {"actor", v.actor}, {"note", v.note}, {"recorded_at", v.recorded_at}});
    }
    j["sources"] = Json::array();
    for (const auto& s : *sources) {
      j["sources"].push_back({{"sha256", s.sha256}, {"name", s.original_name}, {"pages", s.page_count},
                              {"state", std::string(archive::ToString(s.state))}, {"reason", s.reason}});
    }
    j["documents"] = Json::array();
    for (const auto& d : *docs) {
      Json doc = Json::parse(model::ToJson(d.document));
      doc["document_id"] = d.id;
      doc["pdf_sha256"] = d.pdf_sha256;
      j["documents"].push_back(std::move(doc));
    }
    io.out << j.dump(2) << "\n";
    return ExitCode::kOk;
  }
  PrintCaseLine(*c, io.out);
  io.out << "Trạng thái: " << StatusName(c->status);
  if (!c->office.empty()) io.out << " · " << c->office;
  io.out << "\n";
  if (!versions->empty()) {
    auto current = model::ParseExtractionJson(versions->back().json, "stored extraction");
    if (!current.ok()) return Failed(io, "show", current.status());
    io.out << "Phiên bản trích xuất " << versions->back().version << "/" << versions->size()
           << " (" << versions->back().note << ", " << versions->back().actor << ", "
           << versions->back().recorded_at << ")\n\n";
    PrintJudgment(*current, io.out);
  }
  if (!sources->empty()) {
    io.out << "\nTệp nguồn (" << sources->size() << "):\n";
    for (const auto& s : *sources) {
      io.out << "  " << s.original_name << ", " << s.page_count << " trang, " << archive::ToString(s.state)
             << (s.reason.empty() ? "" : " (" + s.reason + ")") << ", SHA-256 " << s.sha256 << "\n";
    }
  }
  if (!docs->empty()) {
    io.out << "\nVăn bản (" << docs->size() << "):\n";
    for (const auto& d : *docs) {
      const model::GeneratedDocument& g = d.document;
      io.out << "  [" << d.id << "] " << g.kind;
      if (g.number) io.out << " số " << *g.number << "/" << g.symbol.value_or("");
      if (g.issue_date) io.out << " ngày " << Dmy(g.issue_date);
      io.out << ": " << g.subject << " (" << (g.status == model::DocumentStatus::kApproved ? "đã duyệt" : "dự thảo")
             << ")\n";
    }
    io.out << "  (thads approve ID --by NAME numbers and issues a draft)\n";
  }
  return ExitCode::kOk;
}

ExitCode RunVerify(const std::vector<std::string>& args, Streams io) {
  Args a;
  if (auto e = Parse(args, {}, {}, a)) return BadInput(io, "verify", *e);
  if (!a.positional.empty()) return BadInput(io, "verify", "unexpected argument '" + a.positional[0] + "'");
  auto store = OpenArchive(a.archive, false);
  if (!store.ok()) return Failed(io, "verify", store.status());
  auto report = (*store)->Verify();
  if (!report.ok()) return Failed(io, "verify", report.status());
  for (const archive::BlobProblem& p : report->problems) {
    io.out << p.problem << ": " << p.sha256 << " (" << p.path << ")\n";
  }
  if (report->database_check != "ok") io.out << "database: " << report->database_check << "\n";
  io.out << (*store)->Describe() << ": " << report->blobs_checked << " tệp đã kiểm tra, "
         << report->problems.size() << " thiếu hoặc hỏng; cơ sở dữ liệu: " << report->database_check << "\n";
  if (!report->ok()) {
    io.err << "thads verify: " << report->problems.size() << " stored files are missing or damaged\n";
    return ExitCode::kFailure;
  }
  return ExitCode::kOk;
}

ExitCode RunExport(const std::vector<std::string>& args, Streams io) {
  Args a;
  if (auto e = Parse(args, {"-o"}, {}, a)) return BadInput(io, "export", *e);
  if (a.positional.size() != 1 || a.values.count("-o") == 0) return BadInput(io, "export", "usage: thads export CASE -o DIR");
  auto store = OpenArchive(a.archive, false);
  if (!store.ok()) return Failed(io, "export", store.status());
  auto id = ResolveCase(**store, a.positional[0]);
  if (!id.ok()) return Failed(io, "export", id.status());
  const Status s = archive::ExportCase(**store, *id, a.values["-o"]);
  if (!s.ok()) return Failed(io, "export", s);
  io.out << "Đã xuất hồ sơ #" << *id << " vào " << a.values["-o"] << "\n";
  return ExitCode::kOk;
}

ExitCode RunImport(const std::vector<std::string>& args, Streams io) {
  Args a;
  if (auto e = Parse(args, {}, {}, a)) return BadInput(io, "import", *e);
  if (a.positional.size() != 1) return BadInput(io, "import", "usage: thads import DIR");
  auto store = OpenArchive(a.archive, true);
  if (!store.ok()) return Failed(io, "import", store.status());
  auto id = archive::ImportCase(**store, a.positional[0]);
  if (!id.ok()) return Failed(io, "import", id.status());
  io.out << "Đã nhập hồ sơ #" << *id << " từ " << a.positional[0] << "\n";
  return ExitCode::kOk;
}

ExitCode RunBackup(const std::vector<std::string>& args, Streams io) {
  Args a;
  if (auto e = Parse(args, {"-o"}, {}, a)) return BadInput(io, "backup", *e);
  if (!a.positional.empty() || a.values.count("-o") == 0) return BadInput(io, "backup", "usage: thads backup -o DIR");
  auto store = OpenArchive(a.archive, false);
  if (!store.ok()) return Failed(io, "backup", store.status());
  const Status s = (*store)->Backup(a.values["-o"]);
  if (!s.ok()) return Failed(io, "backup", s);
  io.out << "Đã sao lưu " << (*store)->Describe() << " vào " << a.values["-o"] << " (đã kiểm tra)\n";
  return ExitCode::kOk;
}

ExitCode RunRestore(const std::vector<std::string>& args, Streams io) {
  Args a;
  if (auto e = Parse(args, {}, {"--force"}, a)) return BadInput(io, "restore", *e);
  if (a.positional.size() != 1) return BadInput(io, "restore", "usage: thads restore FROM [--archive DIR] [--force]");
  if (archive::IsPostgresLocation(a.archive)) {
    return BadInput(io, "restore", "a PostgreSQL archive is restored with pg_restore -d DBNAME thads.dump");
  }
  const Status s = archive::RestoreArchive(a.positional[0], a.archive, a.flags.count("--force") != 0);
  if (!s.ok()) return Failed(io, "restore", s);
  io.out << "Đã khôi phục " << a.positional[0] << " vào " << a.archive << " (đã kiểm tra)\n";
  return ExitCode::kOk;
}

ExitCode RunArchive(const std::vector<std::string>& args, Streams io) {
  if (args.empty() || args[0] != "add") {
    io.err << kArchiveUsage;
    return ExitCode::kBadInput;
  }
  Args a;
  if (auto e = Parse({args.begin() + 1, args.end()}, {"--source", "--text"}, {}, a)) return BadInput(io, "archive add", *e);
  if (a.positional.size() != 1) return BadInput(io, "archive add", "give one JUDGMENT.json (thads extract --json)");
  const std::string& file = a.positional[0];
  auto bytes = ReadInputFile(file);
  if (!bytes.ok()) return Failed(io, "archive add", bytes.status());
  auto judgment = model::ParseExtractionJson(*bytes, file);
  if (!judgment.ok()) return BadInput(io, "archive add", judgment.status().message());
  std::string text;
  if (auto it = a.values.find("--text"); it != a.values.end()) {
    auto t = ReadInputFile(it->second);
    if (!t.ok()) return Failed(io, "archive add", t.status());
    auto clean = text::CleanText(*t, it->second);
    if (!clean.ok()) return BadInput(io, "archive add", clean.status().message());
    text = std::move(*clean);
  }
  auto store = OpenArchive(a.archive, true);
  if (!store.ok()) return Failed(io, "archive add", store.status());
  auto tx = (*store)->Begin();
  if (!tx.ok()) return Failed(io, "archive add", tx.status());
  auto c = (*tx)->CreateOrFindCase(judgment->document, "");
  if (!c.ok()) return Failed(io, "archive add", c.status().WithContext(file));
  auto version = (*tx)->AddExtraction(c->id, {*judgment, "thads archive add " + file, std::nullopt, std::nullopt});
  if (!version.ok()) return Failed(io, "archive add", version.status());
  // The source file; a text given alone is its own source.
  const auto source = a.values.count("--source") != 0 ? a.values.find("--source") : a.values.find("--text");
  if (auto it = source; it != a.values.end()) {
    auto hash = (*tx)->PutBlobFile(it->second);
    if (!hash.ok()) return Failed(io, "archive add", hash.status());
    archive::SourceRecord s;
    s.sha256 = *hash;
    s.original_name = std::filesystem::path(it->second).filename().string();
    s.case_id = c->id;
    s.text = text;
    if (auto st = (*tx)->RecordSource(s); !st.ok()) return Failed(io, "archive add", st);
  }
  if (auto st = (*tx)->Commit(); !st.ok()) return Failed(io, "archive add", st);
  io.out << "Đã lưu hồ sơ #" << c->id << " (Bản án số " << c->number << "), phiên bản trích xuất " << *version << "\n";
  return ExitCode::kOk;
}

}  // namespace thads::cli
