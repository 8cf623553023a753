#!/usr/bin/env bash
# Regenerates the scanned-page sets made by tests/scangen:
#   tests/scans/    the OCR evaluation set: page images with ground truth and manifest
#   samples/scans/  the demo batch: scanned judgments, clean to damaged, and one bad file
# Usage: scripts/make-scans.sh [path/to/thads_scangen]
# The field prose is cut into page-sized excerpts under tests/scans/text/ (committed),
# from $THADS_FIELD_CORPUS (default ../shared/corpus) when that folder exists.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
gen=${1:-$root/build/release/tests/thads_scangen}
if [ ! -x "$gen" ]; then
  echo "make-scans: build the generator first: cmake --build build/release --target thads_scangen" >&2
  exit 2
fi
corpus=${THADS_FIELD_CORPUS:-$root/../shared/corpus}
texts=$root/tests/scans/text

if [ -d "$corpus" ]; then
  rm -rf "$texts"
  mkdir -p "$texts"
  for f in "$corpus"/*.txt; do
    name=$(basename "$f" .txt)
    # Whole paragraphs, at most ~3000 bytes (one printed page) per excerpt.
    awk -v dir="$texts" -v name="$name" '
      function flush() {
        if (buf == "") return
        n++; file = sprintf("%s/%s-%02d.txt", dir, name, n)
        printf "%s", buf > file; close(file); buf = ""; size = 0
      }
      { sub(/\r$/, "") }
      /^[[:space:]]*$/ { next }
      { if (size > 0 && size + length($0) > 3000) flush(); buf = buf $0 "\n"; size += length($0) + 1 }
      END { flush() }' "$f"
  done
fi
if ! ls "$texts"/*.txt > /dev/null 2>&1; then
  echo "make-scans: no excerpts in $texts and no corpus at $corpus" >&2
  exit 2
fi

# The judgments written for the project (their .gt.txt files are outputs, not inputs).
judgments=()
for f in "$root"/samples/scans/ban-an-*.txt; do
  case "$f" in *.gt.txt) ;; *) judgments+=("$f") ;; esac
done
sample() { echo "$root/samples/scans/$1.txt"; }

# Evaluation set: every excerpt and judgment, two random damages each.
find "$root/tests/scans" -maxdepth 1 -type f -delete
"$gen" -o "$root/tests/scans" --seed 2024 --profiles random,random "$texts"/*.txt "${judgments[@]}"

# Demo batch: a clean scan, a skewed one with its fax-like multi-page TIFF, a noisy
# copy with its image-only PDF, and one damaged file (a PNG cut short) to be reported.
out=$root/samples/scans
find "$out" -maxdepth 1 -type f ! -name 'ban-an-*.txt' -delete
find "$out" -maxdepth 1 -type f -name '*.gt.txt' -delete
"$gen" -o "$out" --seed 7 --profiles clean "$(sample ban-an-vay-tai-san)"
"$gen" -o "$out" --seed 7 --append --profiles skewed --tiff "$(sample ban-an-cap-duong)"
"$gen" -o "$out" --seed 7 --append --profiles noisy --image-pdf "$(sample ban-an-hinh-su)"
first=$(ls "$root"/tests/scans/ban-an-*.png | head -n 1)
head -c 20000 "$first" > "$out/hong-cat-ngang.png"

du -sh "$root/tests/scans" "$out"
