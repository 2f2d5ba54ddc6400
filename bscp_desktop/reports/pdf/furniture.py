"""Page furniture: the title header, the footer with the partnership's name and
'Page X of Y', the DRAFT watermark and the OFFICIAL-SENSITIVE marking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from bscp_desktop.reports.marking import OFFICIAL_SENSITIVE  # noqa: E402
from bscp_desktop.reports.pdf.escaping import font_runs, paragraph
from bscp_desktop.reports.pdf.fonts import FONT, FONT_BOLD
from bscp_desktop.reports.pdf.styles import GREY_TEXT, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH, RULE, paragraph_styles, text_width


def make_canvas_class(chrome: PageFurniture) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each can say 'Page X of Y'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # not Helvetica, so that every font in the file is embedded
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 10
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                chrome.draw(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


@dataclass
class PageFurniture:
    title: str
    partnership_name: str
    draft: bool
    sensitive: bool
    page_width: float = PAGE_WIDTH  # A4 portrait unless the document is landscape
    page_height: float = PAGE_HEIGHT

    def draw(self, canvas: Canvas, number: int, total: int) -> None:
        styles = paragraph_styles()
        page_width, page_height = self.page_width, self.page_height
        content_width = page_width - 2 * MARGIN_X
        canvas.saveState()
        if self.draft:
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#9AA5B1"))
            canvas.setFillAlpha(0.18)
            canvas.translate(page_width / 2, page_height / 2)
            canvas.rotate(45)
            canvas.setFont(FONT_BOLD, 120)
            canvas.drawCentredString(0, -42, "DRAFT")
            canvas.restoreState()

        top = page_height - 12 * mm
        bottom = 11 * mm
        chrome = styles["chrome"]
        # the text at the left stops short of the centred marking
        side = content_width / 2 - pdfmetrics.stringWidth(OFFICIAL_SENSITIVE, FONT_BOLD, 9) / 2 - 6
        room = side if self.sensitive else content_width * 0.75
        # header: document title at the left, rule below
        title = paragraph(_fit(self.title, room, chrome.fontSize, chrome.fontName), chrome)
        title.wrap(room, 20 * mm)
        title.drawOn(canvas, MARGIN_X, top - 2.5)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 4, page_width - MARGIN_X, top - 4)
        canvas.line(MARGIN_X, bottom + 10, page_width - MARGIN_X, bottom + 10)
        # footer: partnership at the left, page X of Y at the right
        name = paragraph(_fit(self.partnership_name, room, chrome.fontSize, chrome.fontName), chrome)
        name.wrap(room, 20 * mm)
        name.drawOn(canvas, MARGIN_X, bottom - 2.5)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(GREY_TEXT)
        canvas.drawRightString(page_width - MARGIN_X, bottom, f"Page {number} of {total}")
        if self.sensitive:
            canvas.setFont(FONT_BOLD, 9)
            canvas.setFillColor(colors.black)
            canvas.drawCentredString(page_width / 2, top, OFFICIAL_SENSITIVE)
            canvas.drawCentredString(page_width / 2, bottom, OFFICIAL_SENSITIVE)
        canvas.restoreState()


def _fit(text: str, width: float, size: float, font_name: str = FONT) -> str:
    """`text` on one line, cut with an ellipsis to fit `width` points as it is drawn: each run
    in the font that draws it (a Chinese or Korean title in its fallback font, far wider than
    the main font's missing-glyph box)."""
    text = " ".join(str(text).split())
    if printed_width(text, font_name, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if printed_width(text[:middle].rstrip() + "…", font_name, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def printed_width(text: str, font_name: str, size: float) -> float:
    """The width of `text` drawn in `font_name` at `size`, run by run in the font that draws each
    (`escaping.font_runs`: a fallback font for the characters the main font lacks)."""
    bold = font_name == FONT_BOLD
    return sum(text_width(chunk, font_name if fallback is None else fallback.bold_name if bold else fallback.regular_name,
                          size)
               for fallback, chunk in font_runs(text, font_name))
