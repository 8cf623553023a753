// Vietnamese post-correction of recognized words (hậu kiểm chính tả sau OCR):
// a word that is not a Vietnamese syllable, holds a letter Vietnamese never
// uses, or was read with low confidence is replaced by the variant that the
// syllable rules, the lexicon (hunspell-vi plus the project's word-pair data)
// and its neighbours make most likely; digits misread as letters in numbers and
// document symbols are repaired, and an amount in digits is checked against
// the same amount in words. Every change is reported. docs/ocr.md has the
// figures.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ocr/engine.h"

namespace thads::ocr {

// One change, for the report and the sidecar.
struct Correction {
  int word = 0;               // index into OcrPage::words (of the corrected page)
  std::string before, after;  // NFC UTF-8; a merge lists both words: "QH I1" -> "QH11"
  // "syllable"        marks of a word that is no Vietnamese syllable or no word
  // "context"         marks of a word its neighbours make unlikely
  // "foreign_char"    a letter Vietnamese never uses (ö, ï, €, Ð)
  // "noise"           specks read as punctuation stuck to a word ("_tích")
  // "digit_confusion" I, l, |, O read for 1 and 0 inside a number
  // "symbol"          the same inside a document symbol (QH11, 123/HĐ-NN)
  // "amount_digits", "amount_words"  an amount made to agree with its other form
  std::string reason;
};

struct PostCorrectOptions {
  bool enabled = true;  // false: Correct() changes nothing and reports nothing
  // A valid, known word gives way to a respelling its neighbours prefer only
  // when that is more likely by a factor of e^(keep_per_confidence * confidence
  // / 100) (confidence 0..100, the engine's) and seen beside a neighbour in the
  // word-pair data: the more confident the engine, the stronger the evidence
  // needed. A negative value leaves valid words alone.
  double keep_per_confidence = 7.0;
  // hunspell-vi's files without ".aff"/".dic"; empty: the system's
  // (/usr/share/hunspell/vi_VN, package hunspell-vi).
  std::string hunspell_dictionary;
  // The word-pair model (data/ocr/word_pairs.tsv, scripts/build-word-pairs.sh);
  // empty: DataDir() + "/ocr/word_pairs.tsv".
  std::string word_pairs_path;
};

class PostCorrector {
 public:
  // Loads the lexicon and the word-pair model; errors name the missing file.
  static Result<std::unique_ptr<PostCorrector>> Create(const PostCorrectOptions& options);
  ~PostCorrector();
  PostCorrector(const PostCorrector&) = delete;
  PostCorrector& operator=(const PostCorrector&) = delete;

  // Corrects page.words[i].text in place and returns what it changed, in word
  // order. Boxes, confidences and lines stay; the only change to the word list
  // is a merge of a document symbol split by the engine ("QH" "I1" -> "QH11"),
  // whose box becomes the union of both. Const and thread-safe: one instance
  // serves every worker (hunspell is consulted only inside Create).
  std::vector<Correction> Correct(OcrPage& page) const;

 private:
  struct Impl;
  explicit PostCorrector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace thads::ocr
