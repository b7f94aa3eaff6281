"""Small bar charts drawn on the server as SVG: no JavaScript, no library to keep up to date, nothing
to load from the internet, and they print. Each chart carries a title and a description for screen
readers (``role="img"``), every bar its own ``<title>`` with the exact number, and the page shows the
same numbers as a table and as CSV.

Colours are presentation attributes, not ``style``: the console's Content-Security-Policy forbids
inline styles.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from itertools import count

from markupsafe import Markup, escape

BAR = "#0b5563"
BAR_ALT = "#c98a00"
GRID = "#d5dbe0"
TEXT = "#1b1f23"
MUTED = "#4d5560"
_ids = count(1)


def nice_max(value: float) -> float:
    """The top of the axis: 1, 2, 2.5 or 5 times a power of ten, at least ``value`` (and at least 4,
    so that counts get whole-number grid lines)."""
    if value <= 4:
        return 4
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _open(width: int, height: int, title: str, desc: str) -> tuple[str, list[str]]:
    n = next(_ids)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-t{n} chart-d{n}" font-family="DejaVu Sans, Arial, sans-serif" '
        'font-size="15">',
        f'<title id="chart-t{n}">{escape(title)}</title><desc id="chart-d{n}">{escape(desc)}</desc>',
    ]
    return str(n), parts


def columns(
    points: Sequence[tuple[date, int]], *, title: str, desc: str, width: int = 640, height: int = 260
) -> Markup:
    """Vertical bars over days, with a few date labels and horizontal grid lines."""
    _, parts = _open(width, height, title, desc)
    left, right, top, bottom = 56, 10, 12, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = nice_max(max((v for _, v in points), default=0))
    for i in range(5):
        value = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{_number(round(value, 1))}</text>"
        )
    slot = plot_w / max(len(points), 1)
    label_every = max(1, math.ceil(len(points) / 8))
    for i, (day, value) in enumerate(points):
        h = plot_h * value / top_value
        x = left + i * slot + slot * 0.15
        parts.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
            f'fill="{BAR}">'
            f"<title>{day:%d/%m/%Y}: {value}</title></rect>"
        )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{height - 8}" text-anchor="middle" fill="{MUTED}">'
                f"{day:%d/%m}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def bars(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    desc: str,
    width: int = 640,
    label_width: int = 250,
    value_format: str = "{:g}",
    highlight: Sequence[float] = (),
) -> Markup:
    """Horizontal bars, one per item, the label on the left and the value at the end of the bar;
    ``highlight`` (same length) draws a second, thinner bar (e.g. closed out of received)."""
    row = 30
    height = max(row * len(items) + 10, 40)
    _, parts = _open(width, height, title, desc)
    plot_w = width - label_width - 60
    top_value = nice_max(max((v for _, v in items), default=0))
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        w = plot_w * value / top_value
        short = label if len(label) <= 30 else label[:28] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" fill="{TEXT}">{escape(short)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="{BAR}">'
            f"<title>{escape(label)}: {value_format.format(value)}</title></rect>"
        )
        if i < len(highlight):
            hw = plot_w * highlight[i] / top_value
            parts.append(
                f'<rect x="{label_width}" y="{y + row - 9}" width="{hw:.1f}" height="4" fill="{BAR_ALT}"/>'
            )
        parts.append(
            f'<text x="{label_width + w + 6:.1f}" y="{y + 16}" fill="{TEXT}">'
            f"{escape(value_format.format(value))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
