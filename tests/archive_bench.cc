// Archive benchmark: builds a synthetic archive of N cases (Vietnamese names, courts,
// numbers, amounts, ~2 KB of judgment-like text each, fixed seed), then times queries.
// Prints figures; docs/archive.md keeps them.
//
//   thads_archive_bench --archive DIR|CONNINFO --cases N [--queries Q] [--batch B]
//                       [--seed S] [--size-of DIR] [--query-every N] [--query-only yes]
// --query-only yes times the queries on an archive an earlier run built with the same
// --cases and --seed.
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "archive/store.h"
#include "text/money.h"
#include "text/normalize.h"

namespace {

using namespace thads;
using Clock = std::chrono::steady_clock;

// Family names with their approximate share of the population (percent × 10).
const std::vector<std::pair<const char*, int>> kFamilies = {
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70}, {"Hoàng", 30}, {"Huỳnh", 21},
    {"Phan", 45},    {"Vũ", 20},    {"Võ", 19}, {"Đặng", 21}, {"Bùi", 20},   {"Đỗ", 14},
    {"Hồ", 13},      {"Ngô", 13},   {"Dương", 10}, {"Lý", 5}, {"Đinh", 6},   {"Trương", 5},
    {"Lương", 4},    {"Mai", 4},    {"Tạ", 3},  {"Lâm", 3},   {"Châu", 2},   {"Quách", 2},
    {"Thái", 2},     {"Kiều", 1},   {"Đoàn", 5}, {"Cao", 3},  {"Tô", 2},     {"Hà", 3}};
const std::vector<const char*> kMiddleMale = {"Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh",
                                              "Công", "Đình", "Xuân", "Hoàng", "Ngọc", "Bảo",
                                              "Trọng", "Tuấn", "Gia", "Nhật", "Thành", "Mạnh"};
const std::vector<const char*> kMiddleFemale = {"Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ",
                                                "Bích", "Thùy", "Hồng", "Phương", "Minh",
                                                "Diệu", "Khánh", "Hoài", "Quỳnh", "Tuyết"};
const std::vector<const char*> kGivenMale = {
    "An", "Bình", "Cường", "Dũng", "Đức", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khánh",
    "Khoa", "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn",
    "Tâm", "Thắng", "Thành", "Tiến", "Trung", "Tú", "Tuấn", "Tùng", "Việt", "Vinh",
    "Hòa", "Hoà", "Thuận", "Lộc", "Tài", "Toàn", "Trí", "Vũ", "Kiên", "Lâm", "Ấn",
    "Hoàng", "Hưng", "Kha", "Luân", "Nhân", "Phát", "Sang", "Thịnh", "Thông", "Triều"};
const std::vector<const char*> kGivenFemale = {
    "Anh", "Ánh", "Châu", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương",
    "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Phương", "Thảo",
    "Thủy", "Thuỷ", "Trang", "Trinh", "Uyên", "Vân", "Xuân", "Yến", "Hoà", "Diệp", "Duyên",
    "Hiền", "Huệ", "Lệ", "Liên", "Nguyệt", "Oanh", "Quyên", "Sen", "Thơ", "Thư", "Tuyết"};
const std::vector<const char*> kProvinces = {
    "Cà Mau", "Bạc Liêu", "Sóc Trăng", "Cần Thơ", "An Giang", "Đồng Tháp", "Vĩnh Long",
    "Bến Tre", "Tiền Giang", "Long An", "Tây Ninh", "Bình Dương", "Đồng Nai",
    "Bà Rịa - Vũng Tàu", "Lâm Đồng", "Đắk Lắk", "Gia Lai", "Kon Tum", "Quảng Ngãi",
    "Quảng Nam", "Thừa Thiên Huế", "Quảng Trị", "Quảng Bình", "Hà Tĩnh", "Nghệ An",
    "Thanh Hóa", "Ninh Bình", "Nam Định", "Thái Bình", "Hải Dương", "Hưng Yên", "Bắc Ninh",
    "Bắc Giang", "Phú Thọ", "Yên Bái", "Lào Cai", "Sơn La", "Điện Biên", "Hòa Bình",
    "Quảng Ninh", "Lạng Sơn", "Cao Bằng", "Hà Giang", "Tuyên Quang", "Thái Nguyên",
    "Vĩnh Phúc", "Khánh Hòa", "Phú Yên", "Bình Định", "Ninh Thuận", "Bình Thuận",
    "Kiên Giang", "Hậu Giang", "Trà Vinh", "Bình Phước", "Đắk Nông", "Hà Nam"};
