#include "render/truetype.h"

#include <optional>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace thads::render {
namespace {

constexpr std::uint32_t Tag(std::string_view four) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(four[0])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(four[1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(four[2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(four[3]));
}

// Bounds-checked big-endian reads; a read out of range returns 0 and clears ok().
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
    return v >= 0x8000 ? static_cast<std::int32_t>(v) - 0x10000
                       : static_cast<std::int32_t>(v);
  }

 private:
  std::uint32_t Fail() {
    ok_ = false;
    return 0;
  }
  std::string_view data_;
  bool ok_ = true;
};

void PutU16(std::string& out, std::size_t at, std::uint32_t v) {
  out[at] = static_cast<char>((v >> 8) & 0xFF);
  out[at + 1] = static_cast<char>(v & 0xFF);
}

void PutU32(std::string& out, std::size_t at, std::uint32_t v) {
  PutU16(out, at, v >> 16);
  PutU16(out, at + 2, v & 0xFFFF);
}

void AppendU16(std::string& out, std::uint32_t v) {
  out += static_cast<char>((v >> 8) & 0xFF);
  out += static_cast<char>(v & 0xFF);
}

void AppendU32(std::string& out, std::uint32_t v) {
  AppendU16(out, v >> 16);
  AppendU16(out, v & 0xFFFF);
}

// Calls visit(offset) with the offset of each component's glyph index in a
// composite glyph; does nothing for a simple or empty glyph.
template <typename Visit>
void ForEachComponent(std::string_view glyph, Visit visit) {
  ByteReader r(glyph);
  if (glyph.size() < 10 || r.S16(0) >= 0) return;
  constexpr std::uint32_t kWordArgs = 0x1, kScale = 0x8, kMore = 0x20, kXyScale = 0x40,
                          kTwoByTwo = 0x80;
  std::size_t at = 10;
  for (int component = 0; component < 256; ++component) {
    const std::uint32_t flags = r.U16(at);
    if (!r.Has(at + 2, 2)) return;
    visit(at + 2);
    at += 4 + ((flags & kWordArgs) ? 4 : 2);
    if (flags & kScale) {
      at += 2;
    } else if (flags & kXyScale) {
      at += 4;
    } else if (flags & kTwoByTwo) {
      at += 8;
    }
    if (!(flags & kMore) || !r.ok()) return;
  }
}

// Fills glyph_of from a cmap subtable of format 4 or 12; false if unsupported.
bool ReadCmapSubtable(ByteReader& r, std::size_t at,
                      std::vector<std::uint16_t>& glyph_of) {
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

// The PostScript name ('name' ID 6), reduced to the characters PDF names allow.
std::string ReadPostScriptName(ByteReader& r, std::string_view bytes, std::size_t at,
                               std::size_t length) {
  const std::uint32_t count = r.U16(at + 2);
  const std::size_t strings = at + r.U16(at + 4);
  for (std::uint32_t i = 0; i < count && r.ok(); ++i) {
    const std::size_t record = at + 6 + 12 * static_cast<std::size_t>(i);
    const std::uint32_t platform = r.U16(record);
    if (r.U16(record + 6) != 6 || (platform != 1 && platform != 3)) continue;
    const std::size_t offset = strings + r.U16(record + 10);
    const std::size_t size = r.U16(record + 8);
    if (!r.Has(offset, size) || offset + size > at + length) continue;
    std::string name;
    const std::size_t step = platform == 3 ? 2 : 1;  // Windows: UTF-16BE
    for (std::size_t k = step - 1; k < size; k += step) {
      const char c = bytes[offset + k];
      if (c > 32 && c < 127 &&
          std::string_view("[](){}<>/%#").find(c) == std::string_view::npos) {
        name += c;
      }
    }
    if (!name.empty()) return name;
  }
  return "";
}

}  // namespace

std::string_view TrueTypeFont::TableBytes(std::string_view tag) const {
  const std::uint32_t wanted = Tag(tag);
  for (const Table& t : tables) {
    if (t.tag == wanted) return std::string_view(bytes).substr(t.offset, t.length);
  }
  return {};
}

std::string_view TrueTypeFont::Glyph(int glyph) const {
  if (glyph < 0 || glyph >= glyph_count) return {};
  return std::string_view(bytes).substr(glyph_start[glyph],
                                        glyph_start[glyph + 1] - glyph_start[glyph]);
}

std::vector<std::uint16_t> TrueTypeFont::Components(int glyph) const {
  std::vector<std::uint16_t> components;
  const std::string_view data = Glyph(glyph);
  ForEachComponent(data, [&](std::size_t at) {
    ByteReader r(data);
    const std::uint32_t component = r.U16(at);
    if (component < static_cast<std::uint32_t>(glyph_count)) {
      components.push_back(static_cast<std::uint16_t>(component));
    }
  });
  return components;
}

Result<TrueTypeFont> ParseTrueType(std::string file_bytes, const std::string& path) {
  const auto corrupt = [&](const std::string& why) {
    return Status::Error(StatusCode::kCorrupt,
                         "font " + path + " is not a usable TrueType file: " + why);
  };
  TrueTypeFont font;
  font.path = path;
  font.bytes = std::move(file_bytes);
  const std::string_view bytes = font.bytes;
  ByteReader r(bytes);
  const std::uint32_t version = r.U32(0);
  if (version != 0x00010000 && version != Tag("true")) {
    return corrupt("not TrueType outlines (a .ttf file is needed)");
  }
  const std::uint32_t table_count = r.U16(4);
  for (std::uint32_t i = 0; i < table_count && r.ok(); ++i) {
    const std::size_t record = 12 + 16 * static_cast<std::size_t>(i);
    const TrueTypeFont::Table table{r.U32(record), r.U32(record + 8), r.U32(record + 12)};
    if (!r.ok()) break;
    if (!r.Has(table.offset, table.length))
      return corrupt("a table lies outside the file");
    font.tables.push_back(table);
  }
  if (!r.ok()) return corrupt("truncated table directory");
  const auto lookup = [&](std::string_view tag) -> std::optional<TrueTypeFont::Table> {
    for (const TrueTypeFont::Table& t : font.tables) {
      if (t.tag == Tag(tag)) return t;
    }
    return std::nullopt;
  };
  for (const char* needed :
       {"head", "hhea", "hmtx", "maxp", "cmap", "glyf", "loca", "post"}) {
    if (!lookup(needed)) return corrupt(std::string("no '") + needed + "' table");
  }
  // Every table needed is there (checked just above).
  const auto find = [&](std::string_view tag) { return lookup(tag).value(); };
  const std::size_t head = find("head").offset;
  const std::size_t hhea = find("hhea").offset;
  const TrueTypeFont::Table hmtx = find("hmtx");
  const TrueTypeFont::Table glyf = find("glyf");
  const TrueTypeFont::Table loca = find("loca");
  font.units_per_em = static_cast<int>(r.U16(head + 18));
  font.x_min = r.S16(head + 36);
  font.y_min = r.S16(head + 38);
  font.x_max = r.S16(head + 40);
  font.y_max = r.S16(head + 42);
  const bool long_loca = r.S16(head + 50) == 1;
  font.ascent = std::abs(r.S16(hhea + 4));
  font.descent = std::abs(r.S16(hhea + 6));
  font.line_gap = std::max(0, static_cast<int>(r.S16(hhea + 8)));
  const std::size_t metric_count = r.U16(hhea + 34);
  font.glyph_count = static_cast<int>(r.U16(find("maxp").offset + 4));
  const std::size_t post = find("post").offset;
  font.italic_angle = r.S16(post + 4) + r.U16(post + 6) / 65536.0;
  font.cap_height = font.ascent;
  if (const auto os2 = lookup("OS/2")) {
    font.weight = static_cast<int>(r.U16(os2->offset + 4));
    if (r.U16(os2->offset) >= 2 && os2->length >= 90)
      font.cap_height = r.S16(os2->offset + 88);
  }
  if (const auto name = lookup("name")) {
    font.postscript_name = ReadPostScriptName(r, bytes, name->offset, name->length);
  }
  if (!r.ok()) return corrupt("truncated 'head', 'hhea', 'maxp', 'post' or 'OS/2' table");
  if (font.units_per_em < 16 || font.units_per_em > 16384)
    return corrupt("bad units per em");
  if (font.glyph_count == 0 || metric_count == 0 ||
      metric_count > static_cast<std::size_t>(font.glyph_count) ||
      hmtx.length < 4 * metric_count + 2 * (font.glyph_count - metric_count)) {
    return corrupt("bad 'hhea'/'hmtx' tables");
  }

  font.glyph_advance.resize(font.glyph_count);
  font.advance_units.resize(font.glyph_count);
  font.left_bearing.resize(font.glyph_count);
  for (int g = 0; g < font.glyph_count; ++g) {
    const std::size_t m = std::min<std::size_t>(g, metric_count - 1);
    font.advance_units[g] = static_cast<std::uint16_t>(r.U16(hmtx.offset + 4 * m));
    const std::size_t lsb_at =
        static_cast<std::size_t>(g) < metric_count
            ? hmtx.offset + 4 * g + 2
            : hmtx.offset + 4 * metric_count + 2 * (g - metric_count);
    font.left_bearing[g] = static_cast<std::int16_t>(r.S16(lsb_at));
    font.glyph_advance[g] = static_cast<std::int32_t>(
        std::lround(font.advance_units[g] * 1000.0 / font.units_per_em));
  }

  font.glyph_start.resize(font.glyph_count + 1);
  for (int g = 0; g <= font.glyph_count; ++g) {
    const std::size_t offset =
        long_loca ? r.U32(loca.offset + 4 * g) : 2 * r.U16(loca.offset + 2 * g);
    if (offset > glyf.length ||
        (g > 0 && glyf.offset + offset < font.glyph_start[g - 1])) {
      return corrupt("bad 'loca' table");
    }
    font.glyph_start[g] = static_cast<std::uint32_t>(glyf.offset + offset);
  }
  if (!r.ok()) return corrupt("truncated 'loca' table");

  // Unicode subtables, preferred order: full repertoire first, then BMP.
  const std::size_t cmap = find("cmap").offset;
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

Result<std::shared_ptr<const TrueTypeFont>> LoadTrueType(const std::string& path) {
  static std::mutex* mutex = new std::mutex();  // never destroyed: may be used at exit
  static auto* fonts = new std::map<std::string, std::shared_ptr<const TrueTypeFont>>();
  std::lock_guard<std::mutex> lock(*mutex);
  if (auto it = fonts->find(path); it != fonts->end()) return it->second;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("font file " + path + " cannot be read");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Status::IoError("font file " + path + ": read error");
  Result<TrueTypeFont> font = ParseTrueType(bytes.str(), path);
  if (!font.ok()) return font.status();
  auto shared = std::make_shared<const TrueTypeFont>(std::move(font).value());
  fonts->emplace(path, shared);
  return shared;
}

std::string BuildTrueTypeSubset(
    const TrueTypeFont& font, const std::vector<std::uint16_t>& glyphs,
    std::vector<std::pair<char32_t, std::uint16_t>> code_points) {
  const std::uint32_t count = static_cast<std::uint32_t>(glyphs.size());
  std::vector<std::int32_t> new_id(font.glyph_count, 0);
  for (std::uint32_t i = 0; i < count; ++i)
    new_id.at(glyphs[i]) = static_cast<std::int32_t>(i);

  std::map<std::uint32_t, std::string> tables;  // by tag: the directory is sorted

  // 'glyf' and 'loca' (long offsets); composite glyphs point to the new ids.
  std::string& glyf = tables[Tag("glyf")];
  std::string& loca = tables[Tag("loca")];
  for (std::uint32_t i = 0; i < count; ++i) {
    AppendU32(loca, static_cast<std::uint32_t>(glyf.size()));
    std::string glyph(font.Glyph(glyphs[i]));
    ForEachComponent(glyph, [&](std::size_t at) {
      ByteReader r(glyph);
      const std::uint32_t old = r.U16(at);
      PutU16(glyph, at,
             old < new_id.size() ? static_cast<std::uint32_t>(new_id[old]) : 0);
    });
    glyf += glyph;
    while (glyf.size() % 4 != 0) glyf += '\0';
  }
  AppendU32(loca, static_cast<std::uint32_t>(glyf.size()));

  std::string& hmtx = tables[Tag("hmtx")];
  for (std::uint16_t g : glyphs) {
    AppendU16(hmtx, font.advance_units[g]);
    AppendU16(hmtx, static_cast<std::uint16_t>(font.left_bearing[g]));
  }

  std::string& head = tables[Tag("head")];
  head = std::string(font.TableBytes("head"));
  PutU32(head, 8, 0);   // checkSumAdjustment, set below
  PutU16(head, 50, 1);  // indexToLocFormat: long
  std::string& hhea = tables[Tag("hhea")];
  hhea = std::string(font.TableBytes("hhea"));
  PutU16(hhea, 34, count);  // numberOfHMetrics
  std::string& maxp = tables[Tag("maxp")];
  maxp = std::string(font.TableBytes("maxp"));
  PutU16(maxp, 4, count);  // numGlyphs
  std::string& post = tables[Tag("post")];
  post = std::string(font.TableBytes("post").substr(0, 32));
  post.resize(32, '\0');
  PutU32(post, 0, 0x00030000);  // version 3: no glyph names
  for (const char* kept : {"OS/2", "cvt ", "fpgm", "prep"}) {
    const std::string_view table = font.TableBytes(kept);
    if (!table.empty()) tables[Tag(kept)] = std::string(table);
  }

  // 'cmap': one format 4 subtable (Windows, Unicode BMP), a segment per code point.
  std::sort(code_points.begin(), code_points.end());
  code_points.erase(
      std::unique(code_points.begin(), code_points.end(),
                  [](const auto& a, const auto& b) { return a.first == b.first; }),
      code_points.end());
  code_points.erase(std::remove_if(code_points.begin(), code_points.end(),
                                   [](const auto& p) { return p.first >= 0xFFFF; }),
                    code_points.end());
  const std::uint32_t segments = static_cast<std::uint32_t>(code_points.size()) + 1;
  std::uint32_t entry_selector = 0;
  while ((2u << entry_selector) <= segments) ++entry_selector;
  const std::uint32_t search_range = 2u << entry_selector;
  std::string subtable;
  AppendU16(subtable, 4);
  AppendU16(subtable, 16 + 8 * segments);  // length
  AppendU16(subtable, 0);                  // language
  AppendU16(subtable, 2 * segments);
  AppendU16(subtable, search_range);
  AppendU16(subtable, entry_selector);
  AppendU16(subtable, 2 * segments - search_range);
  for (const auto& [cp, glyph] : code_points) AppendU16(subtable, cp);
  AppendU16(subtable, 0xFFFF);
  AppendU16(subtable, 0);  // reservedPad
  for (const auto& [cp, glyph] : code_points) AppendU16(subtable, cp);
  AppendU16(subtable, 0xFFFF);
  for (const auto& [cp, glyph] : code_points) AppendU16(subtable, (glyph - cp) & 0xFFFF);
  AppendU16(subtable, 1);
  for (std::uint32_t s = 0; s < segments; ++s) AppendU16(subtable, 0);  // idRangeOffset
  std::string& cmap = tables[Tag("cmap")];
  AppendU16(cmap, 0);   // version
  AppendU16(cmap, 1);   // one subtable
  AppendU16(cmap, 3);   // Windows
  AppendU16(cmap, 1);   // Unicode BMP
  AppendU32(cmap, 12);  // offset
  cmap += subtable;

  // The file: offset table, directory, tables padded to 4 bytes.
  const auto checksum = [](std::string_view data) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < data.size(); i += 4) {
      std::uint32_t word = 0;
      for (std::size_t k = 0; k < 4; ++k) {
        word = (word << 8) |
               (i + k < data.size() ? static_cast<std::uint8_t>(data[i + k]) : 0);
      }
      sum += word;
    }
    return sum;
  };
  const std::uint32_t table_count = static_cast<std::uint32_t>(tables.size());
  std::uint32_t selector = 0;
  while ((2u << selector) <= table_count) ++selector;
  std::string out;
  AppendU32(out, 0x00010000);
  AppendU16(out, table_count);
  AppendU16(out, 16u << selector);
  AppendU16(out, selector);
  AppendU16(out, 16 * table_count - (16u << selector));
  std::size_t offset = 12 + 16 * table_count;
  std::size_t head_at = 0;
  for (const auto& [tag, data] : tables) {
    AppendU32(out, tag);
    AppendU32(out, checksum(data));
    AppendU32(out, static_cast<std::uint32_t>(offset));
    AppendU32(out, static_cast<std::uint32_t>(data.size()));
    if (tag == Tag("head")) head_at = offset;
    offset += (data.size() + 3) / 4 * 4;
  }
  for (const auto& [tag, data] : tables) {
    out += data;
    while (out.size() % 4 != 0) out += '\0';
  }
  PutU32(out, head_at + 8, 0xB1B0AFBAu - checksum(out));
  return out;
}

}  // namespace thads::render
