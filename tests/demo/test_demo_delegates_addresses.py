"""The demo's training delegates have e-mail addresses spelt from their names, as an officer
would type them: the accents of a name folded away, never its letters dropped."""

from __future__ import annotations

import sqlite3
import unicodedata


def _plain(text: str) -> str:
    letters = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in letters if ch.isascii() and (ch.isalnum() or ch == "."))


def test_an_accented_name_gives_its_letters_to_the_address(demo_file):
    with sqlite3.connect(demo_file) as con:
        rows = con.execute("SELECT delegate_name, email FROM training_booking WHERE email IS NOT NULL").fetchall()
    accented = [(name, email) for name, email in rows if not name.isascii()]
    assert accented, "the demo has delegates with accented names"
    for name, email in accented:
        first, last = name.split(" ", 1)
        assert email.split("@")[0] == f"{_plain(first)}.{_plain(last)}", (name, email)
    assert any(".nguyen@" in email for _name, email in accented)  # Nguyễn
