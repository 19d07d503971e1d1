#!/usr/bin/env bash
# Installs what is missing, builds Release, prepares and indexes the demo catalog and opens the
# desktop app on it. Without a display the app runs offscreen, saves a screenshot of each screen and exits.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release
bin="$PWD/build/release/bin"
data="${XDG_DATA_HOME:-$HOME/.local/share}/unifashion"
catalog="$data/catalogs/demo"
if [ ! -f "$catalog/catalog.sqlite" ]; then
  echo "Preparing the demo catalog in $catalog (once)…"
  "$bin/unifashion" demo --catalog "$catalog" --source synthetic
fi
if [ ! -d "$catalog/index" ]; then
  echo "Indexing it with the default model for search (once, about a minute)…"
  "$bin/unifashion" index --catalog "$catalog" || echo "Indexing failed; search stays off until Tasks → Index succeeds."
fi
if [ -x "$bin/unifashion-studio" ]; then
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    shots="$PWD/build/release/screenshots"
    echo "No display: running offscreen; screenshots go to $shots"
    QT_QPA_PLATFORM=offscreen "$bin/unifashion-studio" --catalog "$catalog" --screenshot-dir "$shots" --quit-after-screenshots
    ls "$shots"
  else
    exec "$bin/unifashion-studio" --catalog "$catalog"
  fi
else
  "$bin/unifashion" info --catalog "$catalog"
fi
