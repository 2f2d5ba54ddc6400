"""PDF output in the house style (reportlab platypus, A4).

Callers lay out a document from plain data::

    doc = DocumentBuilder(path, title="Annual report 2024/25",
                          partnership_name="Barsetshire Safeguarding Children Partnership",
                          draft=True, sensitive=False)
    doc.heading("Annual report 2024/25", 1)
    doc.para(summary_text)                       # user text: always escaped
    doc.table(["Name", "Role"], rows)            # header repeats on every page
    doc.build()                                  # atomic: temp file, then os.replace

Every page has the partnership name and "Page X of Y" in the footer, a diagonal DRAFT
watermark while `draft`, and OFFICIAL-SENSITIVE at the top and bottom (and in the PDF's
subject and keywords) when `sensitive`.

Fonts are TrueType files shipped in `resources/fonts` and embedded (as subsets): DejaVu Sans
for Latin, Greek, Cyrillic, Hebrew, Arabic and most symbols, with Noto Sans for Arabic,
Bengali, Devanagari, Gujarati, Gurmukhi and Tamil, and Droid Sans Fallback for Chinese,
Japanese and Korean. reportlab has no per-glyph font fallback, so `escape_text` wraps runs of
characters the main font lacks in `<font>` tags for a font that has them. Characters are
right; complex shaping (Arabic joining and right-to-left order, Indic conjuncts) is not done.

User text never becomes markup: `paragraph`, `DocumentBuilder.para`, `table`, `bullets` and
`key_values` escape it, so `<b>`, `&amp;` or `<font>` typed by a user print literally.
"""

from __future__ import annotations

import enum
import functools
import io
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import addMapping, ps2tt
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    LongTable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from bscp_desktop import paths
from bscp_desktop.reports.files import atomic_write_bytes
from bscp_desktop.reports.rtl import visual_text

log = logging.getLogger(__name__)

OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"

# --------------------------------------------------------------------------- fonts

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

_MAIN_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_ARABIC_SCRIPT = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


@dataclass(frozen=True)
class FallbackFont:
    """A font used for characters the main font lacks. `preferred` ranges use this font
    even where the main font has the character (so a word is not set in two fonts)."""

    name: str
    regular: str
    bold: str | None = None
    preferred: tuple[tuple[int, int], ...] = ()


FALLBACK_FONTS: tuple[FallbackFont, ...] = (
    FallbackFont(
        "NotoSansArabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", _ARABIC_SCRIPT
    ),
    FallbackFont("NotoSansBengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
    FallbackFont(
        "NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"
    ),
    FallbackFont("NotoSansGujarati", "NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf"),
    FallbackFont("NotoSansGurmukhi", "NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf"),
    FallbackFont("NotoSansTamil", "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf"),
    FallbackFont("DroidSansFallback", "DroidSansFallbackFull.ttf"),
)


@dataclass
class _LoadedFallback:
    spec: FallbackFont
    regular_name: str
    bold_name: str
    cmap: frozenset[int]


_font_lock = threading.Lock()
_registered = False
_cmaps: dict[str, frozenset[int]] = {}
_fallbacks: list[_LoadedFallback] = []


def register_fonts() -> None:
    """Register the shipped fonts with reportlab (once; safe from any thread).

    The DejaVu Sans family is required; a missing fallback font is logged and skipped.
    """
    global _registered
    if _registered:
        return
    with _font_lock:
        if _registered:
            return
        for name, filename in _MAIN_FILES.items():
            path = paths.resource("fonts", filename)
            if not path.is_file():
                raise FileNotFoundError(f"The PDF font {filename} is missing from {path.parent}")
            font = TTFont(name, str(path))
            pdfmetrics.registerFont(font)
            _cmaps[name] = frozenset(font.face.charToGlyph)
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )
        for spec in FALLBACK_FONTS:
            try:
                regular = TTFont(spec.name, str(paths.resource("fonts", spec.regular)))
                pdfmetrics.registerFont(regular)
                bold_name = spec.name
                if spec.bold:
                    bold_name = f"{spec.name}-Bold"
                    pdfmetrics.registerFont(
                        TTFont(bold_name, str(paths.resource("fonts", spec.bold)))
                    )
            except Exception:  # noqa: BLE001 - a missing fallback must not stop a report
                log.warning("PDF fallback font %s could not be loaded", spec.name, exc_info=True)
                continue
            # Italic has no face of its own: map it to upright. The plain mappings go last so
            # that reportlab reads "<font name=X>" as not italic.
            family = spec.name
            addMapping(family, 0, 1, spec.name)
            addMapping(family, 1, 1, bold_name)
            addMapping(family, 0, 0, spec.name)
            addMapping(family, 1, 0, bold_name)
            _fallbacks.append(
                _LoadedFallback(spec, spec.name, bold_name, frozenset(regular.face.charToGlyph))
            )
        _registered = True


