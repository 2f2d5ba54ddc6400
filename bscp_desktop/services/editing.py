"""Who is editing what: while an officer types the minutes of an agenda item, the others see
who it is ("Jane Smith is editing these minutes").

An editor says it is editing a record with `heartbeat(db, table, id, key)` when the officer
types and then every 20 seconds or so while they stay on it, and `stop_editing` when they
move on. `key` tells one program from another (`new_key()`, once per editor), so an officer's
own claim is never shown back to them, even under the same name on two computers. A claim
whose heartbeat is over a minute old is stale (the program stopped, the laptop slept) and is
neither shown nor in anyone's way: the next heartbeat takes the record over.

Nothing is locked: this says who else is at work on the record. Two officers typing in the
same minutes are kept from overwriting each other by the record's version (db/versions.py).
The rows are written with plain statements, so they neither enter the change history nor
announce a change of record (see db/models/editing.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.history import current_user
from bscp_desktop.db.models.editing import Editing

STALE_AFTER = timedelta(minutes=1)
HEARTBEAT_S = 20  # how often an editor renews its claim while the officer stays on the record

_table = Editing.__table__


@dataclass(frozen=True)
class EditingNow:
    """Someone else editing a record now: who, since when and last heard (UTC)."""

    record_id: int
    holder: str
    since: datetime
    heartbeat_at: datetime


def new_key() -> str:
    return uuid.uuid4().hex


def _fresh(now: datetime):
    return _table.c.heartbeat_at >= now - STALE_AFTER


def heartbeat(db: Database, table: str, record_id: int, key: str, holder: str | None = None,
              now: datetime | None = None) -> EditingNow | None:
    """Say this editor (`key`) is editing the record, as `holder` (the officer's name).

    Renews this editor's claim, or makes one when there is none or the one there is stale.
    When someone else's claim is fresh it is left alone and returned (both can type: the
    versions keep their saves apart), else None.
    """
    now = now or utcnow()
    holder = (holder or db.user or current_user())[:100]
    try:
        return _heartbeat(db, table, record_id, key, holder, now)
    except IntegrityError:  # another editor claimed it at the same moment
        return editing_now(db, table, [record_id], key, now).get(record_id)


def _heartbeat(db: Database, table: str, record_id: int, key: str, holder: str, now: datetime) -> EditingNow | None:
    with db.unit_of_work() as session:
        row = session.execute(
            select(_table).where(_table.c.table_name == table, _table.c.record_id == record_id)
        ).first()
        if row is None:
            session.execute(insert(_table).values(table_name=table, record_id=record_id, holder=holder,
                                                  session_key=key, since=now, heartbeat_at=now))
            return None
        if row.session_key != key and row.heartbeat_at >= now - STALE_AFTER:
            return EditingNow(record_id, row.holder, row.since, row.heartbeat_at)
        values = {"heartbeat_at": now, "holder": holder}
        if row.session_key != key:  # a stale claim: taken over
            values.update(session_key=key, since=now)
        session.execute(update(_table).where(_table.c.id == row.id).values(**values))
        return None


def stop_editing(db: Database, table: str, record_id: int, key: str) -> None:
    """This editor has moved on: its claim (if it still holds one) is removed."""
    with db.unit_of_work() as session:
        session.execute(delete(_table).where(
            _table.c.table_name == table, _table.c.record_id == record_id, _table.c.session_key == key))


def editing_now(db: Database, table: str, record_ids, key: str | None = None,
                now: datetime | None = None) -> dict[int, EditingNow]:
    """{record id: who is editing it} for the records others (not `key`) are editing now."""
    ids = [int(i) for i in record_ids]
    if not ids:
        return {}
    now = now or utcnow()
    with db.unit_of_work() as session:
        rows = session.execute(
            select(_table).where(and_(_table.c.table_name == table, _table.c.record_id.in_(ids), _fresh(now)))
        ).all()
    return {
        r.record_id: EditingNow(r.record_id, r.holder, r.since, r.heartbeat_at)
        for r in rows if key is None or r.session_key != key
    }
