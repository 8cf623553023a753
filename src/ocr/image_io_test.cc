#include "ocr/image_io.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "ocr/test_files.h"

namespace thads::ocr {
namespace {

namespace fs = std::filesystem;
using testing_files::PngClaiming;

class ImageIoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("thads-image-io-" + std::to_string(::getpid()) + "-" + info->name());
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

// A deterministic test page: a grey ramp with a dark bar, or its RGB variant.
Image TestPage(int width, int height, int channels, int dpi) {
  Image image;
  image.width = width;
  image.height = height;
  image.channels = channels;
  image.dpi = dpi;
  image.pixels.resize(static_cast<std::size_t>(width) * height * channels);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < channels; ++c) {
        int v = (x * 255) / std::max(1, width - 1);
        if (y > height / 3 && y < height / 2) v = 20 + 40 * c;
        image.pixels[(static_cast<std::size_t>(y) * width + x) * channels + c] =
            static_cast<std::uint8_t>(v);
      }
    }
  }
  return image;
}

int MaxDifference(const Image& a, const Image& b) {
  int worst = 0;
  for (std::size_t i = 0; i < a.pixels.size() && i < b.pixels.size(); ++i) {
    worst = std::max(worst, std::abs(int(a.pixels[i]) - int(b.pixels[i])));
  }
  return worst;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// ---- Handmade headers that claim a huge page --------------------------------

void PutLe16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8);
}
void PutLe32(std::string& out, std::uint32_t v) {
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((v >> shift) & 0xff);
}

// A little-endian baseline TIFF of one strip of 16 bytes whose directory says
// width x height, 8-bit grey, deflate.
std::string TiffClaiming(std::uint32_t width, std::uint32_t height) {
  struct Entry {
    std::uint16_t tag, type;
    std::uint32_t value;
  };
  constexpr std::uint16_t kShort = 3, kLong = 4;
  const std::uint32_t entries = 9;
  const std::uint32_t data_offset = 8 + 2 + entries * 12 + 4;
  const std::vector<Entry> dir = {
      {256, kLong, width},  {257, kLong, height},      {258, kShort, 8},
      {259, kShort, 8},     {262, kShort, 1},          {273, kLong, data_offset},
      {277, kShort, 1},     {278, kLong, height},      {279, kLong, 16},
  };
  std::string out("II*\0", 4);
  PutLe32(out, 8);
  PutLe16(out, static_cast<std::uint16_t>(dir.size()));
  for (const Entry& e : dir) {
    PutLe16(out, e.tag);
    PutLe16(out, e.type);
    PutLe32(out, 1);
    if (e.type == kShort) {
      PutLe16(out, static_cast<std::uint16_t>(e.value));
      PutLe16(out, 0);
    } else {
      PutLe32(out, e.value);
    }
  }
  PutLe32(out, 0);  // no next directory
  out += std::string(16, '\0');
  return out;
}

// Patches the frame header (SOF0) of real JPEG bytes to claim another size.
std::string JpegClaiming(std::string jpeg, std::uint16_t width, std::uint16_t height) {
  for (std::size_t i = 2; i + 9 < jpeg.size(); ++i) {
    if (static_cast<unsigned char>(jpeg[i]) == 0xff &&
        static_cast<unsigned char>(jpeg[i + 1]) == 0xc0) {
      jpeg[i + 5] = static_cast<char>(height >> 8);
      jpeg[i + 6] = static_cast<char>(height & 0xff);
      jpeg[i + 7] = static_cast<char>(width >> 8);
      jpeg[i + 8] = static_cast<char>(width & 0xff);
      return jpeg;
    }
  }
  ADD_FAILURE() << "no SOF0 marker in the encoded JPEG";
  return jpeg;
}

// ---- Round trips --------------------------------------------------------------

TEST_F(ImageIoTest, PngRoundTripIsLosslessAndKeepsTheResolution) {
  for (int channels : {1, 3}) {
    SCOPED_TRACE(channels);
    const Image page = TestPage(203, 117, channels, 200);
    const std::string path = Path("page.png");
    ASSERT_TRUE(WritePng(page, path).ok());
    auto info = InspectImageFile(path);
    ASSERT_TRUE(info.ok()) << info.status().message();
    EXPECT_EQ(info->format, ImageFormat::kPng);
    ASSERT_EQ(info->pages.size(), 1u);
    EXPECT_EQ(info->pages[0].width, 203);
    EXPECT_EQ(info->pages[0].height, 117);

    auto read = ReadImageFile(path);
    ASSERT_TRUE(read.ok()) << read.status().message();
    ASSERT_EQ(read->size(), 1u);
    const Image& back = (*read)[0];
    EXPECT_EQ(back.width, 203);
    EXPECT_EQ(back.height, 117);
    EXPECT_EQ(back.channels, channels);
    EXPECT_EQ(back.dpi, 200);
    EXPECT_EQ(back.pixels, page.pixels);
  }
}

