// Which TrueType file serves each role of an official document.
#pragma once

#include <array>
#include <string>

#include "base/status.h"

namespace thads::render {

enum class FontStyle { kRegular = 0, kBold = 1, kItalic = 2, kBoldItalic = 3 };
constexpr int kFontStyleCount = 4;

struct FontSet {
  std::array<std::string, kFontStyleCount> paths;  // indexed by FontStyle
  const std::string& Path(FontStyle s) const { return paths[static_cast<int>(s)]; }
};

// Reads "role = path" lines (roles: regular, bold, italic, bold-italic; '#'
// comments). Relative paths are relative to the file. Every role is required
// and every file must exist; errors name the file and line.
Result<FontSet> LoadFontConfig(const std::string& path);

// $THADS_FONTS if set, else fonts/fonts.conf of the source tree.
std::string DefaultFontConfigPath();

}  // namespace thads::render
