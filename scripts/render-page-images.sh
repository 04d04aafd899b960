#!/usr/bin/env bash
# Renders the Fuzhou sample's HTML page in headless Chromium at a phone's width and a
# desktop's and writes the screenshots into docs/images (the pictures docs/html.md and the
# README show).
#   scripts/render-page-images.sh [BUILD_DIR]
# Needs the built program and Chromium (chromium).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${1:-${root}/build}/cli/caseledger"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

"${cli}" report "${root}/samples/fuzhou-2020q1/ledger.json" --from 2020-01-01 --to 2020-03-31 \
  --compare previous --alert 'resolution_rate<96%' --alert 'open>4' \
  --html "${work}/q1.html" >/dev/null
PYTHONPATH="${root}/tests/python" /usr/bin/python3 - "${work}/q1.html" "${root}/docs/images" <<'PY'
import pathlib
import sys

from browser import Browser

page, images = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
with Browser() as browser:
    for width in (375, 1280):
        browser.load(page, width)
        browser.screenshot(images / f"html-{width}.png")
PY
