// Test helper for src/cli: the command line run in-process, its streams captured.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"

namespace thads::cli::testing {

struct CliRun {
  ExitCode code;
  std::string out;
  std::string err;
};

inline CliRun RunThads(const std::vector<std::string>& args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  const ExitCode code = RunCommandLine(args, Streams{in, out, err});
  return {code, out.str(), err.str()};
}

}  // namespace thads::cli::testing
