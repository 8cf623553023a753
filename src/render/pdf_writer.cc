// PdfWriter on PoDoFo 0.9.8. The only file that includes PoDoFo: every PoDoFo
// exception is caught here and becomes a Status. Design notes:
//  - Text metrics come from our own reading of the TrueType tables (cmap, hmtx),
//    parsed once per process and shared; PoDoFo only encodes and embeds.
//  - Fonts are Type0 / CIDFontType2, Identity-H (PdfIdentityEncoding), subset by
//    PoDoFo's CreateFontSubset, which also writes the ToUnicode map. We replace
//    the /W array with the widths Width() uses and drop the optional /CIDSet.
//  - Every string reaches PoDoFo only after ValidateUtf8: PoDoFo 0.9.8 reads
//    past the end of a truncated UTF-8 sequence.
#include "render/pdf_writer.h"

#include <podofo/podofo.h>

#include <algorithm>
#include <array>
#include <cctype>
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

#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::render {
namespace {

constexpr int kBmpSize = 0x10000;
constexpr char kXmpNamespace[] = "http://ns.thads.invalid/document/1.0/";
constexpr char kDeterministicDate[] = "2000-01-01T00:00:00+07:00";

int StyleIndex(FontStyle style) { return static_cast<int>(style); }

// ---------------------------------------------------------------------------
// Files shared by all writers of the process (immutable once loaded).

Result<std::string> ReadFileBytes(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(std::string(what) + " " + path + " cannot be read");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Status::IoError(std::string(what) + " " + path + ": read error");
  return bytes.str();
}

// What Width/MissingGlyph/Ascent need from one TrueType file.
struct FontTable {
  std::string path;
  int units_per_em = 0;
  int ascent = 0;      // font units, >= 0
  int descent = 0;     // font units below the baseline, >= 0
  int line_gap = 0;    // font units, >= 0
  int glyph_count = 0;
  // Per BMP code point: glyph id, 0 when the font has none.
  std::vector<std::uint16_t> glyph_of;
  // Per BMP code point: advance in 1/1000 em as written to /W, -1 when missing.
  std::vector<std::int32_t> advance_of;
  // Per glyph id: advance in 1/1000 em, rounded (the /W values).
  std::vector<std::int32_t> glyph_advance;
};

// Bounds-checked big-endian reads; a read out of range sets ok = false.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  bool ok() const { return ok_; }
  bool Has(std::size_t offset, std::size_t length) const {
    return offset <= data_.size() && length <= data_.size() - offset;
  }
  std::uint32_t U8(std::size_t offset) {
    if (!Has(offset, 1)) return Fail();
    return static_cast<std::uint8_t>(data_[offset]);
  }
  std::uint32_t U16(std::size_t offset) {
    if (!Has(offset, 2)) return Fail();
    return (U8(offset) << 8) | U8(offset + 1);
  }
  std::uint32_t U32(std::size_t offset) {
    if (!Has(offset, 4)) return Fail();
    return (U16(offset) << 16) | U16(offset + 2);
  }
  std::int32_t S16(std::size_t offset) {
    const std::uint32_t v = U16(offset);
    return v >= 0x8000 ? static_cast<std::int32_t>(v) - 0x10000 : static_cast<std::int32_t>(v);
  }

 private:
  std::uint32_t Fail() {
    ok_ = false;
    return 0;
  }
  std::string_view data_;
  bool ok_ = true;
};

struct TableRange {
  std::size_t offset = 0;
  std::size_t length = 0;
};