TEST_F(ImageIoTest, BlackAndWhitePagesAreWrittenAsOneBitPngLosslessly) {
  Image page = TestPage(400, 300, 1, 200);
  Image binary = page;
  for (auto& v : binary.pixels) v = v < 128 ? 0 : 255;
  auto grey_png = EncodePng(page);
  auto binary_png = EncodePng(binary);
  ASSERT_TRUE(grey_png.ok() && binary_png.ok());
  EXPECT_EQ(static_cast<unsigned char>((*binary_png)[24]), 1) << "IHDR bit depth";
  EXPECT_EQ(static_cast<unsigned char>((*grey_png)[24]), 8);
  auto back = DecodeImage(*binary_png, "binary.png");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->channels, 1);
  EXPECT_EQ(back->dpi, 200);
  EXPECT_EQ(back->pixels, binary.pixels);
}

TEST_F(ImageIoTest, PngWithoutResolutionReadsAsZeroDpi) {
  const Image page = TestPage(40, 30, 1, 0);
  const std::string path = Path("nodpi.png");
  ASSERT_TRUE(WritePng(page, path).ok());
  auto read = ReadImagePage(path, 0);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->dpi, 0);
}

TEST_F(ImageIoTest, JpegRoundTripIsCloseAtHighQuality) {
  for (int channels : {1, 3}) {
    SCOPED_TRACE(channels);
    const Image page = TestPage(160, 96, channels, 300);
    auto jpeg = EncodeJpeg(page, 95);
    ASSERT_TRUE(jpeg.ok()) << jpeg.status().message();
    EXPECT_EQ(jpeg->substr(0, 2), std::string("\xff\xd8", 2));
    const std::string path = Write("page.jpg", *jpeg);
    auto back = ReadImagePage(path, 0);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(back->channels, channels);
    EXPECT_EQ(back->width, 160);
    EXPECT_EQ(back->dpi, 300);
    EXPECT_LE(MaxDifference(*back, page), 40);

    auto decoded = DecodeImage(*jpeg, "page.jpg");
    ASSERT_TRUE(decoded.ok()) << decoded.status().message();
    EXPECT_EQ(decoded->pixels, back->pixels);
  }
}

TEST_F(ImageIoTest, LowJpegQualityMakesSmallerFiles) {
  const Image page = TestPage(300, 200, 1, 300);
  auto high = EncodeJpeg(page, 95);
  auto low = EncodeJpeg(page, 20);
  ASSERT_TRUE(high.ok() && low.ok());
  EXPECT_LT(low->size(), high->size());
}

TEST_F(ImageIoTest, MultiPageTiffReadsEveryPageInOrder) {
  const std::vector<Image> pages = {TestPage(120, 80, 1, 300), TestPage(64, 90, 3, 200),
                                    TestPage(33, 21, 1, 150)};
  const std::string path = Path("scan.tif");
  ASSERT_TRUE(WriteTiff(pages, path, TiffCompression::kDeflate).ok());
  auto info = InspectImageFile(path);
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->format, ImageFormat::kTiff);
  ASSERT_EQ(info->pages.size(), 3u);
  EXPECT_EQ(info->pages[1].width, 64);
  EXPECT_EQ(info->pages[1].height, 90);
  EXPECT_EQ(info->pages[2].dpi, 150);

  auto read = ReadImageFile(path);
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->size(), 3u);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ((*read)[i].width, pages[i].width);
    EXPECT_EQ((*read)[i].channels, pages[i].channels);
    EXPECT_EQ((*read)[i].dpi, pages[i].dpi);
    EXPECT_EQ((*read)[i].pixels, pages[i].pixels);
  }
  auto beyond = ReadImagePage(path, 3);
  ASSERT_FALSE(beyond.ok());
  EXPECT_NE(beyond.status().message().find("page 4"), std::string::npos);
}

TEST_F(ImageIoTest, Group4TiffIsBlackAndWhite) {
  const std::vector<Image> pages = {TestPage(200, 100, 1, 300), TestPage(200, 100, 3, 300)};
  const std::string path = Path("fax.tif");
  ASSERT_TRUE(WriteTiff(pages, path, TiffCompression::kGroup4).ok());
  auto read = ReadImageFile(path);
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->size(), 2u);
  for (const Image& page : *read) {
    EXPECT_EQ(page.channels, 1);
    EXPECT_EQ(page.dpi, 300);
    for (std::uint8_t v : page.pixels) ASSERT_TRUE(v == 0 || v == 255) << int(v);
    // The dark bar stays black, the light end of the ramp white.
    EXPECT_EQ(page.pixels[static_cast<std::size_t>(40) * 200 + 100], 0);
    EXPECT_EQ(page.pixels[static_cast<std::size_t>(10) * 200 + 199], 255);
  }
}

TEST_F(ImageIoTest, WritingReplacesAnExistingFile) {
  const std::string path = Write("page.png", "old contents");
  ASSERT_TRUE(WritePng(TestPage(10, 10, 1, 0), path).ok());
  EXPECT_TRUE(ReadImagePage(path, 0).ok());
  EXPECT_FALSE(fs::exists(path + ".part"));
}

// ---- Bad input --------------------------------------------------------------

