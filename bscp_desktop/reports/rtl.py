"""Just enough right-to-left handling for Arabic script and Hebrew in PDFs.

reportlab draws characters left to right as stored, with no shaping. That prints "محمد" as
separate letters in reverse order. This module puts text into the order it prints:

* Arabic letters are replaced by their contextual presentation forms (initial, medial,
  final, isolated; lam-alef ligatures), derived from the Unicode database, so words join;
* each right-to-left run is reversed into visual order (numbers inside keep their order,
  combining marks stay with their letter, brackets are mirrored). A number after
  right-to-left text belongs to its run, as the Unicode bidirectional algorithm resolves
  numbers: "שלום 123" shows as "123 םולש", "Case 12 عمران 34" as "Case 12 34 نارمع".

A paragraph is broken into lines in reading order first and each line is then put into
visual order (`pdf.escaping.paragraph` does this), so a long passage that wraps reads its
lines top to bottom. `visual_text` lays out one line of a left-to-right paragraph (a name in
Arabic script inside English text; its spaces become no-break spaces when the run is short,
so the name is not split across lines). `LineLayout` and `visual_line` also lay out a line of
a right-to-left paragraph (one that starts in Arabic or Hebrew): it reads right to left as a
whole, with English words and numbers inside kept left to right.

A name put into running text by the program (a partner owing money, "مدرسة النور £1,500.00;
Kilburn Academy £700.00") is wrapped in `isolate`: its direction is its own and the text round
it sees it as one neutral character, so the amount after it is not drawn into its run (as the
isolates of the Unicode bidirectional algorithm, U+2066 to U+2069, which print as nothing).
This is not the full Unicode bidirectional algorithm (no explicit embeddings or overrides).
PDF text extraction (e.g. pypdf) reverses right-to-left runs back into logical order;
presentation forms come back as NFKC-equivalent characters.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata

from bscp_desktop.domain.text import PDI, has_right_to_left

_FORMS = ("isolated", "final", "initial", "medial")
_ALEFS = ("\u0622", "\u0623", "\u0625", "\u0627")
_LAM = "\u0644"
_JOIN_CAUSING = ("\u0640", "\u200d")  # tatweel, zero width joiner
_RTL = ("R", "AL")
_NUMBER = ("EN", "AN")
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_OPENING, _CLOSING = "([{", ")]}"
_SHORT_RUN = 40
_OPENS = {"\u2066": False, "\u2067": True, "\u2068": None}  # LRI, RLI, FSI (its first letter's direction)
_NO_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
_NEUTRAL = "\ufffc"  # what the text round an isolate sees in its place (bidirectional class ON)


@functools.cache
def _tables() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(letter -> {form: presentation char}, alef -> {form: lam-alef ligature})."""
    forms: dict[str, dict[str, str]] = {}
    lam_alef: dict[str, dict[str, str]] = {}
    # Presentation Forms-B first: it holds the standard forms of the basic letters.
    for start, end in ((0xFE70, 0xFEFF), (0xFB50, 0xFDFF)):
        for code in range(start, end + 1):
            parts = unicodedata.decomposition(chr(code)).split()
            if not parts or parts[0][1:-1] not in _FORMS:
                continue
            form = parts[0][1:-1]
            if len(parts) == 2:
                forms.setdefault(chr(int(parts[1], 16)), {}).setdefault(form, chr(code))
            elif len(parts) == 3 and parts[1] == "0644" and chr(int(parts[2], 16)) in _ALEFS:
                lam_alef.setdefault(chr(int(parts[2], 16)), {}).setdefault(form, chr(code))
    return forms, lam_alef


def _is_arabic(char: str) -> bool:
    code = ord(char)
    return 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF


def _joining_type(char: str, forms: dict[str, dict[str, str]]) -> str:
    """D dual, R right, C join-causing, T transparent, U non-joining."""
    if char in _JOIN_CAUSING:
        return "C"
    if ord(char) in _NO_ISOLATES:  # letters do not join across an isolate's edge
        return "U"
    letter_forms = forms.get(char) if _is_arabic(char) else None
    if letter_forms:
        if "initial" in letter_forms or "medial" in letter_forms:
            return "D"
        if "final" in letter_forms:
            return "R"
        return "U"
    if unicodedata.category(char) in ("Mn", "Me") or (
        unicodedata.category(char) == "Cf" and char != "\u200c"
    ):
        return "T"
    return "U"


