"""A very long line of user text cut where its printed lines end.

reportlab lays a paragraph out again, whole, each time it splits it over a page, and measures a
word longer than a line one character at a time, so one line of a million characters (a pasted
document with no line breaks, a URL, a word of 200,000 letters) took many minutes to print. The
builder sets such a line as pieces of a few dozen printed lines each, one paragraph a piece,
closed up so they read as one. Each piece ends where reportlab would end a printed line in any
case, worked out here as reportlab breaks lines (a word goes on the next line when it does not
fit, a word wider than the line is broken between its letters, and spaces may shrink a little):
the pieces print as the whole line would. Where the estimate differs (text shaped or set right
to left), a piece's last line may end a little early; every character still prints once, in
order.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.paragraph import _wsc as _SPACES  # the characters reportlab breaks lines at

from bscp_desktop.reports.pdf.fonts import _cmap_for

#: A line of user text longer than this many characters is cut into pieces (`pieces`).
LONG_LINE = 10_000

_WORD_RE = re.compile(f"[^{re.escape(_SPACES)}]+")
#: Characters below this that the font has are measured from the font (none of them takes a
#: fallback font in its place; see `escaping.font_runs`).
_OWN_FONT_BELOW = 0x600


class _Widths(dict[str, float]):
    """The printed width of each character in a style, measured once."""

    def __init__(self, style: ParagraphStyle) -> None:
        super().__init__()
        self.style = style
        font = pdfmetrics.getFont(style.fontName)
        face = getattr(font, "face", None)
        self.own = getattr(face, "charWidths", None)
        self.default = getattr(face, "defaultWidth", 0)
        self.cmap = _cmap_for(style.fontName)

    def __missing__(self, char: str) -> float:
        from bscp_desktop.reports.pdf.escaping import _text_width  # escaping builds on this module's callers

        code = ord(char)
        if self.own is not None and code < _OWN_FONT_BELOW and code in self.cmap:
            width = 0.001 * self.style.fontSize * self.own.get(code, self.default)
        else:  # in a fallback font, or shaped: as the paragraph measures it
            width = _text_width(char, self.style)
        self[char] = width
        return width

    def of(self, text: str) -> float:
        return sum(map(self.__getitem__, text))


def line_ends(text: str, style: ParagraphStyle, width: float) -> list[int]:
    """Where each printed line of `text` (one line, no line breaks, as `escaping.paragraph` sets
    it) ends but the last, as offsets into `text`, laid out `width` points wide in `style`."""
    widths = _Widths(style)
    space = widths[" "]
    shrink = style.spaceShrinkage * space
    ends: list[int] = []
    current, words, last_end = -space, 0, 0  # the line's width so far, its words, where it ends

    for match in _WORD_RE.finditer(text):
        start, end = match.span()
        word = match.group()
        size = widths.of(word)
        wider = current + space + size
        if wider <= width + shrink * words or not words and size <= width:
            current, words, last_end = wider, words + 1, end
            continue
        if size <= width:  # on the next line
            ends.append(last_end)
            current, words, last_end = size, 1, end
            continue
        # wider than a line: broken between its letters, the first part on this line
        sums = list(itertools.accumulate(map(widths.__getitem__, word)))
        used, at = current + space, 0  # the line's width before the part; where the part starts
        while True:
            fits = bisect_right(sums, width - used + (sums[at - 1] if at else 0), lo=at)
            if fits >= len(word):
                break
            if fits == at and (at or used > 0) and widths[word[at]] <= width:  # nothing fits: the line ends before it
                ends.append(last_end)
            else:
                fits = max(fits, at + 1)  # a letter wider than a line has a line of its own
                ends.append(start + fits)
            used, at = 0.0, fits
        rest = sums[-1] - (sums[at - 1] if at else 0)
        current, words, last_end = rest, 1, end
    return ends


def pieces(line: str, style: ParagraphStyle, width: float, lines_each: int) -> list[str]:
    """`line` (as `escaping.paragraph` sets it) in pieces of `lines_each` printed lines, each
    ending where a printed line ends (`line_ends`); one piece for a line of up to `LONG_LINE`
    characters."""
    if len(line) <= LONG_LINE:
        return [line]
    cuts = line_ends(line, style, width)[lines_each - 1 :: lines_each]
    found: list[str] = []
    start = 0
    for cut in [*cuts, len(line)]:
        piece = line[start:cut].strip(_SPACES)
        if piece:
            found.append(piece)
        start = cut
    return found
