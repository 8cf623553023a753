// TrueType files as the PDF writer needs them: metrics for measuring text and
// subsets for embedding. Private to src/render/ (used by pdf_writer.cc).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace thads::render {

constexpr int kBmpSize = 0x10000;

// One parsed TrueType file (glyf outlines). Immutable; shared between threads.
struct TrueTypeFont {
  struct Table {
    std::uint32_t tag = 0;
    std::size_t offset = 0;
    std::size_t length = 0;
  };

  std::string path;
  std::string bytes;            // the whole file
  std::vector<Table> tables;    // as listed in the file
  std::string postscript_name;  // 'name' ID 6, e.g. "LiberationSerif-Bold"
  int units_per_em = 0;
  int ascent = 0;      // font units above the baseline ('hhea'), >= 0
  int descent = 0;     // font units below the baseline, >= 0
  int line_gap = 0;    // font units, >= 0
  int cap_height = 0;  // font units ('OS/2', else ascent)
  int weight = 400;    // 'OS/2' usWeightClass
  int x_min = 0, y_min = 0, x_max = 0, y_max = 0;  // 'head' bounding box
  double italic_angle = 0;                         // degrees ('post')
  int glyph_count = 0;

  std::vector<std::uint16_t> glyph_of;  // BMP code point -> glyph id, 0 if none
  std::vector<std::int32_t>
      advance_of;  // BMP code point -> advance in 1/1000 em, -1 if none
  std::vector<std::int32_t> glyph_advance;   // glyph id -> advance in 1/1000 em (rounded)
  std::vector<std::uint16_t> advance_units;  // glyph id -> 'hmtx' advance
  std::vector<std::int16_t> left_bearing;    // glyph id -> 'hmtx' left side bearing
  std::vector<std::uint32_t>
      glyph_start;  // glyph id -> offset in `bytes`; glyph_count + 1 entries

  // The raw table with `tag` (e.g. "cvt "), empty if absent.
  std::string_view TableBytes(std::string_view tag) const;
  // The outline of glyph `glyph` (empty for blank glyphs such as space).
  std::string_view Glyph(int glyph) const;
  // Glyph ids a composite glyph is built from (empty for a simple glyph).
  std::vector<std::uint16_t> Components(int glyph) const;
};

// Parses TrueType bytes; `path` names the file in errors.
Result<TrueTypeFont> ParseTrueType(std::string bytes, const std::string& path);

// Reads and parses the file once per process, then returns the same font.
// Thread-safe. A file changed on disk after first use is not re-read.
Result<std::shared_ptr<const TrueTypeFont>> LoadTrueType(const std::string& path);

// A TrueType file holding only `glyphs` (glyphs[i] becomes glyph id i; glyphs[0]
// should be 0, .notdef, and every component of a composite glyph must be in the
// list), with a cmap for `code_points` (pairs of BMP code point and new glyph id).
// Hinting tables are kept; the 'name' table and layout tables are dropped.
std::string BuildTrueTypeSubset(
    const TrueTypeFont& font, const std::vector<std::uint16_t>& glyphs,
    std::vector<std::pair<char32_t, std::uint16_t>> code_points);

}  // namespace thads::render
