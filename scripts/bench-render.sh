#!/usr/bin/env bash
# Rendering benchmark, figures for docs/benchmarks.md:
#  1. thads_render_bench: 1,000 different two-page decisions, one core, then two.
#  2. Side by side on one core: thads renders the 8 sample documents x 13 (104 PDFs) in
#     one process; LibreOffice Writer (what offices use today) converts the same 104
#     documents' text to PDF in one headless process. Plain text is the cheapest input
#     Writer takes, so its time is a lower bound.
# Needs a release build; LibreOffice is optional (apt-get install libreoffice-writer-nogui).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== thads_render_bench, 1 job (pinned to one core)"
taskset -c 0 "$build/tests/thads_render_bench" 1000 1
echo "== thads_render_bench, 2 jobs"
"$build/tests/thads_render_bench" 1000 2

mkdir -p "$work/data" "$work/txt" "$work/thads" "$work/lo"
for copy in $(seq 1 13); do
  for f in samples/documents/*.json; do
    n=$(basename "$f" .json)
    mkdir -p "$work/data/$n"
    cp "$f" "$work/data/$n/$n-$copy.json"
    pdftotext -enc UTF-8 "tests/golden/$n.pdf" "$work/txt/$n-$copy.txt"
  done
done
start=$(date +%s.%N)
for d in "$work"/data/*; do
  n=$(basename "$d")
  taskset -c 0 "$build/thads" render "$n" --data "$d"/*.json -o "$work/thads/$n" 2>/dev/null
done
thads_s=$(echo "$(date +%s.%N) - $start" | bc)
echo "== side by side, 104 documents, one core"
printf 'thads render          %6.2f s  (%.1f documents/s)\n' "$thads_s" "$(echo "104 / $thads_s" | bc -l)"
if command -v soffice >/dev/null; then
  start=$(date +%s.%N)
  taskset -c 0 soffice --headless -env:UserInstallation=file://"$work/lo-profile" \
    --convert-to pdf --outdir "$work/lo" "$work"/txt/*.txt >/dev/null 2>&1
  lo_s=$(echo "$(date +%s.%N) - $start" | bc)
  printf 'LibreOffice Writer    %6.2f s  (%.1f documents/s)\n' "$lo_s" "$(echo "104 / $lo_s" | bc -l)"
  printf 'ratio                 thads is %.0fx faster\n' "$(echo "$lo_s / $thads_s" | bc -l)"
else
  echo "LibreOffice not installed: no side-by-side figure"
fi
