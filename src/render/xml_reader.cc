// The one libxml2 adapter of src/render. Templates and office profiles are
// edited by hand in an office, so parsing is locked down: no network, no
// entity substitution, no DTD loading, and any DOCTYPE is refused before its
// internal subset is read (billion laughs, external entities).
#include "render/xml_reader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>

#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::render {
namespace {

// Per-parse state, reached from libxml2 callbacks through ctxt->_private.
struct ParseState {
  std::string source;
  std::string first_error;  // "source:line: message"
  bool refused = false;     // a DOCTYPE or entity declaration was seen
};

ParseState& StateOf(void* ctx) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  return *static_cast<ParseState*>(ctxt->_private);
}

int CurrentLine(void* ctx) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  return ctxt->input != nullptr ? ctxt->input->line : 0;
}

void Refuse(void* ctx, const std::string& what) {
  ParseState& state = StateOf(ctx);
  if (!state.refused) {
    state.refused = true;
    state.first_error = state.source + ":" + std::to_string(CurrentLine(ctx)) + ": " +
                        what +
                        " is not allowed: DTDs and entity declarations are refused";
  }
  xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
}

// Called when "<!DOCTYPE" has been read, before any internal subset.
void OnInternalSubset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  Refuse(ctx, "a DOCTYPE declaration");
}

void OnExternalSubset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  Refuse(ctx, "an external DTD");
}

void OnEntityDecl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*,
                  xmlChar*) {
  Refuse(ctx, "an entity declaration");
}

#if LIBXML_VERSION >= 21200
void OnStructuredError(void* ctx, const xmlError* error) {
#else
void OnStructuredError(void* ctx, xmlErrorPtr error) {
#endif
  if (ctx == nullptr || error == nullptr || error->level < XML_ERR_ERROR) return;
  ParseState& state = StateOf(ctx);
  if (!state.first_error.empty()) return;
  std::string message = error->message != nullptr ? error->message : "malformed XML";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  state.first_error =
      state.source + ":" + std::to_string(error->line) + ": " + text::RepairUtf8(message);
}

void SilentGenericError(void*, const char*, ...) {}

// Keeps libxml2's thread-local generic error channel quiet for one parse and
// restores whatever was installed before.
class GenericErrorSilencer {
 public:
  GenericErrorSilencer()
      : previous_(xmlGenericError), previous_context_(xmlGenericErrorContext) {
    xmlSetGenericErrorFunc(nullptr, SilentGenericError);
  }
  ~GenericErrorSilencer() { xmlSetGenericErrorFunc(previous_context_, previous_); }
  GenericErrorSilencer(const GenericErrorSilencer&) = delete;
  GenericErrorSilencer& operator=(const GenericErrorSilencer&) = delete;

 private:
  xmlGenericErrorFunc previous_;
  void* previous_context_;
};

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct CtxtDeleter {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

int LineOfOffset(std::string_view bytes, std::size_t offset) {
  offset = std::min(offset, bytes.size());
  return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

std::string QualifiedName(const xmlChar* name, const xmlNs* ns) {
  std::string out;
  if (ns != nullptr && ns->prefix != nullptr) {
    out = reinterpret_cast<const char*>(ns->prefix);
    out += ':';
  }
  if (name != nullptr) out += reinterpret_cast<const char*>(name);
  return out;
}

Result<std::string> Clean(const xmlChar* raw, const std::string& where) {
  std::string_view bytes =
      raw != nullptr ? std::string_view(reinterpret_cast<const char*>(raw)) : "";
  return text::CleanText(bytes, where);
}

Result<XmlNode> Convert(xmlNode* node, xmlDoc* doc, const std::string& source) {
  XmlNode out;
  out.kind = XmlNode::Kind::kElement;
  out.line = static_cast<int>(xmlGetLineNo(node));
  const std::string where = source + ":" + std::to_string(out.line);
  out.name = QualifiedName(node->name, node->ns);
  THADS_RETURN_IF_ERROR(text::ValidateUtf8(out.name, where));
  for (xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    xmlChar* value = xmlNodeListGetString(doc, attr->children, 1);
    Result<std::string> clean = Clean(value, where);
    xmlFree(value);
    if (!clean.ok()) return clean.status();
    out.attributes.emplace_back(QualifiedName(attr->name, attr->ns), std::move(*clean));
  }
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) {
      Result<XmlNode> converted = Convert(child, doc, source);
      if (!converted.ok()) return converted.status();
      out.children.push_back(std::move(*converted));
    } else if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      const int line = static_cast<int>(xmlGetLineNo(child));
      Result<std::string> clean = Clean(
          child->content, source + ":" + std::to_string(line > 0 ? line : out.line));
      if (!clean.ok()) return clean.status();
      if (!out.children.empty() && out.children.back().kind == XmlNode::Kind::kText) {
        out.children.back().text += *clean;
        continue;
      }
      XmlNode text_node;
      text_node.kind = XmlNode::Kind::kText;
      text_node.text = std::move(*clean);
      text_node.line = line > 0 ? line : out.line;
      out.children.push_back(std::move(text_node));
    } else if (child->type == XML_ENTITY_REF_NODE) {
      return Status::Invalid(source + ":" + std::to_string(xmlGetLineNo(child)) +
                             ": entity references are not allowed");
    }
    // Comments and processing instructions carry nothing for us.
  }
  return out;
}

}  // namespace

