// OCR benchmark: thads against the tools a clerk would otherwise use, on the
// same degraded pages in the same run. Prints, per tool, character and word
// error rates against the ground truth, pages per minute and peak memory (the
// summed resident memory of the tool's whole process tree, sampled), then the
// ratios, then thads' peak memory on a short and a long document.
//
//   thads_ocr_bench --thads build/release/thads [--scans tests/scans]
//                   [--jobs 2] [--work DIR] [--long 200] [--no-ocrmypdf]
//                   [--only-thads] [--thads-dpi N]
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "ocr/image_io.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace fs = std::filesystem;
using thads::ocr::Image;

namespace {

struct Measured {
  int exit_code = -1;
  double seconds = 0;
  long peak_rss_kb = 0;
};

long RssKb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

int ParentOf(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), {});
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(stat.substr(close + 2));
  char state;
  int ppid = -1;
  rest >> state >> ppid;
  return ppid;
}

// The resident memory of `root` and all its descendants.
long TreeRssKb(int root) {
  std::map<int, int> parent;
  if (DIR* d = opendir("/proc")) {
    while (dirent* e = readdir(d)) {
      const int pid = std::atoi(e->d_name);
      if (pid > 0) parent[pid] = ParentOf(pid);
    }
    closedir(d);
  }
  std::set<int> tree = {root};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [pid, ppid] : parent) {
      if (tree.count(ppid) && !tree.count(pid)) {
        tree.insert(pid);
        grew = true;
      }
    }
  }
  long total = 0;
  for (int pid : tree) total += RssKb(pid);
  return total;
}

