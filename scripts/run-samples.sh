#!/usr/bin/env bash
# The main job on the samples: `thads batch samples/judgments` into a local
# archive, then what a clerk does next, shown on it. The sample folder holds
# one damaged file on purpose; the batch sets it aside and says so, and this
# script still succeeds when that file is the only one that failed.
# Usage: scripts/run-samples.sh [path/to/thads]   (THADS_ARCHIVE=dir to choose the archive)
set -uo pipefail
cd "$(dirname "$0")/.."
thads=${1:-build/release/thads}
archive=${THADS_ARCHIVE:-thads-archive}
expected_bad="hong-cat-ngang.png"

echo "== thads batch samples/judgments --archive $archive"
"$thads" batch samples/judgments --archive "$archive"
status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  echo "run-samples: the batch could not run (exit $status)" >&2
  exit "$status"
fi
report="$archive/batch-report.csv"
failed=$(awk -F, 'NR > 1 && $3 == "failed" { print $1 }' "$report" | sort -u | tr '\n' ' ')
if [ "$status" -eq 1 ] && [ "$failed" != "$expected_bad " ]; then
  echo "run-samples: unexpected failures: $failed(see $report)" >&2
  exit 1
fi

echo
echo "== thads search \"nguyen van a\" (no diacritics: finds Nguyễn Văn A)"
"$thads" search "nguyen van a" --archive "$archive"
echo
echo "== thads search \"tín dụng\" --type KDTM"
"$thads" search "tín dụng" --type KDTM --archive "$archive"
echo
echo "== thads verify (every stored file re-hashed)"
"$thads" verify --archive "$archive"

echo
echo "Done. The archive is $archive/ (its report: $report)."
echo "  list a case:          $thads show 1 --archive $archive"
echo "  search:               $thads search \"ten duong su\" --archive $archive"
echo "  a case to review:     $thads review CASE --archive $archive"
echo "  approve a draft:      $thads approve DOC --by \"Tên Chấp hành viên\" --archive $archive"
echo "  the case's PDFs:      $thads export CASE -o out/CASE --archive $archive"
echo "The sample '$expected_bad' is damaged on purpose: it is listed as failed and set aside."
