"""User text into reportlab markup: escaped, never markup, with per-run font fallback.

reportlab has no per-glyph font fallback, so `escape_text` wraps runs of characters the
main font lacks in `<font>` tags for a font that has them. Arabic is joined and
right-to-left text put in the order it prints (`reports.rtl`): `paragraph` breaks text with
right-to-left writing into lines in reading order first, then puts each line in that order
(`BidiParagraph`); `styled_paragraph` does the same for text in runs of bold and italic (the
yearly report's). A paragraph with a run in an Indic font is shaped (`shaping`): its style
asks for shaping (`shaped_style`), and only those runs are shaped.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
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
        all(ord(c) in main for c in set(text) if c >= " ")  # a line break or tab is in no font's run
        and not any(_preferred(ord(c)) for c in set(text) if ord(c) >= 0x600)
    ):
        return [(None, text)] if text else []
    known: dict[tuple[int, int], _LoadedFallback | None] = {}  # by character and the run's font

    def font_for(code: int, current: _LoadedFallback | None) -> _LoadedFallback | None:
        key = (code, id(current))
        if key not in known:
            known[key] = _font_for(code, current)
        return known[key]

    def _font_for(code: int, current: _LoadedFallback | None) -> _LoadedFallback | None:
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


def styled_paragraph(runs: Sequence[tuple[str, bool, bool]], style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text in runs (text, bold, italic), as the yearly report's simple
    formatting has it: each run escaped with font fallback and set bold or italic. Text with
    right-to-left writing is a `BidiParagraph` (`BidiParagraph.of_runs`), as `paragraph` makes
    one of plain text: its lines in reading order, each character in its run's face."""
    runs = [(_clean(text), bool(bold), bool(italic)) for text, bold, italic in runs]
    if rtl.has_right_to_left("".join(text for text, _bold, _italic in runs)):
        return BidiParagraph.of_runs(runs, style)
    named = [(_named_runs(text, style.fontName, True), bold, italic) for text, bold, italic in runs]
    markup = "".join(_in_face(_markup(chunks), 2 * bold + italic) for chunks, bold, italic in named)
    shaped = any(shaping.is_shaped(name) for chunks, _bold, _italic in named for name, _chunk in chunks)
    return Paragraph(markup, shaped_style(style) if shaped else style)


def _in_face(markup: str, face: int) -> str:
    """Markup set in a face: 0 regular, 1 italic, 2 bold, 3 bold italic."""
    markup = f"<i>{markup}</i>" if face & 1 else markup
    return f"<b>{markup}</b>" if face & 2 else markup


def _face_font(font_name: str, face: int) -> str:
    """The font `font_name` is set in within a face (`_in_face`), as reportlab sets <b> and <i>
    (the bold of a bold font stays bold)."""
    try:
        family, bold, italic = ps2tt(font_name)
        return tt2ps(family, bold | face >> 1, italic | face & 1)
    except ValueError:  # a font with no family registered: <b> and <i> keep it
        return font_name


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
    #: Made by `of_runs`: each line's face of each character (`_in_face`) and its stand-ins' layout
    #: (`_stand_ins`), or None for a line set in the style's face; and the font of each face
    _faces: list[tuple[list[int], rtl.LineLayout] | None] | None = None
    _fonts: tuple[str, ...] = ()

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

    @classmethod
    def of_runs(cls, runs: Sequence[tuple[str, bool, bool]], style: ParagraphStyle) -> BidiParagraph:
        """Runs of plain characters (text, bold, italic; no markup, new lines are line breaks) set
        in `style`, laid out as `of` lays out the whole of their text: the bold or italic of a
        run changes neither how its lines break nor the order they print in, and each character
        prints in its run's face. A line holding an isolate (U+2066 to U+2069) prints in the
        style's face, as does a line of more than 131,068 characters."""
        text = "".join(chunk for chunk, _bold, _italic in runs)
        para = cls.of(text, style)
        faces = [2 * bold + italic for chunk, bold, italic in runs for _char in chunk]
        if not any(faces) or _clean(text) != text or para._lines is None:  # all one face, or characters joined
            return para
        para._fonts = tuple(_face_font(para.style.fontName, face) for face in range(4))
        para._faces = []
        at = 0
        for (layout, _breakable), line in zip(para._lines, text.split("\n"), strict=True):
            line_faces = _shaped_faces(line, layout.text, faces[at : at + len(line)])
            at += len(line) + 1
            stand_ins = _stand_ins(layout)
            para._faces.append(None if line_faces is None or stand_ins is None else (line_faces, stand_ins))
        markup = "<br/>".join(para._line_markup(n, 0, len(layout.text)) for n, (layout, _b) in enumerate(para._lines))
        para._setup(markup, para.style, para.bulletText, None, cleanBlockQuotedText)
        return para

    def _line_markup(self, number: int, start: int, end: int) -> str:
        """Markup of one printed line: characters `start` to `end` of line `number` of the text,
        in the order they print, each in its face."""
        assert self._lines is not None
        layout, font = self._lines[number][0], self.style.fontName
        printed = layout.printed(start, end)
        kept = self._faces[number] if self._faces else None
        if kept is None:
            return escape_text(printed, font, reorder=False)
        faces, stand_ins = kept
        order = _printed_order(stand_ins.printed(start, end), start)
        if len(order) != len(printed):  # pragma: no cover - stand-ins print one for one
            return escape_text(printed, font, reorder=False)
        pieces: list[str] = []
        i = 0
        while i < len(printed):
            face, j = faces[min(max(order[i], start), end - 1)], i + 1
            while j < len(printed) and faces[min(max(order[j], start), end - 1)] == face:
                j += 1
            pieces.append(_in_face(escape_text(printed[i:j], self._fonts[face], reorder=False), face))
            i = j
        return "".join(pieces)

    def _measure(self, text: str, start: int, faces: list[int] | None) -> float:
        """The printed width of `text`, the characters of a line from `start`, each in its face."""
        if faces is None:
            return _text_width(text, self.style)
        total, i = 0.0, 0
        while i < len(text):
            face, j = faces[start + i], i + 1
            while j < len(text) and faces[start + j] == face:
                j += 1
            total += _text_width(text[i:j], self.style, self._fonts[face])
            i = j
        return total

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._lines is not None and availWidth != self._laid_width:
            style = self.style
            later = availWidth - style.leftIndent - style.rightIndent - _SLACK
            first = later - style.firstLineIndent
            printed: list[str] = []
            for number, (layout, breakable) in enumerate(self._lines):
                kept = self._faces[number] if self._faces else None
                for start, end in self._spans(layout, breakable, first if number == 0 else later, later,
                                              kept[0] if kept else None):
                    printed.append(self._line_markup(number, start, end))
            self._setup("<br/>".join(printed), style, self.bulletText, None, cleanBlockQuotedText)
            self._laid_width = availWidth
        return super().wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:  # the rest would start with the line break that ended the part before
            words = parts[1].frags
            if words and len(words[0]) == 2 and getattr(words[0][1][0], "lineBreak", False):
                del words[0]
        return parts

    def _spans(self, layout: rtl.LineLayout, breakable: str, first: float, later: float,
               faces: list[int] | None = None) -> list[tuple[int, int]]:
        """(start, end) of each printed line of one line of text: words (split at spaces) in
        reading order, as many on each line as its printed width allows (`first` for the first
        line, `later` for the others); a word too wide for a line has a line of its own. With
        `faces`, each character is measured in its face."""
        style = self.style
        words: list[tuple[int, int]] = []
        sizes: list[float] = []
        for match in _WORD_RE.finditer(breakable):
            size = self._measure(match.group(), match.start(), faces)
            if size <= later or " " not in layout.text[match.start() : match.end()]:
                words.append(match.span())
                sizes.append(size)
                continue
            for part in _WORD_RE.finditer(layout.text, match.start(), match.end()):  # a name too wide to keep whole
                words.append(part.span())
                sizes.append(self._measure(part.group(), part.start(), faces))
        if not words:
            return [(0, len(breakable))]

        def width(start: int, end: int) -> float:
            if faces is not None:  # the same characters as they print, each in its face
                return self._measure(layout.text[start:end], start, faces)
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


