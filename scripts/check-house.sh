#!/usr/bin/env bash
# The rule of the house (docs/architecture.md): pointers, packed records and byte tricks live in ShipAuditCSV and
# ShipAuditStorage, behind their interfaces. Outside them (and the fuzz harness, which hands libFuzzer's bytes in):
# no `Unsafe…`, `.pointee`, `unowned(unsafe)`, prefetch; libcsv imported by one file; `@unchecked Sendable` only in
# the machinery. Exit 1 with the places when the rule is broken.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
fail() { echo "house rule: $1" >&2; printf '%s\n' "$2" | sed 's/^/    /' >&2; status=1; }

domain=$(find Sources -name '*.swift' | grep -vE '^Sources/(ShipAuditCSV|ShipAuditStorage|ShipAuditFuzz)/' | sort)
# Files that still hold pointer code, each a debt named in docs/architecture.md ("What is left"): the list may only
# shrink. A file not listed here that gains such code fails the check.
allowed=$(sed -e 's/#.*//' -e '/^ *$/d' scripts/house-debt.txt 2>/dev/null || true)
leaks=$(grep -lE 'Unsafe|\.pointee|unowned\(unsafe\)|_prefetch|unsafeBitCast|@unchecked Sendable' $domain || true)
new=$(comm -23 <(printf '%s\n' $leaks | sed '/^$/d' | sort) <(printf '%s\n' $allowed | sort) || true)
[ -z "$new" ] || fail "pointer code or @unchecked Sendable outside ShipAuditCSV/ShipAuditStorage (move it behind their interfaces):" "$new"
gone=$(comm -13 <(printf '%s\n' $leaks | sed '/^$/d' | sort) <(printf '%s\n' $allowed | sort) || true)
[ -z "$gone" ] || fail "scripts/house-debt.txt lists files that no longer need it (remove them):" "$gone"

importers=$(grep -rl '^import CLibCSV' Sources --include='*.swift' || true)
[ "$(printf '%s\n' "$importers" | sed '/^$/d' | wc -l)" -le 1 ] || fail "libcsv imported by more than one file:" "$importers"
[ -z "$(printf '%s\n' "$importers" | grep -v '^Sources/ShipAuditCSV/' || true)" ] || fail "libcsv imported outside ShipAuditCSV:" "$importers"

[ "$status" = 0 ] && echo "house rule: holds ($(printf '%s\n' $allowed | sed '/^$/d' | wc -l) files of listed debt)"
exit "$status"
