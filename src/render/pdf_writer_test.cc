#include "render/pdf_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace thads::render {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const char kMotto[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const char kMottoLine2[] = "Độc lập - Tự do - Hạnh phúc";
const char kNames[] = "Nguyễn Thị Ánh Tuyết, Đặng Đình Đức, 1.500.000 đồng, Ủy ban, thuỷ";
const char kPlaceDate[] = "Hà Nội, ngày 05 tháng 02 năm 2024";
const char kMarks[] = "Nơi nhận: ặ ễ ỗ";
const char kPageTwo[] = "Trang 2";

PdfOptions Options(bool deterministic) {
  Result<FontSet> fonts = LoadFontConfig(DefaultFontConfigPath());
  EXPECT_TRUE(fonts.ok()) << fonts.status().message();
  PdfOptions options;
  if (fonts.ok()) options.fonts = *fonts;
  options.deterministic = deterministic;
  return options;
}

std::unique_ptr<PdfWriter> NewWriter(bool deterministic = true) {
  Result<std::unique_ptr<PdfWriter>> writer = PdfWriter::Create(Options(deterministic));
  EXPECT_TRUE(writer.ok()) << writer.status().message();
  return writer.ok() ? std::move(writer).value() : nullptr;
}

PdfMetadata SampleMetadata() {
  PdfMetadata m;
  m.title = "Quyết định về việc thi hành án";
  m.author = "Chi cục Thi hành án dân sự quận Ba Đình";
  m.subject = "Thi hành án theo yêu cầu";
  m.keywords = "thi hành án; quyết định";
  m.document_number = "123";
  m.document_symbol = "QĐ-CCTHADS";
  m.creation_date = "2024-02-05T09:00:00+07:00";
  return m;
}

// Two A4 pages laid out like the header of an official document, every
// style used once.
std::string SampleDocument(bool deterministic, const std::string& extra_line = "") {
  std::unique_ptr<PdfWriter> w = NewWriter(deterministic);
  if (w == nullptr) return "";
  const double centre = 400;
  w->BeginPage();
  const double motto = w->Width(FontStyle::kBold, 13, kMotto);
  EXPECT_TRUE(w->DrawText(FontStyle::kBold, 13, centre - motto / 2, 780, kMotto).ok());
  const double line2 = w->Width(FontStyle::kBold, 14, kMottoLine2);
  EXPECT_TRUE(
      w->DrawText(FontStyle::kBold, 14, centre - line2 / 2, 762, kMottoLine2).ok());
  w->DrawLine(centre - line2 / 2, 758, centre + line2 / 2, 758, 0.5);
  EXPECT_TRUE(w->DrawText(FontStyle::kItalic, 14, 300, 735, kPlaceDate).ok());
  EXPECT_TRUE(w->DrawText(FontStyle::kRegular, 14, 85, 700, kNames).ok());
  EXPECT_TRUE(w->DrawText(FontStyle::kBoldItalic, 12, 85, 670, kMarks).ok());
  if (!extra_line.empty()) {
    EXPECT_TRUE(w->DrawText(FontStyle::kRegular, 14, 85, 640, extra_line).ok());
  }
  w->DrawRect(85, 100, 200, 60, 1);
  w->BeginPage();
  EXPECT_TRUE(w->DrawText(FontStyle::kRegular, 13, 280, 810, kPageTwo).ok());
  EXPECT_EQ(w->page_count(), 2);
  Result<std::string> pdf = w->Finish(SampleMetadata());
  EXPECT_TRUE(pdf.ok()) << pdf.status().message();
  return pdf.ok() ? *pdf : "";
}

// A directory of its own for each test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("thads_pdf_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path Write(const std::string& name, const std::string& bytes) const {
    const fs::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
  }

 private:
  fs::path path_;
};

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

