#!/usr/bin/env bash
# The batch end to end against OCR alone, on the same scanned pages, in one run:
#   1. thads ocr  of every judgment's pages (one searchable PDF per judgment)
#   2. thads batch of the same folders (OCR + reading + case + drafts + archive)
# and what everything after OCR adds, as a share of the OCR time (target: <= 10%).
# The pages: every judgment of tests/corpus printed and damaged by the scan
# generator, two damages each (seeds 31 and 32), one folder per judgment.
# Usage: scripts/bench-batch.sh [BUILD_DIR] [WORK_DIR] [JOBS]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/release}
work=${2:-$root/build/bench-batch}
jobs=${3:-2}
thads=$build/thads
gen=$build/tests/thads_scangen
for tool in "$thads" "$gen"; do
  [ -x "$tool" ] || { echo "bench-batch: build first ($tool missing)" >&2; exit 2; }
done
rm -rf "$work"
mkdir -p "$work/texts" "$work/scans" "$work/flat" "$work/ocr-out"

for f in "$root"/tests/corpus/*.txt; do
  case "$f" in */holdout.txt) continue ;; esac
  awk -f "$root/scripts/lib/judgment-layout.awk" "$f" > "$work/texts/$(basename "$f")"
done
for seed in 31 32; do
  "$gen" -o "$work/gen-$seed" --seed "$seed" --profiles random "$work"/texts/*.txt > /dev/null
  for t in "$work"/texts/*.txt; do
    name=$(basename "$t" .txt)
    mkdir -p "$work/scans/$seed/$name"
    for page in "$work/gen-$seed/$name"-p[0-9][0-9]-*.*; do
      short=$(basename "$page" | sed -E 's/.*-(p[0-9][0-9])-.*\.(jpg|png)$/\1.\2/')
      cp "$page" "$work/scans/$seed/$name/$short"
      cp "$page" "$work/flat/$seed-$name-$short"
    done
  done
done
pages=$(find "$work/scans" -type f | wc -l)
echo "$pages pages in $(find "$work/scans" -mindepth 2 -maxdepth 2 -type d | wc -l) judgments, $jobs jobs"

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.1f\", $1 }"; }
# OCR alone: the same pages in one run, a searchable PDF and text for each.
start=$(now)
"$thads" ocr "$work"/flat/* -o "$work/ocr-out/" --jobs "$jobs" > /dev/null 2> "$work/ocr.log" || true
ocr_s=$(calc "$(now) - $start")

# The batch: each damage set into its own archive (every judgment filed and drafted).
start=$(now)
for seed in 31 32; do
  "$thads" batch "$work/scans/$seed" --archive "$work/archive-$seed" --jobs "$jobs" \
    > "$work/batch-$seed.out" 2> "$work/batch-$seed.log" || true
done
batch_s=$(calc "$(now) - $start")

echo "OCR alone (thads ocr):  $ocr_s s ($(calc "60 * $pages / $ocr_s") pages/min)"
echo "batch (thads batch):    $batch_s s ($(calc "60 * $pages / $batch_s") pages/min)"
echo "everything after OCR adds $(calc "100 * ($batch_s - $ocr_s) / $ocr_s")% (target <= 10%)"
for seed in 31 32; do tail -n 1 "$work/batch-$seed.log"; done