const std::string* XmlNode::Attribute(std::string_view attribute) const {
  for (const auto& [key, value] : attributes) {
    if (key == attribute) return &value;
  }
  return nullptr;
}

Result<XmlNode> ReadXmlMemory(std::string_view bytes, const std::string& source) {
  if (bytes.size() > kMaxXmlBytes) {
    return Status::Invalid(source + ": file too large (" + std::to_string(bytes.size()) +
                           " bytes; the limit is " + std::to_string(kMaxXmlBytes) + ")");
  }
  if (const std::size_t bad = text::FindInvalidUtf8(bytes);
      bad != std::string_view::npos) {
    return text::ValidateUtf8(bytes,
                              source + ":" + std::to_string(LineOfOffset(bytes, bad)));
  }

  static std::once_flag init_once;
  std::call_once(init_once, [] { xmlInitParser(); });
  GenericErrorSilencer silencer;

  std::unique_ptr<xmlParserCtxt, CtxtDeleter> ctxt(xmlNewParserCtxt());
  if (ctxt == nullptr || ctxt->sax == nullptr) {
    return Status::Error(StatusCode::kInternal, source + ": cannot create an XML parser");
  }
  ParseState state;
  state.source = source;
  ctxt->_private = &state;
  ctxt->sax->internalSubset = OnInternalSubset;
  ctxt->sax->externalSubset = OnExternalSubset;
  ctxt->sax->entityDecl = OnEntityDecl;
  ctxt->sax->serror = OnStructuredError;
  // No XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID or HUGE: entities are never
  // substituted and libxml2's depth and size limits stay on.
  const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()),
                        source.c_str(), "UTF-8", options));
  if (state.refused) return Status::Invalid(state.first_error);
  if (doc == nullptr || !ctxt->wellFormed) {
    if (!state.first_error.empty()) return Status::Invalid(state.first_error);
    return Status::Invalid(source + ": malformed XML");
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    return Status::Invalid(source +
                           ": a DOCTYPE declaration is not allowed: DTDs and "
                           "entity declarations are refused");
  }
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return Status::Invalid(source + ": no root element");
  return Convert(root, doc.get(), source);
}

Result<XmlNode> ReadXmlFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(path + ": no such file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot be read");
  std::string bytes(kMaxXmlBytes + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return Status::IoError(path + ": cannot be read");
  if (bytes.size() > kMaxXmlBytes) {
    return Status::Invalid(path + ": file too large (the limit is " +
                           std::to_string(kMaxXmlBytes) + " bytes)");
  }
  return ReadXmlMemory(bytes, path);
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

}  // namespace thads::render
