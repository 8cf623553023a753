// The header block: court, number and symbol, date, subject, and what the symbol
// says about the document (kind, level, case type).
#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "extract/internal.h"
#include "text/dates.h"
#include "text/names.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::extract {
namespace {

constexpr std::size_t kMaxCourtKey = 160;
constexpr std::size_t kMaxSubjectKey = 300;
constexpr std::size_t kDateWindow = 40;
constexpr std::size_t kCourtRepeatWindow = 3000;  // where the court is named again

// Words that end the court's name in a flattened two-column header.
constexpr std::array<std::string_view, 9> kCourtStops = {
    "cong hoa", "doc lap", "so", "ban an", "quyet dinh", "ngay", "v/v", "ve viec",
    "nhan danh"};

// Administrative units that start a part of the court's name, in the key.
constexpr std::array<std::string_view, 10> kUnits = {
    "thanh pho", "thi xa", "khu vuc", "cap cao", "toi cao", "huyen", "tinh", "quan",
    "tp", "thi tran"};

bool IsUnitAt(const PreparedText& text, std::size_t pos, std::size_t to, std::size_t* end) {
  const std::string& key = text.key();
  for (std::string_view u : kUnits) {
    if (!PhraseAt(key, u, pos, to, end)) continue;
    // "QUAN HÓA" is a district's name; "QUẬN" is the unit: trust "quan" only
    // when written with its mark (or in a heading that has no marks at all).
    if (u == "quan" && !(text.HasMarks(pos + 2) || text.HasMarks(pos + 1))) return false;
    return true;
  }
  return false;
}

std::string Capitalize(std::string s) {
  const std::u32string u = text::DecodeUtf8(s);
  if (u.empty()) return s;
  return text::ToUpperVi(text::EncodeUtf8(u.substr(0, 1))) + text::EncodeUtf8(u.substr(1));
}

bool HasLowercase(const PreparedText& text, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    const char c = text.key()[i];
    if (c >= 'a' && c <= 'z' && !text.IsUpper(i)) return true;
  }
  return false;
}

using Range = std::pair<std::size_t, std::size_t>;

// Splits key[begin, end) at separators and before units in the middle of a part.
void SplitCourtParts(const PreparedText& text, std::size_t begin, std::size_t end,
                     std::vector<Range>& parts) {
  const std::string& key = text.key();
  std::size_t part_begin = begin;
  std::size_t i = begin;
  while (i < end) {
    const char c = key[i];
    if (c == ',' || c == '-' || c == '\n') {
      parts.push_back({part_begin, i});
      part_begin = ++i;
      continue;
    }
    std::size_t unit_end = 0;
    if (IsSpaceByte(c) && i + 1 < end && i > part_begin && IsUnitAt(text, i + 1, end, &unit_end)) {
      // A unit inside a part starts a new part, unless the part so far is only
      // another unit ("KHU VỰC" then "THÀNH PHỐ" is not a split).
      std::size_t prev_unit_end = 0;
      const std::size_t pb = SkipSpaces(key, part_begin, end);
      const bool only_unit = IsUnitAt(text, pb, end, &prev_unit_end) &&
                             SkipSpaces(key, prev_unit_end, end) >= i;
      if (!only_unit) {
        parts.push_back({part_begin, i});
        part_begin = i + 1;
      }
    }
    ++i;
  }
  parts.push_back({part_begin, end});
}

// The end of the court's words in key[from, to): before a stop word or bracket.
std::size_t CourtWordsEnd(const std::string& key, std::size_t from, std::size_t to) {
  std::size_t end = from;
  for (std::size_t i = from; i < to; ++i) {
    const char c = key[i];
    if (c == '(' || c == ':' || c == ';') break;
    if (i == from || !IsWordByte(key[i - 1])) {
      bool stop = false;
      for (std::string_view s : kCourtStops) stop = stop || PhraseAt(key, s, i, to);
      if (stop) break;
    }
    if (IsWordByte(c)) end = i + 1;
  }
  return end;
}