def shape_arabic(text: str) -> str:
    """Replace Arabic letters by their contextual presentation forms (logical order kept)."""
    if not any(_is_arabic(c) for c in text):
        return text
    forms, lam_alef = _tables()
    types = [_joining_type(c, forms) for c in text]
    n = len(text)

    def neighbour(index: int, step: int) -> str:
        k = index + step
        while 0 <= k < n and types[k] == "T":
            k += step
        return types[k] if 0 <= k < n else "U"

    out: list[str] = []
    i = 0
    while i < n:
        char = text[i]
        kind = types[i]
        if kind not in ("D", "R"):
            out.append(char)
            i += 1
            continue
        joins_prev = neighbour(i, -1) in ("D", "C")
        if char == _LAM:
            k = i + 1
            while k < n and types[k] == "T":  # vowel marks may sit between lam and alef
                k += 1
            if k < n and text[k] in lam_alef:
                ligature = lam_alef[text[k]].get("final" if joins_prev else "isolated")
                if ligature:
                    out.append(ligature)
                    out.extend(text[i + 1 : k])  # the marks follow the ligature
                    i = k + 1
                    continue
        joins_next = kind == "D" and neighbour(i, 1) in ("D", "R", "C")
        if joins_prev and joins_next:
            form = "medial"
        elif joins_prev:
            form = "final"
        elif joins_next:
            form = "initial"
        else:
            form = "isolated"
        letter_forms = forms[char]
        out.append(letter_forms.get(form) or letter_forms.get("isolated") or char)
        i += 1
    return "".join(out)


def _weak_types(text: str, start: str = "L") -> list[str]:
    """Each character's bidirectional class with numbers resolved as the Unicode
    bidirectional algorithm resolves them (rules W1 to W7) in a paragraph of direction `start`
    ("L" or "R"):
    digits after Arabic letters are Arabic numbers, a separator between two digits of one
    kind of number ("12:30", "1,5") and signs beside European digits ("£5", "5%") are part of
    the number, and digits after Latin text read as Latin."""
    types = [unicodedata.bidirectional(c) for c in text]
    strong, previous = "L", "ON"
    for i, kind in enumerate(types):
        if kind == "NSM":  # W1: a mark takes its letter's class
            types[i] = kind = previous if previous not in ("B", "S", "WS") else "ON"
        if kind in ("L", "R", "AL"):
            strong = kind
        elif kind == "EN" and strong == "AL":  # W2
            types[i] = "AN"
        previous = types[i]
    n = len(types)
    for i in range(1, n - 1):  # W4: one separator between two digits of the same kind
        before, after = types[i - 1], types[i + 1]
        if before == after and (
            (types[i] == "ES" and before == "EN") or (types[i] == "CS" and before in _NUMBER)
        ):
            types[i] = before
    for i, kind in enumerate(types):  # W5: signs beside European digits
        if kind != "ET":
            continue
        j = i
        while j < n and types[j] == "ET":
            j += 1
        k = i
        while k > 0 and types[k - 1] == "ET":
            k -= 1
        if (j < n and types[j] == "EN") or (k > 0 and types[k - 1] == "EN"):
            types[i] = "EN"
    strong = start
    for i, kind in enumerate(types):  # W6 and W7
        if kind in ("ES", "ET", "CS"):
            types[i] = "ON"
        elif kind in ("L", "R", "AL"):
            strong = kind
        elif kind == "EN" and strong == "L":
            types[i] = "L"
    return ["R" if kind == "AL" else kind for kind in types]


def _reverse_run(run: str, types: list[str]) -> str:
    """Visual order for one right-to-left run (`types`: its characters' resolved classes)."""
    return _whole_if_short("".join(reversed(_run_units(run, types))))


def _whole_if_short(text: str) -> str:
    return text.replace(" ", "\u00a0") if len(text) <= _SHORT_RUN else text


def _run_units(run: str, types: list[str]) -> list[str]:
    """The pieces of a right-to-left run that keep their order when it is reversed: a number,
    a letter with its marks, a mirrored bracket."""
    units: list[str] = []
    i = 0
    n = len(run)
    while i < n:
        char = run[i]
        kind = types[i]
        j = i + 1
        if kind in _NUMBER:  # a number reads left to right even inside Arabic
            while j < n and types[j] == kind:
                j += 1
        else:
            while j < n and unicodedata.bidirectional(run[j]) == "NSM":
                j += 1
            if j == i + 1 and char in _MIRROR:
                char = _MIRROR[char]
                units.append(char)
                i = j
                continue
        units.append(run[i:j])
        i = j
    return units


