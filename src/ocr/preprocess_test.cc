// Preprocessing on the committed scan set: the manifest says how each page was
// damaged (rotation, quarter turns, resolution), so it says what must be undone.
#include "ocr/preprocess.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ocr/engine.h"
#include "ocr/image_io.h"

namespace thads::ocr {
namespace {

const std::string kScans = std::string(THADS_SOURCE_DIR) + "/tests/scans/";

struct ManifestRow {
  std::string file;
  int dpi = 0;
  double rotate = 0;    // degrees the page was turned by the scanner's damage
  int quarter = 0;      // quarter turns applied (orientation=...)
};

double Field(const std::string& damage, const std::string& key, double missing) {
  const std::size_t at = damage.find(key + "=");
  if (at == std::string::npos) return missing;
  return std::stod(damage.substr(at + key.size() + 1));
}

std::vector<ManifestRow> Manifest() {
  std::ifstream in(kScans + "manifest.tsv");
  std::vector<ManifestRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream s(line);
    std::string col;
    while (std::getline(s, col, '\t')) cols.push_back(col);
    if (cols.size() < 9) continue;
    ManifestRow row;
    row.file = cols[0];
    row.dpi = std::stoi(cols[4]);
    row.rotate = Field(cols[8], "rotate", 0);
    row.quarter = static_cast<int>(Field(cols[8], "orientation", 0));
    rows.push_back(row);
  }
  return rows;
}

std::unique_ptr<OcrEngine> Engine() {
  Result<std::unique_ptr<OcrEngine>> engine = CreateTesseractEngine({});
  EXPECT_TRUE(engine.ok()) << engine.status().message();
  return engine.ok() ? std::move(engine).value() : nullptr;
}

TEST(Preprocess, UndoesSkewOnTheScanSetAndKeepsItsResolution) {
  std::unique_ptr<OcrEngine> engine = Engine();
  ASSERT_NE(engine, nullptr);
  const std::vector<ManifestRow> rows = Manifest();
  ASSERT_GE(rows.size(), 30u);
  int measured = 0, skewed = 0;
  for (const ManifestRow& row : rows) {
    if (row.quarter != 0) continue;  // orientation has its own test
    Result<std::vector<Image>> pages = ReadImageFile(kScans + row.file);
    ASSERT_TRUE(pages.ok()) << pages.status().message();
    ASSERT_EQ(pages->size(), 1u);
    PreprocessReport report;
    Result<Image> out = Preprocess(pages->front(), {}, &report, engine.get());
    ASSERT_TRUE(out.ok()) << row.file << ": " << out.status().message();
    EXPECT_EQ(out->channels, 1);
    // Every page of the set is 150-200 dpi: read best as it is (docs/ocr.md).
    EXPECT_EQ(out->dpi, row.dpi) << row.file;
    EXPECT_NEAR(out->width, pages->front().width, 2) << row.file;
    EXPECT_EQ(report.rotated_degrees, 0)
        << row.file << " (orientation confidence " << report.orientation_confidence << ")";
    // Straightening turns the page back by what the damage turned it; a page
    // with a line or two of text may not be measurable, and is then left alone.
    if (std::fabs(row.rotate) >= 0.3) {
      ++skewed;
      if (report.deskew_degrees == 0) continue;
      EXPECT_NEAR(report.deskew_degrees, -row.rotate, 0.25) << row.file;
      ++measured;
    }
  }
  EXPECT_GE(measured, skewed * 9 / 10) << "of " << skewed << " skewed pages";
}

TEST(Preprocess, TurnsUpsideDownAndSidewaysPagesUpright) {
  std::unique_ptr<OcrEngine> engine = Engine();
  ASSERT_NE(engine, nullptr);
  int seen = 0;
  for (const ManifestRow& row : Manifest()) {
    if (row.quarter == 0) continue;
    Result<std::vector<Image>> pages = ReadImageFile(kScans + row.file);
    ASSERT_TRUE(pages.ok()) << pages.status().message();
    PreprocessReport report;
    Result<Image> out = Preprocess(pages->front(), {}, &report, engine.get());
    ASSERT_TRUE(out.ok()) << out.status().message();
    EXPECT_EQ((report.rotated_degrees + row.quarter) % 360, 0)
        << row.file << " was turned " << row.quarter << ", we turned "
        << report.rotated_degrees << " (confidence " << report.orientation_confidence << ")";
    // Once upright, the skew of the damage is undone too.
    if (std::fabs(row.rotate) >= 0.3) {
      EXPECT_NEAR(std::fabs(report.deskew_degrees), std::fabs(row.rotate), 0.25) << row.file;
    }
    ++seen;
  }
  EXPECT_GE(seen, 1);
}

TEST(Preprocess, FaxGradeScansAreScaledUp) {
  Result<std::vector<Image>> pages = ReadImageFile(kScans + Manifest().front().file);
  ASSERT_TRUE(pages.ok());
  Image page = pages->front();
  const int original_dpi = page.dpi;
  page.dpi = 100;  // as if the same pixels covered a larger page
  PreprocessReport report;
  Result<Image> out = Preprocess(page, {}, &report, nullptr);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->dpi, 200);
  EXPECT_NEAR(out->width, page.width * 2, 2);
  EXPECT_DOUBLE_EQ(report.scale, 2.0);
  EXPECT_GT(original_dpi, 100);
}

