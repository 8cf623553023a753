#!/usr/bin/env bash
# Extraction measured on degraded scans: every judgment of tests/corpus is
# printed, damaged by the scan generator (one random damage per page), read
# back by `thads ocr`, and the OCR text scored by `thads extract --eval`
# against the same gold as the clean text.
# Usage: scripts/eval-extraction-scans.sh [--seed N] [--profile P] [--cases dev|all]
#                                         [BUILD_DIR] [WORK_DIR] [EXTRACT_OPTION...]
#   --seed N      the scan generator's seed (default 31: the figures docs/extraction.md quotes)
#   --profile P   the damage profile: random (default), noisy, skewed, fax, clean
#   --cases dev   only the development cases (not in holdout.txt): material to tune on
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seed=31
profile=random
cases=all
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    *) positional+=("$1"); shift ;;
  esac
done
set -- "${positional[@]+"${positional[@]}"}"
case "$cases" in all|dev) ;; *) echo "eval-extraction-scans: --cases is dev or all" >&2; exit 2 ;; esac

build=${1:-$root/build/release}
work=${2:-$root/build/extraction-scans}
thads=$build/thads
gen=$build/tests/thads_scangen
for tool in "$thads" "$gen"; do
  if [ ! -x "$tool" ]; then
    echo "eval-extraction-scans: build first: cmake --build --preset release ($tool missing)" >&2
    exit 2
  fi
done
jobs=$(nproc)
rm -rf "$work"
mkdir -p "$work/texts" "$work/scans" "$work/ocr"

# The corpus texts flatten a two-column header into one line with a wide gap;
# a printed page has the columns side by side, which OCR reads one after the
# other: each column becomes its own centred line.
for f in "$root"/tests/corpus/*.txt; do
  case "$f" in *.expected.json|*/holdout.txt) continue ;; esac
  name=$(basename "$f" .txt)
  awk -f "$root/scripts/lib/judgment-layout.awk" "$f" > "$work/texts/$name.txt"
done

# Only the development cases: the held-out ones are not printed, so nothing is
# tuned on them.
if [ "$cases" = dev ]; then
  grep -v '^#' "$root/tests/corpus/holdout.txt" | while read -r name; do
    if [ -n "$name" ]; then rm -f "$work/texts/$name.txt"; fi
  done
fi

"$gen" -o "$work/scans" --seed "$seed" --profiles "$profile" "$work"/texts/*.txt > "$work/scangen.log"

start=$(date +%s)
pages=0
for t in "$work"/texts/*.txt; do
  name=$(basename "$t" .txt)
  mapfile -t images < <(ls "$work/scans/$name"-p[0-9][0-9]-*.* | sort)
  pages=$((pages + ${#images[@]}))
  "$thads" ocr "${images[@]}" -o "$work/ocr/$name.pdf" --text "$work/ocr/$name.txt" \
    --jobs "$jobs" 2>> "$work/ocr.log" || echo "eval-extraction-scans: OCR of $name failed" >&2
done
echo "OCR: $pages pages in $(( $(date +%s) - start )) s ($jobs jobs)"
"$thads" extract --eval "$root/tests/corpus" --text-dir "$work/ocr" "${@:3}"
