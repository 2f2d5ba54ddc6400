"""Opening a meeting reads everything its workspace shows in one call and one transaction,
with the same few statements however much the meeting holds (no query per item, person,
decision or action)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import event

from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def statements(db, call) -> list[str]:
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return seen


def filled(db, world, when: datetime, items: int):
    m = meeting(db, world.forum, when)
    at.prefill_attendance(db, m.id)
    for n in range(items):
        item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields(f"Item {n + 1}"))
        mt.add_decision(db, item.id, f"Decision {n + 1}")
        mt.add_item_action(db, item.id, al.ActionFields(f"Action {n + 1}", owner_person_id=world.chair.id,
                                                        due_date=date(2024, 6, 30)))
    return m


@pytest.mark.slow
def test_a_meeting_is_read_in_one_transaction_with_the_same_statements_however_full(db, world):
    small = filled(db, world, datetime(2024, 3, 14, 10), items=1)
    full = filled(db, world, datetime(2024, 6, 13, 10), items=8)

    small_reads = statements(db, lambda: mt.meeting_workspace(db, small.id))
    full_reads = statements(db, lambda: mt.meeting_workspace(db, full.id))
    workspace = mt.meeting_workspace(db, full.id)

    assert len(workspace.live_agenda) == 8 and len(workspace.decisions) == 8 and len(workspace.actions) == 8
    assert len(workspace.register) >= 2  # the Forum's members
    assert len(full_reads) == len(small_reads)  # nothing is read once per row
    assert len([s for s in full_reads if s.lstrip().upper().startswith("SELECT")]) <= 15
    assert not any(s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for s in full_reads)
