// metadata.xml of a case export: the only file of src/archive that sees libxml2.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include <map>
#include <memory>

#include "archive/case_export.h"
#include "model/json_io.h"
#include "text/dates.h"
#include "text/normalize.h"

namespace thads::archive {
namespace {

constexpr const char* kNamespace = "urn:thads:case-export:1";
constexpr const char* kFormatVersion = "1";

// XML 1.0 cannot carry C0 controls other than tab, LF and CR.
Status CheckXmlText(std::string_view s, std::string_view what) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return Status::Invalid(std::string(what) + ": control character " + std::to_string(u) +
                             " cannot be written to XML");
    }
  }
  return Status::Ok();
}

class Writer {
 public:
  Writer() : buffer_(xmlBufferCreate()), w_(xmlNewTextWriterMemory(buffer_, 0)) {
    xmlTextWriterSetIndent(w_, 1);
    xmlTextWriterSetIndentString(w_, BAD_CAST "  ");
  }
  ~Writer() {
    if (w_ != nullptr) xmlFreeTextWriter(w_);
    xmlBufferFree(buffer_);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void Start(const char* name) { Check(xmlTextWriterStartElement(w_, BAD_CAST name)); }
  void End() { Check(xmlTextWriterEndElement(w_)); }
  void Attr(const char* name, std::string_view value) {
    Validate(value, name);
    Check(xmlTextWriterWriteAttribute(w_, BAD_CAST name, BAD_CAST std::string(value).c_str()));
  }
  void Element(const char* name, std::string_view value) {
    Validate(value, name);
    Check(xmlTextWriterWriteElement(w_, BAD_CAST name, BAD_CAST std::string(value).c_str()));
  }
  void Optional(const char* name, const std::optional<std::string>& value) {
    if (value) Element(name, *value);
  }
  void Text(std::string_view value) {
    Validate(value, "text");
    Check(xmlTextWriterWriteString(w_, BAD_CAST std::string(value).c_str()));
  }
  void Comment(const char* text) { Check(xmlTextWriterWriteComment(w_, BAD_CAST text)); }

  void Begin() {
    Check(xmlTextWriterStartDocument(w_, "1.0", "UTF-8", nullptr));
    Start("caseFile");
    Attr("xmlns", kNamespace);
    Attr("version", kFormatVersion);
  }
  Result<std::string> Finish() {
    Check(xmlTextWriterEndDocument(w_));
    xmlFreeTextWriter(w_);
    w_ = nullptr;
    if (!status_.ok()) return status_;
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                       static_cast<std::size_t>(xmlBufferLength(buffer_)));
  }

 private:
  void Check(int rc) {
    if (rc < 0 && status_.ok()) status_ = Status::Error(StatusCode::kInternal, "writing metadata.xml failed");
  }
  void Validate(std::string_view value, const char* name) {
    if (status_.ok()) status_ = CheckXmlText(value, name);
  }

  xmlBufferPtr buffer_;
  xmlTextWriterPtr w_;
  Status status_;
};

void WriteFile(Writer& w, const char* element, const ExportedFile& f) {
  w.Start(element);
  w.Attr("name", f.name);
  w.Attr("sha256", f.sha256);
  w.Attr("size", std::to_string(f.size));
  w.End();
}

std::string DateText(const std::optional<std::chrono::year_month_day>& d) {
  return d && d->ok() ? text::FormatIsoDate(*d) : "";
}

