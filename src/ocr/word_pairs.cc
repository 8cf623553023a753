#include "ocr/word_pairs.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>
#include <vector>

#include "base/paths.h"
#include "ocr/error_rate.h"
#include "ocr/syllable.h"
#include "text/normalize.h"

namespace thads::ocr {
namespace {

constexpr std::uint32_t kMaxCount = std::numeric_limits<std::uint32_t>::max();

std::uint32_t SaturatingAdd(std::uint32_t a, std::uint32_t b) {
  return a > kMaxCount - b ? kMaxCount : a + b;
}

}  // namespace

std::string WordKey(std::string_view word) {
  const std::string_view core = SplitToken(word).core;
  if (core.empty()) return {};
  for (char c : core) {
    if (c >= '0' && c <= '9') return "#";
  }
  return text::ToneKey(text::ToLowerVi(core));
}

std::string DefaultWordPairsPath() { return DataDir() + "/ocr/word_pairs.tsv"; }

void WordPairModel::Add(const std::string& key, std::uint32_t n) {
  std::uint32_t& c = words_[key];
  c = SaturatingAdd(c, n);
  total_ += n;
}

void WordPairModel::AddPair(const std::string& pair, std::uint32_t n) {
  std::uint32_t& c = pairs_[pair];
  c = SaturatingAdd(c, n);
}

void WordPairModel::AddText(std::string_view text) {
  std::string previous;
  for (const std::string& token : SplitWords(text)) {
    std::string key = WordKey(token);
    if (key.empty()) continue;
    Add(key, 1);
    if (!previous.empty()) AddPair(previous + ' ' + key, 1);
    previous = std::move(key);
  }
}

std::uint32_t WordPairModel::Count(const std::string& key) const {
  auto it = words_.find(key);
  return it == words_.end() ? 0 : it->second;
}

std::uint32_t WordPairModel::PairCount(const std::string& first_key,
                                       const std::string& second_key) const {
  auto it = pairs_.find(first_key + ' ' + second_key);
  return it == pairs_.end() ? 0 : it->second;
}

std::string WordPairModel::Serialize() const {
  std::ostringstream out;
  out << "# Word-pair model of the OCR post-correction (src/ocr/word_pairs.h).\n"
         "# Made by scripts/build-word-pairs.sh; edit the texts it reads, not this "
         "file.\n"
         "# w<TAB>word<TAB>count, p<TAB>word word<TAB>count; lower case, tone by "
         "ToneKey,\n"
         "# numbers as #.\n";
  auto sorted = [](const std::unordered_map<std::string, std::uint32_t>& m) {
    std::vector<std::pair<std::string, std::uint32_t>> v(m.begin(), m.end());
    std::sort(v.begin(), v.end());
    return v;
  };
  for (const auto& [k, n] : sorted(words_)) out << "w\t" << k << '\t' << n << '\n';
  for (const auto& [k, n] : sorted(pairs_)) out << "p\t" << k << '\t' << n << '\n';
  return out.str();
}

Result<WordPairModel> WordPairModel::Parse(std::string_view data, std::string_view what) {
  auto fail = [&](int line, const char* why) {
    return Status::Error(StatusCode::kCorrupt, std::string(what) + ": line " +
                                                   std::to_string(line) + ": " + why);
  };
  if (Status valid = text::ValidateUtf8(data, what); !valid.ok()) return valid;
  WordPairModel model;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    const std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab1 = line.find('\t');
    const std::size_t tab2 =
        tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos || tab1 != 1 ||
        (line[0] != 'w' && line[0] != 'p')) {
      return fail(line_no, "expected 'w' or 'p', a key and a count, separated by tabs");
    }
    const std::string key(line.substr(tab1 + 1, tab2 - tab1 - 1));
    const std::string_view count_text = line.substr(tab2 + 1);
    std::uint64_t count = 0;
    if (count_text.empty() || count_text.size() > 10) return fail(line_no, "bad count");
    for (char c : count_text) {
      if (c < '0' || c > '9') return fail(line_no, "bad count");
      count = count * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (count > kMaxCount) return fail(line_no, "count too large");
    const std::size_t space = key.find(' ');
    if (key.empty() || key.find('\t') != std::string::npos ||
        (line[0] == 'w') != (space == std::string::npos) ||
        (space != std::string::npos && (space == 0 || space + 1 == key.size() ||
                                        key.find(' ', space + 1) != std::string::npos))) {
      return fail(line_no,
                  line[0] == 'w' ? "a word key is one word" : "a pair key is two words");
    }
    if (line[0] == 'w') {
      model.Add(key, static_cast<std::uint32_t>(count));
    } else {
      model.AddPair(key, static_cast<std::uint32_t>(count));
    }
  }
  return model;
}

Result<WordPairModel> WordPairModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(path +
                            ": the word-pair model of OCR post-correction is missing");
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": read error");
  return Parse(s.str(), path);
}

}  // namespace thads::ocr