struct ToolRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a shell command; stdout is captured, stderr goes to a file in `dir`.
ToolRun RunTool(const std::string& command, const TempDir& dir) {
  const fs::path err_file = dir.path() / "stderr.txt";
  ToolRun run;
  FILE* pipe = ::popen((command + " 2>'" + err_file.string() + "'").c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = ReadAll(err_file);
  return run;
}

bool HaveTool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

#define REQUIRE_TOOL(name, package)                                                      \
  ASSERT_TRUE(HaveTool(name)) << name << " is not installed (Debian package " << package \
                              << ", see scripts/install-deps.sh)"

std::string Quote(const fs::path& p) { return "'" + p.string() + "'"; }

std::vector<std::string> NonEmptyLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\f' || line.back() == ' ')) line.pop_back();
    while (!line.empty() && (line.front() == '\f' || line.front() == ' '))
      line.erase(0, 1);
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// ---------------------------------------------------------------------------
// Measuring.

TEST(PdfWriterMeasure, WidthsMatchTimesMetrics) {
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  // Liberation Serif is metric-compatible with Times New Roman: space 250, A 722, a 444.
  EXPECT_DOUBLE_EQ(w->Width(FontStyle::kRegular, 10, " "), 2.5);
  EXPECT_DOUBLE_EQ(w->Width(FontStyle::kRegular, 10, "A"), 7.22);
  EXPECT_DOUBLE_EQ(w->Width(FontStyle::kRegular, 10, "a"), 4.44);
  EXPECT_DOUBLE_EQ(w->Width(FontStyle::kRegular, 10, ""), 0.0);
  EXPECT_DOUBLE_EQ(w->Width(FontStyle::kBold, 10, "A"), 7.22);
  EXPECT_DOUBLE_EQ(w->Width(FontStyle::kBold, 10, "a"), 5.0);
}

TEST(PdfWriterMeasure, WidthAddsUpAndScales) {
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  for (FontStyle style : {FontStyle::kRegular, FontStyle::kBold, FontStyle::kItalic,
                          FontStyle::kBoldItalic}) {
    const double whole = w->Width(style, 13, kNames);
    EXPECT_GT(whole, 100.0);
    EXPECT_NEAR(whole,
                w->Width(style, 13, "Nguyễn Thị Ánh Tuyết, ") +
                    w->Width(style, 13, "Đặng Đình Đức, 1.500.000 đồng, Ủy ban, thuỷ"),
                1e-9);
    EXPECT_NEAR(w->Width(style, 26, kNames), 2 * whole, 1e-9);
  }
  EXPECT_NE(w->Width(FontStyle::kRegular, 13, kMotto),
            w->Width(FontStyle::kBold, 13, kMotto));
}

TEST(PdfWriterMeasure, WidthIsSafeOnBrokenUtf8) {
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  for (const std::string bad :
       {"Nguy\xE1\xBB", "\xE1", "\xC3\x28", "\xFF\xFE", "\xED\xA0\x80"}) {
    EXPECT_TRUE(std::isfinite(w->Width(FontStyle::kRegular, 12, bad)));
    EXPECT_EQ(w->MissingGlyph(FontStyle::kRegular, bad), U'\uFFFD');
  }
}

TEST(PdfWriterMeasure, AscentDescentLineGap) {
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  const double ascent = w->Ascent(FontStyle::kRegular, 1000);
  const double descent = w->Descent(FontStyle::kRegular, 1000);
  const double gap = w->LineGap(FontStyle::kRegular, 1000);
  EXPECT_NEAR(ascent, 891.1, 0.1);
  EXPECT_NEAR(descent, 216.3, 0.1);
  EXPECT_GE(gap, 0.0);
  // Times New Roman's line height: 1.15 em.
  EXPECT_NEAR(ascent + descent + gap, 1150, 1.0);
  EXPECT_NEAR(w->Ascent(FontStyle::kBold, 13), ascent * 13 / 1000, 0.5);
}

TEST(PdfWriterMeasure, MissingGlyphFindsWhatTheFontLacks) {
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  for (FontStyle style : {FontStyle::kRegular, FontStyle::kBold, FontStyle::kItalic,
                          FontStyle::kBoldItalic}) {
    for (const char* text : {kMotto, kMottoLine2, kNames, kPlaceDate, kMarks, ""}) {
      EXPECT_EQ(w->MissingGlyph(style, text), std::nullopt) << text;
    }
  }
  EXPECT_EQ(w->MissingGlyph(FontStyle::kRegular, "Ông 中 An"), U'\u4E2D');
  EXPECT_EQ(w->MissingGlyph(FontStyle::kRegular, "lỗi \xEF\xBF\xBD"), U'\uFFFD');
  EXPECT_EQ(w->MissingGlyph(FontStyle::kRegular, "a\tb"), U'\t');
  EXPECT_EQ(w->MissingGlyph(FontStyle::kRegular, "a\nb"), U'\n');
  EXPECT_EQ(w->MissingGlyph(FontStyle::kRegular, "cười 😀"), U'\U0001F600');
}

// ---------------------------------------------------------------------------
// Drawing: what is refused.

TEST(PdfWriterDraw, RefusesInvalidUtf8WithoutTouchingTheDocument) {
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  w->BeginPage();
  const std::vector<std::string> broken = {
      "Nguy\xE1\xBB",   // truncated at the end of the run
      "Nguy\xE1\xBBn",  // truncated inside the run
      "\xE1",           // a lead byte alone
      "\xC3\x28",       // bad continuation
      "\xC0\xAF",       // overlong
      "\xED\xA0\x80",   // surrogate
      std::string("a\0b", 3),
  };
  for (const std::string& text : broken) {
    const Status s = w->DrawText(FontStyle::kRegular, 12, 72, 700, text);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.message();
    EXPECT_THAT(s.message(), HasSubstr("invalid UTF-8"));
  }
  EXPECT_TRUE(w->DrawText(FontStyle::kRegular, 12, 72, 680, "Nguyễn").ok());
  Result<std::string> pdf = w->Finish(SampleMetadata());
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  EXPECT_EQ(pdf->rfind("%PDF-1.7", 0), 0u);
}

TEST(PdfWriterDraw, RefusesMissingGlyphsAndDecomposedText) {
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  w->BeginPage();
  Status s = w->DrawText(FontStyle::kRegular, 12, 72, 700, "Trung Quốc 中国");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("U+4E2D"));
  s = w->DrawText(FontStyle::kRegular, 12, 72, 700, "a\tb");
  EXPECT_THAT(s.message(), HasSubstr("U+0009"));
  s = w->DrawText(FontStyle::kRegular, 12, 72, 700, "Nguye\xCC\x82\xCC\x83n");  // NFD
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("NFC"));
  s = w->DrawText(FontStyle::kRegular, std::nan(""), 72, 700, "a");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  s = w->DrawText(FontStyle::kRegular, 12, INFINITY, 700, "a");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  s = w->DrawText(FontStyle::kRegular, 12, 1e300, 700, "a");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  s = w->DrawText(FontStyle::kRegular, 12, 72, 700, std::string(9000, 'a'));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  // Refused runs do not spoil the document.
  EXPECT_TRUE(w->Finish(SampleMetadata()).ok());
}

