#include "archive/case_export.h"

#include <cstdio>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "archive/blob_store.h"
#include "model/json_io.h"
#include "text/utf8.h"

namespace thads::archive {
namespace {

namespace fs = std::filesystem;

std::string Ordinal(std::size_t i) {
  char b[16];
  std::snprintf(b, sizeof b, "%02zu", i + 1);
  return b;
}

// The extension of an original file name, lower case, or ".bin".
std::string ExtensionOf(const std::string& name) {
  std::string ext = fs::path(name).extension().string();
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.')) return ".bin";
  }
  return ext.size() > 1 && ext.size() <= 6 ? ext : ".bin";
}

Result<ExportedFile> WriteExportFile(const std::string& dir, const std::string& name,
                                     const std::string& bytes) {
  THADS_RETURN_IF_ERROR(WriteFileAtomically(dir + "/" + name, bytes));
  return ExportedFile{name, Sha256Hex(bytes), static_cast<std::int64_t>(bytes.size())};
}

// Reads a file named in metadata.xml and checks it against its hash and size.
Result<std::string> ReadChecked(const std::string& dir, const ExportedFile& f) {
  const std::string path = dir + "/" + f.name;
  Result<std::string> bytes = ReadWholeFile(path);
  if (!bytes.ok()) return bytes.status();
  const std::string actual = Sha256Hex(*bytes);
  if (actual != f.sha256 || static_cast<std::int64_t>(bytes->size()) != f.size) {
    return Status::Error(StatusCode::kCorrupt,
                         path + ": its SHA-256 is " + actual + ", metadata.xml says " + f.sha256 +
                             " (the file was changed or damaged); nothing was imported");
  }
  return bytes;
}

}  // namespace

