"""Who is editing what: while officers type the minutes of an agenda item, each of them sees
who else is ("Jane Smith is also editing these minutes").

An editor says it is editing a record with `heartbeat(db, table, id, key)` when the officer
types and then every 20 seconds or so while they stay on it, and `stop_editing` when they
move on. `key` tells one program from another (`new_key()`, once per editor): each editor
holds a claim of its own on the record, so any number of officers can be at work on it and
every one sees all the others, while an officer's own claim is never shown back to them, even
under the same name on two computers. A claim whose heartbeat is over a minute old is stale
(the program stopped, the laptop slept): it is not shown, and the next heartbeat on the
record clears it.

A database file is open in one window only (its file lock), so there every claim made by
another run of the program was left by a run that has ended (killed, crashed, the computer
switched off): `clear_left_behind` removes them all when the window opens the file,
so the officer is never told they are "also editing" the minutes themselves. Each key starts
with its run's mark (`RUN`) to tell the runs apart. On a team database two officers, or one
officer in two windows, really can edit at once, and a claim does not say which computer or
window made it: there a claim left behind is shown until its minute is up.

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

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.history import current_user
from bscp_desktop.db.models.editing import Editing

STALE_AFTER = timedelta(minutes=1)
HEARTBEAT_S = 20  # how often an editor renews its claim while the officer stays on the record
RUN = uuid.uuid4().hex[:8]  # this run of the program: the start of every key it makes

_table = Editing.__table__


@dataclass(frozen=True)
class EditingNow:
    """Someone else editing a record now: who, since when and last heard (UTC)."""

    record_id: int
    holder: str
    since: datetime
    heartbeat_at: datetime


def new_key() -> str:
    """A key for one editor of this run (40 characters: the run's mark, then the editor's)."""
    return RUN + uuid.uuid4().hex


def clear_left_behind(db: Database) -> int:
    """On a database file, which one window holds at a time, remove every claim made by an
    earlier run of the program (all dead: it ended without giving them up) and return how many.
    A team database's claims are left to go stale (0): another run there may be at work."""
    if db.path is None or db.read_only:
        return 0
    with db.unit_of_work() as session:
        return session.execute(delete(_table).where(~_table.c.session_key.startswith(RUN, autoescape=True))).rowcount


def _fresh(now: datetime):
    return _table.c.heartbeat_at >= now - STALE_AFTER


def heartbeat(db: Database, table: str, record_id: int, key: str, holder: str | None = None,
              now: datetime | None = None) -> tuple[EditingNow, ...]:
    """Say this editor (`key`) is editing the record, as `holder` (the officer's name).

    Renews this editor's claim, or makes one when it has none (the record's stale claims are
    cleared on the way). Returns everyone else editing the record now, longest first (none:
    empty): all can type, the versions keep their saves apart.
    """
    now = now or utcnow()
    holder = (holder or db.user or current_user())[:100]
    on_record = and_(_table.c.table_name == table, _table.c.record_id == record_id)
    with db.unit_of_work() as session:
        session.execute(delete(_table).where(on_record, ~_fresh(now)))
        renewed = session.execute(
            update(_table).where(on_record, _table.c.session_key == key).values(heartbeat_at=now, holder=holder)
        ).rowcount
        if not renewed:
            session.execute(insert(_table).values(table_name=table, record_id=record_id, holder=holder,
                                                  session_key=key, since=now, heartbeat_at=now))
        return _others(session, table, [record_id], key, now).get(record_id, ())


def stop_editing(db: Database, table: str, record_id: int, key: str) -> None:
    """This editor has moved on: its own claim (if it still holds one) is removed, no one else's."""
    with db.unit_of_work() as session:
        session.execute(delete(_table).where(
            _table.c.table_name == table, _table.c.record_id == record_id, _table.c.session_key == key))


def editing_now(db: Database, table: str, record_ids, key: str | None = None,
                now: datetime | None = None) -> dict[int, tuple[EditingNow, ...]]:
    """{record id: everyone editing it now, longest first} for the records others (any editor
    but `key`) are editing now."""
    ids = [int(i) for i in record_ids]
    if not ids:
        return {}
    now = now or utcnow()
    with db.unit_of_work() as session:
        return _others(session, table, ids, key, now)


def _others(session, table: str, ids: list[int], key: str | None, now: datetime) -> dict[int, tuple[EditingNow, ...]]:
    rows = session.execute(
        select(_table)
        .where(_table.c.table_name == table, _table.c.record_id.in_(ids), _fresh(now))
        .order_by(_table.c.since, _table.c.id)
    ).all()
    found: dict[int, list[EditingNow]] = {}
    for r in rows:
        if key is None or r.session_key != key:
            found.setdefault(r.record_id, []).append(EditingNow(r.record_id, r.holder, r.since, r.heartbeat_at))
    return {record_id: tuple(editors) for record_id, editors in found.items()}
