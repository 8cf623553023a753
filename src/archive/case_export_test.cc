#include "archive/case_export.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "archive/blob_store.h"
#include "archive/store_test_util.h"

namespace thads::archive {
namespace {

namespace fs = std::filesystem;
using testing::MakeJudgment;
using testing::ScratchArchive;
using std::chrono::year;

std::string TempDir(const std::string& name) {
  return (fs::temp_directory_path() / testing::UniqueName(name)).string();
}

// A case with two extraction versions, a scan with its text, a draft and an
// approved document with PDFs.
std::int64_t FillCase(Store& store) {
  auto j = MakeJudgment("70/2017/DS-ST", "Tòa án nhân dân huyện Đầm Dơi, tỉnh Cà Mau",
                        "Nguyễn Việt Tâm", "Lương Văn Minh");
  auto tx = store.Begin();
  EXPECT_TRUE(tx.ok());
  auto c = (*tx)->CreateOrFindCase(j.document, "Phòng Thi hành án dân sự khu vực 1");
  EXPECT_TRUE((*tx)->AddExtraction(c->id, {j, "extracted", std::nullopt, std::nullopt}).ok());
  j.parties[1].name = "Lương Văn Minh Tuấn";
  EXPECT_TRUE((*tx)->AddExtraction(c->id, {j, "sửa tên", std::string("clerk"), std::nullopt}).ok());
  auto scan = (*tx)->PutBlob(std::string("%PDF-1.4 scan\0\x01\xff", 17));
  SourceRecord s;
  s.sha256 = *scan;
  s.original_name = "Bản án 70.PDF";
  s.page_count = 5;
  s.case_id = c->id;
  s.text = "TÒA ÁN NHÂN DÂN HUYỆN ĐẦM DƠI\fTrang 2: Buộc ông Lương Văn Minh trả tiền.";
  EXPECT_TRUE((*tx)->RecordSource(s).ok());
  EXPECT_TRUE((*tx)->SetCaseStatus(c->id, model::CaseStatus::kInProgress).ok());
  model::GeneratedDocument d;
  d.template_id = "qd-thi-hanh-an-chu-dong";
  d.kind = "Quyết định";
  d.symbol = "QĐ-THADS";
  d.agency = "Phòng Thi hành án dân sự khu vực 1";
  d.subject = "Thi hành án chủ động";
  d.signer = "Trưởng phòng";
  d.agency_code = "G12.34.56";
  d.file_catalogue = "2024";
  d.file_notation = "HS-70";
  d.ordinal = 1;
  d.page_count = 2;
  d.priority = model::Urgency::kUrgent;
  d.due_date = year{2024} / 7 / 1;
  auto pdf = (*tx)->PutBlob("%PDF-1.7 quyết định");
  auto id = (*tx)->AddDocument(c->id, d, *pdf);
  EXPECT_TRUE((*tx)->ApproveDocument(*id, year{2024} / 6 / 3).ok());
  d.ordinal = 2;
  d.kind = "Thông báo";
  EXPECT_TRUE((*tx)->AddDocument(c->id, d, "").ok());
  EXPECT_TRUE((*tx)->Commit().ok());
  return c->id;
}

std::map<std::string, std::string> FilesOf(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    out[e.path().filename().string()] = *ReadWholeFile(e.path().string());
  }
  return out;
}

class CaseExportTest : public ::testing::TestWithParam<std::string> {};

// Export, import into a fresh archive of the other backend, export again: the
// same files, byte for byte.
TEST_P(CaseExportTest, RoundTripsWithoutLoss) {
  ScratchArchive from("sqlite");
  ScratchArchive to(GetParam());
  THADS_REQUIRE_BACKEND(to);
  auto a = from.Open();
  auto b = to.Open();
  ASSERT_TRUE(a.ok() && b.ok()) << b.status().message();
  const std::int64_t id = FillCase(**a);
  const std::string first = TempDir("export1_"), second = TempDir("export2_");
  ASSERT_TRUE(ExportCase(**a, id, first).ok());
  auto imported = ImportCase(**b, first);
  ASSERT_TRUE(imported.ok()) << imported.status().message();
  ASSERT_TRUE(ExportCase(**b, *imported, second).ok());
  const auto one = FilesOf(first), two = FilesOf(second);
  EXPECT_EQ(one, two);
  EXPECT_EQ(one.size(), 4u);  // metadata.xml, the scan, its OCR text, the approved PDF
  const std::string& xml = one.at("metadata.xml");
  for (const char* s : {"<agencyCode>G12.34.56</agencyCode>", "<fileNotation>HS-70</fileNotation>",
                        "<number>1</number>", "<symbol>QĐ-THADS</symbol>",
                        "<issueDate>2024-06-03</issueDate>", "<priority>urgent</priority>",
                        "<dueDate>2024-07-01</dueDate>", "<pageCount>2</pageCount>", "sha256=\""}) {
    EXPECT_NE(xml.find(s), std::string::npos) << s;
  }
  EXPECT_EQ((*b)->Extractions(*imported)->size(), 2u);
  EXPECT_EQ((*b)->GetCase(*imported)->status, model::CaseStatus::kInProgress);
  // Importing the same case again is refused.
  EXPECT_EQ(ImportCase(**b, first).status().code(), StatusCode::kAlreadyExists);
  fs::remove_all(first);
  fs::remove_all(second);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseExportTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(CaseExport, ImportRefusesAChangedFileAndBadXml) {
  ScratchArchive from("sqlite"), to("sqlite");
  auto a = from.Open();
  auto b = to.Open();
  ASSERT_TRUE(a.ok() && b.ok());
  const std::int64_t id = FillCase(**a);
  const std::string dir = TempDir("export_bad_");
  ASSERT_TRUE(ExportCase(**a, id, dir).ok());
  EXPECT_EQ(ExportCase(**a, id, dir).code(), StatusCode::kAlreadyExists);  // not empty
  const std::string pdf = dir + "/van-ban-01.pdf";
  const std::string original = *ReadWholeFile(pdf);
  std::ofstream(pdf, std::ios::binary) << "%PDF-1.7 quyết định (sửa)";
  auto r = ImportCase(**b, dir);
  ASSERT_EQ(r.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(r.status().message().find("van-ban-01.pdf"), std::string::npos) << r.status().message();
  EXPECT_TRUE((*b)->FindCasesByNumber("70/2017/DS-ST")->empty());  // nothing imported
  std::ofstream(pdf, std::ios::binary) << original;
  const std::string xml = *ReadWholeFile(dir + "/metadata.xml");
  for (const std::string& bad :
       {std::string("<caseFile"), std::string("<?xml version=\"1.0\"?><other/>"),
        std::string("<!DOCTYPE x [<!ENTITY a \"b\">]><caseFile xmlns=\"urn:thads:case-export:1\" version=\"1\"/>"),
        std::string("<caseFile xmlns=\"urn:thads:case-export:1\" version=\"9\"/>"),
        std::string("<caseFile xmlns=\"urn:thads:case-export:1\" version=\"1\"/>")}) {
    auto parsed = ReadExportXml(bad, "metadata.xml");
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(parsed.status().message().rfind("metadata.xml", 0), 0u) << parsed.status().message();
  }
  std::string traversal = xml;
  traversal.replace(traversal.find("van-ban-01.pdf"), 14, "../../etc/pass");
  EXPECT_FALSE(ReadExportXml(traversal, "metadata.xml").ok());
  EXPECT_TRUE(ImportCase(**b, dir).ok());
  EXPECT_EQ(ImportCase(**b, dir + "/nothing").status().code(), StatusCode::kNotFound);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace thads::archive
