#include "archive/search_text.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::archive {
namespace {

// Decodes the code point at `i` of valid UTF-8 and advances `i`.
char32_t Next(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (i + static_cast<std::size_t>(len) > s.size()) len = 1;  // defensive
  char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
  }
  i += static_cast<std::size_t>(len);
  return c;
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  if (c >= 0x80 && c <= 0xBF) return false;     // Latin-1 controls, punctuation, signs
  if (c == 0xD7 || c == 0xF7) return false;     // × ÷
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, boxes
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE10 && c <= 0xFE6F) return false;  // vertical and small forms
  if (c >= 0xFF00 && c <= 0xFF0F) return false;  // fullwidth punctuation
  if (c == 0xFEFF || c == 0xFFFD) return false;
  return true;
}

// Longer "words" are OCR noise or data; PostgreSQL refuses lexemes over 2 KB.
constexpr std::size_t kMaxWordBytes = 100;
// A text's first words are indexed (a tsvector holds at most 1 MB).
constexpr std::size_t kMaxIndexedWords = 50000;

// A word's two search keys. Words repeat (Vietnamese has a few thousand syllables),
// so they are computed once per process and kept.
struct WordKeys {
  std::string folded;  // text::FoldForSearch
  std::string accent;  // text::ToneKey, lower case
};

const WordKeys& KeysOf(std::string_view word) {
  thread_local std::unordered_map<std::string, WordKeys> cache;
  const std::string key(word);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  if (cache.size() >= 200000) cache.clear();
  WordKeys k{text::FoldForSearch(word), text::ToLowerVi(text::ToneKey(word))};
  return cache.emplace(key, std::move(k)).first->second;
}

// The folded and the accented words of a text, word for word (the same count).
void WordsOf(std::string_view text, std::vector<std::string>& folded,
             std::vector<std::string>& accent) {
  for (const Word& w : SplitWords(text)) {
    if (w.end - w.start > kMaxWordBytes) continue;
    if (folded.size() == kMaxIndexedWords) break;
    const WordKeys& k = KeysOf(text.substr(w.start, w.end - w.start));
    if (k.folded.empty()) continue;  // nothing but marks
    folded.push_back(k.folded);
    accent.push_back(k.accent);
  }
}

void AppendPairs(const std::vector<std::string>& words, std::vector<std::string>& out) {
  for (std::size_t i = 0; i + 1 < words.size(); ++i) out.push_back(words[i] + "_" + words[i + 1]);
}

std::string Quoted(const std::vector<std::string>& terms) {
  std::string out = "\"";
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (i > 0) out += ' ';
    out += terms[i];  // never holds '"': SplitWords makes it a separator
  }
  return out + "\"";
}

// Quoted terms joined by a tsquery operator. Terms hold no quote or backslash.
std::string TsJoin(const std::vector<std::string>& terms, const char* op) {
  std::string out;
  for (const std::string& t : terms) {
    if (!out.empty()) out += op;
    out += '\'' + t + '\'';
  }
  return out;
}

}  // namespace

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> out;
  std::size_t i = 0;
  bool in_word = false;
  std::size_t start = 0;
  while (i < text.size()) {
    const std::size_t at = i;
    const char32_t c = Next(text, i);
    const bool word = IsWordChar(c);
    if (word && !in_word) start = at;
    if (!word && in_word) out.push_back({start, at});
    in_word = word;
  }
  if (in_word) out.push_back({start, text.size()});
  return out;
}

IndexTerms BuildIndexTerms(std::string_view meta, std::string_view body) {
  IndexTerms t;
  WordsOf(meta, t.meta, t.accent);
  std::vector<std::string> body_accent;  // not indexed: see IndexTerms::accent
  WordsOf(body, t.body, body_accent);
  AppendPairs(t.meta, t.meta_pairs);
  AppendPairs(t.body, t.body_pairs);
  return t;
}