TEST(Preprocess, ARedSealIsDroppedForReadingAndKeptInThePicture) {
  // A colour page: black text lines and a red seal over them.
  Image page{1200, 1600, 3, 300, {}};
  page.pixels.assign(static_cast<std::size_t>(page.width) * page.height * 3, 250);
  auto set = [&](int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    const std::size_t i = (static_cast<std::size_t>(y) * page.width + x) * 3;
    page.pixels[i] = r;
    page.pixels[i + 1] = g;
    page.pixels[i + 2] = b;
  };
  for (int line = 0; line < 20; ++line) {
    for (int y = 200 + line * 60; y < 220 + line * 60; ++y)
      for (int x = 150; x < 1050; ++x) set(x, y, 20, 20, 20);
  }
  const int cx = 800, cy = 900;
  for (int y = cy - 200; y <= cy + 200; ++y) {
    for (int x = cx - 200; x <= cx + 200; ++x) {
      const int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
      if (d2 <= 200 * 200 && d2 >= 180 * 180) set(x, y, 210, 30, 40);  // the seal's ring
    }
  }
  PreprocessReport report;
  Image picture;
  PreprocessOptions options;
  options.deskew = false;
  Result<Image> read = Preprocess(page, options, &report, nullptr, &picture);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_TRUE(report.red_dropped);
  ASSERT_FALSE(picture.empty());
  ASSERT_EQ(picture.width, read->width);
  ASSERT_EQ(picture.height, read->height);
  const std::size_t ring = static_cast<std::size_t>(cy) * read->width + (cx + 190);
  EXPECT_GT(read->pixels.at(ring), 200) << "the seal is gone from what is read";
  EXPECT_LT(picture.pixels.at(ring), 150) << "and still on the page's picture";
  const std::size_t text = static_cast<std::size_t>(210) * read->width + 300;
  EXPECT_LT(read->pixels.at(text), 100);
  EXPECT_LT(picture.pixels.at(text), 100);

  // A page without red: no separate picture.
  Image grey_page{400, 500, 1, 300, std::vector<std::uint8_t>(400 * 500, 240)};
  Image untouched;
  ASSERT_TRUE(Preprocess(grey_page, options, &report, nullptr, &untouched).ok());
  EXPECT_TRUE(untouched.empty());
}

TEST(Preprocess, BlankAndMalformedPages) {
  Image blank{800, 1100, 1, 300, std::vector<std::uint8_t>(800 * 1100, 255)};
  PreprocessReport report;
  Result<Image> out = Preprocess(blank, {}, &report);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(report.rotated_degrees, 0);
  EXPECT_EQ(report.deskew_degrees, 0);
  EXPECT_EQ(out->width, 800);

  EXPECT_FALSE(Preprocess(Image{}, {}, nullptr).ok());
  EXPECT_FALSE(Preprocess(Image{10, 10, 1, 300, std::vector<std::uint8_t>(3)}, {}, nullptr).ok());
  // A page without a resolution is taken as 300 dpi: not scaled.
  Image no_dpi{400, 500, 3, 0, std::vector<std::uint8_t>(400 * 500 * 3, 200)};
  out = Preprocess(no_dpi, {}, &report);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->dpi, 300);
  EXPECT_EQ(out->width, 400);
  EXPECT_EQ(out->channels, 1);
}

}  // namespace
}  // namespace thads::ocr
