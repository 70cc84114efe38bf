#!/usr/bin/env bash
# The rule of the house (docs/architecture.md): pointers, packed records and byte tricks live in ShipAuditCSV and
# ShipAuditStorage, behind their interfaces. Outside them (and the fuzz harness, which hands libFuzzer's bytes in):
# no `Unsafe…`, `.pointee`, `.baseAddress`, `unowned(unsafe)`, `Unmanaged`, `memcmp`, prefetch or `unsafeBitCast`,
# no `@unchecked Sendable`; libcsv imported by one file, in ShipAuditCSV. Exit 1 naming the places when it is broken.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
fail() { echo "house rule: $1" >&2; printf '%s\n' "$2" | sed 's/^/    /' >&2; status=1; }

domain=$(find Sources -name '*.swift' | grep -vE '^Sources/(ShipAuditCSV|ShipAuditStorage|ShipAuditFuzz)/' | sort)
pattern='Unsafe|\.pointee|\.baseAddress|unowned\(unsafe\)|Unmanaged|memcmp|_prefetch|unsafeBitCast|@unchecked Sendable'
leaks=$(grep -nE "$pattern" $domain || true)
[ -z "$leaks" ] || fail "pointer code or @unchecked Sendable outside ShipAuditCSV/ShipAuditStorage (move it behind their interfaces):" "$leaks"

importers=$(grep -rl '^import CLibCSV' Sources --include='*.swift' || true)
[ "$(printf '%s\n' "$importers" | sed '/^$/d' | wc -l)" -le 1 ] || fail "libcsv imported by more than one file:" "$importers"
[ -z "$(printf '%s\n' "$importers" | grep -v '^Sources/ShipAuditCSV/' || true)" ] || fail "libcsv imported outside ShipAuditCSV:" "$importers"

[ "$status" = 0 ] && echo "house rule: holds"
exit "$status"
