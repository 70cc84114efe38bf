#!/usr/bin/env bash
# Fresh machine to green tests: installs what is missing, builds, runs every test (unit, golden, end to end).
# Pass swift test arguments through, e.g. scripts/test.sh --filter WeightShortRuleTests
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
# The rule of the house (docs/architecture.md) and the formatting, before the build: both are quick and name files.
bash scripts/check-house.sh
swift format lint --strict -r -p Sources Tests Package.swift
swift build --build-tests
swift test --skip-build "$@"
# A short fuzzing smoke run of both targets, seeded (scripts/fuzz.sh SECONDS for a longer one); skipped when a
# filter was given.
if [ $# -eq 0 ]; then FUZZ_SEED="${FUZZ_SEED:-1}" bash scripts/fuzz.sh "${FUZZ_SECONDS:-15}"; fi
