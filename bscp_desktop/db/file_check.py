"""`check`: a database file read whole, without opening it for the window: its pages, its
links, its schema, its stored values (`stored_values`), its agendas' numbering and its change
history's chain and protection."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from bscp_desktop.db import history, migrate, versions
from bscp_desktop.db.backup import connect_read_only
from bscp_desktop.db.database import DatabaseError, HistoryTampered, inspect_file, plain_error, sqlite_url
from bscp_desktop.db.lock import FileLock, LockHeld
from bscp_desktop.domain.text import first_line
from bscp_desktop.paths import given_path


def check_file(path: Path | str) -> str:
    """Integrity, schema, stored values, agenda numbering and history check; returns a report of one or two sentences.

    Changes nothing, except that missing or altered protection of the change history is put back
    (and the report says so), also when the file has a problem: then DatabaseError (HistoryTampered
    for an altered history) says the problem in one sentence, and the protection in another.
    """
    path = given_path(path).absolute()
    # not a database, damaged (indexes too), half-upgraded, lacking part of itself, holding
    # triggers of another program: one sentence
    state = inspect_file(path, must_exist=True)
    con = connect_read_only(path)
    broken = chained = None
    try:
        history_columns = {r[1] for r in con.execute("PRAGMA table_info(change_record)")}
        if "hash" in history_columns:
            broken, chained = history.verify_chain(con)
        head = state.version == migrate.head_revision()
        records = records_problem(con, head) or (_agendas_problem(con) if head else "")
        missing_triggers = history.missing_protection(con)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} cannot be checked ({plain_error(exc)}).") from exc
    finally:
        con.close()
    # whatever else is wrong, the history's protection is put back first, so nothing more of it
    # can be changed or removed while the officer decides what to do
    problem = broken is not None or records
    protection = _protection_after_problem(path, missing_triggers) if problem and missing_triggers else ""
    if broken is not None:
        raise HistoryTampered(broken.sentence() + protection)
    if records:
        raise DatabaseError(f"{path}{records}{protection}")
    state_text = migrate.version_words(state.version)
    if chained is None:
        chain = "the change history is chained when the file is next opened"
    else:
        chain = f"change history intact ({chained:,} entries checked)"
    report = f"{path}: healthy; schema {state.version} ({state_text}); {chain}"
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    report += "." if writable else ("; read-only here, so the program will not open it: copy it to a folder you can write "
                                     "to, or ask IT to allow changes to it.")
    if missing_triggers:
        report += " " + _put_back_protection(path, missing_triggers)
    return report


def records_problem(con: sqlite3.Connection, head: bool) -> str:
    """'' if the records of the file open on `con` are whole: none removed outside the program
    (`history.missing_records`), no link leading nowhere, and, at this version's schema (`head`),
    every stored value readable (`stored_values.values_problem`). Else the rest of a sentence
    that starts with the file's name (its first word is ':' or a space), with the remedy."""
    from bscp_desktop.db import stored_values  # every model's columns: for the checks of a whole file only

    if orphans := history.missing_records(con):  # names what was removed, which also explains the links it leaves broken
        return f": {orphans}"
    if fk := _broken_links(con):
        return f" {fk}"
    if head and (unreadable := stored_values.values_problem(con)):
        return (f" holds values this version of BSCP Desktop cannot read (it may have been changed by "
                f"another program): {unreadable}; restore a backup from the File menu.")
    return ""


def record_words(table: str, record_id: object, label: str = "", field: str = "") -> str:
    """A record the change history speaks of, named in what `check` says as the change log names
    it: by its kind and the name saved with its entries ('the action “Plan a forum session…”'),
    else by its number ('the membership number 12'), a setting by its name ('the setting
    “Partnership name”'); with `field`, the field as the change log heads it (', field Due date')."""
    if table == "setting":
        return "the setting “" + ": ".join(part.replace("_", " ") for part in str(field or record_id).split(".")).capitalize() + "”"
    record = f"the {versions.noun(table)} " + (f"“{first_line(label, 60)}”" if label.strip() else f"number {record_id}")
    if not field:
        return record
    return f"{record}, field " + ("Archived" if field == "archived_at" else field.removesuffix("_id").replace("_", " ").capitalize())


def lost_words(con: sqlite3.Connection, table: str, key: str) -> str:
    """A record removed outside the program (`history.missing_records`: its number, or a
    setting's name), named by the name its newest entry saved (`record_words`)."""
    if table == "setting":
        return record_words(table, key, "", key)
    try:
        found = con.execute("SELECT record_label FROM change_record WHERE table_name = ? AND record_id = ? "
                            "AND record_label != '' ORDER BY id DESC LIMIT 1", (table, int(key))).fetchone()
    except sqlite3.OperationalError:  # a history from before names were saved with its entries
        found = None
    return record_words(table, key, found[0] if found else "")


