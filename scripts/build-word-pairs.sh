#!/usr/bin/env bash
# Rebuilds data/ocr/word_pairs.tsv, the word-pair model of OCR post-correction,
# from the judgment texts written for the project (tests/corpus) and the
# enforcement documents rendered from our templates (tests/golden/*.txt).
# Not from the OCR evaluation set's sources: the field prose (../shared/corpus,
# tests/scans/text) and the sample judgments (samples/scans/ban-an-*.txt) are
# what tests/scans pages are cut from, and a model that has read them measures
# memory, not correction (docs/ocr.md). The lexicon itself is hunspell-vi's,
# read at run time.
# Usage: scripts/build-word-pairs.sh [path/to/thads_word_pairs]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tool=${1:-$root/build/release/tests/thads_word_pairs}
if [ ! -x "$tool" ]; then
  echo "build-word-pairs: build the tool first: cmake --build build/release --target thads_word_pairs" >&2
  exit 2
fi
texts=()
for f in "$root"/tests/corpus/*.txt "$root"/tests/golden/*.txt; do
  case "$(basename "$f")" in holdout.txt) ;; *) texts+=("$f") ;; esac
done
mkdir -p "$root/data/ocr"
"$tool" "$root/data/ocr/word_pairs.tsv" "${texts[@]}"
