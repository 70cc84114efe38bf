#!/usr/bin/env bash
# Renders report/report.html (from scripts/demo.sh) with headless Chromium to report/report.png, to look at the
# report as a manager's browser shows it. Installs Debian's chromium when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f report/report.html ] || bash scripts/demo.sh
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" != 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
# A desktop and a phone width, and a print to PDF.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,2400 \
  --screenshot="$PWD/report/report.png" "file://$PWD/report/report.html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=400,2400 \
  --screenshot="$PWD/report/report-phone.png" "file://$PWD/report/report.html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$PWD/report/report.pdf" "file://$PWD/report/report.html" 2>/dev/null
echo "screenshots: report/report.png (1400 px), report/report-phone.png (400 px); print: report/report.pdf"