// A court's name as read at one place: "TÒA ÁN NHÂN DÂN" and its parts ("HUYỆN
// ĐẦM DƠI", "TỈNH CÀ MAU").
struct CourtReading {
  std::size_t begin = 0;       // "tòa án nhân dân"
  std::size_t prefix_end = 0;
  std::vector<Range> parts;    // trimmed, never empty
  bool mixed = false;          // written in mixed case: kept as written
};

// A part without what OCR adds around it: spaces, dots, specks, a letter alone in
// small letters or a symbol behind ("ĐẦM DƠI l", "SƠN LA ũ"); a masked name ("C")
// is a capital.
Range TrimPart(const PreparedText& text, Range r) {
  const std::string& key = text.key();
  auto [b, e] = r;
  while (true) {
    b = SkipSpaces(key, b, e);
    while (e > b && (IsSpaceByte(key[e - 1]) || key[e - 1] == '.' || IsSpeckByte(key[e - 1]))) --e;
    if (e - b >= 3 && key[e - 2] == ' ' && (key[e - 1] == '#' || !text.IsUpper(e - 1))) {
      e -= 2;
      continue;
    }
    return {b, e};
  }
}

std::optional<CourtReading> ReadCourtAt(const PreparedText& text, std::size_t at, std::size_t to,
                                        bool continuation_lines) {
  const std::string& key = text.key();
  const auto& lines = text.lines();
  std::size_t li = 0;
  while (li < lines.size() && lines[li].end < at) ++li;
  if (li == lines.size()) return std::nullopt;
  std::vector<Range> ranges;
  const std::size_t first_end = std::min(lines[li].end, at + kMaxCourtKey);
  ranges.push_back({at, CourtWordsEnd(key, at + 15, first_end)});
  // Following header lines that start with a unit continue the name; the other
  // column's lines (national motto, rules) in between are skipped. OCR specks, or
  // a speck read as a letter, may come first ("l THANH PHO HO CHI MINH").
  constexpr std::size_t kLookahead = 6;
  for (std::size_t k = li + 1; continuation_lines && k < lines.size() && k <= li + kLookahead; ++k) {
    std::size_t b = lines[k].begin;
    const std::size_t e = std::min(lines[k].end, to);
    if (b >= e) break;
    while (b < e && (key[b] == ' ' || key[b] == '-' || key[b] == ',' || key[b] == '.' ||
                     key[b] == ':' || IsSpeckByte(key[b]))) {
      ++b;
    }
    std::size_t unit_end = 0;
    if (b + 2 < e && key[b + 1] == ' ' && !text.IsUpper(b) && IsUnitAt(text, b + 2, e, &unit_end)) {
      b += 2;
    }
    if (b < e && IsUnitAt(text, b, e, &unit_end)) {
      ranges.push_back({b, CourtWordsEnd(key, b, e)});
      continue;
    }
    const bool other_column = b == e || key[b] == '_' || key[b] == '*' || key[b] == '=' ||
                              PhraseAt(key, "cong hoa", b, e) || PhraseAt(key, "doc lap", b, e);
    if (!other_column) break;
  }
  CourtReading court;
  court.begin = at;
  court.prefix_end = at;
  PhraseAt(key, "toa an nhan dan", ranges[0].first, ranges[0].second, &court.prefix_end);
  std::vector<Range> parts;
  SplitCourtParts(text, court.prefix_end, ranges[0].second, parts);
  for (std::size_t r = 1; r < ranges.size(); ++r) {
    SplitCourtParts(text, ranges[r].first, ranges[r].second, parts);
  }
  for (Range part : parts) {
    part = TrimPart(text, part);
    if (part.first >= part.second) continue;
    court.mixed = court.mixed || HasLowercase(text, part.first, part.second);
    court.parts.push_back(part);
  }
  court.mixed = court.mixed || HasLowercase(text, at, court.prefix_end);
  return court;
}

