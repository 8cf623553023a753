#!/usr/bin/env bash
# The reference the OCR stage is measured against: `ocrmypdf -l vie --deskew` on
# every page image of the evaluation set, its text layer read back by pdftotext
# into OUT/FILE.txt. Then:
#   build/release/tests/thads_post_correct_eval --text-dir OUT
# scores it exactly as our own pages are scored (docs/ocr.md).
# Usage: scripts/ocrmypdf-texts.sh OUT [tests/scans]
set -euo pipefail

out=${1:?usage: ocrmypdf-texts.sh OUT [SCANS]}
root=$(cd "$(dirname "$0")/.." && pwd)
scans=${2:-$root/tests/scans}
mkdir -p "$out"
tail -n +2 "$scans/manifest.tsv" | while IFS=$'\t' read -r file page gt gt_page dpi rest; do
  [ -s "$out/$file.txt" ] && continue
  OMP_THREAD_LIMIT=1 ocrmypdf -q -j 1 -l vie --deskew --image-dpi "$dpi" \
      "$scans/$file" "$out/$file.pdf" || { echo "ocrmypdf-texts: $file failed" >&2; continue; }
  pdftotext -enc UTF-8 "$out/$file.pdf" "$out/$file.txt"
done
