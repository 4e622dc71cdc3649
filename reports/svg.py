"""Geometry for the server-drawn pictures: the hex map's hexagons ("odd-r" HexJSON: pointy-top
hexes, odd rows pushed half a hex right, row numbers growing northwards) and the charts'
stacked bars. Numbers only: the templates draw them as SVG, with their names and tables."""

from __future__ import annotations

import math
from dataclasses import dataclass

HEX_SIZE = 19  # centre to corner
MARGIN = 4


@dataclass
class PlacedHex:
    item: object
    points: str
    cx: float
    cy: float


def hex_layout(items, size: float = HEX_SIZE) -> tuple[list[PlacedHex], float, float]:
    """Each item (with `q`, `r`) as a hexagon's corners and centre; items placed at q or r
    below 0 are left out (they are in the table). Returns the hexes and the drawing's size."""
    placed = [i for i in items if i.q >= 0 and i.r >= 0]
    if not placed:
        return [], 0.0, 0.0
    width = math.sqrt(3) * size
    top_row = max(i.r for i in placed)
    hexes = []
    for item in placed:
        cx = MARGIN + width / 2 + width * (item.q + (0.5 if item.r % 2 else 0))
        cy = MARGIN + size + 1.5 * size * (top_row - item.r)
        corners = [
            (
                cx + size * math.cos(math.radians(60 * k - 30)),
                cy + size * math.sin(math.radians(60 * k - 30)),
            )
            for k in range(6)
        ]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in corners)
        hexes.append(PlacedHex(item=item, points=points, cx=round(cx, 1), cy=round(cy, 1)))
    total_width = MARGIN * 2 + width * (max(i.q for i in placed) + 1.5)
    total_height = MARGIN * 2 + 2 * size + 1.5 * size * top_row
    return hexes, round(total_width, 1), round(total_height, 1)


@dataclass
class Segment:
    label: str
    count: int
    fill: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class Bar:
    label: str
    total: int
    segments: list[Segment]
    x: float  # where the bar's label sits
    y: float


def nice_max(value: int) -> int:
    """A round number at or above `value` for the scale's end (1, 2, 5 times a power of 10)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def horizontal_bars(rows, series, *, bar_length=320, bar_height=20, gap=12, label_height=18):
    """Stacked horizontal bars, each under its label (so a long label needs no room beside
    the bars, and the chart fits a phone at its natural size): `rows` is
    [(label, {series key: count})], `series` the categories (with `key`, `label`, `fill`) in
    stacking order."""
    scale_max = nice_max(max((sum(c.values()) for _, c in rows), default=0))
    left = 4
    bars = []
    for index, (label, counts) in enumerate(rows):
        top = index * (label_height + bar_height + gap)
        y = top + label_height
        x = float(left)
        segments = []
        for s in series:
            n = counts.get(s.key, 0)
            if not n:
                continue
            length = bar_length * n / scale_max
            segments.append(
                Segment(s.label, n, s.fill, round(x, 1), y, round(length, 1), bar_height)
            )
            x += length
        bars.append(Bar(str(label), sum(counts.values()), segments, left, top + label_height - 5))
    ticks = [
        {"value": v, "x": round(left + bar_length * v / scale_max, 1)} for v in _ticks(scale_max)
    ]
    height = len(rows) * (label_height + bar_height + gap)
    return {
        "bars": bars,
        "ticks": ticks,
        "width": left + bar_length + 16,
        "height": height + 24,
        "axis_y": height,
        "x0": left,
    }


def vertical_bars(rows, series, *, bar_width=30, gap=14, chart_height=220, left=40):
    """Stacked vertical bars, one per row label (a year), the same series in stacking order
    from the baseline up."""
    scale_max = nice_max(max((sum(c.values()) for _, c in rows), default=0))
    bars = []
    for index, (label, counts) in enumerate(rows):
        x = left + gap + index * (bar_width + gap)
        y = float(chart_height)
        segments = []
        for s in series:
            n = counts.get(s.key, 0)
            if not n:
                continue
            length = chart_height * n / scale_max
            y -= length
            segments.append(
                Segment(s.label, n, s.fill, x, round(y, 1), bar_width, round(length, 1))
            )
        bars.append(
            Bar(str(label), sum(counts.values()), segments, x + bar_width / 2, chart_height + 16)
        )
    ticks = [
        {"value": v, "y": round(chart_height - chart_height * v / scale_max, 1)}
        for v in _ticks(scale_max)
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        "width": left + gap + len(rows) * (bar_width + gap) + 10,
        "height": chart_height + 26,
        "axis_y": chart_height,
        "x0": left,
    }


def _ticks(scale_max: int) -> list[int]:
    step = scale_max / 5 if scale_max >= 5 else 1
    values = sorted({round(step * k) for k in range(6) if step * k <= scale_max})
    return values
