#!/usr/bin/env bash
# The main job on samples/. The batch pipeline (OCR -> extract -> documents ->
# archive) is not built yet; until it is, this runs what exists on the samples
# (the text helpers and the enforcement document set) and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
thads=${1:-build/release/thads}
archive=${THADS_ARCHIVE:-thads-archive}

echo "thads $("$thads" --version | cut -d' ' -f2): running what exists on samples/"
echo "(the batch pipeline — OCR, extraction, archive — is not built yet;"
echo " when it is, this runs: thads batch samples --archive $archive)"
echo

echo "== Money in words, as clerks write them in decisions"
for amount in 150000000 1005000 2500000 21000; do
  printf '  %15s  ->  %s\n' "$amount" "$("$thads" util words "$amount")"
done
echo "== Words read back (judgments state amounts twice; the pair checks the OCR)"
"$thads" util number "Một trăm năm mươi triệu đồng" | sed 's/^/  Một trăm năm mươi triệu đồng -> /'
echo "== Dates in the ND 30 form"
"$thads" util date "15-3-2023" | sed 's/^/  15-3-2023 -> /'
"$thads" util date "2024-02-05" | sed 's/^/  2024-02-05 -> /'
echo "== Deadlines in working days (5 working days to issue a decision after receiving a judgment)"
"$thads" util workdays 2026-02-10 5 | sed 's/^/  received 2026-02-10, decision due -> /'
echo "== Search folding (a clerk types without diacritics)"
"$thads" util fold "Nguyễn Văn Ấn, Thi hành án dân sự tỉnh Đồng Tháp" | sed 's/^/  /'
for f in samples/legacy/*.txt; do
  [ -e "$f" ] || continue
  echo "== Legacy file $f converted to Unicode (start of it)"
  "$thads" util convert < "$f" 2>&1 | head -2 | sed 's/^/  /'
done

echo "== Enforcement documents (ND 30 layout, PDF/A-2b) from templates/ and samples/documents/"
mkdir -p out/documents
for data in samples/documents/*.json; do
  name=$(basename "$data" .json)
  "$thads" render "$name" --data "$data" -o "out/documents/$name.pdf" 2>&1 | sed 's/^/  /'
done
echo
echo "Done. The documents are in out/documents/ (open them in any PDF viewer)."
echo "Nothing was written to an archive yet: that arrives with the batch pipeline."
