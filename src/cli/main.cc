#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"

int main(int argc, char** argv) {
  // One thread per OCR engine: libgomp reads its thread limit when the process
  // starts, so set it and start again (measured: 2.4 s a page instead of 23 s
  // with Tesseract's OpenMP threads competing for 2 cores).
  if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
    setenv("OMP_THREAD_LIMIT", "1", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: carry on as we are
  }
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> args(argv + 1, argv + argc);
  return static_cast<int>(
      thads::cli::RunCommandLine(args, {std::cin, std::cout, std::cerr, isatty(2) == 1}));
}
