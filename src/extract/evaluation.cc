#include "extract/evaluation.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "extract/extractor.h"
#include "model/json_io.h"
#include "text/dates.h"
#include "text/money.h"
#include "text/normalize.h"

namespace thads::extract {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kGoldSuffix = ".expected.json";
constexpr std::size_t kMaxFileBytes = 64 * 1024 * 1024;

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path.string() + ": cannot open");
  std::string data;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    data.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (data.size() > kMaxFileBytes) return Status::Invalid(path.string() + ": file too large");
  }
  return data;
}

std::string PartyKey(const model::Party& p) {
  return std::string(model::ToString(p.role)) + "|" + ComparisonKey(p.name);
}

std::string ObligationKey(const model::Obligation& o) {
  return std::string(model::ToString(o.kind)) + "|" + ComparisonKey(o.debtor.value_or("")) + "|" +
         (o.amount_vnd ? std::to_string(*o.amount_vnd) : "null");
}

Score Match(const std::vector<std::string>& gold, const std::vector<std::string>& got) {
  std::multiset<std::string> remaining(gold.begin(), gold.end());
  Score s;
  for (const std::string& k : got) {
    auto it = remaining.find(k);
    if (it != remaining.end()) {
      ++s.true_positives;
      remaining.erase(it);
    } else {
      ++s.false_positives;
    }
  }
  s.false_negatives = static_cast<int>(remaining.size());
  return s;
}

std::string Show(const std::optional<std::string>& s) { return s ? "\"" + *s + "\"" : "null"; }

std::string FoldedOrNull(const std::optional<std::string>& s) {
  return s ? text::FoldForSearch(*s) : std::string("\x01null");
}

std::string PartyLine(const model::Party& p) {
  std::string out = std::string(model::ToString(p.role)) + " " + p.name + " (" +
                    std::string(model::ToString(p.kind));
  if (p.birth_year) out += ", " + std::to_string(*p.birth_year);
  if (p.represents) out += ", for " + *p.represents;
  return out + ")";
}

std::string ObligationLine(const model::Obligation& o) {
  std::string out = std::string(model::ToString(o.kind)) + " " + o.debtor.value_or("?") +
                    " -> " + o.creditor.value_or("?") + " " +
                    (o.amount_vnd ? text::FormatMoney(*o.amount_vnd) : "null") + " " +
                    std::string(model::ToString(o.period));
  if (o.late_interest) out += " +interest";
  return out;
}

std::string Percent(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

void AddTo(GroupScore& g, const CaseEvaluation& c) {
  ++g.cases;
  g.parties += c.parties;
  g.obligations += c.obligations;
}

}  // namespace

double Score::Precision() const {
  const int n = true_positives + false_positives;
  return n == 0 ? 1.0 : static_cast<double>(true_positives) / n;  // nothing produced, nothing wrong
}

double Score::Recall() const {
  const int n = true_positives + false_negatives;
  return n == 0 ? 1.0 : static_cast<double>(true_positives) / n;  // nothing expected, nothing missed
}

