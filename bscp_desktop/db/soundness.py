"""Reading a database file for damage, as every part of the program reads it (opening it, its
start-up backup, `check`, a restore), telling damage apart from another program holding the file
(`held`: a file held is not damaged, and waiting is the cure, never a restore), and mending a
copy whose only damage is its indexes (`rebuild_indexes`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: How every part of the program reads a file for damage (opening it, its start-up backup, `check`,
#: a restore): every page, and every index against the records it lists. `quick_check` skips the
#: indexes, so a file it passes could be opened and backed up, yet `check` and a restore refused it.
SOUND = "integrity_check"

#: What a user is told when another program holds the database file (SQLite's "database is
#: locked", "database table is locked"; its busy error): the records are fine, and waiting is the cure.
IN_USE = ("Another program is using the database file (a backup or sync tool, or a database browser), so it "
          "could not be read or changed just now; nothing was changed. Try again in a moment.")

#: SQLite's primary result codes for a file another connection holds: busy (its lock is held
#: elsewhere, past the wait allowed), locked (a table of it held by another connection).
_BUSY, _LOCKED = 5, 6


def held(exc: BaseException) -> bool:
    """Whether SQLite's failure (or the database layer's, wrapping it) is another program holding
    the file, not damage to it: SQLite's busy or locked result, by its code where the driver gives one."""
    exc = getattr(exc, "orig", None) or exc
    if not isinstance(exc, sqlite3.Error):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_BUSY, _LOCKED)
    text = str(exc).lower()
    return "database is locked" in text or "database table is locked" in text or "database is busy" in text


def integrity_rows(con: sqlite3.Connection, pragma: str = SOUND) -> list[tuple]:
    """What `PRAGMA <pragma>` finds in the file; where it stops part-way (an index too damaged to
    follow), the problems `quick_check` finds in its pages, or else why it stopped. A file another
    program holds raises SQLite's error (`held`): it was not read, so nothing is found in it."""
    try:
        return con.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        if pragma == "quick_check" or held(exc):
            raise
        found = con.execute("PRAGMA quick_check").fetchall()
        return found if found != [("ok",)] else [(str(exc),)]


def schema_version(con: sqlite3.Connection, whole: bool = False) -> str | None:
    """The schema version of the BSCP Desktop database open on `con`; None where it has none (or,
    if `whole`, a page or index of it is not sound)."""
    if whole and integrity_rows(con) != [("ok",)]:
        return None
    rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
    return rows[0][0] if len(rows) == 1 else None


def integrity_words(result: list[tuple]) -> str:
    """What `PRAGMA quick_check` or `integrity_check` found, for a sentence: "ok", or its first
    problem and how many more (SQLite lists up to a hundred, each over several lines)."""
    if result == [("ok",)]:
        return "ok"
    found = [line.strip() for row in result for line in str(row[0]).splitlines()
             if line.strip() and not line.startswith("***")]
    if not found:
        return str(result[0][0]) if result else "no answer"
    more = len(found) - 1
    return found[0] + (f", and {more} more problem{'s' if more > 1 else ''}" if more else "")


def rebuild_indexes(copy: Path) -> bool:
    """In a working copy: rebuild its indexes from its records when only they are damaged (every
    page and record reads back whole, `quick_check`), as a backup kept by earlier versions of a
    file with a damaged index is. True if they were rebuilt; False for other damage, or none."""
    con = sqlite3.connect(copy)
    try:
        if con.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return False
        con.execute("REINDEX")
        con.commit()
        return True
    except sqlite3.Error:  # the records themselves do not read back, or break a unique index
        return False
    finally:
        con.close()
