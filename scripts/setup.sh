#!/usr/bin/env bash
# Installs what shipaudit needs that a fresh machine may lack: libcsv, SQLite and libcrypto (Debian's libcsv-dev, libsqlite3-dev, libssl-dev). Swift must be present.
# Safe to run again: it installs nothing that is already there.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="$PATH:/opt/swift/usr/bin"
  else
    echo "setup: swift is not installed; install Swift 6 from https://swift.org/install and run this again" >&2
    exit 1
  fi
fi

missing=""
[ -f /usr/include/csv.h ] || missing="$missing libcsv-dev"
[ -f /usr/include/sqlite3.h ] || missing="$missing libsqlite3-dev"
[ -f /usr/include/openssl/evp.h ] || missing="$missing libssl-dev"
if [ -n "$missing" ]; then
  echo "setup: installing$missing (the CSV parser, the history database and SHA-256)" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to run: apt-get install -y$missing" >&2; exit 1; }
    sudo="sudo"
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: no apt-get here; install$missing (headers and libraries) with your package manager" >&2
    exit 1
  fi
  $sudo apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
