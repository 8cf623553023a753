// The parties block: role labels ("Nguyên đơn:", "Người đại diện theo ủy quyền
// của bị đơn:") and, under each, one or more people or organizations.
#include <algorithm>
#include <array>

#include "extract/internal.h"
#include "text/normalize.h"

namespace thads::extract {
namespace {

constexpr std::size_t kMaxLabelKey = 220;      // a label up to its ':'
constexpr std::size_t kMaxAndGapKey = 40;      // "A, sinh năm 1970 và bà B"
constexpr std::size_t kMaxAddressKey = 300;
constexpr std::size_t kBirthWindow = 30;
constexpr std::size_t kIdWindow = 40;

using model::PartyRole;

struct LabelPhrase {
  std::string_view phrase;
  std::optional<PartyRole> role;  // nullopt: not a party (lawyer, witness, ...)
  bool long_form;                 // words may follow before the ':'
};

constexpr std::array<LabelPhrase, 33> kLabels = {{
    {"nguoi co quyen loi, nghia vu lien quan", PartyRole::kInterestedParty, true},
    {"nguoi co quyen loi nghia vu lien quan", PartyRole::kInterestedParty, true},
    {"nguoi co quyen loi va nghia vu lien quan", PartyRole::kInterestedParty, true},
    {"nguoi co quyen loi, nghia vu lien", PartyRole::kInterestedParty, true},
    {"nguoi lien quan", PartyRole::kInterestedParty, true},
    {"nguyen don dan su", PartyRole::kPlaintiff, false},
    {"nguyen don", PartyRole::kPlaintiff, false},
    {"bi don dan su", PartyRole::kDefendant, false},
    {"bi don", PartyRole::kDefendant, false},
    {"bi cao", PartyRole::kAccused, false},
    {"nguoi bi hai", PartyRole::kVictim, false},
    {"bi hai", PartyRole::kVictim, false},
    {"nguoi dai dien", PartyRole::kRepresentative, true},
    {"dai dien theo phap luat", PartyRole::kRepresentative, true},
    {"dai dien theo uy quyen", PartyRole::kRepresentative, true},
    {"dai dien hop phap", PartyRole::kRepresentative, true},
    {"nguoi bao ve quyen", std::nullopt, true},
    {"nguoi bao chua", std::nullopt, true},
    {"nguoi lam chung", std::nullopt, true},
    {"nguoi phien dich", std::nullopt, true},
    {"nguoi giam dinh", std::nullopt, true},
    {"nguoi khang cao", std::nullopt, true},
    {"nguoi khang nghi", std::nullopt, true},
    {"vien kiem sat", std::nullopt, true},
    {"nguoi tham gia to tung", std::nullopt, true},
    {"nguoi tien hanh to tung", std::nullopt, true},
    {"kiem sat vien", std::nullopt, true},
    {"tham phan", std::nullopt, true},
    {"thu ky", std::nullopt, true},
    {"hoi tham", std::nullopt, true},
    {"luat su", std::nullopt, true},
    {"nguoi giam ho", std::nullopt, true},
    {"tro giup vien", std::nullopt, true},
}};

struct Label {
  std::size_t begin = 0;
  std::size_t colon = 0;  // the ':' ending the label
  std::optional<PartyRole> role;
};

// True when key[pos] starts a segment: the start of the region, or after a line
// break, ';', ':' or '.', with list markers ("1.", "-", "a)") in between.
bool SegmentStart(const PreparedText& text, std::size_t pos, std::size_t region_begin) {
  const std::string& key = text.key();
  std::size_t i = pos;
  auto back_spaces = [&] {
    while (i > region_begin && key[i - 1] == ' ') --i;
  };
  back_spaces();
  // Specks read as a letter or a short word at the start of the line: "Ẫ Nguyên
  // đơn:", "Anh Bị đơn:" (a capital, up to three letters).
  if (i < pos && i > region_begin && key[i - 1] >= 'a' && key[i - 1] <= 'z') {
    std::size_t t = i;
    while (t > region_begin && IsWordByte(key[t - 1]) && i - t < 4) --t;
    const bool line_start = t == region_begin || key[t - 1] == '\n';
    if (line_start && (i - t == 1 || (i - t <= 3 && text.IsUpper(t)))) i = t;
  }
  // List dashes, specks and list numbers in front, in any order: "- Bị đơn:",
  // "~- Người có quyền lợi …:", "-_1, Bị cáo:", "2.1. Ông".
  auto ends_segment = [&] {
    if (i <= region_begin) return true;
    const char c = key[i - 1];
    return c == '\n' || c == ';' || c == ':' || c == '.';
  };
  for (bool moved = true; moved && i > region_begin;) {
    // What is skipped in front must follow a segment's end: "xã X. Bị đơn:" as
    // well as "X.\n1. Bị đơn:".
    if (ends_segment()) return true;
    moved = false;
    while (i > region_begin && (IsSpeckByte(key[i - 1]) || key[i - 1] == '-' ||
                                key[i - 1] == '+' || key[i - 1] == '*')) {
      --i;
      back_spaces();
      moved = true;
    }
    if (i > region_begin && (key[i - 1] == '.' || key[i - 1] == ')' || key[i - 1] == '/' ||
                             (key[i - 1] == ',' && i >= 2 && key[i - 2] >= '0' &&
                              key[i - 2] <= '9'))) {  // "1, Bị cáo:"
      std::size_t j = i - 1;
      std::size_t n = 0;
      while (j > region_begin && (IsWordByte(key[j - 1]) || key[j - 1] == '.') && n < 5) {
        --j;
        ++n;
      }
      const bool digits = n > 0 && key[j] >= '0' && key[j] <= '9';
      const bool letter = n == 1 && IsWordByte(key[j]);
      if ((digits || letter) && (j == region_begin || !IsWordByte(key[j - 1]))) {
        const char before = j == region_begin ? '\n' : key[j - 1];
        if (IsSpaceByte(before) || before == ';' || before == ':' || IsSpeckByte(before) ||
            before == '-') {
          i = j;
          back_spaces();
          moved = true;
        }
      }
    }
  }
  return ends_segment();
}

// The ':' that ends a label, from its first one: OCR may read a ':' inside it
// ("Người đại diện: theo ủy quyền: Ông K"), so words of a label in small
// letters up to a second ':' close by are still the label.
std::size_t LabelColon(std::string_view key, std::size_t colon, std::size_t to) {
  constexpr std::size_t kMaxLeadIn = 30;
  for (std::string_view lead : {"theo uy quyen", "theo phap luat", "hop phap"}) {
    std::size_t end = 0;
    const std::size_t p = SkipSpaces(key, colon + 1, to);
    if (!PhraseAt(key, lead, p, std::min(to, p + kMaxLeadIn), &end)) continue;
    const std::size_t q = SkipSpaces(key, end, to);
    if (q < to && key[q] == ':') return q;
  }
  return colon;
}

// The label starting at pos, if any.
std::optional<Label> LabelAt(const PreparedText& text, std::size_t pos, std::size_t to,
                             std::size_t region_begin) {
  const std::string& key = text.key();
  for (const LabelPhrase& l : kLabels) {
    std::size_t end = 0;
    if (!PhraseAt(key, l.phrase, pos, to, &end)) continue;
    if (!SegmentStart(text, pos, region_begin)) return std::nullopt;
    std::size_t i = SkipSpaces(key, end, to);
    if (!l.long_form) {
      // "Nguyên đơn:", "Bị đơn -", "Bị cáo :"
      if (i < to && (key[i] == ':' || key[i] == '-')) return Label{pos, i, l.role};
      return std::nullopt;
    }
    const std::size_t limit = std::min(to, end + kMaxLabelKey);
    int depth = 0;
    for (; i < limit; ++i) {
      const char c = key[i];
      if (c == '(') ++depth;
      if (c == ')' && depth > 0) --depth;
      if (depth == 0 && c == ':') return Label{pos, LabelColon(key, i, to), l.role};
      if (depth == 0 && (c == ';' || c == '.')) break;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::vector<Label> FindLabels(const PreparedText& text, std::size_t from, std::size_t to) {
  const std::string& key = text.key();
  std::vector<Label> labels;
  std::size_t i = from;
  while (i < to) {
    if ((i == from || !IsWordByte(key[i - 1])) && (key[i] == 'n' || key[i] == 'b' ||
                                                   key[i] == 'd' || key[i] == 'v' ||
                                                   key[i] == 'k' || key[i] == 't' ||
                                                   key[i] == 'h' || key[i] == 'l')) {
      if (auto label = LabelAt(text, i, to, from)) {
        labels.push_back(*label);
        i = label->colon + 1;
        continue;
      }
    }
    ++i;
  }
  return labels;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Only birth data between a name and " và <title>": ", sinh năm 1970".
bool OnlyBirthData(std::string_view key, std::size_t from, std::size_t to) {
  std::size_t i = from;
  while (i < to) {
    const char c = key[i];
    if (IsSpaceByte(c) || c == ',' || c == '/' || c == '-' || c == '.' || IsDigit(c)) {
      ++i;
      continue;
    }
    // A letter alone is a speck OCR read ("sinh n năm 1978").
    if (IsWordByte(c) && (i + 1 >= to || !IsWordByte(key[i + 1])) &&
        (i == from || !IsWordByte(key[i - 1]))) {
      ++i;
      continue;
    }
    bool ok = false;
    for (std::string_view w : {"sinh", "nam", "ngay", "thang"}) {
      std::size_t end = 0;
      if (PhraseAt(key, w, i, to, &end)) {
        i = end;
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

// A title followed by a capitalized word at key[pos].
bool TitledNameAt(const PreparedText& text, std::size_t pos, std::size_t to) {
  const std::size_t after = SkipTitle(text, pos, to);
  return after > pos && after < to && text.IsUpper(after);
}

std::optional<std::int32_t> ReadBirthYear(std::string_view key, std::size_t from,
                                          std::size_t to) {
  for (std::string_view w : {"sinh nam", "sinh ngay", "nam sinh", "sn", "sinh"}) {
    const std::size_t at = FindPhrase(key, w, from, to);
    if (at == kNpos) continue;
    const std::size_t limit = std::min(to, at + w.size() + kBirthWindow);
    for (std::size_t i = at + w.size(); i < limit; ++i) {
      if (!IsDigit(key[i]) || IsDigit(key[i - 1])) continue;
      std::size_t j = i;
      while (j < limit && IsDigit(key[j])) ++j;
      if (j - i == 4) {
        const int year = std::stoi(std::string(key.substr(i, 4)));
        if (year >= 1800 && year <= 2200) return year;
      }
      i = j;
    }
  }
  return std::nullopt;
}

std::optional<std::string> ReadIdNumber(std::string_view key, std::size_t from,
                                        std::size_t to) {
  for (std::string_view w :
       {"cccd", "cmnd", "cmtnd", "can cuoc cong dan", "can cuoc", "chung minh nhan dan",
        "so dinh danh", "ho chieu", "ma so doanh nghiep", "ma so thue"}) {
    const std::size_t at = FindPhrase(key, w, from, to);
    if (at == kNpos) continue;
    const std::size_t limit = std::min(to, at + w.size() + kIdWindow);
    for (std::size_t i = at + w.size(); i < limit; ++i) {
      if (!IsDigit(key[i])) {
        if (IsWordByte(key[i]) && !PhraseAt(key, "so", i, limit)) break;
        continue;
      }
      std::size_t j = i;
      while (j < limit && IsDigit(key[j])) ++j;
      if (j - i >= 8) return std::string(key.substr(i, j - i));
      break;
    }
  }
  return std::nullopt;
}

// Abbreviations whose '.' does not end an address ("TP. Hồ Chí Minh", "P. 5").
bool AbbreviationBefore(std::string_view key, std::size_t dot) {
  std::size_t j = dot;
  while (j > 0 && IsWordByte(key[j - 1])) --j;
  const std::string_view w = key.substr(j, dot - j);
  return w == "tp" || w == "p" || w == "q" || w == "tx" || w == "tt" || w == "h" || w == "t" ||
         w == "kp" || w == "kv";
}

std::optional<std::string> ReadAddress(const PreparedText& text, std::size_t from,
                                       std::size_t to, bool* shared) {
  const std::string& key = text.key();
  std::size_t best = kNpos;
  std::size_t best_end = 0;
  for (std::string_view w :
       {"dia chi tru so", "dia chi", "tru so chinh", "tru so", "noi cu tru", "cu tru tai",
        "cu tru", "tru tai", "thuong tru", "hktt", "noi o hien nay", "cho o hien nay",
        "noi o"}) {
    const std::size_t at = FindPhrase(key, w, from, to);
    if (at != kNpos && at < best) {
      best = at;
      best_end = at + w.size();
    }
  }
  if (best == kNpos) return std::nullopt;
  *shared = best >= 5 && PhraseAt(key, "cung", best - 5, best);
  std::size_t i = best_end;
  while (i < to && (IsSpaceByte(key[i]) || key[i] == ':' || key[i] == '-')) ++i;
  // "địa chỉ trụ sở chính:", "trụ sở chính tại", "cư trú tại"
  if (PhraseAt(key, "chinh", i, to)) i = SkipSpaces(key, i + 5, to);
  while (i < to && key[i] == ':') i = SkipSpaces(key, i + 1, to);
  if (PhraseAt(key, "tai", i, to)) i = SkipSpaces(key, i + 3, to);
  while (i < to && key[i] == ':') ++i;
  const std::size_t start = i;
  const std::size_t limit = std::min(to, start + kMaxAddressKey);
  std::size_t end = start;
  for (; i < limit; ++i) {
    const char c = key[i];
    if (c == ';' || c == '(') break;
    if (c == '.' && (i + 1 >= limit || IsSpaceByte(key[i + 1])) && !AbbreviationBefore(key, i)) {
      break;
    }
    if ((c == ',' || c == '-') ) {
      const std::size_t next = SkipSpaces(key, i + 1, limit);
      bool stop = false;
      for (std::string_view w : {"co mat", "vang mat", "so dien thoai", "dien thoai", "cccd",
                                 "cmnd", "sinh nam", "nghe nghiep", "chuc vu"}) {
        stop = stop || PhraseAt(key, w, next, limit);
      }
      if (stop) break;
    }
    if (!IsSpaceByte(c)) end = i + 1;
  }
  while (end > start && (key[end - 1] == ',' || key[end - 1] == '-' || key[end - 1] == '.')) {
    if (key[end - 1] == '.' && AbbreviationBefore(key, end - 1)) break;
    --end;
  }
  if (end <= start) return std::nullopt;
  return text.Display(start, end);
}

// Resolves whom a representative label speaks for: "của nguyên đơn", "của bà B",
// "của Công ty X"; without "của", the last party listed.
std::optional<std::string> Represented(const PreparedText& text, const Label& label,
                                       const std::vector<model::Party>& parties,
                                       std::size_t first_of_block) {
  const std::string& key = text.key();
  const std::size_t cua = FindPhrase(key, "cua", label.begin, label.colon);
  auto last_non_rep = [&]() -> std::optional<std::string> {
    for (std::size_t k = first_of_block; k-- > 0;) {
      if (parties[k].role != PartyRole::kRepresentative) return parties[k].name;
    }
    return std::nullopt;
  };
  if (cua == kNpos) return last_non_rep();
  const std::size_t from = cua + 3;
  // A party named after "của": the longest name found.
  std::optional<std::string> best;
  std::size_t best_len = 0;
  for (const model::Party& p : parties) {
    if (p.role == PartyRole::kRepresentative) continue;
    const std::string k = NameKey(p.name);
    if (k.size() > best_len && FindPhrase(key, k, from, label.colon) != kNpos) {
      best = p.name;
      best_len = k.size();
    }
  }
  if (best) return best;
  static const std::array<std::pair<std::string_view, PartyRole>, 8> kRoles = {{
      {"nguoi co quyen loi", PartyRole::kInterestedParty},
      {"nguoi lien quan", PartyRole::kInterestedParty},
      {"nguyen don", PartyRole::kPlaintiff},
      {"bi don", PartyRole::kDefendant},
      {"bi cao", PartyRole::kAccused},
      {"nguoi bi hai", PartyRole::kVictim},
      {"bi hai", PartyRole::kVictim},
      {"duong su", PartyRole::kPlaintiff},
  }};
  for (const auto& [phrase, role] : kRoles) {
    const std::size_t at = FindPhrase(key, phrase, from, label.colon);
    if (at == kNpos) continue;
    const bool plural = at >= 4 && PhraseAt(key, "cac", at - 4, at);
    std::string names;
    for (std::size_t k = first_of_block; k-- > 0;) {
      if (parties[k].role != role) continue;
      if (!plural) return parties[k].name;
      names = names.empty() ? parties[k].name : parties[k].name + " và " + names;
    }
    if (!names.empty()) return names;
    // "của bị đơn" before the defendant is listed: the first one listed after.
    for (const model::Party& p : parties) {
      if (p.role == role) return p.name;
    }
  }
  // "của Công ty" / "của Ngân hàng": the only organization of that kind.
  const std::size_t org_at = SkipSpaces(key, from, label.colon);
  const std::size_t org_len = OrganizationKeywordAt(text, org_at, label.colon);
  if (org_len > 0) {
    const std::string_view word = std::string_view(key).substr(org_at, org_len);
    const model::Party* found = nullptr;
    int count = 0;
    for (const model::Party& p : parties) {
      if (p.kind == model::PartyKind::kOrganization && NameKey(p.name).rfind(word, 0) == 0) {
        found = &p;
        ++count;
      }
    }
    if (count == 1) return found->name;
  }
  return last_non_rep();
}

// Splits a label's body into one chunk per person or organization.
std::vector<std::pair<std::size_t, std::size_t>> SplitBody(const PreparedText& text,
                                                           std::size_t from, std::size_t to) {
  const std::string& key = text.key();
  std::vector<std::pair<std::size_t, std::size_t>> chunks;
  std::size_t chunk_begin = from;
  std::size_t name_end = kNpos;  // end of the current chunk's name, once read
  std::size_t i = from;
  auto read_name_end = [&](std::size_t b) {
    std::size_t p = SkipSpaces(key, b, to);
    while (p < to && (key[p] == '-' || key[p] == '+' || IsDigit(key[p]) || IsSpeckByte(key[p]) ||
                      (key[p] == '.' && p > b))) {
      ++p;
    }
    p = SkipSpaces(key, p, to);
    p = SkipTitle(text, p, to);
    if (OrganizationKeywordAt(text, p, to) > 0) return OrganizationNameEnd(text, p, to);
    const std::size_t e = PersonNameEnd(text, p, to);
    return e > p ? e : kNpos;
  };
  name_end = read_name_end(from);
  while (i < to) {
    const char c = key[i];
    bool split = false;
    std::size_t next = i;
    if ((c == ';' || c == '\n') && i + 1 < to) {
      // A list marker or a titled name after ';' or a line break starts a new chunk.
      std::size_t p = SkipSpaces(key, i + 1, to);
      // "1.", "2.1.", "3)", "a)"
      std::size_t m = p;
      while (m < to && (IsDigit(key[m]) || (key[m] == '.' && m > p))) ++m;
      if (m == p && m + 1 < to && key[m] >= 'a' && key[m] <= 'z' && key[m + 1] == ')') m += 2;
      // Digits alone are a marker when short: "1985 - Chuyên viên" is a birth year.
      bool numbered = m > p && m < to && IsSpaceByte(key[m]) &&
                      (key[m - 1] == '.' || key[m - 1] == ')' || (IsDigit(key[m - 1]) && m - p <= 2));
      bool dashed = p < to && (key[p] == '-' || key[p] == '+') && p + 1 < to && key[p + 1] == ' ';
      // A line wrapped inside a sentence (OCR output): a dash or number after it is a
      // speck or part of an address unless a person or an organization follows.
      const bool wrapped = c == '\n' && (IsWordByte(key[i - 1]) || key[i - 1] == ',');
      if ((numbered || dashed) && wrapped) {
        const std::size_t q = SkipSpaces(key, numbered ? m : p + 1, to);
        if (!TitledNameAt(text, q, to) && OrganizationKeywordAt(text, q, to) == 0) {
          numbered = false;
          dashed = false;
        }
      }
      // A titled name opening a line after an item's end ("…; \nđi Ông Tô Văn Đực",
      // a list number misread as a short word in front).
      bool titled_line = false;
      if (c == '\n' && i > from && (key[i - 1] == ';' || key[i - 1] == '.')) {
        std::size_t t = p;
        while (t < to && IsWordByte(key[t]) && t - p < 3) ++t;
        titled_line = TitledNameAt(text, p, to) ||
                      (t > p && t - p <= 2 && t < to && key[t] == ' ' &&
                       TitledNameAt(text, t + 1, to));
        if (titled_line && !TitledNameAt(text, p, to)) p = t + 1;
      }
      if (numbered || dashed || titled_line || (c == ';' && TitledNameAt(text, p, to))) {
        split = true;
        next = p;
      }
    } else if (name_end != kNpos && i >= name_end && (c == ',' || PhraseAt(key, "va", i, to)) &&
               i - name_end <= kMaxAndGapKey) {
      std::size_t p = SkipSpaces(key, i + (c == ',' ? 1 : 2), to);
      if (TitledNameAt(text, p, to) && OnlyBirthData(key, name_end, i)) {
        split = true;
        next = p;
      }
    }
    if (split && next > chunk_begin) {
      chunks.push_back({chunk_begin, i});
      chunk_begin = next;
      name_end = read_name_end(next);
      i = next;
      continue;
    }
    ++i;
  }
  chunks.push_back({chunk_begin, to});
  return chunks;
}

}  // namespace

void ReadParties(const PreparedText& text, const Sections& sections,
                 model::ExtractionResult& result) {
  const std::string& key = text.key();
  const std::size_t from = std::min(sections.parties_begin, text.size());
  const std::size_t to = std::min(sections.parties_end, text.size());
  if (from >= to) return;
  const std::vector<Label> labels = FindLabels(text, from, to);
  for (std::size_t li = 0; li < labels.size(); ++li) {
    const Label& label = labels[li];
    if (!label.role) continue;
    const std::size_t body_begin = label.colon + 1;
    const std::size_t body_end = li + 1 < labels.size() ? labels[li + 1].begin : to;
    const std::size_t first_of_block = result.parties.size();
    std::optional<std::string> represents;
    if (*label.role == PartyRole::kRepresentative) {
      represents = Represented(text, label, result.parties, first_of_block);
    }
    std::optional<std::string> shared_address;
    for (auto [cb, ce] : SplitBody(text, body_begin, body_end)) {
      std::size_t p = SkipSpaces(key, cb, ce);
      // List markers, and specks before the title ("Bị đơn: \"Anh Quảng Văn Thắng").
      while (p < ce && (key[p] == '-' || key[p] == '+' || IsDigit(key[p]) || IsSpeckByte(key[p]) ||
                        (key[p] == '.' && p > cb) || key[p] == ')' || key[p] == ' ')) {
        ++p;
      }
      p = SkipSpaces(key, p, ce);
      p = SkipTitle(text, p, ce);
      // A child who is a party (a minor victim): "Cháu Hồ Gia B", "Em Lê Văn C".
      // Spelled exactly: "Châu" is a family name.
      for (std::string_view child : {"chau", "em"}) {
        std::size_t end = 0;
        if (PhraseAt(key, child, p, ce, &end) &&
            (child == "em" || text::ToLowerVi(text.Display(p, end)) == "cháu")) {
          const std::size_t next = SkipSpaces(key, end, ce);
          if (next > end && next < ce && text.IsUpper(next)) p = next;
        }
      }
      model::Party party;
      party.role = *label.role;
      std::size_t name_end = p;
      if (OrganizationKeywordAt(text, p, ce) > 0) {
        party.kind = model::PartyKind::kOrganization;
        name_end = OrganizationNameEnd(text, p, ce);
      } else {
        name_end = PersonNameEnd(text, p, ce);
      }
      if (name_end <= p) continue;
      party.name = CleanName(text, p, name_end);
      // A person's name in the parties list has two words at least; one word alone
      // is OCR debris ("SN", "TINh") or a label read as a name.
      if (party.name.empty() || (party.kind == model::PartyKind::kPerson &&
                                 party.name.find(' ') == std::string::npos)) {
        continue;
      }
      party.birth_year = party.kind == model::PartyKind::kPerson
                             ? ReadBirthYear(key, name_end, ce)
                             : std::nullopt;
      party.id_number = ReadIdNumber(key, name_end, ce);
      bool shared = false;
      party.address = ReadAddress(text, name_end, ce, &shared);
      if (shared && party.address) shared_address = party.address;
      party.represents = represents;
      result.parties.push_back(std::move(party));
    }
    if (shared_address) {
      for (std::size_t k = first_of_block; k < result.parties.size(); ++k) {
        if (!result.parties[k].address) result.parties[k].address = shared_address;
      }
    }
  }
}

}  // namespace thads::extract
