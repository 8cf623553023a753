// The Tesseract adapter on a page the render stage made: the text pdftotext
// reads from the PDF is the ground truth for what OCR reads from its picture.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ocr/engine.h"
#include "ocr/error_rate.h"
#include "text/normalize.h"

namespace thads::ocr {
namespace {

namespace fs = std::filesystem;

// A binary PGM (P5, 8-bit), as pdftoppm -gray writes it.
Image ReadPgm(const fs::path& path, int dpi) {
  std::ifstream in(path, std::ios::binary);
  std::string magic;
  int max = 0;
  Image image;
  in >> magic >> image.width >> image.height >> max;
  in.get();
  image.dpi = dpi;
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height);
  in.read(reinterpret_cast<char*>(image.pixels.data()),
          static_cast<std::streamsize>(image.pixels.size()));
  if (magic != "P5" || max != 255 || !in) return Image{};
  return image;
}

TEST(TesseractEngine, ReadsARenderedDecisionInVietnamese) {
  const fs::path dir = fs::temp_directory_path() / "thads_tesseract_engine_test";
  fs::create_directories(dir);
  const std::string pdf = std::string(THADS_SOURCE_DIR) + "/tests/golden/giay-trieu-tap.pdf";
  ASSERT_EQ(std::system(("pdftoppm -gray -r 300 -f 1 -l 1 " + pdf + " " +
                         (dir / "page").string())
                            .c_str()),
            0);
  const Image image = ReadPgm(dir / "page-1.pgm", 300);
  ASSERT_FALSE(image.empty());
  ASSERT_EQ(std::system(("pdftotext -f 1 -l 1 " + pdf + " " + (dir / "truth.txt").string())
                            .c_str()),
            0);
  std::ifstream truth_file(dir / "truth.txt");
  const std::string truth((std::istreambuf_iterator<char>(truth_file)),
                          std::istreambuf_iterator<char>());

  Result<std::unique_ptr<OcrEngine>> engine = CreateTesseractEngine({});
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  Result<OcrPage> page = (*engine)->Recognize(image);
  ASSERT_TRUE(page.ok()) << page.status().message();

  const std::string text = page->Text();
  EXPECT_TRUE(text::IsNfc(text));
  EXPECT_NE(text.find("GIẤY TRIỆU TẬP"), std::string::npos) << text;
  EXPECT_NE(text.find("Thi hành án dân sự"), std::string::npos) << text;
  // The two-column header reads in another order than pdftotext's; compare the
  // body from the title on. What remains (about 3%) is the signature block read
  // before the recipients' list, and "QĐ" read as "QĐÐ" (an Eth after Đ: a
  // known misreading post-correction exists for).
  const auto body = [](const std::string& s) {
    const std::size_t at = s.find("GIẤY TRIỆU TẬP");
    return at == std::string::npos ? s : s.substr(at);
  };
  const double cer = CharacterErrors(body(text), body(truth)).Rate();
  EXPECT_LT(cer, 0.04) << "character error rate " << cer << "\n" << text;
  EXPECT_GT(page->MeanConfidence(), 80);
  for (const OcrWord& w : page->words) {
    EXPECT_LT(w.x0, w.x1);
    EXPECT_LT(w.y0, w.y1);
    EXPECT_LE(w.x1, image.width);
    EXPECT_LE(w.y1, image.height);
    ASSERT_LT(static_cast<std::size_t>(w.line), page->lines.size());
  }
  // The engine is reused: a second page on the same engine reads the same.
  Result<OcrPage> again = (*engine)->Recognize(image);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Text(), text);
  fs::remove_all(dir);
}

TEST(TesseractEngine, RefusesMalformedImagesWithoutCrashing) {
  Result<std::unique_ptr<OcrEngine>> engine = CreateTesseractEngine({});
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  const std::vector<Image> bad = {
      Image{},
      Image{10, 10, 1, 300, std::vector<std::uint8_t>(50)},  // too few bytes
      Image{10, 10, 2, 300, std::vector<std::uint8_t>(200)},  // two channels
  };
  for (const Image& image : bad) {
    Result<OcrPage> page = (*engine)->Recognize(image);
    EXPECT_FALSE(page.ok());
    EXPECT_EQ(page.status().code(), StatusCode::kInvalidArgument);
  }
  // A blank page is not an error: it has no words.
  Image blank{600, 800, 1, 300, std::vector<std::uint8_t>(600 * 800, 255)};
  Result<OcrPage> page = (*engine)->Recognize(blank);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_TRUE(page->words.empty());
  EXPECT_EQ(page->Text(), "");
}

TEST(TesseractEngine, UnknownModelIsAClearError) {
  Result<std::unique_ptr<OcrEngine>> engine = CreateTesseractEngine({"no_such_model", ""});
  ASSERT_FALSE(engine.ok());
  EXPECT_NE(engine.status().message().find("no_such_model"), std::string::npos);
}

}  // namespace
}  // namespace thads::ocr