// Fills glyph_of from a cmap subtable of format 4 or 12; false if unsupported.
bool ReadCmapSubtable(ByteReader& r, std::size_t at, std::vector<std::uint16_t>& glyph_of) {
  const std::uint32_t format = r.U16(at);
  if (format == 4) {
    const std::size_t seg_count = r.U16(at + 6) / 2;
    const std::size_t ends = at + 14;
    const std::size_t starts = ends + 2 * seg_count + 2;
    const std::size_t deltas = starts + 2 * seg_count;
    const std::size_t range_offsets = deltas + 2 * seg_count;
    for (std::size_t s = 0; s < seg_count && r.ok(); ++s) {
      const std::uint32_t end = r.U16(ends + 2 * s);
      const std::uint32_t start = r.U16(starts + 2 * s);
      const std::uint32_t delta = r.U16(deltas + 2 * s);
      const std::size_t range_offset_at = range_offsets + 2 * s;
      const std::uint32_t range_offset = r.U16(range_offset_at);
      for (std::uint32_t c = start; c <= end && c < 0xFFFF && r.ok(); ++c) {
        std::uint32_t glyph;
        if (range_offset == 0) {
          glyph = (c + delta) & 0xFFFF;
        } else {
          glyph = r.U16(range_offset_at + range_offset + 2 * (c - start));
          if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
        }
        glyph_of[c] = static_cast<std::uint16_t>(glyph);
      }
    }
    return r.ok();
  }
  if (format == 12) {
    const std::uint32_t groups = r.U32(at + 12);
    for (std::uint32_t g = 0; g < groups && r.ok(); ++g) {
      const std::size_t group = at + 16 + 12 * static_cast<std::size_t>(g);
      const std::uint32_t start = r.U32(group);
      const std::uint32_t end = r.U32(group + 4);
      const std::uint32_t first_glyph = r.U32(group + 8);
      for (std::uint32_t c = start; c <= end && c < kBmpSize && r.ok(); ++c) {
        const std::uint32_t glyph = first_glyph + (c - start);
        glyph_of[c] = glyph <= 0xFFFF ? static_cast<std::uint16_t>(glyph) : 0;
      }
    }
    return r.ok();
  }
  return false;
}

Result<FontTable> ParseTrueType(std::string_view bytes, const std::string& path) {
  const auto corrupt = [&](const std::string& why) {
    return Status::Error(StatusCode::kCorrupt, "font " + path + " is not a usable TrueType file: " + why);
  };
  ByteReader r(bytes);
  const std::uint32_t version = r.U32(0);
  if (version != 0x00010000 && version != 0x74727565 /* 'true' */) {
    return corrupt("not TrueType outlines (a .ttf file is needed)");
  }
  std::map<std::string, TableRange> tables;
  const std::uint32_t table_count = r.U16(4);
  for (std::uint32_t i = 0; i < table_count && r.ok(); ++i) {
    const std::size_t record = 12 + 16 * static_cast<std::size_t>(i);
    if (!r.Has(record, 16)) break;
    const std::string tag(bytes.substr(record, 4));
    const TableRange range{r.U32(record + 8), r.U32(record + 12)};
    if (!r.Has(range.offset, range.length)) return corrupt("table '" + tag + "' lies outside the file");
    tables[tag] = range;
  }
  if (!r.ok()) return corrupt("truncated table directory");
  for (const char* needed : {"head", "hhea", "hmtx", "maxp", "cmap", "glyf", "loca"}) {
    if (tables.find(needed) == tables.end()) return corrupt(std::string("no '") + needed + "' table");
  }
  FontTable font;
  font.path = path;
  font.units_per_em = static_cast<int>(r.U16(tables["head"].offset + 18));
  const std::size_t hhea = tables["hhea"].offset;
  font.ascent = std::abs(r.S16(hhea + 4));
  font.descent = std::abs(r.S16(hhea + 6));
  font.line_gap = std::max(0, static_cast<int>(r.S16(hhea + 8)));
  const std::size_t metric_count = r.U16(hhea + 34);
  font.glyph_count = static_cast<int>(r.U16(tables["maxp"].offset + 4));
  if (!r.ok() || font.units_per_em < 16 || font.units_per_em > 16384) return corrupt("bad 'head' table");
  if (metric_count == 0 || metric_count > static_cast<std::size_t>(font.glyph_count) ||
      tables["hmtx"].length < 4 * metric_count) {
    return corrupt("bad 'hhea'/'hmtx' tables");
  }
  const auto to_thousandths = [&](std::uint32_t units) {
    return static_cast<std::int32_t>(std::lround(units * 1000.0 / font.units_per_em));
  };
  font.glyph_advance.resize(font.glyph_count);
  for (int g = 0; g < font.glyph_count; ++g) {
    const std::size_t m = std::min<std::size_t>(g, metric_count - 1);
    font.glyph_advance[g] = to_thousandths(r.U16(tables["hmtx"].offset + 4 * m));
  }

  // Unicode subtables, preferred order: full repertoire first, then BMP.
  const std::size_t cmap = tables["cmap"].offset;
  const std::uint32_t subtable_count = r.U16(cmap + 2);
  const std::array<std::pair<std::uint32_t, std::uint32_t>, 5> preferred = {
      {{3, 10}, {0, 4}, {0, 6}, {3, 1}, {0, 3}}};
  font.glyph_of.assign(kBmpSize, 0);
  bool have_cmap = false;
  for (const auto& [platform, encoding] : preferred) {
    for (std::uint32_t i = 0; i < subtable_count && r.ok() && !have_cmap; ++i) {
      const std::size_t record = cmap + 4 + 8 * static_cast<std::size_t>(i);
      if (r.U16(record) != platform || r.U16(record + 2) != encoding) continue;
      have_cmap = ReadCmapSubtable(r, cmap + r.U32(record + 4), font.glyph_of);
      if (!have_cmap) font.glyph_of.assign(kBmpSize, 0);
    }
    if (have_cmap) break;
  }
  if (!have_cmap) return corrupt("no Unicode 'cmap' subtable of format 4 or 12");

  font.advance_of.assign(kBmpSize, -1);
  for (int c = 0; c < kBmpSize; ++c) {
    const std::uint16_t glyph = font.glyph_of[c];
    if (glyph == 0 || glyph >= font.glyph_count) {
      font.glyph_of[c] = 0;
      continue;
    }
    font.advance_of[c] = font.glyph_advance[glyph];
  }
  return font;
}

