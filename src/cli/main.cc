#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> args(argv + 1, argv + argc);
  return static_cast<int>(
      thads::cli::RunCommandLine(args, {std::cin, std::cout, std::cerr}));
}