def _agendas_problem(con: sqlite3.Connection) -> str:
    """'' if every meeting's agenda items are at positions 1 to n, one at each, as the program
    keeps them (`stored_values.agenda_positions_problem`); else the rest of a sentence naming the
    meetings whose are not, with the remedies. The outputs still number the items 1 to n in their
    order, so a backup holding such an agenda can still be restored. In an offline copy of a
    meeting only the agendas it holds whole are checked (`_in_part`)."""
    from bscp_desktop.db import stored_values

    if misnumbered := stored_values.agenda_positions_problem(con, leaving_out=_in_part(con)):
        return (f" holds agendas numbered out of order (it may have been changed by another program): "
                f"{misnumbered}; restore a backup from the File menu, or in the window move an item of "
                "each of those agendas up or down to number it again.")
    return ""


def _in_part(con: sqlite3.Connection) -> set[int]:
    """In an offline copy of a meeting, the other meetings it holds only some agenda items of:
    those it took besides its meeting (of an earlier meeting, the item an open action was raised
    at), by its values as taken, or every other meeting where those cannot be read. None in any
    other file (a backup of the team database made while a meeting is offline holds its marks,
    not an origin)."""
    origin = con.execute("SELECT meeting_id, base FROM meeting_offline WHERE server != '' LIMIT 1").fetchone()
    if origin is None:
        return set()
    meeting_id, base = origin
    try:
        taken = {int(i) for i in json.loads(base or "{}").get("meeting", {})}
    except (ValueError, TypeError, AttributeError):
        taken = {i for (i,) in con.execute("SELECT id FROM meeting")}
    return taken - {meeting_id}


_LINKS_SHOWN = 3


def _broken_links(con: sqlite3.Connection) -> str:
    """'' if every record's links lead to a record that exists; else the rest of a sentence
    naming the first few records whose link leads nowhere, with the remedy."""
    rows = con.execute("PRAGMA foreign_key_check").fetchall()
    if not rows:
        return ""
    shown = [_broken_link(con, *row) for row in rows[:_LINKS_SHOWN]]
    more = " and more" if len(rows) > _LINKS_SHOWN else ""
    count = f"{len(rows)} broken link{'s' if len(rows) != 1 else ''}"
    return (
        f"has {count} between records ({'; '.join(shown)}{more}): records were removed or changed "
        "outside BSCP Desktop; restore a backup from the File menu from before that happened."
    )


def _broken_link(con: sqlite3.Connection, table: str, rowid: int | None, parent: str, fkid: int) -> str:
    """'training_score 7 points to training_evaluation 5, which does not exist'."""
    record = f"{table} {rowid}" if rowid is not None else f"a record in {table}"
    columns = [r[3] for r in con.execute(f"PRAGMA foreign_key_list({history._quoted(table)})") if r[0] == fkid]
    values: list[str] = []
    if rowid is not None and columns:
        picked = ", ".join(history._quoted(c) for c in columns)
        found = con.execute(f"SELECT {picked} FROM {history._quoted(table)} WHERE rowid = ?", (rowid,)).fetchone()
        values = [str(v) for v in found or ()]
    target = f"{parent} {', '.join(values)}" if values else f"a record in {parent}"
    return f"{record} points to {target}, which does not exist"


def _protection_after_problem(path: Path, missing: list[str]) -> str:
    """The protection put back beside a problem `check` reports: a sentence to add to its report
    (starting with a space), never a refusal of its own that would hide the problem."""
    try:
        return " " + _put_back_protection(path, missing)
    except DatabaseError as exc:  # read-only, or open in a window: said after the problem
        said = str(exc).removeprefix(f"{path}: ")
        return f" {said[:1].upper()}{said[1:]}"


def _put_back_protection(path: Path, missing: list[str]) -> str:
    names = ", ".join(missing)
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseError(
            f"{path}: the change history is not protected (missing {names}), and the file is "
            "read-only so the protection cannot be put back."
        )
    file_lock = FileLock.for_database(path)
    try:
        file_lock.acquire()
    except (LockHeld, OSError) as exc:
        raise DatabaseError(
            f"{path}: the change history is not protected (missing {names}); close BSCP Desktop "
            "and run check again to put the protection back."
        ) from exc
    try:
        repaired = history.ensure_protection_url(sqlite_url(path))
    finally:
        file_lock.release()
    return f"The change history's protection was missing ({', '.join(repaired)}) and has been put back."
