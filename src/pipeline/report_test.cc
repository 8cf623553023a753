#include "pipeline/report.h"

#include <gtest/gtest.h>

namespace thads::pipeline {
namespace {

std::vector<FileReport> Rows() {
  FileReport a;
  a.path = "samples/scans/ban-an-01.png";
  a.sha256 = "ab12";
  a.case_id = "2026-0001";
  a.pages = 2;
  a.documents = {"qd-chu-dong-1.pdf", "thong-bao-1.pdf"};
  FileReport b;
  b.path = "samples/scans/hỏng, \"cắt\".png";
  b.sha256 = "cd34";
  b.outcome = FileOutcome::kFailed;
  b.reason = "truncated PNG\nat byte 812";
  return {a, b};
}

TEST(Report, CsvQuotesWhatNeedsQuoting) {
  EXPECT_EQ(ReportCsv(Rows()),
            "path,sha256,outcome,case,pages,documents,reason\r\n"
            "samples/scans/ban-an-01.png,ab12,done,2026-0001,2,qd-chu-dong-1.pdf;thong-bao-1.pdf,"
            "\r\n"
            "\"samples/scans/hỏng, \"\"cắt\"\".png\",cd34,failed,,0,,\"truncated PNG\nat byte 812\"\r\n");
}

TEST(Report, JsonKeepsVietnameseAndNulls) {
  const std::string json = ReportJson(Rows());
  EXPECT_NE(json.find("\"path\": \"samples/scans/hỏng, \\\"cắt\\\".png\""), std::string::npos)
      << json;
  EXPECT_NE(json.find("\"case\": null"), std::string::npos);
  EXPECT_NE(json.find("\"outcome\": \"failed\""), std::string::npos);
  FileReport bad;
  bad.path = "x\xFFy.png";
  EXPECT_NE(ReportJson({bad}).find("x\xEF\xBF\xBDy.png"), std::string::npos);
}

}  // namespace
}  // namespace thads::pipeline
