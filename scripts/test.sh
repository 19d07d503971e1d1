#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds Release, runs every CTest test
# (tests labelled gpu skip themselves without a CUDA device).
# Usage: scripts/test.sh [preset]   (release by default; `asan` runs the suite under ASan+UBSan)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
bash scripts/build.sh "$preset"
ctest --preset "$preset"
