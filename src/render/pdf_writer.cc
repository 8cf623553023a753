// PdfWriter on PoDoFo 0.9.8, the only file that includes PoDoFo; every PoDoFo
// exception is caught here and becomes a Status. PoDoFo holds the object model
// and writes the file; fonts and page contents are ours:
//  - Fonts are Type0 / CIDFontType2 with Identity-H. Each document numbers the
//    glyphs it uses densely (CID = glyph id of our subset, CIDToGIDMap
//    /Identity); Finish builds the subset (truetype.h), the /W array from the
//    same advances Width() uses, and a ToUnicode CMap. PoDoFo's own
//    CreateFontSubset re-read and re-parsed every font file per document and
//    compressed subsets whose loca/hmtx span every glyph id: 39 documents/s.
//  - Font programs are stored uncompressed: Flate on outlines saves little
//    and cost more than everything else together.
//  - User text never reaches PoDoFo (content streams are written here), and
//    metadata does only after ValidateUtf8: PoDoFo 0.9.8 reads past the end of
//    a truncated UTF-8 sequence.
#include "render/pdf_writer.h"

#include <podofo/podofo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <vector>

#include "render/truetype.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::render {
namespace {

constexpr char kXmpNamespace[] = "http://ns.thads.invalid/document/1.0/";
constexpr char kDeterministicDate[] = "2000-01-01T00:00:00+07:00";
constexpr std::size_t kMaxRunBytes = 8000;

int StyleIndex(FontStyle style) { return static_cast<int>(style); }

// ---------------------------------------------------------------------------
// The output intent's ICC profile, read, checked and compressed once per path.

struct IccProfile {
  std::string compressed;  // FlateDecode
};

Result<std::shared_ptr<const IccProfile>> LoadIccProfile(const std::string& path) {
  static std::mutex* mutex = new std::mutex();  // never destroyed: may be used at exit
  static auto* profiles = new std::map<std::string, std::shared_ptr<const IccProfile>>();
  std::lock_guard<std::mutex> lock(*mutex);
  if (auto it = profiles->find(path); it != profiles->end()) return it->second;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("ICC profile " + path + " cannot be read");
  std::ostringstream read;
  read << in.rdbuf();
  const std::string bytes = read.str();
  const auto u32 = [&](std::size_t at) -> std::uint32_t {
    if (at + 4 > bytes.size()) return 0;
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k)
      v = (v << 8) | static_cast<std::uint8_t>(bytes[at + k]);
    return v;
  };
  if (bytes.size() < 128 || u32(36) != 0x61637370 /* 'acsp' */ ||
      u32(0) != bytes.size()) {
    return Status::Error(StatusCode::kCorrupt, "ICC profile " + path + " is damaged");
  }
  const std::uint32_t major_version = u32(8) >> 24;
  if (u32(16) != 0x52474220 /* 'RGB ' */ || major_version < 2 || major_version > 4) {
    return Status::Invalid("ICC profile " + path +
                           " must be an RGB profile of version 2 to 4 (use sRGB.icc)");
  }
  auto profile = std::make_shared<IccProfile>();
  try {
    std::unique_ptr<PoDoFo::PdfFilter> flate(
        PoDoFo::PdfFilterFactory::Create(PoDoFo::ePdfFilter_FlateDecode));
    char* out = nullptr;
    PoDoFo::pdf_long out_length = 0;
    flate->Encode(bytes.data(), static_cast<PoDoFo::pdf_long>(bytes.size()), &out,
                  &out_length);
    profile->compressed.assign(out, static_cast<std::size_t>(out_length));
    PoDoFo::podofo_free(out);
  } catch (const PoDoFo::PdfError& error) {
    return Status::Error(StatusCode::kInternal,
                         "ICC profile " + path + " cannot be compressed: " +
                             PoDoFo::PdfError::ErrorName(error.GetError()));
  }
  profiles->emplace(path, profile);
  return std::shared_ptr<const IccProfile>(profile);
}

// ---------------------------------------------------------------------------
// Text helpers.

// Decodes the code point at `i` and advances `i`; an invalid or truncated
// sequence yields U+FFFD and advances one byte. Never reads past the end.
inline char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::uint8_t b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  std::size_t need;
  char32_t cp;
  char32_t min;
  if (b0 >= 0xC2 && b0 < 0xE0) {
    need = 1, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 < 0xF0) {
    need = 2, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 < 0xF5) {
    need = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (s.size() - i <= need) {
    ++i;
    return 0xFFFD;
  }
  for (std::size_t k = 1; k <= need; ++k) {
    const std::uint8_t b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += need + 1;
  return cp;
}

// Whether DrawText can place `cp` with `font`: a glyph, in the BMP (PoDoFo
// 0.9.8 subsets by UTF-16 unit), and not a control character.
inline bool Drawable(const TrueTypeFont& font, char32_t cp) {
  if (cp >= kBmpSize || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return false;
  return font.advance_of[cp] >= 0;
}

std::string CodePointName(char32_t cp) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
  std::string name = hex;
  if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) && cp != 0xFFFD) {
    name += " '";
    text::AppendUtf8(cp, name);
    name += "'";
  }
  return name;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A metadata string must be valid UTF-8 with no control character other than
// tab and line breaks (XML 1.0 cannot carry them).
Status CheckMetadataText(std::string_view value, const char* field) {
  const std::string what = std::string("metadata field '") + field + "'";
  THADS_RETURN_IF_ERROR(text::ValidateUtf8(value, what));
  for (char c : value) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
      return Status::Invalid(what + ": control character in text");
    }
  }
  return Status::Ok();
}

