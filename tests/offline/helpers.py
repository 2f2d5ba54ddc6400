"""Shared setup for the offline tests (no tests here): a team database with a meeting, and
officers by name."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from tests.meetings_world import build_world, meeting


def as_officer(db, name: str):
    """Every later change to `db` is made (and recorded in the history) as `name`."""
    db.user = name
    return db


def forum_meeting(db):
    """A forum meeting with a three-item agenda, its register, and an open action from an
    earlier meeting; returns (world, meeting, items)."""
    world = build_world(db)
    earlier = meeting(db, world.forum, datetime(2024, 1, 11, 10), "January forum")
    old_item = mt.add_agenda_item(db, earlier.id, mt.AgendaItemFields("Action log"))
    al_fields = al.ActionFields("Write to schools about attendance", owner_person_id=world.head.id,
                                due_date=date(2024, 4, 30), status=ActionStatus.OPEN)
    mt.add_item_action(db, old_item.id, al_fields)
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), "March forum", place="Brent Civic Centre")
    items = [mt.add_agenda_item(db, m.id, mt.AgendaItemFields(t)) for t in
             ("Welcome and apologies", "Child death overview", "Any other business")]
    at.prefill_attendance(db, m.id)
    return world, m, items


ALICE = "Alice Officer"  # who takes the forum meeting offline (`taken_offline`)


def taken_offline(pg_db, tmp_path):
    """The forum meeting (`forum_meeting`) taken offline by Alice into "March forum.sqlite3":
    (server, world, meeting, items, path of the copy, the meeting's mark)."""
    from bscp_desktop.services import offline as off

    server = as_officer(pg_db, ALICE)
    world, m, items = forum_meeting(server)
    path = tmp_path / "March forum.sqlite3"
    mark = off.take_offline(server, m.id, path)
    return server, world, m, items, path, mark


def count(db, sql: str, **values) -> int:
    """One number read with `sql` (a row count), in a unit of work of its own."""
    from sqlalchemy import text

    with db.unit_of_work() as session:
        return session.execute(text(sql), values).scalar_one()
