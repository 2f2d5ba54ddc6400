"""Approved minutes give the actions raised at their meeting as they stood on the meeting's day:
marking one done in the action log months later does not change minutes already approved (the
PDF says so under its Actions table); working minutes give each action's status now."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import ApprovalMethod, MeetingStatus
from bscp_desktop.jobs.meetings import minutes_document
from bscp_desktop.reports.minutes import write_minutes
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import build_world, meeting


@pytest.fixture
def partnership(db, clock):
    clock.now = datetime(2023, 1, 10, 12)
    return build_world(db)


def _meeting_with_actions(db, world, clock):
    """A meeting of 10/01/2023 raising three actions: one open, one in progress on the day, one
    done at the meeting itself."""
    clock.now = datetime(2023, 1, 10, 12)
    held = meeting(db, world.forum, datetime(2023, 1, 10, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, held.id, mt.AgendaItemFields("Neglect strategy"))
    made = [mt.add_item_action(db, item.id, al.ActionFields(d, None, world.council.id, date(2023, 2, 28)))
            for d in ("Write the neglect toolkit", "Pilot the neglect tool", "Circulate the strategy")]
    _save(db, world, made[1], "in_progress")
    _save(db, world, made[2], "done", date(2023, 1, 10))
    return held, made


def _save(db, world, a: al.ActionDTO, status: str, completed_on: date | None = None) -> None:
    al.update_action(db, a.id, al.ActionFields(a.description, None, world.council.id, a.due_date, status,
                                               completed_on, "Toolkit used by 200 staff" if status == "done" else ""))


def _printed(db, meeting_id: int) -> dict[str, str]:
    return {a.description: a.status for i in minutes_document(db, meeting_id).items for a in i.actions}


AS_APPROVED = {"Write the neglect toolkit": "Open", "Pilot the neglect tool": "In progress",
               "Circulate the strategy": "Done"}


def test_approved_minutes_keep_their_actions_status_on_the_day_when_the_action_log_moves_on(db, partnership, clock,
                                                                                             tmp_path):
    held, (toolkit, pilot, _circulate) = _meeting_with_actions(db, partnership, clock)
    clock.now = datetime(2023, 1, 20, 12)
    mt.approve_minutes(db, held.id, None, date(2023, 1, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")
    assert _printed(db, held.id) == AS_APPROVED
    clock.now = datetime(2023, 6, 1, 12)  # the toolkit written and the pilot dropped, months later
    _save(db, partnership, toolkit, "done", date(2023, 6, 1))
    _save(db, partnership, pilot, "dropped")
    assert _printed(db, held.id) == AS_APPROVED
    assert mt.list_amendments(db, held.id) == []
    out = write_minutes(minutes_document(db, held.id), tmp_path / "minutes.pdf")
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Each action's status is as it stood on the day of the meeting; the action log has its status now." in text
    # under the heading, before the table: never left alone on a page after a long table
    assert text.index("Each action's status is as it stood") < text.index("Item Action Owner Due Status")


def test_working_minutes_give_each_action_as_it_is_now(db, partnership, clock):
    _held, (toolkit, _pilot, _circulate) = _meeting_with_actions(db, partnership, clock)
    clock.now = datetime(2023, 1, 12, 12)
    _save(db, partnership, toolkit, "done", date(2023, 1, 12))
    assert _printed(db, _held.id)["Write the neglect toolkit"] == "Done"