def _rtl_runs(text: str, types: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each right-to-left run of a line in a left-to-right paragraph."""
    runs: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        if types[i] != "R":
            i += 1
            continue
        # The run goes on to its last right-to-left letter or to a number after it: a number
        # that follows right-to-left text is read with it ("שלום 123" shows the number on
        # the left of the word).
        last = i
        k = i + 1
        while k < n and types[k] not in ("L", "B", "S"):
            if types[k] == "R" or types[k] in _NUMBER:
                last = k
            k += 1
        end = last + 1
        while end < n and unicodedata.bidirectional(text[end]) == "NSM":
            end += 1
        runs.append((i, end))
        i = end
    return runs


def _isolate_spans(text: str) -> list[tuple[int, int, int]]:
    """(initiator, its matching PDI or the end of the line, end of the span) of each outermost
    isolate of a line; isolates inside one are its own text's."""
    spans: list[tuple[int, int, int]] = []
    depth, opened = 0, 0
    for i, char in enumerate(text):
        if char in _OPENS:
            if depth == 0:
                opened = i
            depth += 1
        elif char == PDI and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, i, i + 1))
    if depth:
        spans.append((opened, len(text), len(text)))
    return spans


def _outside(text: str, spans: list[tuple[int, int, int]]) -> str:
    """`text` as the text round its isolates sees it: each isolate a run of neutrals."""
    if not spans:
        return text
    out = list(text)
    for start, _close, end in spans:
        out[start:end] = _NEUTRAL * (end - start)
    return "".join(out)


def is_right_to_left(text: str) -> bool | None:
    """The direction of a paragraph as its first letter sets it (the letters of an isolate
    are left out): True for Arabic script or Hebrew, False for Latin and other left-to-right
    scripts, None when it has no letters."""
    for char in _outside(text, _isolate_spans(text)):
        kind = unicodedata.bidirectional(char)
        if kind in _RTL:
            return True
        if kind == "L":
            return False
    return None


def keep_names_whole(text: str) -> str:
    """`text` (shaped, reading order) with the spaces of each short right-to-left run (a
    name in a left-to-right paragraph) and of each short isolate with right-to-left letters
    made no-break spaces, as `visual_text` prints them, so the name is not broken across
    lines. Same length as `text`."""
    out = list(text)
    spans = _isolate_spans(text)
    outside = _outside(text, spans)
    whole = _rtl_runs(outside, _weak_types(outside))
    whole += [(start + 1, close) for start, close, _end in spans if has_right_to_left(text[start:close])]
    for start, end in whole:
        if end - start <= _SHORT_RUN:
            out[start:end] = text[start:end].replace(" ", "\u00a0")
    return "".join(out)


def visual_text(text: str) -> str:
    """Shape Arabic and put each right-to-left run into visual order, for a line of a
    left-to-right paragraph (see module doc)."""
    if not has_right_to_left(text):
        return text.translate(_NO_ISOLATES)
    text = shape_arabic(text)
    return LineLayout(text, False).printed(0, len(text))


