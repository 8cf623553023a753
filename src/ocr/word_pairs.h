// The word-pair model of post-correction: how often each word and each pair of
// neighbouring words occurs in Vietnamese legal text. Built from texts by
// scripts/build-word-pairs.sh into data/ocr/word_pairs.tsv and read at run
// time. Words are keyed lower case with the tone mark placed by one rule
// (WordKey), so "Hoà" and "hòa" count as one; numbers count as "#".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"

namespace thads::ocr {

// The key of a word as the model counts it: the word without the punctuation
// around it, lower case, tone placed by text::ToneKey; "#" when it holds a
// digit; "" when nothing is left (punctuation only). Valid UTF-8 in.
std::string WordKey(std::string_view word);

// DataDir() + "/ocr/word_pairs.tsv".
std::string DefaultWordPairsPath();

// Not thread-safe while being built; const use is.
class WordPairModel {
 public:
  // Counts every word and every pair of consecutive words of NFC UTF-8 text
  // (punctuation-only tokens are skipped).
  void AddText(std::string_view text);

  std::uint32_t Count(const std::string& key) const;
  std::uint32_t PairCount(const std::string& first_key,
                          const std::string& second_key) const;
  std::uint64_t total() const { return total_; }
  std::size_t vocabulary() const { return words_.size(); }

  // The data file: comment lines, then "w\tKEY\tCOUNT" and "p\tKEY KEY\tCOUNT",
  // sorted, so equal texts give equal files.
  std::string Serialize() const;
  // `what` names the data in errors ("word_pairs.tsv: line 12: ...").
  static Result<WordPairModel> Parse(std::string_view data, std::string_view what);
  static Result<WordPairModel> Load(const std::string& path);

 private:
  void Add(const std::string& key, std::uint32_t n);
  void AddPair(const std::string& pair, std::uint32_t n);

  std::unordered_map<std::string, std::uint32_t> words_;
  std::unordered_map<std::string, std::uint32_t> pairs_;  // "first second"
  std::uint64_t total_ = 0;
};

}  // namespace thads::ocr
