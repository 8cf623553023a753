#include "pipeline/progress.h"

#include <gtest/gtest.h>

#include <sstream>

namespace thads::pipeline {
namespace {

TEST(Progress, LogLinesWhenNotATerminal) {
  std::ostringstream out;
  Progress p(out, /*interactive=*/false, 3);
  p.FileDone("a.png", 1, FileOutcome::kDone, "");
  p.FileDone("b.tif", 2, FileOutcome::kForReview, "digits and words disagree");
  p.FileDone("c.png", 0, FileOutcome::kFailed, "truncated PNG");
  p.Finish();
  const std::string s = out.str();
  EXPECT_NE(s.find("[1/3] a.png: done\n"), std::string::npos) << s;
  EXPECT_NE(s.find("[2/3] b.tif: for review — digits and words disagree\n"), std::string::npos);
  EXPECT_NE(s.find("[3/3] c.png: FAILED — truncated PNG\n"), std::string::npos);
  EXPECT_NE(s.find("1 done, 1 for review, 1 failed\n"), std::string::npos) << s;
  EXPECT_EQ(s.find('\r'), std::string::npos);
  EXPECT_EQ(s.find("\033["), std::string::npos);
  EXPECT_EQ(p.failed(), 1);
}

TEST(Progress, OneRedrawnLineOnATerminal) {
  std::ostringstream out;
  Progress p(out, /*interactive=*/true, 2);
  p.FileDone("a.png", 3, FileOutcome::kDone, "");
  const std::string first = out.str();
  EXPECT_NE(first.find("[############............] 1/2 files"), std::string::npos) << first;
  EXPECT_NE(first.find("pages/s"), std::string::npos);
  EXPECT_EQ(first.find('\n'), std::string::npos);  // redrawn, not scrolled
  p.FileDone("b.png", 0, FileOutcome::kFailed, "empty file");
  p.Finish();
  EXPECT_NE(out.str().find("b.png: FAILED — empty file\n"), std::string::npos);
}

TEST(Progress, FollowsPagesWhenTheirTotalIsKnown) {
  std::ostringstream out;
  Progress p(out, /*interactive=*/true, 2);
  p.SetTotalPages(8);
  p.PageDone();
  p.PageDone();
  const std::string after_two = out.str();
  EXPECT_NE(after_two.find("[######..................] 0/2 files, 2/8 pages"),
            std::string::npos)
      << after_two;
  for (int i = 0; i < 6; ++i) p.PageDone();
  p.FileDone("long.tif", 8, FileOutcome::kDone, "");  // its pages are not counted twice
  EXPECT_NE(out.str().find("1/2 files, 8/8 pages"), std::string::npos) << out.str();
  // Pages of files done earlier leave the total.
  std::ostringstream again;
  Progress rerun(again, /*interactive=*/true, 2);
  rerun.SetTotalPages(10);
  rerun.SkipPages(6);
  rerun.FileDone("old.tif", 0, FileOutcome::kSkipped, "");
  rerun.PageDone();
  EXPECT_NE(again.str().find("1/2 files, 1/4 pages"), std::string::npos) << again.str();
  // Pages reported one by one leave no log lines when not on a terminal.
  std::ostringstream log;
  Progress quiet(log, /*interactive=*/false, 1);
  quiet.SetTotalPages(3);
  quiet.PageDone();
  EXPECT_EQ(log.str(), "");
}

TEST(FormatDuration, ForPeople) {
  EXPECT_EQ(FormatDuration(65), "1:05");
  EXPECT_EQ(FormatDuration(43207), "12:00:07");
  EXPECT_EQ(FormatDuration(-1), "?");
}

}  // namespace
}  // namespace thads::pipeline
