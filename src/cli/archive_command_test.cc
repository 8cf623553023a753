#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "archive/store_test_util.h"
#include "cli/cli_test_util.h"

namespace thads::cli {
namespace {

namespace fs = std::filesystem;

using Output = testing::CliRun;

const std::string kCorpus = std::string(THADS_SOURCE_DIR) + "/tests/corpus";

class ArchiveCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() / archive::testing::UniqueName("thads_cli_archive_")).string();
    fs::create_directories(dir_);
    archive_ = dir_ + "/kho";
    // Two judgments of the corpus, as `thads extract --json` gives them.
    for (const char* name : {"ds_vay_01", "ds_dat_01"}) {
      const Output e = testing::RunThads({"extract", kCorpus + "/" + name + ".txt", "--json"});
      ASSERT_EQ(e.code, ExitCode::kOk) << e.err;
      std::ofstream(dir_ + "/" + name + ".json") << e.out;
      const Output add = testing::RunThads({"archive", "add", dir_ + "/" + name + ".json", "--text",
                              kCorpus + "/" + name + ".txt", "--archive", archive_});
      ASSERT_EQ(add.code, ExitCode::kOk) << add.err;
      EXPECT_EQ(add.out.rfind("Đã lưu hồ sơ #", 0), 0u) << add.out;
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string dir_;
  std::string archive_;
};

TEST_F(ArchiveCommand, SearchShowsCasesForTheClerkAndJsonForPrograms) {
  const Output o = testing::RunThads({"search", "luong van minh", "--archive", archive_});
  ASSERT_EQ(o.code, ExitCode::kOk) << o.err;
  EXPECT_NE(o.out.find("#1  Bản án số 70/2017/DS-ST ngày 12/09/2017"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("[Lương Văn Minh]"), std::string::npos) << o.out;
  const Output j = testing::RunThads({"search", "Lương Văn Minh", "--json", "--archive", archive_});
  ASSERT_EQ(j.code, ExitCode::kOk) << j.err;
  const auto json = nlohmann::json::parse(j.out);
  ASSERT_EQ(json["hits"].size(), 1u);
  EXPECT_EQ(json["hits"][0]["number"], "70/2017/DS-ST");
  EXPECT_EQ(json["hits"][0]["exact"], true);
  EXPECT_EQ(json["more"], false);
  const Output none = testing::RunThads({"search", "'; DROP TABLE cases; --", "--archive", archive_});
  EXPECT_EQ(none.code, ExitCode::kOk) << none.err;
  EXPECT_EQ(none.out, "Không tìm thấy hồ sơ nào.\n");
  const Output filtered = testing::RunThads({"search", "", "--court", "dam doi", "--min-amount", "100.000.000",
                               "--from", "1/1/2017", "--to", "31/12/2017", "--sort", "name", "--archive", archive_});
  ASSERT_EQ(filtered.code, ExitCode::kOk) << filtered.err;
  EXPECT_NE(filtered.out.find("70/2017/DS-ST"), std::string::npos) << filtered.out;
}

TEST_F(ArchiveCommand, ShowPrintsAmountsAndDatesTheVietnameseWay) {
  for (const char* which : {"1", "#1", "70/2017/DS-ST"}) {
    const Output o = testing::RunThads({"show", which, "--archive", archive_});
    ASSERT_EQ(o.code, ExitCode::kOk) << o.err;
    EXPECT_NE(o.out.find("150.000.000 đồng (Một trăm năm mươi triệu đồng)"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("ngày 12/09/2017"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("Tệp nguồn (1)"), std::string::npos) << o.out;
  }
  const Output j = testing::RunThads({"show", "1", "--json", "--archive", archive_});
  ASSERT_EQ(j.code, ExitCode::kOk) << j.err;
  EXPECT_EQ(nlohmann::json::parse(j.out)["extraction"]["document"]["number"], "70/2017/DS-ST");
}

TEST_F(ArchiveCommand, VerifyExportImportBackupRestore) {
  EXPECT_EQ(testing::RunThads({"verify", "--archive", archive_}).code, ExitCode::kOk);
  const Output ex = testing::RunThads({"export", "70/2017/DS-ST", "-o", dir_ + "/xuat", "--archive", archive_});
  ASSERT_EQ(ex.code, ExitCode::kOk) << ex.err;
  EXPECT_TRUE(fs::exists(dir_ + "/xuat/metadata.xml"));
  const Output im = testing::RunThads({"import", dir_ + "/xuat", "--archive", dir_ + "/kho2"});
  ASSERT_EQ(im.code, ExitCode::kOk) << im.err;
  EXPECT_EQ(testing::RunThads({"search", "nguyen viet tam", "--archive", dir_ + "/kho2"}).out.find("70/2017/DS-ST") != std::string::npos, true);
  const Output again = testing::RunThads({"import", dir_ + "/xuat", "--archive", dir_ + "/kho2"});
  EXPECT_EQ(again.code, ExitCode::kFailure);
  EXPECT_NE(again.err.find("already in the archive"), std::string::npos) << again.err;

  ASSERT_EQ(testing::RunThads({"backup", "-o", dir_ + "/saoluu", "--archive", archive_}).code, ExitCode::kOk);
  EXPECT_EQ(testing::RunThads({"restore", dir_ + "/saoluu", "--archive", dir_ + "/kho3"}).code, ExitCode::kOk);
  const Output refused = testing::RunThads({"restore", dir_ + "/saoluu", "--archive", dir_ + "/kho3"});
  EXPECT_EQ(refused.code, ExitCode::kFailure);
  EXPECT_NE(refused.err.find("--force"), std::string::npos);
  EXPECT_EQ(testing::RunThads({"restore", dir_ + "/saoluu", "--archive", dir_ + "/kho3", "--force"}).code, ExitCode::kOk);
  EXPECT_NE(testing::RunThads({"show", "2", "--archive", dir_ + "/kho3"}).out.find("Bản án số"), std::string::npos);

  // A damaged stored file: verify names it and fails.
  for (const auto& e : fs::recursive_directory_iterator(archive_ + "/blobs")) {
    if (e.is_regular_file()) {
      std::ofstream(e.path(), std::ios::binary) << "hỏng";
      break;
    }
  }
  const Output bad = testing::RunThads({"verify", "--archive", archive_});
  EXPECT_EQ(bad.code, ExitCode::kFailure);
  EXPECT_NE(bad.out.find("corrupt"), std::string::npos) << bad.out;
}

TEST_F(ArchiveCommand, BadInputIsExitTwoWithOneLineNamingIt) {
  std::ofstream(dir_ + "/bad.json") << "{\"document\": 5}";
  struct Case {
    std::vector<std::string> args;
    std::string says;
  } cases[] = {
      {{"search", "x", "--frobnicate"}, "unknown option '--frobnicate'"},
      {{"search", "x", "--type", "XX"}, "--type 'XX'"},
      {{"search", "x", "--sort", "size"}, "--sort 'size'"},
      {{"search", "x", "--limit", "many"}, "--limit 'many'"},
      {{"search", "x", "--min-amount", "nhiều"}, "--min-amount"},
      {{"search", "x", "--role", "judge"}, "--role 'judge'"},
      {{"search", "a", "b"}, "one QUERY"},
      {{"search", "x", "--court"}, "--court needs a value"},
      {{"show"}, "give one CASE"},
      {{"show", "70/1999/DS-ST"}, "no case with judgment number '70/1999/DS-ST'"},
      {{"export", "1"}, "usage: thads export CASE -o DIR"},
      {{"archive", "add", dir_ + "/missing.json"}, "missing.json"},
      {{"archive", "add", dir_ + "/bad.json"}, "bad.json"},
      {{"search", "x", "--archive", dir_ + "/nowhere"}, dir_ + "/nowhere: no such archive directory"},
      {{"search", "x", "--archive", kCorpus}, "is not a thads archive"},
  };
  for (Case& c : cases) {
    if (std::find(c.args.begin(), c.args.end(), "--archive") == c.args.end()) {
      const auto at = c.args.begin() + (c.args[0] == "archive" ? 2 : 1);
      c.args.insert(at, {"--archive", archive_});
    }
    const Output o = testing::RunThads(c.args);
    EXPECT_EQ(o.code, ExitCode::kBadInput) << c.args[0] << " " << c.says << ": " << o.err;
    EXPECT_NE(o.err.find(c.says), std::string::npos) << o.err;
    EXPECT_EQ(o.err.find('\n'), o.err.size() - 1) << o.err;
  }
}

TEST(ArchiveCommandServer, WorksOnPostgresToo) {
  archive::testing::ScratchArchive pg("postgres");
  THADS_REQUIRE_BACKEND(pg);
  const std::string json = (fs::temp_directory_path() / archive::testing::UniqueName("pg_cli_")).string() + ".json";
  std::ofstream(json) << testing::RunThads({"extract", kCorpus + "/ds_vay_01.txt", "--json"}).out;
  const Output add = testing::RunThads({"archive", "add", json, "--text", kCorpus + "/ds_vay_01.txt", "--archive", pg.location()});
  ASSERT_EQ(add.code, ExitCode::kOk) << add.err;
  const Output o = testing::RunThads({"search", "nguyen viet tam", "--archive", pg.location()});
  EXPECT_NE(o.out.find("70/2017/DS-ST"), std::string::npos) << o.out << o.err;
  EXPECT_EQ(testing::RunThads({"verify", "--archive", pg.location()}).code, ExitCode::kOk);
  const Output backup = testing::RunThads({"backup", "-o", json + ".bak", "--archive", pg.location()});
  EXPECT_EQ(backup.code, ExitCode::kFailure);
  EXPECT_NE(backup.err.find("pg_dump"), std::string::npos);
  fs::remove(json);
}

}  // namespace
}  // namespace thads::cli
