#include "ocr/pdf_rasterizer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "ocr/image_io.h"
#include "render/renderer.h"
#include "text/normalize.h"

// The handmade pages use Helvetica without embedding it; poppler then asks
// fontconfig for a substitute, and fontconfig keeps its configuration for the
// life of the process (one allocation, not a leak of ours).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace thads::ocr {
namespace {

namespace fs = std::filesystem;

// A PDF written object by object with a correct cross-reference table.
// Each page: its MediaBox, content stream and optional /Rotate.
struct TestPage {
  std::string media_box = "[0 0 595 842]";
  std::string content;
  int rotate = 0;
};

std::string MinimalPdf(const std::vector<TestPage>& pages) {
  std::vector<std::string> objects;  // object i+1
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    kids += std::to_string(4 + 2 * i) + " 0 R ";
  }
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " +
                    std::to_string(pages.size()) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const TestPage& p = pages[i];
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox " + p.media_box +
                      " /Rotate " + std::to_string(p.rotate) +
                      " /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(5 + 2 * i) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(p.content.size()) + " >>\nstream\n" +
                      p.content + "\nendstream");
  }
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    std::string n = std::to_string(offset);
    out += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

const TestPage kTextPage{"[0 0 595 842]", "BT /F1 24 Tf 72 700 Td (Hello scan) Tj ET", 0};
// Black bars and no text: what a scanner's image-only PDF looks like to the reader.
const TestPage kDrawingPage{"[0 0 595 842]", "0 g 72 600 300 40 re f 72 500 200 40 re f", 0};
const TestPage kRedPage{"[0 0 200 100]", "1 0 0 rg 0 0 200 100 re f", 0};
const TestPage kLandscapePage{"[0 0 400 200]", "0 g 0 0 100 200 re f", 90};
const TestPage kBlankPage{"[0 0 595 842]", " ", 0};
// 200 x 200 inches (the largest page PDF allows): 60000 x 60000 pixels at 300 dpi.
const TestPage kHugePage{"[0 0 14400 14400]", "0 g 0 0 10 10 re f", 0};

class PdfRasterizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("thads-pdf-raster-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::ofstream out(Path(name), std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return Path(name);
  }

  fs::path dir_;
};

TEST_F(PdfRasterizerTest, InspectTellsTextPagesFromImagePages) {
  const std::string path =
      Write("mixed.pdf", MinimalPdf({kTextPage, kDrawingPage, kBlankPage, kLandscapePage}));
  auto info = InspectPdf(path);
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->page_count, 4);
  EXPECT_FALSE(info->encrypted);
  ASSERT_EQ(info->pages.size(), 4u);
  const bool expected_text[] = {true, false, false, false};
  for (int i = 0; i < 4; ++i) EXPECT_EQ(info->pages[i].has_text, expected_text[i]) << i;
  EXPECT_NEAR(info->pages[0].width_pt, 595, 0.01);
  EXPECT_NEAR(info->pages[0].height_pt, 842, 0.01);
  // /Rotate 90 turns the 400 x 200 box into a 200 x 400 page.
  EXPECT_NEAR(info->pages[3].width_pt, 200, 0.01);
  EXPECT_NEAR(info->pages[3].height_pt, 400, 0.01);
}

TEST_F(PdfRasterizerTest, PageTextOfAHandmadePage) {
  const std::string path = Write("text.pdf", MinimalPdf({kTextPage, kDrawingPage}));
  auto text = PdfPageText(path, 0);
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_NE(text->find("Hello scan"), std::string::npos) << *text;
  auto none = PdfPageText(path, 1);
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_EQ(none->find_first_not_of(" \n\f"), std::string::npos) << *none;
}

TEST_F(PdfRasterizerTest, VietnameseTextLayerComesBackAsNfc) {
  auto fonts = render::LoadFontConfig(std::string(THADS_SOURCE_DIR) + "/fonts/fonts.conf");
  ASSERT_TRUE(fonts.ok()) << fonts.status().message();
  render::PdfOptions options;
  options.fonts = *fonts;
  options.deterministic = true;
  render::LayoutDocument doc;
  const std::string sentence =
      "Chi cục Thi hành án dân sự huyện X thông báo cho ông Nguyễn Văn A được biết.";
  render::Paragraph para;
  para.runs.push_back({sentence, {render::FontStyle::kRegular, 13, false}, ""});
  para.style.align = render::Align::kLeft;
  doc.blocks.push_back(para);
  doc.blocks.push_back(render::PageBreak{});
  doc.blocks.push_back(para);
  auto pdf = render::RenderPdf(doc, options, {});
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string path = Write("thong-bao.pdf", pdf->bytes);

  auto opened = PdfDocument::Open(path);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  const PdfDocument& document = **opened;
  EXPECT_EQ(document.info().page_count, 2);
  for (int page = 0; page < 2; ++page) {
    EXPECT_TRUE(document.info().pages[page].has_text);
    auto text = document.PageText(page);
    ASSERT_TRUE(text.ok()) << text.status().message();
    EXPECT_TRUE(text::IsNfc(*text));
    EXPECT_NE(text->find(sentence), std::string::npos) << *text;
  }
}

