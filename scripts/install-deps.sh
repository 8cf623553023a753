#!/usr/bin/env bash
# Installs every build, run and test dependency of thads from Debian 12 packages.
# Idempotent: a second run installs nothing new. Needs root (or sudo).
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config
  # text core: Unicode normalization, collation, line breaking
  libicu-dev
  # domain model: JSON read/write
  nlohmann-json3-dev
  # tests
  libgtest-dev libgmock-dev
  # rendering: PDF writer, XML templates, fonts, sRGB profile
  libpodofo-dev libxml2-dev fonts-liberation2 icc-profiles-free
  # OCR: engine and Vietnamese models (vie, and script/Vietnamese, docs/ocr.md), PDF page
  # rasterizing; post-correction's lexicon: libhunspell and the hunspell-vi syllable list
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-vie tesseract-ocr-script-viet
  libpoppler-cpp-dev libqpdf-dev libhunspell-dev hunspell-vi tesseract-ocr-osd
  # OCR benchmark: the reference users would pick instead
  ocrmypdf
  # archive: embedded SQLite; PostgreSQL for offices sharing one archive
  libsqlite3-dev sqlite3 libpq-dev postgresql
  # archive: SHA-256 of stored blobs
  libssl-dev
  # PDF readers used by tests to check what we emit
  poppler-utils qpdf mupdf-tools
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