TEST(PdfWriterDraw, OrderOfCallsIsChecked) {
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  EXPECT_FALSE(w->DrawText(FontStyle::kRegular, 12, 72, 700, "a").ok());
  EXPECT_EQ(w->Finish(SampleMetadata()).status().code(), StatusCode::kInternal);
  // Finish is final.
  EXPECT_FALSE(w->Finish(SampleMetadata()).ok());

  std::unique_ptr<PdfWriter> once = NewWriter();
  ASSERT_NE(once, nullptr);
  once->BeginPage();
  ASSERT_TRUE(once->Finish(SampleMetadata()).ok());
  EXPECT_FALSE(once->DrawText(FontStyle::kRegular, 12, 72, 700, "a").ok());
  EXPECT_FALSE(once->Finish(SampleMetadata()).ok());
}

TEST(PdfWriterDraw, BadGeometryIsReportedByFinish) {
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  w->BeginPage();
  w->DrawLine(0, 0, std::nan(""), 10, 1);
  Result<std::string> pdf = w->Finish(SampleMetadata());
  EXPECT_EQ(pdf.status().code(), StatusCode::kInvalidArgument);

  std::unique_ptr<PdfWriter> no_page = NewWriter();
  ASSERT_NE(no_page, nullptr);
  no_page->DrawRect(0, 0, 10, 10, 1);
  EXPECT_FALSE(no_page->Finish(SampleMetadata()).ok());
}

TEST(PdfWriterCreate, ReportsMissingFilesAndBadProfiles) {
  PdfOptions options = Options(true);
  options.fonts.paths[1] = "/nonexistent/font.ttf";
  EXPECT_EQ(PdfWriter::Create(options).status().code(), StatusCode::kNotFound);

  options = Options(true);
  options.fonts.paths[0] = options.icc_profile_path;  // not a font
  EXPECT_EQ(PdfWriter::Create(options).status().code(), StatusCode::kCorrupt);

  options = Options(true);
  options.icc_profile_path = "/usr/share/color/icc/Gray.icc";
  if (fs::exists(options.icc_profile_path)) {
    Result<std::unique_ptr<PdfWriter>> gray = PdfWriter::Create(options);
    EXPECT_EQ(gray.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(gray.status().message(), HasSubstr("RGB"));
  }
  options.icc_profile_path = options.fonts.paths[0];  // not a profile
  EXPECT_EQ(PdfWriter::Create(options).status().code(), StatusCode::kCorrupt);
}

// ---------------------------------------------------------------------------
// The file.

TEST(PdfWriterFile, DeterministicOutputIsByteIdentical) {
  const std::string first = SampleDocument(true);
  const std::string second = SampleDocument(true);
  ASSERT_FALSE(first.empty());
  EXPECT_TRUE(first == second) << "two deterministic runs differ";
  EXPECT_NE(SampleDocument(true, "Đơn yêu cầu"), first);
}

TEST(PdfWriterFile, WritersOnSeparateThreadsAgree) {
  const std::string expected = SampleDocument(true);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&results, t] {
      for (int k = 0; k < 3; ++k) results[t] = SampleDocument(true);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) EXPECT_TRUE(result == expected);
}

TEST(PdfWriterFile, MetadataIsCheckedAndDated) {
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  w->BeginPage();
  PdfMetadata bad = SampleMetadata();
  bad.title = "Quy\xE1\xBB";
  EXPECT_EQ(w->Finish(bad).status().code(), StatusCode::kInvalidArgument);
  bad.title = "Quyết định\x01";
  EXPECT_EQ(w->Finish(bad).status().code(), StatusCode::kInvalidArgument);
  // Rejected metadata leaves the writer usable.
  EXPECT_TRUE(w->Finish(SampleMetadata()).ok());

  for (const char* date :
       {"2024-02-05", "2024-02-05 09:00:00+07:00", "2024-13-05T09:00:00Z",
        "2024-02-05T09:00:00+0700", "2024-02-05T09:00:00"}) {
    std::unique_ptr<PdfWriter> dated = NewWriter();
    ASSERT_NE(dated, nullptr);
    dated->BeginPage();
    PdfMetadata m = SampleMetadata();
    m.creation_date = date;
    EXPECT_EQ(dated->Finish(m).status().code(), StatusCode::kInvalidArgument) << date;
  }

  std::unique_ptr<PdfWriter> fixed = NewWriter(true);
  ASSERT_NE(fixed, nullptr);
  fixed->BeginPage();
  PdfMetadata undated = SampleMetadata();
  undated.creation_date.clear();
  Result<std::string> pdf = fixed->Finish(undated);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  EXPECT_THAT(*pdf,
              HasSubstr("<xmp:CreateDate>2000-01-01T00:00:00+07:00</xmp:CreateDate>"));
  EXPECT_THAT(*pdf, HasSubstr("/CreationDate (D:20000101000000+07'00')"));
}

