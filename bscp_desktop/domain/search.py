"""What a person typed into the search box, as the words to look for. Pure Python.

People type questions ("When did we last discuss neglect?") as often as keywords. The words
that carry no meaning of their own (when, did, we, last, discuss, the ...) are dropped, unless
nothing would be left; every remaining word must appear, as a whole word or the start of one,
in any form ("neglect" finds "neglected" and "neglectful"). A word of one or two letters must
appear whole ("b" finds "B", not every word starting with b), which also keeps a short word
quick over a large index. Nothing typed becomes query syntax: quotes, brackets, AND/OR/NOT and
asterisks are just characters.

This is the one place where typed text becomes a full-text query: the search of what was said
(`db/search.py`) and the change log's search both use it.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TERMS = 12
WHOLE_WORD_BELOW = 3  # terms shorter than this match whole words only

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

#: Words of a question or a sentence that say nothing about what to find.
STOP_WORDS = frozenset(
    """
    a about after again all also am an and any anything are as at be been before being both but by
    can could did do does doing done during each ever find for found from had has have having he her
    him his how i if in into is it its last latest me more most my no nor not of on once or other
    our out over own said same say says she should show so some such talk talked talking tell than
    that the their them then there these they this those through to too under until up us very was
    we were what when where which while who whom why will with would you your discuss discussed
    discussing discussion discussions mention mentioned mentions meeting meetings recently time
    times
    """.split()
)


def search_terms(text: str) -> list[str]:
    """The words to look for, case-folded, in the order typed, without repeats; letters composed
    as text is saved (`validation.clean_text`), so "Zoë" pasted as e and a diaeresis finds "Zoë"."""
    words = [w.casefold().replace("’", "'") for w in _WORD.findall(unicodedata.normalize("NFC", str(text or "")))]
    unique = list(dict.fromkeys(words))
    meaningful = [w for w in unique if w not in STOP_WORDS]
    return (meaningful or unique)[:MAX_TERMS]


def whole_word(term: str) -> bool:
    """True for a term that must appear as a whole word (one or two letters)."""
    return len(term) < WHOLE_WORD_BELOW


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term, each as a quoted prefix ("neglect"*), or as a
    quoted whole word when it has one or two letters ("b")."""
    return " AND ".join(
        '"' + term.replace('"', '""') + '"' + ("" if whole_word(term) else "*") for term in terms
    )


def _starts(word: str, term: str) -> bool:
    return word == term if whole_word(term) else word.startswith(term)


def matches_text(terms: list[str], text: str) -> bool:
    """True when every term starts a word of `text` (is one, for a short term): the
    plain-Python form of the same rule, for databases without a full-text index."""
    words = [w.casefold() for w in _WORD.findall(text or "")]
    return all(any(_starts(w, t) for w in words) for t in terms)


def _pattern(terms: list[str]) -> re.Pattern:
    """A term at the start of a word (a whole word, for a short term), in any case."""
    parts = [re.escape(t) + (r"(?![^\W_])" if whole_word(t) else "") for t in terms]
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + ")", re.IGNORECASE)


def snippet(text: str, terms: list[str], words: int = 16) -> str | None:
    """A short passage of `text` around the first word a term starts, with every such word in
    [brackets] ("… partners raised [neglected] teeth in young children …"); None when no term
    starts a word of `text`."""
    text = str(text or "")
    pattern = _pattern(terms) if terms else None
    first = pattern.search(text) if pattern else None
    if first is None:
        return None
    tokens = text.split()
    at = len(text[: first.start()].split())
    start = max(0, min(at - words // 3, len(tokens) - words))
    shown = [f"[{tok}]" if pattern.search(tok) else tok for tok in tokens[start: start + words]]
    return ("… " if start > 0 else "") + " ".join(shown) + (" …" if start + words < len(tokens) else "")


def opening(text: str, words: int = 16) -> str:
    """The first words of a text (for a record found by another form of a word)."""
    tokens = str(text or "").split()
    return " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")