// The two spellings of one instant: XMP (ISO 8601) and Info ("D:...").
struct DocumentDate {
  std::string xmp;
  std::string info;
};

Result<DocumentDate> ParseDocumentDate(const std::string& iso) {
  const auto bad = [&] {
    return Status::Invalid("creation date '" + iso +
                           "' is not ISO 8601 like 2024-02-05T09:00:00+07:00");
  };
  // YYYY-MM-DDTHH:MM:SS then Z or +HH:MM / -HH:MM.
  const std::string pattern = "dddd-dd-ddTdd:dd:dd";
  if (iso.size() < pattern.size() + 1) return bad();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const bool digit = iso[i] >= '0' && iso[i] <= '9';
    if (pattern[i] == 'd' ? !digit : iso[i] != pattern[i]) return bad();
  }
  const auto number = [&](std::size_t at, std::size_t len) {
    return std::stoi(iso.substr(at, len));
  };
  const int month = number(5, 2), day = number(8, 2), hour = number(11, 2);
  const int minute = number(14, 2), second = number(17, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
      second > 59) {
    return bad();
  }
  const std::string zone = iso.substr(pattern.size());
  std::string info_zone;
  if (zone == "Z") {
    info_zone = "Z";
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
             std::isdigit(static_cast<unsigned char>(zone[1])) &&
             std::isdigit(static_cast<unsigned char>(zone[2])) &&
             std::isdigit(static_cast<unsigned char>(zone[4])) &&
             std::isdigit(static_cast<unsigned char>(zone[5]))) {
    if (number(pattern.size() + 1, 2) > 14 || number(pattern.size() + 4, 2) > 59)
      return bad();
    info_zone = zone.substr(0, 3) + "'" + zone.substr(4, 2) + "'";
  } else {
    return bad();
  }
  std::string digits;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == 'd') digits += iso[i];
  }
  return DocumentDate{iso, "D:" + digits + info_zone};
}

std::string NowUtcIso() {
  const std::time_t now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string ProducerName() { return std::string("thads ") + THADS_VERSION; }

// The XMP packet (PDF/A-2b identification, Dublin Core, document number and
// symbol in our own schema, declared as a PDF/A extension schema).
std::string BuildXmp(const PdfMetadata& m, const DocumentDate& date) {
  std::ostringstream x;
  x << "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
    << "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
    << " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
    << "  <rdf:Description rdf:about=\"\"\n"
    << "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
    << "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
    << "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
    << "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
    << "    xmlns:thads=\"" << kXmpNamespace << "\"\n"
    << "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
    << "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
    << "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    << "   <pdfaid:part>2</pdfaid:part>\n"
    << "   <pdfaid:conformance>B</pdfaid:conformance>\n"
    << "   <dc:format>application/pdf</dc:format>\n";
  if (!m.title.empty()) {
    x << "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" << XmlEscape(m.title)
      << "</rdf:li></rdf:Alt></dc:title>\n";
  }
  if (!m.author.empty()) {
    x << "   <dc:creator><rdf:Seq><rdf:li>" << XmlEscape(m.author)
      << "</rdf:li></rdf:Seq></dc:creator>\n";
  }
  if (!m.subject.empty()) {
    x << "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">"
      << XmlEscape(m.subject) << "</rdf:li></rdf:Alt></dc:description>\n";
  }
  if (!m.language.empty()) {
    x << "   <dc:language><rdf:Bag><rdf:li>" << XmlEscape(m.language)
      << "</rdf:li></rdf:Bag></dc:language>\n";
  }
  if (!m.keywords.empty())
    x << "   <pdf:Keywords>" << XmlEscape(m.keywords) << "</pdf:Keywords>\n";
  x << "   <pdf:Producer>" << XmlEscape(ProducerName()) << "</pdf:Producer>\n"
    << "   <xmp:CreatorTool>" << XmlEscape(ProducerName()) << "</xmp:CreatorTool>\n"
    << "   <xmp:CreateDate>" << date.xmp << "</xmp:CreateDate>\n"
    << "   <xmp:ModifyDate>" << date.xmp << "</xmp:ModifyDate>\n"
    << "   <xmp:MetadataDate>" << date.xmp << "</xmp:MetadataDate>\n";
  if (!m.document_number.empty()) {
    x << "   <thads:DocumentNumber>" << XmlEscape(m.document_number)
      << "</thads:DocumentNumber>\n";
  }
  if (!m.document_symbol.empty()) {
    x << "   <thads:DocumentSymbol>" << XmlEscape(m.document_symbol)
      << "</thads:DocumentSymbol>\n";
  }
  const auto property = [&](const char* name, const char* description) {
    x << "        <rdf:li rdf:parseType=\"Resource\">\n"
      << "         <pdfaProperty:name>" << name << "</pdfaProperty:name>\n"
      << "         <pdfaProperty:valueType>Text</pdfaProperty:valueType>\n"
      << "         <pdfaProperty:category>external</pdfaProperty:category>\n"
      << "         <pdfaProperty:description>" << description
      << "</pdfaProperty:description>\n"
      << "        </rdf:li>\n";
  };
  x << "   <pdfaExtension:schemas>\n"
    << "    <rdf:Bag>\n"
    << "     <rdf:li rdf:parseType=\"Resource\">\n"
    << "      <pdfaSchema:schema>THADS official document "
       "identification</pdfaSchema:schema>\n"
    << "      <pdfaSchema:namespaceURI>" << kXmpNamespace
    << "</pdfaSchema:namespaceURI>\n"
    << "      <pdfaSchema:prefix>thads</pdfaSchema:prefix>\n"
    << "      <pdfaSchema:property>\n"
    << "       <rdf:Seq>\n";
  property("DocumentNumber", "Number of the document (số), e.g. 123");
  property("DocumentSymbol", "Symbol of the document (ký hiệu), e.g. QĐ-CCTHADS");
  x << "       </rdf:Seq>\n"
    << "      </pdfaSchema:property>\n"
    << "     </rdf:li>\n"
    << "    </rdf:Bag>\n"
    << "   </pdfaExtension:schemas>\n"
    << "  </rdf:Description>\n"
    << " </rdf:RDF>\n"
    << "</x:xmpmeta>\n";
  // Padding lets an editor update the packet in place, as XMP recommends.
  for (int i = 0; i < 20; ++i) x << std::string(99, ' ') << '\n';
  x << "<?xpacket end=\"w\"?>";
  return x.str();
}

// PdfString of valid UTF-8 (checked by the caller): PDFDocEncoding when ASCII,
// UTF-16BE otherwise.
PoDoFo::PdfString ToPdfString(std::string_view valid_utf8) {
  const std::string copy(valid_utf8);
  for (char c : copy) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(copy.c_str()));
    }
  }
  return PoDoFo::PdfString(copy);
}

