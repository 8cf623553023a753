#include "render/truetype.h"

#include <gtest/gtest.h>

#include <random>

#include "render/fonts.h"

namespace thads::render {
namespace {

std::shared_ptr<const TrueTypeFont> Font(FontStyle style) {
  Result<FontSet> fonts = LoadFontConfig(DefaultFontConfigPath());
  EXPECT_TRUE(fonts.ok()) << fonts.status().message();
  if (!fonts.ok()) return nullptr;
  Result<std::shared_ptr<const TrueTypeFont>> font = LoadTrueType(fonts->Path(style));
  EXPECT_TRUE(font.ok()) << font.status().message();
  return font.ok() ? *font : nullptr;
}

TEST(TrueType, ReadsLiberationSerif) {
  const std::shared_ptr<const TrueTypeFont> font = Font(FontStyle::kRegular);
  ASSERT_NE(font, nullptr);
  EXPECT_EQ(font->postscript_name, "LiberationSerif");
  EXPECT_EQ(font->units_per_em, 2048);
  EXPECT_EQ(font->advance_of[U' '], 250);
  EXPECT_EQ(font->advance_of[U'A'], 722);
  EXPECT_NE(font->glyph_of[U'ặ'], 0);
  EXPECT_EQ(font->glyph_of[U'中'], 0);
  EXPECT_EQ(font->advance_of[U'中'], -1);
  EXPECT_EQ(font->Components(font->glyph_of[U'ặ']).size(), 3u);  // a, breve, dot below
  EXPECT_TRUE(font->Components(font->glyph_of[U'a']).empty());
  EXPECT_EQ(Font(FontStyle::kBoldItalic)->postscript_name, "LiberationSerif-BoldItalic");
  EXPECT_LT(Font(FontStyle::kItalic)->italic_angle, -10);
}

TEST(TrueType, LoadsEachFileOnce) {
  const std::shared_ptr<const TrueTypeFont> a = Font(FontStyle::kBold);
  const std::shared_ptr<const TrueTypeFont> b = Font(FontStyle::kBold);
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(LoadTrueType("/nonexistent.ttf").status().code(), StatusCode::kNotFound);
}

TEST(TrueType, DamagedFilesAreErrorsNotCrashes) {
  const std::shared_ptr<const TrueTypeFont> font = Font(FontStyle::kRegular);
  ASSERT_NE(font, nullptr);
  EXPECT_EQ(ParseTrueType("", "empty.ttf").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(ParseTrueType("OTTO and more", "cff.otf").status().code(),
            StatusCode::kCorrupt);
  // Truncations and flipped bytes: every outcome is fine but a crash (ASan watches).
  std::mt19937 random(20240205);
  for (int round = 0; round < 60; ++round) {
    std::string bytes = font->bytes.substr(0, random() % font->bytes.size());
    if (round % 2 == 1) {
      bytes = font->bytes;
      for (int flips = 0; flips < 20; ++flips) {
        // Damage the directory and the tables the parser reads, not only outlines.
        bytes[random() % 4096] = static_cast<char>(random());
      }
    }
    Result<TrueTypeFont> parsed = ParseTrueType(bytes, "damaged.ttf");
    if (parsed.ok()) {
      for (int g = 0; g < parsed->glyph_count; g += 97) (void)parsed->Components(g);
    }
  }
}

TEST(TrueType, SubsetKeepsOutlinesMetricsAndComposites) {
  const std::shared_ptr<const TrueTypeFont> font = Font(FontStyle::kRegular);
  ASSERT_NE(font, nullptr);
  const std::uint16_t a = font->glyph_of[U'A'];
  const std::uint16_t composite = font->glyph_of[U'ặ'];
  std::vector<std::uint16_t> glyphs = {0, a, composite};
  for (std::uint16_t component : font->Components(composite)) glyphs.push_back(component);
  const std::string program = BuildTrueTypeSubset(*font, glyphs, {{U'ặ', 2}, {U'A', 1}});
  Result<TrueTypeFont> subset = ParseTrueType(program, "subset.ttf");
  ASSERT_TRUE(subset.ok()) << subset.status().message();
  EXPECT_EQ(subset->glyph_count, static_cast<int>(glyphs.size()));
  EXPECT_EQ(subset->glyph_of[U'A'], 1);
  EXPECT_EQ(subset->glyph_of[U'ặ'], 2);
  EXPECT_EQ(subset->glyph_of[U'B'], 0);
  EXPECT_EQ(subset->units_per_em, font->units_per_em);
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    EXPECT_EQ(subset->advance_units[i], font->advance_units[glyphs[i]]) << i;
    EXPECT_EQ(subset->left_bearing[i], font->left_bearing[glyphs[i]]) << i;
  }
  EXPECT_EQ(subset->Glyph(1), font->Glyph(a));
  // The composite now names its components by their subset ids.
  const std::vector<std::uint16_t> components = subset->Components(2);
  ASSERT_EQ(components.size(), 3u);
  for (std::size_t k = 0; k < components.size(); ++k) {
    EXPECT_EQ(components[k], 3 + k);
    EXPECT_EQ(subset->Glyph(components[k]), font->Glyph(glyphs[3 + k]));
  }
  // Whole-file checksum: the 'head' adjustment makes the sum 0xB1B0AFBA.
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < program.size(); i += 4) {
    std::uint32_t word = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      word = (word << 8) |
             (i + k < program.size() ? static_cast<std::uint8_t>(program[i + k]) : 0);
    }
    sum += word;
  }
  EXPECT_EQ(sum, 0xB1B0AFBAu);
  EXPECT_EQ(program.size() % 4, 0u);
  EXPECT_FALSE(subset->TableBytes("fpgm").empty());
  EXPECT_TRUE(subset->TableBytes("GPOS").empty());
}

}  // namespace
}  // namespace thads::render
