"""Shaping for the scripts whose letters change shape, order or place as they print: the
Indic scripts (Devanagari, Gujarati, Gurmukhi, Bengali, Tamil, Telugu, Kannada, Malayalam,
Sinhala, Odia), Myanmar, Khmer and Thai, and the right-to-left Thaana and Adlam.

In "सामुदायिक" the vowel sign of "कि" prints before the consonant it follows, and "क्ष" is one
glyph; Thai and Thaana vowel signs sit over or under their letter; Adlam letters join.
reportlab draws each character as stored unless a paragraph's style asks for shaping
(`shaping=1`: `escaping.shaped_style`, given only to paragraphs with text in these scripts) and
HarfBuzz (the `uharfbuzz` package) is installed. Left to itself, reportlab would then shape
every word, Latin included (kerning and ligatures would move it), and shape a word set in two
fonts ("(नाम)": brackets in DejaVu Sans, letters in Noto Sans Devanagari) all in the first
font, so its letters would come out as missing-glyph boxes. `enable` has it shape only the
runs in a font registered here, each run in its own font: Latin, Arabic (joined by
`reports.rtl`), Chinese, Japanese and Korean print as before.

A right-to-left run (Thaana, Adlam) comes here already in the order it prints (`reports.rtl`):
it is put back in reading order and shaped right to left, so its letters join as they are read,
and HarfBuzz puts it back in the order it prints. Each letter and sign reads as itself, a
vowel sign just before its letter, as PDF readers expect of a run they turn back into reading
order.

Shaped text still reads as it was typed when copied, searched or read aloud from the PDF: each
glyph of a cluster (a syllable, or a letter) is drawn with a character of its own that the
font's ToUnicode map gives its share of the cluster's text (`ShapedTTFont`, `_cluster_texts`).

Without `uharfbuzz` nothing is shaped, and the letters print in the order they are stored.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import paragraph as _paragraph

from bscp_desktop.reports.rtl import _MIRROR

log = logging.getLogger(__name__)

_shaped_fonts: set[str] = set()
_reportlab_shape = getattr(ttfonts, "shapeFragWord", None)  # reportlab 4 and later
_READING_CODES = 0xF0000  # supplementary private use area A: the characters `ShapedTTFont` reads
_READING_END = 0xFFFFD
_lock = threading.Lock()


class ReadableTTFont(ttfonts.TTFont):
    """A TrueType font whose characters read as themselves when text is copied, searched or
    read aloud from a PDF, those beyond U+FFFF (emoji, Adlam, mathematical letters) included.

    The ToUnicode map of each subset embedded in a PDF says what each of its codes reads as.
    reportlab writes a character beyond U+FFFF there as one long number, which PDF readers
    take for other characters ("👶" reads as "὇"); such a subset's map is written again with
    the character as its two UTF-16 halves, as PDF readers expect. `reading` gives a code
    text to read as other than its own character (`ShapedTTFont`). Every font the program
    embeds is one of these (`fonts.register_fonts`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reading: dict[int, str] = {}

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            if not any(code in self.reading or code > 0xFFFF for code in subset):
                continue
            base = (b"".join((ttfonts.SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                stream.content = _to_unicode_cmap(base, [self.reading.get(code, chr(code)) for code in subset])


class ShapedTTFont(ReadableTTFont):
    """A TrueType font whose shaped glyphs read as the text they were shaped from.

    `reading_code` gives a glyph a character of its own in the supplementary private use area
    for each text it stands for; the ToUnicode map of each subset embedded in a PDF maps that
    character to the text (reportlab would map it to itself)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._codes: dict[tuple[int, str, float], int] = {}

    def reading_code(self, gid: int, text: str, width: float) -> int | None:
        """The character that draws glyph `gid` (`width` wide, in thousandths of the font size)
        and reads as `text`; None when every such character is taken."""
        key = (gid, text, width)
        code = self._codes.get(key)
        if code is None:
            with _lock:
                code = self._codes.get(key)
                if code is None:
                    code = _READING_CODES + len(self._codes)
                    if code > _READING_END:
                        return None
                    face = self.face
                    face.charToGlyph[code] = gid
                    face.charWidths[code] = width
                    self.reading[code] = text
                    self._codes[key] = code
        return code


def _to_unicode_cmap(name: str, texts: list[str]) -> str:
    """reportlab's ToUnicode CMap for a subset whose codes read as `texts` (any length)."""
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({name})",
            f"/Ordering ({name})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(texts) - 1:02X}>",
            "endcodespacerange",
            f"{len(texts)} beginbfchar",
            *(f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>" for code, text in enumerate(texts)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def available() -> bool:
    """Whether HarfBuzz is installed, and reportlab can shape text with it."""
    return getattr(ttfonts, "uharfbuzz", None) is not None and hasattr(_paragraph, "shapeFragWord")


def enable(font_name: str) -> None:
    """Shape the runs set in the registered TrueType font `font_name` in every Paragraph whose
    style asks for shaping. Glyphs that no character maps to (conjuncts, half forms, vowel
    signs placed for one consonant) get a private-use character each now, so that shaping a
    word never changes the font while another thread draws with it."""
    if not available():
        return
    font = pdfmetrics.getFont(font_name)
    try:
        hb_font = font.hbFont(10)
        glyphs = hb_font.face.glyph_count
    except Exception:  # noqa: BLE001 - a font HarfBuzz cannot read is drawn unshaped
        log.warning("PDF font %s cannot be shaped", font_name, exc_info=True)
        return
    glyph_to_char = font.face.glyphToChar
    for gid in range(glyphs):
        if gid not in glyph_to_char:
            font.hbAddPrivate(hb_font.glyph_to_string(gid), gid, font.pdfScale(hb_font.get_glyph_h_advance(gid)))
    _shaped_fonts.add(font_name)
    _paragraph.shapeFragWord = shape_frag_word  # what Paragraph.breakLines calls to shape a word


def is_shaped(font_name: str | None) -> bool:
    return font_name in _shaped_fonts


def _font_of(part: tuple[Any, str]) -> str | None:
    frag = part[0]
    return None if hasattr(frag, "cbDefn") else getattr(frag, "fontName", None)


def shape_frag_word(word: list[Any], *args: Any, **kwargs: Any) -> list[Any]:
    """reportlab's `shapeFragWord` for one word ([width, (frag, text), ...]), applied only to
    the parts set in a font that `enable` named, each group of parts in one such font shaped
    on its own; a word with none of them is returned as it is."""
    if isinstance(word, ttfonts.ShapedFragWord) or not any(_font_of(part) in _shaped_fonts for part in word[1:]):
        return word
    parts = word[1:]
    out: list[Any] = []
    width = word[0]
    changed = False
    start = 0
    while start < len(parts):
        name = _font_of(parts[start])
        end = start + 1
        if name in _shaped_fonts:
            while end < len(parts) and _font_of(parts[end]) == name:
                end += 1
            group, grown = _shape_group(parts[start:end], *args, **kwargs)
            if grown is not None:
                changed = True
                width += grown
            out.extend(group)
        else:
            out.extend(parts[start:end])
        start = end
    if not changed:
        return word
    return ttfonts.makeShapedFragWord(word)([width, *out])


def _shape_group(group: list[Any], *args: Any, **kwargs: Any) -> tuple[list[Any], float | None]:
    """Parts (frag, text) in one shaped font as they print, and how much wider shaping made
    them (None: shaping changed nothing). A right-to-left run (`_right_to_left_span`) is shaped
    in reading order; the signs and spaces on either side of it print as they are."""
    text = "".join(text for _frag, text in group)
    span = _right_to_left_span(text)
    before, after, typed = [], [], group
    if span is not None:
        before, after = _slice(group, 0, span[0]), _slice(group, span[1], len(text))
        typed = _reading_order(_slice(group, *span))
    plain = sum(pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize) for frag, text in typed)
    shaped = _reportlab_shape([plain, *typed], *args, **kwargs)
    if not isinstance(shaped, ttfonts.ShapedFragWord):
        return group, None
    readable = _readable(shaped[1:], "".join(text for _frag, text in typed), span is not None)
    return [*before, *readable, *after], shaped[0] - plain


def _right_to_left_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the right-to-left letters of `text` (in the order it prints), from the
    first to the last with the marks after it; None when it has none."""
    letters = [i for i, char in enumerate(text) if unicodedata.bidirectional(char) in ("R", "AL")]
    if not letters:
        return None
    end = letters[-1] + 1
    while end < len(text) and unicodedata.bidirectional(text[end]) == "NSM":
        end += 1
    return letters[0], end


def _slice(parts: list[Any], start: int, end: int) -> list[Any]:
    """The parts (frag, text) holding characters `start` to `end` of their joined text."""
    out, at = [], 0
    for frag, text in parts:
        low, high = max(start - at, 0), min(end - at, len(text))
        if low < high:
            out.append((frag, text[low:high]))
        at += len(text)
    return out


def _reading_order(parts: list[Any]) -> list[Any]:
    """Parts (frag, text) of a right-to-left run in the order it prints (`reports.rtl`: a
    letter with its marks after it, brackets mirrored) put back in reading order."""
    out = []
    for frag, text in reversed(parts):
        units: list[str] = []
        for char in text:
            if units and unicodedata.bidirectional(char) == "NSM":
                units[-1] += char
            else:
                units.append(_MIRROR.get(char, char))
        out.append((frag, "".join(reversed(units))))
    return out


def _cluster_texts(clusters: list[int], advances: list[float], text: str, right_to_left: bool = False) -> list[str]:
    """What each glyph reads as, given the cluster and advance of each glyph (in drawing
    order) and the text they were shaped from: a cluster's glyphs read as its text, a
    character each in turn, the last glyph the rest (so no glyph of a syllable reads as
    nothing, which a reader would take for a gap between words), and any glyph beyond its
    characters as nothing. A mark that takes no room (a vowel sign above or below, placed to
    the side of where it is drawn from) reads as nothing, its text read with the last glyph
    before it that takes room. A run shaped `right_to_left` is drawn from its last letter to
    its first: its glyphs are read in the opposite order, and a mark reads as itself (drawn
    before its letter, it comes after it once a reader turns the run back; `_readable`)."""
    if right_to_left:
        return _cluster_texts(clusters[::-1], [1] * len(clusters), text)[::-1]
    starts = sorted({cluster for cluster in clusters if 0 <= cluster < len(text)})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    texts: list[str] = []
    index = 0
    while index < len(clusters):
        cluster = clusters[index]
        count = 1
        while index + count < len(clusters) and clusters[index + count] == cluster:
            count += 1
        reads = text[cluster : ends[cluster]] if cluster in ends else ""
        texts += [reads[k] if k < len(reads) else "" for k in range(count - 1)] + [reads[count - 1 :]]
        index += count
    for index in range(1, len(texts)):
        if not advances[index] and texts[index]:
            before = index - 1
            while before and not advances[before]:
                before -= 1
            texts[before] += texts[index]
            texts[index] = ""
    return texts


def _readable(parts: list[Any], text: str, right_to_left: bool = False) -> list[Any]:
    """Shaped parts (frag, ShapedStr) of `text` in one font, each glyph drawn with a character
    that reads as its share of its cluster's text (`_cluster_texts`; `right_to_left` for a
    run shaped right to left). A glyph drawn to the left of where it stands (a mark placed on
    the letter before) gets as its width the room back to where the next glyph starts, so that
    the PDF does not step back to draw it and then forward again, a step that text extraction
    takes for a space between words. A raised or lowered glyph (a vowel sign) that would start
    a part (a right-to-left word is drawn from its last letter) or follow another raised or
    lowered glyph (Khmer's stacked letters) gets a blank before it that takes no room and reads
    as nothing: reportlab cannot start a piece of text with one, and after another it would
    leave the rest of the line raised or lowered with it. In a right-to-left run, a sign moved
    onto its letter reads as nothing, and the blank before it, on the line where its letter
    starts, reads as the sign: a reader would take a character off the line for another line,
    or a gap between words."""
    font = pdfmetrics.getFont(parts[0][0].fontName)
    if not isinstance(font, ShapedTTFont):
        return parts
    data = [sd for _frag, shaped in parts for sd in shaped.__shapeData__]
    reads = iter(_cluster_texts([sd.cluster for sd in data], [sd.x_advance for sd in data], text, right_to_left))
    face = font.face
    out = []
    for frag, shaped in parts:
        chars = []
        shape_data = []
        before = None
        for char, sd in zip(shaped, shaped.__shapeData__, strict=True):
            reading = next(reads)
            carried = right_to_left and reading and not sd.x_advance and (sd.x_offset or sd.y_offset)
            if carried or sd.y_offset and (before is None or _moves_baseline_again(before, sd)):
                space = face.charToGlyph.get(32)
                blank = None if space is None else font.reading_code(space, reading if carried else "", 0)
                if blank is not None:
                    chars.append(chr(blank))
                    shape_data.append(sd._replace(x_advance=0, y_advance=0, x_offset=0, y_offset=0, width=0))
                    reading = "" if carried else reading
            before = sd
            width = sd.x_advance - sd.x_offset if sd.x_offset and sd.x_advance - sd.x_offset > 0 else sd.width
            code = None
            if reading != char or width != sd.width:
                code = font.reading_code(face.charToGlyph[ord(char)], reading, width)
            if code is None:
                chars.append(char)
                shape_data.append(sd)
            else:
                chars.append(chr(code))
                shape_data.append(sd._replace(width=width))
        out.append((frag, ttfonts.ShapedStr("".join(chars), shapeData=shape_data)))
    return out


def _moves_baseline_again(before: Any, glyph: Any) -> bool:
    """Whether reportlab, drawing `glyph` (raised or lowered) after the raised or lowered glyph
    `before`, would set the baseline twice in a row (once back, once for `glyph`)."""
    return bool(before.y_offset) and (before.cluster, before.y_offset) != (glyph.cluster, glyph.y_offset)


def text_width(text: str, font_name: str, size: float) -> float:
    """The printed width of `text` (in the order it prints) set in `font_name`, shaped if the
    font is."""
    if text and font_name in _shaped_fonts:
        if _right_to_left_span(text) is not None:  # shaped in reading order, as `_shape_group` does
            text = _reading_order([(None, text)])[0][1]
        shaped = ttfonts.shapeStr(text, font_name, size)
        data = getattr(shaped, "__shapeData__", None)
        if data:
            return sum(d.x_advance for d in data) * size / 1000
    return pdfmetrics.stringWidth(text, font_name, size)
