"""Charts: one plain-data definition drawn for the PDF and shown in the window.

An area describes a chart once, as data::

    chart = Chart(
        title="Attendance by course topic, 2023/24",
        categories=("Neglect", "Domestic abuse"),
        series=(Series("2022/23", (40, 31)), Series("2023/24", (52, 35))),
        value_label="Delegates who attended",
        category_label="Course topic",
    )

and hands it on:

* `chart_drawing(chart)` is a reportlab.graphics `Drawing` (a flowable) for a PDF;
  `add_chart(doc, chart)` puts it in a `DocumentBuilder` on one page, followed by the
  text alternative and the numbers behind it as a table;
* `chart_svg(chart)` is the same drawing as SVG bytes, which the window shows with QtSvg
  (`ui.common.chart_view.ChartView`), so the window and the PDF cannot disagree;
* `chart.table_headers()` / `chart.table_rows()` are the numbers behind it (for a table in the
  window, the PDF or a workbook), and `chart.text_alternative` the words for screen readers.

Vertical bars suit a few short categories (years, topics); with many or long category names
(organisations) the bars lie horizontally and the drawing grows taller, so every name stays
readable. Several series are grouped bars with a legend (year on year: one series per year).
Values are counts, percentages (given as fractions, 0.71 for 71%) or money (`Decimal`
pounds); they are drawn as floats but printed from the exact values.
"""

from __future__ import annotations

import contextvars
import enum
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import KeepTogether, Spacer

from bscp_desktop.domain.money import format_money
from bscp_desktop.domain.percent import format_percent
from bscp_desktop.reports.pdf import CONTENT_WIDTH, FALLBACK_FONTS, FONT, FONT_BOLD, GREY_TEXT, GRID, NAVY, DocumentBuilder, paragraph, register_fonts
from bscp_desktop.reports.rtl import is_right_to_left, visual_line, visual_text

Number = int | float | Decimal

#: Series colours, in order: distinguishable in greyscale and with the common colour-vision
#: differences (navy, orange, teal, purple, olive, grey).
PALETTE: tuple[str, ...] = ("#1F3A5F", "#D9782D", "#2A9D8F", "#8E5B9A", "#8A8A2E", "#7F7F7F")
#: For year on year: earlier years in lighter blues, the latest in the house navy.
YEAR_PALETTE: tuple[str, ...] = ("#C9D6E8", "#9DB4CF", "#6B8DB5", "#3F6491", "#1F3A5F")

MAX_LABEL_CHARS = 42  # longer category names are cut with an ellipsis (the table has them in full)
_SMALL = 7.5
_TITLE_SIZE = 10.5
_MOST_TICKS = 7  # along a value axis, as reportlab has it; fewer where wide figures need the room


class ValueKind(enum.StrEnum):
    COUNT = "count"
    PERCENT = "percent"  # values are fractions: 0.71 is 71%
    MONEY = "money"  # values are Decimal pounds


class Orientation(enum.StrEnum):
    AUTO = "auto"
    VERTICAL = "vertical"
    HORIZONTAL = "horizontal"


@dataclass(frozen=True)
class Series:
    """One set of bars: a name for the legend and one value per category (None: no value)."""

    name: str
    values: tuple[Number | None, ...]
    colour: str | None = None  # "#RRGGBB"; None takes the next colour of the palette


