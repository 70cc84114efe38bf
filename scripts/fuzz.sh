#!/usr/bin/env bash
# Fuzzes shipaudit with libFuzzer, two targets:
#   - bundle: one input cut into an orders export, a catalog, a shipments export, a tracking export, a config and a
#     carrier invoice (at lines `--8<--`), run through the whole analysis and every report writer, in memory;
#   - config: a config file alone, through the config's parser.
#   scripts/fuzz.sh [SECONDS]   (each target runs SECONDS, default 60; scripts/test.sh runs a short smoke run)
# Each target is fuzzed on a build with the fuzzer's coverage alone (Swift's own checks still stop an overflow or an
# out-of-bounds index in safe code), about three times as many executions a second as under AddressSanitizer; then
# every input of its corpus, old and new, is run once more on a build with AddressSanitizer, which watches the
# pointer code of the CSV and storage targets. FUZZ_ASAN=1 fuzzes under AddressSanitizer throughout instead.
# Seeds: the samples cut to bundles of 8 KB, the malformed-input corpus, the samples' config. New interesting inputs go to
# .build-fuzz/corpus-TARGET; a crash is saved in .build-fuzz/crashes/ and the script fails: add the file to
# Tests/ShipAuditEndToEndTests/Fixtures/corpus (with a line in cases.tsv, via scripts/make_corpus.py) so it stays a
# test (the replay tool, `ShipAuditFuzz FILE…`, runs every corpus file through both targets' code in every test run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
seconds="${1:-60}"
asan_throughout="${FUZZ_ASAN:-0}"

