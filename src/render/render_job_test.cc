#include "render/render_job.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace thads::render {
namespace {

namespace fs = std::filesystem;

const std::string kSource = THADS_SOURCE_DIR;

fs::path Scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("thads_render_job_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void Write(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string Sample(const std::string& name) {
  std::ifstream in(kSource + "/samples/documents/" + name + ".json", std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(RenderJob, BadDataFilesAreReportedAndTheBatchGoesOn) {
  const fs::path dir = Scratch("batch");
  std::string sample = Sample("qd-thi-hanh-an-chu-dong");
  Write(dir / "good.json", sample);
  std::string wrong_type = sample;
  wrong_type.replace(wrong_type.find("\"amount\": 7500000"), 17, "\"amount\": \"bảy triệu\"");
  Write(dir / "wrong_type.json", wrong_type);
  std::string bad_utf8 = sample;
  bad_utf8.replace(bad_utf8.find("Lê Văn Minh"), 11, "L\xC3");
  Write(dir / "bad_utf8.json", bad_utf8);
  Write(dir / "truncated.json", sample.substr(0, sample.size() / 2));
  Write(dir / "empty.json", "");

  RenderJobOptions options;
  options.template_path = "qd-thi-hanh-an-chu-dong";
  for (const char* f : {"good", "wrong_type", "bad_utf8", "truncated", "empty", "missing"}) {
    options.data_paths.push_back((dir / (std::string(f) + ".json")).string());
  }
  options.output = (dir / "out").string();
  options.jobs = 2;
  auto result = RunRenderJob(options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->files.size(), 6u);
  EXPECT_EQ(result->failed, 5);
  EXPECT_TRUE(result->files[0].status.ok()) << result->files[0].status.message();
  EXPECT_TRUE(fs::exists(dir / "out" / "good.pdf"));
  EXPECT_GE(result->files[0].page_count, 1);
  const auto message = [&](int i) { return result->files[i].status.message(); };
  EXPECT_NE(message(1).find("obligations[0].amount"), std::string::npos) << message(1);
  EXPECT_NE(message(2).find("UTF-8"), std::string::npos) << message(2);
  EXPECT_NE(message(2).find("debtor.name"), std::string::npos) << message(2);
  EXPECT_NE(message(3).find("truncated.json"), std::string::npos) << message(3);
  EXPECT_NE(message(5).find("missing.json"), std::string::npos) << message(5);
  for (int i = 1; i < 6; ++i) {
    EXPECT_FALSE(fs::exists(fs::path(result->files[i].output_path))) << message(i);
  }
  // No half-written files are left behind.
  for (const auto& entry : fs::directory_iterator(dir / "out")) {
    EXPECT_NE(entry.path().extension(), ".part");
  }
}

TEST(RenderJob, ACharacterTheFontLacksNamesTheField) {
  const fs::path dir = Scratch("glyph");
  std::string sample = Sample("qd-thi-hanh-an-chu-dong");
  sample.replace(sample.find("Lê Văn Minh"), 11, "Lê Văn 明");
  Write(dir / "cjk.json", sample);
  RenderJobOptions options;
  options.template_path = "qd-thi-hanh-an-chu-dong";
  options.data_paths = {(dir / "cjk.json").string()};
  options.output = (dir / "cjk.pdf").string();
  auto result = RunRenderJob(options);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->failed, 1);
  const std::string& m = result->files[0].status.message();
  EXPECT_NE(m.find("'明' (U+660E)"), std::string::npos) << m;
  EXPECT_NE(m.find("debtor.name"), std::string::npos) << m;
}

TEST(RenderJob, HostileTemplateIsRefusedAsAWhole) {
  const fs::path dir = Scratch("hostile");
  Write(dir / "laughs.xml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY a \"aaaaaaaaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<template title=\"&b;\"/>\n");
  Write(dir / "d.json", "{}");
  RenderJobOptions options;
  options.template_path = (dir / "laughs.xml").string();
  options.data_paths = {(dir / "d.json").string()};
  options.output = (dir / "o.pdf").string();
  auto result = RunRenderJob(options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("laughs.xml"), std::string::npos)
      << result.status().message();
}

TEST(RenderJob, CheckListsUndeclaredAndUnusedFields) {
  const fs::path dir = Scratch("check");
  Write(dir / "t.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<template title=\"Thử\">\n"
        "  <fields>\n"
        "    <field name=\"used\" type=\"text\"/>\n"
        "    <field name=\"unused\" type=\"money\"/>\n"
        "  </fields>\n"
        "  <body>\n"
        "    <p><v field=\"used\"/> <v field=\"undeclared\"/></p>\n"
        "  </body>\n"
        "</template>\n");
  auto problems = CheckTemplateFile((dir / "t.xml").string(), "");
  ASSERT_TRUE(problems.ok()) << problems.status().message();
  std::string all;
  for (const std::string& p : *problems) all += p + "\n";
  EXPECT_NE(all.find("undeclared"), std::string::npos) << all;
  EXPECT_NE(all.find("unused"), std::string::npos) << all;
  EXPECT_NE(all.find("t.xml:8"), std::string::npos) << all;
  auto shipped = CheckTemplateFile("qd-thi-hanh-an-chu-dong", "");
  ASSERT_TRUE(shipped.ok());
  EXPECT_TRUE(shipped->empty());
}

}  // namespace
}  // namespace thads::render