@dataclass(frozen=True)
class Chart:
    """A bar chart as plain data: everything the PDF, the window and a table need."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_label: str  # the value axis, e.g. "Delegates who attended"
    category_label: str = ""  # the category axis and the first column of the table
    alt_text: str = ""  # blank: `text_alternative` describes the chart from its numbers
    value_kind: ValueKind = ValueKind.COUNT
    orientation: Orientation = Orientation.AUTO
    note: str = ""  # printed under the chart, e.g. "Illustrative figures"
    palette: tuple[str, ...] = field(default=PALETTE)

    def __post_init__(self) -> None:
        object.__setattr__(self, "categories", tuple(str(c) for c in self.categories))
        object.__setattr__(self, "series", tuple(self.series))
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(
                    f"Series '{s.name}' of the chart '{self.title}' has {len(s.values)} values "
                    f"for {len(self.categories)} categories"
                )

    # ------------------------------------------------------------------ the numbers

    @property
    def empty(self) -> bool:
        return not self.categories or not self.series or all(
            v is None or v == 0 for s in self.series for v in s.values
        )

    def format_value(self, value: Number | None) -> str:
        return format_value(value, self.value_kind)

    def table_headers(self) -> list[str]:
        return [self.category_label or "Category", *(s.name for s in self.series)]

    def table_rows(self) -> list[list]:
        """One row per category: its name, then each series' value (exact, unformatted)."""
        return [
            [category, *(s.values[i] for s in self.series)]
            for i, category in enumerate(self.categories)
        ]

    def table_text_rows(self) -> list[list[str]]:
        """The table with every value formatted as it is printed on the chart."""
        return [[row[0], *(self.format_value(v) for v in row[1:])] for row in self.table_rows()]

    @property
    def text_alternative(self) -> str:
        """The alt text given, or a description built from the numbers."""
        if self.alt_text.strip():
            return self.alt_text.strip()
        return describe(self)

    @property
    def horizontal(self) -> bool:
        if self.orientation is Orientation.HORIZONTAL:
            return True
        if self.orientation is Orientation.VERTICAL:
            return False
        longest = max((len(c) for c in self.categories), default=0)
        bars = len(self.categories) * max(len(self.series), 1)
        return len(self.categories) > 8 or longest > 22 or bars > 24


def format_value(value: Number | None, kind: ValueKind = ValueKind.COUNT) -> str:
    """'1,234', '71%' (from 0.7075, halves rounded up; one decimal below 10%), '£1,234.50'; '' for None."""
    if value is None:
        return ""
    if kind is ValueKind.PERCENT:
        return format_percent(value)
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    if kind is ValueKind.MONEY:
        return format_money(exact)
    if exact == exact.to_integral_value():
        return f"{int(exact):,}"
    return f"{exact.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,.1f}"


def _axis_format(kind: ValueKind):
    if kind is ValueKind.PERCENT:
        return lambda v: f"{v * 100:.0f}%"
    if kind is ValueKind.MONEY:
        return lambda v: format_money(Decimal(str(v)), pence=False)  # "-£5,000", as every amount is written
    return lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def describe(chart: Chart, own_table: bool = True) -> str:
    """A few sentences a screen reader can read instead of the picture. Without `own_table` the
    report prints its own table, which may list more than the chart has bars: not counted here."""
    kind = "Horizontal bar chart" if chart.horizontal else "Bar chart"
    what = chart.value_label + (f" by {chart.category_label.lower()}" if chart.category_label else "")
    if chart.empty:
        return f"{kind}: {chart.title}. {what}. There are no figures to show."
    parts = [f"{kind}: {chart.title}. {what}."]
    for s in chart.series:
        known = [(c, v) for c, v in zip(chart.categories, s.values, strict=True) if v is not None]
        if not known:
            continue
        high = max(known, key=lambda cv: cv[1])
        low = min(known, key=lambda cv: cv[1])
        where = f"In {s.name}" if len(chart.series) > 1 else "Of these"
        if len(known) == 1 or high[1] == low[1]:
            parts.append(f"{where}, {'the only' if len(known) == 1 else 'every'} value is {chart.format_value(high[1])}.")
        else:
            parts.append(
                f"{where}, the highest is {high[0]} ({chart.format_value(high[1])}) "
                f"and the lowest {low[0]} ({chart.format_value(low[1])})."
            )
    count = len(chart.categories)
    if own_table:
        parts.append(f"The table under the chart lists {'its one value' if count == 1 else f'all {count} values'}.")
    else:
        each = f"each {chart.category_label.lower()}" if chart.category_label else "each category"
        parts.append(f"The table under the chart gives the figures for {each}, including any left out of the chart.")
    return " ".join(parts)


# ------------------------------------------------------------------ text in several fonts


@lru_cache(maxsize=64)
def _cmap(font_name: str) -> frozenset[int]:
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return frozenset(getattr(face, "charToGlyph", {}) or range(256))


def _fallback_for(code: int, bold: bool) -> str | None:
    """The shipped font for a character the house font lacks: one whose script it is (Hangul's
    font, though the Chinese font has three syllables), else the first that has it."""
    preferred = [spec for spec in FALLBACK_FONTS if any(low <= code <= high for low, high in spec.preferred)]
    for spec in (*preferred, *FALLBACK_FONTS):
        try:
            if code in _cmap(spec.name):
                return f"{spec.name}-Bold" if bold and spec.bold else spec.name
        except KeyError:  # that fallback font could not be loaded
            continue
    return None