# The library built with the given sanitizers, optimised as fuzzers are usually built (the whole analysis runs per
# input, ten times faster than a debug build); the targets linked by swiftc directly (SwiftPM's renaming of an
# executable's entry point clashes with libFuzzer's own main).
build_targets() { # scratch-path sanitizers
  local scratch=$1 sanitizers=$2 build=$1/release
  swift build --scratch-path "$scratch" -c release --target ShipAuditCore -Xswiftc -sanitize="$sanitizers" >/dev/null
  link "" "$build/shipaudit-fuzz-bundle"
  link "-D CONFIG_TARGET" "$build/shipaudit-fuzz-config"
}
link() { # target-flag output (build and sanitizers from build_targets)
  swiftc -sanitize="$sanitizers" -parse-as-library -D FUZZING $1 -module-name ShipAuditFuzz \
    Sources/ShipAuditFuzz/FuzzTarget.swift "$build"/ShipAuditCore.build/*.o "$build"/ShipAuditCSV.build/*.o \
    "$build"/ShipAuditStorage.build/*.o "$build"/TOMLKit.build/*.o \
    $(find "$build/CTOML.build" -name '*.o') -I "$build/Modules" \
    -Xcc -fmodule-map-file=Sources/CLibCSV/module.modulemap -Xcc -fmodule-map-file=Sources/CSQLite/module.modulemap \
    -Xcc -fmodule-map-file=Sources/CMalloc/module.modulemap -Xcc -fmodule-map-file=Sources/CCrypto/module.modulemap \
    -Xcc -fmodule-map-file="$build/CTOML.build/module.modulemap" -lcsv -lsqlite3 -lcrypto -lstdc++ \
    -O -o "$2" 2> >(grep -v "Cannot export local symbol" >&2)
}
asan=.build-fuzz/release
build_targets .build-fuzz fuzzer,address
if [ "$asan_throughout" = 1 ]; then fast=$asan; else fast=.build-fuzz-fast/release; build_targets .build-fuzz-fast fuzzer; fi

mkdir -p .build-fuzz/corpus-bundle .build-fuzz/corpus-config .build-fuzz/crashes
cp Tests/ShipAuditEndToEndTests/Fixtures/corpus/*.csv .build-fuzz/corpus-bundle/ 2>/dev/null || true
# The samples as one bundle, the shape the target cuts: the first rows of each file and the config without its
# comments, so that every part fits in the 8 KB inputs are kept to (a longer one would be cut, and small inputs run
# several times faster; rows beyond the first few add no new paths).
rm -f .build-fuzz/corpus-bundle/samples.bundle
{ head -7 samples/orders_export.csv; printf '\n--8<--\n'; head -5 samples/products_export.csv; printf '\n--8<--\n'
  head -7 samples/shipments.csv; printf '\n--8<--\n'; head -9 samples/tracking.csv; printf '\n--8<--\n'
  grep -v -e '^#' -e '^$' samples/shipaudit.toml; printf '\n--8<--\n'
  printf 'carrier,invoice_number,invoice_date,tracking_number,charge_code,charge_description,net_amount,currency\n'
  printf 'ups,691317025,2026-11-21,1Z5R89390357567127,SHP,Ground,11.48,USD\n'
  printf 'ups,691317099,2026-11-28,1Z5R89390357567127,SHP,Ground,11.48,USD\n'; } >.build-fuzz/corpus-bundle/samples-small.bundle
# A warehouse's invoice with a column per charge, read by a mapping in the bundle's config.
{ head -2 samples/orders_export.csv; printf '\n--8<--\n\n--8<--\n'; head -4 samples/shipments.csv
  printf '\n--8<--\n\n--8<--\n'
  printf '[profiles.w]\nkind = "invoices"\n[profiles.w.columns]\ninvoice_number = "Invoice #"\ntracking_number = "Tracking #"\n'
  printf 'service = "Service"\n[profiles.w.charges]\n"Postage" = "label"\n"Fuel Surcharge" = "surcharge"\n"Carrier Adjustment" = "weight_correction"\n'
  printf '\n--8<--\nInvoice #,Tracking #,Service,Postage,Fuel Surcharge,Carrier Adjustment\n'
  printf 'W-7,1Z5R89390357567127,UPS Ground,11.48,1.72,\nW-7,477179081230.0,,19.30,,12.75\n'; } >.build-fuzz/corpus-bundle/samples-charge-columns.bundle
# The carriers' own invoice layouts: the UPS file by position (no header), the FedEx file with its charge pairs.
for invoice in samples/invoices/*.csv; do
  { head -2 samples/orders_export.csv; printf '\n--8<--\n\n--8<--\n'; head -4 samples/shipments.csv
    printf '\n--8<--\n\n--8<--\n\n--8<--\n'; head -3 "$invoice"; } >".build-fuzz/corpus-bundle/samples-$(basename "$invoice" .csv).bundle"
done
cp samples/shipaudit.toml .build-fuzz/corpus-config/ 2>/dev/null || true
cp Tests/ShipAuditEndToEndTests/Fixtures/mapping/*.toml .build-fuzz/corpus-config/ 2>/dev/null || true
# Allocations keep no stack (malloc_context_size=0): recording one for every allocation was a sixth of the time, and a
# crash found is replayed with full stacks by the replay tool or by the fuzzer binary given the crash file.
# Leaks are not checked: TOMLKit's C++ binding leaks a few bytes of every config it parses (its strdup'd strings),
# harmless in a process that reads one config, and every one of those runs would stop the fuzzer.
rm -f .build-fuzz/crashes/config-leak-* .build-fuzz/crashes/bundle-leak-*
failed=0
for target in bundle config; do
  log=.build-fuzz/fuzz-$target.log
  set +e
  ASAN_OPTIONS=detect_leaks=0:malloc_context_size=0 SWIFT_BACKTRACE=enable=no "$fast/shipaudit-fuzz-$target" .build-fuzz/corpus-$target -max_total_time="$seconds" -max_len=8192 -timeout=20 \
    -artifact_prefix=.build-fuzz/crashes/$target- -print_final_stats=1 -detect_leaks=0 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
    >"$log" 2>&1
  status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  corpus=$(ls .build-fuzz/corpus-$target | wc -l | tr -d ' ')
  replay=""
  if [ "$asan_throughout" != 1 ] && [ "$status" -eq 0 ]; then
    # The whole corpus once under AddressSanitizer (-runs=0: the inputs given, no mutation).
    ASAN_OPTIONS=detect_leaks=0:malloc_context_size=0 SWIFT_BACKTRACE=enable=no "$asan/shipaudit-fuzz-$target" .build-fuzz/corpus-$target -runs=0 -timeout=60 \
      -artifact_prefix=.build-fuzz/crashes/$target-asan- -detect_leaks=0 >"$log.asan" 2>&1
    status=$?
    replay=", replayed under AddressSanitizer"
    [ "$status" -eq 0 ] || log="$log.asan"
  fi
  set -e
  crashes=$(find .build-fuzz/crashes -name "$target-*" -type f | wc -l | tr -d ' ')
  mode=$([ "$asan_throughout" = 1 ] && echo "under AddressSanitizer" || echo "coverage build")
  echo "fuzz $target: ${runs} executions in ${seconds} s ($((runs / seconds)) a second, $mode), corpus ${corpus} inputs${replay}, ${crashes} crash(es)"
  if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    tail -40 "$log" >&2
    echo "fuzz $target: failure; inputs in .build-fuzz/crashes/" >&2
    failed=1
  fi
done
exit "$failed"