def _cmap_for(font_name: str) -> frozenset[int]:
    if font_name not in _cmaps:
        font = pdfmetrics.getFont(font_name)
        face = getattr(font, "face", None)
        char_to_glyph = getattr(face, "charToGlyph", None)
        _cmaps[font_name] = frozenset(char_to_glyph) if char_to_glyph else frozenset(range(256))
    return _cmaps[font_name]


# XML 1.0 cannot carry these, and reportlab's paragraph parser chokes on them.
_ILLEGAL_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_neutral(char: str) -> bool:
    """Spaces, punctuation, joiners and combining marks: may stay in the current font run."""
    return unicodedata.category(char)[0] in "ZPM" or char in "\u200c\u200d"


def escape_text(text: Any, font_name: str = FONT) -> str:
    """Make user text safe for a reportlab Paragraph set in `font_name`.

    Escapes &, < and > (so nothing the user typed is read as markup), normalises to NFC,
    drops characters PDF text cannot carry, shapes Arabic and puts right-to-left runs in
    visual order (`rtl.visual_text`), and wraps runs of characters that `font_name` lacks in
    `<font name="...">` tags for a shipped fallback font that has them. Keeps new lines as
    they are (`paragraph` turns them into `<br/>`).
    """
    register_fonts()
    text = visual_text(_ILLEGAL_RE.sub("", unicodedata.normalize("NFC", str(text))))
    main = _cmap_for(font_name)
    try:
        _family, bold, _italic = ps2tt(font_name)
    except ValueError:
        bold = 0
    if not _fallbacks or (
        all(ord(c) in main for c in text)
        and not any(_preferred(ord(c)) for c in text if ord(c) >= 0x600)
    ):
        return _escape_xml(text)

    def font_for(code: int, current: _LoadedFallback | None) -> _LoadedFallback | None:
        preferred = _preferred(code)
        if preferred is not None:
            return preferred
        if current is not None and code in current.cmap and _is_neutral(chr(code)):
            return current
        if code in main:
            return None
        for fallback in _fallbacks:
            if code in fallback.cmap:
                return fallback
        return None  # nobody has it: the main font shows its missing-glyph box

    out: list[str] = []
    run: list[str] = []
    current: _LoadedFallback | None = None

    def flush() -> None:
        if not run:
            return
        chunk = _escape_xml("".join(run))
        if current is None:
            out.append(chunk)
        else:
            name = current.bold_name if bold else current.regular_name
            out.append(f'<font name="{name}">{chunk}</font>')
        run.clear()

    for char in text:
        chosen = font_for(ord(char), current)
        if chosen is not current:
            flush()
            current = chosen
        run.append(char)
    flush()
    return "".join(out)


def _preferred(code: int) -> _LoadedFallback | None:
    for fallback in _fallbacks:
        for low, high in fallback.spec.preferred:
            if low <= code <= high and code in fallback.cmap:
                return fallback
    return None


