#!/usr/bin/env python3
"""Plots the loss log(s) that `unifashion train` writes (PACK/loss_log.csv) as an SVG: one small
panel per loss, smoothed, with stage boundaries. Standard library only; convert to PNG with
`rsvg-convert -o out.png out.svg`.

usage: plot-losses.py OUT.svg LOG.csv [LOG.csv ...]   (logs of phase 1 then phase 2 are laid end to end)
"""
import csv
import math
import sys


def read_logs(paths):
    rows, offset = [], 0
    for path in paths:
        last = 0
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                step = int(r["step"])
                last = step
                r["_x"] = offset + step
                rows.append(r)
        offset += last
    return rows


def smooth(values, window=25):
    out, acc, q = [], 0.0, []
    for v in values:
        q.append(v)
        acc += v
        if len(q) > window:
            acc -= q.pop(0)
        out.append(acc / len(q))
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rows = read_logs(sys.argv[2:])
    skip = {"step", "phase", "stage", "elapsed_s", "step_s", "lr_scale", "total", "_x"}
    # Every loss column of any log (a later log may add one, e.g. phase 2's anchor), in order.
    columns = list(dict.fromkeys(k for r in rows for k in r.keys()))
    losses = [k for k in columns if k not in skip and any(r.get(k) for r in rows)]
    xmax = max(r["_x"] for r in rows)
    cols, pw, ph, pad = 2, 420, 200, 48
    nrows = math.ceil(len(losses) / cols)
    width, height = cols * (pw + pad) + pad, nrows * (ph + pad) + pad + 20
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="DejaVu Sans, sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{pad}" y="22" font-size="14">UniFashion default pack: training losses (smoothed over 25 steps) against step</text>']
    # Stage boundaries: where the stage name changes.
    bounds, prev = [], None
    for r in rows:
        key = (r["phase"], r["stage"])
        if key != prev:
            bounds.append((r["_x"], f'p{r["phase"]} {r["stage"]}'))
            prev = key
    for i, name in enumerate(losses):
        pts = [(r["_x"], float(r[name])) for r in rows if r.get(name)]
        ys = smooth([p[1] for p in pts])
        x0 = pad + (i % cols) * (pw + pad)
        y0 = pad + 20 + (i // cols) * (ph + pad)
        lo, hi = min(ys), max(ys)
        if hi - lo < 1e-9:
            hi = lo + 1.0
        sx = lambda x: x0 + pw * x / xmax
        sy = lambda y: y0 + ph - ph * (y - lo) / (hi - lo)
        svg.append(f'<rect x="{x0}" y="{y0}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>')
        for bx, label in bounds:
            svg.append(f'<line x1="{sx(bx):.1f}" y1="{y0}" x2="{sx(bx):.1f}" y2="{y0 + ph}" stroke="#ddd"/>')
            svg.append(f'<text x="{sx(bx) + 2:.1f}" y="{y0 + ph - 4}" fill="#aaa" font-size="9">{label}</text>')
        path = " ".join(f"{'M' if j == 0 else 'L'}{sx(p[0]):.1f},{sy(y):.1f}" for j, (p, y) in enumerate(zip(pts, ys)))
        svg.append(f'<path d="{path}" fill="none" stroke="#1f5fa8" stroke-width="1.4"/>')
        svg.append(f'<text x="{x0}" y="{y0 - 6}" font-size="12">{name}: {ys[0]:.3f} → {ys[-1]:.3f}</text>')
        svg.append(f'<text x="{x0 - 4}" y="{y0 + 10}" text-anchor="end" font-size="9">{hi:.2f}</text>')
        svg.append(f'<text x="{x0 - 4}" y="{y0 + ph}" text-anchor="end" font-size="9">{lo:.2f}</text>')
        svg.append(f'<text x="{x0 + pw}" y="{y0 + ph + 12}" text-anchor="end" font-size="9">{xmax} steps</text>')
    svg.append("</svg>")
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write("\n".join(svg))


if __name__ == "__main__":
    main()