def _bracket_pairs(text: str, types: list[str]) -> list[tuple[int, int]]:
    """Matching brackets of a line, in the order of their opening bracket (rule BD16)."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(text):
        if types[i] != "ON":
            continue
        if char in _OPENING:
            if len(stack) == 63:
                break
            stack.append((_MIRROR[char], i))
        elif char in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _right_to_left_levels(text: str, types: list[str]) -> list[bool]:
    """For each character of a line of a right-to-left paragraph, whether it is in a
    left-to-right stretch (Latin words and numbers; rules N0, N1, N2 and I2 of the Unicode
    bidirectional algorithm): a space or sign between two such stretches joins them, and a
    pair of brackets round Latin text after Latin text reads with it."""
    n = len(types)
    strong = ["L" if kind == "L" else "R" if kind in ("R", *_NUMBER) else "" for kind in types]
    for start, end in _bracket_pairs(text, types):  # N0
        inside = set(strong[start + 1 : end])
        if "R" in inside:
            strong[start] = strong[end] = "R"
        elif "L" in inside:
            before = next((strong[k] for k in range(start - 1, -1, -1) if strong[k]), "R")
            strong[start] = strong[end] = before
    left = [False] * n
    i = 0
    while i < n:
        if strong[i]:
            left[i] = strong[i] == "L" or types[i] in _NUMBER  # numbers read left to right
            i += 1
            continue
        j = i
        while j < n and not strong[j]:
            j += 1
        before = strong[i - 1] if i > 0 else "R"
        after = strong[j] if j < n else "R"
        for k in range(i, j):
            left[k] = before == after == "L"
        i = j
    return left


class LineLayout:
    """One line of a paragraph (up to a new line), in reading order with Arabic already shaped
    (`shape_arabic`), to be printed as one or more lines. Numbers, signs and spaces take their
    direction from the whole of it, as the bidirectional algorithm resolves them before a
    paragraph is broken into lines; `printed` then gives one printed line in its order. Each
    isolate (`isolate`) is laid out on its own and stands as one neutral in the line."""

    def __init__(self, text: str, right_to_left: bool) -> None:
        self.text = text
        self.right_to_left = right_to_left
        spans = _isolate_spans(text)
        self._isolates = [(start, close, end, _inner_layout(text[start], text[start + 1 : close])) for start, close, end in spans]
        self._isolate_starts = [start for start, _close, _end in spans]
        outside = _outside(text, spans)
        self._types = _weak_types(outside, "R" if right_to_left else "L")
        if right_to_left:
            self._left = _right_to_left_levels(outside, self._types)
        else:
            self._runs = _rtl_runs(outside, self._types)
            self._run_ends = [run_end for _start, run_end in self._runs]

    def printed(self, start: int, end: int) -> str:
        """`text[start:end]` in the order it prints. In a right-to-left paragraph the line
        reads right to left, with English words and numbers inside kept left to right and
        brackets mirrored; in a left-to-right one each right-to-left run is reversed."""
        if self.right_to_left:
            return self._right_to_left_line(start, end).translate(_NO_ISOLATES)
        pieces: list[str] = []
        done = start
        for run_start, run_end in self._runs[bisect.bisect_right(self._run_ends, start) :]:
            if run_start >= end:
                break
            low, high = max(run_start, start), min(run_end, end)
            pieces += [self._as_typed(done, low), self._reversed(low, high)]
            done = high
        return ("".join(pieces) + self._as_typed(done, end)).translate(_NO_ISOLATES)

    def _pieces(self, start: int, end: int) -> list[tuple[int, int, str | None]]:
        """`text[start:end]` cut at the edges of its isolates: (start, end, None) for text of
        the line itself, (start, end, printed) for (part of) an isolate, laid out on its own."""
        pieces: list[tuple[int, int, str | None]] = []
        k = max(bisect.bisect_right(self._isolate_starts, start) - 1, 0)
        i = start
        for begin, close, stop, layout in self._isolates[k:]:
            if i >= end:
                break
            if stop <= i:
                continue
            if begin > i:
                pieces.append((i, min(begin, end), None))
                i = min(begin, end)
                if i >= end:
                    break
            j = min(end, stop)
            low, high = max(i, begin + 1) - begin - 1, min(j, close) - begin - 1
            printed = layout.printed(low, high) if low < high else ""
            if close - begin - 1 <= _SHORT_RUN and has_right_to_left(layout.text):
                printed = printed.replace(" ", "\u00a0")  # a name kept whole, as a short run is
            pieces.append((i, j, printed))
            i = j
        if i < end:
            pieces.append((i, end, None))
        return pieces

    def _as_typed(self, start: int, end: int) -> str:
        if not self._isolates:
            return self.text[start:end]
        return "".join(self.text[i:j] if printed is None else printed for i, j, printed in self._pieces(start, end))

    def _reversed(self, start: int, end: int) -> str:
        """A right-to-left run of a left-to-right line, an isolate inside it kept as one piece."""
        units: list[str] = []
        for i, j, printed in self._pieces(start, end):
            units += _run_units(self.text[i:j], self._types[i:j]) if printed is None else [printed]
        return _whole_if_short("".join(reversed(units)))

    def _right_to_left_line(self, start: int, end: int) -> str:
        """A line of a right-to-left paragraph: a left-to-right stretch (an isolate in it
        too) keeps its order, the rest reads right to left with brackets mirrored."""
        text, left = self.text, self._left
        units: list[str] = []
        joins = False  # whether the next left-to-right piece goes on from the last unit
        for i, j, printed in self._pieces(start, end):
            if printed is not None:
                if left[i] and joins:
                    units[-1] += printed
                else:
                    units.append(printed)
                joins = left[i]
                continue
            while i < j:
                k = i + 1
                if left[i]:
                    while k < j and left[k]:
                        k += 1
                    if joins:
                        units[-1] += text[i:k]
                    else:
                        units.append(text[i:k])
                    joins = True
                else:
                    while k < j and not left[k] and unicodedata.bidirectional(text[k]) == "NSM":
                        k += 1
                    units.append(_MIRROR.get(text[i], text[i]) + text[i + 1 : k])
                    joins = False
                i = k
        return "".join(reversed(units))


def _inner_layout(initiator: str, text: str) -> LineLayout:
    """The layout of an isolate's text (its initiator and PDI left off) in its own direction:
    the initiator's, or (FSI) its first letter's."""
    direction = _OPENS[initiator]
    return LineLayout(text, bool(is_right_to_left(text)) if direction is None else direction)


def visual_line(text: str, right_to_left: bool) -> str:
    """One printed line in the order it prints (Arabic shaped): `visual_text` in a
    left-to-right paragraph; in a right-to-left one the line reads right to left."""
    text = shape_arabic(text)
    return LineLayout(text, right_to_left).printed(0, len(text))