def paragraph(text: Any, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text: escaped, with font fallback; new lines become line breaks."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    markup = escape_text(text, style.fontName).replace("\n", "<br/>")
    return Paragraph(markup, style)


# --------------------------------------------------------------------------- house style

NAVY = colors.HexColor("#1F3A5F")
GREY_TEXT = colors.HexColor("#555555")
RULE = colors.HexColor("#B8C2CC")
ZEBRA = colors.HexColor("#EEF2F6")
GRID = colors.HexColor("#C9D1DA")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


@functools.lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle(
        "Body", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=6, textColor=colors.black
    )
    return {
        "body": body,
        "h1": ParagraphStyle(
            "H1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=18,
            leading=22,
            spaceBefore=4,
            spaceAfter=10,
            textColor=NAVY,
        ),
        "h2": ParagraphStyle(
            "H2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=10,
            spaceAfter=6,
            textColor=NAVY,
        ),
        "h3": ParagraphStyle(
            "H3",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            textColor=colors.black,
        ),
        "small": ParagraphStyle("Small", parent=body, fontSize=8.5, leading=11, spaceAfter=4),
        "cell": ParagraphStyle("Cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "cell_right": ParagraphStyle(
            "CellRight", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0, alignment=TA_RIGHT
        ),
        "cell_head": ParagraphStyle(
            "CellHead",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=10.5,
            spaceAfter=0,
            textColor=colors.white,
        ),
        "cell_head_right": ParagraphStyle(
            "CellHeadRight",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=10.5,
            spaceAfter=0,
            textColor=colors.white,
            alignment=TA_RIGHT,
        ),
        "key": ParagraphStyle(
            "Key",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=12.5,
            spaceAfter=0,
            textColor=GREY_TEXT,
        ),
        "value": ParagraphStyle("Value", parent=body, fontSize=9.5, leading=12.5, spaceAfter=0),
        "chrome": ParagraphStyle(
            "Chrome",
            parent=body,
            fontSize=8,
            leading=10,
            spaceAfter=0,
            textColor=GREY_TEXT,
            alignment=TA_LEFT,
        ),
    }


def format_value(value: Any) -> str:
    """Plain text for a table or key/value cell: UK dates, Yes/No, enum labels, '' for None.
    Money is the caller's to format (pass the text, e.g. "£1,250.00")."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        return label if isinstance(label, str) else str(value.value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _text_width(text: str, font_name: str, size: float = 8.5) -> float:
    try:
        return pdfmetrics.stringWidth(text, font_name, size)
    except Exception:  # noqa: BLE001 - odd characters: estimate instead
        return len(text) * size * 0.6


def _is_number(value: Any) -> bool:
    from decimal import Decimal

    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


# --------------------------------------------------------------------------- charts


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
            _ILLEGAL_RE.sub("", str(title)),
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

    text_labels = [_ILLEGAL_RE.sub("", format_value(label)) for label in labels]
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


# --------------------------------------------------------------------------- page chrome


def _make_canvas_class(chrome: _PageChrome) -> type[Canvas]:
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
class _PageChrome:
    title: str
    partnership_name: str
    draft: bool
    sensitive: bool
    page_width: float = PAGE_WIDTH
    page_height: float = PAGE_HEIGHT

    def draw(self, canvas: Canvas, number: int, total: int) -> None:
        styles = _styles()
        PAGE_WIDTH, PAGE_HEIGHT = self.page_width, self.page_height  # noqa: N806 - this page's size
        CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X  # noqa: N806
        canvas.saveState()
        if self.draft:
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#9AA5B1"))
            canvas.setFillAlpha(0.18)
            canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            canvas.rotate(45)
            canvas.setFont(FONT_BOLD, 120)
            canvas.drawCentredString(0, -42, "DRAFT")
            canvas.restoreState()

        top = PAGE_HEIGHT - 12 * mm
        bottom = 11 * mm
        chrome = styles["chrome"]
        # the text at the left stops short of the centred marking
        side = CONTENT_WIDTH / 2 - pdfmetrics.stringWidth(OFFICIAL_SENSITIVE, FONT_BOLD, 9) / 2 - 6
        room = side if self.sensitive else CONTENT_WIDTH * 0.75
        # header: document title at the left, rule below
        title = paragraph(_fit(self.title, room, chrome.fontSize), chrome)
        title.wrap(room, 20 * mm)
        title.drawOn(canvas, MARGIN_X, top - 2.5)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 4, PAGE_WIDTH - MARGIN_X, top - 4)
        canvas.line(MARGIN_X, bottom + 10, PAGE_WIDTH - MARGIN_X, bottom + 10)
        # footer: partnership at the left, page X of Y at the right
        name = paragraph(_fit(self.partnership_name, room, chrome.fontSize), chrome)
        name.wrap(room, 20 * mm)
        name.drawOn(canvas, MARGIN_X, bottom - 2.5)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(GREY_TEXT)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, bottom, f"Page {number} of {total}")
        if self.sensitive:
            canvas.setFont(FONT_BOLD, 9)
            canvas.setFillColor(colors.black)
            canvas.drawCentredString(PAGE_WIDTH / 2, top, OFFICIAL_SENSITIVE)
            canvas.drawCentredString(PAGE_WIDTH / 2, bottom, OFFICIAL_SENSITIVE)
        canvas.restoreState()


def _fit(text: str, width: float, size: float) -> str:
    """`text` on one line, cut with an ellipsis to fit `width` points (roughly, for the
    few characters drawn in a fallback font)."""
    text = " ".join(str(text).split())
    if _text_width(text, FONT, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if _text_width(text[:middle].rstrip() + "…", FONT, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


# --------------------------------------------------------------------------- builder


class DocumentBuilder:
    """Lays out one A4 document in the house style; `build()` writes it atomically.

    Build once: platypus consumes the flowables.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None,
        title: str,
        partnership_name: str,
        draft: bool = False,
        sensitive: bool = False,
        author: str | None = None,
        subject: str | None = None,
        landscape: bool = False,
    ) -> None:
        """`landscape` turns the page for wide tables (A4 landscape)."""
        register_fonts()
        self.pagesize = _landscape(A4) if landscape else A4
        self.content_width = self.pagesize[0] - 2 * MARGIN_X
        self.path = Path(path) if path is not None else None
        self.title = str(title)
        self.partnership_name = str(partnership_name)
        self.draft = draft
        self.sensitive = sensitive
        self.author = author or self.partnership_name
        self.subject = subject
        self.styles = dict(_styles())
        self.story: list[Flowable] = []

    # content -------------------------------------------------------------

    def add(self, flowable: Flowable) -> None:
        """Append any reportlab flowable (its text is the caller's to escape)."""
        self.story.append(flowable)

    def heading(self, text: str, level: int = 1) -> None:
        style = self.styles[f"h{min(max(int(level), 1), 3)}"]
        self.story.append(paragraph(text, style))

    def para(self, text: str, style: str = "body") -> None:
        """A paragraph of (user) text; style is "body" or "small"."""
        self.story.append(paragraph(text, self.styles[style]))

    def spacer(self, height_mm: float = 4) -> None:
        self.story.append(Spacer(1, height_mm * mm))

    def page_break(self) -> None:
        self.story.append(PageBreak())

    def bullets(self, items: Iterable[Any]) -> None:
        body = self.styles["body"]
        entries = [
            ListItem(paragraph(format_value(item), body), leftIndent=14, value="•")
            for item in items
        ]
        if entries:
            self.story.append(
                ListFlowable(
                    entries,
                    bulletType="bullet",
                    start="•",
                    leftIndent=14,
                    bulletFontName=FONT,
                    bulletFontSize=9,
                )
            )

    def key_values(self, pairs: Iterable[tuple[Any, Any]], key_width: float = 0.32) -> None:
        """Two columns, label: value (e.g. a case's details). `key_width` is a fraction."""
        data = [
            [
                paragraph(format_value(k), self.styles["key"]),
                paragraph(format_value(v), self.styles["value"]),
            ]
            for k, v in pairs
        ]
        if not data:
            return
        widths = [self.content_width * key_width, self.content_width * (1 - key_width)]
        table = Table(data, colWidths=widths, hAlign="LEFT", splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        self.story.append(table)
        self.story.append(Spacer(1, 3 * mm))

    def table(
        self,
        headers: Sequence[Any],
        rows: Iterable[Sequence[Any]],
        col_widths: Sequence[float] | None = None,
        align: Sequence[str] | None = None,
    ) -> None:
        """A data table: navy header row repeated on every page, zebra rows, wrapped cells.

        Cells may be any value (see `format_value`) or a Flowable. `col_widths` are points
        (they are scaled to fit the page) or None to size from the content. `align` gives
        "LEFT"/"RIGHT" per column; by default columns of numbers are right-aligned.
        """
        headers = list(headers)
        body_rows = [list(r) + [None] * (len(headers) - len(r)) for r in rows]
        if any(len(r) > len(headers) for r in body_rows):
            raise ValueError("A table row has more values than there are headers")
        n = len(headers)
        if align is None:
            align = [
                "RIGHT"
                if any(_is_number(r[i]) for r in body_rows)
                and all(r[i] is None or _is_number(r[i]) for r in body_rows)
                else "LEFT"
                for i in range(n)
            ]
        right = [str(a).upper() == "RIGHT" for a in align]
        widths = self._column_widths(headers, body_rows, col_widths, self.content_width)

        def cell(value: Any, column: int, head: bool = False) -> Flowable:
            if isinstance(value, Flowable):
                return value
            key = ("cell_head" if head else "cell") + ("_right" if right[column] else "")
            return paragraph(format_value(value), self.styles[key])

        data = [[cell(h, i, head=True) for i, h in enumerate(headers)]]
        data += [[cell(v, i) for i, v in enumerate(r)] for r in body_rows]
        table = LongTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), NAVY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
            ("BOX", (0, 0), (-1, -1), 0.5, GRID),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if body_rows:
            style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
        table.setStyle(TableStyle(style))
        self.story.append(table)
        self.story.append(Spacer(1, 4 * mm))

    def chart(
        self, title: str, labels: Sequence[Any], values: Sequence[Any], **kwargs: Any
    ) -> None:
        """Add a `bar_chart` (kept on one page)."""
        kwargs.setdefault("width", self.content_width)
        self.story.append(
            KeepTogether([bar_chart(title, labels, values, **kwargs), Spacer(1, 4 * mm)])
        )

    @staticmethod
    def _column_widths(
        headers: list[Any],
        rows: list[list[Any]],
        col_widths: Sequence[float] | None,
        CONTENT_WIDTH: float = CONTENT_WIDTH,  # noqa: N803 - the page's content width
    ) -> list[float]:
        n = len(headers)
        if col_widths is not None:
            if len(col_widths) != n:
                raise ValueError("col_widths needs one width per column")
            total = float(sum(col_widths))
            scale = CONTENT_WIDTH / total if total > CONTENT_WIDTH else 1.0
            return [float(w) * scale for w in col_widths]
        wanted: list[float] = []
        floor: list[float] = []
        padding = 8.0 + 1.0  # cell padding plus a little slack
        for i in range(n):
            head = format_value(headers[i])
            texts = [format_value(r[i]) for r in rows[:500] if not isinstance(r[i], Flowable)]
            head_words = head.split() or [""]
            longest_line = max(
                [_text_width(head, FONT_BOLD)]
                + [_text_width(line, FONT) for t in texts for line in t.splitlines()]
            )
            longest_word = max(
                [_text_width(w, FONT_BOLD) for w in head_words]
                + [_text_width(w, FONT) for t in texts for w in t.split()]
            )
            wanted.append(min(longest_line, CONTENT_WIDTH * 0.5) + padding)
            floor.append(min(longest_word, CONTENT_WIDTH * 0.22) + padding)
        if sum(wanted) <= CONTENT_WIDTH:  # room for everything: spread to the full width
            scale = CONTENT_WIDTH / sum(wanted)
            return [w * scale for w in wanted]
        # share the page: every column gets its floor, the rest goes by natural width
        base = sum(floor)
        if base >= CONTENT_WIDTH:
            return [CONTENT_WIDTH * f / base for f in floor]
        spare = CONTENT_WIDTH - base
        growth = [max(w - f, 0.0) for w, f in zip(wanted, floor, strict=True)]
        total_growth = sum(growth) or 1.0
        return [f + spare * g / total_growth for f, g in zip(floor, growth, strict=True)]

    # output --------------------------------------------------------------

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        keywords = [OFFICIAL_SENSITIVE] if self.sensitive else []
        subject = self.subject or ""
        if self.sensitive:
            subject = f"{OFFICIAL_SENSITIVE} - {subject}" if subject else OFFICIAL_SENSITIVE
        doc = BaseDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=_ILLEGAL_RE.sub("", self.title),
            author=_ILLEGAL_RE.sub("", self.author),
            subject=_ILLEGAL_RE.sub("", subject),
            keywords=keywords,
            creator="BSCP Desktop",
            lang="en-GB",
            initialFontName=FONT,
            initialFontSize=10,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        chrome = _PageChrome(
            self.title, self.partnership_name, self.draft, self.sensitive, *self.pagesize
        )
        story = list(self.story) or [Spacer(1, 1)]
        doc.build(story, canvasmaker=_make_canvas_class(chrome))
        return buffer.getvalue()

    def build(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Lay out the document and write it atomically to `path` (or the constructor's)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("No output path given")
        return atomic_write_bytes(target, self.to_bytes())
