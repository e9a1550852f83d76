#!/usr/bin/env bash
# Installs the system packages Supercool needs (Debian): libgsl-dev (GSL), libsqlite3-dev (scan databases) and pkg-config.
# Safe to re-run; does nothing when they are present.
set -euo pipefail
need=()
pkg-config --exists gsl 2>/dev/null || need+=(libgsl-dev)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need[@]}"
fi
pkg-config --modversion gsl >/dev/null
pkg-config --modversion sqlite3 >/dev/null