TEST_F(PdfRasterizerTest, RasterizesAtTheRequestedResolution) {
  const std::string path = Write("pages.pdf", MinimalPdf({kDrawingPage, kLandscapePage}));
  const struct {
    int page, dpi, width, height;
  } cases[] = {
      {0, 72, 595, 842},
      {0, 150, 1240, 1755},
      {0, 300, 2480, 3509},
      {1, 72, 200, 400},  // rotated by the page's /Rotate
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.page) + " @ " + std::to_string(c.dpi));
    auto image = RasterizePdfPage(path, c.page, c.dpi);
    ASSERT_TRUE(image.ok()) << image.status().message();
    EXPECT_EQ(image->channels, 1);
    EXPECT_EQ(image->dpi, c.dpi);
    EXPECT_NEAR(image->width, c.width, 1);
    EXPECT_NEAR(image->height, c.height, 1);
    ASSERT_EQ(image->pixels.size(), static_cast<std::size_t>(image->width) * image->height);
  }
  // The bar at x 72..372 pt, y 600..640 pt (from the bottom) is black; the margin white.
  auto page = RasterizePdfPage(path, 0, 72);
  ASSERT_TRUE(page.ok());
  auto at = [&](int x, int y) { return page->pixels[static_cast<std::size_t>(y) * page->width + x]; };
  EXPECT_EQ(at(200, 842 - 620), 0);
  EXPECT_EQ(at(20, 20), 255);
  // The rotated page: the black band 0..100 of the 400-wide box is on the top after 90°.
  auto rotated = RasterizePdfPage(path, 1, 72);
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ(rotated->pixels[static_cast<std::size_t>(50) * rotated->width + 100], 0);
  EXPECT_EQ(rotated->pixels[static_cast<std::size_t>(300) * rotated->width + 100], 255);
}

TEST_F(PdfRasterizerTest, ImageOnlyPdfHasNoTextAndRendersItsPages) {
  Image grey;
  grey.width = 620;   // A4 width at 75 dpi
  grey.height = 877;
  grey.dpi = 75;
  grey.pixels.assign(static_cast<std::size_t>(grey.width) * grey.height, 230);
  Image binary = grey;
  binary.dpi = 150;
  binary.width = 1240;
  binary.height = 1754;
  binary.pixels.assign(static_cast<std::size_t>(binary.width) * binary.height, 255);
  for (int y = 100; y < 140; ++y) {
    for (int x = 200; x < 1000; ++x) binary.pixels[static_cast<std::size_t>(y) * 1240 + x] = 0;
  }
  const std::string path = Path("scanned.pdf");
  ASSERT_TRUE(WriteImagePdf({grey, binary}, path).ok());
  auto info = InspectPdf(path);
  ASSERT_TRUE(info.ok()) << info.status().message();
  ASSERT_EQ(info->page_count, 2);
  for (const PdfPageInfo& page : info->pages) {
    EXPECT_FALSE(page.has_text);
    EXPECT_NEAR(page.width_pt, 595.2, 1);
    EXPECT_NEAR(page.height_pt, 842, 1);
  }
  auto image = RasterizePdfPage(path, 1, 150);
  ASSERT_TRUE(image.ok()) << image.status().message();
  EXPECT_NEAR(image->width, 1240, 1);
  EXPECT_LT(image->pixels[static_cast<std::size_t>(120) * image->width + 600], 64);
  EXPECT_GT(image->pixels[static_cast<std::size_t>(500) * image->width + 600], 192);
}

TEST_F(PdfRasterizerTest, RgbRenderingKeepsChannelOrder) {
  const std::string path = Write("red.pdf", MinimalPdf({kRedPage}));
  auto image = RasterizePdfPage(path, 0, 72, RasterColor::kRgb);
  ASSERT_TRUE(image.ok()) << image.status().message();
  EXPECT_EQ(image->channels, 3);
  const std::size_t middle = (static_cast<std::size_t>(50) * image->width + 100) * 3;
  EXPECT_EQ(image->pixels[middle], 255);
  EXPECT_EQ(image->pixels[middle + 1], 0);
  EXPECT_EQ(image->pixels[middle + 2], 0);
}

