#!/usr/bin/env bash
# Regenerates tests/golden/ from the shipped templates and samples/documents/.
# Run it after a deliberate change to layout, fonts or templates, then LOOK at
# every tests/golden/*.png before committing: the goldens are what a clerk gets.
set -euo pipefail
cd "$(dirname "$0")/.."
thads=${1:-build/release/thads}
out=tests/golden
mkdir -p "$out"
for data in samples/documents/*.json; do
  name=$(basename "$data" .json)
  "$thads" render "$name" --data "$data" -o "$out/$name.pdf" --deterministic
  pdftotext -enc UTF-8 "$out/$name.pdf" "$out/$name.txt"
  pdftoppm -gray -r 30 -f 1 -l 1 "$out/$name.pdf" "$out/$name"
  mv "$out/$name-1.pgm" "$out/$name.pgm"
  pdftoppm -png -r 60 "$out/$name.pdf" "/tmp/golden-preview-$name"
done
echo "goldens written to $out; previews in /tmp/golden-preview-*.png"
