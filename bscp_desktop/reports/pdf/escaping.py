"""User text into reportlab markup: escaped, never markup, with per-run font fallback.

reportlab has no per-glyph font fallback, so `escape_text` wraps runs of characters the
main font lacks in `<font>` tags for a font that has them. Arabic is joined and
right-to-left text put in the order it prints (`reports.rtl`): `paragraph` breaks text with
right-to-left writing into lines in reading order first, then puts each line in that order
(`BidiParagraph`). A paragraph with a run in an Indic font is shaped (`shaping`): its style
asks for shaping (`shaped_style`), and only those runs are shaped.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import ps2tt
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from bscp_desktop.reports import rtl
from bscp_desktop.reports.pdf import shaping
from bscp_desktop.reports.pdf.fonts import FONT, _cmap_for, _fallbacks, _LoadedFallback, register_fonts
from bscp_desktop.reports.rtl import visual_text

# What PDF text cannot carry, or a font draws as its missing-glyph box: control characters
# (C0 but tab and line breaks, DEL and C1), lone surrogates, U+FFFE and U+FFFF.
ILLEGAL_RE = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_neutral(char: str) -> bool:
    """Spaces, punctuation, joiners and combining marks: may stay in the current font run."""
    return unicodedata.category(char)[0] in "ZPM" or char in "\u200c\u200d"


def escape_text(text: Any, font_name: str = FONT, *, reorder: bool = True) -> str:
    """Make user text safe for a reportlab Paragraph set in `font_name`.

    Escapes &, < and > (so nothing the user typed is read as markup), normalises to NFC,
    drops characters PDF text cannot carry, shapes Arabic and puts right-to-left runs in
    visual order (`rtl.visual_text`), and wraps runs of characters that `font_name` lacks in
    `<font name="...">` tags for a shipped fallback font that has them. Keeps new lines as
    they are (`paragraph` turns them into `<br/>`). With `reorder=False` the text is already
    in the order it prints (`rtl.visual_line`) and is not reordered again.
    """
    return _markup(_named_runs(text, font_name, reorder))


def _markup(runs: list[tuple[str | None, str]]) -> str:
    return "".join(
        _escape_xml(chunk) if name is None else f'<font name="{name}">{_escape_xml(chunk)}</font>' for name, chunk in runs
    )


def _named_runs(text: Any, font_name: str, reorder: bool) -> list[tuple[str | None, str]]:
    """`font_runs`, each run with the name of its fallback font (bold when `font_name` is)."""
    try:
        _family, bold, _italic = ps2tt(font_name)
    except ValueError:
        bold = 0
    return [
        (None if fallback is None else fallback.bold_name if bold else fallback.regular_name, chunk)
        for fallback, chunk in font_runs(text, font_name, reorder=reorder)
    ]


def font_runs(
    text: Any, font_name: str = FONT, *, reorder: bool = True
) -> list[tuple[_LoadedFallback | None, str]]:
    """User text as it prints (NFC, without what PDF text cannot carry, right-to-left runs
    shaped and in visual order unless `reorder` is False) cut into runs by the font that draws
    them: None for `font_name`, else the shipped fallback font that has the run's characters."""
    register_fonts()
    text = _clean(text)
    if reorder:
        text = visual_text(text)
    main = _cmap_for(font_name)
    if not _fallbacks or (
        all(ord(c) in main for c in text)
        and not any(_preferred(ord(c)) for c in text if ord(c) >= 0x600)
    ):
        return [(None, text)] if text else []

    def font_for(code: int, current: _LoadedFallback | None) -> _LoadedFallback | None:
        if code < 0x20:  # a line break or tab is the paragraph's, in no font's run
            return None
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

    runs: list[tuple[_LoadedFallback | None, str]] = []
    run: list[str] = []
    current: _LoadedFallback | None = None
    for char in text:
        chosen = font_for(ord(char), current)
        if chosen is not current and run:
            runs.append((current, "".join(run)))
            run.clear()
        current = chosen
        run.append(char)
    if run:
        runs.append((current, "".join(run)))
    return runs


