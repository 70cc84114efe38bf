#!/usr/bin/env bash
# Benchmarks shipaudit against what a user would otherwise write, on the same generated files:
#   - a pandas script and a DuckDB SQL script (2 threads) doing the same checks (scripts/bench/), whose flagged
#     (order, rule) pairs must equal shipaudit's for those rules (checked here);
#   - libcsv counting records, the parse-only floor.
# usage: scripts/bench.sh [ORDERS ...]   (default: 100000 1000000). Prints a table; copy it into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
python3 -c "import pandas, duckdb" 2>/dev/null || pip install -q pandas duckdb
sizes=("${@:-100000 1000000}")
[ $# -eq 0 ] && sizes=(100000 1000000)
swift build -c release --product shipaudit >/dev/null
bin="$(swift build -c release --show-bin-path)/shipaudit"
mkdir -p .build-bench
gcc -O2 scripts/bench/csvcount.c -lcsv -o .build-bench/csvcount

measure() { # name, command... -> "seconds maxrss_mb status"
  local log=.build-bench/time.log
  set +e
  /usr/bin/time -v "$@" >.build-bench/out.log 2>"$log"
  local status=$?
  set -e
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep "Maximum resident" "$log" | awk '{print int($NF/1024)}')
  echo "$wall $rss $status"
}

echo "| orders | tool | wall s | MB/s | peak RSS MB | × shipaudit time | same flags |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | --- |"
for n in "${sizes[@]}"; do
  data=".build-bench/data-$n"
  [ -f "$data/tracking.csv" ] || python3 scripts/generate_data.py "$n" "$data" >/dev/null
  files=("$data/orders_export.csv" "$data/products_export.csv" "$data/shipments.csv" "$data/tracking.csv")
  mb=$(du -cm "${files[@]}" | tail -1 | cut -f1)
  read -r s_wall s_rss s_status < <(measure "$bin" analyze --orders "${files[0]}" --catalog "${files[1]}" --shipments "${files[2]}" \
    --tracking "${files[3]}" --config "$data/shipaudit.toml" --as-of 2026-11-19T02:00:00-05:00 --out "$data/report" --no-history --quiet)
  [ "$s_status" -le 1 ] || { echo "shipaudit failed" >&2; cat .build-bench/time.log >&2; exit 1; }
  read -r p_wall p_rss _ < <(measure python3 scripts/bench/baseline_pandas.py "$data" "$data/pandas.csv")
  read -r d_wall d_rss _ < <(measure python3 scripts/bench/baseline_duckdb.py "$data" "$data/duckdb.csv")
  read -r c_wall c_rss _ < <(measure .build-bench/csvcount "${files[@]}")
  same=$(python3 - "$data" <<'PY'
import csv, json, sys
d = sys.argv[1]
rules = {"service_downgrade", "weight_short", "weight_over", "late_delivery"}
ours = {(f["order_id"], f["rule"]) for f in json.load(open(f"{d}/report/report.json"))["flags"] if f["rule"] in rules}
def pairs(path):
    with open(path) as f:
        return {(r["order_id"], r["rule"]) for r in csv.DictReader(f)}
print(f"pandas {'yes' if pairs(f'{d}/pandas.csv') == ours else 'NO'}, duckdb {'yes' if pairs(f'{d}/duckdb.csv') == ours else 'NO'} ({len(ours)} flags)")
PY
)
  for row in "shipaudit $s_wall $s_rss" "pandas $p_wall $p_rss" "duckdb_2_threads $d_wall $d_rss" "libcsv_parse_only $c_wall $c_rss"; do
    read -r tool wall rss <<<"$row"
    ratio=$(awk -v a="$wall" -v b="$s_wall" 'BEGIN { printf "%.2f", a / b }')
    speed=$(awk -v m="$mb" -v w="$wall" 'BEGIN { printf "%.0f", m / w }')
    echo "| $n | $tool | $wall | $speed | $rss | $ratio | $([ "$tool" = shipaudit ] && echo "$same" || echo "") |"
  done
done
