#include "pipeline/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace thads::pipeline {
namespace {

const char* OutcomeWord(FileOutcome o) {
  switch (o) {
    case FileOutcome::kDone: return "done";
    case FileOutcome::kForReview: return "for review";
    case FileOutcome::kFailed: return "FAILED";
    case FileOutcome::kSkipped: return "already done";
  }
  return "";
}

}  // namespace

std::string FormatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

Progress::Progress(std::ostream& out, bool interactive, int total_files)
    : out_(out),
      interactive_(interactive),
      total_(total_files),
      start_(std::chrono::steady_clock::now()) {}

std::string Progress::Bar() const {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(pages_) / elapsed : 0;
  const bool by_pages = total_pages_ > 0;
  const double share = by_pages ? static_cast<double>(pages_) / static_cast<double>(total_pages_)
                       : total_ > 0 ? static_cast<double>(finished_) / total_
                                    : 1.0;
  const double left = share > 0 ? elapsed / share * (1 - share) : -1;
  constexpr int kWidth = 24;
  const int filled = std::clamp(static_cast<int>(kWidth * share), 0, kWidth);
  std::string bar = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                    std::string(static_cast<std::size_t>(kWidth - filled), '.') + "]";
  char buf[200];
  if (by_pages) {
    std::snprintf(buf, sizeof buf, " %d/%d files, %ld/%ld pages, %.2f pages/s, %s left",
                  finished_, total_, pages_, total_pages_, rate,
                  share > 0 ? FormatDuration(left).c_str() : "?");
  } else {
    std::snprintf(buf, sizeof buf, " %d/%d files, %.1f pages/s, %s left", finished_, total_,
                  rate, share > 0 ? FormatDuration(left).c_str() : "?");
  }
  return bar + buf;
}

void Progress::SetTotalPages(long pages) { total_pages_ = std::max(0L, pages); }

void Progress::SkipPages(long pages) { total_pages_ = std::max(0L, total_pages_ - pages); }

void Progress::PageDone() {
  pages_by_page_ = true;
  ++pages_;
  if (interactive_) out_ << "\r\033[K" << Bar() << std::flush;
}

void Progress::FileDone(std::string_view name, int pages, FileOutcome outcome,
                        std::string_view note) {
  ++finished_;
  if (!pages_by_page_) pages_ += pages;
  switch (outcome) {
    case FileOutcome::kDone: ++done_; break;
    case FileOutcome::kForReview: ++for_review_; break;
    case FileOutcome::kFailed: ++failed_; break;
    case FileOutcome::kSkipped: ++skipped_; break;
  }
  if (interactive_) {
    // Problems stay on screen above the bar; the bar is redrawn in place.
    if (outcome == FileOutcome::kFailed || outcome == FileOutcome::kForReview) {
      out_ << "\r\033[K" << name << ": " << OutcomeWord(outcome)
           << (note.empty() ? "" : " — ") << note << "\n";
    }
    out_ << "\r\033[K" << Bar() << std::flush;
  } else {
    out_ << "[" << finished_ << "/" << total_ << "] " << name << ": " << OutcomeWord(outcome);
    if (!note.empty()) out_ << " — " << note;
    out_ << "\n";
  }
}

void Progress::Finish() {
  if (interactive_) out_ << "\r\033[K" << Bar() << "\n";
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  out_ << total_ << " files in " << FormatDuration(elapsed) << ": " << done_ << " done, "
       << for_review_ << " for review, " << failed_ << " failed";
  if (skipped_ > 0) out_ << ", " << skipped_ << " already done earlier";
  out_ << "\n";
}

}  // namespace thads::pipeline
