// Where thads finds office-editable data and the data files it ships. Header-only;
// each stage library is compiled with THADS_TEMPLATES_DIR / THADS_FONTS_DIR /
// THADS_DATA_DIR pointing at the source tree.
#pragma once

#include <cstdlib>
#include <string>

namespace thads {

// The environment variable `name` when set and not empty, else `fallback`.
inline std::string EnvOr(const char* name, const char* fallback) {
  const char* env = std::getenv(name);
  return env != nullptr && *env != '\0' ? env : fallback;
}

// $THADS_TEMPLATES if set, else the build-time default (the repo's templates/).
inline std::string TemplatesDir() {
#ifdef THADS_TEMPLATES_DIR
  return EnvOr("THADS_TEMPLATES", THADS_TEMPLATES_DIR);
#else
  return EnvOr("THADS_TEMPLATES", "templates");
#endif
}

// Rules that follow the law (holidays, deadlines, fees) live in TemplatesDir()/rules.
inline std::string RulesDir() { return TemplatesDir() + "/rules"; }

// Data the programs read but offices do not edit (the OCR post-correction's
// word-pair model): $THADS_DATA if set, else the build-time default (the repo's data/).
inline std::string DataDir() {
#ifdef THADS_DATA_DIR
  return EnvOr("THADS_DATA", THADS_DATA_DIR);
#else
  return EnvOr("THADS_DATA", "data");
#endif
}

}  // namespace thads