// ---- Reading ----

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::optional<std::string> AttrOf(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, BAD_CAST name);
  if (v == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string TextOf(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (v == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

class Reader {
 public:
  explicit Reader(std::string what) : what_(std::move(what)) {}

  Status Fail(const xmlNode* n, const std::string& message) const {
    return Status::Invalid(what_ + ":" + std::to_string(n != nullptr ? xmlGetLineNo(n) : 0) + ": " +
                           message);
  }

  Result<std::string> Required(const xmlNode* n, const char* attr) const {
    auto v = AttrOf(n, attr);
    if (!v) return Fail(n, "<" + Name(n) + "> needs the attribute " + attr);
    return *v;
  }

  Result<std::int64_t> Number(const xmlNode* n, const char* attr) const {
    Result<std::string> v = Required(n, attr);
    if (!v.ok()) return v.status();
    if (v->empty() || v->size() > 18 || v->find_first_not_of("0123456789") != std::string::npos) {
      return Fail(n, std::string(attr) + "=\"" + *v + "\" is not a whole number");
    }
    return std::stoll(*v);
  }

  Result<ExportedFile> File(const xmlNode* n) const {
    ExportedFile f;
    auto name = Required(n, "name");
    if (!name.ok()) return name.status();
    if (name->empty() || name->find('/') != std::string::npos || *name == "." || *name == ".." ||
        *name == kExportMetadataFile) {
      return Fail(n, "file name \"" + *name + "\" is not a plain file name of the folder");
    }
    f.name = *name;
    auto sha = Required(n, "sha256");
    if (!sha.ok()) return sha.status();
    if (!IsBlobHash(*sha)) return Fail(n, "sha256=\"" + *sha + "\" is not a SHA-256 hash");
    f.sha256 = *sha;
    auto size = Number(n, "size");
    if (!size.ok()) return size.status();
    f.size = *size;
    return f;
  }

  Result<std::optional<std::chrono::year_month_day>> Date(const xmlNode* n, const char* attr) const {
    const std::string v = AttrOf(n, attr).value_or("");
    if (v.empty()) return std::optional<std::chrono::year_month_day>();
    auto d = text::ParseIsoDate(v);
    if (!d.ok()) return Fail(n, std::string(attr) + ": " + d.status().message());
    return std::optional<std::chrono::year_month_day>(*d);
  }

  Status Case(const xmlNode* n, CaseRecord& c) const {
    auto number = Required(n, "number");
    if (!number.ok()) return number.status();
    c.number = *number;
    c.court = AttrOf(n, "court").value_or("");
    c.office = AttrOf(n, "office").value_or("");
    auto date = Date(n, "judgmentDate");
    if (!date.ok()) return date.status();
    c.judgment_date = *date;
    if (auto t = AttrOf(n, "caseType"); t && !t->empty()) {
      auto parsed = model::ParseCaseType(*t);
      if (!parsed.ok()) return Fail(n, "caseType: " + parsed.status().message());
      c.case_type = *parsed;
    }
    auto status = model::ParseCaseStatus(AttrOf(n, "status").value_or(""));
    if (!status.ok()) return Fail(n, "status: " + status.status().message());
    c.status = *status;
    return Status::Ok();
  }

  Status Extraction(const xmlNode* n, CaseExport& out) const {
    auto version = Number(n, "version");
    if (!version.ok()) return version.status();
    if (*version != static_cast<std::int64_t>(out.versions.size()) + 1) {
      return Fail(n, "extraction versions must be 1, 2, … in order");
    }
    ExtractionVersion v;
    v.version = static_cast<std::int32_t>(*version);
    v.actor = AttrOf(n, "actor").value_or("");
    v.note = AttrOf(n, "note").value_or("");
    v.recorded_at = AttrOf(n, "recordedAt").value_or("");
    v.json = TextOf(n);
    auto parsed = model::ParseExtractionJson(v.json, what_ + " extraction " + std::to_string(*version));
    if (!parsed.ok()) return Fail(n, parsed.status().message());
    out.versions.push_back(std::move(v));
    return Status::Ok();
  }

  Status Source(const xmlNode* n, CaseExport& out) const {
    ExportedSource s;
    auto sha = Required(n, "sha256");
    if (!sha.ok()) return sha.status();
    if (!IsBlobHash(*sha)) return Fail(n, "sha256=\"" + *sha + "\" is not a SHA-256 hash");
    s.record.sha256 = *sha;
    s.record.original_name = AttrOf(n, "name").value_or("");
    auto pages = Number(n, "pages");
    if (!pages.ok()) return pages.status();
    s.record.page_count = static_cast<std::int32_t>(std::min<std::int64_t>(*pages, 1000000));
    auto state = ParseSourceState(AttrOf(n, "state").value_or(""));
    if (!state.ok()) return Fail(n, "state: " + state.status().message());
    s.record.state = *state;
    s.record.reason = AttrOf(n, "reason").value_or("");
    s.record.recorded_at = AttrOf(n, "recordedAt").value_or("");
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      auto f = File(c);
      if (!f.ok()) return f.status();
      if (Name(c) == "file") {
        s.file = *f;
      } else if (Name(c) == "textFile") {
        s.text_file = *f;
      } else if (Name(c) == "searchablePdf") {
        s.searchable_file = *f;
        s.record.searchable_pdf = f->sha256;
      } else if (Name(c) == "page") {
        s.page_files.push_back(*f);
      } else {
        return Fail(c, "unexpected <" + Name(c) + "> in <source>");
      }
    }
    out.sources.push_back(std::move(s));
    return Status::Ok();
  }

  Status Document(const xmlNode* n, CaseExport& out) const {
    ExportedDocument d;
    bool has_json = false;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (Name(c) == "file" || Name(c) == "dataFile") {
        auto f = File(c);
        if (!f.ok()) return f.status();
        (Name(c) == "file" ? d.file : d.data_file) = *f;
      } else if (Name(c) == "json") {
        auto doc = model::ParseGeneratedDocumentJson(TextOf(c), what_ + " document");
        if (!doc.ok()) return Fail(c, doc.status().message());
        d.document = std::move(*doc);
        has_json = true;
      }
      // The ND 30 elements repeat the JSON for readers of the export; JSON is kept.
    }
    if (!has_json) return Fail(n, "<document> needs its <json>");
    out.documents.push_back(std::move(d));
    return Status::Ok();
  }

 private:
  std::string what_;
};

}  // namespace

