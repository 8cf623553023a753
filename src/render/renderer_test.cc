#include "render/renderer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace thads::render {
namespace {

std::string ReadCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

std::string CollapseSpaces(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\f' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

PdfOptions Options() {
  auto fonts = LoadFontConfig(std::string(THADS_SOURCE_DIR) + "/fonts/fonts.conf");
  EXPECT_TRUE(fonts.ok()) << fonts.status().message();
  PdfOptions o;
  if (fonts.ok()) o.fonts = *fonts;
  o.deterministic = true;
  return o;
}

Paragraph Para(const std::string& text, Align align, FontStyle font = FontStyle::kRegular) {
  Paragraph p;
  p.runs.push_back({text, {font, 14, false}, ""});
  p.style.align = align;
  p.style.first_line_indent_pt = align == Align::kJustify ? 28 : 0;
  return p;
}

TEST(RenderPdf, JustifiedVietnameseReadsBackWordForWord) {
  const std::string body =
      "Cơ quan Thi hành án dân sự hai cấp trên địa bàn tỉnh tập trung rà soát, đánh giá năng "
      "lực đội ngũ cán bộ, nhất là đội ngũ chấp hành viên để có kế hoạch tuyển dụng, phân công "
      "công việc phù hợp, đẩy mạnh công tác đào tạo về lý luận chính trị cũng như chuyên môn "
      "nghiệp vụ. Buộc ông Nguyễn Văn Ấn phải trả cho bà Đặng Thị Hoà số tiền 150.000.000 đồng.";
  LayoutDocument doc;
  for (int i = 0; i < 12; ++i) doc.blocks.push_back(Para(body, Align::kJustify));
  auto pdf = RenderPdf(doc, Options(), PdfMetadata{});
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  EXPECT_EQ(pdf->page_count, 2);
  const auto dir = std::filesystem::temp_directory_path() / "thads_renderer_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "justified.pdf";
  std::ofstream(path, std::ios::binary) << pdf->bytes;
  std::string expected;
  for (int i = 0; i < 12; ++i) expected += body + " ";
  expected += "2";  // the page number on page 2
  const std::string text = ReadCommand("pdftotext -enc UTF-8 " + path.string() + " -");
  std::string got = CollapseSpaces(text);
  // The page number of page 2 is drawn in the top margin, before its body.
  EXPECT_NE(got.find(" 2 "), std::string::npos);
  EXPECT_EQ(CollapseSpaces(text).size(), CollapseSpaces(expected).size());
  std::ofstream(dir / "justified.txt") << text;
}

}  // namespace
}  // namespace thads::render