// XPath over the XMP packet with the namespaces PDF/A uses.
class Xmp {
 public:
  explicit Xmp(const std::string& xml) {
    doc_ = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "xmp.xml", nullptr,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc_ == nullptr) return;
    ctx_ = xmlXPathNewContext(doc_);
    const std::pair<const char*, const char*> ns[] = {
        {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
        {"pdfaid", "http://www.aiim.org/pdfa/ns/id/"},
        {"dc", "http://purl.org/dc/elements/1.1/"},
        {"xmp", "http://ns.adobe.com/xap/1.0/"},
        {"pdf", "http://ns.adobe.com/pdf/1.3/"},
        {"thads", "http://ns.thads.invalid/document/1.0/"},
        {"pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"},
    };
    for (const auto& [prefix, uri] : ns) {
      xmlXPathRegisterNs(ctx_, reinterpret_cast<const xmlChar*>(prefix),
                         reinterpret_cast<const xmlChar*>(uri));
    }
  }
  ~Xmp() {
    if (ctx_ != nullptr) xmlXPathFreeContext(ctx_);
    if (doc_ != nullptr) xmlFreeDoc(doc_);
  }
  bool parsed() const { return doc_ != nullptr; }
  std::string Text(const std::string& xpath) const {
    if (ctx_ == nullptr) return "<unparsed>";
    xmlXPathObjectPtr found = xmlXPathEvalExpression(
        reinterpret_cast<const xmlChar*>(("string(" + xpath + ")").c_str()), ctx_);
    std::string value = found != nullptr && found->stringval != nullptr
                            ? reinterpret_cast<const char*>(found->stringval)
                            : "<none>";
    xmlXPathFreeObject(found);
    return value;
  }

 private:
  xmlDocPtr doc_ = nullptr;
  xmlXPathContextPtr ctx_ = nullptr;
};

TEST(PdfWriterFile, XmpDeclaresPdfA2bAndCarriesTheMetadata) {
  REQUIRE_TOOL("pdfinfo", "poppler-utils");
  TempDir dir;
  const fs::path pdf = dir.Write("out.pdf", SampleDocument(true));
  // pdfinfo -meta prints the catalog's metadata stream as a reader finds it.
  const ToolRun meta = RunTool("pdfinfo -meta " + Quote(pdf), dir);
  ASSERT_EQ(meta.exit_code, 0) << meta.err;
  const Xmp xmp(meta.out);
  ASSERT_TRUE(xmp.parsed()) << "XMP is not well-formed XML:\n" << meta.out;
  const std::string d = "//rdf:Description/";
  EXPECT_EQ(xmp.Text(d + "pdfaid:part"), "2");
  EXPECT_EQ(xmp.Text(d + "pdfaid:conformance"), "B");
  const PdfMetadata m = SampleMetadata();
  EXPECT_EQ(xmp.Text(d + "dc:title/rdf:Alt/rdf:li"), m.title);
  EXPECT_EQ(xmp.Text(d + "dc:creator/rdf:Seq/rdf:li"), m.author);
  EXPECT_EQ(xmp.Text(d + "dc:description/rdf:Alt/rdf:li"), m.subject);
  EXPECT_EQ(xmp.Text(d + "pdf:Keywords"), m.keywords);
  EXPECT_EQ(xmp.Text(d + "xmp:CreateDate"), m.creation_date);
  EXPECT_EQ(xmp.Text(d + "xmp:ModifyDate"), m.creation_date);
  EXPECT_EQ(xmp.Text(d + "thads:DocumentNumber"), "123");
  EXPECT_EQ(xmp.Text(d + "thads:DocumentSymbol"), "QĐ-CCTHADS");
  EXPECT_EQ(xmp.Text("//pdfaSchema:namespaceURI"),
            "http://ns.thads.invalid/document/1.0/");

  // The Info dictionary says the same (PDF/A requires the two to agree).
  const ToolRun info = RunTool("pdfinfo -isodates " + Quote(pdf), dir);
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_THAT(info.out, HasSubstr("Title:           " + m.title + "\n"));
  EXPECT_THAT(info.out, HasSubstr("Author:          " + m.author + "\n"));
  EXPECT_THAT(info.out, HasSubstr("Subject:         " + m.subject + "\n"));
  EXPECT_THAT(info.out, HasSubstr("Keywords:        " + m.keywords + "\n"));
  EXPECT_THAT(info.out, HasSubstr("CreationDate:    2024-02-05T09:00:00+07\n"));
  EXPECT_THAT(info.out, HasSubstr("PDF version:     1.7\n"));
  EXPECT_THAT(info.out, HasSubstr("Encrypted:       no\n"));
  EXPECT_THAT(info.out, HasSubstr("Pages:           2\n"));
  EXPECT_THAT(info.out, HasSubstr("Page size:       595.276 x 841.89 pts (A4)"));
}