def _runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """`text` as (font, characters) runs: graphics text has no per-character fallback, so
    characters the house font lacks (Chinese, Bengali, ...) go in a shipped font that has them.
    Spaces and punctuation stay in the run they are in, where its font has them (a Chinese
    font may have no "(" or "/": the house font draws those)."""
    register_fonts()
    main = FONT_BOLD if bold else FONT
    main_map = _cmap(main)
    runs: list[list[str]] = []
    for ch in text:
        code = ord(ch)
        if runs and (ch.isspace() or unicodedata.category(ch)[0] in "PZM") and code in _cmap(runs[-1][0]):
            font = runs[-1][0]
        elif code in main_map:
            font = main
        else:
            font = _fallback_for(code, bold) or main
        if runs and runs[-1][0] == font:
            runs[-1][1] += ch
        else:
            runs.append([font, ch])
    return [(font, chars) for font, chars in runs]


def text_width(text: str, size: float = _SMALL, bold: bool = False) -> float:
    return sum(pdfmetrics.stringWidth(chars, font, size) for font, chars in _runs(text, bold))


#: True while drawing for a PDF, which needs right-to-left text in visual order; the window's
#: SVG keeps logical order, because Qt lays out right-to-left text itself.
_VISUAL_ORDER = contextvars.ContextVar("visual_order", default=True)


def _clean(text: str) -> str:
    """One line of label text, in reading order."""
    return " ".join("".join(ch for ch in str(text) if ch >= " " and ch not in "\ufffe\uffff").split())


def _drawn(text: str) -> str:
    """A line as it prints (in a PDF): one that starts in Arabic or Hebrew reads right to left."""
    return text if not _VISUAL_ORDER.get() else visual_line(text, True) if is_right_to_left(text) else visual_text(text)


def fit_text(text: str, width: float | None, size: float = _SMALL, bold: bool = False,
             max_chars: int | None = MAX_LABEL_CHARS) -> str:
    """Label text cleaned and, if longer than `max_chars` or wider than `width` points, cut
    with an ellipsis, as drawn. It is cut in reading order, so a name in Arabic keeps its start."""
    text = _clean(text)
    if max_chars is not None and len(text) > max_chars:
        text = text[: max_chars - 1].rstrip() + "…"
    if width is None or text_width(_drawn(text), size, bold) <= width:
        return _drawn(text)
    while text and text_width(_drawn(text + "…"), size, bold) > width:
        text = text[:-1]
    return _drawn(text.rstrip() + "…")


def _text(text: str, size: float = _SMALL, anchor: str = "start", colour=GREY_TEXT,
          bold: bool = False, transform=(1, 0, 0, 1, 0, 0)) -> Group:
    """A line of (already fitted) text at the origin of `transform`, anchored start, middle
    or end."""
    runs = _runs(text, bold)
    total = sum(pdfmetrics.stringWidth(chars, font, size) for font, chars in runs)
    x = {"start": 0.0, "middle": -total / 2, "end": -total}[anchor]
    group = Group(transform=transform)
    for font, chars in runs:
        group.add(String(x, 0, chars, fontName=font, fontSize=size, fillColor=colour))
        x += pdfmetrics.stringWidth(chars, font, size)
    return group


def _at(x: float, y: float, angle: float = 0) -> tuple[float, ...]:
    if not angle:
        return (1, 0, 0, 1, x, y)
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return (c, s, -s, c, x, y)


# ------------------------------------------------------------------ drawing


def _colour(chart: Chart, index: int) -> colors.Color:
    own = chart.series[index].colour
    return colors.HexColor(own or chart.palette[index % len(chart.palette)])


def _order(chart: Chart) -> list[int]:
    """Series in the order they are drawn: horizontal bars are drawn bottom-up within a group,
    so there the series go in reverse, to read top-down in legend order."""
    indexes = list(range(len(chart.series)))
    return indexes[::-1] if chart.horizontal else indexes


def _legend_height(chart: Chart) -> float:
    return 14 if len(chart.series) > 1 else 0


def _heading(drawing: Drawing, chart: Chart, width: float, height: float) -> None:
    """The title, and under it a legend when there is more than one series."""
    title = fit_text(chart.title, width - 4, _TITLE_SIZE, bold=True, max_chars=None)
    drawing.add(_text(title, _TITLE_SIZE, colour=NAVY, bold=True, transform=_at(2, height - 12)))
    if len(chart.series) < 2:
        return
    x, y = 2.0, height - 25
    for i, s in enumerate(chart.series):
        name = fit_text(s.name, 150)
        drawing.add(Rect(x, y - 1, 7, 7, fillColor=_colour(chart, i), strokeColor=None))
        drawing.add(_text(name, transform=_at(x + 10, y)))
        x += 10 + text_width(name) + 14


