#!/usr/bin/env bash
# Benchmarks shipaudit against what a user would otherwise write, on the same generated files:
#   - a pandas script and a DuckDB SQL script (2 threads) doing the same checks (scripts/bench/), whose flagged
#     (order, rule) pairs must equal shipaudit's for those rules (checked here);
#   - libcsv counting records, the parse-only floor.
# usage: scripts/bench.sh [ORDERS ...]   (default: 100000 1000000). Prints a table; copy it into BENCHMARKS.md.
# RUNS=N (default 3) runs every tool N times, taking turns, and reports its fastest wall time and its largest
# peak memory: a shared 2-core machine's speed varies by tens of percent from one minute to the next.
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

runs=${RUNS:-3}
once() { # command... -> "seconds maxrss_mb status"
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
keep() { # name wall rss: the fastest wall and the largest peak memory of a tool so far
  local name=$1 wall=$2 rss=$3
  if [ -z "${best[$name]:-}" ] || awk -v a="$wall" -v b="${best[$name]}" 'BEGIN { exit !(a < b) }'; then best[$name]=$wall; fi
  if [ -z "${most[$name]:-}" ] || [ "$rss" -gt "${most[$name]}" ]; then most[$name]=$rss; fi
}

echo "best of $runs runs each"
echo
echo "| orders | tool | wall s | MB/s | peak RSS MB | × shipaudit time | same flags |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | --- |"
for n in "${sizes[@]}"; do
  data=".build-bench/data-$n"
  [ -f "$data/tracking.csv" ] || python3 scripts/generate_data.py "$n" "$data" >/dev/null
  files=("$data/orders_export.csv" "$data/products_export.csv" "$data/shipments.csv" "$data/tracking.csv")
  mb=$(du -cm "${files[@]}" | tail -1 | cut -f1)
  declare -A best=() most=()
  # The tools take turns, run after run, so that a slow minute slows them all.
  for _ in $(seq "$runs"); do
    read -r wall rss status < <(once "$bin" analyze --orders "${files[0]}" --catalog "${files[1]}" --shipments "${files[2]}" \
      --tracking "${files[3]}" --config "$data/shipaudit.toml" --as-of 2026-11-19T02:00:00-05:00 --out "$data/report" --no-history --quiet)
    [ "$status" -le 1 ] || { echo "shipaudit failed" >&2; cat .build-bench/time.log >&2; exit 1; }
    keep shipaudit "$wall" "$rss"
    read -r wall rss _ < <(once python3 scripts/bench/baseline_pandas.py "$data" "$data/pandas.csv"); keep pandas "$wall" "$rss"
    read -r wall rss _ < <(once python3 scripts/bench/baseline_duckdb.py "$data" "$data/duckdb.csv"); keep duckdb_2_threads "$wall" "$rss"
    read -r wall rss _ < <(once .build-bench/csvcount "${files[@]}"); keep libcsv_parse_only "$wall" "$rss"
  done
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
  for tool in shipaudit pandas duckdb_2_threads libcsv_parse_only; do
    wall=${best[$tool]} rss=${most[$tool]}
    ratio=$(awk -v a="$wall" -v b="${best[shipaudit]}" 'BEGIN { printf "%.2f", a / b }')
    speed=$(awk -v m="$mb" -v w="$wall" 'BEGIN { printf "%.0f", m / w }')
    echo "| $n | $tool | $wall | $speed | $rss | $ratio | $([ "$tool" = shipaudit ] && echo "$same" || echo "") |"
  done
done