TEST_F(ImageIoTest, DecompressionBombsAreRefusedBeforeDecoding) {
  auto small_jpeg = EncodeJpeg(TestPage(16, 16, 1, 0), 80);
  ASSERT_TRUE(small_jpeg.ok());
  const struct {
    const char* name;
    std::string bytes;
  } cases[] = {
      {"bomb.png", PngClaiming(30000, 30000)},
      {"bomb.tif", TiffClaiming(30000, 30000)},
      {"bomb.jpg", JpegClaiming(*small_jpeg, 30000, 30000)},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_LT(c.bytes.size(), 2000u);
    const std::string path = Write(c.name, c.bytes);
    for (const Status& status :
         {InspectImageFile(path).status(), ReadImagePage(path, 0).status(),
          ReadImageFile(path).status(), DecodeImage(c.bytes, c.name).status()}) {
      ASSERT_FALSE(status.ok());
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.message();
      EXPECT_NE(status.message().find("30000 x 30000"), std::string::npos) << status.message();
      EXPECT_NE(status.message().find(c.name), std::string::npos) << status.message();
    }
  }
}

TEST_F(ImageIoTest, HandmadeHeadersOfAnOrdinarySizeAreReadable) {
  // The same handmade headers at a small size: the bomb test is about the size.
  auto info = InspectImageFile(Write("small.png", PngClaiming(64, 32)));
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->pages[0].width, 64);
  auto tiff = InspectImageFile(Write("small.tif", TiffClaiming(64, 32)));
  ASSERT_TRUE(tiff.ok()) << tiff.status().message();
  EXPECT_EQ(tiff->pages[0].height, 32);
}

TEST_F(ImageIoTest, DamagedFilesGetClearErrorsAndNoOutput) {
  const Image page = TestPage(300, 200, 1, 300);
  auto png = EncodePng(page);
  auto jpeg = EncodeJpeg(page, 90);
  ASSERT_TRUE(png.ok() && jpeg.ok());
  const std::string tif_path = Path("whole.tif");
  ASSERT_TRUE(WriteTiff({page}, tif_path, TiffCompression::kDeflate).ok());
  const std::string tiff = ReadBytes(tif_path);

  const struct {
    const char* name;
    std::string bytes;
    const char* expected;  // part of the message
  } cases[] = {
      {"empty.png", "", "empty (0 bytes)"},
      {"half.png", png->substr(0, png->size() / 2), "truncated or damaged"},
      {"header-only.png", png->substr(0, 40), "PNG"},
      {"half.jpg", jpeg->substr(0, jpeg->size() / 2), "truncated or damaged"},
      {"header-only.jpg", jpeg->substr(0, 200), "JPEG"},
      {"half.tif", tiff.substr(0, tiff.size() / 2), "TIFF"},
      {"notes.png", "Biên bản kê biên tài sản\n", "not a PNG, JPEG or TIFF"},
      {"scan.bmp", std::string("BM") + std::string(60, '\0'), "not accepted"},
  };
  ::testing::internal::CaptureStderr();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = Write(c.name, c.bytes);
    auto read = ReadImageFile(path);
    ASSERT_FALSE(read.ok());
    EXPECT_NE(read.status().message().find(c.name), std::string::npos) << read.status().message();
    EXPECT_NE(read.status().message().find(c.expected), std::string::npos)
        << read.status().message();
    EXPECT_FALSE(DecodeImage(c.bytes, c.name).ok());
  }
  const std::string noise = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(noise, "") << "the image library wrote to stderr";
}

TEST_F(ImageIoTest, MissingFilesAndDirectoriesAreNamed) {
  auto missing = ReadImageFile(Path("absent.png"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("absent.png"), std::string::npos);
  auto dir = InspectImageFile(dir_.string());
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("not a regular file"), std::string::npos);
  auto page = ReadImagePage(Write("one.png", *EncodePng(TestPage(8, 8, 1, 0))), 1);
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.status().message().find("one page"), std::string::npos);
}

TEST_F(ImageIoTest, MalformedImagesAreNotWritten) {
  Image wrong_size = TestPage(10, 10, 1, 0);
  wrong_size.pixels.pop_back();
  Image two_channels = TestPage(10, 10, 1, 0);
  two_channels.channels = 2;
  for (const Image& image : {Image{}, wrong_size, two_channels}) {
    EXPECT_FALSE(EncodePng(image).ok());
    EXPECT_FALSE(EncodeJpeg(image, 80).ok());
    EXPECT_FALSE(WritePng(image, Path("bad.png")).ok());
    EXPECT_FALSE(WriteTiff({image}, Path("bad.tif"), TiffCompression::kDeflate).ok());
  }
  EXPECT_FALSE(fs::exists(Path("bad.png")));
  EXPECT_FALSE(fs::exists(Path("bad.tif")));
  EXPECT_FALSE(EncodeJpeg(TestPage(10, 10, 1, 0), 0).ok());
  EXPECT_FALSE(EncodeJpeg(TestPage(10, 10, 1, 0), 101).ok());
  EXPECT_FALSE(WriteTiff({}, Path("none.tif"), TiffCompression::kDeflate).ok());
}

}  // namespace
}  // namespace thads::ocr
