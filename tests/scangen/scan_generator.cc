#include "scan_generator.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "ocr/image_io.h"
#include "ocr/pdf_rasterizer.h"
#include "page_layout.h"
#include "render/fonts.h"

namespace thads::scangen {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": read error");
  return buffer.str();
}

Status WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Status::IoError(path.string() + ": cannot write the file");
  return Status::Ok();
}

std::string TwoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string Join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

struct ManifestRow {
  std::string file;
  int page_in_file = 1;
  std::string source;
  int gt_page = 1;
  const DegradedPage* page = nullptr;
  std::string profile;
};

std::string ManifestLine(const ManifestRow& r) {
  const ocr::Image& img = r.page->image;
  return r.file + '\t' + std::to_string(r.page_in_file) + '\t' + r.source + ".gt.txt\t" +
         std::to_string(r.gt_page) + '\t' + std::to_string(img.dpi) + '\t' +
         std::to_string(img.width) + '\t' + std::to_string(img.height) + '\t' + r.profile +
         '\t' + Join(r.page->steps, ";") + '\n';
}

// One input: lays it out, prints, rasterizes and damages every page.
Status GenerateOne(const std::string& input, const ScanGenOptions& options,
                   const render::PdfOptions& pdf_options, std::string& manifest,
                   int& images_written) {
  const std::string name = fs::path(input).stem().string();
  auto bytes = ReadFile(input);
  if (!bytes.ok()) return bytes.status();
  auto doc = ParseScanText(*bytes, input);
  if (!doc.ok()) return doc.status();
  auto printed = PrintPages(*doc, pdf_options);
  if (!printed.ok()) return printed.status().WithContext(input);

  const fs::path out(options.out_dir);
  THADS_RETURN_IF_ERROR(WriteFile(out / (name + ".gt.txt"), Join(printed->page_texts, "\f") + "\n"));
  const fs::path print_path = out / ("." + name + ".print.pdf");
  THADS_RETURN_IF_ERROR(WriteFile(print_path, printed->pdf));
  auto pdf = ocr::PdfDocument::Open(print_path.string());
  std::error_code ignored;
  if (!pdf.ok()) {
    fs::remove(print_path, ignored);
    return pdf.status();
  }

  std::vector<DegradedPage> tiff_pages, pdf_pages;
  const int pages = (*pdf)->info().page_count;
  for (int i = 0; i < pages; ++i) {
    auto clean = (*pdf)->RasterizePage(i, options.render_dpi);
    if (!clean.ok()) {
      fs::remove(print_path, ignored);
      return clean.status();
    }
    std::map<Profile, int> seen;  // numbers repeated profiles: random1, random2
    for (std::size_t v = 0; v < options.profiles.size(); ++v) {
      const Profile profile = options.profiles[v];
      const int n = ++seen[profile];
      Rng rng(MixSeed(options.seed, name, static_cast<std::uint64_t>(i), v));
      auto page = Degrade(*clean, profile, rng);
      if (!page.ok()) return page.status().WithContext(input);
      std::string suffix(ProfileName(profile));
      if (profile == Profile::kRandom) suffix += std::to_string(n);
      const std::string file = name + "-p" + TwoDigits(i + 1) + "-" + suffix +
                               (page->storage == Storage::kJpeg ? ".jpg" : ".png");
      if (page->storage == Storage::kJpeg) {
        THADS_RETURN_IF_ERROR(WriteFile(out / file, page->jpeg_bytes));
      } else {
        THADS_RETURN_IF_ERROR(ocr::WritePng(page->image, (out / file).string()));
      }
      manifest += ManifestLine({file, 1, name, i + 1, &*page, suffix});
      ++images_written;
    }
    if (options.multipage_tiff) {
      Rng rng(MixSeed(options.seed, name, static_cast<std::uint64_t>(i), 1000));
      auto page = Degrade(*clean, Profile::kFax, rng);
      if (!page.ok()) return page.status().WithContext(input);
      tiff_pages.push_back(std::move(*page));
    }
    if (options.image_pdf) {
      Rng rng(MixSeed(options.seed, name, static_cast<std::uint64_t>(i), 2000));
      auto page = Degrade(*clean, Profile::kClean, rng);
      if (!page.ok()) return page.status().WithContext(input);
      pdf_pages.push_back(std::move(*page));
    }
  }
  if (options.printed_pdf) {
    fs::rename(print_path, out / (name + ".printed.pdf"), ignored);
    if (ignored) return Status::IoError((out / (name + ".printed.pdf")).string() + ": " + ignored.message());
  } else {
    fs::remove(print_path, ignored);
  }

  auto write_set = [&](const std::vector<DegradedPage>& set, const std::string& file,
                       const char* profile, bool tiff) -> Status {
    if (set.empty()) return Status::Ok();
    std::vector<ocr::Image> images;
    for (const DegradedPage& p : set) images.push_back(p.image);
    THADS_RETURN_IF_ERROR(tiff ? ocr::WriteTiff(images, (out / file).string(),
                                                ocr::TiffCompression::kGroup4)
                               : ocr::WriteImagePdf(images, (out / file).string()));
    for (std::size_t i = 0; i < set.size(); ++i) {
      const int page = static_cast<int>(i) + 1;
      manifest += ManifestLine({file, page, name, page, &set[i], profile});
      ++images_written;
    }
    return Status::Ok();
  };
  THADS_RETURN_IF_ERROR(write_set(tiff_pages, name + ".tif", "fax", true));
  THADS_RETURN_IF_ERROR(write_set(pdf_pages, name + ".pdf", "clean", false));
  return Status::Ok();
}

}  // namespace

Result<ScanGenReport> GenerateScans(const ScanGenOptions& options) {
  if (options.out_dir.empty()) return Status::Invalid("no output folder given");
  if (options.profiles.empty() && !options.multipage_tiff && !options.image_pdf &&
      !options.printed_pdf) {
    return Status::Invalid("nothing to make: no damage profile, no TIFF, no PDF");
  }
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec) return Status::IoError(options.out_dir + ": cannot create the folder: " + ec.message());

  auto fonts = render::LoadFontConfig(options.font_config.empty()
                                          ? render::DefaultFontConfigPath()
                                          : options.font_config);
  if (!fonts.ok()) return fonts.status();
  render::PdfOptions pdf_options;
  pdf_options.fonts = *fonts;
  pdf_options.deterministic = true;

  ScanGenReport report;
  const fs::path manifest_path = fs::path(options.out_dir) / "manifest.tsv";
  std::string manifest;
  if (options.append_manifest && fs::exists(manifest_path)) {
    auto existing = ReadFile(manifest_path.string());
    if (!existing.ok()) return existing.status();
    manifest = std::move(*existing);
  } else {
    manifest = "file\tpage\tground_truth\tgt_page\tdpi\twidth\theight\tprofile\tdamage\n";
  }
  for (const std::string& input : options.inputs) {
    Status s = GenerateOne(input, options, pdf_options, manifest, report.images_written);
    if (s.ok()) {
      ++report.inputs_done;
    } else {
      report.errors.push_back(s.message());
    }
  }
  THADS_RETURN_IF_ERROR(WriteFile(manifest_path, manifest));
  return report;
}

}  // namespace thads::scangen
