#!/usr/bin/env bash
# Installs what shipaudit needs that a fresh machine may lack: libcsv (Debian's libcsv-dev). Swift must be present.
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

if [ ! -f /usr/include/csv.h ]; then
  echo "setup: installing libcsv-dev (the CSV parser shipaudit reads with)" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to run: apt-get install -y libcsv-dev" >&2; exit 1; }
    sudo="sudo"
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: no apt-get here; install libcsv (headers and library) with your package manager" >&2
    exit 1
  fi
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libcsv-dev >/dev/null
fi