def _text_width(text: str, style: ParagraphStyle, font_name: str | None = None) -> float:
    """The printed width of `text` (in the order it prints) set in `style` (in `font_name`, a
    face of its font, when given)."""
    font_name = font_name or style.fontName
    return sum(
        shaping.text_width(chunk, name, style.fontSize) if shaping.is_shaped(name) and style.shaping
        else stringWidth(chunk, name or font_name, style.fontSize)
        for name, chunk in _named_runs(text, font_name, reorder=False)
    )


_LAM, _ALEFS = "\u0644", "\u0622\u0623\u0625\u0627"


def _shaped_faces(line: str, shaped: str, faces: list[int]) -> list[int] | None:
    """The face of each character of `shaped`, `line` with its Arabic shaped: a letter's
    presentation form takes the letter's face; a lam and an alef joined in one ligature take the
    lam's (the marks between them follow the ligature). None if they cannot be matched."""
    if len(shaped) == len(line):
        return faces
    out: list[int] = []
    i, alef_due = 0, False
    for char in shaped:
        if alef_due and i < len(line) and line[i] in _ALEFS:
            i, alef_due = i + 1, False  # the alef inside the ligature before
        if i >= len(line):
            return None
        out.append(faces[i])
        alef_due = alef_due or ("\ufef5" <= char <= "\ufefc" and line[i] == _LAM)
        i += 1
    return out


#: What stands in for each character of a line to tell where it prints (`_stand_ins`): a
#: character of the private use planes (by its place in the line), a combining mark for a mark.
_STAND_IN_PLANES = (0xF0000, 0x100000)
_PLANE = 0xFFFE
_STAND_IN_MARK = "\u0300"


def _stand_ins(layout: rtl.LineLayout) -> rtl.LineLayout | None:
    """`layout` printing a stand-in for each character of its line in its place: the layout was
    worked out from the line's own characters, and only lays them out as they come (a combining
    mark after its letter, a mirrored bracket as one), so its stand-ins print in the order the
    line's characters print, each telling which it stands for (`_printed_order`). None for a
    line with an isolate (laid out on its own) or too long to have a stand-in for each character."""
    text = layout.text
    if len(text) > 2 * _PLANE or any(char in text for char in "\u2066\u2067\u2068\u2069"):
        return None
    stand_ins = copy.copy(layout)
    stand_ins.text = "".join(
        _STAND_IN_MARK if unicodedata.bidirectional(char) == "NSM" else chr(_STAND_IN_PLANES[i // _PLANE] + i % _PLANE)
        for i, char in enumerate(text))
    return stand_ins


def _printed_order(stand_ins: str, start: int) -> list[int]:
    """Where in its line each printed character is (`stand_ins`, a printed line of stand-ins
    from `start`): a combining mark prints after the character before it."""
    order: list[int] = []
    for char in stand_ins:
        code = ord(char)
        plane = 0 if code < _STAND_IN_PLANES[1] else 1
        low = _STAND_IN_PLANES[plane]
        order.append(plane * _PLANE + code - low if low <= code < low + _PLANE else (order[-1] + 1 if order else start))
    return order


def _printed_markup(lines: list[str], font_name: str) -> str:
    """Markup for lines already in the order they print, one line break between each."""
    return "<br/>".join(escape_text(line, font_name, reorder=False) for line in lines)


