"""Whether a file at this version's schema holds every table and column its records need.

A file can record this version's schema and still lack part of it: a table dropped or a column
removed by another program (a database browser, a script). Read as it is, a list would then
fail deep inside with the database's own words, or a save half-way through a form. Opening a
file, its checks after the window shows (`later_checks`) and `check` compare it with the
records this version declares instead, and refuse it in one sentence naming what is missing.
Tables and columns the file has beyond those are left alone.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bscp_desktop.db.backup import connect_read_only
from bscp_desktop.db.base import Base
from bscp_desktop.db.models import load_all

#: How many missing parts a sentence names before it counts the rest.
NAMED = 4


def missing_parts(con: sqlite3.Connection) -> list[str]:
    """What the file lacks of this version's tables and columns, as words ('the table x',
    'the column x.y'), in the order the records declare them; [] for a whole file."""
    load_all()
    held: dict[str, set[str]] = {}
    for table, column in con.execute(
        "SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table'"
    ):
        held.setdefault(table, set()).add(column)
    missing: list[str] = []
    for table in Base.metadata.sorted_tables:
        columns = held.get(table.name)
        if columns is None:
            missing.append(f"the table {table.name}")
        else:
            missing.extend(f"the column {table.name}.{column.name}" for column in table.columns if column.name not in columns)
    return missing


def lacks(path: Path) -> str:
    """'' for a file holding every table and column of this version; else what it lacks, in
    words ('the table x, the column y.z and 3 more'). Read through a read-only connection; the
    file is not changed."""
    con = connect_read_only(path)
    try:
        missing = missing_parts(con)
    finally:
        con.close()
    named = ", ".join(missing[:NAMED])
    return named + (f" and {len(missing) - NAMED} more" if len(missing) > NAMED else "")


def shape_problem(path: Path) -> str:
    """'' for a whole file; else the sentence refusing it, naming what it lacks."""
    missing = lacks(path)
    if not missing:
        return ""
    return (
        f"{path} is damaged: it lacks {missing}, which this version of BSCP Desktop needs (it may have "
        "been changed by another program); restore a backup from the File menu."
    )
