// The OCR job: pages in input order whatever the number of workers, bad files
// and pages reported while the rest goes on, text-layer pages kept, and the
// searchable PDF it feeds read back by poppler.
#include "ocr/ocr_job.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "ocr/image_io.h"
#include "ocr/pdf_rasterizer.h"
#include "ocr/searchable_pdf.h"
#include "ocr/test_files.h"
#include "render/pdf_writer.h"
#include "text/normalize.h"

namespace thads::ocr {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("thads-ocr-job-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& bytes) const {
    const fs::path p = path_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// A page whose darkness encodes its identity: the fake engine reads it back.
Image PageImage(int id, int width = 120, int height = 160) {
  Image image;
  image.width = width;
  image.height = height;
  image.channels = 1;
  image.dpi = 300;
  image.pixels.assign(static_cast<std::size_t>(width) * height, 255);
  // A dark band whose grey level is the id; blank pages (id 0) stay white.
  if (id > 0) {
    for (int y = 40; y < 60; ++y)
      for (int x = 10; x < 110; ++x) image.pixels[static_cast<std::size_t>(y) * width + x] =
          static_cast<std::uint8_t>(id);
  }
  return image;
}

// Reads the id back from the band; sleeps a little on some pages so that
// workers finish out of order.
class FakeEngine final : public OcrEngine {
 public:
  explicit FakeEngine(std::atomic<int>* made) { ++*made; }
  Result<OcrPage> Recognize(const Image& image) override {
    OcrPage page;
    page.width = image.width;
    page.height = image.height;
    page.dpi = image.dpi;
    const int id = image.pixels.at(static_cast<std::size_t>(50) * image.width + 50);
    if (id == 255) return page;  // blank
    if (id % 3 == 0) usleep(20000);
    page.lines.push_back(OcrLine{10, 40, 110, 60, 58, 58, true});
    if (id == 99) {  // a line as the engine misreads it
      page.words.push_back(OcrWord{"thi", 10, 40, 30, 60, 80, 0});
      page.words.push_back(OcrWord{"hành", 32, 40, 55, 60, 80, 0});
      page.words.push_back(OcrWord{"án", 57, 40, 70, 60, 80, 0});
      page.words.push_back(OcrWord{"dần", 72, 40, 90, 60, 60, 0});
      page.words.push_back(OcrWord{"sự", 92, 40, 110, 60, 80, 0});
      return page;
    }
    page.words.push_back(OcrWord{"trang", 10, 40, 50, 60, 95, 0});
    page.words.push_back(OcrWord{std::to_string(id), 60, 40, 110, 60, 90, 0});
    return page;
  }
  Result<PageOrientation> DetectOrientation(const Image&) override {
    return PageOrientation{0, 10};
  }
};

struct Recorder final : PageConsumer {
  std::vector<std::string> events;
  std::map<int, std::string> file_errors;
  long total_pages = -1;
  void JobStarted(int, long pages) override { total_pages = pages; }
  void FileStarted(int file, const std::string&, int pages) override {
    events.push_back("start " + std::to_string(file) + " " + std::to_string(pages));
  }
  Status Page(PageResult&& page) override {
    std::string e = "page " + std::to_string(page.file) + "." + std::to_string(page.page);
    if (!page.error.ok()) e += " error";
    for (const OcrWord& w : page.words.words) e += " " + w.text;
    if (!page.warnings.empty()) e += " [" + page.warnings.front() + "]";
    events.push_back(e);
    return Status::Ok();
  }
  void FileFinished(int file, const Status& error) override {
    events.push_back("end " + std::to_string(file));
    if (!error.ok()) file_errors[file] = error.message();
  }
};

OcrJobOptions FakeOptions(int jobs, std::atomic<int>* made) {
  OcrJobOptions options;
  options.jobs = jobs;
  options.preprocess = false;  // the fake's pixels must reach it as they are
  options.engine_factory = [made](const EngineOptions&) -> Result<std::unique_ptr<OcrEngine>> {
    return std::unique_ptr<OcrEngine>(std::make_unique<FakeEngine>(made));
  };
  return options;
}

TEST(OcrJob, PagesArriveInInputOrderWhateverTheWorkers) {
  TempDir dir;
  std::vector<Image> tiff_pages;
  for (int id = 10; id < 16; ++id) tiff_pages.push_back(PageImage(id));
  ASSERT_TRUE(WriteTiff(tiff_pages, dir.Path("many.tif"), TiffCompression::kDeflate).ok());
  ASSERT_TRUE(WritePng(PageImage(21), dir.Path("one.png")).ok());
  const std::vector<std::string> inputs = {dir.Path("many.tif"), dir.Path("one.png")};
  for (int jobs : {1, 3}) {
    std::atomic<int> made{0};
    Recorder r;
    ASSERT_TRUE(RunOcr(inputs, FakeOptions(jobs, &made), r).ok());
    EXPECT_EQ(made.load(), jobs) << "one engine per worker, made once";
    EXPECT_EQ(r.total_pages, 7);
    EXPECT_THAT(r.events,
                ::testing::ElementsAre("start 0 6", "page 0.0 trang 10", "page 0.1 trang 11",
                                       "page 0.2 trang 12", "page 0.3 trang 13",
                                       "page 0.4 trang 14", "page 0.5 trang 15", "end 0",
                                       "start 1 1", "page 1.0 trang 21", "end 1"))
        << "jobs " << jobs;
  }
}

TEST(OcrJob, BadFilesAreReportedAndTheOthersGoOn) {
  TempDir dir;
  ASSERT_TRUE(WritePng(PageImage(30), dir.Path("good.png")).ok());
  ASSERT_TRUE(WritePng(PageImage(31), dir.Path("also-good.png")).ok());
  const std::string good_png = std::string(std::istreambuf_iterator<char>(
                                               *std::make_unique<std::ifstream>(
                                                   dir.Path("good.png"), std::ios::binary)),
                                           {});
  const std::vector<std::string> inputs = {
      dir.Write("empty.png", ""),
      dir.Path("good.png"),
      dir.Write("truncated.png", good_png.substr(0, good_png.size() / 2)),
      dir.Write("bomb.png", testing_files::PngClaiming(30000, 30000)),
      dir.Write("notes.txt", "Bản án số 12/2024/DS-ST"),
      dir.Write("broken.pdf", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog"),
      dir.Path("missing.png"),
      dir.Path("also-good.png"),
  };
  std::atomic<int> made{0};
  Recorder r;
  ASSERT_TRUE(RunOcr(inputs, FakeOptions(2, &made), r).ok());
  EXPECT_THAT(r.events, ::testing::Contains("page 1.0 trang 30"));
  EXPECT_THAT(r.events, ::testing::Contains("page 7.0 trang 31"));
  for (int bad : {0, 2, 3, 4, 5, 6}) {
    ASSERT_TRUE(r.file_errors.count(bad)) << inputs[static_cast<std::size_t>(bad)];
    EXPECT_NE(r.file_errors[bad].find(inputs[static_cast<std::size_t>(bad)]), std::string::npos)
        << "the error names the file: " << r.file_errors[bad];
  }
  EXPECT_NE(r.file_errors[0].find("empty"), std::string::npos) << r.file_errors[0];
  EXPECT_NE(r.file_errors[3].find("30000 x 30000"), std::string::npos) << r.file_errors[3];
  EXPECT_NE(r.file_errors[4].find("PNG, JPEG, TIFF or PDF"), std::string::npos);
}

TEST(OcrJob, RecognizedPagesArePostCorrectedAndTheChangesReported) {
  TempDir dir;
  ASSERT_TRUE(WritePng(PageImage(99), dir.Path("p.png")).ok());
  Result<std::unique_ptr<PostCorrector>> corrector = PostCorrector::Create({});
  ASSERT_TRUE(corrector.ok()) << corrector.status().message();
  struct Keep final : PageConsumer {
    std::vector<PageResult> pages;
    void FileStarted(int, const std::string&, int) override {}
    Status Page(PageResult&& page) override {
      pages.push_back(std::move(page));
      return Status::Ok();
    }
    void FileFinished(int, const Status&) override {}
  };
  std::atomic<int> made{0};
  OcrJobOptions options = FakeOptions(1, &made);
  options.post_corrector = corrector->get();
  Keep keep;
  ASSERT_TRUE(RunOcr({dir.Path("p.png")}, options, keep).ok());
  ASSERT_EQ(keep.pages.size(), 1u);
  EXPECT_EQ(keep.pages[0].words.Text(), "thi hành án dân sự\n");
  ASSERT_EQ(keep.pages[0].corrections.size(), 1u);
  EXPECT_EQ(keep.pages[0].corrections[0].before, "dần");
  EXPECT_EQ(keep.pages[0].corrections[0].after, "dân");

  options.post_corrector = nullptr;  // switched off: the engine's words as they are
  Keep raw;
  ASSERT_TRUE(RunOcr({dir.Path("p.png")}, options, raw).ok());
  EXPECT_EQ(raw.pages.at(0).words.Text(), "thi hành án dần sự\n");
  EXPECT_TRUE(raw.pages[0].corrections.empty());
}

TEST(OcrJob, BlankPagesAreDeliveredWithAWarning) {
  TempDir dir;
  ASSERT_TRUE(WritePng(PageImage(0), dir.Path("blank.png")).ok());
  std::atomic<int> made{0};
  Recorder r;
  ASSERT_TRUE(RunOcr({dir.Path("blank.png")}, FakeOptions(1, &made), r).ok());
  ASSERT_EQ(r.events.size(), 3u);
  EXPECT_THAT(r.events[1], ::testing::HasSubstr("no text found (a blank page?)"));
}

TEST(OcrJob, OptionsAndEnginesAreChecked) {
  Recorder r;
  OcrJobOptions options;
  options.jobs = 0;
  EXPECT_FALSE(RunOcr({"x.png"}, options, r).ok());
  options.jobs = 1;
  options.dpi = 5;
  EXPECT_FALSE(RunOcr({"x.png"}, options, r).ok());
  TempDir dir;
  ASSERT_TRUE(WritePng(PageImage(40), dir.Path("p.png")).ok());
  options.dpi = 0;
  options.engine.languages = "no_such_model";
  const Status missing = RunOcr({dir.Path("p.png")}, options, r);
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("no_such_model"), std::string::npos) << missing.message();
}

TEST(OcrJob, DetectsInputKindsByTheirBytes) {
  TempDir dir;
  EXPECT_EQ(*DetectInputKind(dir.Write("a.bin", "%PDF-1.4\n")), "pdf");
  EXPECT_EQ(*DetectInputKind(dir.Write("b", std::string("\x89PNG\r\n\x1a\n", 8))), "png");
  EXPECT_EQ(*DetectInputKind(dir.Write("c.png", "\xFF\xD8\xFF\xE0")), "jpeg");
  EXPECT_EQ(*DetectInputKind(dir.Write("d", std::string("II*\0", 4))), "tiff");
  EXPECT_EQ(*DetectInputKind(dir.Write("e", std::string("MM\0*", 4))), "tiff");
  EXPECT_EQ(*DetectInputKind(dir.Write("f", "junk\n%PDF-1.7\n")), "pdf");
  EXPECT_FALSE(DetectInputKind(dir.Write("g.jpg", "GIF89a")).ok());
  EXPECT_FALSE(DetectInputKind(dir.Write("h.jpg", "")).ok());
  EXPECT_FALSE(DetectInputKind(dir.Path("none")).ok());
}

// --- With the real engine and the real writer --------------------------------

struct PdfCollector final : PageConsumer {
  std::unique_ptr<SearchablePdf> pdf;
  std::vector<PageResult> pages;
  Status Page(PageResult&& page) override {
    if (page.error.ok() && pdf) THADS_RETURN_IF_ERROR(pdf->AddPage(page.picture, page.words));
    page.picture.image.data.clear();
    pages.push_back(std::move(page));
    return Status::Ok();
  }
  void FileStarted(int, const std::string&, int) override {}
  void FileFinished(int, const Status&) override {}
};

std::string Shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

// Recognizes the one-page `scan` into a searchable PDF at `out`, not finished yet.
void OcrOnePageIntoPdf(const std::string& scan, const std::string& out,
                       const OcrJobOptions& options, PdfCollector& c) {
  Result<render::PdfOptions> pdf_options = DefaultScanPdfOptions();
  ASSERT_TRUE(pdf_options.ok()) << pdf_options.status().message();
  Result<std::unique_ptr<SearchablePdf>> pdf = SearchablePdf::Create(out, *pdf_options);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  c.pdf = std::move(pdf).value();
  ASSERT_TRUE(RunOcr({scan}, options, c).ok());
  ASSERT_EQ(c.pages.size(), 1u);
  ASSERT_TRUE(c.pages[0].error.ok()) << c.pages[0].error.message();
}

TEST(OcrJob, ScanBecomesASearchablePdfWithTheWordsInPlace) {
  TempDir dir;
  const std::string scan =
      std::string(THADS_SOURCE_DIR) + "/samples/judgments/ban-an-vay-tai-san/p02.jpg";
  PdfCollector c;
  const std::string out = dir.Path("out.pdf");
  ASSERT_NO_FATAL_FAILURE(OcrOnePageIntoPdf(scan, out, OcrJobOptions{}, c));
  EXPECT_FALSE(fs::exists(out)) << "nothing under the name before Finish";
  ASSERT_TRUE(c.pdf->Finish(render::PdfMetadata{}).ok());
  ASSERT_TRUE(fs::exists(out));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.Path("")), fs::directory_iterator()), 1)
      << "no temporary file left";

  const std::string text = Shell("pdftotext -enc UTF-8 '" + out + "' -");
  EXPECT_THAT(text, ::testing::HasSubstr("còn phải thi hành án"));  // the page's own words
  EXPECT_TRUE(text::IsNfc(text));
  // Each word sits where the engine saw it: pdftotext's box of a word is the
  // engine's box scaled to points.
  const OcrWord& first = c.pages[0].words.words.at(0);
  const double scale = 72.0 / c.pages[0].words.dpi;
  const std::string bbox = Shell("pdftotext -bbox -enc UTF-8 '" + out + "' - | grep -m1 '>" +
                               first.text + "<'");
  ASSERT_FALSE(bbox.empty()) << first.text;
  const double x_min = std::stod(bbox.substr(bbox.find("xMin=\"") + 6));
  const double x_max = std::stod(bbox.substr(bbox.find("xMax=\"") + 6));
  EXPECT_NEAR(x_min, first.x0 * scale, 1.0);
  EXPECT_NEAR(x_max, first.x1 * scale, 1.0);
  EXPECT_NE(Shell("qpdf --check '" + out + "'").find("No syntax or stream encoding errors"),
            std::string::npos);
}