Status FromPdfError(const PoDoFo::PdfError& error, const std::string& doing) {
  std::string message =
      doing + ": PDF library error " + PoDoFo::PdfError::ErrorName(error.GetError());
  for (const PoDoFo::PdfErrorInfo& info : error.GetCallstack()) {
    if (!info.GetInformation().empty()) {
      message += " (" + info.GetInformation() + ")";
      break;
    }
  }
  return Status::Error(StatusCode::kInternal, message);
}

// Runs `body`, turning any exception into a Status.
template <typename Body>
Status Guard(const std::string& doing, Body&& body) {
  try {
    return body();
  } catch (const PoDoFo::PdfError& error) {
    return FromPdfError(error, doing);
  } catch (const std::exception& error) {
    return Status::Error(StatusCode::kInternal, doing + ": " + error.what());
  }
}

// Coordinates and sizes in points: finite and within a page-sized world, so
// that every number prints plainly in a content stream.
bool Plausible(std::initializer_list<double> values) {
  for (double v : values) {
    if (!std::isfinite(v) || std::abs(v) > 100000) return false;
  }
  return true;
}

// Appends `v` to a content stream: at most 3 decimals, no exponent, no
// trailing zeros, independent of the locale.
void AppendNumber(std::string& out, double v) {
  v = std::round(v * 1000) / 1000;
  if (v == 0) v = 0;  // no "-0"
  char buffer[32];
  const std::to_chars_result r =
      std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed, 3);
  std::string_view text(buffer, static_cast<std::size_t>(r.ptr - buffer));
  while (text.back() == '0') text.remove_suffix(1);
  if (text.back() == '.') text.remove_suffix(1);
  out += text;
}

void AppendHex4(std::string& out, std::uint32_t v) {
  static const char kHex[] = "0123456789ABCDEF";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(v >> shift) & 0xF];
}

// A PDF integer. (A bare integer constant 0 would pick PoDoFo's AddKey
// overload for a PdfObject pointer.)
PoDoFo::PdfVariant Integer(std::int64_t v) {
  return PoDoFo::PdfVariant(static_cast<PoDoFo::pdf_int64>(v));
}

// Six capital letters naming a subset ("ABCDEF+"), from the glyphs it holds:
// equal subsets get equal tags, different ones almost surely differ.
std::string SubsetTag(int style, const std::vector<std::uint16_t>& glyphs) {
  std::uint64_t hash = 14695981039346656037ull ^ static_cast<std::uint64_t>(style);
  for (std::uint16_t g : glyphs) {
    hash = (hash ^ g) * 1099511628211ull;
  }
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + hash % 26);
    hash /= 26;
  }
  return tag + "+";
}

// One font style as used by one document.
struct UsedFont {
  // Created at first use, completed by Finish.
  PoDoFo::PdfObject* type0 = nullptr;
  // Font glyph id -> subset glyph id, which is also the CID; -1 if unused.
  std::vector<std::int32_t> new_glyph;
  // CID -> font glyph id; CID 0 is .notdef.
  std::vector<std::uint16_t> font_glyph;
  // CID -> the code point drawn with it (for ToUnicode), 0 if none.
  std::vector<char32_t> unicode;

  std::uint16_t Cid(std::uint16_t glyph, char32_t cp) {
    std::int32_t& id = new_glyph.at(glyph);
    if (id < 0) {
      id = static_cast<std::int32_t>(font_glyph.size());
      font_glyph.push_back(glyph);
      unicode.push_back(cp);
    } else if (unicode[id] == 0) {
      unicode[id] = cp;
    }
    return static_cast<std::uint16_t>(id);
  }
};

}  // namespace

// A document written to its file as it grows: stream objects (page contents,
// page images) go out when they are complete, so memory stays flat however
// many pages a scan has. PoDoFo keeps the catalog accessor protected.
class StreamedDocument final : public PoDoFo::PdfStreamedDocument {
 public:
  explicit StreamedDocument(const std::string& path)
      : PoDoFo::PdfStreamedDocument(path.c_str(), PoDoFo::ePdfVersion_1_7, nullptr,
                                    PoDoFo::ePdfWriteMode_Clean) {}
  PoDoFo::PdfObject* Catalog() { return GetCatalog(); }
};

