#include "render/render_job.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "base/paths.h"
#include "render/office_profile.h"
#include "render/renderer.h"
#include "render/template.h"

namespace thads::render {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxDataBytes = 4 << 20;

Result<std::string> ReadDataFile(const std::string& path) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::NotFound(path + ": cannot read the data file (" + ec.message() + ")");
  if (size > kMaxDataBytes) {
    return Status::Invalid(path + ": data file is " + std::to_string(size >> 20) +
                           " MB; the limit is 4 MB");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in && !in.eof()) return Status::IoError(path + ": read error");
  return buf.str();
}

// Writes through a temporary file and a rename, so a crash never leaves half a PDF.
Status WriteAtomically(const fs::path& path, const std::string& bytes) {
  const fs::path tmp = path.string() + ".part";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError(tmp.string() + ": cannot write");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      return Status::IoError(tmp.string() + ": write failed (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::IoError(path.string() + ": " + ec.message());
  return Status::Ok();
}


}  // namespace

std::string ResolveTemplatePath(const std::string& name_or_path) {
  if (name_or_path.find('/') != std::string::npos ||
      (name_or_path.size() > 4 && name_or_path.ends_with(".xml"))) {
    return name_or_path;
  }
  return TemplatesDir() + "/" + name_or_path + ".xml";
}

Result<std::vector<std::string>> CheckTemplateFile(const std::string& template_path,
                                                   const std::string& office_path) {
  auto tmpl = LoadTemplate(ResolveTemplatePath(template_path), TemplateCheck::kLenient);
  if (!tmpl.ok()) return tmpl.status();
  auto office = LoadOfficeProfile(office_path.empty() ? DefaultOfficeProfilePath() : office_path);
  if (!office.ok()) return office.status();
  return CheckTemplate(*tmpl, *office);
}

Result<RenderJobResult> RunRenderJob(const RenderJobOptions& options,
                                     const RenderProgress& progress) {
  if (options.data_paths.empty()) return Status::Invalid("no data file given (--data FILE)");
  if (options.output.empty()) return Status::Invalid("no output given (-o OUT)");
  auto tmpl = LoadTemplate(ResolveTemplatePath(options.template_path));
  if (!tmpl.ok()) return tmpl.status();
  auto office = LoadOfficeProfile(options.office_path.empty() ? DefaultOfficeProfilePath()
                                                              : options.office_path);
  if (!office.ok()) return office.status();
  auto fonts = LoadFontConfig(options.fonts_path.empty() ? DefaultFontConfigPath()
                                                         : options.fonts_path);
  if (!fonts.ok()) return fonts.status();
  PdfOptions pdf;
  pdf.fonts = *fonts;
  pdf.deterministic = options.deterministic;

  const bool many = options.data_paths.size() > 1;
  if (many) {
    std::error_code ec;
    fs::create_directories(options.output, ec);
    if (ec || !fs::is_directory(options.output)) {
      return Status::IoError(options.output + ": cannot create the output directory");
    }
  }

  RenderJobResult result;
  result.files.resize(options.data_paths.size());
  std::atomic<std::size_t> next{0};
  std::mutex report;
  int done = 0;
  const auto work = [&] {
    for (std::size_t i = next++; i < options.data_paths.size(); i = next++) {
      RenderFileResult& r = result.files[i];
      r.data_path = options.data_paths[i];
      r.output_path = many ? (fs::path(options.output) /
                              fs::path(r.data_path).filename().replace_extension(".pdf"))
                                 .string()
                           : options.output;
      r.status = [&]() -> Status {
        auto data = ReadDataFile(r.data_path);
        if (!data.ok()) return data.status();
        auto doc = Expand(*tmpl, *data, *office);
        if (!doc.ok()) return doc.status().WithContext(r.data_path);
        auto rendered = RenderPdf(*doc, pdf, MetadataFor(doc->info));
        if (!rendered.ok()) return rendered.status().WithContext(r.data_path);
        r.page_count = rendered->page_count;
        return WriteAtomically(r.output_path, rendered->bytes);
      }();
      std::lock_guard<std::mutex> lock(report);
      ++done;
      if (!r.status.ok()) ++result.failed;
      if (progress) progress(r, done, static_cast<int>(result.files.size()));
    }
  };
  const int jobs = std::max(1, std::min<int>(options.jobs, static_cast<int>(result.files.size())));
  std::vector<std::thread> workers;
  for (int j = 1; j < jobs; ++j) workers.emplace_back(work);
  work();
  for (std::thread& t : workers) t.join();
  return result;
}

}  // namespace thads::render