def _clean(text: Any) -> str:
    return ILLEGAL_RE.sub("", unicodedata.normalize("NFC", str(text)))


def _preferred(code: int) -> _LoadedFallback | None:
    for fallback in _fallbacks:
        for low, high in fallback.spec.preferred:
            if low <= code <= high and code in fallback.cmap:
                return fallback
    return None


NBSP = "\u00a0"
TAB_WIDTH = 4  # a tab prints as this many spaces
_SPACING_RE = re.compile(r"^[ \t]+|[ \t]*\t[ \t]*|  +")


def _kept(match: re.Match[str]) -> str:
    """A line's indentation, or a run of spaces with a tab or of more than one space, as
    no-break spaces of the same width: reportlab would print each as one space. A run inside a
    line ends in an ordinary space, so a long line still wraps there."""
    width = sum(TAB_WIDTH if char == "\t" else 1 for char in match.group())
    if match.start() == 0:
        return NBSP * width
    return NBSP * (width - 1) + " "


def keep_spacing(text: str) -> str:
    """Text whose indentation, tabs and runs of spaces print as typed (a table pasted from
    Word, an indented list, "Total    £5,000"); spaces and tabs at a line's end are dropped,
    as they would not show. Plain characters only: no markup."""
    return "\n".join(_SPACING_RE.sub(_kept, line.rstrip(" \t")) for line in text.split("\n"))


