// thads_scangen: makes degraded scans of text files, with ground truth.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "scan_generator.h"

namespace {

constexpr const char* kUsage =
    "usage: thads_scangen -o DIR [--seed N] [--profiles random,random,clean,...]\n"
    "                     [--tiff] [--image-pdf] [--printed-pdf] [--append] [--fonts FONTS.conf]\n"
    "                     TEXT.txt...\n"
    "  profiles: random, clean, skewed, noisy, fax (one image per page and profile),\n"
    "            or none (only the --tiff / --image-pdf / --printed-pdf files)\n"
    "  --printed-pdf: also NAME.printed.pdf, the typeset document with its text layer\n"
    "  --append: add to DIR/manifest.tsv instead of replacing it\n";

int Usage(const std::string& problem) {
  std::fprintf(stderr, "thads_scangen: %s\n%s", problem.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace thads::scangen;
  ScanGenOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "-o" || arg == "--out") {
      const char* v = value();
      if (v == nullptr) return Usage("-o needs a folder");
      options.out_dir = v;
    } else if (arg == "--seed") {
      const char* v = value();
      char* end = nullptr;
      if (v == nullptr) return Usage("--seed needs a number");
      options.seed = std::strtoull(v, &end, 10);
      if (*v == '\0' || *end != '\0') return Usage(std::string("bad seed '") + v + "'");
    } else if (arg == "--profiles") {
      const char* v = value();
      if (v == nullptr) return Usage("--profiles needs a list");
      options.profiles.clear();
      std::string_view list = v;
      if (list == "none") list = {};
      while (!list.empty()) {
        const std::size_t comma = list.find(',');
        auto profile = ParseProfile(list.substr(0, comma));
        if (!profile.ok()) return Usage(profile.status().message());
        options.profiles.push_back(*profile);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      }
    } else if (arg == "--tiff") {
      options.multipage_tiff = true;
    } else if (arg == "--append") {
      options.append_manifest = true;
    } else if (arg == "--image-pdf") {
      options.image_pdf = true;
    } else if (arg == "--printed-pdf") {
      options.printed_pdf = true;
    } else if (arg == "--fonts") {
      const char* v = value();
      if (v == nullptr) return Usage("--fonts needs a file");
      options.font_config = v;
    } else if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      return Usage("unknown option " + std::string(arg));
    } else {
      options.inputs.emplace_back(arg);
    }
  }
  if (options.out_dir.empty()) return Usage("no output folder (-o DIR)");
  if (options.inputs.empty()) return Usage("no text files given");
  auto report = GenerateScans(options);
  if (!report.ok()) {
    std::fprintf(stderr, "thads_scangen: %s\n", report.status().message().c_str());
    return 1;
  }
  for (const std::string& error : report->errors) std::fprintf(stderr, "thads_scangen: %s\n", error.c_str());
  std::printf("%d of %zu texts, %d page images written to %s\n", report->inputs_done,
              options.inputs.size(), report->images_written, options.out_dir.c_str());
  return report->errors.empty() ? 0 : 1;
}
