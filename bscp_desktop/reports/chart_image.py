"""A chart definition (`reports.charts.Chart`) as a PNG picture, for documents that take only
pictures (Word). Horizontal bars, one colour per series from the chart's own palette, the
values printed at the end of each bar as the chart formats them, in the shipped DejaVu Sans.
The picture carries no text a screen reader needs: the caller adds the chart's alt text."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from bscp_desktop import paths
from bscp_desktop.reports.charts import Chart

SCALE = 2  # pixels per point: sharp when printed at 16 cm
WIDTH = 640


@lru_cache(maxsize=8)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(paths.resource("fonts", name)), size * SCALE)


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def chart_png(chart: Chart) -> bytes:
    series = chart.series
    bar = 12
    row = bar * max(len(series), 1) + 8
    legend = 18 if len(series) > 1 else 0
    height = 40 + legend + row * max(len(chart.categories), 1) + 30
    img = Image.new("RGB", (WIDTH * SCALE, height * SCALE), "white")
    draw = ImageDraw.Draw(img)
    title, small = _font(11, bold=True), _font(8)
    draw.text((8 * SCALE, 8 * SCALE), _fit(draw, chart.title, title, (WIDTH - 16) * SCALE), fill="#1F3A5F", font=title)
    label_width = 200
    left, right = label_width + 16, WIDTH - 60
    values = [float(v) for s in series for v in s.values if v is not None]
    top_value = max(values, default=0) or 1
    colours = [s.colour or chart.palette[i % len(chart.palette)] for i, s in enumerate(series)]
    y = 34
    if legend:
        x = left
        for s, colour in zip(series, colours, strict=True):
            draw.rectangle((x * SCALE, y * SCALE, (x + 10) * SCALE, (y + 10) * SCALE), fill=colour)
            draw.text(((x + 14) * SCALE, y * SCALE), s.name, fill="black", font=small)
            x += 24 + int(draw.textlength(s.name, font=small) / SCALE)
        y += legend
    if not chart.categories or chart.empty:
        draw.text((left * SCALE, (y + 8) * SCALE), "No data for this period", fill="#555555", font=small)
    for i, category in enumerate(chart.categories):
        cy = y + i * row
        text = _fit(draw, category, small, label_width * SCALE)
        draw.text((8 * SCALE, (cy + row / 2 - 6) * SCALE), text, fill="black", font=small)
        for j, (s, colour) in enumerate(zip(series, colours, strict=True)):
            v = s.values[i]
            by = cy + 4 + j * bar
            length = 0 if v is None else (right - left) * float(v) / top_value
            if length:
                draw.rectangle((left * SCALE, by * SCALE, (left + length) * SCALE, (by + bar - 2) * SCALE), fill=colour)
            draw.text(((left + length + 4) * SCALE, by * SCALE), chart.format_value(v), fill="black", font=small)
    axis_y = y + row * max(len(chart.categories), 1) + 4
    draw.line((left * SCALE, y * SCALE, left * SCALE, axis_y * SCALE), fill="#999999", width=SCALE)
    draw.text((left * SCALE, (axis_y + 6) * SCALE), chart.value_label, fill="#555555", font=small)
    buffer = io.BytesIO()
    img.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
