"""Reading the change history of many records, or of many days, at once: the reads that would
otherwise ask it once a record or once a day (every meeting day's setting of each group, each
earlier action's statuses for a meeting's minutes). Read-only, as `history.py`."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bscp_desktop.db.history_bulk import WHOLE_RECORD
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.services.history import _utc_bound, field_by_field

#: Records named in one query at most, well under any database's limit on a query's values.
CHUNK = 500


def changes_of(session: Session, table: str, ids: Iterable[int], fields: Collection[str]) -> dict[int, list]:
    """{record id: the changes of its `fields`, in the order they were recorded}, each a row
    with id, changed_at, table_name, record_id, action, field, old_value and new_value: a record
    added in one entry (an import's) gives a row for each of those fields it holds, as the change
    log shows it (`history.field_by_field`). One query a chunk of records; records with no such
    change are left out."""
    c = ChangeRecord
    ids = sorted({int(i) for i in ids})
    fields = set(fields)
    found: dict[int, list] = {}
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(c.id, c.changed_at, c.table_name, c.record_id, c.action, c.field, c.old_value, c.new_value)
            .where(c.table_name == table, c.record_id.in_(ids[start:start + CHUNK]),
                   or_(c.field.in_(sorted(fields)), (c.action == "insert") & (c.field == WHOLE_RECORD)))
            .order_by(c.id))
        for row in field_by_field(rows):
            if row.field in fields:
                found.setdefault(row.record_id, []).append(row)
    return found


def values_on_days(session: Session, table: str, fields: Collection[str],
                   wanted: Iterable[tuple[int, date]]) -> dict[tuple[int, str, date], str | None]:
    """`history.values_on` for many (record id, day) pairs in one read: {(record id, field,
    day): what the field held at the end of that day (this computer's day), as the history
    stores it}, where it has changed since: the old value of the field's first change recorded
    after that day (of those made after it, the one entered first). A field not changed since,
    or only added since, is left out, as `values_on` leaves it out."""
    days: dict[int, set[date]] = {}
    for record_id, day in wanted:
        days.setdefault(int(record_id), set()).add(day)
    ends = {day: _utc_bound(day, end=True) for each in days.values() for day in each}
    answers: dict[tuple[int, str, date], str | None] = {}
    for record_id, rows in changes_of(session, table, days, fields).items():
        for name in {r.field for r in rows}:
            changes = sorted((r for r in rows if r.field == name and r.action != "insert"), key=lambda r: r.changed_at)
            moments = [r.changed_at for r in changes]
            first = list(changes)  # first[n]: the one entered first of changes[n:]
            for n in range(len(first) - 2, -1, -1):
                first[n] = min(first[n], first[n + 1], key=lambda r: r.id)
            for day in days[record_id]:
                n = bisect_left(moments, ends[day])
                if n < len(first):
                    answers[(record_id, name, day)] = first[n].old_value
    return answers