Status ExportCase(Store& store, std::int64_t case_id, const std::string& dir) {
  Result<CaseRecord> c = store.GetCase(case_id);
  if (!c.ok()) return c.status();
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return Status::Error(StatusCode::kAlreadyExists, dir + " is not empty; export into a new folder");
  }
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir + ": " + ec.message());

  CaseExport b;
  b.case_record = *c;
  Result<std::vector<ExtractionVersion>> versions = store.Extractions(case_id);
  if (!versions.ok()) return versions.status();
  b.versions = std::move(*versions);
  Result<std::vector<SourceRecord>> sources = store.SourcesOfCase(case_id);
  if (!sources.ok()) return sources.status();
  for (std::size_t i = 0; i < sources->size(); ++i) {
    ExportedSource s;
    s.record = (*sources)[i];
    Result<bool> has = store.HasBlob(s.record.sha256);
    if (!has.ok()) return has.status();
    if (*has) {
      Result<std::string> bytes = store.GetBlob(s.record.sha256);
      if (!bytes.ok()) return bytes.status();
      auto f = WriteExportFile(dir, "nguon-" + Ordinal(i) + ExtensionOf(s.record.original_name), *bytes);
      if (!f.ok()) return f.status();
      s.file = *f;
    }
    if (!s.record.text.empty()) {
      auto f = WriteExportFile(dir, "nguon-" + Ordinal(i) + ".ocr.txt", s.record.text);
      if (!f.ok()) return f.status();
      s.text_file = *f;
    }
    if (!s.record.searchable_pdf.empty()) {
      Result<std::string> pdf = store.GetBlob(s.record.searchable_pdf);
      if (!pdf.ok()) return pdf.status();
      auto f = WriteExportFile(dir, "nguon-" + Ordinal(i) + ".ocr.pdf", *pdf);
      if (!f.ok()) return f.status();
      s.searchable_file = *f;
    }
    // A judgment filed as a folder of page files: its source is the folder's
    // manifest ("HASH  NAME" per page); the pages go out as files of their own.
    if (s.file && s.record.original_name.ends_with("/")) {
      Result<std::string> manifest = store.GetBlob(s.record.sha256);
      if (!manifest.ok()) return manifest.status();
      std::istringstream lines(*manifest);
      std::string line;
      int page = 0;
      while (std::getline(lines, line)) {
        if (line.size() < 67 || !IsBlobHash(line.substr(0, 64)) || line.substr(64, 2) != "  ") continue;
        Result<std::string> bytes = store.GetBlob(line.substr(0, 64));
        if (!bytes.ok()) return bytes.status();
        auto f = WriteExportFile(dir, "nguon-" + Ordinal(i) + "-trang-" + Ordinal(page++) +
                                          ExtensionOf(line.substr(66)),
                                 *bytes);
        if (!f.ok()) return f.status();
        s.page_files.push_back(*f);
      }
    }
    s.record.text.clear();
    b.sources.push_back(std::move(s));
  }
  Result<std::vector<StoredDocument>> docs = store.DocumentsOfCase(case_id);
  if (!docs.ok()) return docs.status();
  for (std::size_t i = 0; i < docs->size(); ++i) {
    ExportedDocument d;
    d.document = (*docs)[i].document;
    if (!(*docs)[i].pdf_sha256.empty()) {
      Result<std::string> bytes = store.GetBlob((*docs)[i].pdf_sha256);
      if (!bytes.ok()) return bytes.status();
      auto f = WriteExportFile(dir, "van-ban-" + Ordinal(i) + ".pdf", *bytes);
      if (!f.ok()) return f.status();
      d.file = *f;
    }
    // A draft made by the pipeline keeps its data, to be numbered and rendered again.
    const nlohmann::json extra =
        nlohmann::json::parse(d.document.extra.json(), nullptr, /*allow_exceptions=*/false);
    const std::string data_hash = extra.is_object() ? extra.value("data_sha256", "") : "";
    if (IsBlobHash(data_hash)) {
      Result<std::string> data = store.GetBlob(data_hash);
      if (!data.ok()) return data.status();
      auto f = WriteExportFile(dir, "van-ban-" + Ordinal(i) + ".data.json", *data);
      if (!f.ok()) return f.status();
      d.data_file = *f;
    }
    b.documents.push_back(std::move(d));
  }
  Result<std::string> xml = WriteExportXml(b);
  if (!xml.ok()) return xml.status();
  return WriteFileAtomically(dir + "/" + std::string(kExportMetadataFile), *xml);
}