Result<std::string> WriteExportXml(const CaseExport& b) {
  Writer w;
  w.Begin();
  w.Comment(" Hồ sơ thi hành án: metadata theo Nghị định 30/2020/NĐ-CP, Phụ lục VI ");
  const CaseRecord& c = b.case_record;
  w.Start("case");
  w.Attr("number", c.number);
  w.Attr("court", c.court);
  w.Attr("judgmentDate", DateText(c.judgment_date));
  w.Attr("caseType", c.case_type ? std::string(model::ToString(*c.case_type)) : "");
  w.Attr("status", model::ToString(c.status));
  w.Attr("office", c.office);
  w.End();
  for (const ExtractionVersion& v : b.versions) {
    w.Start("extraction");
    w.Attr("version", std::to_string(v.version));
    w.Attr("actor", v.actor);
    w.Attr("note", v.note);
    w.Attr("recordedAt", v.recorded_at);
    w.Text(v.json);
    w.End();
  }
  for (const ExportedSource& s : b.sources) {
    w.Start("source");
    w.Attr("sha256", s.record.sha256);
    w.Attr("name", s.record.original_name);
    w.Attr("pages", std::to_string(s.record.page_count));
    w.Attr("state", ToString(s.record.state));
    w.Attr("reason", s.record.reason);
    w.Attr("recordedAt", s.record.recorded_at);
    if (s.file) WriteFile(w, "file", *s.file);
    if (s.text_file) WriteFile(w, "textFile", *s.text_file);
    if (s.searchable_file) WriteFile(w, "searchablePdf", *s.searchable_file);
    for (const ExportedFile& p : s.page_files) WriteFile(w, "page", p);
    w.End();
  }
  for (const ExportedDocument& e : b.documents) {
    const model::GeneratedDocument& d = e.document;
    auto number = [](const std::optional<std::int32_t>& n) {
      return n ? std::optional<std::string>(std::to_string(*n)) : std::nullopt;
    };
    auto date = [](const std::optional<std::chrono::year_month_day>& v) {
      return v && v->ok() ? std::optional<std::string>(text::FormatIsoDate(*v)) : std::nullopt;
    };
    w.Start("document");
    if (e.file) WriteFile(w, "file", *e.file);
    if (e.data_file) WriteFile(w, "dataFile", *e.data_file);
    w.Optional("agencyCode", d.agency_code);        // mã định danh của cơ quan
    w.Optional("fileCatalogue", d.file_catalogue);  // mục lục số / năm hình thành hồ sơ
    w.Optional("fileNotation", d.file_notation);    // số và ký hiệu hồ sơ
    w.Optional("ordinal", number(d.ordinal));       // số thứ tự văn bản trong hồ sơ
    w.Element("kind", d.kind);                      // tên loại văn bản
    w.Optional("number", number(d.number));         // số văn bản
    w.Optional("symbol", d.symbol);                 // ký hiệu
    w.Optional("issueDate", date(d.issue_date));    // ngày tháng năm văn bản
    w.Element("agency", d.agency);                  // tên cơ quan ban hành
    w.Element("subject", d.subject);                // trích yếu nội dung
    w.Optional("pageCount", number(d.page_count));  // số trang
    w.Optional("signer", d.signer);                 // người ký
    w.Element("priority", model::ToString(d.priority));  // mức độ khẩn
    w.Optional("dueDate", date(d.due_date));        // hạn giải quyết
    w.Element("status", model::ToString(d.status));
    w.Element("templateId", d.template_id);
    w.Element("json", model::ToJson(d));
    w.End();
  }
  w.End();
  return w.Finish();
}