// "HUYỆN ĐẦM DƠI" -> "huyện Đầm Dơi": the unit in small letters, the name
// title-cased; in mixed case as written.
std::string FormatPart(const PreparedText& text, Range part, bool mixed) {
  auto [b, e] = part;
  std::string piece;
  std::size_t unit_end = 0;
  if (mixed) {
    piece = WithoutDebris(text.Display(b, e), DebrisIn::kPlace);
  } else if (IsUnitAt(text, b, e, &unit_end)) {
    piece = text::ToLowerVi(text.Display(b, unit_end));
    const std::string rest = WithoutDebris(text.Display(unit_end, e), DebrisIn::kPlace);
    if (!rest.empty()) piece += " " + text::TitleCaseName(rest);
  } else {
    piece = text::TitleCaseName(WithoutDebris(text.Display(b, e), DebrisIn::kPlace));
  }
  const std::size_t at = piece.find(" Tại ");
  if (at != std::string::npos) piece.replace(at, 5, " tại ");
  return piece;
}

// A court part's key as compared: folded words, single spaces ("LÂM.ĐỒNG" is
// "lam dong").
std::string PartKey(const PreparedText& text, Range part) {
  std::string k;
  for (std::size_t i = part.first; i < part.second; ++i) {
    const char c = text.key()[i];
    if (IsWordByte(c) && c != '#') {
      k += c;
    } else if (!k.empty() && k.back() != ' ') {
      k += ' ';
    }
  }
  while (!k.empty() && k.back() == ' ') k.pop_back();
  return k;
}

// How many times `phrase` is written in the key, word-bounded.
std::size_t CountPhrase(const std::string& key, const std::string& phrase) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = FindPhrase(key, phrase, at, key.size())) != kNpos; at += phrase.size()) {
    ++n;
  }
  return n;
}

// Two readings of one part: the same letters, one misread in a long name; a
// masked name ("huyện C") must be the same.
bool SamePart(const PreparedText& text, Range a, Range b) {
  const std::string x = Squeezed(PartKey(text, a));
  const std::string y = Squeezed(PartKey(text, b));
  const std::size_t limit = std::min(x.size(), y.size()) >= 8 ? 1 : 0;
  return BoundedEditDistance(x, y, limit) <= limit;
}

// The court of the header, "Tòa án nhân dân huyện Đầm Dơi, tỉnh Cà Mau", read
// with the other places the document names it (the line after NHÂN DANH, "tại trụ
// sở Tòa án nhân dân …"): a part OCR misread is spelled as most of them spell it
// (court_respelled), and a part the header lost is added from them
// (court_completed).
std::optional<std::string> ReadCourt(const PreparedText& text, std::size_t from, std::size_t to,
                                     std::size_t others_to,
                                     std::vector<model::Warning>& warnings) {
  const std::string& key = text.key();
  const std::size_t at = FindPhrase(key, "toa an nhan dan", from, to);
  if (at == kNpos) return std::nullopt;
  const std::optional<CourtReading> header = ReadCourtAt(text, at, to, true);
  if (!header) return std::nullopt;
  constexpr std::size_t kMaxOtherReadings = 8;
  std::vector<CourtReading> others;
  for (std::size_t p = header->prefix_end; others.size() < kMaxOtherReadings;) {
    p = FindPhrase(key, "toa an nhan dan", p, others_to);
    if (p == kNpos) break;
    if (auto other = ReadCourtAt(text, p, others_to, false)) others.push_back(std::move(*other));
    p += 15;
  }
  // Readings that agree with the header on its parts up to i.
  auto agrees = [&](const CourtReading& o, std::size_t upto) {
    if (o.parts.size() <= upto) return false;
    for (std::size_t k = 0; k <= upto; ++k) {
      if (!SamePart(text, header->parts[k], o.parts[k])) return false;
    }
    return true;
  };
  std::string out = header->mixed
                        ? text.Display(header->begin, header->prefix_end)
                        : Capitalize(text::ToLowerVi(text.Display(header->begin, header->prefix_end)));
  std::vector<std::string> respelled;
  for (std::size_t i = 0; i < header->parts.size(); ++i) {
    // Of the spellings the readings give, the one the whole document writes most
    // often ("huyện Phú Tân" in addresses and offices), the header's on a tie.
    std::map<std::string, const CourtReading*> spellings;
    spellings[PartKey(text, header->parts[i])] = &*header;
    for (const CourtReading& o : others) {
      if (agrees(o, i)) spellings.emplace(PartKey(text, o.parts[i]), &o);
    }
    const CourtReading* chosen = &*header;
    std::size_t best = 0;
    if (spellings.size() > 1) {
      best = CountPhrase(key, PartKey(text, header->parts[i]));
      for (const auto& [k, reading] : spellings) {
        const std::size_t n = CountPhrase(key, k);
        if (n > best) {
          best = n;
          chosen = reading;
        }
      }
    }
    const std::string piece = FormatPart(text, chosen->parts[i], chosen->mixed);
    if (chosen != &*header) respelled.push_back(text.Display(header->parts[i].first, header->parts[i].second) + " → " + piece);
    out += (i == 0 ? " " : ", ") + piece;
  }
  if (!respelled.empty()) {
    std::string list;
    for (const std::string& r : respelled) list += (list.empty() ? "" : "; ") + r;
    warnings.push_back({"court_respelled",
                        "the court's name was read as most places in the document write it (" +
                            list + ")",
                        text.Span(header->begin, header->parts.back().second), {}});
  }
  if (!header->parts.empty()) {
    for (const CourtReading& o : others) {
      if (o.parts.size() <= header->parts.size() || !agrees(o, header->parts.size() - 1)) continue;
      std::string added;
      for (std::size_t i = header->parts.size(); i < o.parts.size(); ++i) {
        added += ", " + FormatPart(text, o.parts[i], o.mixed);
      }
      out += added;
      warnings.push_back({"court_completed",
                          "the header names the court without '" + added.substr(2) +
                              "'; completed from '" +
                              text.Display(o.begin, o.parts.back().second) + "'",
                          text.Span(o.begin, o.parts.back().second), {}});
      break;
    }
  }
  return out;
}