// ---------------------------------------------------------------------------

struct PdfWriter::Impl {
  PdfOptions options;
  std::array<std::shared_ptr<const TrueTypeFont>, kFontStyleCount> fonts;
  std::shared_ptr<const IccProfile> icc_profile;

  // Exactly one of the two: in memory (Finish returns the bytes) or streamed
  // to a file (Finish completes the file). `document` points at the one held.
  std::unique_ptr<PoDoFo::PdfMemDocument> memory_document;
  std::unique_ptr<StreamedDocument> streamed_document;
  PoDoFo::PdfDocument* document = nullptr;
  std::array<UsedFont, kFontStyleCount> used;
  PoDoFo::PdfPage* page = nullptr;  // the open page, owned by `document`
  std::string content;              // its content stream so far
  std::array<bool, kFontStyleCount> page_fonts{};
  // XObjects of the open page: /Im0, /Im1… Kept as references: a streamed
  // document writes and frees a stream object as soon as the next one starts.
  std::vector<PoDoFo::PdfReference> page_images;
  int pages = 0;
  bool finished = false;
  Status error;  // first failure of a void call; returned by Finish

  void Fail(Status status) {
    if (error.ok()) error = std::move(status);
  }

  Status Usable() const {
    if (finished)
      return Status::Error(StatusCode::kInternal, "PDF writer used after Finish");
    return error;
  }

  // The Type0 font object of `style`, created at its first use.
  PoDoFo::PdfObject* FontObject(FontStyle style) {
    UsedFont& font = used[StyleIndex(style)];
    if (font.type0 == nullptr) {
      font.type0 = Objects().CreateObject("Font");
      font.new_glyph.assign(fonts[StyleIndex(style)]->glyph_count, -1);
      font.Cid(0, 0);  // CID 0 is .notdef
    }
    return font.type0;
  }

  PoDoFo::PdfVecObjects& Objects() { return *document->GetObjects(); }
  PoDoFo::PdfObject* Catalog() {
    return memory_document ? memory_document->GetCatalog() : streamed_document->Catalog();
  }

  // Moves the open page's content stream and font resources into the document.
  void ClosePage() {
    if (page == nullptr) return;
    PoDoFo::PdfObject* contents = page->GetContentsForAppending();
    contents->GetStream()->Set(content.data(),
                               static_cast<PoDoFo::pdf_long>(content.size()));
    PoDoFo::PdfDictionary font_resources;
    for (int i = 0; i < kFontStyleCount; ++i) {
      if (page_fonts[i]) {
        font_resources.AddKey(PoDoFo::PdfName("F" + std::to_string(i)),
                              used[i].type0->Reference());
      }
    }
    if (!font_resources.GetKeys().empty()) {
      page->GetResources()->GetDictionary().AddKey("Font", font_resources);
    }
    if (!page_images.empty()) {
      PoDoFo::PdfDictionary xobjects;
      for (std::size_t i = 0; i < page_images.size(); ++i) {
        xobjects.AddKey(PoDoFo::PdfName("Im" + std::to_string(i)),
                        page_images[i]);
      }
      page->GetResources()->GetDictionary().AddKey("XObject", xobjects);
    }
    page = nullptr;
    content.clear();
    page_fonts = {};
    page_images.clear();
  }

