#!/usr/bin/env bash
# Reproduces the default model pack shipped in resources/models/default (see docs/MODEL.md):
# a synthetic demo catalog (seed 1, 5,000 products), then five training runs, each a fixed number
# of steps so that the run repeats exactly:
#   1. phase 1 with the built-in CPU recipe (resources/models/configs/cpu-default.json)
#   2. phase 1 continued: alignment alone, then the UNet alone (cpu-continue.json)
#   3. the UNet alone on product titles (cpu-titles.json)
#   4. the attribute stage: texture branch, attribute prototypes, photo ranking (cpu-attributes.json)
#   5. phase 2 with the built-in recipe: composed queries and edits, photo ranking kept
# About 2 hours of this machine's 2 CPU cores in all (docs/MODEL.md has each stage's time).
#   WORK    scratch folder (default /tmp/uf-train-default)
#   DEVICE  cpu or cuda (default cpu)
#   STEPS   five step counts, one per run (default "2190 1725 537 1400 342")
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release
bin=build/release/bin/unifashion
cfg=resources/models/configs
work="${WORK:-/tmp/uf-train-default}"
device="${DEVICE:-cpu}"
read -r s1 s2 s3 s4 s5 <<< "${STEPS:-2190 1725 537 1400 342}"
mkdir -p "$work"
[ -f "$work/synth/catalog.sqlite" ] || "$bin" demo --catalog "$work/synth" --source synthetic --count 5000 --seed 1
train() { "$bin" train --catalog "$work/synth" --device "$device" --fresh "$@"; }
train --phase 1 --out "$work/p1" --steps "$s1" --seed 1
train --phase 1 --init "$work/p1" --out "$work/p1c" --steps "$s2" --seed 2 --config "$cfg/cpu-continue.json"
train --phase 1 --init "$work/p1c" --out "$work/p1t" --steps "$s3" --seed 3 --config "$cfg/cpu-titles.json"
train --phase 1 --init "$work/p1t" --out "$work/p1a" --steps "$s4" --seed 4 --config "$cfg/cpu-attributes.json"
train --phase 2 --init "$work/p1a" --out "$work/default" --steps "$s5" --seed 1
python3 scripts/plot-losses.py "$work/losses.svg" "$work"/{p1,p1c,p1t,p1a,default}/loss_log.csv
command -v rsvg-convert >/dev/null && rsvg-convert -o "$work/losses.png" "$work/losses.svg"
echo "pack: $work/default — copy it to resources/models/default to ship it"
