#include "pipeline/batch_input.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "ocr/image_io.h"
#include "ocr/ocr_job.h"
#include "ocr/pdf_rasterizer.h"

namespace thads::pipeline {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Files a desktop leaves in folders; never judgments.
bool IsClutter(const std::string& name) {
  const std::string n = Lower(name);
  return name.empty() || name[0] == '.' || name[0] == '~' || n == "thumbs.db" ||
         n == "desktop.ini";
}

// One page file (image or PDF) of a scan: its kind and page count.
struct PageFile {
  std::string kind;  // "pdf", "png", "jpeg", "tiff"
  int pages = 0;
  bool all_text = false;  // a PDF whose every page has a text layer
};

Result<PageFile> InspectPageFile(const std::string& path) {
  Result<std::string> kind = ocr::DetectInputKind(path);
  if (!kind.ok()) return kind.status();
  PageFile file;
  file.kind = *kind;
  if (file.kind == "pdf") {
    Result<ocr::PdfInfo> info = ocr::InspectPdf(path);
    if (!info.ok()) return info.status();
    file.pages = info->page_count;
    file.all_text = std::all_of(info->pages.begin(), info->pages.end(),
                                [](const ocr::PdfPageInfo& p) { return p.has_text; });
    return file;
  }
  Result<ocr::ImageFileInfo> info = ocr::InspectImageFile(path);
  if (!info.ok()) return info.status();
  file.pages = static_cast<int>(info->pages.size());
  return file;
}

BatchUnit FileUnit(const fs::path& path) {
  BatchUnit unit;
  unit.name = path.filename().string();
  unit.files = {path.string()};
  if (Lower(path.extension().string()) == ".txt") {
    unit.kind = UnitKind::kText;
    return unit;
  }
  Result<PageFile> file = InspectPageFile(path.string());
  if (!file.ok()) {
    unit.error = file.status();
    return unit;
  }
  unit.pages = file->pages;
  unit.kind = file->kind == "pdf" && file->all_text ? UnitKind::kTextPdf : UnitKind::kScan;
  return unit;
}

BatchUnit FolderUnit(const fs::path& dir) {
  BatchUnit unit;
  unit.name = dir.filename().string() + "/";
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (IsClutter(name)) continue;
    if (it->is_directory(ec)) {
      unit.error = Status::Invalid(unit.name + ": a judgment's folder holds its pages only, not "
                                   "another folder (" + name + ")");
      return unit;
    }
    files.push_back(it->path());
  }
  if (ec) {
    unit.error = Status::IoError(unit.name + ": cannot be read: " + ec.message());
    return unit;
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    unit.error = Status::Invalid(unit.name + ": the folder is empty");
    return unit;
  }
  for (const fs::path& f : files) {
    Result<PageFile> page = InspectPageFile(f.string());
    if (!page.ok()) {
      unit.error = page.status();
      return unit;
    }
    unit.pages += page->pages;
    unit.files.push_back(f.string());
  }
  unit.kind = UnitKind::kScan;
  return unit;
}

}  // namespace

Result<std::vector<BatchUnit>> ListBatchInput(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound(dir + ": no such folder");
  }
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!IsClutter(it->path().filename().string())) entries.push_back(it->path());
  }
  if (ec) return Status::IoError(dir + ": cannot be read: " + ec.message());
  std::sort(entries.begin(), entries.end());
  std::vector<BatchUnit> units;
  for (const fs::path& entry : entries) {
    units.push_back(fs::is_directory(entry, ec) ? FolderUnit(entry) : FileUnit(entry));
  }
  return units;
}

}  // namespace thads::pipeline
