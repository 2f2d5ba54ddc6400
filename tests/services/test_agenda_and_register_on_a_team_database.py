"""Two officers numbering one agenda, or filling one register, at the same moment on a team
database: the second waits for the first and then reads what it wrote."""

from __future__ import annotations

import threading
import time
from datetime import datetime

import pytest

from bscp_desktop.db import engines
from bscp_desktop.db.database import Database
from bscp_desktop.db.models.meetings import AgendaItem, Attendance
from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from tests.meetings_world import build_world, meeting


def _while_another_decides(pg_db, what: str, theirs, write) -> None:
    """Run `theirs` (a command on a second connection) while this connection's transaction has
    decided about `what` and not yet committed `write(session)`: it must wait for the commit."""
    other = Database.open_target(pg_db.url)
    failed: list[BaseException] = []

    def run():
        try:
            theirs(other)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failed.append(exc)

    try:
        with pg_db.unit_of_work() as session:
            engines.decide_alone(session, what)
            thread = threading.Thread(target=run)
            thread.start()
            time.sleep(0.5)
            assert thread.is_alive(), "the second officer's command did not wait"
            write(session)
        thread.join(30)
        assert not thread.is_alive() and not failed, failed
    finally:
        other.close()


@pytest.mark.slow
def test_two_items_added_at_once_get_their_own_numbers(pg_db):
    world = build_world(pg_db)
    m = meeting(pg_db, world.forum, datetime(2024, 6, 13, 10))
    _while_another_decides(
        pg_db, f"meeting {m.id} agenda",
        lambda other: mt.add_agenda_item(other, m.id, mt.AgendaItemFields("Training")),
        lambda session: session.add(AgendaItem(meeting_id=m.id, position=1, kind="ordinary", title="Budget")),
    )
    assert [(i.position, i.title) for i in mt.list_agenda(pg_db, m.id)] == [(1, "Budget"), (2, "Training")]


@pytest.mark.slow
def test_a_register_filled_by_two_officers_at_once_lists_each_member_once(pg_db):
    world = build_world(pg_db)
    m = meeting(pg_db, world.forum, datetime(2024, 6, 13, 10), status=MeetingStatus.HELD)
    _while_another_decides(
        pg_db, f"meeting {m.id} register",
        lambda other: at.prefill_attendance(other, m.id),
        lambda session: session.add(Attendance(meeting_id=m.id, person_id=world.inspector.id, name="", role="member",
                                               expected=True, organisation_id=world.police.id,
                                               status=AttendanceStatus.ABSENT.value)),
    )
    people = [r.person_id for r in at.list_attendance(pg_db, m.id)]
    assert len(people) == len(set(people)) == 5
