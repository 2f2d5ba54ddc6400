"""Whether a file at this version's schema holds every table and column its records need.

A file can record this version's schema and still lack part of it: a table dropped or a column
removed by another program (a database browser, a script). Read as it is, a list would then
fail deep inside with the database's own words, or a save half-way through a form. Opening a
file, its checks after the window shows (`later_checks`) and `check` compare it with the
records this version declares instead, and refuse it in one sentence naming what is missing.
Tables and columns the file has beyond those are left alone.

A file holding a trigger the program did not make (`history.unknown_triggers`) is refused the
same way, at any schema version the program knows: such a trigger could throw away new entries
of the change history, or change other records whenever one is saved, with nothing in the
history to say so.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bscp_desktop.db import history
from bscp_desktop.db.backup import connect_read_only
from bscp_desktop.db.base import Base
from bscp_desktop.db.models import load_all

#: How many missing parts a sentence names before it counts the rest.
NAMED = 4


def held_columns(con: sqlite3.Connection) -> dict[str, set[str]]:
    """The file's own tables and each one's columns, as it holds them (one query)."""
    held: dict[str, set[str]] = {}
    for table, column in con.execute(
        "SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table'"
    ):
        held.setdefault(table, set()).add(column)
    return held


def missing_parts(con: sqlite3.Connection, every_model: bool = True) -> list[str]:
    """What the file lacks of this version's tables and columns, as words ('the table x',
    'the column x.y'), in the order the records are declared; [] for a whole file. Not
    `every_model`: of the records whose code is loaded so far only (see `shape_problem`)."""
    if every_model:
        load_all()
    held = held_columns(con)
    missing: list[str] = []
    for table in Base.metadata.tables.values():
        columns = held.get(table.name)
        if columns is None:
            missing.append(f"the table {table.name}")
        else:
            missing.extend(f"the column {table.name}.{column.name}" for column in table.columns if column.name not in columns)
    return missing


def lacks_on(con: sqlite3.Connection, every_model: bool = True) -> str:
    """What the file open on `con` lacks, in words ('the table x, the column y.z and 3 more');
    '' for a whole file."""
    missing = missing_parts(con, every_model)
    named = ", ".join(missing[:NAMED])
    return named + (f" and {len(missing) - NAMED} more" if len(missing) > NAMED else "")


def lacking(missing: str) -> str:
    """The rest of a sentence that starts with a file's name, refusing it for what it lacks."""
    return (f"is damaged: it lacks {missing}, which this version of BSCP Desktop needs (it may have been "
            "changed by another program); restore a backup from the File menu")


def foreign_triggers(names: list[str]) -> str:
    """The rest of a sentence that starts with a file's name, refusing it for triggers the
    program did not make."""
    shown = [" ".join(name.split())[:60] for name in names[:NAMED]]  # as one line, whatever another program named it
    named = ", ".join(shown) + (f" and {len(names) - NAMED} more" if len(names) > NAMED else "")
    return (f"holds {'a trigger' if len(names) == 1 else 'triggers'} BSCP Desktop did not make ({named}), "
            "which could change records without a record in the change history (it may have been changed "
            "by another program); restore a backup from the File menu")


def problem_on(con: sqlite3.Connection, head: bool, every_model: bool = True) -> str:
    """What is wrong with the shape of the file open on `con`, as the rest of a sentence that
    starts with its name ('' for none): triggers the program did not make, and, for a file at
    this version's schema (`head`), the tables and columns it lacks."""
    if unknown := history.unknown_triggers(con):
        return foreign_triggers(unknown)
    missing = lacks_on(con, every_model) if head else ""
    return lacking(missing) if missing else ""


def shape_problem(path: Path, every_model: bool = True) -> str:
    """'' for a file holding every table and column of this version and no trigger the program
    did not make; else the sentence refusing it, naming what is wrong. Read through a read-only
    connection; the file is not changed. Not `every_model`: the tables and columns of the
    records whose code is loaded so far only (opening a file for the window: every record's at
    File > Open, the tab on screen's at start, whose other areas' code loads once it shows:
    `later_checks.damage` reads them all then)."""
    con = connect_read_only(path)
    try:
        problem = problem_on(con, head=True, every_model=every_model)
    finally:
        con.close()
    return f"{path} {problem}." if problem else ""
