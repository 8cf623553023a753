#include "ocr/pdf_scan_resolution.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "ocr/image_io.h"
#include "render/pdf_writer.h"
#include "ocr/searchable_pdf.h"

namespace thads::ocr {
namespace {

namespace fs = std::filesystem;

Image Page(int dpi, bool black_and_white) {
  Image image;
  image.dpi = dpi;
  image.width = dpi * 210 * 10 / 254;  // A4
  image.height = dpi * 297 * 10 / 254;
  image.pixels.assign(static_cast<std::size_t>(image.width) * image.height, 255);
  for (int x = 10; x < 100; ++x) image.pixels[50 * static_cast<std::size_t>(image.width) + x] =
      black_and_white ? 0 : 90;
  return image;
}

TEST(ScannedPageDpi, ReadsEachPagePictureResolution) {
  const fs::path dir = fs::temp_directory_path() / ("thads-scan-dpi-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string scan = (dir / "scan.pdf").string();
  ASSERT_TRUE(WriteImagePdf({Page(150, false), Page(200, true), Page(300, false)}, scan).ok());
  EXPECT_EQ(ScannedPageDpi(scan), (std::vector<int>{150, 200, 300}));

  // A page of text has no picture: 0, the renderer's default applies.
  Result<render::PdfOptions> options = DefaultScanPdfOptions();
  ASSERT_TRUE(options.ok());
  Result<std::unique_ptr<render::PdfWriter>> writer = render::PdfWriter::Create(*options);
  ASSERT_TRUE(writer.ok());
  (*writer)->BeginPage();
  ASSERT_TRUE((*writer)->DrawText(render::FontStyle::kRegular, 12, 72, 700, "Bản án").ok());
  Result<std::string> text_pdf = (*writer)->Finish(render::PdfMetadata{});
  ASSERT_TRUE(text_pdf.ok());
  std::ofstream(dir / "text.pdf", std::ios::binary) << *text_pdf;
  EXPECT_EQ(ScannedPageDpi((dir / "text.pdf").string()), (std::vector<int>{0}));

  // Damaged or missing files give nothing, quietly.
  std::ofstream(dir / "junk.pdf") << "%PDF-1.4 not really";
  EXPECT_TRUE(ScannedPageDpi((dir / "junk.pdf").string()).empty());
  EXPECT_TRUE(ScannedPageDpi((dir / "missing.pdf").string()).empty());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace thads::ocr
