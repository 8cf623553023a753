// A case file out of the archive and into another one: its files (scans, OCR text,
// document PDFs) plus metadata.xml with the metadata ND 30/2020/NĐ-CP Phụ lục VI
// asks an electronic archive to keep, the case, every extraction version and each
// file's SHA-256. Import checks every file against its hash and refuses a mismatch;
// export → import → export gives the same files byte for byte. Format: docs/archive.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/store.h"
#include "base/status.h"

namespace thads::archive {

inline constexpr std::string_view kExportMetadataFile = "metadata.xml";
inline constexpr std::size_t kMaxExportXmlBytes = 64 * 1024 * 1024;

// A file of the export folder: its name there, hash and size.
struct ExportedFile {
  std::string name;
  BlobHash sha256;
  std::int64_t size = 0;
};

struct ExportedSource {
  SourceRecord record;                 // text travels in text_file
  std::optional<ExportedFile> file;    // the scan itself, when the archive holds it
  std::optional<ExportedFile> text_file;
  std::optional<ExportedFile> searchable_file;  // a scan's OCR'd, searchable PDF
  std::vector<ExportedFile> page_files;         // a folder of pages: each page's file
};

struct ExportedDocument {
  model::GeneratedDocument document;
  std::optional<ExportedFile> file;  // its PDF
  std::optional<ExportedFile> data_file;  // a draft's data (JSON), re-rendered at approval
};

// What metadata.xml says. No archive-local ids: they differ between archives.
struct CaseExport {
  CaseRecord case_record;  // number, court, status, office (id and created_at unused)
  std::vector<ExtractionVersion> versions;
  std::vector<ExportedSource> sources;
  std::vector<ExportedDocument> documents;
};

// metadata.xml text (UTF-8, indented, deterministic) and back. The reader takes
// outside bytes: it refuses DTDs and entities and names what is wrong and where.
Result<std::string> WriteExportXml(const CaseExport& bundle);
Result<CaseExport> ReadExportXml(std::string_view xml, const std::string& what);

// Writes case `case_id` into `dir` (created; must be missing or empty).
Status ExportCase(Store& store, std::int64_t case_id, const std::string& dir);
// Reads an export folder into the store in one transaction; returns the new case
// id. Refused when the judgment's case already exists there.
Result<std::int64_t> ImportCase(Store& store, const std::string& dir);

}  // namespace thads::archive
