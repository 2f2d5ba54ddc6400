"""Just enough right-to-left handling for names in Arabic script and Hebrew in PDFs.

reportlab draws characters left to right as stored, with no shaping. That prints "محمد" as
separate letters in reverse order. `visual_text` fixes the common case, a name or phrase in
Arabic script or Hebrew inside a left-to-right document:

* Arabic letters are replaced by their contextual presentation forms (initial, medial,
  final, isolated; lam-alef ligatures), derived from the Unicode database, so words join;
* each right-to-left run is reversed into visual order (numbers inside keep their order,
  combining marks stay with their letter, brackets are mirrored), and its spaces become
  no-break spaces when the run is short, so a name is not split across lines.

This is not the full Unicode bidirectional algorithm: a paragraph is always laid out left to
right, and a long right-to-left passage that wraps reads its lines top to bottom in the wrong
order. PDF text extraction (e.g. pypdf) reverses right-to-left runs back into logical order;
presentation forms come back as NFKC-equivalent characters.
"""

from __future__ import annotations

import functools
import unicodedata

_FORMS = ("isolated", "final", "initial", "medial")
_ALEFS = ("\u0622", "\u0623", "\u0625", "\u0627")
_LAM = "\u0644"
_JOIN_CAUSING = ("\u0640", "\u200d")  # tatweel, zero width joiner
_RTL = ("R", "AL")
_NUMBER = ("EN", "AN")
_NUMBER_INNER = ("CS", "ET", "EN", "AN")
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_SHORT_RUN = 40


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


def _reverse_run(run: str) -> str:
    """Visual order for one right-to-left run."""
    units: list[str] = []
    i = 0
    n = len(run)
    while i < n:
        char = run[i]
        cls = unicodedata.bidirectional(char)
        j = i + 1
        if cls in _NUMBER:  # a number reads left to right even inside Arabic
            while j < n and unicodedata.bidirectional(run[j]) in _NUMBER_INNER:
                j += 1
            while j > i + 1 and unicodedata.bidirectional(run[j - 1]) not in _NUMBER:
                j -= 1
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
    text = "".join(reversed(units))
    return text.replace(" ", "\u00a0") if len(text) <= _SHORT_RUN else text


def visual_text(text: str) -> str:
    """Shape Arabic and put each right-to-left run into visual order (see module doc)."""
    classes = [unicodedata.bidirectional(c) for c in text]
    if not any(c in _RTL for c in classes):
        return text
    text = shape_arabic(text)
    classes = [unicodedata.bidirectional(c) for c in text]
    out: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        if classes[i] not in _RTL:
            out.append(text[i])
            i += 1
            continue
        last = i
        k = i + 1
        while k < n and classes[k] not in ("L", "B", "S"):
            if classes[k] in _RTL:
                last = k
            k += 1
        end = last + 1
        while end < n and classes[end] == "NSM":
            end += 1
        out.append(_reverse_run(text[i:end]))
        i = end
    return "".join(out)