// Runs argv with OMP_THREAD_LIMIT=1 (every contender runs its engines one
// thread each, as the job count says), stdout and stderr to `log`.
Measured Run(const std::vector<std::string>& argv, const std::string& log) {
  Measured m;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    setenv("OMP_THREAD_LIMIT", "1", 1);
    std::FILE* out = std::fopen(log.c_str(), "w");
    if (out != nullptr) {
      dup2(fileno(out), 1);
      dup2(fileno(out), 2);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  std::atomic<bool> done{false};
  std::thread sampler([&] {
    while (!done) {
      m.peak_rss_kb = std::max(m.peak_rss_kb, TreeRssKb(pid));
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  int status = 0;
  waitpid(pid, &status, 0);
  done = true;
  sampler.join();
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return m;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// NFC, whitespace runs as one space, trimmed: layout is not what is measured.
std::u32string Normalize(const std::string& raw) {
  const std::string repaired = thads::text::RepairUtf8(raw);
  const std::u32string cps = thads::text::DecodeUtf8(thads::text::ToNfc(repaired));
  std::u32string out;
  bool space = false;
  for (char32_t c : cps) {
    if (c == U' ' || c == U'\n' || c == U'\t' || c == U'\r' || c == U'\f') {
      space = !out.empty();
      continue;
    }
    if (space) out += U' ';
    space = false;
    out += c;
  }
  return out;
}

template <typename Seq>
std::size_t EditDistance(const Seq& a, const Seq& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::u32string> Words(const std::u32string& s) {
  std::vector<std::u32string> words;
  std::u32string w;
  for (char32_t c : s) {
    if (c == U' ') {
      if (!w.empty()) words.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) words.push_back(w);
  return words;
}

std::vector<std::string> SplitPages(const std::string& text) {
  std::vector<std::string> pages;
  std::size_t start = 0;
  while (true) {
    const std::size_t ff = text.find('\f', start);
    pages.push_back(text.substr(start, ff == std::string::npos ? std::string::npos : ff - start));
    if (ff == std::string::npos) break;
    start = ff + 1;
  }
  return pages;
}

struct Page {
  std::string file;
  std::u32string truth;
};

struct Score {
  std::size_t char_errors = 0, chars = 0, word_errors = 0, words = 0;
  void Add(const std::u32string& truth, const std::u32string& got) {
    char_errors += EditDistance(truth, got);
    chars += truth.size();
    const auto tw = Words(truth), gw = Words(got);
    word_errors += EditDistance(tw, gw);
    words += tw.size();
  }
  double Cer() const { return chars ? 100.0 * char_errors / chars : 0; }
  double Wer() const { return words ? 100.0 * word_errors / words : 0; }
};

struct Row {
  std::string tool;
  Score score;
  Measured run;
  int pages = 0;
  std::uintmax_t pdf_bytes = 0;  // the searchable PDF written, 0 when the tool writes none
  double PagesPerMinute() const { return run.seconds > 0 ? 60.0 * pages / run.seconds : 0; }
};

void Print(const Row& r) {
  const std::string pdf = r.pdf_bytes > 0 ? std::to_string((r.pdf_bytes + 512) / 1024) + " KB" : "-";
  std::printf("%-34s CER %6.2f%%  WER %6.2f%%  %6.1f pages/min  peak %5.0f MB  PDF %s  (%.0f s, exit %d)\n",
              r.tool.c_str(), r.score.Cer(), r.score.Wer(), r.PagesPerMinute(),
              r.run.peak_rss_kb / 1024.0, pdf.c_str(), r.run.seconds, r.run.exit_code);
}

std::uintmax_t SizeOf(const fs::path& p) {
  std::error_code ec;
  const std::uintmax_t n = fs::file_size(p, ec);
  return ec ? 0 : n;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they are measured
  std::string thads, scans = "tests/scans", work = "ocr-bench";
  int jobs = 2, long_pages = 200, thads_dpi = 0;
  bool ocrmypdf = true, others = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool v = i + 1 < argc;
    if (a == "--thads" && v) thads = argv[++i];
    else if (a == "--scans" && v) scans = argv[++i];
    else if (a == "--work" && v) work = argv[++i];
    else if (a == "--jobs" && v) jobs = std::atoi(argv[++i]);
    else if (a == "--long" && v) long_pages = std::atoi(argv[++i]);
    else if (a == "--no-ocrmypdf") ocrmypdf = false;
    else if (a == "--only-thads") others = ocrmypdf = false;
    else if (a == "--thads-dpi" && v) thads_dpi = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: %s --thads PATH [--scans DIR] [--jobs N] [--work DIR] "
                           "[--long PAGES] [--no-ocrmypdf]\n", argv[0]);
      return 2;
    }
  }
  if (thads.empty()) {
    std::fprintf(stderr, "--thads PATH is required\n");
    return 2;
  }
  thads = fs::absolute(thads).string();
  fs::create_directories(work);

  // The pages and their ground truth, from the manifest.
  std::vector<Page> pages;
  std::vector<Image> images;
  {
    std::ifstream manifest(fs::path(scans) / "manifest.tsv");
    std::string line;
    std::getline(manifest, line);
    while (std::getline(manifest, line)) {
      std::vector<std::string> cols;
      std::stringstream s(line);
      std::string col;
      while (std::getline(s, col, '\t')) cols.push_back(col);
      if (cols.size() < 4) continue;
      const std::vector<std::string> truth_pages = SplitPages(ReadFile(fs::path(scans) / cols[2]));
      const std::size_t gt_page = static_cast<std::size_t>(std::atoi(cols[3].c_str()));
      if (gt_page < 1 || gt_page > truth_pages.size()) continue;
      thads::Result<Image> image = thads::ocr::ReadImagePage((fs::path(scans) / cols[0]).string(), 0);
      if (!image.ok()) {
        std::fprintf(stderr, "%s\n", image.status().message().c_str());
        return 1;
      }
      pages.push_back({(fs::path(scans) / cols[0]).string(), Normalize(truth_pages[gt_page - 1])});
      images.push_back(std::move(image).value());
    }
  }
  std::printf("%zu degraded pages from %s, %d jobs\n\n", pages.size(), scans.c_str(), jobs);
  // One image-only PDF of every page (each at its own resolution): what a
  // scanner's "scan to PDF" gives, and an input every tool accepts.
  const std::string set_pdf = (fs::path(work) / "set.pdf").string();
  if (!thads::ocr::WriteImagePdf(images, set_pdf).ok()) return 1;
  images.clear();

  const auto score_text = [&](const std::string& text, Row& row) {
    const std::vector<std::string> got = SplitPages(text);
    for (std::size_t i = 0; i < pages.size(); ++i) {
      row.score.Add(pages[i].truth, i < got.size() ? Normalize(got[i]) : std::u32string());
    }
  };
  std::vector<Row> rows;

  {  // thads
    Row row{"thads ocr --jobs " + std::to_string(jobs), {}, {}, static_cast<int>(pages.size())};
    const std::string txt = (fs::path(work) / "thads.txt").string();
    std::vector<std::string> args = {thads, "ocr", set_pdf, "-o",
                                     (fs::path(work) / "thads.pdf").string(), "--text", txt,
                                     "--jobs", std::to_string(jobs)};
    if (thads_dpi > 0) {
      args.push_back("--dpi");
      args.push_back(std::to_string(thads_dpi));
      row.tool += " --dpi " + std::to_string(thads_dpi);
    }
    row.run = Run(args, (fs::path(work) / "thads.log").string());
    row.pdf_bytes = SizeOf(fs::path(work) / "thads.pdf");
    score_text(ReadFile(txt), row);
    rows.push_back(row);
    Print(row);
  }
  if (ocrmypdf) {
    Row row{"ocrmypdf -l vie --deskew -j " + std::to_string(jobs), {}, {},
            static_cast<int>(pages.size())};
    const std::string txt = (fs::path(work) / "ocrmypdf.txt").string();
    row.run = Run({"ocrmypdf", "-l", "vie", "--deskew", "-j", std::to_string(jobs), "--sidecar",
                   txt, set_pdf, (fs::path(work) / "ocrmypdf.pdf").string()},
                  (fs::path(work) / "ocrmypdf.log").string());
    row.pdf_bytes = SizeOf(fs::path(work) / "ocrmypdf.pdf");
    score_text(ReadFile(txt), row);
    rows.push_back(row);
    Print(row);
  }
  if (others) {  // bare tesseract, one process per page, `jobs` at a time
    Row row{"tesseract -l vie (" + std::to_string(jobs) + " at a time)", {}, {},
            static_cast<int>(pages.size())};
    const auto start = std::chrono::steady_clock::now();
    std::vector<Measured> runs(pages.size());
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < jobs; ++w) {
      workers.emplace_back([&] {
        for (std::size_t i; (i = next++) < pages.size();) {
          const std::string base = (fs::path(work) / ("tess-" + std::to_string(i))).string();
          runs[i] = Run({"tesseract", pages[i].file, base, "-l", "vie"}, base + ".log");
        }
      });
    }
    for (std::thread& t : workers) t.join();
    row.run.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    row.run.exit_code = 0;
    for (std::size_t i = 0; i < pages.size(); ++i) {
      row.run.peak_rss_kb = std::max(row.run.peak_rss_kb, runs[i].peak_rss_kb * jobs);
      if (runs[i].exit_code != 0) row.run.exit_code = runs[i].exit_code;
      row.score.Add(pages[i].truth,
                    Normalize(ReadFile(fs::path(work) / ("tess-" + std::to_string(i) + ".txt"))));
    }
    rows.push_back(row);
    Print(row);
  }

  if (rows.size() >= 2 && ocrmypdf) {
    const Row& t = rows[0];
    const Row& o = rows[1];
    std::printf("\nthads vs ocrmypdf: CER %.2f of ocrmypdf's (target <= 0.50), "
                "throughput %.2fx (target >= 1.5)\n",
                o.score.Cer() > 0 ? t.score.Cer() / o.score.Cer() : 0,
                o.PagesPerMinute() > 0 ? t.PagesPerMinute() / o.PagesPerMinute() : 0);
    if (o.pdf_bytes > 0) {
      std::printf("searchable PDF size: %.2f of ocrmypdf's\n",
                  static_cast<double>(t.pdf_bytes) / static_cast<double>(o.pdf_bytes));
    }
  }

  // Memory against document length: the same pages repeated.
  if (long_pages > 0) {
    std::printf("\nthads ocr peak memory by document length (--jobs %d):\n", jobs);
    for (int n : {10, long_pages}) {
      std::vector<Image> doc;
      for (int i = 0; i < n; ++i) {
        thads::Result<Image> image = thads::ocr::ReadImagePage(pages[i % pages.size()].file, 0);
        if (!image.ok()) return 1;
        doc.push_back(std::move(image).value());
      }
      const std::string in = (fs::path(work) / ("long-" + std::to_string(n) + ".pdf")).string();
      if (!thads::ocr::WriteImagePdf(doc, in).ok()) return 1;
      doc.clear();
      const Measured m = Run({thads, "ocr", in, "-o",
                              (fs::path(work) / ("long-" + std::to_string(n) + "-out.pdf")).string(),
                              "--jobs", std::to_string(jobs)},
                             (fs::path(work) / ("long-" + std::to_string(n) + ".log")).string());
      std::printf("  %4d pages: peak %5.0f MB, %.1f pages/min (exit %d)\n", n,
                  m.peak_rss_kb / 1024.0, 60.0 * n / m.seconds, m.exit_code);
    }
  }
  return 0;
}