// A fax or a scanner's text mode gives black and white: the PDF keeps it so,
// G4-coded (lossless, a fraction of a JPEG), and searchable.
TEST(OcrJob, BlackAndWhiteScansStayBlackAndWhiteInThePdf) {
  TempDir dir;
  Result<Image> grey = ReadImagePage(
      std::string(THADS_SOURCE_DIR) + "/samples/judgments/ban-an-vay-tai-san/p02.jpg", 0);
  ASSERT_TRUE(grey.ok()) << grey.status().message();
  Image bw = *grey;
  for (std::uint8_t& v : bw.pixels) v = v < 140 ? 0 : 255;
  ASSERT_TRUE(IsBlackAndWhite(bw));
  ASSERT_FALSE(IsBlackAndWhite(*grey));
  const std::string scan = dir.Path("fax.png");
  ASSERT_TRUE(WritePng(bw, scan).ok());

  PdfCollector c;
  const std::string out = dir.Path("out.pdf");
  OcrJobOptions options;
  options.preprocess_options.deskew = false;  // the picture stays pixel for pixel the scan
  ASSERT_NO_FATAL_FAILURE(OcrOnePageIntoPdf(scan, out, options, c));
  ASSERT_TRUE(c.pdf->Finish(render::PdfMetadata{}).ok());

  const std::string images = Shell("pdfimages -list '" + out + "'");
  EXPECT_THAT(images, ::testing::HasSubstr("ccitt")) << images;
  EXPECT_THAT(images, ::testing::Not(::testing::HasSubstr("jpeg"))) << images;
  EXPECT_THAT(Shell("pdftotext -enc UTF-8 '" + out + "' -"),
              ::testing::HasSubstr("còn phải thi hành án"));
  EXPECT_NE(Shell("qpdf --check '" + out + "'").find("No syntax or stream encoding errors"),
            std::string::npos);
  // Rendered at the scan's size, the page is the scan: black where it was
  // black (the white of removed specks and the edges of letters aside).
  Shell("pdftoppm -gray -png -singlefile -scale-to-x " + std::to_string(bw.width) +
        " -scale-to-y " + std::to_string(bw.height) + " '" + out + "' '" + dir.Path("seen") + "'");
  Result<Image> seen = ReadImagePage(dir.Path("seen.png"), 0);
  ASSERT_TRUE(seen.ok()) << seen.status().message();
  ASSERT_EQ(seen->width, bw.width);
  ASSERT_EQ(seen->height, bw.height);
  std::size_t agree = 0, black = 0;
  for (std::size_t i = 0; i < bw.pixels.size(); ++i) {
    const bool was_black = bw.pixels[i] == 0;
    black += was_black;
    agree += was_black == (seen->pixels[i * static_cast<std::size_t>(seen->channels)] < 128);
  }
  ASSERT_GT(black, bw.pixels.size() / 100) << "the page has text";
  EXPECT_GT(static_cast<double>(agree) / bw.pixels.size(), 0.99);
}