  // Completes the font objects of one style: subset, widths, ToUnicode.
  void EmbedFont(int style) {
    UsedFont& use = used[style];
    const TrueTypeFont& font = *fonts[style];
    // Components of composite glyphs (accented letters) join the subset.
    for (std::size_t i = 0; i < use.font_glyph.size(); ++i) {
      for (std::uint16_t component : font.Components(use.font_glyph[i]))
        use.Cid(component, 0);
    }
    std::vector<std::pair<char32_t, std::uint16_t>> code_points;
    for (std::size_t cid = 1; cid < use.unicode.size(); ++cid) {
      if (use.unicode[cid] != 0) code_points.emplace_back(use.unicode[cid], cid);
    }
    const std::string program = BuildTrueTypeSubset(font, use.font_glyph, code_points);
    const std::string name =
        SubsetTag(style, use.font_glyph) + (font.postscript_name.empty()
                                                ? "ThadsFont" + std::to_string(style)
                                                : font.postscript_name);
    const auto scaled = [&](int units) {
      return Integer(std::lround(units * 1000.0 / font.units_per_em));
    };
    PoDoFo::PdfVecObjects& objects = Objects();

    PoDoFo::PdfObject* file = objects.CreateObject();
    file->GetDictionary().AddKey("Length1", Integer(program.size()));
    file->GetStream()->Set(program.data(), static_cast<PoDoFo::pdf_long>(program.size()),
                           PoDoFo::TVecFilters());

    PoDoFo::PdfObject* descriptor = objects.CreateObject("FontDescriptor");
    PoDoFo::PdfDictionary& d = descriptor->GetDictionary();
    d.AddKey("FontName", PoDoFo::PdfName(name));
    d.AddKey("Flags", Integer(font.italic_angle != 0 ? 32 + 64 : 32));
    PoDoFo::PdfArray bbox;
    for (int v : {font.x_min, font.y_min, font.x_max, font.y_max})
      bbox.push_back(scaled(v));
    d.AddKey("FontBBox", bbox);
    d.AddKey("ItalicAngle", PoDoFo::PdfVariant(std::round(font.italic_angle * 10) / 10));
    d.AddKey("Ascent", scaled(font.ascent));
    d.AddKey("Descent", scaled(-font.descent));
    d.AddKey("CapHeight", scaled(font.cap_height));
    const double weight = font.weight / 65.0;
    d.AddKey("StemV", Integer(std::lround(50 + weight * weight)));
    d.AddKey("FontFile2", file->Reference());

    PoDoFo::PdfObject* cid_font = objects.CreateObject("Font");
    PoDoFo::PdfDictionary& c = cid_font->GetDictionary();
    c.AddKey("Subtype", PoDoFo::PdfName("CIDFontType2"));
    c.AddKey("BaseFont", PoDoFo::PdfName(name));
    PoDoFo::PdfDictionary system_info;
    system_info.AddKey("Registry", PoDoFo::PdfString("Adobe"));
    system_info.AddKey("Ordering", PoDoFo::PdfString("Identity"));
    system_info.AddKey("Supplement", Integer(0));
    c.AddKey("CIDSystemInfo", system_info);
    c.AddKey("FontDescriptor", descriptor->Reference());
    c.AddKey("CIDToGIDMap", PoDoFo::PdfName("Identity"));
    c.AddKey("DW", Integer(font.glyph_advance.at(0)));
    PoDoFo::PdfArray widths;
    for (std::uint16_t g : use.font_glyph) {
      widths.push_back(Integer(font.glyph_advance.at(g)));
    }
    PoDoFo::PdfArray w;
    w.push_back(Integer(0));
    w.push_back(widths);
    c.AddKey("W", w);

    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (std::size_t start = 0; start < code_points.size(); start += 100) {
      const std::size_t end = std::min(code_points.size(), start + 100);
      cmap += std::to_string(end - start) + " beginbfchar\n";
      for (std::size_t k = start; k < end; ++k) {
        cmap += '<';
        AppendHex4(cmap, code_points[k].second);
        cmap += "> <";
        AppendHex4(cmap, code_points[k].first);
        cmap += ">\n";
      }
      cmap += "endbfchar\n";
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    PoDoFo::PdfObject* to_unicode = objects.CreateObject();
    to_unicode->GetStream()->Set(cmap.data(), static_cast<PoDoFo::pdf_long>(cmap.size()));

    PoDoFo::PdfDictionary& t = use.type0->GetDictionary();
    t.AddKey("Subtype", PoDoFo::PdfName("Type0"));
    t.AddKey("BaseFont", PoDoFo::PdfName(name));
    t.AddKey("Encoding", PoDoFo::PdfName("Identity-H"));
    PoDoFo::PdfArray descendants;
    descendants.push_back(cid_font->Reference());
    t.AddKey("DescendantFonts", descendants);
    t.AddKey("ToUnicode", to_unicode->Reference());
  }

  void WriteInfo(const PdfMetadata& m, const DocumentDate& date) {
    PoDoFo::PdfDictionary& dict = document->GetInfo()->GetObject()->GetDictionary();
    const auto set = [&](const char* key, const std::string& value) {
      if (value.empty()) {
        dict.RemoveKey(key);
      } else {
        dict.AddKey(key, ToPdfString(value));
      }
    };
    set("Title", m.title);
    set("Author", m.author);
    set("Subject", m.subject);
    set("Keywords", m.keywords);
    set("Creator", ProducerName());
    set("Producer", ProducerName());
    dict.AddKey("CreationDate", PoDoFo::PdfString(date.info));
    dict.AddKey("ModDate", PoDoFo::PdfString(date.info));
  }

  void WriteCatalogEntries(const PdfMetadata& m, const std::string& xmp) {
    PoDoFo::PdfVecObjects& objects = Objects();
    PoDoFo::PdfDictionary& catalog = Catalog()->GetDictionary();

    PoDoFo::PdfObject* metadata = objects.CreateObject("Metadata");
    metadata->GetDictionary().AddKey("Subtype", PoDoFo::PdfName("XML"));
    // Not compressed, so that any tool can find and read it.
    metadata->GetStream()->Set(xmp.data(), static_cast<PoDoFo::pdf_long>(xmp.size()),
                               PoDoFo::TVecFilters());
    catalog.AddKey("Metadata", metadata->Reference());

    PoDoFo::PdfObject* profile = objects.CreateObject();
    profile->GetDictionary().AddKey("N", Integer(3));
    profile->GetDictionary().AddKey("Filter", PoDoFo::PdfName("FlateDecode"));
    PoDoFo::PdfMemoryInputStream compressed(
        icc_profile->compressed.data(),
        static_cast<PoDoFo::pdf_long>(icc_profile->compressed.size()));
    profile->GetStream()->SetRawData(
        &compressed, static_cast<PoDoFo::pdf_long>(icc_profile->compressed.size()));
    PoDoFo::PdfDictionary intent;
    intent.AddKey("Type", PoDoFo::PdfName("OutputIntent"));
    intent.AddKey("S", PoDoFo::PdfName("GTS_PDFA1"));
    intent.AddKey("OutputConditionIdentifier", PoDoFo::PdfString("sRGB IEC61966-2.1"));
    intent.AddKey("RegistryName", PoDoFo::PdfString("http://www.color.org"));
    intent.AddKey("Info", PoDoFo::PdfString("sRGB IEC61966-2.1"));
    intent.AddKey("DestOutputProfile", profile->Reference());
    PoDoFo::PdfArray intents;
    intents.push_back(intent);
    catalog.AddKey("OutputIntents", intents);

    if (!m.language.empty()) catalog.AddKey("Lang", ToPdfString(m.language));
  }
};

PdfWriter::PdfWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfWriter::~PdfWriter() = default;

Result<std::unique_ptr<PdfWriter>> PdfWriter::Create(const PdfOptions& options) {
  return Open(options, "");
}

Result<std::unique_ptr<PdfWriter>> PdfWriter::CreateForFile(const PdfOptions& options,
                                                            const std::string& path) {
  if (path.empty()) return Status::Invalid("no PDF output file given");
  return Open(options, path);
}

Result<std::unique_ptr<PdfWriter>> PdfWriter::Open(const PdfOptions& options,
                                                   const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  for (int i = 0; i < kFontStyleCount; ++i) {
    Result<std::shared_ptr<const TrueTypeFont>> font =
        LoadTrueType(options.fonts.paths[i]);
    if (!font.ok()) return font.status();
    impl->fonts[i] = *font;
  }
  Result<std::shared_ptr<const IccProfile>> profile =
      LoadIccProfile(options.icc_profile_path);
  if (!profile.ok()) return profile.status();
  impl->icc_profile = *profile;
  THADS_RETURN_IF_ERROR(Guard("creating the PDF document", [&] {
    // PoDoFo stamps a new document with localtime() (PdfDate), which is not
    // thread-safe; the stamp itself is replaced by Finish.
    static std::mutex* stamp_mutex = new std::mutex();  // never destroyed
    std::lock_guard<std::mutex> lock(*stamp_mutex);
    if (path.empty()) {
      impl->memory_document = std::make_unique<PoDoFo::PdfMemDocument>();
      impl->document = impl->memory_document.get();
    } else {
      impl->streamed_document = std::make_unique<StreamedDocument>(path);
      impl->document = impl->streamed_document.get();
    }
    return Status::Ok();
  }));
  return std::unique_ptr<PdfWriter>(new PdfWriter(std::move(impl)));
}

double PdfWriter::Width(FontStyle style, double size_pt, std::string_view text) const {
  const TrueTypeFont& font = *impl_->fonts[StyleIndex(style)];
  const std::int32_t* advance = font.advance_of.data();
  const std::int32_t notdef = font.glyph_advance[0];
  std::int64_t total = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = NextCodePoint(text, i);
    const std::int32_t a = cp < kBmpSize ? advance[cp] : -1;
    total += a >= 0 ? a : notdef;
  }
  return static_cast<double>(total) * size_pt / 1000.0;
}

