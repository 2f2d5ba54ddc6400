"""Just enough right-to-left handling for names in Arabic script and Hebrew in PDFs.

reportlab draws characters left to right as stored, with no shaping. That prints "محمد" as
separate letters in reverse order. `visual_text` fixes the common case, a name or phrase in
Arabic script or Hebrew inside a left-to-right document:

* Arabic letters are replaced by their contextual presentation forms (initial, medial,
  final, isolated; lam-alef ligatures), derived from the Unicode database, so words join;
* each right-to-left run is reversed into visual order (numbers inside keep their order,
  combining marks stay with their letter, brackets are mirrored), and its spaces become
  no-break spaces when the run is short, so a name is not split across lines. A number after
  right-to-left text belongs to its run, as the Unicode bidirectional algorithm resolves
  numbers: "שלום 123" shows as "123 םולש", "Case 12 عمران 34" as "Case 12 34 نارمع".

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


def _weak_types(text: str) -> list[str]:
    """Each character's bidirectional class with numbers resolved as the Unicode
    bidirectional algorithm resolves them (rules W1 to W7) in a left-to-right paragraph:
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
    strong = "L"
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
    text = "".join(reversed(units))
    return text.replace(" ", "\u00a0") if len(text) <= _SHORT_RUN else text


def visual_text(text: str) -> str:
    """Shape Arabic and put each right-to-left run into visual order (see module doc)."""
    if not any(unicodedata.bidirectional(c) in _RTL for c in text):
        return text
    text = shape_arabic(text)
    types = _weak_types(text)
    out: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        if types[i] != "R":
            out.append(text[i])
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
        out.append(_reverse_run(text[i:end], types[i:end]))
        i = end
    return "".join(out)