const std::vector<const char*> kDistricts = {
    "Châu Thành", "Đầm Dơi", "Năm Căn", "Phú Tân", "Thới Bình", "Trần Văn Thời", "U Minh",
    "Cái Nước", "Ngọc Hiển", "Long Phú", "Mỹ Tú", "Tân Phú", "Tân Hiệp", "Phước Long",
    "Hòa Thành", "Gò Dầu", "Bến Cầu", "Đức Hòa", "Cần Giuộc", "Thạnh Hóa"};
const std::vector<std::pair<const char*, int>> kTypes = {
    {"DS", 50}, {"HNGD", 20}, {"KDTM", 12}, {"LD", 5}, {"HC", 3}, {"HS", 10}};
const std::vector<const char*> kSubjects = {
    "tranh chấp hợp đồng vay tài sản", "tranh chấp hợp đồng tín dụng", "ly hôn, nuôi con chung",
    "tranh chấp quyền sử dụng đất", "đòi tài sản", "bồi thường thiệt hại ngoài hợp đồng",
    "tranh chấp hợp đồng mua bán hàng hóa", "tranh chấp hợp đồng lao động",
    "tranh chấp hợp đồng đặt cọc", "yêu cầu cấp dưỡng"};

struct Rng {
  std::mt19937_64 gen;
  explicit Rng(std::uint64_t seed) : gen(seed) {}
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(gen() % n); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }
  template <typename T>
  T Weighted(const std::vector<std::pair<T, int>>& v) {
    int total = 0;
    for (const auto& [x, w] : v) total += w;
    int r = static_cast<int>(Below(static_cast<std::size_t>(total)));
    for (const auto& [x, w] : v) {
      if (r < w) return x;
      r -= w;
    }
    return v.back().first;
  }
};

std::string PersonName(Rng& rng) {
  const bool female = rng.Below(2) == 0;
  std::string name = rng.Weighted(kFamilies);
  name += " ";
  name += female ? rng.Pick(kMiddleFemale) : rng.Pick(kMiddleMale);
  name += " ";
  name += female ? rng.Pick(kGivenFemale) : rng.Pick(kGivenMale);
  return name;
}