std::optional<char32_t> PdfWriter::MissingGlyph(FontStyle style,
                                                std::string_view text) const {
  const TrueTypeFont& font = *impl_->fonts[StyleIndex(style)];
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = NextCodePoint(text, i);
    if (!Drawable(font, cp)) return cp;
  }
  return std::nullopt;
}

double PdfWriter::Ascent(FontStyle style, double size_pt) const {
  const TrueTypeFont& font = *impl_->fonts[StyleIndex(style)];
  return font.ascent * size_pt / font.units_per_em;
}

double PdfWriter::Descent(FontStyle style, double size_pt) const {
  const TrueTypeFont& font = *impl_->fonts[StyleIndex(style)];
  return font.descent * size_pt / font.units_per_em;
}

double PdfWriter::LineGap(FontStyle style, double size_pt) const {
  const TrueTypeFont& font = *impl_->fonts[StyleIndex(style)];
  return font.line_gap * size_pt / font.units_per_em;
}

void PdfWriter::BeginPage(double width_pt, double height_pt) {
  Impl& w = *impl_;
  if (!w.Usable().ok()) return;
  if (!Plausible({width_pt, height_pt}) || width_pt < 3 || height_pt < 3 ||
      width_pt > 14400 || height_pt > 14400) {
    w.Fail(Status::Invalid("page size " + std::to_string(width_pt) + " x " +
                           std::to_string(height_pt) + " pt is outside 3..14400 pt"));
    return;
  }
  w.Fail(Guard("starting page " + std::to_string(w.pages + 1), [&] {
    w.ClosePage();
    w.page = w.document->CreatePage(PoDoFo::PdfRect(0, 0, width_pt, height_pt));
    if (w.page == nullptr)
      return Status::Error(StatusCode::kInternal, "no page was created");
    ++w.pages;
    w.content = "0 g\n0 G\n";  // black fill (text) and stroke (rules)
    return Status::Ok();
  }));
}

Status PdfWriter::DrawText(FontStyle style, double size_pt, double x_pt, double y_pt,
                           std::string_view text) {
  return DrawRun(style, size_pt, x_pt, y_pt, text, /*invisible_width_pt=*/-1);
}

Status PdfWriter::DrawInvisibleText(FontStyle style, double size_pt, double x_pt,
                                    double y_pt, double width_pt, std::string_view text) {
  if (!Plausible({width_pt}) || width_pt <= 0 || width_pt > 14400)
    return Status::Invalid("invisible text run has a bad width " + std::to_string(width_pt));
  return DrawRun(style, size_pt, x_pt, y_pt, text, width_pt);
}