def _no_data(drawing: Drawing, width: float, height: float) -> None:
    drawing.add(_text("No figures to show for this choice", 9, "middle", transform=_at(width / 2, height / 2)))


def _scale(chart: Chart) -> tuple[list[list[float]], float, float]:
    data = [[float(v) if v is not None else 0.0 for v in chart.series[i].values] for i in _order(chart)]
    low = min(0.0, *(min(row) for row in data))
    high = max(0.0, *(max(row) for row in data))
    if chart.value_kind is ValueKind.PERCENT and high <= 1:
        high = max(high, 0.1)
    return data, low, high


def _style(bars, chart: Chart, low: float, high: float) -> None:
    bars.data = _scale(chart)[0]
    bars.valueAxis.labels.fontName = FONT
    bars.valueAxis.labels.fontSize = _SMALL
    bars.valueAxis.strokeColor = GREY_TEXT
    bars.valueAxis.gridStrokeColor = GRID
    bars.valueAxis.gridStrokeWidth = 0.4
    bars.valueAxis.visibleGrid = True
    bars.valueAxis.labelTextFormat = _axis_format(chart.value_kind)
    bars.valueAxis.valueMin = low
    # room for the value printed beyond the longest bar, rounded up to a tick
    bars.valueAxis.valueMax = high * 1.12 if high else 1
    bars.valueAxis.rangeRound = "ceiling"
    if chart.value_kind is ValueKind.COUNT and high < 5:
        bars.valueAxis.valueStep = 1  # no half delegates on the axis
    bars.categoryAxis.strokeColor = GREY_TEXT
    bars.categoryAxis.categoryNames = [""] * len(chart.categories)
    bars.categoryAxis.visibleLabels = 0  # drawn by `_category_labels`, in as many fonts as needed
    # Values are printed from the exact data (a Decimal, a fraction), not from the floats.
    bars.barLabelArray = [
        [chart.format_value(v) if v else "" for v in chart.series[i].values] for i in _order(chart)
    ]
    bars.barLabelFormat = "values"
    bars.barLabels.fontName = FONT
    bars.barLabels.fontSize = 6.5 if len(chart.series) > 2 else 7
    bars.barLabels.fillColor = GREY_TEXT
    for drawn, i in enumerate(_order(chart)):
        bars.bars[drawn].fillColor = _colour(chart, i)
        bars.bars[drawn].strokeColor = None


def _ticks(bars, chart: Chart, length: float, most: int = _MOST_TICKS) -> tuple[list[str], float]:
    """The figures the value axis of `bars` marks when `length` points long, with at most
    `most` ticks, and the points between two ticks. Worked out on a fresh axis of the same
    settings: an axis keeps the steps it once worked out, and the chart draws its own."""
    trial = type(bars.valueAxis)()
    for name in ("valueMin", "valueMax", "valueStep", "rangeRound"):
        setattr(trial, name, getattr(bars.valueAxis, name))
    trial.maximumTicks = most
    trial.setPosition(0, 0, length)
    trial.configure(bars.data)
    values = list(trial._tickValues)
    span = (trial._valueMax - trial._valueMin) or 1
    apart = length * (values[1] - values[0]) / span if len(values) > 1 else length
    return [_axis_format(chart.value_kind)(v) for v in values], apart