struct Generated {
  model::ExtractionResult judgment;
  std::string text;
};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  Generated Next() {
    Generated g;
    model::CourtDocument& d = g.judgment.document;
    const char* province = rng_.Pick(kProvinces);
    const char* district = rng_.Pick(kDistricts);
    d.court = std::string("Tòa án nhân dân huyện ") + district + ", tỉnh " + province;
    const char* type = rng_.Weighted(kTypes);
    const int y = 2015 + static_cast<int>(rng_.Below(11));
    const bool appeal = rng_.Below(8) == 0;
    const int n = ++counters_[*d.court + std::to_string(y) + type];
    d.number = std::to_string(n) + "/" + std::to_string(y) + "/" + type + (appeal ? "-PT" : "-ST");
    d.date = std::chrono::year{y} / static_cast<unsigned>(1 + rng_.Below(12)) /
             static_cast<unsigned>(1 + rng_.Below(28));
    d.kind = model::DocumentKind::kJudgment;
    d.level = appeal ? model::CourtLevel::kAppeal : model::CourtLevel::kFirstInstance;
    if (auto t = model::ParseCaseType(type); t.ok()) d.case_type = *t;
    d.subject = rng_.Pick(kSubjects);
    const std::string plaintiff = PersonName(rng_);
    const std::string defendant = PersonName(rng_);
    model::Party p;
    p.role = model::PartyRole::kPlaintiff;
    p.name = plaintiff;
    p.address = std::string("ấp ") + std::to_string(1 + rng_.Below(9)) + ", xã " + rng_.Pick(kDistricts) +
                ", huyện " + district + ", tỉnh " + province;
    g.judgment.parties.push_back(p);
    p.role = model::PartyRole::kDefendant;
    p.name = defendant;
    g.judgment.parties.push_back(p);
    if (rng_.Below(3) == 0) {
      p.role = model::PartyRole::kInterestedParty;
      p.name = PersonName(rng_);
      g.judgment.parties.push_back(p);
    }
    // Amounts from 1 million to 5 billion đồng, log-uniform, whole thousands.
    const double exponent = 6.0 + 3.7 * static_cast<double>(rng_.Below(10000)) / 10000.0;
    const std::int64_t amount = static_cast<std::int64_t>(std::pow(10.0, exponent)) / 1000 * 1000;
    model::Obligation o;
    o.debtor = defendant;
    o.creditor = plaintiff;
    o.kind = model::ObligationKind::kPayDebt;
    o.amount_vnd = amount;
    o.amount_words = text::MoneyToWords(amount);
    g.judgment.obligations.push_back(o);
    const std::int64_t fee = std::max<std::int64_t>(300000, amount / 20 / 1000 * 1000);
    o.creditor = "Nhà nước";
    o.kind = model::ObligationKind::kCourtFee;
    o.amount_vnd = fee;
    o.amount_words = text::MoneyToWords(fee);
    o.initiative = model::Initiative::kOwnInitiative;
    g.judgment.obligations.push_back(o);

    const std::string money = text::FormatMoney(amount) + " (" + text::MoneyToWords(amount) + ")";
    const std::string date = std::to_string(static_cast<unsigned>(d.date->day())) + "-" +
                             std::to_string(static_cast<unsigned>(d.date->month())) + "-" +
                             std::to_string(y);
    std::string& t = g.text;
    t = "TÒA ÁN NHÂN DÂN HUYỆN " + text::ToUpperVi(district) + "\nTỈNH " + text::ToUpperVi(province) +
        "\nBản án số: " + *d.number + "\nNgày: " + date + "\nV/v " + *d.subject +
        "\nNHÂN DANH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n";
    t += "Thành phần Hội đồng xét xử sơ thẩm gồm có: Thẩm phán - Chủ tọa phiên tòa: Ông " +
         PersonName(rng_) + ". Các Hội thẩm nhân dân: Bà " + PersonName(rng_) + ", Ông " +
         PersonName(rng_) + ". Thư ký phiên tòa: Bà " + PersonName(rng_) + ".\n";
    t += "Nguyên đơn: Ông " + plaintiff + ", sinh năm " + std::to_string(1950 + rng_.Below(50)) +
         "; địa chỉ: " + *g.judgment.parties[0].address + ".\nBị đơn: Ông " + defendant +
         ", sinh năm " + std::to_string(1950 + rng_.Below(50)) + ".\n";
    t += "NỘI DUNG VỤ ÁN: Theo đơn khởi kiện và quá trình tố tụng, nguyên đơn trình bày: ngày " +
         std::to_string(1 + rng_.Below(28)) + " tháng " + std::to_string(1 + rng_.Below(12)) +
         " năm " + std::to_string(y - 1) + ", ông " + defendant + " có vay của ông " + plaintiff +
         " số tiền " + money + ", thỏa thuận lãi suất 1%/tháng, hẹn trả trong thời hạn sáu tháng. "
         "Đến hạn, bị đơn không trả nên nguyên đơn khởi kiện yêu cầu Tòa án buộc bị đơn trả nợ gốc và lãi. "
         "Bị đơn đã được Tòa án triệu tập hợp lệ nhưng vắng mặt không có lý do, không có văn bản trình bày ý kiến.\n";
    t += "NHẬN ĐỊNH CỦA TÒA ÁN: Xét yêu cầu khởi kiện của nguyên đơn là có căn cứ, phù hợp với quy định tại "
         "các Điều 463, 466 và 468 Bộ luật Dân sự năm 2015, nên được chấp nhận. Về án phí: bị đơn phải chịu "
         "án phí dân sự sơ thẩm theo quy định của Nghị quyết số 326/2016/UBTVQH14.\n";
    t += "QUYẾT ĐỊNH: Chấp nhận yêu cầu khởi kiện của ông " + plaintiff + ". Buộc ông " + defendant +
         " phải trả cho ông " + plaintiff + " số tiền " + money + ". Kể từ ngày có đơn yêu cầu thi hành án "
         "của người được thi hành án, nếu người phải thi hành án chưa thi hành xong thì hằng tháng còn phải "
         "chịu khoản tiền lãi của số tiền còn phải thi hành án theo mức lãi suất quy định tại khoản 2 Điều 468 "
         "Bộ luật Dân sự năm 2015. Về án phí: ông " + defendant + " phải chịu " + text::FormatMoney(fee) +
         " án phí dân sự sơ thẩm. Các đương sự có quyền kháng cáo trong hạn 15 ngày kể từ ngày tuyên án.\n";
    while (t.size() < 2000) {
      t += "Trường hợp bản án được thi hành theo quy định tại Điều 2 Luật Thi hành án dân sự thì người được "
           "thi hành án, người phải thi hành án có quyền thỏa thuận thi hành án, quyền yêu cầu thi hành án.\n";
    }
    return g;
  }

 private:
  Rng rng_;
  std::map<std::string, int> counters_;
};