TEST(OcrJob, PdfPagesWithTextKeepTheirTextUnlessForced) {
  TempDir dir;
  // A page with a text layer, as a court's electronic copy.
  Result<render::PdfOptions> pdf_options = DefaultScanPdfOptions();
  ASSERT_TRUE(pdf_options.ok());
  Result<std::unique_ptr<render::PdfWriter>> writer = render::PdfWriter::Create(*pdf_options);
  ASSERT_TRUE(writer.ok());
  (*writer)->BeginPage();
  ASSERT_TRUE((*writer)->DrawText(render::FontStyle::kRegular, 14, 72, 700,
                                  "Bản án số 12/2024/DS-ST").ok());
  Result<std::string> bytes = (*writer)->Finish(render::PdfMetadata{});
  ASSERT_TRUE(bytes.ok());
  const std::string path = dir.Write("court-copy.pdf", *bytes);

  std::atomic<int> made{0};
  Recorder kept;
  OcrJobOptions options = FakeOptions(1, &made);
  ASSERT_TRUE(RunOcr({path}, options, kept).ok());
  EXPECT_THAT(kept.events, ::testing::Contains("page 0.0 Bản án số 12/2024/DS-ST"));

  Recorder forced;
  options.force_ocr = true;
  ASSERT_TRUE(RunOcr({path}, options, forced).ok());
  EXPECT_THAT(forced.events, ::testing::Not(::testing::Contains(
                                 ::testing::HasSubstr("12/2024/DS-ST"))));
}

}  // namespace
}  // namespace thads::ocr
