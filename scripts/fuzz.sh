#!/usr/bin/env bash
# Fuzzes the CSV reader and every profile's loader (and the report writers) with libFuzzer and AddressSanitizer.
#   scripts/fuzz.sh [SECONDS]   (default 60; CI runs a short smoke run)
# Seeds: the samples and the malformed-input corpus. New interesting inputs go to .build-fuzz/corpus; a crash is
# saved in .build-fuzz/crashes/ and the script fails: add the file to Tests/ShipAuditEndToEndTests/Fixtures/corpus
# (with a line in cases.tsv, via scripts/make_corpus.py) so it stays a test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
seconds="${1:-60}"
build=.build-fuzz/debug

# The library with the fuzzer's coverage and ASan; the target linked by swiftc directly (SwiftPM's renaming of an
# executable's entry point clashes with libFuzzer's own main).
swift build --scratch-path .build-fuzz -c debug --target ShipAuditCore -Xswiftc -sanitize=fuzzer,address >/dev/null
swiftc -sanitize=fuzzer,address -parse-as-library -D FUZZING -module-name ShipAuditFuzz \
  Sources/ShipAuditFuzz/FuzzTarget.swift "$build"/ShipAuditCore.build/*.o "$build"/ShipAuditCSV.build/*.o \
  "$build"/ShipAuditStorage.build/*.o "$build"/TOMLKit.build/*.o \
  $(find "$build/CTOML.build" -name '*.o') -I "$build/Modules" \
  -Xcc -fmodule-map-file=Sources/CLibCSV/module.modulemap -Xcc -fmodule-map-file=Sources/CSQLite/module.modulemap \
  -Xcc -fmodule-map-file=Sources/CMalloc/module.modulemap \
  -Xcc -fmodule-map-file="$build/CTOML.build/module.modulemap" -lcsv -lsqlite3 -lstdc++ \
  -o "$build/shipaudit-fuzzer" 2> >(grep -v "Cannot export local symbol" >&2)

mkdir -p .build-fuzz/corpus .build-fuzz/crashes
cp samples/*.csv Tests/ShipAuditEndToEndTests/Fixtures/corpus/*.csv .build-fuzz/corpus/ 2>/dev/null || true
log=.build-fuzz/fuzz.log
set +e
"$build/shipaudit-fuzzer" .build-fuzz/corpus -max_total_time="$seconds" -max_len=8192 -timeout=20 \
  -artifact_prefix=.build-fuzz/crashes/ -print_final_stats=1 >"$log" 2>&1
status=$?
set -e
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
crashes=$(find .build-fuzz/crashes -type f | wc -l | tr -d ' ')
echo "fuzz: ${runs} executions in ${seconds} s, corpus $(ls .build-fuzz/corpus | wc -l | tr -d ' ') inputs, ${crashes} crash(es)"
if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
  tail -40 "$log" >&2
  echo "fuzz: failure; inputs in .build-fuzz/crashes/" >&2
  exit 1
fi
