"""How a long piece of text is named in one line, a number of things in words, a name kept
whole in a sentence of another direction, and the order names are listed in. Pure Python."""

from __future__ import annotations

import unicodedata

from bscp_desktop.domain.search import fold

#: FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE (Unicode's bidirectional isolates): they print as nothing.
FSI, PDI = "\u2068", "\u2069"
_RTL = ("R", "AL")


def first_line(text: str | None, limit: int = 80) -> str:
    """The text's first line that has words, cut to `limit` characters with "…" where it goes
    on: how an action, a decision, a record in the history or a search hit is named in a list
    or a message. "" for no text."""
    line = next((part.strip() for part in (text or "").splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def duration_words(minutes: int) -> str:
    """A length of time as the program words it: 125 minutes as "2 h 5 min", 120 as "2 h", 45 as
    "45 min" (a course's length, a session's on its certificate, an agenda's timings)."""
    hours, rest = divmod(minutes, 60)
    return " ".join(p for p in (f"{hours} h" if hours else "", f"{rest} min" if rest or not hours else "") if p)


def counted(n: int | None, word: str, plural: str = "") -> str:
    """'1 session', '2 sessions', '1,230 delegates' ('0' for None); `plural` where adding "s" is
    not it ('2 delegates booked')."""
    n = n or 0
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def has_right_to_left(text: str) -> bool:
    """Whether `text` has a letter of a right-to-left script (Arabic, Hebrew, ...)."""
    return any(unicodedata.bidirectional(c) in _RTL for c in text)


def isolate(text: str) -> str:
    """`text` as one piece of running text with its own direction (FSI ... PDI): a name in
    Arabic script in an English sentence keeps the amount or the punctuation after it out of
    its run, and a sentence it starts is still read left to right. Text without right-to-left
    letters needs none and comes back as it is."""
    return f"{FSI}{text}{PDI}" if has_right_to_left(text) else text


def alphabetical(text: str | None) -> str:
    """The key `text` is put in order by, wherever names are listed (lists, pickers, workbooks,
    PDFs): in any case and with accents read as the program's search reads them (`search.fold`),
    so "Émile" sorts under E, "Łukasz" under L and "Özlem" under O, not after Z. Names the same
    but for their accents or case keep one order too: without accents first, then by the name as
    written ("Jose" before "José"). The same in SQLite and PostgreSQL: it is worked out in Python."""
    text = text or ""
    if text.isascii():
        return text.lower()
    return f"{fold(text)}\0{text.casefold()}"
