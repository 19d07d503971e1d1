#!/usr/bin/env bash
# Reproduces the default model pack shipped in resources/models/default (see docs/MODEL.md):
# a synthetic demo catalog (seed 1, 5,000 products); phase 1 for 50 minutes with the built-in CPU
# recipe (resources/models/configs/cpu-default.json); phase 1 continued for 40 minutes with
# alignment alone then the UNet alone (cpu-continue.json); then 10 minutes of the UNet alone on
# titles (cpu-titles.json); phase 2 for 10 minutes. 110 minutes of this 2-core CPU in all.
#   WORK    scratch folder (default /tmp/uf-train-default)
#   DEVICE  cpu or cuda (default cpu)
#   P1_MIN / P1C_MIN / P1T_MIN / P2_MIN  minutes of each run (default 50 / 40 / 10 / 10)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release
bin=build/release/bin/unifashion
work="${WORK:-/tmp/uf-train-default}"
device="${DEVICE:-cpu}"
mkdir -p "$work"
[ -f "$work/synth/catalog.sqlite" ] || "$bin" demo --catalog "$work/synth" --source synthetic --count 5000 --seed 1
"$bin" train --catalog "$work/synth" --phase 1 --out "$work/p1" --minutes "${P1_MIN:-50}" --seed 1 --device "$device"
"$bin" train --catalog "$work/synth" --phase 1 --init "$work/p1" --out "$work/p1c" --minutes "${P1C_MIN:-40}" --seed 2 --device "$device" \
    --config resources/models/configs/cpu-continue.json
"$bin" train --catalog "$work/synth" --phase 1 --init "$work/p1c" --out "$work/p1t" --minutes "${P1T_MIN:-10}" --seed 3 --device "$device" \
    --config resources/models/configs/cpu-titles.json
"$bin" train --catalog "$work/synth" --phase 2 --init "$work/p1t" --out "$work/default" --minutes "${P2_MIN:-10}" --seed 1 --device "$device"
python3 scripts/plot-losses.py "$work/losses.svg" "$work/p1/loss_log.csv" "$work/p1c/loss_log.csv" "$work/p1t/loss_log.csv" "$work/default/loss_log.csv"
command -v rsvg-convert >/dev/null && rsvg-convert -o "$work/losses.png" "$work/losses.svg"
echo "pack: $work/default — copy it to resources/models/default to ship it"