// Parsed fonts and ICC profiles, by path, for the life of the process.
// Thread-safe. A file changed on disk after first use is not re-read.
class SharedFiles {
 public:
  static SharedFiles& Get() {
    static SharedFiles* files = new SharedFiles();  // never destroyed: used at exit
    return *files;
  }

  Result<std::shared_ptr<const FontTable>> Font(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = fonts_.find(path); it != fonts_.end()) return it->second;
    Result<std::string> bytes = ReadFileBytes(path, "font file");
    if (!bytes.ok()) return bytes.status();
    Result<FontTable> table = ParseTrueType(*bytes, path);
    if (!table.ok()) return table.status();
    auto shared = std::make_shared<const FontTable>(std::move(table).value());
    fonts_.emplace(path, shared);
    return shared;
  }

  Result<std::shared_ptr<const std::string>> IccProfile(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = profiles_.find(path); it != profiles_.end()) return it->second;
    Result<std::string> bytes = ReadFileBytes(path, "ICC profile");
    if (!bytes.ok()) return bytes.status();
    ByteReader r(*bytes);
    const std::uint32_t declared_size = r.U32(0);
    const std::uint32_t major_version = r.U8(8);
    const std::uint32_t color_space = r.U32(16);
    const std::uint32_t signature = r.U32(36);
    if (!r.ok() || signature != 0x61637370 /* 'acsp' */ || declared_size != bytes->size()) {
      return Status::Error(StatusCode::kCorrupt, "ICC profile " + path + " is damaged");
    }
    if (color_space != 0x52474220 /* 'RGB ' */ || major_version < 2 || major_version > 4) {
      return Status::Invalid("ICC profile " + path +
                             " must be an RGB profile of version 2 to 4 (use sRGB.icc)");
    }
    auto shared = std::make_shared<const std::string>(std::move(bytes).value());
    profiles_.emplace(path, shared);
    return shared;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const FontTable>> fonts_;
  std::map<std::string, std::shared_ptr<const std::string>> profiles_;
};

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
inline bool Drawable(const FontTable& font, char32_t cp) {
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
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
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
  const auto number = [&](std::size_t at, std::size_t len) { return std::stoi(iso.substr(at, len)); };
  const int month = number(5, 2), day = number(8, 2), hour = number(11, 2);
  const int minute = number(14, 2), second = number(17, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
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
    if (number(pattern.size() + 1, 2) > 14 || number(pattern.size() + 4, 2) > 59) return bad();
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
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
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
    x << "   <dc:creator><rdf:Seq><rdf:li>" << XmlEscape(m.author) << "</rdf:li></rdf:Seq></dc:creator>\n";
  }
  if (!m.subject.empty()) {
    x << "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" << XmlEscape(m.subject)
      << "</rdf:li></rdf:Alt></dc:description>\n";
  }
  if (!m.language.empty()) {
    x << "   <dc:language><rdf:Bag><rdf:li>" << XmlEscape(m.language) << "</rdf:li></rdf:Bag></dc:language>\n";
  }
  if (!m.keywords.empty()) x << "   <pdf:Keywords>" << XmlEscape(m.keywords) << "</pdf:Keywords>\n";
  x << "   <pdf:Producer>" << XmlEscape(ProducerName()) << "</pdf:Producer>\n"
    << "   <xmp:CreatorTool>" << XmlEscape(ProducerName()) << "</xmp:CreatorTool>\n"
    << "   <xmp:CreateDate>" << date.xmp << "</xmp:CreateDate>\n"
    << "   <xmp:ModifyDate>" << date.xmp << "</xmp:ModifyDate>\n"
    << "   <xmp:MetadataDate>" << date.xmp << "</xmp:MetadataDate>\n";
  if (!m.document_number.empty()) {
    x << "   <thads:DocumentNumber>" << XmlEscape(m.document_number) << "</thads:DocumentNumber>\n";
  }
  if (!m.document_symbol.empty()) {
    x << "   <thads:DocumentSymbol>" << XmlEscape(m.document_symbol) << "</thads:DocumentSymbol>\n";
  }
  const auto property = [&](const char* name, const char* description) {
    x << "        <rdf:li rdf:parseType=\"Resource\">\n"
      << "         <pdfaProperty:name>" << name << "</pdfaProperty:name>\n"
      << "         <pdfaProperty:valueType>Text</pdfaProperty:valueType>\n"
      << "         <pdfaProperty:category>external</pdfaProperty:category>\n"
      << "         <pdfaProperty:description>" << description << "</pdfaProperty:description>\n"
      << "        </rdf:li>\n";
  };
  x << "   <pdfaExtension:schemas>\n"
    << "    <rdf:Bag>\n"
    << "     <rdf:li rdf:parseType=\"Resource\">\n"
    << "      <pdfaSchema:schema>THADS official document identification</pdfaSchema:schema>\n"
    << "      <pdfaSchema:namespaceURI>" << kXmpNamespace << "</pdfaSchema:namespaceURI>\n"
    << "      <pdfaSchema:prefix>thads</pdfaSchema:prefix>\n"
    << "      <pdfaSchema:property>\n"
    << "       <rdf:Seq>\n";
  property("DocumentNumber", "Number of the document (so), e.g. 123");
  property("DocumentSymbol", "Symbol of the document (ky hieu), e.g. QD-CCTHADS");
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
  std::string message = doing + ": PDF library error " + PoDoFo::PdfError::ErrorName(error.GetError());
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

bool Finite(std::initializer_list<double> values) {
  for (double v : values) {
    if (!std::isfinite(v)) return false;
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------

struct PdfWriter::Impl {
  PdfOptions options;
  std::array<std::shared_ptr<const FontTable>, kFontStyleCount> tables;
  std::shared_ptr<const std::string> icc_profile;

  // Declared before `document`: the fonts it owns point to the encoding.
  std::unique_ptr<PoDoFo::PdfIdentityEncoding> encoding;
  std::unique_ptr<PoDoFo::PdfMemDocument> document;
  PoDoFo::PdfPainter painter;
  bool page_open = false;
  std::array<PoDoFo::PdfFont*, kFontStyleCount> fonts{};  // owned by `document`
  std::array<std::vector<bool>, kFontStyleCount> used_glyphs;
  int pages = 0;
  bool finished = false;
  Status error;  // first failure of a void call; returned by Finish

  ~Impl() {
    if (page_open) {
      try {
        painter.FinishPage();
      } catch (...) {  // the document is being thrown away
      }
    }
  }

  void Fail(Status status) {
    if (error.ok()) error = std::move(status);
  }

  Status Usable() const {
    if (finished) return Status::Error(StatusCode::kInternal, "PDF writer used after Finish");
    return error;
  }

  Result<PoDoFo::PdfFont*> FontFor(FontStyle style) {
    const int i = StyleIndex(style);
    if (fonts[i] == nullptr) {
      static const char* kNames[kFontStyleCount] = {"thads-regular", "thads-bold", "thads-italic",
                                                    "thads-bold-italic"};
      const std::string& path = tables[i]->path;
      // Style flags stay false: the file itself is the style, and PoDoFo would
      // otherwise rename the font when its own guess differs.
      fonts[i] = document->CreateFontSubset(kNames[i], false, false, false, encoding.get(),
                                            path.c_str());
      if (fonts[i] == nullptr) {
        return Status::Error(StatusCode::kInternal, "font " + path + " cannot be embedded");
      }
      used_glyphs[i].assign(tables[i]->glyph_count, false);
    }
    return fonts[i];
  }

  // Replaces the /W array of each embedded font with our rounded advances
  // (what Width() measured) and removes the optional /CIDSet.
  void FixFontDictionaries() {
    PoDoFo::PdfVecObjects& objects = document->GetObjects();
    for (int i = 0; i < kFontStyleCount; ++i) {
      if (fonts[i] == nullptr) continue;
      PoDoFo::PdfObject* type0 = fonts[i]->GetObject();
      PoDoFo::PdfObject* descendants = type0->GetIndirectKey("DescendantFonts");
      if (descendants == nullptr || !descendants->IsArray() || descendants->GetArray().empty()) {
        PODOFO_RAISE_ERROR_INFO(PoDoFo::ePdfError_InvalidDataType, "font without DescendantFonts");
      }
      const PoDoFo::PdfObject& first = descendants->GetArray()[0];
      PoDoFo::PdfObject* cid_font =
          first.IsReference() ? objects.GetObject(first.GetReference()) : nullptr;
      if (cid_font == nullptr) {
        PODOFO_RAISE_ERROR_INFO(PoDoFo::ePdfError_InvalidDataType, "CID font not found");
      }
      PoDoFo::PdfArray widths;
      const std::vector<bool>& used = used_glyphs[i];
      const std::vector<std::int32_t>& advance = tables[i]->glyph_advance;
      for (std::size_t g = 0; g < used.size();) {
        if (!used[g]) {
          ++g;
          continue;
        }
        PoDoFo::PdfArray run;
        const std::size_t first_glyph = g;
        for (; g < used.size() && used[g]; ++g) {
          run.push_back(static_cast<PoDoFo::pdf_int64>(advance[g]));
        }
        widths.push_back(static_cast<PoDoFo::pdf_int64>(first_glyph));
        widths.push_back(run);
      }
      cid_font->GetDictionary().AddKey("W", widths);
      cid_font->GetDictionary().AddKey("DW", static_cast<PoDoFo::pdf_int64>(advance.at(0)));

      PoDoFo::PdfObject* descriptor = cid_font->GetIndirectKey("FontDescriptor");
      if (descriptor != nullptr && descriptor->GetDictionary().HasKey("CIDSet")) {
        const PoDoFo::PdfObject* cid_set = descriptor->GetDictionary().GetKey("CIDSet");
        if (cid_set->IsReference()) {
          const PoDoFo::PdfReference ref = cid_set->GetReference();
          descriptor->GetDictionary().RemoveKey("CIDSet");
          delete objects.RemoveObject(ref);
        } else {
          descriptor->GetDictionary().RemoveKey("CIDSet");
        }
      }
    }
  }

  void WriteInfo(const PdfMetadata& m, const DocumentDate& date) {
    PoDoFo::PdfInfo* info = document->GetInfo();
    PoDoFo::PdfDictionary& dict = info->GetObject()->GetDictionary();
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
    PoDoFo::PdfVecObjects& objects = document->GetObjects();
    PoDoFo::PdfDictionary& catalog = document->GetCatalog()->GetDictionary();

    PoDoFo::PdfObject* metadata = objects.CreateObject("Metadata");
    metadata->GetDictionary().AddKey("Subtype", PoDoFo::PdfName("XML"));
    // PDF/A: the metadata stream is not compressed, so any tool can read it.
    metadata->GetStream()->Set(xmp.data(), static_cast<PoDoFo::pdf_long>(xmp.size()),
                               PoDoFo::TVecFilters());
    catalog.AddKey("Metadata", metadata->Reference());

    PoDoFo::PdfObject* profile = objects.CreateObject();
    profile->GetDictionary().AddKey("N", static_cast<PoDoFo::pdf_int64>(3));
    profile->GetDictionary().AddKey("Alternate", PoDoFo::PdfName("DeviceRGB"));
    PoDoFo::TVecFilters flate;
    flate.push_back(PoDoFo::ePdfFilter_FlateDecode);
    profile->GetStream()->Set(icc_profile->data(), static_cast<PoDoFo::pdf_long>(icc_profile->size()),
                              flate);
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
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  for (int i = 0; i < kFontStyleCount; ++i) {
    Result<std::shared_ptr<const FontTable>> table = SharedFiles::Get().Font(options.fonts.paths[i]);
    if (!table.ok()) return table.status();
    impl->tables[i] = *table;
  }
  Result<std::shared_ptr<const std::string>> profile =
      SharedFiles::Get().IccProfile(options.icc_profile_path);
  if (!profile.ok()) return profile.status();
  impl->icc_profile = *profile;
  Status made = Guard("creating the PDF document", [&] {
    impl->encoding = std::make_unique<PoDoFo::PdfIdentityEncoding>(0, 0xFFFF, false);
    impl->document = std::make_unique<PoDoFo::PdfMemDocument>();
    return Status::Ok();
  });
  if (!made.ok()) return made;
  return std::unique_ptr<PdfWriter>(new PdfWriter(std::move(impl)));
}

double PdfWriter::Width(FontStyle style, double size_pt, std::string_view text) const {
  const FontTable& font = *impl_->tables[StyleIndex(style)];
  const std::int32_t* advance = font.advance_of.data();
  const std::int32_t notdef = font.glyph_advance.empty() ? 0 : font.glyph_advance[0];
  std::int64_t total = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = NextCodePoint(text, i);
    const std::int32_t a = cp < kBmpSize ? advance[cp] : -1;
    total += a >= 0 ? a : notdef;
  }
  return static_cast<double>(total) * size_pt / 1000.0;
}

std::optional<char32_t> PdfWriter::MissingGlyph(FontStyle style, std::string_view text) const {
  const FontTable& font = *impl_->tables[StyleIndex(style)];
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = NextCodePoint(text, i);
    if (!Drawable(font, cp)) return cp;
  }
  return std::nullopt;
}

double PdfWriter::Ascent(FontStyle style, double size_pt) const {
  const FontTable& font = *impl_->tables[StyleIndex(style)];
  return font.ascent * size_pt / font.units_per_em;
}

double PdfWriter::Descent(FontStyle style, double size_pt) const {
  const FontTable& font = *impl_->tables[StyleIndex(style)];
  return font.descent * size_pt / font.units_per_em;
}

double PdfWriter::LineGap(FontStyle style, double size_pt) const {
  const FontTable& font = *impl_->tables[StyleIndex(style)];
  return font.line_gap * size_pt / font.units_per_em;
}

void PdfWriter::BeginPage(double width_pt, double height_pt) {
  Impl& w = *impl_;
  if (!w.Usable().ok()) return;
  if (!Finite({width_pt, height_pt}) || width_pt < 3 || height_pt < 3 || width_pt > 14400 ||
      height_pt > 14400) {
    w.Fail(Status::Invalid("page size " + std::to_string(width_pt) + " x " +
                           std::to_string(height_pt) + " pt is outside 3..14400 pt"));
    return;
  }
  w.Fail(Guard("starting page " + std::to_string(w.pages + 1), [&] {
    if (w.page_open) {
      w.painter.FinishPage();
      w.page_open = false;
    }
    PoDoFo::PdfPage* page = w.document->CreatePage(PoDoFo::PdfRect(0, 0, width_pt, height_pt));
    if (page == nullptr) return Status::Error(StatusCode::kInternal, "no page was created");
    w.painter.SetPage(page);
    w.page_open = true;
    ++w.pages;
    w.painter.SetGray(0.0);
    w.painter.SetStrokingGray(0.0);
    return Status::Ok();
  }));
}

Status PdfWriter::DrawText(FontStyle style, double size_pt, double x_pt, double y_pt,
                           std::string_view text) {
  Impl& w = *impl_;
  THADS_RETURN_IF_ERROR(w.Usable());
  if (!w.page_open) return Status::Error(StatusCode::kInternal, "DrawText before BeginPage");
  if (!Finite({size_pt, x_pt, y_pt}) || size_pt <= 0 || size_pt > 1000) {
    return Status::Invalid("text run at (" + std::to_string(x_pt) + ", " + std::to_string(y_pt) +
                           ") has a bad position or size " + std::to_string(size_pt) + " pt");
  }
  THADS_RETURN_IF_ERROR(text::ValidateUtf8(text, "text run"));
  const FontTable& font = *w.tables[StyleIndex(style)];
  if (const std::optional<char32_t> missing = MissingGlyph(style, text)) {
    return Status::Invalid("text run '" + std::string(text) + "': font " + font.path +
                           " cannot draw " + CodePointName(*missing));
  }
  if (!text::IsNfc(text)) {
    return Status::Invalid("text run '" + std::string(text) +
                           "' is not in Unicode NFC (decomposed marks would be misplaced)");
  }
  if (text.empty()) return Status::Ok();
  const Status drawn = Guard("drawing text '" + std::string(text) + "'", [&] {
    Result<PoDoFo::PdfFont*> pdf_font = w.FontFor(style);
    if (!pdf_font.ok()) return pdf_font.status();
    std::vector<bool>& used = w.used_glyphs[StyleIndex(style)];
    for (std::size_t i = 0; i < text.size();) {
      used.at(font.glyph_of[NextCodePoint(text, i)]) = true;
    }
    (*pdf_font)->SetFontSize(static_cast<float>(size_pt));
    w.painter.SetFont(*pdf_font);
    w.painter.DrawText(x_pt, y_pt, ToPdfString(text));
    return Status::Ok();
  });
  w.Fail(drawn);
  return drawn;
}

void PdfWriter::DrawLine(double x1_pt, double y1_pt, double x2_pt, double y2_pt, double width_pt) {
  Impl& w = *impl_;
  if (!w.Usable().ok()) return;
  if (!w.page_open) return w.Fail(Status::Error(StatusCode::kInternal, "DrawLine before BeginPage"));
  if (!Finite({x1_pt, y1_pt, x2_pt, y2_pt, width_pt}) || width_pt <= 0) {
    return w.Fail(Status::Invalid("line has a bad position or width"));
  }
  w.Fail(Guard("drawing a line", [&] {
    w.painter.SetStrokeWidth(width_pt);
    w.painter.DrawLine(x1_pt, y1_pt, x2_pt, y2_pt);
    return Status::Ok();
  }));
}

void PdfWriter::DrawRect(double x_pt, double y_pt, double width_pt, double height_pt,
                         double line_width_pt) {
  Impl& w = *impl_;
  if (!w.Usable().ok()) return;
  if (!w.page_open) return w.Fail(Status::Error(StatusCode::kInternal, "DrawRect before BeginPage"));
  if (!Finite({x_pt, y_pt, width_pt, height_pt, line_width_pt}) || line_width_pt <= 0) {
    return w.Fail(Status::Invalid("rectangle has a bad position, size or line width"));
  }
  w.Fail(Guard("drawing a rectangle", [&] {
    w.painter.SetStrokeWidth(line_width_pt);
    w.painter.Rectangle(x_pt, y_pt, width_pt, height_pt);
    w.painter.Stroke();
    return Status::Ok();
  }));
}

int PdfWriter::page_count() const { return impl_->pages; }

Result<std::string> PdfWriter::Finish(const PdfMetadata& metadata) {
  Impl& w = *impl_;
  THADS_RETURN_IF_ERROR(w.Usable());
  w.finished = true;
  if (w.pages == 0) return Status::Error(StatusCode::kInternal, "PDF document has no page");
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
  const std::string xmp = BuildXmp(metadata, *date);

  std::string bytes;
  THADS_RETURN_IF_ERROR(Guard("writing the PDF file", [&] {
    if (w.page_open) {
      w.painter.FinishPage();
      w.page_open = false;
    }
    w.document->EmbedSubsetFonts();
    w.FixFontDictionaries();
    w.WriteInfo(metadata, *date);
    w.WriteCatalogEntries(metadata, xmp);
    w.document->SetPdfVersion(PoDoFo::ePdfVersion_1_7);
    w.document->SetWriteMode(PoDoFo::ePdfWriteMode_Compact);
    PoDoFo::PdfRefCountedBuffer buffer;
    PoDoFo::PdfOutputDevice device(&buffer);
    w.document->Write(&device);
    bytes.assign(buffer.GetBuffer(), device.GetLength());
    return Status::Ok();
  }));
  return bytes;
}

}  // namespace thads::render
