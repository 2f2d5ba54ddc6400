"""How a long piece of text is named in one line, and a number of things in words. Pure Python."""

from __future__ import annotations


def first_line(text: str | None, limit: int = 80) -> str:
    """The text's first line that has words, cut to `limit` characters with "…" where it goes
    on: how an action, a decision, a record in the history or a search hit is named in a list
    or a message. "" for no text."""
    line = next((part.strip() for part in (text or "").splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def counted(n: int | None, word: str, plural: str = "") -> str:
    """'1 session', '2 sessions', '1,230 delegates' ('0' for None); `plural` where adding "s" is
    not it ('2 delegates booked')."""
    n = n or 0
    return f"{n:,} {word if n == 1 else plural or word + 's'}"
