// The command line as a function: arguments in, exit code out. main() and the
// tests both call RunCommandLine; no logic lives in main.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace thads::cli {

// Exit codes shared by every command.
enum class ExitCode : int {
  kOk = 0,
  kFailure = 1,     // the work failed (I/O, a file could not be processed)
  kBadInput = 2,    // usage error or invalid input; one line on stderr says why
};

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool err_is_terminal = false;  // progress is one redrawn line, not log lines
};

// `args` excludes the program name. Output is UTF-8; never locale-dependent.
ExitCode RunCommandLine(const std::vector<std::string>& args, Streams io);

// `thads util ...`: the helpers clerks type by hand (money in words, dates,
// working days, folding, legacy encodings).
ExitCode RunUtil(const std::vector<std::string>& args, Streams io);

// `thads render ...`: enforcement documents as PDF/A from templates.
ExitCode RunRender(const std::vector<std::string>& args, Streams io);

// `thads extract ...`: a judgment's text to its parties and obligations; --eval
// measures extraction against a labelled corpus.
ExitCode RunExtract(const std::vector<std::string>& args, Streams io);

// `thads ocr ...`: scans (PNG, JPEG, TIFF, PDF) to searchable PDF/A, text and
// per-word boxes.
ExitCode RunOcr(const std::vector<std::string>& args, Streams io);

// The archive (`thads search|show|verify|export|import|backup|restore|archive add`):
// every one takes --archive DIR (default ./thads-archive) or a PostgreSQL
// connection string. Usage text: thads search --help.
ExitCode RunSearch(const std::vector<std::string>& args, Streams io);
ExitCode RunShow(const std::vector<std::string>& args, Streams io);
ExitCode RunVerify(const std::vector<std::string>& args, Streams io);
ExitCode RunExport(const std::vector<std::string>& args, Streams io);
ExitCode RunImport(const std::vector<std::string>& args, Streams io);
ExitCode RunBackup(const std::vector<std::string>& args, Streams io);
ExitCode RunRestore(const std::vector<std::string>& args, Streams io);
ExitCode RunArchive(const std::vector<std::string>& args, Streams io);

// The main job and the clerk's steps after it: `thads batch INPUT_DIR`,
// `thads review CASE`, `thads request CASE`, `thads approve DOC`.
ExitCode RunBatch(const std::vector<std::string>& args, Streams io);
ExitCode RunReview(const std::vector<std::string>& args, Streams io);
ExitCode RunRequest(const std::vector<std::string>& args, Streams io);
ExitCode RunApprove(const std::vector<std::string>& args, Streams io);

}  // namespace thads::cli
