// Where thads finds office-editable data. Header-only; each stage library is
// compiled with THADS_TEMPLATES_DIR / THADS_FONTS_DIR pointing at the source tree.
#pragma once

#include <cstdlib>
#include <string>

namespace thads {

// $THADS_TEMPLATES if set, else the build-time default (the repo's templates/).
inline std::string TemplatesDir() {
  if (const char* env = std::getenv("THADS_TEMPLATES"); env != nullptr && *env != '\0') {
    return env;
  }
#ifdef THADS_TEMPLATES_DIR
  return THADS_TEMPLATES_DIR;
#else
  return "templates";
#endif
}

// Rules that follow the law (holidays, deadlines, fees) live in TemplatesDir()/rules.
inline std::string RulesDir() { return TemplatesDir() + "/rules"; }

}  // namespace thads