def paragraph(text: Any, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text: escaped, with font fallback; new lines become line breaks, and
    indentation, tabs and runs of spaces print as typed (`keep_spacing`). Text with
    right-to-left writing is a `BidiParagraph`."""
    text = keep_spacing(str(text).replace("\r\n", "\n").replace("\r", "\n"))
    if rtl.has_right_to_left(_clean(text)):
        return BidiParagraph.of(text, style)
    runs = _named_runs(text, style.fontName, True)
    markup = _markup(runs).replace("\n", "<br/>")
    return Paragraph(markup, shaped_style(style) if any(shaping.is_shaped(name) for name, _chunk in runs) else style)


def shaped_style(style: ParagraphStyle) -> ParagraphStyle:
    """`style` asking for shaping (of the runs in an Indic font: `shaping`)."""
    return style if style.shaping else ParagraphStyle(style.name, parent=style, shaping=1)


def with_shaping(flowable: Any) -> Any:
    """`flowable` with each Paragraph in it (in lists, list items, tables and blocks kept
    together) that has a run in an Indic font set in its style asking for shaping: for
    paragraphs made from `escape_text` markup rather than by `paragraph`."""
    if isinstance(flowable, Paragraph):
        if not flowable.style.shaping and any(shaping.is_shaped(getattr(f, "fontName", None)) for f in flowable.frags):
            flowable.style = shaped_style(flowable.style)
        return flowable
    own = vars(flowable) if hasattr(flowable, "__dict__") else {}  # not ListFlowable's _content, made when read
    for name in ("_flowables", "_content"):
        for inner in own.get(name) or ():
            with_shaping(inner)
    for row in own.get("_cellvalues") or ():
        for value in row:
            for inner in value if isinstance(value, list | tuple) else (value,):
                with_shaping(inner)
    return flowable


_WORD_RE = re.compile("[^ ]+")
_SLACK = 0.5  # points: room left on each line broken here, so reportlab keeps it whole


class BidiParagraph(Paragraph):
    """A Paragraph of user text with Arabic script or Hebrew in it. At each width it is given,
    the text is first broken into lines in reading order, at spaces, each line as full as its
    printed width allows; each line is then put into the order it prints (`rtl.LineLayout`),
    so the first line holds the first words and a line of Arabic reads right to left. A
    paragraph that starts in a right-to-left script is right-aligned (unless its style centres
    it). The parts reportlab splits off at a page end hold lines already in that order and are
    not broken again."""

    #: Each line of the text: its layout, and the text as it may be broken (names kept whole)
    _lines: list[tuple[rtl.LineLayout, str]] | None = None
    _laid_width: float | None = None

    @classmethod
    def of(cls, text: str, style: ParagraphStyle) -> BidiParagraph:
        """`text` (plain characters, no markup; new lines are line breaks) set in `style`."""
        text = _clean(text)
        right_to_left = bool(rtl.is_right_to_left(text))
        if right_to_left and style.alignment == TA_LEFT:
            style = ParagraphStyle(f"{style.name} right to left", parent=style, alignment=TA_RIGHT)
        if any(shaping.is_shaped(name) for name, _chunk in _named_runs(text, style.fontName, False)):
            style = shaped_style(style)
        lines = []
        for line in text.split("\n"):
            direction = rtl.is_right_to_left(line)
            layout = rtl.LineLayout(rtl.shape_arabic(line), right_to_left if direction is None else direction)
            lines.append((layout, layout.text if layout.right_to_left else rtl.keep_names_whole(layout.text)))
        unbroken = [layout.printed(0, len(layout.text)) for layout, _breakable in lines]
        para = cls(_printed_markup(unbroken, style.fontName), style)
        para._lines = lines
        return para

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._lines is not None and availWidth != self._laid_width:
            style = self.style
            later = availWidth - style.leftIndent - style.rightIndent - _SLACK
            first = later - style.firstLineIndent
            printed: list[str] = []
            for number, (layout, breakable) in enumerate(self._lines):
                for start, end in self._spans(layout, breakable, first if number == 0 else later, later):
                    printed.append(layout.printed(start, end))
            self._setup(_printed_markup(printed, style.fontName), style, self.bulletText, None, cleanBlockQuotedText)
            self._laid_width = availWidth
        return super().wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:  # the rest would start with the line break that ended the part before
            words = parts[1].frags
            if words and len(words[0]) == 2 and getattr(words[0][1][0], "lineBreak", False):
                del words[0]
        return parts

    def _spans(self, layout: rtl.LineLayout, breakable: str, first: float, later: float) -> list[tuple[int, int]]:
        """(start, end) of each printed line of one line of text: words (split at spaces) in
        reading order, as many on each line as its printed width allows (`first` for the first
        line, `later` for the others); a word too wide for a line has a line of its own."""
        style = self.style
        words: list[tuple[int, int]] = []
        sizes: list[float] = []
        for match in _WORD_RE.finditer(breakable):
            size = _text_width(match.group(), style)
            if size <= later or " " not in layout.text[match.start() : match.end()]:
                words.append(match.span())
                sizes.append(size)
                continue
            for part in _WORD_RE.finditer(layout.text, match.start(), match.end()):  # a name too wide to keep whole
                words.append(part.span())
                sizes.append(_text_width(part.group(), style))
        if not words:
            return [(0, len(breakable))]

        def width(start: int, end: int) -> float:
            return _text_width(layout.printed(start, end), style)

        spaced = _text_width(" ", style)
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            room = later if spans else first
            j, used = i + 1, sizes[i]
            while j < len(words) and used + spaced + sizes[j] <= room:  # an estimate in reading order
                used += spaced + sizes[j]
                j += 1
            while j > i + 1 and width(words[i][0], words[j - 1][1]) > room:  # as it prints
                j -= 1
            spans.append((words[i][0], words[j - 1][1]))
            i = j
        return spans


def _text_width(text: str, style: ParagraphStyle) -> float:
    """The printed width of `text` (in the order it prints) set in `style`."""
    return sum(
        shaping.text_width(chunk, name, style.fontSize) if shaping.is_shaped(name) and style.shaping
        else stringWidth(chunk, name or style.fontName, style.fontSize)
        for name, chunk in _named_runs(text, style.fontName, reorder=False)
    )


def _printed_markup(lines: list[str], font_name: str) -> str:
    """Markup for lines already in the order they print, one line break between each."""
    return "<br/>".join(escape_text(line, font_name, reorder=False) for line in lines)


