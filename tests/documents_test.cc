// Every shipped document, rendered from its sample data, read back by the
// tools a clerk's computer has: pdftotext, pdffonts, qpdf, mutool, pdftoppm.
// Goldens live in tests/golden/ (scripts/update-goldens.sh regenerates them).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "render/render_job.h"
#include "text/normalize.h"

namespace thads {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = THADS_SOURCE_DIR;

struct Command {
  int exit_code;
  std::string output;  // stdout and stderr
};

Command RunCommand(const std::string& command) {
  Command c{-1, ""};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return c;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) c.output.append(buf, n);
  const int status = pclose(pipe);
  c.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return c;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A binary PGM (P5, 8-bit), as pdftoppm -gray writes it.
struct Gray {
  int width = 0, height = 0;
  std::string pixels;
};

Gray ReadPgm(const fs::path& path) {
  Gray g;
  std::ifstream in(path, std::ios::binary);
  std::string magic;
  int max = 0;
  in >> magic >> g.width >> g.height >> max;
  in.get();
  if (magic != "P5" || max != 255 || g.width <= 0 || g.height <= 0) return Gray{};
  g.pixels.resize(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.height));
  in.read(g.pixels.data(), static_cast<std::streamsize>(g.pixels.size()));
  if (!in) return Gray{};
  return g;
}

std::vector<std::string> DocumentNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kSource / "samples" / "documents")) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class ShippedDocument : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("thads_documents_test_" + GetParam());
    fs::create_directories(dir_);
    pdf_ = dir_ / (GetParam() + ".pdf");
    render::RenderJobOptions options;
    options.template_path = GetParam();
    options.data_paths = {(kSource / "samples" / "documents" / (GetParam() + ".json")).string()};
    options.output = pdf_.string();
    options.deterministic = true;
    auto result = render::RunRenderJob(options);
    ASSERT_TRUE(result.ok()) << result.status().message();
    ASSERT_EQ(result->failed, 0) << result->files[0].status.message();
    pages_ = result->files[0].page_count;
  }

  fs::path Golden(const std::string& extension) const {
    return kSource / "tests" / "golden" / (GetParam() + extension);
  }

  fs::path dir_, pdf_;
  int pages_ = 0;
};

TEST_P(ShippedDocument, HasOneToThreePages) {
  EXPECT_GE(pages_, 1);
  EXPECT_LE(pages_, 3);
}

TEST_P(ShippedDocument, IsByteIdenticalToItsGolden) {
  const std::string golden = ReadFile(Golden(".pdf"));
  ASSERT_FALSE(golden.empty()) << "no golden " << Golden(".pdf");
  EXPECT_TRUE(ReadFile(pdf_) == golden)
      << "output differs from " << Golden(".pdf")
      << "; if the change is deliberate, run scripts/update-goldens.sh and look at it";
}

TEST_P(ShippedDocument, PdftotextReturnsTheExpectedNfcText) {
  const Command c = RunCommand("pdftotext -enc UTF-8 " + pdf_.string() + " -");
  ASSERT_EQ(c.exit_code, 0) << c.output;
  EXPECT_TRUE(text::ValidateUtf8(c.output, "pdftotext output").ok());
  EXPECT_TRUE(text::IsNfc(c.output));
  EXPECT_EQ(c.output, ReadFile(Golden(".txt")));
  EXPECT_NE(c.output.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
  EXPECT_NE(c.output.find("Độc lập - Tự do - Hạnh phúc"), std::string::npos);
}

TEST_P(ShippedDocument, EveryFontIsEmbeddedSubsetWithUnicodeMap) {
  const Command c = RunCommand("pdffonts " + pdf_.string());
  ASSERT_EQ(c.exit_code, 0) << c.output;
  std::istringstream lines(c.output);
  std::string line;
  int fonts = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
    ++fonts;
    // name type encoding emb sub uni object ID: the three flags before "object".
    std::istringstream cols(line);
    std::vector<std::string> c2;
    for (std::string w; cols >> w;) c2.push_back(w);
    ASSERT_GE(c2.size(), 6u) << line;
    const std::size_t n = c2.size();
    EXPECT_EQ(c2[n - 5], "yes") << "not embedded: " << line;
    EXPECT_EQ(c2[n - 4], "yes") << "not a subset: " << line;
    EXPECT_EQ(c2[n - 3], "yes") << "no Unicode map: " << line;
  }
  EXPECT_GE(fonts, 2);
}

TEST_P(ShippedDocument, QpdfFindsNoErrors) {
  const Command c = RunCommand("qpdf --check " + pdf_.string());
  EXPECT_EQ(c.exit_code, 0) << c.output;
  EXPECT_NE(c.output.find("No syntax or stream encoding errors"), std::string::npos) << c.output;
}

TEST_P(ShippedDocument, MutoolDrawsEveryPage) {
  const Command c =
      RunCommand("mutool draw -q -r 20 -o " + (dir_ / "m%d.png").string() + " " + pdf_.string());
  EXPECT_EQ(c.exit_code, 0) << c.output;
  EXPECT_EQ(c.output.find("error"), std::string::npos) << c.output;
  for (int p = 1; p <= pages_; ++p) {
    EXPECT_TRUE(fs::exists(dir_ / ("m" + std::to_string(p) + ".png"))) << "page " << p;
  }
}

TEST_P(ShippedDocument, FirstPageLooksLikeItsGolden) {
  const Command c = RunCommand("pdftoppm -gray -r 30 -f 1 -l 1 " + pdf_.string() + " " +
                               (dir_ / "page").string());
  ASSERT_EQ(c.exit_code, 0) << c.output;
  const Gray got = ReadPgm(dir_ / "page-1.pgm");
  const Gray want = ReadPgm(Golden(".pgm"));
  ASSERT_GT(want.width, 0) << "no golden image " << Golden(".pgm");
  ASSERT_EQ(got.width, want.width);
  ASSERT_EQ(got.height, want.height);
  double total = 0;
  std::size_t far = 0;
  for (std::size_t i = 0; i < got.pixels.size(); ++i) {
    const int d = std::abs(static_cast<unsigned char>(got.pixels[i]) -
                           static_cast<unsigned char>(want.pixels[i]));
    total += d;
    if (d > 64) ++far;
  }
  const double mean = total / static_cast<double>(got.pixels.size());
  EXPECT_LE(mean, 1.0) << "mean difference per pixel";
  EXPECT_LE(static_cast<double>(far) / static_cast<double>(got.pixels.size()), 0.005);
  // And the page is not blank: some ink, mostly paper.
  std::size_t ink = 0;
  for (char px : got.pixels) ink += static_cast<unsigned char>(px) < 128;
  EXPECT_GT(ink, got.pixels.size() / 200);
  EXPECT_LT(ink, got.pixels.size() / 4);
}

INSTANTIATE_TEST_SUITE_P(Samples, ShippedDocument, ::testing::ValuesIn(DocumentNames()),
                         [](const auto& param_info) {
                           std::string n = param_info.param;
                           for (char& ch : n) {
                             if (ch == '-') ch = '_';
                           }
                           return n;
                         });

TEST(ShippedDocuments, EveryTemplateHasASample) {
  for (const auto& entry : fs::directory_iterator(kSource / "templates")) {
    if (entry.path().extension() != ".xml" || entry.path().stem() == "office") continue;
    EXPECT_TRUE(fs::exists(kSource / "samples" / "documents" /
                           (entry.path().stem().string() + ".json")))
        << entry.path();
  }
}

}  // namespace
}  // namespace thads