std::string JoinTerms(const std::vector<std::string>& terms) {
  std::string out;
  std::size_t size = 0;
  for (const std::string& t : terms) size += t.size() + 1;
  out.reserve(size);
  for (const std::string& t : terms) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

Result<ParsedQuery> ParseQuery(std::string_view query) {
  if (query.size() > kMaxQueryBytes) {
    return Status::Invalid("query: " + std::to_string(query.size()) + " bytes is longer than " +
                           std::to_string(kMaxQueryBytes));
  }
  Result<std::string> clean = text::CleanText(query, "query");
  if (!clean.ok()) return clean.status();
  ParsedQuery q;
  WordsOf(*clean, q.folded, q.accent);
  if (q.folded.size() > kMaxQueryWords) {
    return Status::Invalid("query: " + std::to_string(q.folded.size()) + " words, at most " +
                           std::to_string(kMaxQueryWords) + " are searched");
  }
  q.has_marks = q.accent != q.folded;
  return q;
}

std::vector<std::string> QueryPairs(const ParsedQuery& query) {
  std::vector<std::string> pairs;
  AppendPairs(query.folded, pairs);
  return pairs;
}

std::string Fts5MatchExpression(const ParsedQuery& query) {
  if (query.folded.size() == 1) return "{meta body} : " + Quoted(query.folded);
  return "{meta_pairs body_pairs} : " + Quoted(QueryPairs(query));
}

std::string Fts5ExactExpression(const ParsedQuery& query) {
  return "(" + Fts5MatchExpression(query) + ") AND (accent : " + Quoted(query.accent) + ")";
}

namespace {

bool HasPhrase(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  return std::search(words.begin(), words.end(), phrase.begin(), phrase.end()) != words.end();
}

}  // namespace

bool TermsMatch(const IndexTerms& terms, const ParsedQuery& query, bool* exact) {
  const bool match = HasPhrase(terms.meta, query.folded) || HasPhrase(terms.body, query.folded);
  if (exact != nullptr) *exact = match && query.has_marks && HasPhrase(terms.accent, query.accent);
  return match;
}

std::string TsVectorBinary(const std::vector<std::string>& first,
                           const std::vector<std::string>& second) {
  // As the text form reads: positions over 16383 become 16383 (one entry, weight A
  // if any was), at most 256 per lexeme, weight A in the top two bits.
  constexpr std::uint16_t kLastPosition = 16383, kWeightA = 3u << 14;
  constexpr std::size_t kMaxPositions = 256;
  // Hashed while adding, sorted once at the end: the server wants them in order.
  std::unordered_map<std::string_view, std::vector<std::uint16_t>> lexemes;
  lexemes.reserve(first.size() + second.size());
  int position = 1;
  auto add = [&](const std::vector<std::string>& terms, std::uint16_t weight) {
    for (const std::string& t : terms) {
      const auto at = static_cast<std::uint16_t>(std::min<int>(position++, kLastPosition));
      std::vector<std::uint16_t>& p = lexemes[t];
      if (!p.empty() && (p.back() & kLastPosition) == at) {
        p.back() |= weight;
      } else if (p.size() < kMaxPositions) {
        p.push_back(static_cast<std::uint16_t>(at | weight));
      }
    }
  };
  add(first, kWeightA);
  position += 1;
  add(second, 0);
  std::string out;
  auto put16 = [&](std::uint16_t v) {
    out += static_cast<char>(v >> 8);
    out += static_cast<char>(v & 0xFF);
  };
  std::vector<std::pair<std::string_view, const std::vector<std::uint16_t>*>> sorted;
  sorted.reserve(lexemes.size());
  std::size_t bytes = 4;
  for (const auto& [lexeme, positions] : lexemes) {
    sorted.emplace_back(lexeme, &positions);
    bytes += lexeme.size() + 3 + 2 * positions.size();
  }
  std::sort(sorted.begin(), sorted.end());
  out.reserve(bytes);
  const auto n = static_cast<std::uint32_t>(sorted.size());
  put16(static_cast<std::uint16_t>(n >> 16));
  put16(static_cast<std::uint16_t>(n & 0xFFFF));
  for (const auto& [lexeme, of_lexeme] : sorted) {
    const std::vector<std::uint16_t>& positions = *of_lexeme;
    out += lexeme;
    out += '\0';
    put16(static_cast<std::uint16_t>(positions.size()));
    for (std::uint16_t p : positions) put16(p);
  }
  return out;
}

std::string TsAllQuery(const std::vector<std::string>& terms) { return TsJoin(terms, " & "); }

std::string TsPhraseQuery(const std::vector<std::string>& terms) { return TsJoin(terms, " <-> "); }

std::string MakeSnippet(std::string_view text, const ParsedQuery& query, bool* matched_out) {
  constexpr std::size_t kBefore = 10;
  constexpr std::size_t kWords = 30;
  const std::vector<Word> words = SplitWords(text);
  if (matched_out != nullptr) *matched_out = false;
  if (words.empty()) return "";
  std::vector<std::string> folded;
  folded.reserve(words.size());
  for (const Word& w : words) folded.push_back(KeysOf(text.substr(w.start, w.end - w.start)).folded);

  const std::size_t n = query.folded.size();
  std::size_t hit = words.size();
  bool exact_found = false;
  if (n > 0 && n <= words.size()) {
    for (std::size_t i = 0; i + n <= words.size() && !exact_found; ++i) {
      if (!std::equal(query.folded.begin(), query.folded.end(), folded.begin() + static_cast<std::ptrdiff_t>(i))) {
        continue;
      }
      if (hit == words.size()) hit = i;
      if (query.has_marks) {
        bool exact = true;
        for (std::size_t k = 0; k < n && exact; ++k) {
          const Word& w = words[i + k];
          exact = KeysOf(text.substr(w.start, w.end - w.start)).accent == query.accent[k];
        }
        if (exact) {
          hit = i;
          exact_found = true;
        }
      } else {
        break;
      }
    }
  }
  const bool matched = hit < words.size();
  if (matched_out != nullptr) *matched_out = matched;
  const std::size_t first = matched ? (hit > kBefore ? hit - kBefore : 0) : 0;
  const std::size_t last = std::min(words.size(), first + std::max(kWords, (matched ? hit - first + n : 0) + 5));

  auto flat = [](std::string_view s) {
    std::string out;
    for (char c : s) {
      const bool space = c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == ' ';
      if (!space) {
        out += c;
      } else if (out.empty() || out.back() != ' ') {
        out += ' ';
      }
    }
    return out;
  };
  std::string out = first > 0 ? "…" : "";
  std::size_t pos = words[first].start;
  if (matched) {
    const std::size_t a = words[hit].start;
    const std::size_t b = words[hit + n - 1].end;
    out += flat(text.substr(pos, a - pos)) + "[" + flat(text.substr(a, b - a)) + "]";
    pos = b;
  }
  const std::size_t end = words[last - 1].end;
  if (end > pos) out += flat(text.substr(pos, end - pos));
  if (last < words.size()) out += "…";
  return out;
}

}  // namespace thads::archive