// "12/2023/DS-ST" at or after `from`: digits, '/', year, '/', symbol.
struct NumberMatch {
  std::size_t begin = kNpos;
  std::size_t end = 0;
  std::size_t symbol_begin = 0;
};

NumberMatch FindNumber(const std::string& key, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (key[i] < '0' || key[i] > '9' || (i > 0 && IsWordByte(key[i - 1]))) continue;
    std::size_t p = i;
    while (p < to && key[p] >= '0' && key[p] <= '9') ++p;
    if (p - i > 6 || p >= to || key[p] != '/') continue;
    std::size_t y = ++p;
    while (p < to && key[p] >= '0' && key[p] <= '9') ++p;
    if (p - y != 4 || p >= to || key[p] != '/') continue;
    const std::size_t sym = ++p;
    std::size_t end = sym;
    while (p < to) {
      const char c = key[p];
      if ((c >= 'a' && c <= 'z') || c == '-') {
        ++p;
        if (c != '-') end = p;
      } else if (c == ' ' && p + 1 < to && (key[p + 1] == '-' || key[p - 1] == '-')) {
        ++p;  // "DS - ST" from a careless scan
      } else {
        break;
      }
    }
    if (end > sym) return {i, end, sym};
  }
  return {};
}

// The words a judgment's symbol is made of, folded (upper case, Đ as D) and as
// written: QĐ decision; case types; levels.
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kSymbolWords = {{
    {"QD", "QĐ"}, {"HNGD", "HNGĐ"}, {"KDTM", "KDTM"}, {"DS", "DS"}, {"LD", "LĐ"}, {"HC", "HC"},
    {"HS", "HS"}, {"GDT", "GĐT"}, {"ST", "ST"}, {"PT", "PT"}, {"TT", "TT"}}};

// `folded` (upper case) as symbol words written out ("QDST" -> "QĐST"), or
// nullopt when it is not made of them.
std::optional<std::string> SymbolWords(std::string_view folded) {
  std::string out;
  std::size_t i = 0;
  while (i < folded.size()) {
    bool matched = false;
    for (const auto& [k, spelling] : kSymbolWords) {
      if (folded.substr(i, k.size()) == k) {
        out += spelling;
        i += k.size();
        matched = true;
        break;
      }
    }
    if (!matched) return std::nullopt;
  }
  return out;
}