TEST(PdfWriterFile, CatalogHasOutputIntentLangAndTrailerId) {
  REQUIRE_TOOL("qpdf", "qpdf");
  TempDir dir;
  const fs::path pdf = dir.Write("out.pdf", SampleDocument(true));
  const ToolRun trailer = RunTool("qpdf --show-object=trailer " + Quote(pdf), dir);
  ASSERT_EQ(trailer.exit_code, 0) << trailer.err;
  EXPECT_THAT(trailer.out, HasSubstr("/ID [ <"));
  EXPECT_THAT(trailer.out, Not(HasSubstr("/Encrypt")));
  const ToolRun catalog = RunTool("qpdf --show-object=1 " + Quote(pdf), dir);
  ASSERT_EQ(catalog.exit_code, 0) << catalog.err;
  EXPECT_THAT(catalog.out, HasSubstr("/Type /Catalog"));
  EXPECT_THAT(catalog.out, HasSubstr("/Lang (vi-VN)"));
  EXPECT_THAT(catalog.out, HasSubstr("/Metadata "));
  EXPECT_THAT(catalog.out, HasSubstr("/OutputIntents [ << "));
  EXPECT_THAT(catalog.out, HasSubstr("/S /GTS_PDFA1"));
  EXPECT_THAT(catalog.out, HasSubstr("/OutputConditionIdentifier (sRGB IEC61966-2.1)"));
  EXPECT_THAT(catalog.out, HasSubstr("/DestOutputProfile "));
  // Uncompressed, every object readable as text.
  const fs::path qdf = dir.path() / "qdf.pdf";
  const ToolRun expand = RunTool(
      "qpdf --qdf --object-streams=disable " + Quote(pdf) + " " + Quote(qdf), dir);
  ASSERT_EQ(expand.exit_code, 0) << expand.err;
  const std::string text = ReadAll(qdf);
  EXPECT_THAT(text, HasSubstr("/Subtype /CIDFontType2"));
  EXPECT_THAT(text, HasSubstr("/CIDToGIDMap /Identity"));
  EXPECT_THAT(text, HasSubstr("/Encoding /Identity-H"));
  EXPECT_THAT(text, HasSubstr("/ToUnicode "));
  EXPECT_THAT(text, HasSubstr("/FontFile2 "));
  EXPECT_THAT(text, HasSubstr("/Type /Metadata"));
  EXPECT_THAT(text, HasSubstr("/N 3"));
  EXPECT_THAT(text, Not(HasSubstr("/CIDSet")));
  EXPECT_THAT(text, Not(HasSubstr("/Encrypt")));
}

TEST(PdfWriterFile, ObjectsAreWrittenAsPdfARequires) {
  const std::string pdf = SampleDocument(true);
  // Header, then a comment of four bytes above 127.
  EXPECT_EQ(pdf.rfind("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", 0), 0u);
  // "obj" and "endobj" each end their line; streams are framed by EOLs.
  int objects = 0;
  for (std::size_t at = pdf.find(" 0 obj"); at != std::string::npos;
       at = pdf.find(" 0 obj", at + 1)) {
    EXPECT_EQ(pdf[at + 6], '\n') << "at byte " << at;
    ++objects;
  }
  for (std::size_t at = pdf.find("endobj"); at != std::string::npos;
       at = pdf.find("endobj", at + 1)) {
    EXPECT_EQ(pdf[at - 1], '\n') << "at byte " << at;
    EXPECT_EQ(pdf[at + 6], '\n') << "at byte " << at;
    --objects;
  }
  EXPECT_EQ(objects, 0);
  for (std::size_t at = pdf.find("endstream"); at != std::string::npos;
       at = pdf.find("endstream", at + 1)) {
    EXPECT_EQ(pdf[at - 1], '\n') << "at byte " << at;
  }
  for (std::size_t at = pdf.find(">>\nstream"); at != std::string::npos;
       at = pdf.find(">>\nstream", at + 1)) {
    EXPECT_EQ(pdf[at + 9], '\n') << "at byte " << at;
  }
  EXPECT_EQ(pdf.substr(pdf.size() - 6), "%%EOF\n");
}

// ---------------------------------------------------------------------------
// Real readers.

TEST(PdfWriterReaders, PdftotextGivesBackTheNfcText) {
  REQUIRE_TOOL("pdftotext", "poppler-utils");
  TempDir dir;
  const fs::path pdf = dir.Write("out.pdf", SampleDocument(true));
  const ToolRun text = RunTool("pdftotext -enc UTF-8 " + Quote(pdf) + " -", dir);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(
      NonEmptyLines(text.out),
      ::testing::ElementsAre(kMotto, kMottoLine2, kPlaceDate, kNames, kMarks, kPageTwo))
      << text.out;
}

TEST(PdfWriterReaders, InfoStringsSurviveEscaping) {
  REQUIRE_TOOL("pdfinfo", "poppler-utils");
  TempDir dir;
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  w->BeginPage();
  PdfMetadata m = SampleMetadata();
  // UTF-16 units whose low byte is '(', ')', '\\', LF or CR.
  m.title = "CHỦ NGHĨA nghĩa (x) \\ Ċ č Ŝ";
  Result<std::string> pdf = w->Finish(m);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const ToolRun info = RunTool("pdfinfo " + Quote(dir.Write("out.pdf", *pdf)), dir);
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_THAT(info.out, HasSubstr("Title:           " + m.title + "\n"));
}

TEST(PdfWriterReaders, PdffontsShowsEmbeddedSubsetsWithUnicodeMaps) {
  REQUIRE_TOOL("pdffonts", "poppler-utils");
  TempDir dir;
  const fs::path pdf = dir.Write("out.pdf", SampleDocument(true));
  const ToolRun fonts = RunTool("pdffonts " + Quote(pdf), dir);
  ASSERT_EQ(fonts.exit_code, 0) << fonts.err;
  std::vector<std::string> rows;
  std::istringstream in(fonts.out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("CID TrueType") != std::string::npos) rows.push_back(line);
  }
  ASSERT_EQ(rows.size(), 4u) << fonts.out;
  std::set<std::string> names;
  for (const std::string& row : rows) {
    std::istringstream cells(row);
    std::string name, type1, type2, encoding, emb, sub, uni;
    cells >> name >> type1 >> type2 >> encoding >> emb >> sub >> uni;
    EXPECT_EQ(encoding, "Identity-H") << row;
    EXPECT_EQ(emb + " " + sub + " " + uni, "yes yes yes") << row;
    // Subset fonts are named "ABCDEF+PostScriptName".
    ASSERT_GT(name.size(), 7u);
    EXPECT_EQ(name[6], '+') << row;
    names.insert(name.substr(7));
  }
  EXPECT_EQ(names, (std::set<std::string>{"LiberationSerif", "LiberationSerif-Bold",
                                          "LiberationSerif-Italic",
                                          "LiberationSerif-BoldItalic"}));
}