std::uint64_t DirectorySize(const std::string& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

std::string Hex64(std::uint64_t n) {
  char b[65];
  std::snprintf(b, sizeof b, "%064" PRIx64, n);
  return b;
}

struct Sample {
  std::string name;
  std::string number;
  std::string province;
  thads::model::CourtDocument document;
};

// A query sample from a generated case: its first party, number and province.
Sample SampleOf(const Generated& g) {
  const std::string& court = *g.judgment.document.court;
  return {g.judgment.parties[0].name, *g.judgment.document.number,
          court.substr(court.rfind("tỉnh ") + std::strlen("tỉnh ")), g.judgment.document};
}

void Report(const char* what, std::vector<double> ms) {
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))]; };
  std::printf("  %-34s n=%zu  p50 %.2f ms  p99 %.2f ms  max %.2f ms\n", what, ms.size(), at(0.50),
              at(0.99), ms.back());
}

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

int Fail(const thads::Status& s) {
  std::fprintf(stderr, "archive_bench: %s\n", s.message().c_str());
  return 1;
}

// Times the query kinds over the samples (cases inserted so far).
void RunQueries(thads::archive::Store& store, const std::vector<Sample>& samples) {
  auto time_queries = [&](const char* what, auto make) {
    std::vector<double> ms;
    std::size_t hits = 0;
    for (const Sample& s : samples) {
      archive::SearchRequest r = make(s);
      const auto a = Clock::now();
      auto result = store.Search(r);
      const auto b = Clock::now();
      if (!result.ok()) {
        std::fprintf(stderr, "archive_bench: %s: %s\n", what, result.status().message().c_str());
        return;
      }
      hits += result->hits.size();
      ms.push_back(Ms(a, b));
    }
    Report(what, ms);
    std::printf("  %-34s mean hits on the page %.1f\n", "", static_cast<double>(hits) / static_cast<double>(ms.size()));
  };
  std::printf("queries (page of 20, relevance order unless said), %zu samples:\n", samples.size());
  time_queries("name without diacritics", [](const Sample& s) {
    archive::SearchRequest r;
    r.query = text::FoldForSearch(s.name);
    return r;
  });
  time_queries("name with diacritics", [](const Sample& s) {
    archive::SearchRequest r;
    r.query = s.name;
    return r;
  });
  time_queries("number typed as the query", [](const Sample& s) {
    archive::SearchRequest r;
    r.query = s.number;
    return r;
  });
  time_queries("number filter (--number)", [](const Sample& s) {
    archive::SearchRequest r;
    r.number = s.number;
    return r;
  });
  time_queries("court+dates+amount, by date", [](const Sample& s) {
    archive::SearchRequest r;
    r.court = s.province;
    const auto y = s.document.date->year();
    r.date_from = y / 1 / 1;
    r.date_to = y / 12 / 31;
    r.min_amount = 100000000;
    r.max_amount = 500000000;
    r.sort = archive::SortOrder::kDate;
    return r;
  });
  time_queries("name + court filter", [](const Sample& s) {
    archive::SearchRequest r;
    r.query = text::FoldForSearch(s.name);
    r.court = s.province;
    return r;
  });
}

}  // namespace

