#!/usr/bin/env python3
"""Draws the grid of generated samples and edits shown in docs/GALLERY.md: per category, four
samples of a prompt (English and Japanese prompts on alternate rows) and, for one test product of that category, the product
beside two edits of it. Runs the project's own `unifashion` on a scratch copy of a synthetic demo
catalog (outputs are stored there, pending review, like any generation). Standard library only;
the grid is an SVG that embeds the PNGs, converted to OUT.png with `rsvg-convert` (the SVG is
kept beside it only when rsvg-convert is missing).

These two are drawn at the pack's draft size (`generate --draft`, 64 px): the same pictures the
upscaler then redraws at twice the side, and a page that stays small.

With --strengths 1,0.8,0.6 it draws instead one edit of a test product per row of STRENGTH_ROWS at
each edit strength (`generate --strength`): how much of the product an edit keeps.

With --upscale it draws, per row of UPSCALE_ROWS, two samples of a prompt as drafts (enlarged 2x
by the SVG renderer, as any viewer would) beside the same samples at full size (the pack's
upscaler), and a real test product of the category at the same size.

usage: sample-grid.py UNIFASHION CATALOG OUT.png [--model PACK] [--seed S] [--strengths S,S,... | --upscale]
"""
import base64
import json
import os
import shutil
import subprocess
import sys

# (category, English prompt, Japanese prompt, two edits of a product of that category)
ROWS = [
    ("tshirt", "white t-shirt", "白のストライプTシャツ", ["in red", "make it striped"]),
    ("shirt", "red striped shirt", "赤いストライプのシャツ", ["in navy", "花柄にして"]),
    ("blouse", "pink floral blouse", "黄色のブラウス", ["in black", "make it checked"]),
    ("pullover", "grey pullover", "緑のセーター", ["in yellow", "ボーダーにして"]),
    ("hoodie", "black hoodie", "青のパーカー", ["in white", "make it striped"]),
    ("coat", "beige coat", "紺のコート", ["in red", "チェック柄にして"]),
    ("dress", "navy polka dot dress", "赤いワンピース", ["in green", "make it floral"]),
    ("skirt", "green checked skirt", "黒のスカート", ["in pink", "無地にして"]),
    ("trousers", "blue trousers", "グレーのズボン", ["in beige", "make it checked"]),
    ("shorts", "yellow shorts", "白いショートパンツ", ["in navy", "make it striped"]),
    ("sneakers", "white sneakers", "赤いスニーカー", ["in black", "in blue"]),
    ("boots", "brown boots", "黒いブーツ", ["in beige", "in red"]),
    ("sandals", "red sandals", "白のサンダル", ["in black", "in yellow"]),
    ("bag", "black bag", "紺のバッグ", ["in red", "make it checked"]),
]

TILE, GAP = 64, 2  # tiles at the draft size: no resampling, smaller PNG
BIG = 128          # the upscale strip's tiles: the full generated size

# (category, edit) for the strength strip
STRENGTH_ROWS = [("shirt", "in navy"), ("dress", "緑にして"), ("skirt", "in pink"), ("sneakers", "in black"),
                 ("bag", "make it checked")]


# (category, prompt) for the upscale strip
UPSCALE_ROWS = [("shirt", "red striped shirt"), ("dress", "紺のドット柄のワンピース"), ("coat", "beige coat"),
                ("skirt", "green checked skirt"), ("sneakers", "white sneakers"), ("bag", "黒のバッグ")]


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


# How the images were drawn, from the first generate call's JSON (the app's sampler and steps
# unless the CLI's defaults are overridden); the page subtitles' @HOW@ is replaced with it.
HOW = {}


def generate(cmd):
    res = run(cmd)
    HOW.setdefault("text", f'{res["sampler"]}, {res["steps"]} steps')
    return res


def png_data(path):
    with open(path, "rb") as f:
        return "data:image/png;base64," + base64.b64encode(f.read()).decode("ascii")


def test_product(exe, catalog, cat):
    listed = run([exe, "list", "--catalog", catalog, "--category", cat, "--split", "test", "--limit", "1", "--json"])["products"]
    return listed[0] if listed else None


def page(rows, tile, title, subtitle):
    """Row height, page height and the title lines of a page of rows of tiles."""
    row_h = tile + 22
    return row_h, 60 + rows * row_h, [f'<text x="8" y="20" font-size="13">{title}</text>',
                                      f'<text x="8" y="40" font-size="11" fill="#555">{subtitle}</text>']


def product_and_edits(exe, catalog, seed, common, parts, x, y, cat, calls):
    """A test product of category cat at (x, y), then one edit of it per (prompt, extra args, label)."""
    tile, gap = TILE, GAP
    product = test_product(exe, catalog, cat)
    if not product:
        return
    parts.append(f'<image x="{x}" y="{y}" width="{tile}" height="{tile}" href="{png_data(product["images"][0]["path"])}"/>')
    parts.append(f'<text x="{x}" y="{y + tile + 14}" font-size="10">{product["sku"]}</text>')
    x += tile + gap + 12
    for prompt, extra, label in calls:
        res = generate([exe, "generate", "--catalog", catalog, "--prompt", prompt, "--reference", product["sku"], "--count", "1",
                   "--seed", seed, "--json"] + extra + common)
        parts.append(f'<image x="{x}" y="{y}" width="{tile}" height="{tile}" href="{png_data(res["outputs"][0]["path"])}"/>')
        parts.append(f'<text x="{x}" y="{y + tile + 14}" font-size="10">{label}</text>')
        x += tile + gap