TEST(PdfWriterReaders, QpdfCheckFindsNoErrors) {
  REQUIRE_TOOL("qpdf", "qpdf");
  TempDir dir;
  const fs::path pdf = dir.Write("out.pdf", SampleDocument(false));
  const ToolRun check = RunTool("qpdf --check " + Quote(pdf), dir);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_THAT(check.out, HasSubstr("No syntax or stream encoding errors found"));
  EXPECT_THAT(check.out, HasSubstr("PDF Version: 1.7"));
  EXPECT_THAT(check.out, HasSubstr("File is not encrypted"));
  EXPECT_EQ(check.err, "");
}

TEST(PdfWriterReaders, MutoolDrawsEveryPage) {
  REQUIRE_TOOL("mutool", "mupdf-tools");
  TempDir dir;
  const fs::path pdf = dir.Write("out.pdf", SampleDocument(true));
  const ToolRun draw = RunTool(
      "mutool draw -q -r 50 -o " + Quote(dir.path() / "p%d.png") + " " + Quote(pdf), dir);
  EXPECT_EQ(draw.exit_code, 0) << draw.err;
  EXPECT_THAT(draw.err, Not(HasSubstr("error")));
  for (const char* page : {"p1.png", "p2.png"}) {
    ASSERT_TRUE(fs::exists(dir.path() / page)) << page;
    EXPECT_GT(fs::file_size(dir.path() / page), 1000u) << page;
  }
}

// A grey image as pdftoppm writes it (PGM, P5, 8 bits).
struct Gray {
  int width = 0;
  int height = 0;
  std::string pixels;
  bool Ink(int x, int y) const {
    return static_cast<unsigned char>(pixels[static_cast<std::size_t>(y) * width + x]) <
           128;
  }
};

Gray ReadPgm(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string magic;
  int max_value = 0;
  Gray image;
  in >> magic >> image.width >> image.height >> max_value;
  in.get();
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height);
  in.read(image.pixels.data(), static_cast<std::streamsize>(image.pixels.size()));
  if (magic != "P5" || max_value != 255 || !in) image = Gray{};
  return image;
}

// Topmost and bottommost rows with ink in the column span [x0, x1).
std::pair<int, int> InkRows(const Gray& image, int x0, int x1) {
  int top = image.height, bottom = -1;
  for (int y = 0; y < image.height; ++y) {
    for (int x = x0; x < x1 && x < image.width; ++x) {
      if (image.Ink(x, y)) {
        top = std::min(top, y);
        bottom = std::max(bottom, y);
      }
    }
  }
  return {top, bottom};
}

TEST(PdfWriterReaders, PdftoppmRendersStackedVietnameseMarks) {
  REQUIRE_TOOL("pdftoppm", "poppler-utils");
  TempDir dir;
  // The sample page at 80 dpi, as a person would look at it.
  const fs::path sample = dir.Write("sample.pdf", SampleDocument(true));
  const ToolRun png = RunTool("pdftoppm -png -r 80 -f 1 -l 1 " + Quote(sample) + " " +
                                  Quote(dir.path() / "sample"),
                              dir);
  ASSERT_EQ(png.exit_code, 0) << png.err;
  ASSERT_TRUE(fs::exists(dir.path() / "sample-1.png"));

  // Bare letters and their stacked forms side by side, 100 pt apart, 40 pt high:
  // each mark must add ink above (ễ ỗ ặ's breve) or below (ặ's dot) the letter.
  std::unique_ptr<PdfWriter> w = NewWriter();
  ASSERT_NE(w, nullptr);
  w->BeginPage(600, 200);
  const char* letters[] = {"e", "ễ", "o", "ỗ", "a", "ặ"};
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(w->DrawText(FontStyle::kRegular, 40, 20 + 100 * i, 80, letters[i]).ok());
  }
  Result<std::string> marks = w->Finish(SampleMetadata());
  ASSERT_TRUE(marks.ok()) << marks.status().message();
  const fs::path pdf = dir.Write("marks.pdf", *marks);
  // 144 dpi: two pixels per point, rows counted from the top of the page.
  const ToolRun pgm = RunTool(
      "pdftoppm -gray -r 144 " + Quote(pdf) + " " + Quote(dir.path() / "marks"), dir);
  ASSERT_EQ(pgm.exit_code, 0) << pgm.err;
  const Gray image = ReadPgm(dir.path() / "marks-1.pgm");
  ASSERT_EQ(image.width, 1200);
  ASSERT_EQ(image.height, 400);
  std::vector<std::pair<int, int>> rows;
  for (int i = 0; i < 6; ++i) rows.push_back(InkRows(image, 30 + 200 * i, 190 + 200 * i));
  const int baseline = 2 * (200 - 80);
  const int em = 2 * 40;
  for (int i = 0; i < 6; i += 2) {
    const auto [bare_top, bare_bottom] = rows[i];
    const auto [marked_top, marked_bottom] = rows[i + 1];
    ASSERT_LE(bare_bottom, baseline + 2) << letters[i] << " sits on the baseline";
    ASSERT_GT(bare_top, baseline - em / 2) << letters[i] << " is an x-height letter";
    // The marks add ink well above the bare letter (0.15 em).
    EXPECT_LT(marked_top, bare_top - em * 15 / 100) << letters[i + 1];
  }
  // ễ and ỗ carry two marks stacked: higher than ặ's single breve.
  EXPECT_LT(rows[1].first, rows[5].first);
  EXPECT_LT(rows[3].first, rows[5].first);
  EXPECT_GT(rows[5].second, baseline + em / 10) << "dot below ặ";
  EXPECT_LE(rows[3].second, baseline + 2) << "ỗ has nothing below the baseline";
}