def _vertical(drawing: Drawing, chart: Chart, width: float, height: float) -> None:
    """The bars, upright, and their labels, under the chart's heading in `drawing`."""
    _data, low, high = _scale(chart)
    n = len(chart.categories)
    bars = VerticalBarChart()
    _style(bars, chart, low, high)
    # the axis title (turned on its side), then the widest figure beside the axis
    ascent, descent = pdfmetrics.getAscentDescent(FONT, _SMALL)
    title_x = 2 + ascent
    beside = title_x - descent + 4 if chart.value_label else 2
    left, placed = beside, None
    while placed != left:  # the room for the figures and for the category labels settle in a pass or two
        placed = left
        slot = (width - left - 6) / n
        labels = [fit_text(c, None) for c in chart.categories]
        angled = max(text_width(t) for t in labels) > slot - 4
        if angled:
            labels = [fit_text(c, 110) for c in chart.categories]
        drop = max(text_width(t) for t in labels) * math.sin(math.radians(35)) + 12 if angled else 14
        bottom = drop + (12 if chart.category_label else 2)
        length = height - bottom - 20 - _legend_height(chart)
        figures, _apart = _ticks(bars, chart, length)
        left = max(placed, beside + max(text_width(t) for t in figures) - bars.valueAxis.labels.dx)
    bars.x = left
    bars.y = bottom
    bars.width = width - left - 6
    bars.height = length
    bars.groupSpacing = max(4, min(14, slot * 0.2))
    bars.barSpacing = 1
    bars.barLabels.nudge = 6
    drawing.add(bars)
    for i, label in enumerate(labels):
        x = bars.x + bars.width * (i + 0.5) / n
        if angled:
            drawing.add(_text(label, anchor="end", colour=colors.black, transform=_at(x + 3, bars.y - 9, 35)))
        else:
            drawing.add(_text(label, anchor="middle", colour=colors.black, transform=_at(x, bars.y - 10)))
    if chart.value_label:
        label = fit_text(chart.value_label, bars.height)
        drawing.add(_text(label, anchor="middle", transform=_at(title_x, bars.y + bars.height / 2, 90)))
    if chart.category_label:
        label = fit_text(chart.category_label, bars.width)
        drawing.add(_text(label, anchor="middle", transform=_at(bars.x + bars.width / 2, 3)))


def horizontal_height(chart: Chart) -> float:
    """The height a horizontal chart needs so that every bar has room for its label."""
    per_category = 4 + 9 * max(len(chart.series), 1)
    return 60 + _legend_height(chart) + per_category * max(len(chart.categories), 1)


def _horizontal(drawing: Drawing, chart: Chart, width: float, height: float) -> None:
    """The bars, lying down, and their labels, under the chart's heading in `drawing`."""
    _data, low, high = _scale(chart)
    labels = [fit_text(c, min(width * 0.4, 190) - 8) for c in chart.categories]
    bars = HorizontalBarChart()
    bars.x = max(text_width(t) for t in labels) + 10
    bars.y = 30
    bars.width = width - bars.x - 30
    bars.height = height - bars.y - 22 - _legend_height(chart)
    n = len(chart.categories)
    bars.groupSpacing = max(2, min(8, bars.height / n * 0.25))
    bars.barSpacing = 0.5
    _style(bars, chart, low, high)
    for most in range(_MOST_TICKS, 1, -1):  # fewer ticks until the figures (£100,000,000 is wide) stand apart
        figures, apart = _ticks(bars, chart, bars.width, most)
        if apart >= max(text_width(t) for t in figures) + 8:
            break
    bars.valueAxis.maximumTicks = most
    bars.barLabels.nudge = 10
    bars.barLabels.boxAnchor = "w"
    bars.barLabels.dx = -6
    bars.categoryAxis.reverseDirection = 1  # the first category at the top
    drawing.add(bars)
    for i, label in enumerate(labels):
        y = bars.y + bars.height * (1 - (i + 0.5) / n) - _SMALL * 0.35
        drawing.add(_text(label, anchor="end", colour=colors.black, transform=_at(bars.x - 5, y)))
    if chart.value_label:
        label = fit_text(chart.value_label, bars.width)
        drawing.add(_text(label, anchor="middle", transform=_at(bars.x + bars.width / 2, 4)))


def chart_drawing(chart: Chart, width: float = CONTENT_WIDTH, height: float | None = None) -> Drawing:
    """The chart as a reportlab Drawing `width` points wide (a flowable for platypus).

    `height` defaults to 75 mm for vertical bars, and to what every bar needs for horizontal.
    """
    register_fonts()
    height = height or drawing_size(chart, width)[1]
    drawing = Drawing(width, height)
    _heading(drawing, chart, width, height)
    if chart.empty:
        _no_data(drawing, width, height - 16)
    elif chart.horizontal:
        _horizontal(drawing, chart, width, height)
    else:
        _vertical(drawing, chart, width, height)
    # Drawn from the house font, as every string in it is: reportlab starts a drawing in
    # Helvetica otherwise, a font the PDF names but does not carry.
    drawing.initialFontName = FONT
    return drawing