Result<std::int64_t> ImportCase(Store& store, const std::string& dir) {
  const std::string meta_path = dir + "/" + std::string(kExportMetadataFile);
  std::error_code ec;
  const auto size = fs::file_size(meta_path, ec);
  if (ec) return Status::NotFound(meta_path + ": " + ec.message() + " (not a case export folder)");
  if (size > kMaxExportXmlBytes) return Status::Invalid(meta_path + ": larger than 64 MB");
  Result<std::string> xml = ReadWholeFile(meta_path);
  if (!xml.ok()) return xml.status();
  Result<CaseExport> b = ReadExportXml(*xml, meta_path);
  if (!b.ok()) return b.status();
  if (b->versions.empty()) return Status::Invalid(meta_path + ": the case has no extraction result");

  // Every file is read and checked before anything is written.
  std::vector<std::string> source_bytes(b->sources.size());
  std::vector<std::string> extra_blobs;  // page files and searchable PDFs
  for (std::size_t i = 0; i < b->sources.size(); ++i) {
    ExportedSource& s = b->sources[i];
    if (s.file) {
      Result<std::string> bytes = ReadChecked(dir, *s.file);
      if (!bytes.ok()) return bytes.status();
      if (s.file->sha256 != s.record.sha256) {
        return Status::Error(StatusCode::kCorrupt, dir + "/" + s.file->name +
                                                       ": not the source file its <source> names");
      }
      source_bytes[i] = std::move(*bytes);
    }
    for (const ExportedFile& p : s.page_files) {
      Result<std::string> bytes = ReadChecked(dir, p);
      if (!bytes.ok()) return bytes.status();
      extra_blobs.push_back(std::move(*bytes));
    }
    if (s.searchable_file) {
      Result<std::string> bytes = ReadChecked(dir, *s.searchable_file);
      if (!bytes.ok()) return bytes.status();
      extra_blobs.push_back(std::move(*bytes));
    }
    if (s.text_file) {
      Result<std::string> text = ReadChecked(dir, *s.text_file);
      if (!text.ok()) return text.status();
      THADS_RETURN_IF_ERROR(text::ValidateUtf8(*text, dir + "/" + s.text_file->name));
      s.record.text = std::move(*text);
    }
  }
  std::vector<std::string> pdfs(b->documents.size());
  for (std::size_t i = 0; i < b->documents.size(); ++i) {
    if (!b->documents[i].file) continue;
    Result<std::string> bytes = ReadChecked(dir, *b->documents[i].file);
    if (!bytes.ok()) return bytes.status();
    pdfs[i] = std::move(*bytes);
  }
  for (const ExportedDocument& d : b->documents) {
    if (!d.data_file) continue;
    Result<std::string> bytes = ReadChecked(dir, *d.data_file);
    if (!bytes.ok()) return bytes.status();
    extra_blobs.push_back(std::move(*bytes));
  }

  std::vector<model::ExtractionResult> results;
  for (const ExtractionVersion& v : b->versions) {
    auto r = model::ParseExtractionJson(v.json, meta_path);
    if (!r.ok()) return r.status();
    results.push_back(std::move(*r));
  }
  model::CourtDocument key = results.back().document;
  key.number = b->case_record.number;
  key.court = b->case_record.court;
  Result<std::vector<CaseRecord>> same_number = store.FindCasesByNumber(b->case_record.number);
  if (!same_number.ok()) return same_number.status();
  for (const CaseRecord& existing : *same_number) {
    if (model::NameKey(existing.court) == model::NameKey(b->case_record.court)) {
      return Status::Error(StatusCode::kAlreadyExists,
                           "case " + b->case_record.number + " of " + b->case_record.court +
                               " is already in the archive (case " + std::to_string(existing.id) +
                               "); nothing was imported");
    }
  }

  Result<std::unique_ptr<Transaction>> tx = store.Begin();
  if (!tx.ok()) return tx.status();
  Result<CaseRecord> c = (*tx)->CreateOrFindCase(key, b->case_record.office);
  if (!c.ok()) return c.status();
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ExtractionVersion& v = b->versions[i];
    auto added = (*tx)->AddExtraction(c->id, {results[i], v.note, v.actor, v.recorded_at});
    if (!added.ok()) return added.status();
  }
  for (std::size_t i = 0; i < b->sources.size(); ++i) {
    SourceRecord s = b->sources[i].record;
    if (b->sources[i].file) {
      Result<BlobHash> put = (*tx)->PutBlob(source_bytes[i]);
      if (!put.ok()) return put.status();
    }
    s.case_id = c->id;
    THADS_RETURN_IF_ERROR((*tx)->RecordSource(s));
  }
  for (const std::string& bytes : extra_blobs) {
    Result<BlobHash> put = (*tx)->PutBlob(bytes);
    if (!put.ok()) return put.status();
  }
  THADS_RETURN_IF_ERROR((*tx)->SetCaseStatus(c->id, b->case_record.status));
  for (std::size_t i = 0; i < b->documents.size(); ++i) {
    BlobHash pdf;
    if (b->documents[i].file) {
      Result<BlobHash> put = (*tx)->PutBlob(pdfs[i]);
      if (!put.ok()) return put.status();
      pdf = *put;
    }
    Result<std::int64_t> d = (*tx)->AddDocument(c->id, b->documents[i].document, pdf);
    if (!d.ok()) return d.status();
  }
  THADS_RETURN_IF_ERROR((*tx)->Audit("case.import", "case/" + std::to_string(c->id), Sha256Hex(*xml)));
  THADS_RETURN_IF_ERROR((*tx)->Commit());
  return c->id;
}

}  // namespace thads::archive