Result<CaseExport> ReadExportXml(std::string_view xml, const std::string& what) {
  if (xml.size() > kMaxExportXmlBytes) return Status::Invalid(what + ": larger than 64 MB");
  THADS_RETURN_IF_ERROR(text::ValidateUtf8(xml, what));
  std::unique_ptr<xmlDoc, XmlDocFree> doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), what.c_str(), "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (doc == nullptr) {
    const xmlError* e = xmlGetLastError();
    return Status::Invalid(what + ":" + std::to_string(e != nullptr ? e->line : 0) +
                           ": not well-formed XML" +
                           (e != nullptr && e->message != nullptr ? std::string(" (") + e->message : std::string(" (")) +
                           ")");
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    return Status::Invalid(what + ": a DOCTYPE is not allowed in an export");
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  Reader r(what);
  if (root == nullptr || Name(root) != "caseFile" || root->ns == nullptr ||
      std::string(reinterpret_cast<const char*>(root->ns->href)) != kNamespace) {
    return r.Fail(root, std::string("the root element must be <caseFile xmlns=\"") + kNamespace + "\">");
  }
  if (AttrOf(root, "version").value_or("") != kFormatVersion) {
    return r.Fail(root, "unknown export version \"" + AttrOf(root, "version").value_or("") + "\"");
  }
  CaseExport out;
  bool has_case = false;
  for (const xmlNode* n = root->children; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    const std::string name = Name(n);
    Status s;
    if (name == "case") {
      if (has_case) return r.Fail(n, "more than one <case>");
      s = r.Case(n, out.case_record);
      has_case = true;
    } else if (name == "extraction") {
      s = r.Extraction(n, out);
    } else if (name == "source") {
      s = r.Source(n, out);
    } else if (name == "document") {
      s = r.Document(n, out);
    } else {
      s = r.Fail(n, "unexpected <" + name + ">");
    }
    THADS_RETURN_IF_ERROR(s);
  }
  if (!has_case) return r.Fail(root, "no <case>");
  // Every file name is used once.
  std::map<std::string, int> names;
  for (const ExportedSource& s : out.sources) {
    if (s.file) ++names[s.file->name];
    if (s.text_file) ++names[s.text_file->name];
    if (s.searchable_file) ++names[s.searchable_file->name];
    for (const ExportedFile& p : s.page_files) ++names[p.name];
  }
  for (const ExportedDocument& d : out.documents) {
    if (d.file) ++names[d.file->name];
    if (d.data_file) ++names[d.data_file->name];
  }
  for (const auto& [n, count] : names) {
    if (count > 1) return r.Fail(root, "the file " + n + " is listed twice");
  }
  return out;
}

}  // namespace thads::archive
