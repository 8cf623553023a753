// Where thads finds office-editable data and the data files it ships. Header-only;
// each stage library is compiled with THADS_TEMPLATES_DIR / THADS_FONTS_DIR /
// THADS_DATA_DIR pointing at the source tree.
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

// Data the programs read but offices do not edit (the OCR post-correction's
// word-pair model): $THADS_DATA if set, else the build-time default (the repo's data/).
inline std::string DataDir() {
  if (const char* env = std::getenv("THADS_DATA"); env != nullptr && *env != '\0') {
    return env;
  }
#ifdef THADS_DATA_DIR
  return THADS_DATA_DIR;
#else
  return "data";
#endif
}

}  // namespace thads