// ---------------------------------------------------------------------------
// Benchmark (a program that prints figures, not a test with a time limit):
//   thads_render_test --gtest_also_run_disabled_tests --gtest_filter='*Bench*'

TEST(PdfWriterBench, DISABLED_TwoPageDocuments) {
  const std::vector<std::string> words = {
      "Căn",   "cứ",     "Bộ",  "luật", "Tố",     "tụng", "dân",  "sự",   "năm",
      "2015;", "Nguyễn", "Thị", "Ánh",  "Tuyết,", "Đặng", "Đình", "Đức,", "1.500.000",
      "đồng,", "Ủy",     "ban", "nhân", "dân",    "thuỷ", "lợi."};
  const int kDocuments = 200;
  std::size_t bytes = 0;
  long width_calls = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int d = 0; d < kDocuments; ++d) {
    std::unique_ptr<PdfWriter> w = NewWriter(false);
    ASSERT_NE(w, nullptr);
    for (int page = 0; page < 2; ++page) {
      w->BeginPage();
      for (int line = 0; line < 40; ++line) {
        const FontStyle style = static_cast<FontStyle>(line % kFontStyleCount);
        std::string text;
        double x = 85;
        for (std::size_t i = 0; i < 14; ++i) {
          const std::string& word = words[(line * 7 + i) % words.size()];
          x += w->Width(style, 14, word) + w->Width(style, 14, " ");
          width_calls += 2;
          text += (text.empty() ? "" : " ") + word;
        }
        ASSERT_TRUE(w->DrawText(style, 14, 85, 780 - 18 * line, text).ok());
      }
      w->DrawLine(85, 60, 500, 60, 0.5);
    }
    Result<std::string> pdf = w->Finish(SampleMetadata());
    ASSERT_TRUE(pdf.ok()) << pdf.status().message();
    bytes += pdf->size();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%d two-page documents in %.3f s: %.0f documents/s, %.0f KiB each\n",
              kDocuments, seconds, kDocuments / seconds, bytes / 1024.0 / kDocuments);

  std::unique_ptr<PdfWriter> w = NewWriter(false);
  ASSERT_NE(w, nullptr);
  const int kCalls = 2'000'000;
  double sum = 0;
  const auto width_start = std::chrono::steady_clock::now();
  for (int i = 0; i < kCalls; ++i)
    sum += w->Width(FontStyle::kRegular, 14, words[i % words.size()]);
  const double width_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - width_start)
          .count();
  std::printf("Width: %.1f ns per word (checksum %.0f)\n", width_seconds / kCalls * 1e9,
              sum);
}

}  // namespace
}  // namespace thads::render

// ---------------------------------------------------------------------------
// The scanned-page form: a picture with an invisible, selectable text layer.

