#!/usr/bin/env bash
# Installs the Debian 12 packages UniFashion Studio builds and runs with. Idempotent: installs only
# what is missing, and touches apt's lists only when something is. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-charts-dev libqt6opengl6-dev qt6-svg-dev libqt6svg6 qt6-qpa-plugins
  libtorch-dev libopenblas0-openmp
  libhnswlib-dev libopencv-dev libsqlite3-dev sqlite3 nlohmann-json3-dev libicu-dev zlib1g-dev
  libexiv2-dev exiv2 libfaiss-dev
  fonts-noto-cjk dataset-fashion-mnist wamerican kanjidic
  libgtest-dev libbenchmark-dev
  xvfb xauth librsvg2-bin lintian fakeroot dpkg-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "setup-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# libsentencepiece must never sit beside libtorch in one process (it crashes before main()); we never link it.
