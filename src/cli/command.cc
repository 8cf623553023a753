#include "cli/command.h"

#include <ostream>

#include "text/normalize.h"

namespace thads::cli {
namespace {

constexpr const char* kUsage =
    "thads — civil judgment enforcement (thi hành án dân sự): digitize, read, emit, archive\n"
    "\n"
    "Usage: thads COMMAND [ARGS]\n"
    "\n"
    "Commands:\n"
    "  batch     the main job: a folder of judgments (scans, PDFs, text) into the archive,\n"
    "            each read, filed as a case, its decisions and notices drafted\n"
    "            (thads batch --help); then review, request and approve\n"
    "  review    a case whose reading has doubts: show, confirm or correct it\n"
    "  request   a creditor's request: draft the theo yêu cầu decision\n"
    "  approve   an officer approves a draft: numbered, dated, issued\n"
    "  ocr       scanned judgments to searchable PDF/A with text (thads ocr --help)\n"
    "  extract   read a judgment's text: court, parties, obligations (thads extract --help)\n"
    "  search    find case files by party name (with or without diacritics), number,\n"
    "            court, date, amount (thads search --help)\n"
    "  show      one case file: judgment, parties, obligations, files, documents\n"
    "  verify    re-hash every stored file of the archive\n"
    "  export    a case file as its files plus ND 30 metadata.xml; import reads one back\n"
    "  backup    a consistent copy of the archive while in use; restore puts one back\n"
    "  archive   archive add JUDGMENT.json: file an extraction result\n"
    "  render    enforcement documents (decisions, notices, minutes) as PDF/A from a\n"
    "            template and data (thads render --help)\n"
    "  util      everyday helpers: money in words, dates, working days, search folding,\n"
    "            legacy encodings (thads util --help)\n"
    "\n"
    "Options:\n"
    "  --help     this text\n"
    "  --version  the program version\n"
    "\n"
    "Exit codes: 0 done, 1 the work failed, 2 bad input or usage.\n";

}  // namespace

ExitCode RunCommandLine(const std::vector<std::string>& args, Streams io) {
  // Arguments come from outside: validate them before anything reads them.
  for (std::size_t i = 0; i < args.size(); ++i) {
    Status valid = text::ValidateUtf8(args[i], "argument " + std::to_string(i + 1));
    if (!valid.ok()) {
      io.err << "thads: " << valid.message() << "\n";
      return ExitCode::kBadInput;
    }
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    (args.empty() ? io.err : io.out) << kUsage;
    return args.empty() ? ExitCode::kBadInput : ExitCode::kOk;
  }
  if (args[0] == "--version") {
    io.out << "thads " << THADS_VERSION << "\n";
    return ExitCode::kOk;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "util") return RunUtil(rest, io);
  if (args[0] == "render") return RunRender(rest, io);
  if (args[0] == "extract") return RunExtract(rest, io);
  if (args[0] == "ocr") return RunOcr(rest, io);
  if (args[0] == "batch") return RunBatch(rest, io);
  if (args[0] == "review") return RunReview(rest, io);
  if (args[0] == "request") return RunRequest(rest, io);
  if (args[0] == "approve") return RunApprove(rest, io);
  if (args[0] == "search") return RunSearch(rest, io);
  if (args[0] == "show") return RunShow(rest, io);
  if (args[0] == "verify") return RunVerify(rest, io);
  if (args[0] == "export") return RunExport(rest, io);
  if (args[0] == "import") return RunImport(rest, io);
  if (args[0] == "backup") return RunBackup(rest, io);
  if (args[0] == "restore") return RunRestore(rest, io);
  if (args[0] == "archive") return RunArchive(rest, io);
  io.err << "thads: unknown command '" << args[0] << "' (see thads --help)\n";
  return ExitCode::kBadInput;
}

}  // namespace thads::cli
