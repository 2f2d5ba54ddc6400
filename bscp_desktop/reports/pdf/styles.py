"""The house style: colours, A4 page geometry, paragraph styles, cell text."""

from __future__ import annotations

import enum
import functools
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from bscp_desktop.reports.pdf.fonts import FONT, FONT_BOLD, register_fonts

NAVY = colors.HexColor("#1F3A5F")
GREY_TEXT = colors.HexColor("#555555")
RULE = colors.HexColor("#B8C2CC")
ZEBRA = colors.HexColor("#EEF2F6")
GRID = colors.HexColor("#C9D1DA")
#: The first command of every table's style: its cells' own font is the embedded house font.
#: (reportlab sets a table's cells in Helvetica otherwise, a font no PDF of ours embeds, and a
#: checker of accessible PDFs refuses a file that names a font it does not carry.)
CELL_FONT = ("FONTNAME", (0, 0), (-1, -1), FONT)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


@functools.lru_cache(maxsize=1)
def paragraph_styles() -> dict[str, ParagraphStyle]:
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
            keepWithNext=1,  # never the last line of a page, apart from what it heads
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
            keepWithNext=1,
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
            keepWithNext=1,
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
    """Plain text for a table or key/value cell: UK dates, Yes/No, enum labels, whole numbers
    with thousands separators ("1,230"), '' for None. Money is the caller's to format (pass the
    text, e.g. "£1,250.00"), and so is a number that is no quantity, such as a year: pass "2024"."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        return label if isinstance(label, str) else str(value.value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def text_width(text: str, font_name: str, size: float = 8.5) -> float:
    try:
        return pdfmetrics.stringWidth(text, font_name, size)
    except Exception:  # noqa: BLE001 - odd characters: estimate instead
        return len(text) * size * 0.6


def is_number(value: Any) -> bool:
    from decimal import Decimal

    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


