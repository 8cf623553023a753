// thads_post_correct_eval: the OCR evaluation set (tests/scans) through
// preprocessing, the Tesseract engine and post-correction, with character and
// word error rates against the ground truth before and after correction, per
// page and in total, and a verdict on every correction. The engine's words are
// cached per page (words JSON) so that runs after the first take seconds.
// docs/ocr.md, section "Post-correction", has the figures and the commands.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ocr/engine.h"
#include "ocr/error_rate.h"
#include "ocr/image_io.h"
#include "ocr/post_correct.h"
#include "ocr/preprocess.h"
#include "ocr/word_pairs.h"
#include "ocr/words_json.h"
#include "text/normalize.h"

namespace fs = std::filesystem;
using namespace thads;
using namespace thads::ocr;

namespace {

constexpr const char* kUsage =
    "usage: thads_post_correct_eval [--scans DIR] [--cache DIR] [--languages L]\n"
    "         [--model FILE] [--loo TEXT...] [--with-own-text] [--off] [--show]\n"
    "         [--dump DIR] [--text-dir DIR] [--no-orient]\n"
    "  --scans DIR       the evaluation set with manifest.tsv (default tests/scans)\n"
    "  --cache DIR       where the engine's words are kept per page (default: BUILD/ocr-cache)\n"
    "  --languages L     Tesseract models, joined by '+' (default vie)\n"
    "  --model FILE      the word-pair model (default: the shipped "
    "data/ocr/word_pairs.tsv)\n"
    "  --loo TEXT...     texts added to the model, leaving out for each page the text "
    "it\n"
    "                    was cut from (a text whose name starts the page's source name)\n"
    "  --with-own-text   keep that text too (measures memory, not correction)\n"
    "  --off             no correction: the engine's figures only\n"
    "  --no-orient       preprocessing without its orientation step\n"
    "  --show            every correction with its verdict\n"
    "  --dump DIR        the corrected words of every page, as words JSON\n"
    "  --text-dir DIR    score another program's text instead (DIR/FILE.txt per page\n"
    "                    image, e.g. from scripts/ocrmypdf-texts.sh); no correction\n"
    "Totals: all pages, and the pages the engine read (error rate before below 50%%;\n"
    "above it the page was not read at all, e.g. turned the wrong way up).\n";

struct Options {
  fs::path scans = fs::path(THADS_SOURCE_DIR) / "tests" / "scans";
  fs::path cache = fs::path(THADS_BUILD_DIR) / "ocr-cache";
  std::string languages = "vie";
  std::string model;
  std::vector<fs::path> loo;
  bool with_own_text = false;
  bool off = false;
  bool show = false;
  fs::path dump;
  fs::path text_dir;
  bool orient = true;
};

// A page whose character error rate before correction is above this was not
// read at all (turned the wrong way, say): it is left out of the second total.
constexpr double kUnreadPageRate = 0.5;

struct ManifestRow {
  std::string file;
  int page = 1;
  std::string ground_truth;
  int gt_page = 1;
};

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path.string() + ": cannot open the file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Result<std::vector<ManifestRow>> ReadManifest(const fs::path& path) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  std::vector<ManifestRow> rows;
  std::istringstream in(*bytes);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::istringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, '\t')) cols.push_back(cell);
    if (cols.size() < 4) continue;
    rows.push_back(
        {cols[0], std::atoi(cols[1].c_str()), cols[2], std::atoi(cols[3].c_str())});
  }
  return rows;
}