namespace thads::render {
namespace {

// A grey JPEG of a real page at 20 dpi (A4: 165 x 234 px), as a scanner gives
// it: dir/scan-1.jpg.
PdfImage ScannedPage(TempDir& dir) {
  const fs::path source = dir.Write("source.pdf", SampleDocument(true));
  EXPECT_EQ(RunTool("pdftoppm -gray -jpeg -r 20 -f 1 -l 1 " + Quote(source) + " " +
                        Quote(dir.path() / "scan"),
                    dir)
                .exit_code,
            0);
  PdfImage image;
  image.data = ReadAll(dir.path() / "scan-1.jpg");
  image.width = 165;
  image.height = 234;
  image.components = 1;
  return image;
}

TEST(PdfWriterScan, ImageUnderInvisibleTextReadsBackAndShowsOnlyThePicture) {
  REQUIRE_TOOL("pdftoppm", "poppler-utils");
  TempDir dir;
  const fs::path source = dir.path() / "source.pdf";
  PdfImage image = ScannedPage(dir);
  ASSERT_EQ(RunTool("pdftoppm -gray -r 20 -f 1 -l 1 " + Quote(source) + " " +
                        Quote(dir.path() / "alone"),
                    dir)
                .exit_code,
            0);
  const Gray alone = ReadPgm(dir.path() / "alone-1.pgm");
  image.width = alone.width;
  image.height = alone.height;

  std::unique_ptr<PdfWriter> writer = NewWriter();
  writer->BeginPage();
  ASSERT_TRUE(writer->DrawImage(image, 0, 0, kA4WidthPt, kA4HeightPt).ok());
  ASSERT_TRUE(writer
                  ->DrawInvisibleText(FontStyle::kRegular, 13, 100, 700, 180,
                                      "Quyết định thi hành án")
                  .ok());
  // Text drawn after an invisible run is visible again.
  ASSERT_TRUE(writer->DrawText(FontStyle::kRegular, 13, 100, 100, "Đã xem").ok());
  EXPECT_FALSE(writer->DrawInvisibleText(FontStyle::kRegular, 13, 100, 680, 0, "x").ok());
  EXPECT_FALSE(writer->DrawImage(PdfImage{10, 10, 1, ImageCoding::kJpeg, "not a jpeg"}, 0, 0, 10, 10).ok());
  EXPECT_FALSE(writer->DrawImage(PdfImage{0, 10, 1, ImageCoding::kJpeg, image.data}, 0, 0, 10, 10).ok());
  EXPECT_FALSE(writer->DrawImage(PdfImage{10, 10, 1, ImageCoding::kCcittG4, ""}, 0, 0, 10, 10).ok());
  EXPECT_FALSE(writer->DrawImage(PdfImage{10, 10, 3, ImageCoding::kCcittG4, "x"}, 0, 0, 10, 10).ok());
  Result<std::string> pdf = writer->Finish(SampleMetadata());
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const fs::path out = dir.Write("scan.pdf", *pdf);

  const ToolRun text = RunTool("pdftotext -enc UTF-8 " + Quote(out) + " -", dir);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(NonEmptyLines(text.out),
              ::testing::ElementsAre("Quyết định thi hành án", "Đã xem"));
  // The word spans the width it was given: its box in pdftotext's layout.
  const ToolRun box =
      RunTool("pdftotext -bbox -enc UTF-8 " + Quote(out) + " - | grep 'thi'", dir);
  ASSERT_EQ(box.exit_code, 0) << box.err;
  const ToolRun check = RunTool("qpdf --check " + Quote(out), dir);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const ToolRun images = RunTool("pdfimages -list " + Quote(out), dir);
  ASSERT_EQ(images.exit_code, 0) << images.err;
  EXPECT_NE(images.out.find("gray"), std::string::npos) << images.out;
  EXPECT_NE(images.out.find("jpeg"), std::string::npos) << images.out;

  // Rendered, the invisible words leave no ink: the page looks exactly as the
  // same picture without a text layer.
  std::unique_ptr<PdfWriter> bare = NewWriter();
  bare->BeginPage();
  ASSERT_TRUE(bare->DrawImage(image, 0, 0, kA4WidthPt, kA4HeightPt).ok());
  ASSERT_TRUE(bare->DrawText(FontStyle::kRegular, 13, 100, 100, "Đã xem").ok());
  Result<std::string> bare_pdf = bare->Finish(SampleMetadata());
  ASSERT_TRUE(bare_pdf.ok()) << bare_pdf.status().message();
  const fs::path bare_out = dir.Write("bare.pdf", *bare_pdf);
  for (const auto& [pdf_file, name] : {std::pair{out, "seen"}, std::pair{bare_out, "bare"}}) {
    ASSERT_EQ(RunTool("pdftoppm -gray -r 20 " + Quote(pdf_file) + " " +
                          Quote(dir.path() / name),
                      dir)
                  .exit_code,
              0);
  }
  const Gray seen = ReadPgm(dir.path() / "seen-1.pgm");
  const Gray picture = ReadPgm(dir.path() / "bare-1.pgm");
  ASSERT_GT(seen.width, 0);
  EXPECT_EQ(seen.pixels, picture.pixels);
}

TEST(PdfWriterScan, StreamedToAFileLikeInMemory) {
  REQUIRE_TOOL("qpdf", "qpdf");
  TempDir dir;
  const PdfImage image = ScannedPage(dir);
  const fs::path out = dir.path() / "streamed.pdf";
  Result<std::unique_ptr<PdfWriter>> writer =
      PdfWriter::CreateForFile(Options(true), out.string());
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  const int kPages = 3;
  for (int page = 1; page <= kPages; ++page) {
    (*writer)->BeginPage();
    ASSERT_TRUE((*writer)->DrawImage(image, 0, 0, kA4WidthPt, kA4HeightPt).ok());
    ASSERT_TRUE((*writer)
                    ->DrawInvisibleText(FontStyle::kRegular, 13, 100, 700, 180,
                                        "Trang " + std::to_string(page) + " bản án")
                    .ok());
  }
  Result<std::string> finished = (*writer)->Finish(SampleMetadata());
  ASSERT_TRUE(finished.ok()) << finished.status().message();
  EXPECT_TRUE(finished->empty());

  const ToolRun check = RunTool("qpdf --check " + Quote(out), dir);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const ToolRun text = RunTool("pdftotext -enc UTF-8 " + Quote(out) + " -", dir);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(NonEmptyLines(text.out),
              ::testing::ElementsAre("Trang 1 bản án", "Trang 2 bản án", "Trang 3 bản án"));
  const ToolRun images = RunTool("pdfimages -list " + Quote(out), dir);
  EXPECT_EQ(std::count(images.out.begin(), images.out.end(), '\n'), 2 + kPages) << images.out;
  // PDF/A needs the same catalog entries and trailer /ID as the in-memory form.
  const ToolRun trailer = RunTool("qpdf --show-object=trailer " + Quote(out), dir);
  EXPECT_NE(trailer.out.find("/ID"), std::string::npos) << trailer.out;
  const ToolRun info = RunTool("pdfinfo " + Quote(out), dir);
  EXPECT_NE(info.out.find("1.7"), std::string::npos) << info.out;
  const ToolRun fonts = RunTool("pdffonts " + Quote(out), dir);
  EXPECT_NE(fonts.out.find("CID TrueType"), std::string::npos) << fonts.out;

  EXPECT_FALSE(PdfWriter::CreateForFile(Options(true), "").ok());
  EXPECT_FALSE(
      PdfWriter::CreateForFile(Options(true), (dir.path() / "no/such/dir/x.pdf").string()).ok());
}

}  // namespace
}  // namespace thads::render
