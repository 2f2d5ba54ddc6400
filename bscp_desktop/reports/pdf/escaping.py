"""User text into reportlab markup: escaped, never markup, with per-run font fallback.

reportlab has no per-glyph font fallback, so `escape_text` wraps runs of characters the
main font lacks in `<font>` tags for a font that has them. Characters are right; complex
shaping (Arabic joining and right-to-left order, Indic conjuncts) is not done.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from reportlab.lib.fonts import ps2tt
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

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


def escape_text(text: Any, font_name: str = FONT) -> str:
    """Make user text safe for a reportlab Paragraph set in `font_name`.

    Escapes &, < and > (so nothing the user typed is read as markup), normalises to NFC,
    drops characters PDF text cannot carry, shapes Arabic and puts right-to-left runs in
    visual order (`rtl.visual_text`), and wraps runs of characters that `font_name` lacks in
    `<font name="...">` tags for a shipped fallback font that has them. Keeps new lines as
    they are (`paragraph` turns them into `<br/>`).
    """
    try:
        _family, bold, _italic = ps2tt(font_name)
    except ValueError:
        bold = 0
    out = []
    for fallback, chunk in font_runs(text, font_name):
        if fallback is None:
            out.append(_escape_xml(chunk))
        else:
            out.append(f'<font name="{fallback.bold_name if bold else fallback.regular_name}">{_escape_xml(chunk)}</font>')
    return "".join(out)


def font_runs(text: Any, font_name: str = FONT) -> list[tuple[_LoadedFallback | None, str]]:
    """User text as it prints (NFC, without what PDF text cannot carry, right-to-left runs
    shaped and in visual order) cut into runs by the font that draws them: None for
    `font_name`, else the shipped fallback font that has the run's characters."""
    register_fonts()
    text = visual_text(ILLEGAL_RE.sub("", unicodedata.normalize("NFC", str(text))))
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
    indentation, tabs and runs of spaces print as typed (`keep_spacing`)."""
    text = keep_spacing(str(text).replace("\r\n", "\n").replace("\r", "\n"))
    markup = escape_text(text, style.fontName).replace("\n", "<br/>")
    return Paragraph(markup, style)


