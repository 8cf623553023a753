// The text of a judgment prepared for reading (internal to src/extract): lines
// split (form feed = new page), page numbers and repeated page headers and
// footers dropped, lines joined with hyphenation undone, and a folded "key" with
// one byte per kept code point, so rules match "QUYẾT ĐỊNH", "Quyết định" and
// "QUYET DINH" alike while every match maps back to the original bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/judgment.h"

namespace thads::extract {

// One line of the prepared text: key[begin, end), no '\n' inside.
struct KeyLine {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class PreparedText {
 public:
  // Precondition: `nfc_text` is valid NFC UTF-8 and outlives this object.
  // Linear in the size of the text.
  explicit PreparedText(std::string_view nfc_text);

  // One byte per kept code point: a-z and 0-9 without marks (đ -> d), ASCII
  // punctuation as is (dashes '-', quotes '"'), ' ' between words (and for a dot
  // between two letters), '\n' between lines, '#' for any other symbol or letter.
  const std::string& key() const { return key_; }
  std::size_t size() const { return key_.size(); }
  const std::vector<KeyLine>& lines() const { return lines_; }

  // What the original code point behind key[i] was. Precondition: i < size().
  bool IsUpper(std::size_t i) const { return (flags_[i] & kUpper) != 0; }
  bool HasMarks(std::size_t i) const { return (flags_[i] & kMarks) != 0; }

  // The original text of key[begin, end): NFC, every run of spaces or line breaks
  // as one space, trimmed.
  std::string Display(std::size_t begin, std::size_t end) const;
  // Byte offsets into the original text (and the page) of key[begin, end).
  model::SourceSpan Span(std::size_t begin, std::size_t end) const;

  std::size_t lines_dropped() const { return lines_dropped_; }
  // Specks dropped before a line's first word (". Võ Thị", ": NỘI DUNG").
  std::size_t debris_dropped() const { return debris_dropped_; }
  // Dots between two letters read as the space they stand for ("thị.xã").
  std::size_t dots_as_spaces() const { return dots_as_spaces_; }

 private:
  static constexpr std::uint8_t kUpper = 1;
  static constexpr std::uint8_t kMarks = 2;

  void Append(char key_char, std::size_t orig, std::size_t len, std::uint8_t flags);

  std::string_view text_;
  std::string key_;
  std::vector<std::uint32_t> orig_;  // original byte offset of key_[i]
  std::vector<std::uint8_t> len_;    // original byte length behind key_[i]
  std::vector<std::uint8_t> flags_;
  std::vector<KeyLine> lines_;
  std::vector<std::size_t> page_starts_;  // original offsets where pages 2.. begin
  std::size_t lines_dropped_ = 0;
  std::size_t debris_dropped_ = 0;
  std::size_t dots_as_spaces_ = 0;
};

// Scanning helpers over a key (all bounds-checked; `to` is clamped to key size).
bool IsWordByte(char c);   // a-z, 0-9, '#'
bool IsSpaceByte(char c);  // ' ' or '\n'
// What OCR makes of specks, smudges and rules: ` ' " _ | ~ ^ = (never a word's part).
bool IsSpeckByte(char c);
// True when `phrase` (folded, single spaces) starts at `pos` and ends before
// `to` at a word boundary; a space in `phrase` matches one ' ' or '\n'. Sets *end.
bool PhraseAt(std::string_view key, std::string_view phrase, std::size_t pos,
              std::size_t to, std::size_t* end = nullptr);
// First word-bounded occurrence of `phrase` in key[from, to), or npos.
std::size_t FindPhrase(std::string_view key, std::string_view phrase, std::size_t from,
                       std::size_t to);
std::size_t SkipSpaces(std::string_view key, std::size_t pos, std::size_t to);

}  // namespace thads::extract
