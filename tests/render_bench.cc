// Benchmark: enforcement decisions rendered per second on one core, and peak
// memory, over 1,000 different data files (the theo yêu cầu decision, two
// pages). Prints figures; asserts nothing. Usage:
//   thads_render_bench [COUNT] [JOBS]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/paths.h"
#include "render/render_job.h"

namespace fs = std::filesystem;

namespace {

const char* kFamily[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
                         "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
const char* kMiddle[] = {"Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thị Ánh",
                         "Quốc", "Xuân"};
const char* kGiven[] = {"An", "Bình", "Cường", "Dũng", "Hòa", "Hoà", "Khánh", "Lộc", "Mai",
                        "Nguyệt", "Phúc", "Quý", "Sơn", "Tâm", "Thủy", "Uyên", "Việt", "Yến"};
const char* kPlaces[] = {"xã Mỹ Long", "xã Tân Thuận Tây", "phường Cao Lãnh", "xã Bình Hàng Trung",
                         "phường Mỹ Phú", "xã Phong Mỹ"};
const char* kDebts[] = {"Trả tiền nợ gốc theo hợp đồng vay tài sản",
                        "Trả tiền lãi tính đến ngày xét xử sơ thẩm",
                        "Bồi thường thiệt hại về tài sản", "Hoàn trả tiền đặt cọc",
                        "Trả tiền mua bán hàng hóa còn thiếu"};

template <typename T, std::size_t N>
const T& Pick(const T (&items)[N], std::mt19937& rng) {
  return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

std::string Name(std::mt19937& rng) {
  return std::string(Pick(kFamily, rng)) + " " + Pick(kMiddle, rng) + " " + Pick(kGiven, rng);
}

nlohmann::json Data(int i, std::mt19937& rng) {
  const std::string creditor = Name(rng);
  nlohmann::json obligations = nlohmann::json::array();
  std::int64_t total = 0;
  const int n = std::uniform_int_distribution<int>(2, 5)(rng);
  for (int k = 0; k < n; ++k) {
    const std::int64_t amount =
        std::uniform_int_distribution<std::int64_t>(1, 900000)(rng) * 1000;
    total += amount;
    obligations.push_back({{"content", std::string(Pick(kDebts, rng)) + " (khoản " +
                                           std::to_string(k + 1) + ")"},
                           {"amount", amount}});
  }
  char date[16];
  std::snprintf(date, sizeof date, "2026-%02d-%02d", 1 + i % 12, 1 + i % 28);
  return {
      {"document", {{"number", std::to_string(100 + i)}, {"date", date}}},
      {"judgment",
       {{"kind", "Bản án"},
        {"number", std::to_string(1 + i % 300) + "/2025/DS-ST"},
        {"date", "2025-06-15"},
        {"court", "Tòa án nhân dân khu vực " + std::to_string(1 + i % 9) + " - Đồng Tháp"}}},
      {"request", {{"date", "2026-01-05"}, {"by", "ông " + creditor}}},
      {"debtor",
       {{"title", "Ông"},
        {"name", Name(rng)},
        {"birth_year", 1950 + i % 50},
        {"address", std::string("ấp ") + std::to_string(1 + i % 7) + ", " + Pick(kPlaces, rng) +
                        ", tỉnh Đồng Tháp"}}},
      {"creditor",
       {{"title", "ông"},
        {"name", creditor},
        {"address", std::string("số ") + std::to_string(i) + ", " + Pick(kPlaces, rng) +
                        ", tỉnh Đồng Tháp"}}},
      {"obligations", obligations},
      {"total", total},
      {"late_interest", i % 3 != 0},
      {"voluntary_days", 10},
      {"officer", {{"name", Name(rng)}}},
  };
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int jobs = argc > 2 ? std::atoi(argv[2]) : 1;
  if (count < 1 || jobs < 1) {
    std::fprintf(stderr, "usage: thads_render_bench [COUNT >= 1] [JOBS >= 1]\n");
    return 2;
  }
  const fs::path dir = fs::temp_directory_path() / "thads_render_bench";
  fs::remove_all(dir);
  fs::create_directories(dir / "data");
  std::mt19937 rng(20261123);
  thads::render::RenderJobOptions options;
  options.template_path = "qd-thi-hanh-an-theo-yeu-cau";
  for (int i = 0; i < count; ++i) {
    const fs::path path = dir / "data" / ("qd-" + std::to_string(i) + ".json");
    std::ofstream(path) << Data(i, rng).dump();
    options.data_paths.push_back(path.string());
  }
  options.output = (dir / "out").string();
  options.jobs = jobs;
  const long rss_before = PeakRssKb();

  const auto start = std::chrono::steady_clock::now();
  auto result = thads::render::RunRenderJob(options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!result.ok()) {
    std::fprintf(stderr, "render failed: %s\n", result.status().message().c_str());
    return 1;
  }
  long pages = 0;
  std::uintmax_t bytes = 0;
  for (const auto& f : result->files) {
    pages += f.page_count;
    if (f.status.ok()) bytes += fs::file_size(f.output_path);
  }
  std::printf("documents            %d (%d failed)\n", count, result->failed);
  std::printf("pages                %ld (%.2f per document)\n", pages,
              static_cast<double>(pages) / count);
  std::printf("jobs                 %d\n", jobs);
  std::printf("wall time            %.3f s\n", seconds);
  std::printf("documents per second %.1f (%.1f per job)\n", count / seconds,
              count / seconds / jobs);
  std::printf("mean file size       %.1f KiB\n", static_cast<double>(bytes) / count / 1024);
  std::printf("peak RSS             %ld KiB (%ld KiB before rendering)\n", PeakRssKb(),
              rss_before);
  fs::remove_all(dir);
  return result->failed == 0 ? 0 : 1;
}
