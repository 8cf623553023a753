// `thads render`: enforcement documents from a template and data files.
#include <ostream>

#include "cli/command.h"
#include "render/render_job.h"

namespace thads::cli {
namespace {

constexpr const char* kRenderUsage =
    "Usage: thads render TEMPLATE --data DATA.json -o OUT.pdf\n"
    "       thads render TEMPLATE --data A.json B.json ... -o OUT_DIR [--jobs N]\n"
    "       thads render --check TEMPLATE\n"
    "\n"
    "TEMPLATE is a file or a name in templates/ (qd-thi-hanh-an-chu-dong,\n"
    "qd-thi-hanh-an-theo-yeu-cau, thong-bao-thi-hanh-an, giay-trieu-tap, bien-ban-xac-minh,\n"
    "bien-ban-ke-bien, bien-ban-giai-quyet, qd-phi-thi-hanh-an).\n"
    "\n"
    "Options:\n"
    "  --office FILE      office profile (default templates/office.xml)\n"
    "  --fonts FILE       font configuration (default fonts/fonts.conf)\n"
    "  --deterministic    fixed dates and IDs: identical input, identical bytes\n"
    "  --jobs N           render N files at a time\n"
    "  --check TEMPLATE   list undeclared, unused or mistyped fields and unknown office keys\n";

ExitCode Fail(Streams io, const std::string& message) {
  io.err << "thads render: " << message << "\n";
  return ExitCode::kBadInput;
}

ExitCode Check(const std::string& template_path, const std::string& office, Streams io) {
  auto problems = render::CheckTemplateFile(template_path, office);
  if (!problems.ok()) return Fail(io, problems.status().message());
  for (const std::string& p : *problems) io.out << p << "\n";
  if (!problems->empty()) {
    io.err << "thads render: " << problems->size() << " problem(s) in " << template_path << "\n";
    return ExitCode::kBadInput;
  }
  io.out << template_path << ": no problems\n";
  return ExitCode::kOk;
}

}  // namespace

ExitCode RunRender(const std::vector<std::string>& args, Streams io) {
  render::RenderJobOptions options;
  std::string check;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--help" || a == "-h") {
      io.out << kRenderUsage;
      return ExitCode::kOk;
    } else if (a == "--data") {
      while (i + 1 < args.size() && args[i + 1].rfind("-", 0) != 0) {
        options.data_paths.push_back(args[++i]);
      }
      if (options.data_paths.empty()) return Fail(io, "--data needs at least one file");
    } else if ((a == "-o" || a == "--output") && has_value) {
      options.output = args[++i];
    } else if (a == "--office" && has_value) {
      options.office_path = args[++i];
    } else if (a == "--fonts" && has_value) {
      options.fonts_path = args[++i];
    } else if (a == "--check" && has_value) {
      check = args[++i];
    } else if (a == "--deterministic") {
      options.deterministic = true;
    } else if (a == "--jobs" && has_value) {
      try {
        options.jobs = std::stoi(args[++i]);
      } catch (const std::exception&) {
        options.jobs = 0;
      }
      if (options.jobs < 1 || options.jobs > 256) return Fail(io, "--jobs needs a number 1-256");
    } else if (a.rfind("-", 0) == 0) {
      return Fail(io, "unknown or incomplete option '" + a + "' (see thads render --help)");
    } else if (options.template_path.empty()) {
      options.template_path = a;
    } else {
      return Fail(io, "unexpected argument '" + a + "' (see thads render --help)");
    }
  }
  if (!check.empty()) return Check(check, options.office_path, io);
  if (options.template_path.empty()) {
    io.err << kRenderUsage;
    return ExitCode::kBadInput;
  }
  auto result = render::RunRenderJob(
      options, [&](const render::RenderFileResult& r, int done, int total) {
        if (r.status.ok()) {
          if (total > 1) io.err << "[" << done << "/" << total << "] ";
          io.err << r.output_path << " (" << r.page_count << (r.page_count == 1 ? " page" : " pages")
                 << ")\n";
        } else {
          io.err << "thads render: " << r.status.message() << "\n";
        }
      });
  if (!result.ok()) return Fail(io, result.status().message());
  if (result->files.size() > 1) {
    io.err << "thads render: " << result->files.size() - result->failed << " rendered, "
           << result->failed << " failed\n";
  }
  return result->failed == 0 ? ExitCode::kOk : ExitCode::kFailure;
}

}  // namespace thads::cli