def strength_strip(exe, catalog, seed, common, strengths):
    tile, gap, label_w = TILE, GAP, 110
    width = max(720, label_w + (1 + len(strengths)) * (tile + gap) + 12 + 110)
    row_h, height, parts = page(len(STRENGTH_ROWS), tile,
                                "UniFashion default pack: one edit of a test product at each edit strength",
                                "(strength 1 draws anew from noise; lower starts from the product's own latent; "
                                f"seed {seed}, @HOW@)")
    for r, (cat, edit) in enumerate(STRENGTH_ROWS):
        y = 56 + r * row_h
        x = label_w
        parts.append(f'<text x="8" y="{y + tile // 2}" font-size="12">{edit}</text>')
        product_and_edits(exe, catalog, seed, common, parts, x, y, cat, [(edit, ["--strength", st], st) for st in strengths])
    return parts, width, height


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    exe, catalog, out_png = args[0], args[1], args[2]
    model = args[args.index("--model") + 1] if "--model" in args else None
    seed = args[args.index("--seed") + 1] if "--seed" in args else "1"
    common = ["--model", model] if model else []
    if "--upscale" in args:
        parts, width, height = upscale_strip(exe, catalog, seed, common)
    elif "--strengths" in args:
        parts, width, height = strength_strip(exe, catalog, seed, common + ["--draft"], args[args.index("--strengths") + 1].split(","))
    else:
        parts, width, height = sample_grid(exe, catalog, seed, common + ["--draft"])
    write_png([p.replace("@HOW@", HOW.get("text", "")) for p in parts], width, height, out_png)


def sample_grid(exe, catalog, seed, common):
    tile, gap, label_w = TILE, GAP, 90
    cols = 4 + 1 + 2  # 4 samples, the product, 2 edits (each tile ~8 KB of PNG: keep the grid small)
    width = max(680, label_w + cols * (tile + gap) + 2 * 12 + 50)  # room for the titles and the last label
    row_h, height, parts = page(len(ROWS), tile,
                                "UniFashion default pack, per category: 4 samples of a prompt, a test product, two edits of it",
                                "(English and Japanese rows alternate; "
                                f"seed {seed}, @HOW@, guidance 2.5; stored pending review)")
    for r, (cat, en, ja, edits) in enumerate(ROWS):
        y = 56 + r * row_h
        x = label_w
        parts.append(f'<text x="8" y="{y + tile // 2}" font-size="12">{cat}</text>')
        prompt = en if r % 2 == 0 else ja
        res = generate([exe, "generate", "--catalog", catalog, "--prompt", prompt, "--count", "4", "--seed", seed, "--json"] + common)
        parts.append(f'<text x="{x}" y="{y + tile + 14}" font-size="10">{prompt}</text>')
        for o in res["outputs"]:
            parts.append(f'<image x="{x}" y="{y}" width="{tile}" height="{tile}" href="{png_data(o["path"])}"/>')
            x += tile + gap
        x += 12
        product_and_edits(exe, catalog, seed, common, parts, x, y, cat, [(edit, [], edit) for edit in edits])
    return parts, width, height


def upscale_strip(exe, catalog, seed, common):
    tile, gap, label_w = BIG, GAP, 170
    width = label_w + 5 * (tile + gap) + 2 * 12
    row_h, height, parts = page(len(UPSCALE_ROWS), tile,
                                "UniFashion default pack: drafts (64 px, enlarged) beside the same samples upscaled to 128 px",
                                f"(two samples of a prompt, then a real test product of the category; seed {seed}, @HOW@ + the upscaler's)")
    for r, (cat, prompt) in enumerate(UPSCALE_ROWS):
        y = 56 + r * row_h
        x = label_w
        parts.append(f'<text x="8" y="{y + tile // 2}" font-size="12">{prompt}</text>')
        call = [exe, "generate", "--catalog", catalog, "--prompt", prompt, "--count", "2", "--seed", seed, "--json"] + common
        drafts, full = generate(call + ["--draft"])["outputs"], generate(call)["outputs"]
        for d, f in zip(drafts, full):
            for o, label in ((d, "draft, enlarged"), (f, "upscaled")):
                parts.append(f'<image x="{x}" y="{y}" width="{tile}" height="{tile}" href="{png_data(o["path"])}"/>')
                parts.append(f'<text x="{x}" y="{y + tile + 14}" font-size="10">{label}</text>')
                x += tile + gap
            x += 6
        product = test_product(exe, catalog, cat)
        if product:
            x += 6
            parts.append(f'<image x="{x}" y="{y}" width="{tile}" height="{tile}" href="{png_data(product["images"][0]["path"])}"/>')
            parts.append(f'<text x="{x}" y="{y + tile + 14}" font-size="10">real: {product["sku"]}</text>')
    return parts, width, height


def write_png(parts, width, height, out_png):
    out_svg = os.path.splitext(out_png)[0] + ".svg"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif">',
             f'<rect width="{width}" height="{height}" fill="white"/>'] + parts + ["</svg>"]
    with open(out_svg, "w", encoding="utf-8") as f:
        f.write("\n".join(parts))
    if shutil.which("rsvg-convert"):
        subprocess.run(["rsvg-convert", "-o", out_png, out_svg], check=True)
        os.remove(out_svg)
        print(out_png)
    else:
        print(out_svg + " (install librsvg2-bin to convert it to PNG)")


if __name__ == "__main__":
    main()
