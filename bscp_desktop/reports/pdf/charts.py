"""A simple bar chart in the house style: one series, drawn by the one chart definition of
`reports.charts` (which the window shows too)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm

from bscp_desktop.reports.pdf.styles import CONTENT_WIDTH, format_value


def bar_chart(
    title: str,
    labels: Sequence[Any],
    values: Sequence[float | int | Any],
    width: float = CONTENT_WIDTH,
    height: float = 75 * mm,
) -> Drawing:
    """A vertical bar chart flowable in the house colours, e.g. cases per year.

    `values` may be int, float or Decimal; labels are printed as plain text (no markup).
    """
    # imported here: `reports.charts` is built on this package
    from bscp_desktop.reports.charts import Chart, Orientation, Series, chart_drawing

    if len(labels) != len(values):
        raise ValueError("bar_chart needs one value per label")
    chart = Chart(
        title=str(title),
        categories=tuple(format_value(label) for label in labels),
        series=(Series(str(title), tuple(values)),),
        value_label="",
        orientation=Orientation.VERTICAL,
    )
    return chart_drawing(chart, width, height)
