#!/usr/bin/env bash
# Regenerates the scanned-page sets made by tests/scangen:
#   tests/scans/    the OCR evaluation set: page images with ground truth and manifest
#   samples/scans/  skewed and noisy pages of the sample judgments, their sources and truth
#   samples/judgments/  the demo batch: scanned judgments, clean to damaged, a PDF with
#                   text, a .txt, and one bad file
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

# The scans the batch demo's judgments come from, plus skewed and noisy page images
# for tests: samples/scans holds the sources, ground truth and manifest.
out=$root/samples/scans
find "$out" -maxdepth 1 -type f ! -name 'ban-an-*.txt' -delete
find "$out" -maxdepth 1 -type f -name '*.gt.txt' -delete
"$gen" -o "$out" --seed 7 --profiles skewed "$(sample ban-an-cap-duong)"
"$gen" -o "$out" --seed 7 --append --profiles noisy "$(sample ban-an-hinh-su)"

# The demo batch (samples/judgments, the README's first command): one judgment per
# file or folder — two clean page images in a folder, a skewed fax-like multi-page
# TIFF, an image-only PDF, a court's electronic copy (a PDF with text), a plain
# text, and one damaged file (a PNG cut short) to be reported and set aside.
demo=$root/samples/judgments
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$demo"
mkdir -p "$demo/ban-an-vay-tai-san"
"$gen" -o "$work" --seed 7 --profiles clean "$(sample ban-an-vay-tai-san)"
cp "$work/ban-an-vay-tai-san-p01-clean.jpg" "$demo/ban-an-vay-tai-san/p01.jpg"
cp "$work/ban-an-vay-tai-san-p02-clean.jpg" "$demo/ban-an-vay-tai-san/p02.jpg"
"$gen" -o "$work" --seed 7 --profiles none --tiff "$(sample ban-an-cap-duong)"
cp "$work/ban-an-cap-duong.tif" "$demo/"
"$gen" -o "$work" --seed 7 --profiles none --image-pdf "$(sample ban-an-hinh-su)"
cp "$work/ban-an-hinh-su.pdf" "$demo/"
awk -f "$root/scripts/lib/judgment-layout.awk" "$root/tests/corpus/ds_dat_01.txt" \
  > "$work/ban-an-tranh-chap-dat.txt"
"$gen" -o "$work" --profiles none --printed-pdf "$work/ban-an-tranh-chap-dat.txt"
cp "$work/ban-an-tranh-chap-dat.printed.pdf" "$demo/ban-an-tranh-chap-dat.pdf"
cp "$root/tests/corpus/kdtm_tin_dung_01.txt" "$demo/ban-an-tin-dung-ngan-hang.txt"
first=$(ls "$root"/tests/scans/ban-an-*.png | head -n 1)
head -c 20000 "$first" > "$demo/hong-cat-ngang.png"

du -sh "$root/tests/scans" "$out" "$demo"