def _font_hacks() -> dict[str, dict[str, str]]:
    """SVG font attributes for the registered font names (the window has the same files)."""
    hacks = {
        FONT: {"family": "DejaVu Sans"},
        FONT_BOLD: {"family": "DejaVu Sans", "weight": "bold"},
    }
    for spec in FALLBACK_FONTS:
        family = {"NotoSansArabic": "Noto Sans Arabic", "DroidSansFallback": "Droid Sans Fallback"}.get(
            spec.name, spec.name.replace("NotoSans", "Noto Sans ")
        )
        hacks[spec.name] = {"family": family}
        hacks[f"{spec.name}-Bold"] = {"family": family, "weight": "bold"}
    return hacks


def chart_svg(chart: Chart, width: float = CONTENT_WIDTH, height: float | None = None) -> bytes:
    """The same drawing as `chart_drawing`, as UTF-8 SVG with the title and text alternative
    as its <title> and <desc>."""
    token = _VISUAL_ORDER.set(False)
    try:
        drawing = chart_drawing(chart, width, height)
    finally:
        _VISUAL_ORDER.reset(token)
    text = renderSVG.drawToString(drawing, fontHacks=_font_hacks(), useClip=True)
    text = text.replace("<title>...</title>", f"<title>{escape(_clean(chart.title))}</title>", 1)
    text = text.replace("<desc>...</desc>", f"<desc>{escape(_clean(chart.text_alternative))}</desc>", 1)
    return text.encode("utf-8")


def drawing_size(chart: Chart, width: float) -> tuple[float, float]:
    """(width, height) in points of the drawing at `width`."""
    if chart.horizontal:
        return width, horizontal_height(chart)
    return width, 75 * mm


def add_chart(doc: DocumentBuilder, chart: Chart, table: bool = True, width: float | None = None,
              heading: str | None = None, level: int = 2) -> None:
    """The chart on one page of a PDF (after `heading`, kept with it), then its text
    alternative and (by default) the table of the numbers behind it. `width` defaults to the
    page's text width."""
    width = width or getattr(doc, "content_width", CONTENT_WIDTH)
    room = (getattr(doc, "pagesize", (0, 297 * mm))[1]) - 67 * mm  # the page less margins and a heading
    parts = [chart]
    if drawing_size(chart, width)[1] > room:  # too tall for one page: the categories over several charts
        parts = split_chart(chart, max_categories=max(1, int((room - 80) // (4 + 9 * len(chart.series)))))
    for number, part in enumerate(parts):
        block = [chart_drawing(part, width), Spacer(1, 2 * mm)]
        if heading and number == 0:
            block.insert(0, paragraph(heading, doc.styles[f"h{min(max(level, 1), 3)}"]))
        doc.add(KeepTogether(block))
    if chart.note:
        doc.para(chart.note, "small")
    doc.para(chart.alt_text.strip() or describe(chart, own_table=table), "small")  # as `text_alternative`
    if table and chart.categories:
        doc.table(chart.table_headers(), chart.table_text_rows(),
                  align=["LEFT", *(["RIGHT"] * len(chart.series))])


def split_chart(chart: Chart, max_categories: int) -> list[Chart]:
    """The chart cut into parts of at most `max_categories` categories ("(part 1 of 3)")."""
    count = len(chart.categories)
    parts = max(1, math.ceil(count / max_categories))
    if parts == 1:
        return [chart]
    result = []
    for p in range(parts):
        lo, hi = p * max_categories, min(count, (p + 1) * max_categories)
        result.append(
            Chart(
                title=f"{chart.title} (part {p + 1} of {parts})",
                categories=chart.categories[lo:hi],
                series=tuple(Series(s.name, s.values[lo:hi], s.colour) for s in chart.series),
                value_label=chart.value_label,
                category_label=chart.category_label,
                alt_text=chart.alt_text,
                value_kind=chart.value_kind,
                orientation=Orientation.HORIZONTAL if chart.horizontal else Orientation.VERTICAL,
                palette=chart.palette,
            )
        )
    return result


def year_series(names: Sequence[str], values: Sequence[Sequence[Number | None]]) -> tuple[Series, ...]:
    """Series for year on year: the latest year in navy, earlier ones in lighter blues."""
    n = len(names)
    shades = YEAR_PALETTE[-n:] if n <= len(YEAR_PALETTE) else None
    return tuple(
        Series(name, tuple(vals), shades[i] if shades else None)
        for i, (name, vals) in enumerate(zip(names, values, strict=True))
    )
