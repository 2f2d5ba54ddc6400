"""A simple bar chart drawn in the house style."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.units import mm

from bscp_desktop.reports.pdf.escaping import ILLEGAL_RE
from bscp_desktop.reports.pdf.fonts import FONT, FONT_BOLD, register_fonts
from bscp_desktop.reports.pdf.styles import CONTENT_WIDTH, GREY_TEXT, GRID, NAVY, format_value


def bar_chart(
    title: str,
    labels: Sequence[Any],
    values: Sequence[float | int | Any],
    width: float = CONTENT_WIDTH,
    height: float = 75 * mm,
    value_format: Callable[[float], str] | None = None,
) -> Drawing:
    """A vertical bar chart flowable in the house colours, e.g. cases per year.

    `values` may be int, float or Decimal; labels are printed as plain text (no markup).
    """
    register_fonts()
    if len(labels) != len(values):
        raise ValueError("bar_chart needs one value per label")
    numbers = [float(v) if v is not None else 0.0 for v in values]
    fmt = value_format or (lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}")
    drawing = Drawing(width, height)
    drawing.add(
        String(
            0,
            height - 12,
            ILLEGAL_RE.sub("", str(title)),
            fontName=FONT_BOLD,
            fontSize=10.5,
            fillColor=NAVY,
        )
    )
    if not numbers:
        drawing.add(
            String(
                width / 2,
                height / 2,
                "No data",
                fontName=FONT,
                fontSize=9,
                fillColor=GREY_TEXT,
                textAnchor="middle",
            )
        )
        return drawing

    text_labels = [ILLEGAL_RE.sub("", format_value(label)) for label in labels]
    angled = len(text_labels) > 8 or max(len(t) for t in text_labels) * len(text_labels) > 90
    chart = VerticalBarChart()
    chart.x = 36
    chart.y = 42 if angled else 22
    chart.width = width - chart.x - 8
    chart.height = height - chart.y - 26
    chart.data = [numbers]
    chart.bars[0].fillColor = NAVY
    chart.bars[0].strokeColor = None
    chart.barSpacing = 2
    chart.groupSpacing = 8
    chart.categoryAxis.categoryNames = text_labels
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.strokeColor = GREY_TEXT
    if angled:
        chart.categoryAxis.labels.angle = 35
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dx = 4
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.strokeColor = GREY_TEXT
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.labelTextFormat = fmt
    if min(numbers) >= 0:
        chart.valueAxis.valueMin = 0
    peak = max(abs(n) for n in numbers)
    # headroom for the value labels above the tallest bar, rounded up to a tick
    chart.valueAxis.valueMax = peak * 1.1 if peak else 1
    chart.valueAxis.rangeRound = "ceiling"
    chart.barLabelFormat = fmt
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    chart.barLabels.fillColor = GREY_TEXT
    drawing.add(chart)
    return drawing


