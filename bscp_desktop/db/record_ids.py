"""A record's number is never given to another record, and a record's history is its own.

The change history finds a record's entries by its table and number. SQLite numbers a new row
one after the highest row of its table now, so a row deleted while it was the newest (a theme
taken off a case, an organisation's other name, a score, a financial year removed) used to
hand its number to the next row added, and the history of the two read as one record's.
`install` numbers each new row, before the flush writes it, one after the highest of its table
and of the numbers its history has named. PostgreSQL's sequences never give a number twice
(nothing is done there).

Files saved before hold such numbers given twice. `entries_of` finds a record's entries, and
those of the rows saved with it (`RECORD_CHILDREN`), by each number's lives: a life runs from
an entry adding the row to the entries deleting it, and is the record's when the entries of that
life name the record in the column linking them to it, or when it is the life of the row there
now.
"""

from __future__ import annotations

from sqlalchemy import event, false, func, inspect, or_, select
from sqlalchemy.orm import Session

from bscp_desktop.db.base import Base
from bscp_desktop.db.history_bulk import is_whole_record, record_fields
from bscp_desktop.db.models import load_all
from bscp_desktop.db.models.history import ChangeRecord

#: Rows saved with a record in its own window (a case review's themes and agencies), by the
#: record's table: (their table, their column naming the record). A record's history shows theirs.
RECORD_CHILDREN = {
    "case_review": (("case_review_theme", "case_review_id"), ("case_review_agency", "case_review_id")),
    "organisation": (("organisation_alias", "organisation_id"),),
    "training_evaluation": (("training_score", "evaluation_id"),),
    "case_audit": (("case_audit_meeting", "audit_id"),),
    "audit_case": (("audit_return", "audit_case_id"),),
    "s11_rating": (("action", "s11_rating_id"),),
    "action": (("action_update", "action_id"),),
    "contribution": (("contribution_payment", "contribution_id"),),
    # the amendments of a meeting's minutes after approval, each with its reason
    "meeting": (("minutes_amendment", "meeting_id"),),
    "agenda_item": (("minutes_amendment", "agenda_item_id"),),
}


def next_id(connection, table) -> int:
    """The number for the next new row of `table`: one after the highest of its rows and of
    the numbers its change history names."""
    c = ChangeRecord
    named = select(func.max(c.record_id)).where(c.table_name == table.name).scalar_subquery()
    here = select(func.max(table.c.id)).scalar_subquery()
    return max(connection.execute(select(func.coalesce(here, 0), func.coalesce(named, 0))).one()) + 1


def _number_new_rows(session: Session, _flush_context, _instances) -> None:
    """Give every new row without a number its number (`next_id`), in the order they were
    added: one reading for each table the flush adds rows to."""
    states = [inspect(obj) for obj in session.new if not isinstance(obj, ChangeRecord)]
    pending = [s for s in states if s.mapper.local_table.primary_key.columns.keys() == ["id"] and s.obj().id is None]
    if not pending or session.connection().dialect.name != "sqlite":
        return
    following: dict[str, int] = {}
    for state in sorted(pending, key=lambda s: s.insert_order):
        table = state.mapper.local_table
        if table.name not in following:
            following[table.name] = next_id(session.connection(), table)
        state.obj().id = following[table.name]
        following[table.name] += 1


def install(session_factory) -> None:
    event.listen(session_factory, "before_flush", _number_new_rows)


# ---------------------------------------------------------------- files with numbers given twice


def entries_of(session: Session, table: str, record_id: int, key: str | None = None):
    """A condition on the history: the entries of one record and of its rows (`RECORD_CHILDREN`),
    those there now and those deleted since, each number's entries only in the lives that were
    the record's. A setting's (`key`): those of number 0 whose field is its key."""
    c = ChangeRecord
    record_id = int(record_id)
    if key is not None:
        return (c.table_name == table) & (c.record_id == record_id) & (c.field == key)
    load_all()
    condition = false()
    for name, column in ((table, None), *RECORD_CHILDREN.get(table, ())):
        rows = Base.metadata.tables.get(name)  # none for a kind of record an upgrade retired
        now = set() if rows is None else set(session.scalars(select(rows.c.id).where(rows.c[column or "id"] == record_id)))
        ids = {record_id} if column is None else now | set(session.scalars(select(c.record_id).where(
            c.table_name == name, c.field == column, or_(c.new_value == str(record_id), c.old_value == str(record_id)))))
        whole, ranges = _lives_of(session, name, column, ids, now, str(record_id))
        condition = or_(condition, (c.table_name == name) & c.record_id.in_(sorted(whole)), *(
            (c.table_name == name) & (c.record_id == number) & (c.id >= low) & (c.id < high) for number, low, high in ranges))
    return condition


def _lives_of(session: Session, table: str, column: str | None, ids: set[int], now: set[int], parent: str):
    """(the numbers whose every entry is the record's, [(a number, the first entry of a life of it
    that is the record's, the first entry after that life)]), of `ids` of `table`."""
    c = ChangeRecord
    if not ids:
        return set(), []
    entries = session.execute(select(c.record_id, c.id, c.action, c.field, c.old_value, c.new_value).where(
        c.table_name == table, c.record_id.in_(sorted(ids)),
        or_(c.action.in_(("insert", "delete")), c.field == (column or ""))).order_by(c.record_id, c.id))
    lives: dict[int, list[list]] = {}  # number: [[first entry, the values naming its record]]
    previous: dict[int, str] = {}
    for number, entry, action, field, old, new in entries:
        held = lives.setdefault(number, [])
        if not held or (action == "insert" and previous.get(number) == "delete"):
            held.append([entry, set()])
        previous[number] = action
        if is_whole_record(action, field):
            held[-1][1].update(value for name, value in record_fields(new) if name == column)
        elif column is not None and field == column:
            held[-1][1].update(value for value in (old, new) if value is not None)
    whole, ranges = set(ids) - set(lives), []
    for number, held in lives.items():
        last = len(held) - 1  # a record removed (not there now) is all it ever was
        mine = [(number not in now or n == last) if column is None else (parent in named or (n == last and number in now))
                for n, (_first, named) in enumerate(held)]
        if all(mine):
            whole.add(number)
            continue
        ends = [first for first, _named in held[1:]] + [2**62]
        ranges += [(number, held[n][0] if n else 0, ends[n]) for n in range(len(held)) if mine[n]]
    return whole, ranges