Status PdfWriter::DrawRun(FontStyle style, double size_pt, double x_pt, double y_pt,
                          std::string_view text, double invisible_width_pt) {
  Impl& w = *impl_;
  THADS_RETURN_IF_ERROR(w.Usable());
  if (w.page == nullptr)
    return Status::Error(StatusCode::kInternal, "DrawText before BeginPage");
  if (!Plausible({size_pt, x_pt, y_pt}) || size_pt <= 0 || size_pt > 1000) {
    return Status::Invalid("text run at (" + std::to_string(x_pt) + ", " +
                           std::to_string(y_pt) + ") has a bad position or size " +
                           std::to_string(size_pt) + " pt");
  }
  THADS_RETURN_IF_ERROR(text::ValidateUtf8(text, "text run"));
  if (text.size() > kMaxRunBytes) {
    // Two bytes per glyph must stay within PDF/A's 32767-byte string limit.
    return Status::Invalid("text run of " + std::to_string(text.size()) +
                           " bytes is longer than a line can be (" +
                           std::to_string(kMaxRunBytes) + ")");
  }
  const TrueTypeFont& font = *w.fonts[StyleIndex(style)];
  if (const std::optional<char32_t> missing = MissingGlyph(style, text)) {
    return Status::Invalid("text run '" + std::string(text) + "': font " + font.path +
                           " cannot draw " + CodePointName(*missing));
  }
  if (!text::IsNfc(text)) {
    return Status::Invalid(
        "text run '" + std::string(text) +
        "' is not in Unicode NFC (decomposed marks would be misplaced)");
  }
  if (text.empty()) return Status::Ok();
  const Status drawn = Guard("drawing text '" + std::string(text) + "'", [&] {
    w.FontObject(style);
    UsedFont& use = w.used[StyleIndex(style)];
    w.page_fonts[StyleIndex(style)] = true;
    std::string& out = w.content;
    // Tr and Tz belong to the graphics state: q/Q keeps them to this run.
    if (invisible_width_pt > 0) out += "q\n";
    out += "BT\n/F";
    out += static_cast<char>('0' + StyleIndex(style));
    out += ' ';
    AppendNumber(out, size_pt);
    out += " Tf\n";
    if (invisible_width_pt > 0) {
      // Stretch to the word's box on the scan; Tz is a percentage.
      const double natural = Width(style, size_pt, text);
      const double scale = natural > 0 ? 100.0 * invisible_width_pt / natural : 100.0;
      out += "3 Tr\n";
      AppendNumber(out, std::clamp(scale, 1.0, 10000.0));
      out += " Tz\n";
    }
    AppendNumber(out, x_pt);
    out += ' ';
    AppendNumber(out, y_pt);
    out += " Td\n<";
    for (std::size_t i = 0; i < text.size();) {
      const char32_t cp = NextCodePoint(text, i);
      AppendHex4(out, use.Cid(font.glyph_of[cp], cp));
    }
    out += "> Tj\nET\n";
    if (invisible_width_pt > 0) out += "Q\n";
    return Status::Ok();
  });
  w.Fail(drawn);
  return drawn;
}

Status PdfWriter::DrawImage(const PdfImage& image, double x_pt, double y_pt,
                            double width_pt, double height_pt) {
  Impl& w = *impl_;
  THADS_RETURN_IF_ERROR(w.Usable());
  if (w.page == nullptr)
    return Status::Error(StatusCode::kInternal, "DrawImage before BeginPage");
  if (!Plausible({x_pt, y_pt, width_pt, height_pt}) || width_pt <= 0 || height_pt <= 0 ||
      width_pt > 14400 || height_pt > 14400) {
    return Status::Invalid("image has a bad position or size");
  }
  if (image.width <= 0 || image.height <= 0 || image.width > 65535 ||
      image.height > 65535 || (image.components != 1 && image.components != 3)) {
    return Status::Invalid("image of " + std::to_string(image.width) + " x " +
                           std::to_string(image.height) + " px, " +
                           std::to_string(image.components) + " components is not drawable");
  }
  const std::string& j = image.data;
  const bool g4 = image.coding == ImageCoding::kCcittG4;
  if (g4) {
    if (j.empty() || image.components != 1) {
      return Status::Invalid("image bytes are not black-and-white G4 rows");
    }
  } else if (j.size() < 4 || static_cast<unsigned char>(j[0]) != 0xFF ||
             static_cast<unsigned char>(j[1]) != 0xD8 ||
             static_cast<unsigned char>(j[j.size() - 2]) != 0xFF ||
             static_cast<unsigned char>(j[j.size() - 1]) != 0xD9) {
    // A JPEG starts with SOI (FF D8) and ends with EOI (FF D9).
    return Status::Invalid("image bytes are not a complete JPEG file");
  }
  const Status drawn = Guard("embedding a page image", [&] {
    PoDoFo::PdfObject* xobject = w.Objects().CreateObject("XObject");
    PoDoFo::PdfDictionary& d = xobject->GetDictionary();
    d.AddKey("Subtype", PoDoFo::PdfName("Image"));
    d.AddKey("Width", Integer(image.width));
    d.AddKey("Height", Integer(image.height));
    d.AddKey("ColorSpace",
             PoDoFo::PdfName(image.components == 1 ? "DeviceGray" : "DeviceRGB"));
    d.AddKey("BitsPerComponent", Integer(g4 ? 1 : 8));
    // The bytes are coded already: raw data keeps /Filter (a streamed document
    // writes the dictionary before the data, so the keys go in first).
    if (g4) {
      d.AddKey("Filter", PoDoFo::PdfName("CCITTFaxDecode"));
      PoDoFo::PdfDictionary parms;
      parms.AddKey("K", Integer(-1));
      parms.AddKey("Columns", Integer(image.width));
      parms.AddKey("Rows", Integer(image.height));
      d.AddKey("DecodeParms", parms);
    } else {
      d.AddKey("Filter", PoDoFo::PdfName("DCTDecode"));
    }
    PoDoFo::PdfMemoryInputStream bytes(j.data(), static_cast<PoDoFo::pdf_long>(j.size()));
    xobject->GetStream()->SetRawData(&bytes, static_cast<PoDoFo::pdf_long>(j.size()));
    const std::size_t index = w.page_images.size();
    w.page_images.push_back(xobject->Reference());
    std::string& out = w.content;
    out += "q\n";
    for (double v : {width_pt, 0.0, 0.0, height_pt, x_pt, y_pt}) {
      AppendNumber(out, v);
      out += ' ';
    }
    out += "cm\n/Im" + std::to_string(index) + " Do\nQ\n";
    return Status::Ok();
  });
  w.Fail(drawn);
  return drawn;
}

