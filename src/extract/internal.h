// The readers behind Extract() (internal to src/extract). Each reads one part of a
// PreparedText into the result and adds warnings; none throws or asserts on input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/prepared_text.h"
#include "model/judgment.h"

namespace thads::extract {

inline constexpr std::size_t kNpos = std::string_view::npos;

// Where the parts of a judgment are, as key ranges.
struct Sections {
  std::size_t header_end = 0;      // the header block is key[0, header_end)
  std::size_t parties_begin = 0;   // the parties are listed in [parties_begin, parties_end)
  std::size_t parties_end = 0;
  std::size_t operative_begin = kNpos;  // QUYẾT ĐỊNH / Tuyên xử, kNpos when absent
  std::size_t operative_end = 0;
  bool operative_guessed = false;  // no heading was read: where it starts is a guess
};

Sections FindSections(const PreparedText& text);

// Court, number, date, kind, level, case type, subject; warnings when the court's
// name was respelled or completed from the other places it is named.
void ReadHeader(const PreparedText& text, const Sections& sections,
                model::ExtractionResult& result);

// Every party with its role, from the parties block.
void ReadParties(const PreparedText& text, const Sections& sections,
                 model::ExtractionResult& result);

// Parties' names read through OCR: each respelled, word by word, the way most of
// the places it is written in the document spell it, then family names and the
// fixed words of organizations' names in their one spelling ("name_respelled").
void RespellPartiesByMajority(const PreparedText& text, const Sections& sections,
                              model::ExtractionResult& result);
// The spelling of `name` most of its places in the text agree on, word by word
// (same folded key; ties keep `name`), or nullopt when it is `name` itself.
// `places` is set to how many places were counted. Linear in the text.
std::optional<std::string> MajoritySpelling(const PreparedText& text, std::string_view name,
                                            int* places);

// `name` with a known family name (a person) or the fixed words of an
// organization's name ("Cổ phần", "Thương mại") in their one spelling, the case
// kept. A name written without any marks is left as it is.
std::string WithFixedWords(std::string_view name, model::PartyKind kind);

// True when the folded word is a common family name ("nguyen", "do", "la").
bool IsFamilyNameKey(std::string_view folded);

// Every obligation of the operative part, with warnings.
void ReadObligations(const PreparedText& text, const Sections& sections,
                     model::ExtractionResult& result);

// An enforcement office named in a clause (cơ quan thi hành án dân sự).
struct Office {
  std::string name;       // the fixed words in their one spelling, the place by majority
  std::size_t begin = 0;  // key range as written
  std::size_t end = 0;
  std::optional<std::string> written;  // what the text says, when `name` differs from it
};
// The office key[from, to) names: the last one with its place ("… của Chi cục Thi
// hành án dân sự huyện X"). The phrase may have two letters misread.
std::optional<Office> FindOffice(const PreparedText& text, std::size_t from, std::size_t to);

// ---- Shared helpers -------------------------------------------------------

// An amount of money as written: digits, currency, and the words in brackets.
struct Amount {
  std::size_t begin = 0;       // key index of the first digit
  std::size_t end = 0;         // past the currency or the closing bracket
  std::size_t digits_end = 0;  // past the digits and currency
  std::optional<std::int64_t> value;  // what the amount is taken to be
  std::optional<std::string> words;   // the words as written, brackets removed
  bool monthly = false;               // "2.000.000 đồng/tháng"
  std::optional<model::Warning> warning;  // mismatch or a doubtful reading
};

// Every amount in key[from, to), in order. Linear in to - from.
std::vector<Amount> FindAmounts(const PreparedText& text, std::size_t from, std::size_t to);

// "Ngân hàng", "Công ty", ... at key[pos]: the length of the keyword, 0 when none.
std::size_t OrganizationKeywordAt(const PreparedText& text, std::size_t pos, std::size_t to);

// A person's name at key[pos] (titles already skipped): capitalized words, up to
// a stop word or punctuation. Returns the end, or pos when there is no name.
std::size_t PersonNameEnd(const PreparedText& text, std::size_t pos, std::size_t to);
// An organization's name at key[pos]: up to ',', ';', '(' or an address keyword.
std::size_t OrganizationNameEnd(const PreparedText& text, std::size_t pos, std::size_t to);
// The title Ông/Bà/Anh/Chị (and "cụ", "ông bà") at key[pos]: the position after it
// and its spaces, or pos when there is none.
std::size_t SkipTitle(const PreparedText& text, std::size_t pos, std::size_t to);
// Displayed text without OCR debris: tokens of specks or dots alone dropped, a '.'
// between a small letter and a capital read as a space ("Nguyễn.Thị . Minh"); in
// a person's name also dashes, dots, colons glued to a word ("Phan -Văn", "Lã."),
// in a place specks glued to a word ("Châu \"Thành").
enum class DebrisIn { kPersonName, kPlace, kOther };
std::string WithoutDebris(std::string_view shown, DebrisIn where);
// The name as it should be reported: NFC, all-caps names title-cased.
std::string CleanName(const PreparedText& text, std::size_t begin, std::size_t end);

// Folded comparison key of a name: fold, single spaces.
std::string NameKey(std::string_view name);
// A masked name ("nguyen van h", "tran thi l1"): masked names differ from each
// other by a letter, so they are never matched by distance.
bool HasMaskedWord(std::string_view name_key);

// ---- Approximate matching (fuzzy.cc) --------------------------------------

// The Levenshtein distance of `a` and `b` (bytes of a folded key) when it is at
// most `limit`, else limit + 1. O(size * limit).
std::size_t BoundedEditDistance(std::string_view a, std::string_view b, std::size_t limit);
// The key without spaces or line breaks ("quy et dinh" -> "quyetdinh").
std::string Squeezed(std::string_view key);

struct KeyRange {
  std::size_t begin = kNpos;  // kNpos: nothing found
  std::size_t end = 0;
};
// The first place in key[from, to) where `phrase` (folded, single spaces) is
// written with at most `limit` letters wrong, spaces ignored ("thi hanh an dan
// sv", "thihanh an dan su"). Linear in to - from for a fixed phrase.
KeyRange FindApproxPhrase(std::string_view key, std::string_view phrase, std::size_t from,
                          std::size_t to, std::size_t limit);

}  // namespace thads::extract
