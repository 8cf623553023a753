// The operative part (QUYẾT ĐỊNH / Tuyên xử): clauses, their kind, debtor,
// creditor, amount and period, the late-payment interest clause, and warnings.
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "extract/internal.h"
#include "text/money.h"
#include "text/normalize.h"

namespace thads::extract {
namespace {

using model::ObligationKind;
using model::PartyRole;

constexpr std::size_t kContextWindow = 120;  // key bytes before an amount that say what it is

struct Range {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// A reference to a party (or to the State) inside a clause.
struct Mention {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::vector<std::string> names;  // resolved names, or the name as written
  bool listed = true;              // false: a titled name not among the parties
  bool state = false;              // "Nhà nước"
  std::optional<std::string> approximate;  // the name as written, when matched approximately
};

class ClauseReader {
 public:
  ClauseReader(const PreparedText& text, model::ExtractionResult& result)
      : text_(text), key_(text.key()), result_(result) {
    // Each distinct name once, the party's first role other than representative.
    std::map<std::string, const model::Party*> by_key;
    for (const model::Party& p : result_.parties) {
      const std::string k = NameKey(p.name);
      if (k.empty()) continue;
      auto it = by_key.find(k);
      if (it == by_key.end() || (it->second->role == PartyRole::kRepresentative &&
                                 p.role != PartyRole::kRepresentative)) {
        by_key[k] = &p;
      }
    }
    for (const auto& [k, p] : by_key) names_.push_back({k, p});
    std::sort(names_.begin(), names_.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }

  void Read(std::size_t from, std::size_t to);

 private:
  bool Has(Range r, std::string_view phrase) const {
    return FindPhrase(key_, phrase, r.begin, r.end) != kNpos;
  }
  std::size_t Find(Range r, std::string_view phrase) const {
    return FindPhrase(key_, phrase, r.begin, r.end);
  }
  bool HasAny(Range r, std::initializer_list<std::string_view> phrases) const {
    for (std::string_view p : phrases) {
      if (Has(r, p)) return true;
    }
    return false;
  }
  // The phrase of `phrases` closest before `pos` in key[from, pos), and its index.
  int ClosestBefore(std::size_t from, std::size_t pos,
                    const std::vector<std::pair<std::string_view, int>>& phrases) const;

  std::vector<Range> SplitClauses(std::size_t from, std::size_t to) const;
  bool OrderStartsAt(std::size_t pos, std::size_t to) const;
  bool CapitalizedOrTitleBefore(std::size_t pos, std::size_t from) const;
  std::vector<bool> ParenMask(Range r) const;
  std::vector<Mention> FindMentions(Range r) const;
  const model::Party* ApproximateParty(const std::string& name_key) const;
  const model::Party* PartyByKey(const std::string& name_key) const {
    for (const auto& [pk, party] : names_) {
      if (pk == name_key) return party;
    }
    return nullptr;
  }
  std::vector<std::string> PartiesWithRole(PartyRole role) const;
  std::size_t VerbPosition(Range r, const std::vector<Mention>& mentions,
                           std::size_t from) const;

  void ReadClause(Range r);
  bool IsLateInterest(Range r) const;
  void MarkLateInterest();
  void ReadFees(Range r, const std::vector<Mention>& mentions);
  void AddObligation(model::Obligation o, Range r, const std::vector<Mention>& debtors);
  std::optional<std::string> JoinNames(const std::vector<Mention>& mentions) const;
  void WarnUnlisted(const std::vector<Mention>& mentions, Range r);

  const PreparedText& text_;
  const std::string& key_;
  model::ExtractionResult& result_;
  std::vector<std::pair<std::string, const model::Party*>> names_;
  std::size_t interest_from_ = 0;  // obligations from here on await a late-interest clause
  std::optional<std::size_t> last_money_;  // the last money obligation, for continuations
  std::optional<std::size_t> last_fee_;
  std::optional<std::string> custodian_;
  std::optional<Office> last_office_;  // named on the last fee receipt
  bool fee_clause_ = false;        // the clause being read is about fees
  bool after_fee_clause_ = false;  // the previous clause was
  bool amount_is_rest_ = false;    // the last obligation's amount is "what is still owed"
  std::size_t previous_count_ = 0;  // obligations before the previous clause
  std::set<std::string> warned_names_;
  std::set<std::string> warned_offices_;
  std::set<std::string> warned_approximate_;
  std::set<std::size_t> installments_only_;  // obligations whose amount is a sum of instalments
  std::vector<Amount> amounts_;  // of the whole operative part
};

int ClauseReader::ClosestBefore(std::size_t from, std::size_t pos,
                                const std::vector<std::pair<std::string_view, int>>& phrases) const {
  int best = -1;
  std::size_t best_at = 0;
  for (const auto& [phrase, id] : phrases) {
    std::size_t at = from;
    while (true) {
      at = FindPhrase(key_, phrase, at, pos);
      if (at == kNpos) break;
      if (best < 0 || at >= best_at) {
        best = id;
        best_at = at;
      }
      ++at;
    }
  }
  return best;
}

// An order or a party named at key[pos]: what a new item of the operative part
// starts with ("Buộc", "Về án phí", "Ông A", "Công ty X", "Đợt 2").
bool ClauseReader::OrderStartsAt(std::size_t pos, std::size_t to) const {
  static const std::array<std::string_view, 34> kOpeners = {
      "buoc",       "ve",         "ghi nhan",   "chap nhan",  "khong chap nhan", "dinh chi",
      "tich thu",   "tieu huy",   "hoan tra",   "tra lai",    "an phi",          "giao",
      "xu phat",    "phat",       "cac duong su", "ke tu",    "truong hop",      "nguyen don",
      "bi don",     "bi cao",     "dot",        "sua",        "giu nguyen",      "huy",
      "tam dinh chi", "cong nhan", "xac nhan",  "tuyen bo",   "ap dung",         "can cu",
      "nguoi",      "ban an",     "quyet dinh", "mien"};
  if (pos >= to || !text_.IsUpper(pos)) return false;
  for (std::string_view o : kOpeners) {
    if (PhraseAt(key_, o, pos, to)) return true;
  }
  return SkipTitle(text_, pos, to) > pos || OrganizationKeywordAt(text_, pos, to) > 0;
}

// The word before key[pos] (past one space) is capitalized or a title: a name
// is being written.
bool ClauseReader::CapitalizedOrTitleBefore(std::size_t pos, std::size_t from) const {
  if (pos < from + 2 || key_[pos - 1] != ' ') return false;
  std::size_t b = pos - 1;
  while (b > from && IsWordByte(key_[b - 1])) --b;
  if (b + 1 >= pos) return false;
  return text_.IsUpper(b) || SkipTitle(text_, b, pos + 1) > b;
}

// Clauses end at ';', at a '.' that ends a sentence, and before list markers at
// the start of a line.
std::vector<Range> ClauseReader::SplitClauses(std::size_t from, std::size_t to) const {
  std::vector<Range> clauses;
  std::size_t begin = from;
  int depth = 0;
  for (std::size_t i = from; i < to; ++i) {
    const char c = key_[i];
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    bool cut = false;
    std::size_t next = i + 1;
    if (c == ';' && depth == 0) {
      cut = true;
    } else if (c == '.' && (i + 1 >= to || IsSpaceByte(key_[i + 1]))) {
      // Not after an abbreviation in lower case ("tp.", "p."); a capital letter
      // alone before it is a masked name ending the sentence.
      std::size_t j = i;
      while (j > from && IsWordByte(key_[j - 1])) --j;
      const std::string_view w = std::string_view(key_).substr(j, i - j);
      const bool abbreviation = (w == "tp" || w == "tx" || w == "tt" || w == "kp" ||
                                 (w.size() == 1 && !text_.IsUpper(j) && w[0] >= 'a')) &&
                                !(w.size() == 1 && text_.IsUpper(j));
      // A sentence goes on in small letters after a '.' OCR read in it ("200. đồng"),
      // and inside a name in capitals ("Công ty TNHH May Mặc. Hoàng Gia", "ông Tăng.
      // Văn Lợi") unless an order plainly starts after it ("… Nguyễn Văn H. Buộc").
      // A letter alone at the line's end after it is a speck ("đồng). l").
      const std::size_t n = SkipSpaces(key_, i + 1, to);
      std::size_t word_end = n;
      while (word_end < to && IsWordByte(key_[word_end])) ++word_end;
      const bool speck_letter = word_end == n + 1 && (word_end >= to || key_[word_end] == '\n');
      std::size_t digits_end = n;
      while (digits_end < to && key_[digits_end] >= '0' && key_[digits_end] <= '9') ++digits_end;
      const bool list_number = digits_end > n && digits_end < to &&
                               (key_[digits_end] == '.' || key_[digits_end] == ')');
      const bool goes_on =
          n < to && ((key_[n] >= 'a' && key_[n] <= 'z' && !text_.IsUpper(n) && !speck_letter) ||
                     (digits_end > n && !list_number && key_[n - 1] == ' '));  // "ngày. 10/01/2023"
      const bool in_name = j < i && text_.IsUpper(j) && CapitalizedOrTitleBefore(j, from) &&
                           n < to && IsWordByte(key_[n]) && text_.IsUpper(n) &&
                           !OrderStartsAt(n, to);
      cut = !abbreviation && !goes_on && !in_name;
      if (cut) depth = 0;
    } else if (c == '\n' && i + 1 < to) {
      const std::size_t p = SkipSpaces(key_, i + 1, to);
      std::size_t m = p;
      while (m < to && key_[m] >= '0' && key_[m] <= '9') ++m;
      const bool numbered = m > p && m < to && (key_[m] == '.' || key_[m] == ')') && m + 1 < to &&
                            IsSpaceByte(key_[m + 1]);
      const bool lettered = p + 1 < to && key_[p] >= 'a' && key_[p] <= 'z' && key_[p + 1] == ')';
      const bool dashed = p + 1 < to && (key_[p] == '-' || key_[p] == '+') && IsSpaceByte(key_[p + 1]);
      // A line wrapped inside a sentence (OCR output): a dash or number in front of
      // the next line is a speck, unless an order plainly starts there.
      const bool wrapped = i > from && (IsWordByte(key_[i - 1]) || key_[i - 1] == ',');
      const std::size_t q = SkipSpaces(key_, numbered ? m + 1 : lettered ? p + 2 : p + 1, to);
      if ((numbered || lettered || dashed) && (!wrapped || OrderStartsAt(q, to))) {
        cut = true;
        next = p;
        depth = 0;
      }
    }
    if (cut) {
      if (i > begin) clauses.push_back({begin, i});
      begin = next;
    }
  }
  if (to > begin) clauses.push_back({begin, to});
  return clauses;
}

std::vector<bool> ClauseReader::ParenMask(Range r) const {
  std::vector<bool> mask(r.end - r.begin, false);
  int depth = 0;
  for (std::size_t i = r.begin; i < r.end; ++i) {
    if (key_[i] == '(') ++depth;
    mask[i - r.begin] = depth > 0;
    if (key_[i] == ')' && depth > 0) --depth;
  }
  return mask;
}

std::vector<std::string> ClauseReader::PartiesWithRole(PartyRole role) const {
  std::vector<std::string> out;
  for (const model::Party& p : result_.parties) {
    if (p.role != role) continue;
    if (std::find(out.begin(), out.end(), p.name) == out.end()) out.push_back(p.name);
  }
  return out;
}

// The one party a name of two words or more written in the operative part stands
// for when it is not spelled like any: one letter off on the folded key, or the
// party's name cut short ("Mai Văn" for Mai Văn Quý). Masked names ("Trần Thị L",
// "Nguyễn Văn H1") differ by one letter from each other: never matched by distance.
const model::Party* ClauseReader::ApproximateParty(const std::string& name_key) const {
  if (name_key.find(' ') == std::string::npos) return nullptr;
  const model::Party* only = nullptr;
  int count = 0;
  for (const auto& [pk, party] : names_) {
    const bool prefix = pk.size() > name_key.size() && pk.compare(0, name_key.size(), name_key) == 0 &&
                        pk[name_key.size()] == ' ';
    const bool near = !HasMaskedWord(pk) && BoundedEditDistance(pk, name_key, 1) <= 1;
    if (prefix || near) {
      only = party;
      ++count;
    }
  }
  return count == 1 ? only : nullptr;
}

std::vector<Mention> ClauseReader::FindMentions(Range r) const {
  const std::vector<bool> mask = ParenMask(r);
  auto in_paren = [&](std::size_t i) { return i >= r.begin && i < r.end && mask[i - r.begin]; };
  std::vector<Mention> found;
  std::vector<bool> covered(r.end - r.begin, false);
  auto free_range = [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      if (covered[i - r.begin]) return false;
    }
    return true;
  };
  auto cover = [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) covered[i - r.begin] = true;
  };
  // 1. The parties' names, longest first.
  for (const auto& [k, party] : names_) {
    std::size_t at = r.begin;
    while ((at = FindPhrase(key_, k, at, r.end)) != kNpos) {
      const std::size_t e = at + k.size();
      if (!in_paren(at) && free_range(at, e)) {
        found.push_back({at, e, {party->name}, true, false, std::nullopt});
        cover(at, e);
      }
      at = e;
    }
  }
  // 2. Titled names that are not parties (or a party called by the given name).
  for (std::size_t i = r.begin; i < r.end; ++i) {
    if (covered[i - r.begin] || in_paren(i) || (i > r.begin && IsWordByte(key_[i - 1]))) continue;
    const std::size_t after = SkipTitle(text_, i, r.end);
    if (after == i || after >= r.end || !text_.IsUpper(after) || covered[after - r.begin]) continue;
    const std::size_t e = PersonNameEnd(text_, after, r.end);
    if (e <= after || !free_range(after, e)) continue;
    const std::string name = CleanName(text_, after, e);
    const std::string k = NameKey(name);
    Mention m{after, e, {name}, false, false, std::nullopt};
    if (k.find(' ') == std::string::npos) {
      // "ông Tâm": the one party whose given name it is.
      const model::Party* only = nullptr;
      int count = 0;
      for (const auto& [pk, party] : names_) {
        const std::size_t sp = pk.rfind(' ');
        if (party->kind == model::PartyKind::kPerson && sp != std::string::npos &&
            pk.substr(sp + 1) == k) {
          only = party;
          ++count;
        }
      }
      if (count == 1) m = {after, e, {only->name}, true, false, std::nullopt};
    } else if (const model::Party* same = PartyByKey(k)) {
      m = {after, e, {same->name}, true, false, std::nullopt};  // with OCR debris inside
    } else if (const model::Party* party = ApproximateParty(k)) {
      // "bà Bài Xuân Thọ" for Bùi Xuân Thọ, "ông Mai Văn" cut from Mai Văn Quý.
      m = {after, e, {party->name}, true, false, name};
    }
    found.push_back(m);
    cover(after, e);
    i = e;
  }
  // 3. Roles without a name ("buộc bị đơn trả cho nguyên đơn"), organizations by
  // their keyword alone, and the State.
  static const std::array<std::pair<std::string_view, PartyRole>, 11> kRoles = {{
      {"nguoi co quyen loi, nghia vu lien quan", PartyRole::kInterestedParty},
      {"nguoi co quyen loi nghia vu lien quan", PartyRole::kInterestedParty},
      {"nguoi lien quan", PartyRole::kInterestedParty},
      {"nguyen don dan su", PartyRole::kPlaintiff},
      {"nguyen don", PartyRole::kPlaintiff},
      {"bi don dan su", PartyRole::kDefendant},
      {"bi don", PartyRole::kDefendant},
      {"bi cao", PartyRole::kAccused},
      {"nguoi bi hai", PartyRole::kVictim},
      {"bi hai", PartyRole::kVictim},
      {"dai dien hop phap", PartyRole::kRepresentative},
  }};
  for (const auto& [phrase, role] : kRoles) {
    if (role == PartyRole::kRepresentative) continue;
    std::size_t at = r.begin;
    while ((at = FindPhrase(key_, phrase, at, r.end)) != kNpos) {
      const std::size_t e = at + phrase.size();
      if (in_paren(at) || !free_range(at, e)) {
        at = e;
        continue;
      }
      // "bị đơn ông Lê Văn B": the name that follows is the mention.
      std::size_t next = SkipSpaces(key_, e, r.end);
      next = SkipTitle(text_, next, r.end);
      const bool named = next < r.end && covered[next - r.begin];
      cover(at, e);
      if (!named) {
        std::vector<std::string> names = PartiesWithRole(role);
        if (!names.empty()) found.push_back({at, e, names, true, false, std::nullopt});
      }
      at = e;
    }
  }
  for (std::size_t i = r.begin; i < r.end; ++i) {
    if (covered[i - r.begin] || in_paren(i) || (i > r.begin && IsWordByte(key_[i - 1]))) continue;
    std::size_t end = 0;
    if (PhraseAt(key_, "nha nuoc", i, r.end, &end)) {
      found.push_back({i, end, {std::string(model::kStateCreditor)}, true, true, std::nullopt});
      cover(i, end);
      i = end;
      continue;
    }
    const std::size_t len = OrganizationKeywordAt(text_, i, r.end);
    if (len == 0) continue;
    const std::string_view word = std::string_view(key_).substr(i, len);
    const model::Party* only = nullptr;
    int count = 0;
    for (const auto& [pk, party] : names_) {
      if (party->kind == model::PartyKind::kOrganization && pk.rfind(word, 0) == 0) {
        only = party;
        ++count;
      }
    }
    if (count == 1) {
      found.push_back({i, i + len, {only->name}, true, false, std::nullopt});
      cover(i, i + len);
    }
    i += len;
  }
  std::sort(found.begin(), found.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  return found;
}

// The first verb of the clause at or after `from`, outside the mentions.
std::size_t ClauseReader::VerbPosition(Range r, const std::vector<Mention>& mentions,
                                       std::size_t from) const {
  static const std::array<std::string_view, 26> kVerbs = {
      "phai",     "co nghia vu", "co trach nhiem", "lien doi", "tra",     "thanh toan",
      "boi thuong", "cap duong", "chiu",         "nop",      "hoan tra", "hoan lai",
      "giao",     "tich thu",    "tieu huy",      "phat",     "duoc",     "co quyen",
      "thao do",  "di doi",      "xu ly",         "tu nguyen", "nhan",    "chuyen",
      "dong y",   "chia"};
  std::size_t best = r.end;
  for (std::string_view v : kVerbs) {
    std::size_t at = from;
    while ((at = FindPhrase(key_, v, at, best)) != kNpos) {
      bool inside = false;
      for (const Mention& m : mentions) inside = inside || (at >= m.begin && at < m.end);
      if (!inside) {
        best = at;
        break;
      }
      ++at;
    }
  }
  return best;
}

bool ClauseReader::IsLateInterest(Range r) const {
  if (!Has(r, "lai") && !Has(r, "tien lai")) return false;
  if (HasAny(r, {"468", "357", "cham thi hanh", "cham tra", "chua thi hanh"})) return true;
  return HasAny(r, {"ke tu ngay", "ke tu khi"}) &&
         HasAny(r, {"qua han", "tiep tuc chiu", "con phai chiu", "chua thanh toan", "chua tra"});
}

void ClauseReader::MarkLateInterest() {
  for (std::size_t k = interest_from_; k < result_.obligations.size(); ++k) {
    model::Obligation& o = result_.obligations[k];
    const bool money_to_party = o.amount_vnd.has_value() && !model::IsOwedToState(o) &&
                                o.kind != ObligationKind::kAdvanceFeeRefund;
    if (money_to_party) o.late_interest = true;
  }
  interest_from_ = result_.obligations.size();
}

std::optional<std::string> ClauseReader::JoinNames(const std::vector<Mention>& mentions) const {
  std::vector<std::string> names;
  for (const Mention& m : mentions) {
    for (const std::string& n : m.names) {
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
  }
  if (names.empty()) return std::nullopt;
  std::string out = names[0];
  for (std::size_t i = 1; i < names.size(); ++i) out += " và " + names[i];
  return out;
}

void ClauseReader::WarnUnlisted(const std::vector<Mention>& mentions, Range r) {
  for (const Mention& m : mentions) {
    if (m.approximate && warned_approximate_.insert(NameKey(*m.approximate)).second) {
      result_.warnings.push_back({"name_matched_approximately",
                                  "'" + *m.approximate + "' in the operative part was taken for the "
                                  "party '" + m.names[0] + "' (misread or cut by OCR?)",
                                  text_.Span(m.begin, m.end), {}});
    }
    if (m.listed || m.names.empty()) continue;
    const std::string k = NameKey(m.names[0]);
    if (!warned_names_.insert(k).second) continue;
    result_.warnings.push_back({"party_not_listed",
                                "'" + m.names[0] +
                                    "' is named in the operative part but not among the parties",
                                text_.Span(m.begin, m.end), {}});
  }
  (void)r;
}

void ClauseReader::AddObligation(model::Obligation o, Range r,
                                 const std::vector<Mention>& debtors) {
  o.source = text_.Span(r.begin, r.end);
  o.initiative = model::DefaultInitiative(o);
  if (!o.debtor) {
    result_.warnings.push_back({"debtor_unknown",
                                "an obligation (" + std::string(model::ToString(o.kind)) +
                                    ") names no debtor that could be read",
                                o.source, {}});
  } else {
    for (const Mention& m : debtors) {
      if (m.listed || m.names.empty()) continue;
      warned_names_.insert(NameKey(m.names[0]));
      result_.warnings.push_back({"debtor_not_party",
                                  "the debtor '" + m.names[0] + "' is not among the parties",
                                  o.source, {}});
    }
  }
  result_.obligations.push_back(std::move(o));
}

void ClauseReader::ReadFees(Range r, const std::vector<Mention>& mentions) {
  enum Category { kFee = 0, kAdvance, kRefund, kRemainder, kNone };
  // What an amount is, from the words since the previous amount, in this order.
  const std::array<std::pair<Category, std::vector<std::string_view>>, 4> kContext = {{
      {kRemainder, {"con phai nop", "con phai chiu", "nop tiep", "nop them", "con lai"}},
      {kRefund, {"hoan tra", "tra lai", "nhan lai", "hoan lai", "duoc nhan", "duoc hoan"}},
      {kNone, {"khong phai", "mien"}},
      {kAdvance, {"tam ung", "khau tru", "duoc tru", "tru vao", "da nop"}},
  }};
  if (auto office = FindOffice(text_, r.begin, r.end)) last_office_ = office;
  const std::size_t verb = VerbPosition(r, mentions, r.begin);
  std::vector<Mention> before;
  std::vector<Mention> after;
  for (const Mention& m : mentions) (m.begin < verb ? before : after).push_back(m);
  const bool each = HasAny(r, {"moi nguoi", "moi ben", "moi bi cao", "moi duong su"});
  const bool receive = HasAny(r, {"duoc nhan", "duoc hoan", "nhan lai"});

  std::vector<const Amount*> fees;
  std::vector<const Amount*> advances;
  const Amount* remainder = nullptr;
  const Amount* refund = nullptr;
  const std::vector<bool> mask = ParenMask(r);
  std::size_t prev_end = r.begin;
  for (const Amount& a : amounts_) {
    if (a.begin < r.begin || a.begin >= r.end) continue;
    if (mask[a.begin - r.begin]) continue;
    const std::size_t from =
        std::max(prev_end, a.begin > kContextWindow ? a.begin - kContextWindow : 0);
    int cat = -1;
    for (const auto& [category, phrases] : kContext) {
      for (std::string_view p : phrases) {
        if (cat < 0 && FindPhrase(key_, p, from, a.begin) != kNpos) cat = category;
      }
    }
    // Right after the amount: "300.000 đồng tiền tạm ứng án phí".
    if (cat < 0) {
      const std::size_t look = std::min(r.end, a.end + 30);
      const std::size_t next = SkipSpaces(key_, a.end, look);
      if (PhraseAt(key_, "tien tam ung", next, look) || PhraseAt(key_, "tam ung", next, look)) {
        cat = kAdvance;
      }
    }
    if (cat < 0) cat = kFee;
    switch (cat) {
      case kFee: fees.push_back(&a); break;
      case kAdvance: advances.push_back(&a); break;
      case kRefund: refund = &a; break;
      case kRemainder: remainder = &a; break;
      default: break;
    }
    prev_end = a.end;
  }

  // an_phi: the amount still owed after the advance.
  std::vector<Mention> debtors = before;
  if (debtors.empty() && !after.empty() && !fees.empty()) debtors.push_back(after.front());
  auto add_fee = [&](std::optional<std::int64_t> amount, const Amount* shown) {
    auto add_one = [&](const std::vector<Mention>& who) {
      model::Obligation o;
      o.kind = ObligationKind::kCourtFee;
      o.debtor = JoinNames(who);
      o.creditor = std::string(model::kStateCreditor);
      o.amount_vnd = amount;
      if (shown && shown->words && shown->value == amount) o.amount_words = shown->words;
      AddObligation(std::move(o), r, who);
      last_fee_ = result_.obligations.size() - 1;
    };
    std::size_t names = 0;
    for (const Mention& m : debtors) names += m.names.size();
    if (each && names > 1) {
      for (const Mention& m : debtors) {
        for (const std::string& n : m.names) add_one({Mention{m.begin, m.end, {n}, m.listed, false, std::nullopt}});
      }
    } else {
      add_one(debtors);
    }
  };
  if (remainder && remainder->value) {
    add_fee(remainder->value, remainder);
  } else if (!fees.empty() && !advances.empty()) {
    std::int64_t fee = 0;
    std::int64_t paid = 0;
    for (const Amount* a : fees) fee += a->value.value_or(0);
    for (const Amount* a : advances) paid += a->value.value_or(0);
    if (fee > paid) add_fee(fee - paid, nullptr);
  } else {
    for (const Amount* a : fees) add_fee(a->value, a);
  }

  // hoan_tra_tam_ung_an_phi: the office refunds a party.
  if (refund) {
    model::Obligation o;
    o.kind = ObligationKind::kAdvanceFeeRefund;
    std::optional<Office> office = FindOffice(text_, r.begin, r.end);
    if (!office) office = last_office_;
    if (office) {
      o.debtor = office->name;
      if (office->written && warned_offices_.insert(office->name).second) {
        result_.warnings.push_back({"office_respelled",
                                    "the enforcement office written '" + *office->written +
                                        "' (misread by OCR?) was read as '" + office->name + "'",
                                    text_.Span(office->begin, office->end), {}});
      }
    }
    std::vector<Mention> creditors;
    if (receive && !before.empty()) {
      creditors = before;
    } else {
      for (const Mention& m : mentions) {
        if (m.begin > verb && !m.state) {
          creditors.push_back(m);
          break;
        }
      }
      if (creditors.empty() && !before.empty()) creditors = before;
    }
    o.creditor = JoinNames(creditors);
    o.amount_vnd = refund->value;
    o.amount_words = refund->words;
    o.source = text_.Span(r.begin, r.end);
    o.initiative = model::DefaultInitiative(o);
    if (!o.debtor) {
      result_.warnings.push_back({"office_unknown",
                                  "a refund of the advance fee names no enforcement office",
                                  o.source, {}});
    }
    result_.obligations.push_back(std::move(o));
  }
}

void ClauseReader::ReadClause(Range r) {
  // List markers and labels in front.
  std::size_t b = SkipSpaces(key_, r.begin, r.end);
  while (b < r.end && (key_[b] == '-' || key_[b] == '+' || key_[b] == '*' ||
                       (key_[b] >= '0' && key_[b] <= '9') || key_[b] == '.' || key_[b] == ')' ||
                       key_[b] == ' ' || key_[b] == '\n')) {
    ++b;
  }
  if (b + 1 < r.end && key_[b + 1] == ')' && key_[b] >= 'a' && key_[b] <= 'z') b += 2;
  r.begin = SkipSpaces(key_, b, r.end);
  if (r.begin >= r.end) return;

  // The late-payment interest clause, possibly after an order in the same clause.
  if (IsLateInterest(r)) {
    std::size_t k = Find(r, "ke tu");
    if (k == kNpos) k = Find(r, "truong hop");
    if (k != kNpos && k > r.begin && !FindAmounts(text_, r.begin, k).empty()) {
      ReadClause({r.begin, k});
    }
    MarkLateInterest();
    return;
  }

  // Orders framed by "Chấp nhận ...", "Sửa ...", "Công nhận ...": the order itself
  // follows "buộc" or the ':'; otherwise the clause creates nothing.
  static const std::array<std::string_view, 21> kFrames = {
      "chap nhan",   "khong chap nhan", "bac",        "dinh chi",  "sua",
      "giu nguyen",  "huy",             "can cu",     "ap dung",   "xu",
      "tuyen bo",    "cong nhan",       "xac nhan",   "ghi nhan",  "cac quyet dinh",
      "ban an",      "quyet dinh nay",  "tuyen xu",   "dinh chi",  "ve viec",
      "tam dinh chi"};
  bool framed = false;
  for (std::string_view f : kFrames) framed = framed || PhraseAt(key_, f, r.begin, r.end);
  if (!framed) {
    // A list number OCR misread as letters in capitals ("ƠI Đình chỉ" for "2. Đình chỉ").
    std::size_t t = r.begin;
    while (t < r.end && IsWordByte(key_[t]) && (text_.IsUpper(t) || key_[t] < 'a')) ++t;
    if (t > r.begin && t - r.begin <= 2 && t < r.end && key_[t] == ' ') {
      const std::size_t after = t + 1;
      for (std::string_view f : kFrames) {
        if (PhraseAt(key_, f, after, r.end) && text_.IsUpper(after)) {
          r.begin = after;
          framed = true;
          break;
        }
      }
    }
  }
  if (framed) {
    std::size_t buoc = r.begin;
    std::size_t start = kNpos;
    while ((buoc = FindPhrase(key_, "buoc", buoc, r.end)) != kNpos) {
      const std::size_t look = buoc >= 12 ? buoc - 12 : r.begin;
      const bool claim = FindPhrase(key_, "ve viec", std::max(look, r.begin), buoc) != kNpos ||
                         FindPhrase(key_, "yeu cau", std::max(look, r.begin), buoc) != kNpos;
      if (!claim) {
        start = buoc;
        break;
      }
      buoc += 4;
    }
    if (start == kNpos && PhraseAt(key_, "ghi nhan", r.begin, r.end)) {
      const std::size_t tn = Find(r, "tu nguyen");
      if (tn != kNpos && !Has(r, "da ")) start = tn + 9;
    }
    if (start == kNpos) {
      std::size_t colon = r.begin;
      while (colon < r.end && key_[colon] != ':') ++colon;
      if (colon + 1 < r.end && !PhraseAt(key_, "can cu", r.begin, r.end)) start = colon + 1;
    }
    if (start == kNpos || PhraseAt(key_, "khong chap nhan", r.begin, r.end) ||
        PhraseAt(key_, "bac", r.begin, r.end)) {
      return;
    }
    r.begin = SkipSpaces(key_, start, r.end);
    if (r.begin >= r.end) return;
  }
  // "Về án phí:", "Về trách nhiệm dân sự:" labels stay in the clause: harmless.

  const std::vector<Mention> mentions = FindMentions(r);
  // Names not among the parties, once the debtors have had their own warning.
  struct WarnAtEnd {
    ClauseReader* reader;
    const std::vector<Mention>* mentions;
    Range range;
    ~WarnAtEnd() { reader->WarnUnlisted(*mentions, range); }
  } warn_at_end{this, &mentions, r};

  // Custody: not an obligation the office enforces, but it names who receives support.
  if (Has(r, "nuoi") && !Has(r, "cap duong") && (Has(r, "giao") || Has(r, "truc tiep"))) {
    for (const Mention& m : mentions) {
      if (!m.state) {
        custodian_ = m.names.front();
        const std::size_t cho = Find(r, "cho");
        if (cho != kNpos && m.begin < cho) continue;
        break;
      }
    }
    return;
  }

  const bool refund_words = HasAny(r, {"hoan tra", "tra lai", "nhan lai", "hoan lai"});
  // After a fee clause, "; bà B phải chịu 2.250.000 đồng" is a fee too.
  const bool fee = HasAny(r, {"an phi", "le phi"}) ||
                   (after_fee_clause_ && (refund_words || HasAny(r, {"chiu", "nop"})));
  const bool costs = Has(r, "chi phi") &&
                     HasAny(r, {"to tung", "tham dinh", "dinh gia", "giam dinh", "xem xet",
                                "do dac", "uy thac", "luat su"});
  if (fee && !costs) {
    ReadFees(r, mentions);
    fee_clause_ = true;
    return;
  }

  // Where the debtor is named: after "Buộc", else from the clause start.
  std::size_t subject_from = r.begin;
  const std::size_t buoc = Find(r, "buoc");
  if (buoc != kNpos) subject_from = buoc + 4;
  std::size_t verb_from = subject_from;
  for (const Mention& m : mentions) {
    if (m.begin >= subject_from) {
      if (buoc != kNpos) verb_from = m.end;
      break;
    }
  }
  const std::size_t verb = VerbPosition(r, mentions, verb_from);
  std::vector<Mention> debtors;
  std::vector<Mention> others;
  for (const Mention& m : mentions) {
    if (m.state) continue;
    if (m.begin >= subject_from && m.begin < verb) {
      debtors.push_back(m);
    } else if (m.begin >= verb) {
      others.push_back(m);
    }
  }

  // A clause naming nobody right after a money order is a detail of it: an
  // instalment ("Đợt 2: trả 40.000.000 đồng ..."), a breakdown, a deadline.
  bool names_someone = false;
  for (const Mention& m : mentions) names_someone = names_someone || !m.state;
  const bool own_order = HasAny(r, {"buoc", "tich thu", "tieu huy", "phat", "cap duong",
                                    "boi thuong", "giao", "thao do", "xu ly", "sung quy"});
  if (last_money_ && !names_someone && !own_order) {
    if (HasAny(r, {"dot", "lan thu", "ky", "lan 1", "lan 2", "lan 3"})) {
      model::Obligation& prev = result_.obligations[*last_money_];
      prev.period = model::PaymentPeriod::kInstallments;
      if (installments_only_.count(*last_money_) != 0 && prev.amount_vnd) {
        for (const Amount& a : amounts_) {
          if (a.begin >= r.begin && a.begin < r.end) *prev.amount_vnd += a.value.value_or(0);
        }
      }
    }
    return;
  }

  // The kind.
  const bool support = Has(r, "cap duong");
  const bool destroy = Has(r, "tieu huy");
  const bool confiscate = Has(r, "tich thu") && !destroy;
  // A fine (phạt tiền) is a penalty to the State; a contract penalty (tiền phạt vi
  // phạm hợp đồng) is owed to a party and is paid like a debt.
  const bool contract_penalty = HasAny(r, {"phat vi pham", "tien phat", "phat hop dong"});
  const bool fine = (Has(r, "phat") && Has(r, "sung quy") && !Has(r, "phat mai")) ||
                    (!contract_penalty &&
                     HasAny(r, {"phat tien", "hinh phat bo sung", "phat bi cao", "phat bo sung"}));
  const bool collateral =
      HasAny(r, {"xu ly tai san", "phat mai", "ban dau gia", "ke bien", "xu ly quyen su dung"}) &&
      HasAny(r, {"the chap", "bao dam", "cam co", "bao lanh"});
  const bool compensation = Has(r, "boi thuong");
  const bool hand_over = HasAny(r, {"giao", "ban giao", "tra lai"}) && !Has(r, "giao dich") &&
                         !Has(r, "giao ket") &&
                         HasAny(r, {"quyen su dung", "thua dat", "nha", "xe", "tai san", "dien tich",
                                    "can ho", "dat", "hang hoa", "may", "vang"});
  const bool other_act = HasAny(r, {"thao do", "di doi", "di chuyen", "khoi phuc", "mo loi",
                                    "tro lai lam viec", "cham dut hanh vi", "tra lai giay",
                                    "tra lai ban chinh", "tra lai so", "xoa dang ky"});
  const bool pays = HasAny(r, {"tra", "thanh toan", "hoan tra", "tra no", "chi tra", "hoan lai",
                               "giao", "nop", "chuyen"});
  const bool to_state = Has(r, "sung quy");

  std::vector<const Amount*> amounts;
  const std::vector<bool> mask = ParenMask(r);
  for (const Amount& a : amounts_) {
    if (a.begin >= r.begin && a.begin < r.end && !mask[a.begin - r.begin]) amounts.push_back(&a);
  }

  model::Obligation o;
  if (support) {
    o.kind = ObligationKind::kSupport;
  } else if (destroy) {
    o.kind = ObligationKind::kDestruction;
  } else if (confiscate) {
    o.kind = ObligationKind::kConfiscation;
  } else if (fine && !amounts.empty()) {
    o.kind = ObligationKind::kFine;
  } else if (collateral) {
    o.kind = ObligationKind::kOther;
  } else if (costs) {
    o.kind = ObligationKind::kProceduralCosts;
  } else if (compensation && !amounts.empty()) {
    o.kind = ObligationKind::kCompensation;
  } else if (other_act && amounts.empty()) {
    o.kind = ObligationKind::kOther;
  } else if (hand_over && amounts.empty()) {
    o.kind = ObligationKind::kHandOverProperty;
  } else if (pays && !amounts.empty()) {
    o.kind = to_state ? ObligationKind::kOther : ObligationKind::kPayDebt;
  } else {
    // No order here; a detail of the previous one ("đợt 2: 40.000.000 đồng")?
    if (last_money_ && debtors.empty() && !amounts.empty() &&
        HasAny(r, {"dot", "lan thu", "ky", "thang", "ngay"})) {
      model::Obligation& prev = result_.obligations[*last_money_];
      prev.period = model::PaymentPeriod::kInstallments;
      if (installments_only_.count(*last_money_) != 0 && prev.amount_vnd) {
        for (const Amount* a : amounts) *prev.amount_vnd += a->value.value_or(0);
      }
    }
    return;
  }

  const bool state_kind = o.kind == ObligationKind::kFine ||
                          o.kind == ObligationKind::kConfiscation ||
                          o.kind == ObligationKind::kDestruction || to_state;
  const bool acts_on = state_kind;  // "Phạt bị cáo A", "Tịch thu của bị cáo A"
  if (debtors.empty() && acts_on && !others.empty()) {
    debtors.push_back(others.front());
    others.erase(others.begin());
  }
  if (debtors.empty() && state_kind) {
    const std::vector<std::string> accused = PartiesWithRole(PartyRole::kAccused);
    if (accused.size() == 1) debtors.push_back({r.begin, r.begin, accused, true, false, std::nullopt});
  }

  if (o.kind == ObligationKind::kOther && collateral) {
    // The creditor may sell the collateral: the debtor is whose asset it is.
    const std::size_t quyen = Find(r, "co quyen");
    std::vector<Mention> owners;
    std::optional<std::string> creditor;
    for (const Mention& m : mentions) {
      if (m.state) continue;
      if (quyen != kNpos && m.begin < quyen) {
        creditor = m.names.front();
      }
    }
    const std::size_t asset = std::min(Find(r, "the chap"), Find(r, "bao dam"));
    for (const Mention& m : mentions) {
      if (m.state || (creditor && m.names.front() == *creditor)) continue;
      if (asset != kNpos && m.begin > asset) owners.push_back(m);
    }
    if (owners.empty()) {
      for (const Mention& m : mentions) {
        if (m.state || (creditor && m.names.front() == *creditor)) continue;
        if (quyen == kNpos || m.begin < quyen) owners.push_back(m);
      }
    }
    o.debtor = JoinNames(owners);
    o.creditor = creditor;
    AddObligation(std::move(o), r, owners);
    return;
  }

  o.debtor = JoinNames(debtors);
  if (state_kind) {
    o.creditor = std::string(model::kStateCreditor);
  } else {
    std::set<std::string> debtor_names;
    for (const Mention& m : debtors) debtor_names.insert(m.names.begin(), m.names.end());
    for (const Mention& m : others) {
      if (!debtor_names.count(m.names.front())) {
        o.creditor = m.names.front();
        if (m.names.size() > 1) o.creditor = JoinNames({m});
        break;
      }
    }
    if (!o.creditor && o.kind == ObligationKind::kSupport) {
      if (custodian_ && !debtor_names.count(*custodian_)) {
        o.creditor = custodian_;
      } else {
        // The other spouse: the one plaintiff or defendant who is not the debtor.
        std::vector<std::string> spouses;
        for (PartyRole role : {PartyRole::kPlaintiff, PartyRole::kDefendant}) {
          for (const std::string& n : PartiesWithRole(role)) {
            if (!debtor_names.count(n)) spouses.push_back(n);
          }
        }
        if (spouses.size() == 1) o.creditor = spouses.front();
      }
    }
  }

  if (o.kind == ObligationKind::kHandOverProperty || o.kind == ObligationKind::kConfiscation ||
      o.kind == ObligationKind::kDestruction ||
      (o.kind == ObligationKind::kOther && amounts.empty())) {
    AddObligation(std::move(o), r, debtors);
    return;
  }

  // The amount: a stated total, else what is still owed, else the one amount
  // before the breakdown; instalments add up when nothing else is stated.
  enum { kTotal = 0, kRest, kPaid, kBreakdown, kInstalment, kMonthlyWord };
  const std::vector<std::pair<std::string_view, int>> kContext = {
      {"tong cong", kTotal},  {"tong so", kTotal},     {"tong", kTotal},
      {"cong", kTotal},       {"con phai", kRest},     {"con lai", kRest},
      {"con no", kRest},      {"tiep tuc", kRest},     {"da tra", kPaid},
      {"da boi thuong", kPaid}, {"da nop", kPaid},     {"da thanh toan", kPaid},
      {"da khac phuc", kPaid}, {"da nhan", kPaid},     {"trong do", kBreakdown},
      {"gom", kBreakdown},    {"bao gom", kBreakdown}, {"cu the", kBreakdown},
      {"dot", kInstalment},   {"lan thu", kInstalment}, {"ky", kInstalment}};
  const Amount* total = nullptr;
  const Amount* rest = nullptr;
  std::vector<const Amount*> main;
  std::vector<const Amount*> instalments;
  bool in_breakdown = false;
  bool in_instalments = false;
  std::size_t prev_end = r.begin;
  for (const Amount* a : amounts) {
    const std::size_t from = std::max(prev_end, a->begin > 30 ? a->begin - 30 : 0);
    const int cat = ClosestBefore(from, a->begin, kContext);
    prev_end = a->end;
    if (cat == kBreakdown) in_breakdown = true;
    if (cat == kInstalment) in_instalments = true;
    if (cat == kTotal && !total) {
      total = a;
    } else if (cat == kRest && !rest) {
      rest = a;
    } else if (cat == kPaid) {
      continue;
    } else if (in_instalments) {
      instalments.push_back(a);
    } else if (!in_breakdown) {
      main.push_back(a);
    }
  }
  const Amount* chosen = total ? total : rest;
  amount_is_rest_ = !total && rest;
  if (!chosen && main.size() == 1) chosen = main.front();
  if (chosen) {
    o.amount_vnd = chosen->value;
    o.amount_words = chosen->words;
  } else if (main.size() > 1) {
    std::int64_t sum = 0;
    for (const Amount* a : main) sum += a->value.value_or(0);
    o.amount_vnd = sum;
    result_.warnings.push_back({"amount_summed",
                                "several amounts and no stated total; their sum " +
                                    text::FormatMoney(sum) + " was taken",
                                text_.Span(r.begin, r.end), {}});
  } else if (!instalments.empty()) {
    std::int64_t sum = 0;
    for (const Amount* a : instalments) sum += a->value.value_or(0);
    o.amount_vnd = sum;
    installments_only_.insert(result_.obligations.size());
  }
  if (o.kind == ObligationKind::kSupport) {
    const bool monthly = (chosen && chosen->monthly) ||
                         HasAny(r, {"moi thang", "hang thang", "/thang", "thang"});
    const bool once = Has(r, "mot lan");
    o.period = monthly && !once ? model::PaymentPeriod::kMonthly : model::PaymentPeriod::kOnce;
  } else if (!instalments.empty() || in_instalments ||
             HasAny(r, {"chia lam", "tra dan", "tra gop", "moi thang tra", "hang thang tra",
                        "theo tung dot", "thanh nhieu dot", "lam nhieu dot"})) {
    o.period = model::PaymentPeriod::kInstallments;
  }
  AddObligation(std::move(o), r, debtors);
  if (result_.obligations.back().amount_vnd) last_money_ = result_.obligations.size() - 1;
}

void ClauseReader::Read(std::size_t from, std::size_t to) {
  amounts_ = FindAmounts(text_, from, to);
  for (const Amount& a : amounts_) {
    if (a.warning) result_.warnings.push_back(*a.warning);
  }
  for (Range r : SplitClauses(from, to)) {
    const std::size_t before = result_.obligations.size();
    fee_clause_ = false;
    amount_is_rest_ = false;
    ReadClause(r);
    after_fee_clause_ = fee_clause_;
    // "...; bị cáo đã bồi thường 25.000.000 đồng, còn phải bồi thường tiếp 40.000.000
    // đồng": what is still owed revises the order just read, it is not a second one.
    if (amount_is_rest_ && before > 0 && result_.obligations.size() == before + 1 &&
        before == previous_count_ + 1) {
      model::Obligation& prev = result_.obligations[before - 1];
      const model::Obligation& now = result_.obligations[before];
      if (prev.kind == now.kind && prev.debtor == now.debtor && prev.amount_vnd) {
        prev.amount_vnd = now.amount_vnd;
        prev.amount_words = now.amount_words;
        result_.obligations.pop_back();
      }
    }
    previous_count_ = before;
    // A continuation ("bị đơn còn phải nộp 2.500.000 đồng") after a fee.
    if (result_.obligations.size() == before && last_fee_ &&
        HasAny(r, {"con phai nop", "con phai chiu", "nop tiep", "nop them"})) {
      for (const Amount& a : amounts_) {
        if (a.begin >= r.begin && a.begin < r.end && a.value) {
          result_.obligations[*last_fee_].amount_vnd = a.value;
          result_.obligations[*last_fee_].amount_words = a.words;
          break;
        }
      }
    }
    if (result_.obligations.size() > before) {
      const ObligationKind k = result_.obligations.back().kind;
      if (k != ObligationKind::kCourtFee) last_fee_.reset();
      if (k == ObligationKind::kCourtFee || k == ObligationKind::kAdvanceFeeRefund) {
        last_money_.reset();
      }
    }
  }
}

}  // namespace

void ReadObligations(const PreparedText& text, const Sections& sections,
                     model::ExtractionResult& result) {
  if (sections.operative_begin == kNpos) return;
  const std::size_t from = std::min(sections.operative_begin, text.size());
  const std::size_t to = std::min(sections.operative_end, text.size());
  if (from >= to) return;
  ClauseReader reader(text, result);
  reader.Read(from, to);
}

}  // namespace thads::extract
