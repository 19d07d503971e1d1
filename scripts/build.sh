#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release) after installing dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
bash scripts/setup-deps.sh
# ccache keyed on paths relative to the checkout, so a fresh clone elsewhere reuses the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-8G}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
