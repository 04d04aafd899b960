#!/usr/bin/env bash
# Renders the Fuzhou sample's workbook as LibreOffice prints it and writes the first page of
# each sheet as a PNG into docs/images (the pictures docs/xlsx.md and the README show).
#   scripts/render-workbook-images.sh [BUILD_DIR]
# Needs the built program, LibreOffice (libreoffice-calc-nogui) and pdftoppm (poppler-utils).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${1:-${root}/build}/cli/caseledger"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

# One workbook per sheet (a layout of that sheet alone), so that each PDF's first page is
# that sheet's.
render() {  # render NAME LAYOUT_JSON
  local name="$1"
  printf '%s' "$2" > "${work}/${name}.json"
  "${cli}" report "${root}/samples/fuzhou-2020q1/ledger.json" --from 2020-01-01 \
    --to 2020-03-31 --money-unit wan --unit-name 福州市工业和信息化局 \
    --layout "${work}/${name}.json" --xlsx "${work}/${name}.xlsx" >/dev/null
  soffice "-env:UserInstallation=file://${work}/profile" --headless --convert-to pdf \
    --outdir "${work}" "${work}/${name}.xlsx" >/dev/null 2>&1
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "${work}/${name}.pdf" "${root}/docs/images/${name}"
}

render fuzhou-q1-summary '{"sheets": ["summary"], "listing": false}'
render xlsx-by-category '{"sheets": ["by_category"], "listing": false}'
render xlsx-trend '{"sheets": ["trend"], "listing": false}'
render xlsx-support '{"sheets": ["support"], "listing": false}'
render xlsx-return-to-work '{"sheets": ["return_to_work"], "listing": false}'
render xlsx-cases '{"sheets": []}'
render xlsx-city-bulletin "$(cat "${root}/samples/layouts/city-bulletin.json")"
