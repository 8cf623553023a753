// The enforcement office a fee receipt names ("… theo biên lai thu số 0004567 của
// Chi cục Thi hành án dân sự huyện Đầm Dơi"), read through OCR damage: the fixed
// words of an office's name are recognized on the folded key, with two letters
// misread at most, and reported in their one spelling; the place is spelled the
// way most of the document spells it.
#include <algorithm>
#include <array>

#include "extract/internal.h"
#include "text/normalize.h"

namespace thads::extract {
namespace {

constexpr std::string_view kOfficePhrase = "thi hanh an dan su";
constexpr std::size_t kOfficePhraseEdits = 2;
constexpr std::size_t kMaxPlaceKey = 120;

struct Head {
  std::string_view key;       // folded, before the office phrase
  std::string_view spelling;  // canonical
};

// Before July 2025: Cục (province), Chi cục (district); since: Thi hành án dân sự
// tỉnh X and its Phòng Thi hành án dân sự khu vực N.
constexpr std::array<Head, 4> kHeads = {{
    {"chi cuc", "Chi cục"}, {"cuc", "Cục"}, {"phong", "Phòng"}, {"co quan", "cơ quan"}}};

constexpr std::array<std::string_view, 8> kPlaceUnits = {
    "thanh pho", "thi xa", "khu vuc", "huyen", "tinh", "quan", "tp", "thi tran"};

struct Candidate {
  std::size_t begin = 0;         // the head, or the phrase without one
  std::size_t phrase_begin = 0;
  std::size_t phrase_end = 0;
  std::size_t end = 0;           // past the place
  const Head* head = nullptr;
  bool abbreviated = false;      // "THADS"
  std::size_t place_begin = kNpos;
};

// The units and capitalized words of the office's place after key[from]: "huyện
// Đầm Dơi", "khu vực 3", across a line break with OCR specks ("huyện Châu\n. Thành").
std::size_t PlaceEnd(const PreparedText& text, std::size_t from, std::size_t to,
                     std::size_t* place_begin) {
  const std::string& key = text.key();
  const std::size_t limit = std::min(to, from + kMaxPlaceKey);
  std::size_t end = from;
  std::size_t i = from;
  *place_begin = kNpos;
  while (i < limit) {
    const std::size_t w = SkipSpaces(key, i, limit);
    std::size_t k = w;
    while (k < limit && (IsSpeckByte(key[k]) || key[k] == '.' || key[k] == ',' ||
                         IsSpaceByte(key[k]))) {
      ++k;
    }
    std::size_t unit_end = 0;
    bool unit = false;
    for (std::string_view u : kPlaceUnits) {
      if (PhraseAt(key, u, k, limit, &unit_end)) {
        unit = true;
        break;
      }
    }
    if (k > w) {
      // Debris between the words: a stray '.' before the place ("dân sự .\nthành
      // phố"), specks at the start of the place's next line ("Châu\n. Thành") or
      // glued to a word of it ("Châu \"Thành").
      bool specks_only = true;
      for (std::size_t d = w; d < k; ++d) specks_only = specks_only && !(key[d] == '.' || key[d] == ',');
      const bool crossed_line = key.substr(i, k - i).find('\n') != std::string::npos;
      const bool before_place = *place_begin == kNpos && unit;
      const bool inside_place = *place_begin != kNpos && (crossed_line || specks_only) &&
                                k < limit && IsWordByte(key[k]) && text.IsUpper(k);
      if (!before_place && !inside_place) break;
    }
    if (k >= limit || k == i || !IsWordByte(key[k])) break;
    std::size_t we = k;
    while (we < limit && IsWordByte(key[we])) ++we;
    // A word of the place is letters or a number ("khu vực 3"), not both ("Ò4").
    bool digits = false;
    bool letters = false;
    for (std::size_t d = k; d < we; ++d) (key[d] >= '0' && key[d] <= '9' ? digits : letters) = true;
    if (digits && letters && !unit) break;
    if (unit) {
      we = unit_end;
    } else if (*place_begin == kNpos) {
      break;  // a place starts with its unit
    } else if (!text.IsUpper(k) && !(key[k] >= '0' && key[k] <= '9')) {
      break;
    }
    if (*place_begin == kNpos) *place_begin = k;
    end = we;
    i = we;
  }
  return end;
}

// A head OCR misread by a letter ("Cử Thi hành án dân sự" for "Cục"): the word or
// two before the phrase, in capitals, one letter off a head's.
void MisreadHead(const PreparedText& text, std::size_t from, std::size_t at, Candidate* c) {
  const std::string& key = text.key();
  std::size_t b = at;
  for (int words = 1; words <= 2; ++words) {
    while (b > from && IsSpaceByte(key[b - 1])) --b;
    std::size_t e = b;
    while (b > from && IsWordByte(key[b - 1])) --b;
    if (b == e || !text.IsUpper(b)) return;
    const std::string got = Squeezed(key.substr(b, at - b));
    for (const Head& h : kHeads) {
      const std::string want = Squeezed(h.key);
      if (h.key == "co quan" || want.size() < 3) continue;
      if (got != want && BoundedEditDistance(got, want, 1) <= 1) {
        c->begin = b;
        c->head = &h;
        return;
      }
    }
  }
}

std::vector<Candidate> Candidates(const PreparedText& text, std::size_t from, std::size_t to) {
  const std::string& key = text.key();
  std::vector<Candidate> found;
  auto add = [&](std::size_t at, std::size_t phrase_end, bool abbreviated) {
    Candidate c;
    c.begin = at;
    c.phrase_begin = at;
    c.phrase_end = phrase_end;
    c.abbreviated = abbreviated;
    for (const Head& h : kHeads) {
      const std::size_t n = h.key.size() + 1;
      if (at >= from + n && PhraseAt(key, h.key, at - n, at - 1)) {
        c.begin = at - n;
        c.head = &h;
        break;
      }
    }
    if (c.head == nullptr) MisreadHead(text, from, at, &c);
    c.end = PlaceEnd(text, phrase_end, to, &c.place_begin);
    if (c.place_begin == kNpos) c.end = phrase_end;
    found.push_back(c);
  };
  for (std::size_t at = from; (at = FindPhrase(key, kOfficePhrase, at, to)) != kNpos;) {
    add(at, at + kOfficePhrase.size(), false);
    at += kOfficePhrase.size();
  }
  for (std::size_t at = from; (at = FindPhrase(key, "thads", at, to)) != kNpos;) {
    add(at, at + 5, true);
    at += 5;
  }
  if (found.empty()) {
    const KeyRange r = FindApproxPhrase(key, kOfficePhrase, from, to, kOfficePhraseEdits);
    if (r.begin != kNpos) add(r.begin, r.end, false);
  }
  return found;
}

}  // namespace

std::optional<Office> FindOffice(const PreparedText& text, std::size_t from, std::size_t to) {
  const std::vector<Candidate> found = Candidates(text, from, to);
  // The office named last with its place ("… của Chi cục … huyện X"), rather than
  // "cơ quan Thi hành án dân sự có thẩm quyền" before it.
  const Candidate* best = nullptr;
  int best_rank = -1;
  for (const Candidate& c : found) {
    const bool named = c.head != nullptr && c.head->key != "co quan";
    const int rank = (c.place_begin != kNpos ? 2 : 0) + (named ? 1 : 0);
    if (rank > best_rank || (rank == best_rank && c.phrase_begin > best->phrase_begin)) {
      best = &c;
      best_rank = rank;
    }
  }
  if (best == nullptr) return std::nullopt;
  const Candidate& c = *best;
  Office office;
  office.begin = c.begin;
  office.end = c.end;
  const std::string written = text.Display(c.begin, c.end);
  // The fixed words in their one spelling, "THADS" as written.
  std::string name;
  if (c.head != nullptr) name = std::string(c.head->spelling) + " ";
  name += c.abbreviated ? text.Display(c.phrase_begin, c.phrase_end) : "Thi hành án dân sự";
  if (c.place_begin != kNpos) {
    const std::string place = WithoutDebris(text.Display(c.place_begin, c.end), DebrisIn::kPlace);
    int places = 0;
    name += " " + MajoritySpelling(text, place, &places).value_or(place);
  }
  auto comparable = [](const std::string& s) { return text::ToneKey(text::ToLowerVi(s)); };
  if (comparable(name) == comparable(written)) {
    office.name = written;
  } else {
    office.name = name;
    office.written = written;
  }
  return office;
}

}  // namespace thads::extract