// Page `n` (1-based) of a ground truth file: pages are separated by form feeds.
std::string GroundTruthPage(const std::string& text, int n) {
  std::size_t start = 0;
  for (int i = 1; i < n; ++i) {
    start = text.find('\f', start);
    if (start == std::string::npos) return {};
    ++start;
  }
  const std::size_t end = text.find('\f', start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

Result<OcrPage> PageFromJson(const std::string& bytes) {
  auto j = nlohmann::json::parse(bytes, nullptr, false);
  if (j.is_discarded() || !j.contains("pages") || j["pages"].empty()) {
    return Status::Invalid("cached words are unreadable");
  }
  const auto& p = j["pages"][0];
  OcrPage page;
  page.width = p.value("width", 0);
  page.height = p.value("height", 0);
  page.dpi = p.value("dpi", 0);
  for (const auto& w : p["words"]) {
    OcrWord word;
    word.text = w.value("text", "");
    const auto& box = w["box"];
    word.x0 = box[0];
    word.y0 = box[1];
    word.x1 = box[2];
    word.y1 = box[3];
    word.confidence = w.value("confidence", 0.0f);
    word.line = w.value("line", 0);
    while (static_cast<int>(page.lines.size()) <= word.line) page.lines.push_back({});
    OcrLine& line = page.lines[static_cast<std::size_t>(word.line)];
    if (line.x1 == 0)
      line = {word.x0, word.y0, word.x1, word.y1, word.y1, word.y1, false};
    line.x0 = std::min(line.x0, word.x0);
    line.y0 = std::min(line.y0, word.y0);
    line.x1 = std::max(line.x1, word.x1);
    line.y1 = std::max(line.y1, word.y1);
    page.words.push_back(std::move(word));
  }
  return page;
}

// The engine's page, from the cache or recognized now (and cached).
class PageSource {
 public:
  explicit PageSource(const Options& options) : options_(options) {}

  Result<OcrPage> Get(const ManifestRow& row) {
    const fs::path cached = options_.cache /
                            (options_.languages + (options_.orient ? "" : "-no-orient")) /
                            (row.file + ".words.json");
    if (auto bytes = ReadFile(cached); bytes.ok()) return PageFromJson(*bytes);
    if (!engine_) {
      EngineOptions eo;
      eo.languages = options_.languages;
      auto engine = CreateTesseractEngine(eo);
      if (!engine.ok()) return engine.status();
      engine_ = std::move(engine).value();
    }
    auto image = ReadImagePage((options_.scans / row.file).string(), row.page - 1);
    if (!image.ok()) return image.status();
    PreprocessOptions po;
    po.orient = options_.orient;
    auto clean = Preprocess(*image, po, nullptr, engine_.get());
    if (!clean.ok()) return clean.status().WithContext(row.file);
    auto page = engine_->Recognize(*clean);
    if (!page.ok()) return page.status().WithContext(row.file);
    fs::create_directories(cached.parent_path());
    std::ofstream(cached, std::ios::binary) << WordsJson({*page});
    return page;
  }

 private:
  const Options& options_;
  std::unique_ptr<OcrEngine> engine_;
};

// Another program's text of the page, as one word per token.
Result<OcrPage> TextPage(const fs::path& dir, const ManifestRow& row) {
  auto bytes = ReadFile(dir / (row.file + ".txt"));
  if (!bytes.ok()) return bytes.status();
  auto clean = text::CleanText(*bytes, row.file, text::Utf8Mode::kRepair);
  if (!clean.ok()) return clean.status();
  OcrPage page;
  page.lines.push_back({});
  for (const std::string& w : SplitWords(*clean))
    page.words.push_back({w, 0, 0, 0, 0, 0, 0});
  return page;
}

// Correctors per left-out text ("" = none left out), built on first use.
class Correctors {
 public:
  explicit Correctors(const Options& options) : options_(options) {}

  Result<const PostCorrector*> For(const std::string& source) {
    std::string left_out;
    for (const fs::path& text : options_.loo) {
      const std::string stem = text.stem().string();
      if (!options_.with_own_text && source.rfind(stem, 0) == 0) left_out = stem;
    }
    auto it = made_.find(left_out);
    if (it != made_.end()) return it->second.get();
    PostCorrectOptions pco;
    pco.word_pairs_path = options_.model;
    if (!options_.loo.empty()) {
      const std::string base =
          options_.model.empty() ? DefaultWordPairsPath() : options_.model;
      auto model = WordPairModel::Load(base);
      if (!model.ok()) return model.status();
      for (const fs::path& text : options_.loo) {
        if (!left_out.empty() && text.stem().string() == left_out) continue;
        auto bytes = ReadFile(text);
        if (!bytes.ok()) return bytes.status();
        auto clean = text::CleanText(*bytes, text.string());
        if (!clean.ok()) return clean.status();
        model->AddText(*clean);
      }
      const fs::path path =
          options_.cache /
          ("model-without-" + (left_out.empty() ? "none" : left_out) + ".tsv");
      fs::create_directories(path.parent_path());
      std::ofstream(path, std::ios::binary) << model->Serialize();
      pco.word_pairs_path = path.string();
    }
    auto corrector = PostCorrector::Create(pco);
    if (!corrector.ok()) return corrector.status();
    const PostCorrector* raw = corrector->get();
    made_[left_out] = std::move(corrector).value();
    return raw;
  }

 private:
  const Options& options_;
  std::map<std::string, std::unique_ptr<PostCorrector>> made_;
};

std::vector<std::string> WordTexts(const OcrPage& page) {
  std::vector<std::string> out;
  for (const OcrWord& w : page.words) out.push_back(w.text);
  return out;
}

struct Verdicts {
  int right = 0;    // the word was wrong and is now right
  int broke = 0;    // the word was right and is now wrong
  int neutral = 0;  // wrong before and after
};

void Print(const char* name, const ErrorCounts& c0, const ErrorCounts& c1,
           const ErrorCounts& w0, const ErrorCounts& w1, int corrections,
           const Verdicts& v) {
  std::printf("%-48s %6.2f%% %6.2f%%   %6.2f%% %6.2f%%   %4d %4d %4d %4d\n", name,
              100 * c0.Rate(), 100 * c1.Rate(), 100 * w0.Rate(), 100 * w1.Rate(),
              corrections, v.right, v.broke, v.neutral);
}

int Run(const Options& options) {
  auto rows = ReadManifest(options.scans / "manifest.tsv");
  if (!rows.ok()) {
    std::fprintf(stderr, "%s\n", rows.status().message().c_str());
    return 2;
  }
  PageSource pages(options);
  Correctors correctors(options);
  std::map<std::string, std::string> truths;
  struct Total {
    ErrorCounts c0, c1, w0, w1;
    Verdicts v;
    int corrections = 0;
    int pages = 0;
    void Add(const ErrorCounts& pc0, const ErrorCounts& pc1, const ErrorCounts& pw0,
             const ErrorCounts& pw1, const Verdicts& pv, int n) {
      c0 += pc0;
      c1 += pc1;
      w0 += pw0;
      w1 += pw1;
      v.right += pv.right;
      v.broke += pv.broke;
      v.neutral += pv.neutral;
      corrections += n;
      ++pages;
    }
  } all, read;
  std::map<std::string, std::pair<int, int>> by_reason;  // reason -> right, broke
  std::printf("%-48s %7s %7s   %7s %7s   %4s %4s %4s %4s\n", "page", "CER", "after",
              "WER", "after", "corr", "good", "bad", "same");
  for (const ManifestRow& row : *rows) {
    if (!truths.count(row.ground_truth)) {
      auto bytes = ReadFile(options.scans / row.ground_truth);
      if (!bytes.ok()) {
        std::fprintf(stderr, "%s\n", bytes.status().message().c_str());
        return 2;
      }
      truths[row.ground_truth] = *bytes;
    }
    const std::string truth = GroundTruthPage(truths[row.ground_truth], row.gt_page);
    auto page =
        options.text_dir.empty() ? pages.Get(row) : TextPage(options.text_dir, row);
    if (!page.ok()) {
      std::fprintf(stderr, "%s: %s\n", row.file.c_str(), page.status().message().c_str());
      return 2;
    }
    const std::string before_text = page->Text();
    const ErrorCounts pc0 = CharacterErrors(before_text, truth),
                      pw0 = WordErrors(before_text, truth);
    std::vector<Correction> corrections;
    if (!options.off) {
      const std::string source =
          row.ground_truth.substr(0, row.ground_truth.find(".gt.txt"));
      auto corrector = correctors.For(source);
      if (!corrector.ok()) {
        std::fprintf(stderr, "%s\n", corrector.status().message().c_str());
        return 2;
      }
      corrections = (*corrector)->Correct(*page);
    }
    const std::string after_text = page->Text();
    const ErrorCounts pc1 = CharacterErrors(after_text, truth),
                      pw1 = WordErrors(after_text, truth);
    const std::vector<std::string> truth_words = SplitWords(truth);
    const std::vector<int> align = AlignWords(WordTexts(*page), truth_words);
    Verdicts v;
    for (const Correction& c : corrections) {
      const std::size_t i = static_cast<std::size_t>(c.word);
      const std::string want = i < align.size() && align[i] >= 0
                                   ? truth_words[static_cast<std::size_t>(align[i])]
                                   : "";
      const char* verdict = "same";
      // A word that is right now was wrong before; a merge was right only if both were.
      if (c.after == want) {
        ++v.right;
        ++by_reason[c.reason].first;
        verdict = "good";
      } else if (c.before == want) {
        ++v.broke;
        ++by_reason[c.reason].second;
        verdict = "BAD";
      } else {
        ++v.neutral;
      }
      if (options.show) {
        std::printf("  %-5s %-16s %s -> %s (truth %s)\n", verdict, c.reason.c_str(),
                    c.before.c_str(), c.after.c_str(), want.c_str());
      }
    }
    const int n = static_cast<int>(corrections.size());
    Print(row.file.c_str(), pc0, pc1, pw0, pw1, n, v);
    all.Add(pc0, pc1, pw0, pw1, v, n);
    if (pc0.Rate() < kUnreadPageRate) read.Add(pc0, pc1, pw0, pw1, v, n);
    if (!options.dump.empty()) {
      fs::create_directories(options.dump);
      std::ofstream(options.dump / (row.file + ".words.json"), std::ios::binary)
          << WordsJson({*page});
    }
  }
  Print("TOTAL", all.c0, all.c1, all.w0, all.w1, all.corrections, all.v);
  const std::string read_name =
      "TOTAL of the " + std::to_string(read.pages) + " pages read";
  Print(read_name.c_str(), read.c0, read.c1, read.w0, read.w1, read.corrections, read.v);
  std::printf("characters %zu, words %zu; %s%s; correction %s\n", all.c0.reference,
              all.w0.reference,
              options.text_dir.empty() ? ("languages " + options.languages).c_str() : "",
              options.orient ? "" : ", no orientation step",
              !options.text_dir.empty() ? ("text of " + options.text_dir.string()).c_str()
              : options.off             ? "off"
              : options.loo.empty()     ? "shipped model"
              : options.with_own_text   ? "model with the page's own text (memory)"
                                        : "model with the other texts (leave-one-out)");
  for (const auto& [reason, counts] : by_reason) {
    std::printf("  %-16s good %4d  bad %4d\n", reason.c_str(), counts.first,
                counts.second);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n%s", arg.c_str(), kUsage);
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--scans") {
      options.scans = next();
    } else if (arg == "--cache") {
      options.cache = next();
    } else if (arg == "--languages") {
      options.languages = next();
    } else if (arg == "--model") {
      options.model = next();
    } else if (arg == "--loo") {
      while (i + 1 < argc && argv[i + 1][0] != '-') options.loo.emplace_back(argv[++i]);
    } else if (arg == "--with-own-text") {
      options.with_own_text = true;
    } else if (arg == "--off") {
      options.off = true;
    } else if (arg == "--no-orient") {
      options.orient = false;
    } else if (arg == "--text-dir") {
      options.text_dir = next();
      options.off = true;
    } else if (arg == "--dump") {
      options.dump = next();
    } else if (arg == "--show") {
      options.show = true;
    } else {
      std::fprintf(stderr, "%s", kUsage);
      return 2;
    }
  }
  return Run(options);
}
