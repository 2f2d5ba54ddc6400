"""Values in an offline copy that the team database cannot hold, found before anything is
written. A copy changed by another program (a database browser, a script) can hold what no
window would save: a NUL character in the minutes, a title longer than the column's length, a
number beyond the column's range, nothing in a field every record must fill (its rule taken away
in the file), or a link to a record that does not exist. The file itself
takes them (SQLite keeps whatever it is given); the team database refuses them part-way
through writing, which says only that the database could not be changed. Named here instead,
each by its record and field, so the officer knows the copy cannot come back as it is.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from bscp_desktop.db import stored_values
from bscp_desktop.services.offline import copying
from bscp_desktop.services.offline.naming import field_words

#: How many values are named before the rest are counted.
_NAMED = 3


def _value_problems(t: Table, row: dict) -> Iterator[str]:
    """What in one copied row the team database's column cannot hold (`stored_values.unholdable_why`)."""
    own = copying.skipped(t.name)
    for column in t.columns:
        if column.name in own or column.name not in row:
            continue
        if why := stored_values.unholdable_why(column, row[column.name]):
            yield f"{copying.label_of(t.name, row)}: {field_words(t.name, column.name)} {why}"


def _missing_links(session: Session, rows: copying.Rows) -> Iterator[str]:
    """Links of copied rows to records neither in the copy nor on the team database."""
    conn = session.connection()
    for name, found in rows.items():
        t = copying.table(name)
        for fk in t.foreign_keys:
            column, referred = fk.parent.name, fk.column.table
            if column in copying.skipped(name):
                continue
            held = rows.get(referred.name, {})
            wanted = {r[column] for r in found.values() if r.get(column) is not None and r[column] not in held}
            if not wanted:
                continue
            there: set = set()
            for part in copying.chunks(wanted):
                there.update(conn.scalars(select(fk.column).where(fk.column.in_(part))))
            for row in found.values():
                if row.get(column) in wanted and row[column] not in there:
                    noun = copying.NOUNS.get(referred.name, referred.name.replace("_", " ")).lower()
                    yield (f"{copying.label_of(name, row)}: {field_words(name, column)} names no {noun} {row[column]} "
                           "(there is none on the team database)")


def unholdable(session: Session, rows: copying.Rows) -> str:
    """'' when the team database can hold every value of the copy's rows; else the first few
    that it cannot, named, and how many more."""
    problems: list[str] = []
    more = 0
    for t in copying.copied_tables():
        for row in rows.get(t.name, {}).values():
            for problem in _value_problems(t, row):
                if len(problems) < _NAMED:
                    problems.append(problem)
                else:
                    more += 1
    if not problems:
        for problem in _missing_links(session, rows):
            if len(problems) < _NAMED:
                problems.append(problem)
            else:
                more += 1
    return "; ".join(problems) + (f"; and {more} more" if more else "")
