"""Column widths from what the columns hold.

A table's columns are measured, not guessed: every column is at least as wide as its widest
unbreakable piece (a date, an amount, a reference, a status word, the longest word of its header),
so dates and short codes never wrap ("02/03/20 / 23", "Comple / ted"); the room left over goes
to the columns of running text, which wrap at word boundaries. Widths a caller gives are taken
as the preferred proportions, then raised wherever they would cut a date or a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

from bscp_desktop.reports.pdf.fonts import FONT, FONT_BOLD
from bscp_desktop.reports.pdf.styles import format_value, text_width

PADDING = 8.0 + 1.5  # cell padding either side, plus a little slack
SAMPLE_ROWS = 500
LONG_WORD_SHARE = 0.3  # a single word wider than this share of the page may be broken


def measure(headers: Sequence[Any], rows: Sequence[Sequence[Any]], width: float) -> tuple[list[float], list[float]]:
    """(natural width, floor) of every column, padding included: the natural width is its
    longest line (at most half the page), the floor its widest word, date or code."""
    natural, floor = [], []
    for i, header in enumerate(headers):
        head = format_value(header)
        texts = [format_value(r[i]) for r in rows[:SAMPLE_ROWS] if i < len(r) and not isinstance(r[i], Flowable)]
        lines = [text_width(head, FONT_BOLD)] + [text_width(line, FONT) for t in texts for line in t.splitlines()]
        words = [text_width(w, FONT_BOLD) for w in head.split()] + [text_width(w, FONT) for t in texts for w in t.split()]
        natural.append(min(max(lines), width * 0.5) + PADDING)
        floor.append(min(max(words or [0.0]), width * LONG_WORD_SHARE) + PADDING)
    return natural, floor


def column_widths(
    headers: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    width: float,
    preferred: Sequence[float] | None = None,
) -> list[float]:
    """Widths (points) that fill `width`: floors first, the rest by natural width (or by the
    `preferred` proportions)."""
    natural, floor = measure(headers, rows, width)
    if preferred is not None:
        if len(preferred) != len(headers):
            raise ValueError("col_widths needs one width per column")
        total = float(sum(preferred)) or 1.0
        natural = [float(p) * width / total for p in preferred]
        if float(sum(preferred)) < width:  # a narrower table keeps its size
            natural = [float(p) for p in preferred]
    return fit(natural, floor, width)


def fit(wanted: Sequence[float], floor: Sequence[float], width: float) -> list[float]:
    """Every column at least its floor; the spare room shared by what each wants beyond it.
    A table narrower than the page is spread to its full width."""
    wanted = [max(w, f) for w, f in zip(wanted, floor, strict=True)]
    if sum(wanted) <= width:
        return [w * width / sum(wanted) for w in wanted]
    base = sum(floor)
    if base >= width:
        return _squeeze(list(floor), width)
    spare = width - base
    growth = [max(w - f, 0.0) for w, f in zip(wanted, floor, strict=True)]
    total = sum(growth) or 1.0
    return [f + spare * g / total for f, g in zip(floor, growth, strict=True)]


def _squeeze(floor: list[float], width: float) -> list[float]:
    """Floors wider than the page: short columns (dates, codes) keep their width and the wide
    ones share what is left, in proportion."""
    n = len(floor)
    fixed: set[int] = set()
    while len(fixed) < n:
        free = [i for i in range(n) if i not in fixed]
        share = (width - sum(floor[i] for i in fixed)) / len(free)
        small = [i for i in free if floor[i] <= share]
        if not small:
            break
        fixed.update(small)
    free = [i for i in range(n) if i not in fixed]
    room = width - sum(floor[i] for i in fixed)
    if not free or room <= 0:
        return [f * width / sum(floor) for f in floor]
    total = sum(floor[i] for i in free)
    return [floor[i] if i in fixed else floor[i] * room / total for i in range(n)]