TEST_F(PdfRasterizerTest, RefusesHugePagesAndBadResolutionsBeforeRendering) {
  const std::string path = Write("poster.pdf", MinimalPdf({kHugePage}));
  auto info = InspectPdf(path);
  ASSERT_TRUE(info.ok()) << info.status().message();
  auto huge = RasterizePdfPage(path, 0, 300);
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("poster.pdf, page 1"), std::string::npos);
  EXPECT_NE(huge.status().message().find("60000 x 60000"), std::string::npos)
      << huge.status().message();
  EXPECT_TRUE(RasterizePdfPage(path, 0, 36).ok());  // 7200 x 7200 is allowed
  for (int dpi : {0, -300, 35, 1201}) {
    auto bad = RasterizePdfPage(path, 0, dpi);
    ASSERT_FALSE(bad.ok()) << dpi;
    EXPECT_NE(bad.status().message().find("dpi"), std::string::npos);
  }
  auto beyond = RasterizePdfPage(path, 1, 300);
  ASSERT_FALSE(beyond.ok());
  EXPECT_NE(beyond.status().message().find("page 2"), std::string::npos);
  EXPECT_FALSE(PdfPageText(path, -1).ok());
}

TEST_F(PdfRasterizerTest, DamagedFilesGetCleanErrorsAndNoNoise) {
  const std::string good = MinimalPdf({kTextPage});
  const struct {
    const char* name;
    std::string bytes;
    const char* expected;
  } cases[] = {
      {"empty.pdf", "", "empty (0 bytes)"},
      {"notes.pdf", "Biên bản làm việc ngày 05/02/2024\n", "not a PDF"},
      {"header-only.pdf", good.substr(0, 40), "not a PDF"},
      {"no-pages.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                       "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                       "trailer << /Root 1 0 R >>\n%%EOF\n", "PDF"},
      {"image.pdf", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\0'), "not a PDF"},
  };
  ::testing::internal::CaptureStderr();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = Write(c.name, c.bytes);
    auto info = InspectPdf(path);
    ASSERT_FALSE(info.ok());
    EXPECT_NE(info.status().message().find(c.name), std::string::npos) << info.status().message();
    EXPECT_NE(info.status().message().find(c.expected), std::string::npos)
        << info.status().message();
    EXPECT_FALSE(RasterizePdfPage(path, 0, 150).ok());
  }
  // Cut anywhere, a PDF either opens (poppler rebuilds damaged tables) and its
  // pages render, or it is refused: never a crash, never a message on stderr.
  for (std::size_t cut = 60; cut < good.size(); cut += 37) {
    const std::string path = Write("cut.pdf", good.substr(0, cut));
    auto doc = PdfDocument::Open(path);
    if (!doc.ok()) {
      EXPECT_NE(doc.status().message().find("cut.pdf"), std::string::npos);
      continue;
    }
    for (int page = 0; page < (*doc)->info().page_count; ++page) {
      auto image = (*doc)->RasterizePage(page, 50);
      if (image.ok()) {
        EXPECT_EQ(image->dpi, 50);
        EXPECT_EQ(image->pixels.size(), static_cast<std::size_t>(image->width) * image->height);
      } else {
        EXPECT_NE(image.status().message().find("cut.pdf, page"), std::string::npos);
      }
      auto text = (*doc)->PageText(page);
      if (text.ok()) {
        EXPECT_TRUE(text::IsNfc(*text));
      }
    }
  }
  const std::string noise = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(noise, "") << "the PDF library wrote to stderr";
  auto missing = InspectPdf(Path("absent.pdf"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(PdfRasterizerTest, EncryptedPdfs) {
  if (std::system("command -v qpdf >/dev/null 2>&1") != 0) GTEST_SKIP() << "qpdf not installed";
  const std::string plain = Write("plain.pdf", MinimalPdf({kTextPage}));
  const std::string locked = Path("locked.pdf");
  const std::string restricted = Path("restricted.pdf");
  ASSERT_EQ(std::system(("qpdf --encrypt secret owner 256 -- " + plain + " " + locked).c_str()),
            0);
  ASSERT_EQ(std::system(("qpdf --encrypt '' owner 256 --modify=none -- " + plain + " " +
                         restricted).c_str()),
            0);
  auto refused = InspectPdf(locked);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("locked.pdf is encrypted (password-protected)"),
            std::string::npos)
      << refused.status().message();
  EXPECT_FALSE(RasterizePdfPage(locked, 0, 150).ok());

  // Permissions only, no password to open: read like any other file, and said so.
  auto info = InspectPdf(restricted);
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_TRUE(info->encrypted);
  auto text = PdfPageText(restricted, 0);
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_NE(text->find("Hello scan"), std::string::npos);
}

}  // namespace
}  // namespace thads::ocr