int main(int argc, char** argv) {
  std::string location;
  std::string size_of;
  long cases = 10000, queries = 1000, batch = 1000, single = 1000, query_every = 0;
  bool query_only = false;
  std::uint64_t seed = 20261203;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const char* v = argv[i + 1];
    if (k == "--archive") location = v;
    else if (k == "--cases") cases = std::atol(v);
    else if (k == "--queries") queries = std::atol(v);
    else if (k == "--batch") batch = std::atol(v);
    else if (k == "--single") single = std::atol(v);
    else if (k == "--query-every") query_every = std::atol(v);
    else if (k == "--query-only") query_only = std::string(v) == "yes";
    else if (k == "--seed") seed = std::strtoull(v, nullptr, 10);
    else if (k == "--size-of") size_of = v;
    else {
      std::fprintf(stderr, "archive_bench: unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if (location.empty() || cases < 1 || batch < 1) {
    std::fprintf(stderr, "usage: thads_archive_bench --archive DIR|CONNINFO --cases N [--queries Q] "
                         "[--batch B] [--single S] [--seed S] [--size-of DIR] [--query-every N]\n");
    return 2;
  }
  const bool server = archive::IsPostgresLocation(location);
  if (size_of.empty() && !server) size_of = location;
  archive::StoreOptions options;
  options.location = location;
  options.actor = "bench";
  auto opened = archive::Store::Open(options);
  if (!opened.ok()) return Fail(opened.status());
  archive::Store& store = **opened;
  std::printf("archive_bench: %s, %ld cases, seed %" PRIu64 "\n", store.Describe().c_str(), cases, seed);

  Generator gen(seed);
  std::vector<Sample> samples;
  const long every = std::max<long>(1, cases / std::max<long>(1, queries));
  std::uint64_t text_bytes = 0;
  auto insert = [&](archive::Transaction& tx, long i) -> thads::Status {
    Generated g = gen.Next();
    text_bytes += g.text.size();
    auto c = tx.CreateOrFindCase(g.judgment.document, "Phòng Thi hành án dân sự khu vực 1");
    if (!c.ok()) return c.status();
    auto v = tx.AddExtraction(c->id, {g.judgment, "extracted", std::nullopt, std::nullopt});
    if (!v.ok()) return v.status();
    archive::SourceRecord s;
    s.sha256 = Hex64(static_cast<std::uint64_t>(i) + 1);
    s.original_name = "ban-an-" + std::to_string(i) + ".pdf";
    s.page_count = 3;
    s.case_id = c->id;
    s.text = std::move(g.text);
    THADS_RETURN_IF_ERROR(tx.RecordSource(s));
    if (i % every == 0) samples.push_back(SampleOf(g));
    return thads::Status::Ok();
  };

  if (query_only) {
    // The archive was built by an earlier run with the same seed and count: the
    // generator gives the same cases, and the samples are taken from them again.
    for (long i = 0; i < cases; ++i) {
      Generated g = gen.Next();
      if (i % every == 0) samples.push_back(SampleOf(g));
    }
    if (!size_of.empty()) {
      std::printf("size on disk (%s): %.2f GB\n", size_of.c_str(),
                  static_cast<double>(DirectorySize(size_of)) / 1e9);
    }
    RunQueries(store, samples);
    return 0;
  }

  // 1. One transaction per case: what the pipeline does for each source file.
  long done = 0;
  const long first = std::min(single, cases);
  auto t0 = Clock::now();
  for (; done < first; ++done) {
    auto tx = store.Begin();
    if (!tx.ok()) return Fail(tx.status());
    if (auto s = insert(**tx, done); !s.ok()) return Fail(s);
    if (auto s = (*tx)->Commit(); !s.ok()) return Fail(s);
  }
  auto t1 = Clock::now();
  if (first > 0) {
    std::printf("insert, one transaction per case:  %ld cases in %.1f s = %.0f cases/s\n", first,
                Ms(t0, t1) / 1000, static_cast<double>(first) * 1000 / Ms(t0, t1));
  }
  // 2. Batches: a bulk import.
  t0 = Clock::now();
  auto last_report = t0;
  long since = done;
  double query_ms = 0;
  long next_query = query_every;
  while (done < cases) {
    auto tx = store.Begin();
    if (!tx.ok()) return Fail(tx.status());
    const long end = std::min(cases, done + batch);
    for (; done < end; ++done) {
      if (auto s = insert(**tx, done); !s.ok()) return Fail(s);
    }
    if (auto s = (*tx)->Commit(); !s.ok()) return Fail(s);
    const auto now = Clock::now();
    if (done % 100000 == 0 || done == cases) {
      std::printf("  %8ld cases, last %ld at %.0f cases/s\n", done, done - since,
                  static_cast<double>(done - since) * 1000 / Ms(last_report, now));
      std::fflush(stdout);
      last_report = now;
      since = done;
    }
    if (query_every > 0 && done >= next_query && done < cases) {
      next_query += query_every;
      std::printf("at %ld cases ", done);
      const auto q0 = Clock::now();
      if (auto s = store.WaitForSearchIndex(); !s.ok()) return Fail(s);  // counted as insert time
      const auto q1 = Clock::now();
      query_ms -= Ms(q0, q1);
      RunQueries(store, samples);
      std::fflush(stdout);
      last_report = Clock::now();  // the insert rates leave the queries out
      query_ms += Ms(q0, last_report);
    }
  }
  t1 = Clock::now();
  // The cases are committed; the rate counts them filed once the search index holds
  // every one of them too (it is filled after each commit, docs/archive.md).
  if (auto s = store.WaitForSearchIndex(); !s.ok()) return Fail(s);
  const auto t2 = Clock::now();
  const long batched = cases - first;
  if (batched > 0) {
    std::printf("insert, batches of %ld: %ld cases committed in %.1f s (%.0f cases/s), all indexed "
                "%.1f s later: %.0f cases/s (text %.2f KB/case)\n",
                batch, batched, (Ms(t0, t1) - query_ms) / 1000,
                static_cast<double>(batched) * 1000 / (Ms(t0, t1) - query_ms), Ms(t1, t2) / 1000,
                static_cast<double>(batched) * 1000 / (Ms(t0, t2) - query_ms),
                static_cast<double>(text_bytes) / 1024.0 / static_cast<double>(cases));
  }
  if (!size_of.empty()) {
    std::printf("size on disk (%s): %.2f GB\n", size_of.c_str(),
                static_cast<double>(DirectorySize(size_of)) / 1e9);
  }

  RunQueries(store, samples);
  return 0;
}
