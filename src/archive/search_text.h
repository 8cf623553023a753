// Private to src/archive: how text becomes search terms, shared by both backends so
// that SQLite and PostgreSQL index and query the same tokens. Folding is the text
// core's (text::FoldForSearch for matching, text::ToneKey for exact accents), applied
// the same way to what is indexed and to what a clerk types.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace thads::archive {

// A word of a text: bytes [start, end). Words are runs of ASCII letters and digits
// and of non-ASCII characters other than punctuation and spaces.
struct Word {
  std::size_t start = 0;
  std::size_t end = 0;
};
// Input: valid UTF-8.
std::vector<Word> SplitWords(std::string_view text);

// The terms of one case's searchable text, as space-separated tokens.
struct IndexTerms {
  std::vector<std::string> meta;    // folded words of the metadata (names, court, number)
  std::vector<std::string> body;    // folded words of the source texts
  std::vector<std::string> meta_pairs;  // adjacent folded words joined: "nguyen_van"
  std::vector<std::string> body_pairs;
  // Lower-case ToneKey words of the metadata (names, court, number, subject,
  // addresses): what "exact accents first" ranks by. The body's accents are not
  // indexed; they cost 13% of the insert CPU time (docs/archive.md).
  std::vector<std::string> accent;
};
// Inputs: NFC UTF-8.
IndexTerms BuildIndexTerms(std::string_view meta, std::string_view body);

// Space-joined tokens (what the FTS5 "ascii" tokenizer splits back).
std::string JoinTerms(const std::vector<std::string>& terms);

// A clerk's query as terms. Any bytes are accepted: quotes, *, NEAR, parentheses and
// SQL are words or separators like any other text.
struct ParsedQuery {
  std::vector<std::string> folded;  // "nguyen", "van", "an"
  std::vector<std::string> accent;  // "nguyễn", "văn", "ấn"
  bool has_marks = false;           // accent differs from folded: rank exact first
  bool empty() const { return folded.empty(); }
};
inline constexpr std::size_t kMaxQueryBytes = 1000;
inline constexpr std::size_t kMaxQueryWords = 32;
// Invalid for invalid UTF-8 or a query over the limits, naming which.
Result<ParsedQuery> ParseQuery(std::string_view query);

// Adjacent folded words joined with "_": the terms a multi-word query looks up.
std::vector<std::string> QueryPairs(const ParsedQuery& query);

// FTS5 MATCH expressions over the columns meta, body, meta_pairs, body_pairs,
// accent: one word is looked up as a word, several as a phrase of their pairs (rare
// pairs make common words cheap). Terms are quoted; they never contain '"'.
// Precondition: !query.empty().
std::string Fts5MatchExpression(const ParsedQuery& query);
std::string Fts5ExactExpression(const ParsedQuery& query);

// What the index answers for `terms`, decided in C++ (for cases committed but not
// indexed yet): one word anywhere in the metadata or the body, several as a phrase
// within one of them; `exact` (when given) says whether the metadata holds the
// query's accents as a phrase too. Precondition: !query.empty().
bool TermsMatch(const IndexTerms& terms, const ParsedQuery& query, bool* exact = nullptr);

// PostgreSQL: a phrase tsquery literal.
std::string TsPhraseQuery(const std::vector<std::string>& terms);
// PostgreSQL: a tsvector with positions (`first` weighted A, a gap before `second`,
// so no phrase spans the two) in the server's binary form (tsvectorrecv: lexemes in
// byte order, each with its positions), which it stores without parsing text.
std::string TsVectorBinary(const std::vector<std::string>& first,
                           const std::vector<std::string>& second = {});
// Every term anywhere: what a GIN index answers without reading the rows.
std::string TsAllQuery(const std::vector<std::string>& terms);

// Up to ~30 words of `text` around the first match of the query (an exact-accent
// match preferred), the matched words in [brackets], cut ends marked "…". The text
// stays as written (accents, case). Empty query: the first words. `matched` (when
// given) says whether the query was found. Input: valid UTF-8.
std::string MakeSnippet(std::string_view text, const ParsedQuery& query, bool* matched = nullptr);

}  // namespace thads::archive