// One segment of a symbol read through OCR: as written when it is made of symbol
// words, else with a letter doubled ("QĐĐST") or one letter misread ("HNGR")
// repaired, else nullopt.
std::optional<std::string> RepairSymbolSegment(std::string_view folded) {
  if (auto ok = SymbolWords(folded)) return ok;
  std::string single;
  for (char c : folded) {
    if (single.empty() || single.back() != c) single += c;
  }
  if (auto ok = SymbolWords(single)) return ok;
  // One letter off a symbol word, or two run together.
  std::optional<std::string> found;
  int count = 0;
  auto consider = [&](const std::string& want, const std::string& spelled) {
    if (want.size() < 4 || found == spelled) return;
    if (BoundedEditDistance(folded, want, 1) <= 1) {
      found = spelled;
      ++count;
    }
  };
  for (const auto& [a, sa] : kSymbolWords) {
    consider(std::string(a), std::string(sa));
    for (const auto& [b, sb] : kSymbolWords) {
      consider(std::string(a) + std::string(b), std::string(sa) + std::string(sb));
    }
  }
  return count == 1 ? found : std::nullopt;
}

struct RepairedSymbol {
  std::string written;  // "QĐST-HNGĐ"
  std::string folded;   // "qdst-hngd"
};


// The symbol of a number read through OCR, segment by segment between '-': a
// letter doubled or misread repaired, a word run into it after the last '-'
// ("HNGĐ-ST-Ngày") dropped. nullopt when a segment cannot be read as symbol words.
std::optional<RepairedSymbol> RepairSymbol(const PreparedText& text, const NumberMatch& number) {
  const std::string& key = text.key();
  RepairedSymbol out;
  std::size_t b = number.symbol_begin;
  bool first = true;
  while (b < number.end) {
    std::size_t e = b;
    while (e < number.end && key[e] != '-') ++e;
    std::string folded;
    bool lower = false;
    for (std::size_t i = b; i < e; ++i) {
      if (key[i] >= 'a' && key[i] <= 'z') {
        folded += static_cast<char>(key[i] - 'a' + 'A');
        lower = lower || !text.IsUpper(i);
      }
    }
    const std::optional<std::string> segment = RepairSymbolSegment(folded);
    if (!segment) {
      if (!first && lower && e == number.end) break;  // "-Ngày" run in after the symbol
      return std::nullopt;
    }
    if (!first) out.written += '-';
    out.written += *segment;
    first = false;
    b = e;
    while (b < number.end && (key[b] == '-' || key[b] == ' ')) ++b;
  }
  if (out.written.empty()) return std::nullopt;
  out.folded = text::FoldForSearch(out.written);  // as ReadSymbol reads it
  return out;
}

struct SymbolInfo {
  bool decision = false;
  std::optional<model::CaseType> case_type;
  std::optional<model::CourtLevel> level;
};