double Score::F1() const {
  const double p = Precision();
  const double r = Recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

Score& Score::operator+=(const Score& other) {
  true_positives += other.true_positives;
  false_positives += other.false_positives;
  false_negatives += other.false_negatives;
  return *this;
}

std::string ComparisonKey(std::string_view name) {
  if (text::FindInvalidUtf8(name) != std::string_view::npos) return std::string(name);
  const std::string lower = text::ToneKey(text::ToLowerVi(text::ToNfc(name)));
  std::string out;
  for (char c : lower) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Score ScoreParties(const model::ExtractionResult& gold, const model::ExtractionResult& got) {
  std::vector<std::string> g;
  std::vector<std::string> e;
  for (const auto& p : gold.parties) g.push_back(PartyKey(p));
  for (const auto& p : got.parties) e.push_back(PartyKey(p));
  return Match(g, e);
}

Score ScoreObligations(const model::ExtractionResult& gold, const model::ExtractionResult& got) {
  std::vector<std::string> g;
  std::vector<std::string> e;
  for (const auto& o : gold.obligations) g.push_back(ObligationKey(o));
  for (const auto& o : got.obligations) e.push_back(ObligationKey(o));
  return Match(g, e);
}

std::vector<std::string> Differences(const model::ExtractionResult& gold,
                                     const model::ExtractionResult& got) {
  std::vector<std::string> out;
  const model::CourtDocument& a = gold.document;
  const model::CourtDocument& b = got.document;
  // The court and subject compare folded: a heading without marks reads the same.
  if (FoldedOrNull(a.court) != FoldedOrNull(b.court)) {
    out.push_back("court: expected " + Show(a.court) + ", got " + Show(b.court));
  }
  if (FoldedOrNull(a.subject) != FoldedOrNull(b.subject)) {
    out.push_back("subject: expected " + Show(a.subject) + ", got " + Show(b.subject));
  }
  if (a.number != b.number) {
    out.push_back("number: expected " + Show(a.number) + ", got " + Show(b.number));
  }
  auto date = [](const std::optional<text::Date>& d) {
    return d && d->ok() ? text::FormatIsoDate(*d) : std::string("null");
  };
  if (date(a.date) != date(b.date)) {
    out.push_back("date: expected " + date(a.date) + ", got " + date(b.date));
  }
  auto opt = [](const auto& v) { return v ? std::string(model::ToString(*v)) : std::string("null"); };
  if (opt(a.kind) != opt(b.kind)) out.push_back("kind: expected " + opt(a.kind) + ", got " + opt(b.kind));
  if (opt(a.level) != opt(b.level)) {
    out.push_back("level: expected " + opt(a.level) + ", got " + opt(b.level));
  }
  if (opt(a.case_type) != opt(b.case_type)) {
    out.push_back("case_type: expected " + opt(a.case_type) + ", got " + opt(b.case_type));
  }

  // Parties, in full.
  std::multiset<std::string> gp;
  std::multiset<std::string> ep;
  auto party_full = [](const model::Party& p) {
    return PartyKey(p) + "|" + std::string(model::ToString(p.kind)) + "|" +
           (p.birth_year ? std::to_string(*p.birth_year) : "-") + "|" +
           ComparisonKey(p.represents.value_or(""));
  };
  std::map<std::string, const model::Party*> gold_party;
  std::map<std::string, const model::Party*> got_party;
  for (const auto& p : gold.parties) {
    gp.insert(party_full(p));
    gold_party[party_full(p)] = &p;
  }
  for (const auto& p : got.parties) {
    ep.insert(party_full(p));
    got_party[party_full(p)] = &p;
  }
  for (const auto& k : gp) {
    if (gp.count(k) > ep.count(k)) out.push_back("missing party: " + PartyLine(*gold_party[k]));
  }
  for (const auto& k : ep) {
    if (ep.count(k) > gp.count(k)) out.push_back("unexpected party: " + PartyLine(*got_party[k]));
  }
  // Duplicated lines above for multisets are harmless; keep each once.
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());

  // Obligations, in full.
  auto obligation_full = [](const model::Obligation& o) {
    return ObligationKey(o) + "|" + ComparisonKey(o.creditor.value_or("")) + "|" +
           std::string(model::ToString(o.period)) + "|" + (o.late_interest ? "i" : "-");
  };
  std::multiset<std::string> go;
  std::multiset<std::string> eo;
  std::map<std::string, const model::Obligation*> gold_ob;
  std::map<std::string, const model::Obligation*> got_ob;
  for (const auto& o : gold.obligations) {
    go.insert(obligation_full(o));
    gold_ob[obligation_full(o)] = &o;
  }
  for (const auto& o : got.obligations) {
    eo.insert(obligation_full(o));
    got_ob[obligation_full(o)] = &o;
  }
  std::set<std::string> done;
  for (const auto& k : go) {
    if (go.count(k) > eo.count(k) && done.insert("g" + k).second) {
      out.push_back("missing obligation: " + ObligationLine(*gold_ob[k]));
    }
  }
  for (const auto& k : eo) {
    if (eo.count(k) > go.count(k) && done.insert("e" + k).second) {
      out.push_back("unexpected obligation: " + ObligationLine(*got_ob[k]));
    }
  }

  std::set<std::string> gw;
  std::set<std::string> ew;
  for (const auto& w : gold.warnings) gw.insert(w.code);
  for (const auto& w : got.warnings) ew.insert(w.code);
  for (const auto& c : gw) {
    if (!ew.count(c)) out.push_back("missing warning: " + c);
  }
  for (const auto& w : got.warnings) {
    if (!gw.count(w.code)) out.push_back("unexpected warning: " + w.code + ": " + w.message);
  }
  return out;
}

Result<EvaluationReport> EvaluateCorpus(const std::string& gold_dir, const std::string& text_dir) {
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(gold_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    if (file.size() > kGoldSuffix.size() &&
        file.compare(file.size() - kGoldSuffix.size(), kGoldSuffix.size(), kGoldSuffix) == 0) {
      names.push_back(file.substr(0, file.size() - kGoldSuffix.size()));
    }
  }
  if (ec) return Status::IoError(gold_dir + ": cannot list the folder: " + ec.message());
  if (names.empty()) return Status::NotFound(gold_dir + ": no *.expected.json case");
  std::sort(names.begin(), names.end());

  std::set<std::string> held_out;
  if (fs::exists(fs::path(gold_dir) / "holdout.txt", ec)) {
    auto list = ReadFile(fs::path(gold_dir) / "holdout.txt");
    if (!list.ok()) return list.status();
    std::istringstream lines(*list);
    std::string line;
    while (std::getline(lines, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (!line.empty() && line[0] != '#') held_out.insert(line);
    }
  }

  EvaluationReport report;
  report.development.group = "development";
  report.held_out.group = "held-out";
  report.overall.group = "overall";
  std::map<std::string, GroupScore> by_type;
  for (const std::string& name : names) {
    const fs::path gold_path = fs::path(gold_dir) / (name + std::string(kGoldSuffix));
    auto gold_bytes = ReadFile(gold_path);
    if (!gold_bytes.ok()) return gold_bytes.status();
    auto gold = model::ParseExtractionJson(*gold_bytes, gold_path.string());
    if (!gold.ok()) return gold.status();

    CaseEvaluation c;
    c.name = name;
    c.held_out = held_out.count(name) != 0;
    c.case_type = gold->document.case_type ? std::string(model::ToString(*gold->document.case_type))
                                           : "?";
    model::ExtractionResult got;
    const fs::path text_path = fs::path(text_dir) / (name + ".txt");
    auto text_bytes = ReadFile(text_path);
    if (!text_bytes.ok()) {
      c.error = text_bytes.status().message();
    } else {
      auto extracted = Extract(*text_bytes, text_path.string());
      if (!extracted.ok()) {
        c.error = extracted.status().message();
      } else {
        got = std::move(*extracted);
      }
    }
    c.parties = ScoreParties(*gold, got);
    c.obligations = ScoreObligations(*gold, got);
    c.differences = Differences(*gold, got);
    GroupScore& g = by_type[c.case_type];
    g.group = c.case_type;
    AddTo(g, c);
    AddTo(c.held_out ? report.held_out : report.development, c);
    AddTo(report.overall, c);
    report.cases.push_back(std::move(c));
  }
  for (auto& [type, g] : by_type) report.by_case_type.push_back(g);
  return report;
}

std::string FormatReport(const EvaluationReport& report, bool verbose) {
  std::ostringstream out;
  auto row = [&](const GroupScore& g) {
    char line[200];
    std::snprintf(line, sizeof line, "%-12s %5d   %s %s %s   %s %s %s\n", g.group.c_str(), g.cases,
                  Percent(g.parties.Precision()).c_str(), Percent(g.parties.Recall()).c_str(),
                  Percent(g.parties.F1()).c_str(), Percent(g.obligations.Precision()).c_str(),
                  Percent(g.obligations.Recall()).c_str(), Percent(g.obligations.F1()).c_str());
    out << line;
  };
  out << "                      parties (role + name)   obligations (kind + debtor + amount)\n";
  out << "group        cases   P     R     F1      P     R     F1\n";
  for (const GroupScore& g : report.by_case_type) row(g);
  if (report.held_out.cases > 0) {
    row(report.development);
    row(report.held_out);
  }
  row(report.overall);
  for (const CaseEvaluation& c : report.cases) {
    if (c.error.empty() && (c.differences.empty() || !verbose)) continue;
    out << "\n" << c.name << (c.held_out ? " (held out)" : "") << ":\n";
    if (!c.error.empty()) out << "  error: " << c.error << "\n";
    if (verbose) {
      for (const std::string& d : c.differences) out << "  " << d << "\n";
    }
  }
  return out.str();
}

}  // namespace thads::extract
