#!/usr/bin/env sh
# Regenerates the space-aligned text samples in statement-core/tests/data/others/layout/:
# each corpus HTML file is printed to PDF with headless Chromium, then turned into text with
# `pdftotext -layout` (poppler-utils), as a user receiving a PDF would. The produced text is
# committed as is and never edited. Needs `chromium` and `pdftotext` (apt-get install -y
# poppler-utils); CI does not run this script.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
data="$here/statement-core/tests/data/others"
out="$data/layout"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in buckle-2024-q3-press-release apple-2024-q3-form-10-q apple-2024-form-10-k; do
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$tmp/$name.pdf" "file://$data/$name.html" 2>/dev/null
    pdftotext -layout "$tmp/$name.pdf" "$out/$name.txt"
    echo "$out/$name.txt: $(wc -l < "$out/$name.txt") lines"
done
