// What a clerk watches while a batch runs: on a terminal one line redrawn in
// place (files, pages per second, time left); otherwise plain log lines, so a
// log file stays readable. Not thread-safe: call from one thread.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>
#include <string_view>

namespace thads::pipeline {

enum class FileOutcome { kDone, kForReview, kFailed, kSkipped };

class Progress {
 public:
  Progress(std::ostream& out, bool interactive, int total_files);

  // When the page count of the whole batch is known up front, the bar and the
  // time left follow pages (a 200-page file is not one step of ten).
  void SetTotalPages(long pages);
  // Pages of the total that need no work after all (files done by an earlier
  // run): taken off the total, not counted as done.
  void SkipPages(long pages);
  // One page finished (redraws the terminal line; no log line). Once pages are
  // reported this way, FileDone's `pages` is not counted again.
  void PageDone();

  // One file finished; `pages` it held, `note` says why when not kDone.
  void FileDone(std::string_view name, int pages, FileOutcome outcome, std::string_view note);

  // Ends the progress line and prints the summary (done, for review, failed).
  void Finish();

  int done() const { return done_; }
  int for_review() const { return for_review_; }
  int failed() const { return failed_; }

 private:
  std::string Bar() const;

  std::ostream& out_;
  const bool interactive_;
  const int total_;
  const std::chrono::steady_clock::time_point start_;
  int finished_ = 0, done_ = 0, for_review_ = 0, failed_ = 0, skipped_ = 0;
  long pages_ = 0;
  long total_pages_ = 0;
  bool pages_by_page_ = false;
};

// "1:05", "12:00:07": a duration for people.
std::string FormatDuration(double seconds);

}  // namespace thads::pipeline