// Reads "DS-ST", "QĐST-DS", "HNGĐ-PT", "KDTMPT" (folded, upper case, no '-').
SymbolInfo ReadSymbol(std::string_view folded) {
  std::string s;
  for (char c : folded) {
    if (c >= 'a' && c <= 'z') s += static_cast<char>(c - 'a' + 'A');
  }
  SymbolInfo info;
  std::size_t i = 0;
  if (s.rfind("QD", 0) == 0) {
    info.decision = true;
    i = 2;
  }
  static const std::array<std::pair<std::string_view, model::CaseType>, 6> kTypes = {{
      {"HNGD", model::CaseType::kFamily},
      {"KDTM", model::CaseType::kCommercial},
      {"DS", model::CaseType::kCivil},
      {"LD", model::CaseType::kLabour},
      {"HC", model::CaseType::kAdministrative},
      {"HS", model::CaseType::kCriminal},
  }};
  static const std::array<std::pair<std::string_view, model::CourtLevel>, 4> kLevels = {{
      {"GDT", model::CourtLevel::kCassation},
      {"ST", model::CourtLevel::kFirstInstance},
      {"PT", model::CourtLevel::kAppeal},
      {"TT", model::CourtLevel::kReopening},
  }};
  while (i < s.size()) {
    bool matched = false;
    for (const auto& [t, v] : kTypes) {
      if (s.compare(i, t.size(), t) == 0) {
        if (!info.case_type) info.case_type = v;
        i += t.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    for (const auto& [t, v] : kLevels) {
      if (s.compare(i, t.size(), t) == 0) {
        if (!info.level) info.level = v;
        i += t.size();
        matched = true;
        break;
      }
    }
    if (!matched) ++i;
  }
  return info;
}

// The first date written as "ngày 15-3-2023", "Ngày: 15/3/2023" or
// "ngày 15 tháng 3 năm 2023" in key[from, to).
std::optional<text::Date> FindDate(const PreparedText& text, std::size_t from, std::size_t to) {
  const std::string& key = text.key();
  std::size_t i = from;
  while (i < to) {
    const std::size_t at = FindPhrase(key, "ngay", i, to);
    if (at == kNpos) return std::nullopt;
    // The date ends after a four-digit year inside a short window.
    const std::size_t limit = std::min(to, at + kDateWindow);
    std::size_t p = at + 4;
    std::size_t end = kNpos;
    while (p < limit) {
      if (key[p] >= '0' && key[p] <= '9') {
        std::size_t q = p;
        while (q < limit && key[q] >= '0' && key[q] <= '9') ++q;
        if (q - p == 4) {
          end = q;
          break;
        }
        p = q;
      } else if (key[p] == ',' || key[p] == ';' || key[p] == '(') {
        break;
      } else {
        ++p;
      }
    }
    if (end != kNpos) {
      auto date = text::ParseDate(text.Display(at, end));
      if (date.ok()) return *date;
    }
    i = at + 4;
  }
  return std::nullopt;
}

std::optional<std::string> ReadSubject(const PreparedText& text, std::size_t from,
                                       std::size_t to) {
  const std::string& key = text.key();
  std::size_t at = FindPhrase(key, "v/v", from, to);
  std::size_t start = kNpos;
  if (at != kNpos) {
    start = at + 3;
  } else {
    for (std::size_t i = from; i < to; ++i) {
      if ((i == 0 || key[i - 1] == '\n') && PhraseAt(key, "ve viec", i, to)) {
        start = i + 7;
        break;
      }
    }
  }
  if (start == kNpos) return std::nullopt;
  while (start < to && (key[start] == ':' || key[start] == ' ' || key[start] == '.')) ++start;
  std::size_t end = start;
  const std::size_t limit = std::min(to, start + kMaxSubjectKey);
  std::size_t i = start;
  while (i < limit) {
    if (key[i] == '\n') {
      // Continues on the next line only when that line starts in lower case.
      const std::size_t next = i + 1;
      if (next >= limit || !(key[next] >= 'a' && key[next] <= 'z') || text.IsUpper(next)) break;
    }
    if (key[i] == '(' || key[i] == ';') break;
    bool stop = false;
    for (std::string_view s : {"nhan danh", "cong hoa", "doc lap"}) {
      if (PhraseAt(key, s, i, limit)) stop = true;
    }
    if (stop) break;
    ++i;
    if (IsWordByte(key[i - 1]) || key[i - 1] == '"') end = i;
  }
  if (end <= start) return std::nullopt;
  std::string subject = text.Display(start, end);
  // "Tranh chấp ..." -> "tranh chấp ...": a capital only because it opens the line.
  if (text.IsUpper(start) && start + 1 < end && !text.IsUpper(start + 1) &&
      key[start + 1] >= 'a' && key[start + 1] <= 'z') {
    const std::u32string u = text::DecodeUtf8(subject);
    subject = text::ToLowerVi(text::EncodeUtf8(u.substr(0, 1))) + text::EncodeUtf8(u.substr(1));
  }
  if (!subject.empty() && subject.front() == '"' && subject.back() == '"' && subject.size() > 2) {
    subject = subject.substr(1, subject.size() - 2);
  }
  return subject;
}

}  // namespace

void ReadHeader(const PreparedText& text, const Sections& sections,
                model::ExtractionResult& result) {
  model::CourtDocument& document = result.document;
  const std::string& key = text.key();
  const std::size_t header_end = std::min(sections.header_end, text.size());
  // Other places the court is named: up to the end of the parties.
  const std::size_t others_to =
      std::min(text.size(), std::max(sections.parties_end, header_end + kCourtRepeatWindow));

  document.court = ReadCourt(text, 0, header_end, others_to, result.warnings);
  if (!document.court) {
    document.court = ReadCourt(text, header_end, std::min(text.size(), header_end + 800),
                               others_to, result.warnings);
  }

  SymbolInfo symbol;
  const NumberMatch number = FindNumber(key, 0, header_end);
  std::size_t date_from = 0;
  if (number.begin != kNpos) {
    std::string shown = text.Display(number.begin, number.end);
    shown.erase(std::remove(shown.begin(), shown.end(), ' '), shown.end());
    document.number = shown;
    std::string symbol_key = key.substr(number.symbol_begin, number.end - number.symbol_begin);
    if (auto repaired = RepairSymbol(text, number)) {
      const std::string read = text.Display(number.begin, number.symbol_begin) + repaired->written;
      if (read != shown) {
        result.warnings.push_back({"number_respelled",
                                   "the number was written '" + shown + "' (misread by OCR?); read as '" +
                                       read + "'",
                                   text.Span(number.begin, number.end), {}});
        document.number = read;
      }
      symbol_key = repaired->folded;
    }
    symbol = ReadSymbol(symbol_key);
    date_from = number.end;
  }
  auto date = FindDate(text, date_from, header_end);
  if (!date && date_from > 0) date = FindDate(text, 0, header_end);
  if (date) document.date = *date;
  document.subject = ReadSubject(text, 0, header_end);

  // Kind: the symbol's "QĐ", else the title words before the number.
  const std::size_t title_to = number.begin != kNpos ? number.begin : header_end;
  const std::size_t ban_an = FindPhrase(key, "ban an", 0, header_end);
  const std::size_t quyet_dinh = FindPhrase(key, "quyet dinh", 0, header_end);
  if (symbol.decision) {
    document.kind = model::DocumentKind::kDecision;
  } else if (ban_an != kNpos && (ban_an < title_to || quyet_dinh == kNpos || ban_an < quyet_dinh)) {
    document.kind = model::DocumentKind::kJudgment;
  } else if (quyet_dinh != kNpos) {
    document.kind = model::DocumentKind::kDecision;
  } else if (number.begin != kNpos) {
    document.kind = model::DocumentKind::kJudgment;
  }

  // Level and case type: the symbol, else the words of the title.
  document.level = symbol.level;
  document.case_type = symbol.case_type;
  const std::size_t words_to = std::min(text.size(), header_end + 600);
  if (!document.level) {
    if (FindPhrase(key, "giam doc tham", 0, words_to) != kNpos) {
      document.level = model::CourtLevel::kCassation;
    } else if (FindPhrase(key, "tai tham", 0, words_to) != kNpos) {
      document.level = model::CourtLevel::kReopening;
    } else if (FindPhrase(key, "phuc tham", 0, words_to) != kNpos) {
      document.level = model::CourtLevel::kAppeal;
    } else if (FindPhrase(key, "so tham", 0, words_to) != kNpos) {
      document.level = model::CourtLevel::kFirstInstance;
    }
  }
  if (!document.case_type) {
    static const std::array<std::pair<std::string_view, model::CaseType>, 7> kWords = {{
        {"hon nhan", model::CaseType::kFamily},
        {"kinh doanh thuong mai", model::CaseType::kCommercial},
        {"kinh doanh, thuong mai", model::CaseType::kCommercial},
        {"lao dong", model::CaseType::kLabour},
        {"hanh chinh", model::CaseType::kAdministrative},
        {"hinh su", model::CaseType::kCriminal},
        {"dan su", model::CaseType::kCivil},
    }};
    std::size_t best = kNpos;
    for (const auto& [w, v] : kWords) {
      const std::size_t at = FindPhrase(key, w, 0, words_to);
      if (at < best) {
        best = at;
        document.case_type = v;
      }
    }
  }
}

}  // namespace thads::extract
