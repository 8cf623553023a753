// thads_word_pairs: counts the words and word pairs of texts into the data file
// of OCR post-correction (scripts/build-word-pairs.sh runs it).
// Usage: thads_word_pairs OUT.tsv TEXT...
#include <cstdio>
#include <fstream>
#include <sstream>

#include "ocr/word_pairs.h"
#include "text/normalize.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: thads_word_pairs OUT.tsv TEXT...\n");
    return 2;
  }
  thads::ocr::WordPairModel model;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto text = thads::text::CleanText(bytes.str(), argv[i]);
    if (!in || !text.ok()) {
      std::fprintf(stderr, "thads_word_pairs: %s\n",
                   in ? text.status().message().c_str()
                      : (std::string(argv[i]) + ": cannot read").c_str());
      return 1;
    }
    model.AddText(*text);
  }
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out << model.Serialize();
  out.close();
  if (!out) {
    std::fprintf(stderr, "thads_word_pairs: %s: cannot write\n", argv[1]);
    return 1;
  }
  std::printf("%s: %zu words, %llu tokens\n", argv[1], model.vocabulary(),
              static_cast<unsigned long long>(model.total()));
  return 0;
}
