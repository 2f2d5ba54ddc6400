"""A chart definition (`reports.charts.Chart`) as a PNG picture, for documents that take only
pictures (Word). Horizontal bars, one colour per series from the chart's own palette, the
values printed at the end of each bar as the chart formats them, in the shipped DejaVu Sans and,
for letters it lacks (Chinese, Tamil, Gujarati...), the fallback font the PDFs use for them,
with right-to-left names in their order (`pdf.escaping.font_runs`). The picture carries no text
a screen reader needs: the caller adds the chart's alt text."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from bscp_desktop import paths
from bscp_desktop.reports.charts import Chart
from bscp_desktop.reports.pdf.escaping import font_runs
from bscp_desktop.reports.pdf.fonts import FONT, FONT_BOLD

SCALE = 2  # pixels per point: sharp when printed at 16 cm
WIDTH = 640


@lru_cache(maxsize=32)
def _font(size: int, bold: bool = False, file: str = "") -> ImageFont.FreeTypeFont:
    name = file or ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    # laid out as given: right-to-left runs come already in their order (font_runs)
    return ImageFont.truetype(str(paths.resource("fonts", name)), size * SCALE, layout_engine=ImageFont.Layout.BASIC)


def _one_line(text: str) -> str:
    """A label as drawn: one line, each run of white space (a new line, a tab) one space, so a
    name saved with a line break in it is measured and drawn like any other."""
    return " ".join(str(text).split())


def _runs(text: str, size: int, bold: bool) -> list[tuple[ImageFont.FreeTypeFont, str]]:
    main = FONT_BOLD if bold else FONT
    text = _one_line(text)
    return [(_font(size, bold) if fallback is None else
             _font(size, bold, (fallback.spec.bold if bold else None) or fallback.spec.regular), chunk)
            for fallback, chunk in font_runs(text, main)]


def _length(draw: ImageDraw.ImageDraw, text: str, size: int, bold: bool = False) -> float:
    return sum(draw.textlength(chunk, font=font) for font, chunk in _runs(text, size, bold))


def _write(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int, fill: str,
           bold: bool = False) -> None:
    x, y = xy
    for font, chunk in _runs(text, size, bold):
        draw.text((x, y), chunk, fill=fill, font=font)
        x += draw.textlength(chunk, font=font)


def _fit(draw: ImageDraw.ImageDraw, text: str, size: int, width: int, bold: bool = False) -> str:
    text = _one_line(text)
    if _length(draw, text, size, bold) <= width:
        return text
    while text and _length(draw, text + "…", size, bold) > width:
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
    _write(draw, (8 * SCALE, 8 * SCALE), _fit(draw, chart.title, 11, (WIDTH - 16) * SCALE, bold=True), 11, "#1F3A5F",
           bold=True)
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
            _write(draw, ((x + 14) * SCALE, y * SCALE), s.name, 8, "black")
            x += 24 + int(_length(draw, s.name, 8) / SCALE)
        y += legend
    if not chart.categories or chart.empty:
        _write(draw, (left * SCALE, (y + 8) * SCALE), "No data for this period", 8, "#555555")
    for i, category in enumerate(chart.categories):
        cy = y + i * row
        _write(draw, (8 * SCALE, (cy + row / 2 - 6) * SCALE), _fit(draw, category, 8, label_width * SCALE), 8, "black")
        for j, (s, colour) in enumerate(zip(series, colours, strict=True)):
            v = s.values[i]
            by = cy + 4 + j * bar
            length = 0 if v is None else (right - left) * float(v) / top_value
            if length:
                draw.rectangle((left * SCALE, by * SCALE, (left + length) * SCALE, (by + bar - 2) * SCALE), fill=colour)
            _write(draw, ((left + length + 4) * SCALE, by * SCALE), chart.format_value(v), 8, "black")
    axis_y = y + row * max(len(chart.categories), 1) + 4
    draw.line((left * SCALE, y * SCALE, left * SCALE, axis_y * SCALE), fill="#999999", width=SCALE)
    _write(draw, (left * SCALE, (axis_y + 6) * SCALE), chart.value_label, 8, "#555555")
    buffer = io.BytesIO()
    img.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
