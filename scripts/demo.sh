#!/usr/bin/env bash
# Fresh machine to a report: installs what is missing, builds shipaudit, analyses samples/, writes report/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
swift build --product shipaudit
bin="$(swift build --show-bin-path)/shipaudit"

set +e
"$bin" analyze \
  --orders samples/orders_export.csv \
  --catalog samples/products_export.csv \
  --shipments samples/shipments.csv \
  --tracking samples/tracking.csv \
  --invoices samples/invoices \
  --config samples/shipaudit.toml \
  --as-of 2026-11-19T02:00:00-05:00 \
  --out report
status=$?
set -e

case $status in
  0) echo "demo: exit 0 (nothing flagged)";;
  1) echo "demo: exit 1 (flags found, as planted in samples/); open report/report.html in a browser";;
  *) echo "demo: shipaudit failed with exit $status" >&2; exit "$status";;
esac
