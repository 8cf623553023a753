// The fuzz targets, by name. Used by fuzz_main.cc (a seeded mutation driver that
// runs under CTest) and usable from a libFuzzer entry point.
#pragma once

#include <string_view>
#include <vector>

namespace thads::fuzz {

struct Target {
  const char* name;
  void (*run)(std::string_view bytes);
};

const std::vector<Target>& Targets();

}  // namespace thads::fuzz
