"""A database's own failure in words a user can act on, for the window and the command line.

A driver's error, as the database layer wraps it, carries the SQL it was running; a value held
in the file that this version cannot read (a date, a choice or a sum written by another program)
fails deep inside the reading of a row with Python's words, and text left where JSON is kept (a
setting, a yearly report section's figures) is met as the service reads it
(`stored_values.UnreadableValue`, naming the record). None is said as it is: a value that cannot
be read is named as `check` finds it (`unreadable_words`), by its record and field."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from bscp_desktop.db import soundness
from bscp_desktop.db.stored_values import EMPTY, BadValue, UnreadableValue

#: Where a value read from the file is turned into Python's: the database layer's processing of
#: each row and of a column type of the program's own (a stored choice is turned into its kind
#: by `enum`, seen below).
_READING = (f"{os.sep}sqlalchemy{os.sep}engine{os.sep}", f"{os.sep}sqlalchemy{os.sep}sql{os.sep}type_api")


#: What a user is told when the database's unique index refuses a save (PostgreSQL's 23505,
#: SQLite's "UNIQUE constraint failed"): another officer saved the same thing (the next
#: reference, a name) at the same moment. The records are fine; saving again finds theirs.
SAVED_AT_ONCE = ("Another officer saved the same thing at the same moment, so this could not be saved; nothing was "
                 "changed. Try again.")


#: What a user is told when another program holds the database file (SQLite's "database is
#: locked", "database table is locked"; its busy error): the records are fine, and waiting is the
#: cure. The same sentence a file held at opening or `check` is refused with (`database.FileHeld`).
IN_USE = soundness.IN_USE


#: How many values this version cannot read a failure names (`check` names them all), and for how
#: many seconds at most the database is searched for them (a large file on a slow disk).
NAMED = 3
SEARCHING = 2.0


def database_words(exc: BaseException, restore: str = "restore a backup from the File menu", check: str = "") -> str:
    """The sentence for a database's failure, never its SQL, ending with what to do (`restore`:
    how a backup is restored where the user is; `check`: a sentence saying how every value that
    cannot be read is found there, said after one is met); '' for any other error."""
    from bscp_desktop.db.database import DatabaseError

    if isinstance(exc, DatabaseError):  # the program's own sentence (the file moved underneath, damaged…)
        said = "restore a backup from the File menu"  # its advice, said where the user is (`restore`)
        return str(exc).replace(said, restore).replace(said[:1].upper() + said[1:], restore[:1].upper() + restore[1:])
    if hasattr(exc, "statement") and hasattr(exc, "orig"):
        text = str(exc.orig or exc).strip()
        reason = text.splitlines()[0].split(" [SQL:")[0].rstrip(". ") if text else type(exc).__name__
        if _server_out_of_reach(exc) and _login_refused(text):  # reached, but the login is no longer let in
            return (f"The team database turned your login away ({reason}); nothing was changed. Your access may "
                    "have been taken away or your password changed: ask whoever looks after the team database, "
                    "then connect again (File > Connect to team database, Change…).")
        if _server_out_of_reach(exc):  # a team database the network no longer reaches: no backup to restore
            return (f"The team database could not be reached ({reason}); nothing was changed. Check the network "
                    "connection (or ask IT whether the server is up) and try again.")
        if "disk is full" in reason:  # nothing wrong with the records: the folder holding them has no room
            return ("The change could not be saved: the folder holding the database is full (no space is left "
                    "on its disk); nothing was changed. Free some space there and try again.")
        if _unique_clash(exc.orig):
            return SAVED_AT_ONCE
        if _in_use(reason) and not _from_server(exc):  # the records are fine: another program has the file
            return IN_USE
        return f"The database could not be read or changed ({reason}); nothing was changed. If this happens again, {restore}."
    if isinstance(exc, sqlite3.Error) and "disk is full" in str(exc):
        return "The folder being written to is full (no space is left on its disk); nothing was changed. Free some space there and try again."
    if _unique_clash(exc):
        return SAVED_AT_ONCE
    if isinstance(exc, sqlite3.Error) and _in_use(str(exc)):
        return IN_USE
    if isinstance(exc, UnicodeEncodeError) and _name_not_text(exc):  # a name's bytes, never a record's value
        shown = exc.object.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return (f"The name {shown} cannot be read as text (it is written in another encoding, as files from an old "
                "USB stick or archive can be): rename that file or folder, using letters, numbers and spaces, and "
                "open it again.")
    if isinstance(exc, UnreadableValue) or (
            isinstance(exc, (ValueError, TypeError, LookupError, ArithmeticError)) and _raised_reading_the_database(exc)):
        return unreadable_words(exc, restore, check)
    return ""


def unreadable_words(exc: BaseException, restore: str = "restore a backup from the File menu", check: str = "") -> str:
    """What is said when a record could not be read for a value it holds (`exc`, met reading it):
    the first few such values of the database it was read from, named by their record and field
    as `check` finds them ("Case review 3: its Decision date holds 'soon' (not a date)"). When none
    can be found (in time), that a record holds one, with what reading it said (never an
    arithmetic error's, which is only its kind)."""
    found = [exc.bad] if isinstance(exc, UnreadableValue) else _found_reading(exc)
    after = f" {check}" if check else ""
    if not found:  # what reading it said is all there is to go on (an arithmetic error's is only its kind)
        said = "" if isinstance(exc, ArithmeticError) or not str(exc).strip() else f" ({str(exc).strip()})"
        return (f"A record in the database holds a value this version cannot read{said}; it may have been changed by "
                f"another program: {restore}.{after}")
    named = "; ".join(value_words(value) for value in found[:NAMED]) + ("; and more" if len(found) > NAMED else "")
    if len(found) == 1:
        return (f"A record in the database holds a value this version cannot read: {named}. It may have been "
                f"changed by another program: {restore}.{after}")
    return (f"Records in the database hold values this version cannot read: {named}. They may have been changed "
            f"by another program: {restore}.{after}")


def value_words(value: BadValue) -> str:
    """One value this version cannot read, by its record and field as the change log names
    them: "Case review 3: its Decision date holds 'soon' (not a date)"."""
    from bscp_desktop.services.history_names import field_label, table_label

    field = field_label(value.column, value.table)
    if value.value is None and value.why == EMPTY:
        return f"{table_label(value.table)} {value.row}: its {field} is empty"
    record = f", {value.record}" if value.record else ""
    return f"{table_label(value.table)} {value.row}: its {field} holds {value.shown()} ({value.why}){record}"


def _found_reading(exc: BaseException) -> list[BadValue]:
    """Up to one more than `NAMED` values this version cannot read, in the database `exc` was
    met reading (found by the traceback's database, session or connection), searched as `check`
    searches for at most `SEARCHING` seconds; none when it cannot be searched. Kept with `exc`,
    so saying it twice searches once."""
    found = getattr(exc, "_unreadable_found", None)
    if found is None:
        try:
            found = _search(_engine_read(exc))
        except Exception:  # noqa: BLE001 - the failure is said all the same, without the values
            found = []
        try:
            exc._unreadable_found = found  # type: ignore[attr-defined]
        except AttributeError:
            pass
    return found


def _engine_read(exc: BaseException):
    """The SQLAlchemy engine of the database `exc` was raised reading, from the innermost
    frame of its traceback holding one (a `Database`, a session, a connection); None if none."""
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.orm import Session

    from bscp_desktop.db.database import Database

    frames, tb = [], exc.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            if isinstance(value, Database | Connection):
                return value.engine
            if isinstance(value, Engine):
                return value
            if isinstance(value, Session) and isinstance(value.bind, Engine | Connection):
                return value.bind if isinstance(value.bind, Engine) else value.bind.engine
    return None


def _search(engine) -> list[BadValue]:
    from itertools import islice

    from bscp_desktop.db import stored_values

    if engine is None:
        return []
    if engine.dialect.name != "sqlite":  # a team database: its text columns (it keeps dates and numbers typed)
        with engine.connect() as conn:
            return list(islice(stored_values.unreadable_on(conn), NAMED + 1))
    from bscp_desktop.db.backup import connect_read_only
    from bscp_desktop.db.database import sqlite_path

    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if not path or path == ":memory:":
        return []
    con = connect_read_only(Path(path))
    found: list[BadValue] = []
    try:
        deadline = time.monotonic() + SEARCHING
        con.set_progress_handler(lambda: time.monotonic() > deadline, 1_000)  # stops SQLite when time is up
        for value in stored_values.unreadable(con):
            found.append(value)
            if len(found) > NAMED:
                break
    except sqlite3.OperationalError:  # out of time: those found so far
        pass
    finally:
        con.close()
    return found


def _in_use(reason: str) -> bool:
    """Whether a file's failure is another program holding it, not damage to it."""
    reason = reason.lower()
    return "is locked" in reason or "database is busy" in reason


def _name_not_text(exc: UnicodeEncodeError) -> bool:
    """Whether what could not be written out holds the stand-ins Python reads a file or folder
    name's bytes of another encoding as (lone surrogates: 'Caf\\udce9' for Latin-1 'Café')."""
    return isinstance(exc.object, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in exc.object[exc.start:exc.end])


def _unique_clash(orig: object) -> bool:
    """Whether the driver's error is a unique index refusing a second record of the same value."""
    if type(orig).__module__.startswith("psycopg"):
        return getattr(orig, "sqlstate", None) == "23505"
    return isinstance(orig, sqlite3.IntegrityError) and str(orig).startswith("UNIQUE constraint failed")


def _login_refused(text: str) -> bool:
    """Whether a team database's connection failed because the server turned the login away
    (`server.LOGIN_REFUSED`: the password, a login no longer allowed to log in), not the network."""
    from bscp_desktop.db.server import LOGIN_REFUSED

    return any(words in text for words in LOGIN_REFUSED)


def _from_server(exc: BaseException) -> bool:
    return type(getattr(exc, "orig", None)).__module__.startswith("psycopg")


def _server_out_of_reach(exc: BaseException) -> bool:
    """A team database's connection lost or not made (the network, the server stopping), not a
    refusal of what was asked: the driver's connection errors (SQLSTATE class 08, a server
    shutting down, 57P0x) and those it gives no SQLSTATE at all (a timeout)."""
    orig = getattr(exc, "orig", None)
    if not _from_server(exc):
        return False
    state = getattr(orig, "sqlstate", None) or ""
    return bool(getattr(exc, "connection_invalidated", False)) or state.startswith(("08", "57P0")) or (
        not state and type(orig).__name__ == "OperationalError")


def _raised_reading_the_database(exc: BaseException) -> bool:
    frame, innermost = exc.__traceback__, None
    while frame is not None:
        code = frame.tb_frame.f_code
        if code.co_name == "process_result_value" or any(part in code.co_filename for part in _READING):
            return True
        innermost, frame = code, frame.tb_next
    return innermost is not None and innermost.co_name == "__new__" and innermost.co_filename.endswith(f"{os.sep}enum.py")
