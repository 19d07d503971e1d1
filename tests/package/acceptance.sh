#!/usr/bin/env bash
# Acceptance from the installed package (CTest label `package`): build the .deb, install it with
# dpkg -i + apt-get -f install, run the product's flows using only installed paths, remove it and
# check that no file of the package remains. Needs root (CI runs as root); skips (77) otherwise.
#   acceptance.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
# dpkg needs ldconfig and start-stop-daemon, which live in the sbin folders.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
build="$1"
src="$2"
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: the package acceptance test installs a .deb and needs root"
  exit 77
fi
if [ ! -f "$src/resources/models/default/manifest.json" ]; then
  echo "SKIP: no default model pack in resources/models/default (train it first, see docs/MODEL.md)"
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== building the package"
(cd "$build" && cpack -G DEB -B "$work/pkg" >/dev/null)
deb="$(ls "$work"/pkg/unifashion-studio_*.deb)"
echo "   $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | grep -E "Depends|Recommends" || true

echo "== lintian"
if command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "$deb" > "$work/lintian.txt" 2>&1 || true
  cat "$work/lintian.txt"
  if grep -q "^E:" "$work/lintian.txt"; then
    echo "FAIL: lintian reports errors"
    exit 1
  fi
fi

echo "== installing"
if dpkg -s unifashion-studio >/dev/null 2>&1; then dpkg -r unifashion-studio >/dev/null; fi
dpkg -i "$deb" >/dev/null 2>&1 || apt-get -f install -y -qq >/dev/null
dpkg -s unifashion-studio > "$work/dpkg-status.txt"
grep -q "Status: install ok installed" "$work/dpkg-status.txt"
dpkg -L unifashion-studio > "$work/files.txt"

export PATH=/usr/bin:/bin:/usr/sbin:/sbin
cli=/usr/bin/unifashion
cat="$work/catalog"
echo "== demo, index, search"
"$cli" demo --catalog "$cat" --source synthetic --count 200 --seed 7 --json > "$work/demo.json"
"$cli" index --catalog "$cat" --json > "$work/index.json"
# Each result goes to a file first: `cli | grep -q` fails under pipefail when grep exits at its
# first match while the command is still writing (SIGPIPE).
"$cli" search --catalog "$cat" --text "navy shirt" --k 5 --json > "$work/search-text.json"
grep -q '"results"' "$work/search-text.json"
sku="$("$cli" list --catalog "$cat" --limit 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["products"][0]["sku"])')"
# A glob, not `ls | head -1`: head exits at the first line and ls dies of SIGPIPE under pipefail.
imgs=("$cat"/source/*/images/*.png)
img="${imgs[0]}"
"$cli" search --catalog "$cat" --image "$img" --k 5 --json > "$work/search-image.json"
grep -q '"results"' "$work/search-image.json"
"$cli" search --catalog "$cat" --sku "$sku" --text "in navy" --k 5 --json > "$work/search-composed.json"
grep -q '"results"' "$work/search-composed.json"

echo "== generate, review, export"
"$cli" generate --catalog "$cat" --prompt "red striped shirt" --count 2 --seed 3 --steps 10 --json > "$work/gen.json"
id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["outputs"][0]["id"])' "$work/gen.json")"
"$cli" audit approve --catalog "$cat" --id "$id" --as acceptance-reviewer --comment "ok" >/dev/null
"$cli" audit verify --catalog "$cat" >/dev/null
"$cli" export --catalog "$cat" --out "$work/export" --json > "$work/export.json"
pngs=("$work"/export/*.png)
png="${pngs[0]}"
exiv2 -pX "$png" > "$work/xmp.txt"
grep -q "trainedAlgorithmicMedia" "$work/xmp.txt"

echo "== desktop app, offscreen screenshot"
QT_QPA_PLATFORM=offscreen /usr/bin/unifashion-studio --catalog "$cat" --screenshot-dir "$work/shots" --quit-after-screenshots
ls "$work"/shots/*.png >/dev/null

echo "== removing"
dpkg -r unifashion-studio >/dev/null
left=0
while read -r f; do
  if [ -f "$f" ] || [ -L "$f" ]; then echo "left behind: $f"; left=1; fi
done < "$work/files.txt"
[ "$left" -eq 0 ]
echo "acceptance: all steps passed"
