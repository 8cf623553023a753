// Extraction speed: every corpus judgment (per document), then one text grown to
// 1, 2, 4, 8 and 16 MB from the corpus, to show the time is linear in the size.
// Prints figures; run it from a release build: thads_extract_bench [tests/corpus].
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extractor.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const std::string dir = argc > 1 ? argv[1] : "tests/corpus";
  std::vector<std::string> texts;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".txt") continue;
    fs::path gold = it->path();
    gold.replace_extension(".expected.json");
    if (!fs::exists(gold)) continue;  // holdout.txt and other lists
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    texts.push_back(s.str());
  }
  if (texts.empty()) {
    std::fprintf(stderr, "no .txt in %s\n", dir.c_str());
    return 1;
  }
  std::size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  constexpr int kRounds = 20;
  auto start = std::chrono::steady_clock::now();
  std::size_t obligations = 0;
  for (int r = 0; r < kRounds; ++r) {
    for (const auto& t : texts) {
      auto result = thads::extract::Extract(t, "bench");
      if (result.ok()) obligations += result->obligations.size();
    }
  }
  const double s = Seconds(start);
  std::printf("corpus: %zu judgments, %.1f KB average; %.2f ms per judgment, %.0f judgments/s "
              "(%zu obligations read)\n",
              texts.size(), bytes / 1024.0 / texts.size(), 1000 * s / (kRounds * texts.size()),
              kRounds * texts.size() / s, obligations / kRounds);

  std::string all;
  for (const auto& t : texts) all += t + "\n";
  for (std::size_t mb : {1, 2, 4, 8, 16}) {
    std::string big;
    const std::size_t size = mb * 1024 * 1024 - 1024;  // under the 16 MB limit
    while (big.size() < size) big += all;
    big.resize(size);
    while (!big.empty() && (static_cast<unsigned char>(big.back()) & 0xC0) == 0x80) big.pop_back();
    if (!big.empty() && static_cast<unsigned char>(big.back()) >= 0xC0) big.pop_back();
    start = std::chrono::steady_clock::now();
    auto result = thads::extract::Extract(big, "bench");
    const double t = Seconds(start);
    std::printf("%2zu MB text: %.3f s, %.1f MB/s%s\n", mb, t, mb / t,
                result.ok() ? "" : (" (error: " + result.status().message() + ")").c_str());
  }
  return 0;
}
