#!/usr/bin/env bash
# Builds the core and the `unifashion` CLI on a headless GPU server against a CUDA libtorch
# (e.g. the one inside a PyTorch install) — no Qt, no OpenCV needed there.
#   Torch_DIR   where TorchConfig.cmake lives (default: from python3's torch)
#   UF_SYSROOT  optional folder with extra headers/libraries (ICU, sqlite3.h, hnswlib) unpacked under usr/
#   BUILD_DIR   output folder (default build/gpu)
set -euo pipefail
cd "$(dirname "$0")/.."
torch_dir="${Torch_DIR:-$(python3 -c 'import torch, os; print(os.path.join(torch.utils.cmake_prefix_path, "Torch"))')}"
build="${BUILD_DIR:-build/gpu}"
extra=()
if [ -n "${UF_SYSROOT:-}" ]; then
  extra+=(-DCMAKE_PREFIX_PATH="$UF_SYSROOT/usr" -DICU_ROOT="$UF_SYSROOT/usr"
          -DHNSWLIB_INCLUDE_DIR="$UF_SYSROOT/usr/include")
  [ -f "$UF_SYSROOT/usr/include/sqlite3.h" ] && extra+=(-DSQLite3_INCLUDE_DIR="$UF_SYSROOT/usr/include")
  export LD_LIBRARY_PATH="$UF_SYSROOT/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
fi
if [ ! -e /usr/lib/x86_64-linux-gnu/libsqlite3.so ] && [ -e /usr/lib/x86_64-linux-gnu/libsqlite3.so.0 ]; then
  extra+=(-DSQLite3_LIBRARY=/usr/lib/x86_64-linux-gnu/libsqlite3.so.0)
fi
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DUF_BUILD_UI=OFF -DUF_BUILD_TESTS=OFF \
  -DUF_WITH_OPENCV=OFF -DTorch_DIR="$torch_dir" "${extra[@]}"
cmake --build "$build" --target unifashion -j "$(nproc)"
