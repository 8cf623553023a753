// Seeded mutation fuzzing without a special compiler: `thads_fuzz TARGET
// ITERATIONS SEED...` (files or folders) runs every seed, then ITERATIONS mutants of them (bit flips,
// truncations, insertions, splices, repeated chunks). Deterministic, so a crash
// reproduces; the mutant that crashed is written to ./fuzz-crash-TARGET.bin
// before it runs, to be kept as a seed (a regression test) once fixed.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_targets.h"

namespace fs = std::filesystem;

namespace {

std::string Mutate(const std::vector<std::string>& seeds, std::mt19937_64& rng) {
  std::string s = seeds[rng() % seeds.size()];
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int e = 0; e < edits; ++e) {
    const std::size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (rng() % 6) {
      case 0:  // flip a bit
        if (!s.empty()) s[rng() % s.size()] ^= static_cast<char>(1 << (rng() % 8));
        break;
      case 1:  // truncate
        s.resize(pos);
        break;
      case 2:  // insert random bytes
        for (int k = static_cast<int>(rng() % 8); k > 0; --k) {
          s.insert(s.begin() + static_cast<std::ptrdiff_t>(std::min(pos, s.size())),
                   static_cast<char>(rng() % 256));
        }
        break;
      case 3: {  // splice with another seed
        const std::string& other = seeds[rng() % seeds.size()];
        if (!other.empty()) s = s.substr(0, pos) + other.substr(rng() % other.size());
        break;
      }
      case 4:  // repeat a chunk
        if (!s.empty()) {
          const std::size_t from = rng() % s.size();
          const std::string chunk = s.substr(from, 1 + rng() % 64);
          for (int k = static_cast<int>(rng() % 20); k > 0; --k) s.insert(pos, chunk);
        }
        break;
      default:  // interesting bytes: UTF-8 lead bytes, quotes, brackets, digits
        if (!s.empty()) {
          static const char kBytes[] = "\xC3\xE1\xE2\xF0\x80\xBF\"<>&{}[]0123456789.,-/ \n";
          s[rng() % s.size()] = kBytes[rng() % (sizeof kBytes - 1)];
        }
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: thads_fuzz TARGET ITERATIONS SEED...\n");
    return 2;
  }
  const thads::fuzz::Target* target = nullptr;
  for (const auto& t : thads::fuzz::Targets()) {
    if (std::string(t.name) == argv[1]) target = &t;
  }
  if (target == nullptr) {
    std::fprintf(stderr, "thads_fuzz: unknown target '%s'\n", argv[1]);
    return 2;
  }
  std::vector<std::string> seeds;
  const auto read = [&](const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    seeds.push_back(buf.str());
  };
  for (int a = 3; a < argc; ++a) {
    std::error_code ec;
    if (fs::is_directory(argv[a], ec)) {
      for (const auto& entry : fs::directory_iterator(argv[a], ec)) read(entry.path());
    } else if (fs::is_regular_file(argv[a], ec)) {
      read(argv[a]);
    } else {
      std::fprintf(stderr, "thads_fuzz: no seed file or folder %s\n", argv[a]);
      return 2;
    }
  }
  const long iterations = std::atol(argv[2]);
  const std::string crash_file = std::string("fuzz-crash-") + target->name + ".bin";
  for (const std::string& seed : seeds) target->run(seed);
  std::mt19937_64 rng(0x7468616473ULL);
  for (long i = 0; i < iterations; ++i) {
    const std::string input = Mutate(seeds, rng);
    std::ofstream(crash_file, std::ios::binary | std::ios::trunc) << input;
    target->run(input);
  }
  std::remove(crash_file.c_str());
  std::printf("%s: %zu seeds and %ld mutants ran clean\n", target->name, seeds.size(), iterations);
  return 0;
}