void PdfWriter::DrawLine(double x1_pt, double y1_pt, double x2_pt, double y2_pt,
                         double width_pt) {
  Impl& w = *impl_;
  if (!w.Usable().ok()) return;
  if (w.page == nullptr) {
    return w.Fail(Status::Error(StatusCode::kInternal, "DrawLine before BeginPage"));
  }
  if (!Plausible({x1_pt, y1_pt, x2_pt, y2_pt, width_pt}) || width_pt <= 0) {
    return w.Fail(Status::Invalid("line has a bad position or width"));
  }
  std::string& out = w.content;
  AppendNumber(out, width_pt);
  out += " w\n";
  AppendNumber(out, x1_pt);
  out += ' ';
  AppendNumber(out, y1_pt);
  out += " m\n";
  AppendNumber(out, x2_pt);
  out += ' ';
  AppendNumber(out, y2_pt);
  out += " l\nS\n";
}

void PdfWriter::DrawRect(double x_pt, double y_pt, double width_pt, double height_pt,
                         double line_width_pt) {
  Impl& w = *impl_;
  if (!w.Usable().ok()) return;
  if (w.page == nullptr) {
    return w.Fail(Status::Error(StatusCode::kInternal, "DrawRect before BeginPage"));
  }
  if (!Plausible({x_pt, y_pt, width_pt, height_pt, line_width_pt}) ||
      line_width_pt <= 0) {
    return w.Fail(Status::Invalid("rectangle has a bad position, size or line width"));
  }
  std::string& out = w.content;
  AppendNumber(out, line_width_pt);
  out += " w\n";
  for (double v : {x_pt, y_pt, width_pt, height_pt}) {
    AppendNumber(out, v);
    out += ' ';
  }
  out += "re\nS\n";
}

int PdfWriter::page_count() const { return impl_->pages; }

Result<std::string> PdfWriter::Finish(const PdfMetadata& metadata) {
  Impl& w = *impl_;
  THADS_RETURN_IF_ERROR(w.Usable());
  if (w.pages == 0) {
    w.finished = true;
    return Status::Error(StatusCode::kInternal, "PDF document has no page");
  }
  // Bad metadata leaves the writer usable: Finish may be called again.
  THADS_RETURN_IF_ERROR(CheckMetadataText(metadata.title, "title"));
  THADS_RETURN_IF_ERROR(CheckMetadataText(metadata.author, "author"));
  THADS_RETURN_IF_ERROR(CheckMetadataText(metadata.subject, "subject"));
  THADS_RETURN_IF_ERROR(CheckMetadataText(metadata.keywords, "keywords"));
  THADS_RETURN_IF_ERROR(CheckMetadataText(metadata.document_number, "document_number"));
  THADS_RETURN_IF_ERROR(CheckMetadataText(metadata.document_symbol, "document_symbol"));
  THADS_RETURN_IF_ERROR(CheckMetadataText(metadata.language, "language"));
  std::string iso = metadata.creation_date;
  if (iso.empty()) iso = w.options.deterministic ? kDeterministicDate : NowUtcIso();
  Result<DocumentDate> date = ParseDocumentDate(iso);
  if (!date.ok()) return date.status();
  w.finished = true;
  const std::string xmp = BuildXmp(metadata, *date);

  std::string bytes;
  THADS_RETURN_IF_ERROR(Guard("writing the PDF file", [&] {
    w.ClosePage();
    for (int style = 0; style < kFontStyleCount; ++style) {
      if (w.used[style].type0 != nullptr) w.EmbedFont(style);
    }
    w.WriteInfo(metadata, *date);
    w.WriteCatalogEntries(metadata, xmp);
    if (w.streamed_document) {
      w.streamed_document->Close();
      return Status::Ok();
    }
    w.memory_document->SetPdfVersion(PoDoFo::ePdfVersion_1_7);
    // PDF/A: "obj" and "endobj" end their lines; compact mode runs them on.
    w.memory_document->SetWriteMode(PoDoFo::ePdfWriteMode_Clean);
    PoDoFo::PdfRefCountedBuffer buffer;
    PoDoFo::PdfOutputDevice device(&buffer);
    w.memory_document->Write(&device);
    bytes.assign(buffer.GetBuffer(), device.GetLength());
    return Status::Ok();
  }));
  return bytes;
}

}  // namespace thads::render
