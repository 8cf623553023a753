#include "render/fonts.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/utf8.h"

namespace thads::render {
namespace {

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

Result<FontSet> LoadFontConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("font configuration " + path + " cannot be read");
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  FontSet set;
  std::array<bool, kFontStyleCount> seen{};
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = path + ":" + std::to_string(line_no);
    THADS_RETURN_IF_ERROR(text::ValidateUtf8(line, where));
    const auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    line = Trim(line);
    if (line.empty()) continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) {
      return Status::Invalid(where + ": expected 'role = path', got '" + line + "'");
    }
    const std::string role = Trim(line.substr(0, eq));
    std::filesystem::path file = Trim(line.substr(eq + 1));
    int index;
    if (role == "regular") index = 0;
    else if (role == "bold") index = 1;
    else if (role == "italic") index = 2;
    else if (role == "bold-italic") index = 3;
    else return Status::Invalid(where + ": unknown font role '" + role +
                                "' (roles: regular, bold, italic, bold-italic)");
    if (file.is_relative()) file = dir / file;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      return Status::NotFound(where + ": font file " + file.string() + " for role '" + role +
                              "' does not exist (is fonts-liberation2 installed?)");
    }
    set.paths[index] = file.string();
    seen[index] = true;
  }
  static const char* kRoles[] = {"regular", "bold", "italic", "bold-italic"};
  for (int i = 0; i < kFontStyleCount; ++i) {
    if (!seen[i]) return Status::Invalid(path + ": no font for role '" + kRoles[i] + "'");
  }
  return set;
}

std::string DefaultFontConfigPath() {
  if (const char* env = std::getenv("THADS_FONTS"); env != nullptr && *env != '\0') return env;
  return std::string(THADS_FONTS_DIR) + "/fonts.conf";
}

}  // namespace thads::render
