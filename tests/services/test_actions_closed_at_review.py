"""A meeting's action log review goes through the actions open when the meeting began: one closed
as done at the meeting (done on its day) stays on the list, live and in approved minutes, given
as closed at the meeting, even when reopened later; one raised at a meeting earlier the same day
and done that day is left out, as before."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import ApprovalMethod, ItemKind, MeetingStatus
from bscp_desktop.jobs.meetings import minutes_document
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import build_world, meeting

DAY = date(2023, 3, 1)


@pytest.fixture
def partnership(db, clock):
    """The meetings tests' small partnership, saved on 10/01/2023 (the history keeps its entries in
    time order, so nothing is dated before what it holds)."""
    clock.now = datetime(2023, 1, 10, 12)
    return build_world(db)


def _raise(db, world, clock, when: datetime, *descriptions: str) -> list[al.ActionDTO]:
    clock.now = when.replace(hour=12)
    first = meeting(db, world.forum, when, status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, first.id, mt.AgendaItemFields("Neglect strategy"))
    return [mt.add_item_action(db, item.id, al.ActionFields(d, None, world.council.id, date(2023, 3, 31)))
            for d in descriptions]


def _save(db, world, a: al.ActionDTO, status: str, completed_on: date | None = None) -> None:
    al.update_action(db, a.id, al.ActionFields(a.description, None, world.council.id, a.due_date, status,
                                               completed_on, "Toolkit used by 200 staff"))


def _review_meeting(db, world, clock, when: datetime = datetime(2023, 3, 1, 14)) -> int:
    clock.now = when.replace(hour=12)
    m = meeting(db, world.forum, when, status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Action log review", kind=ItemKind.ACTION_REVIEW))
    return m.id


def _live(db, meeting_id: int) -> dict[str, str]:
    return {a.description: a.status.value for a in mt.open_actions_for_review(db, meeting_id)}


def _on_its_day(db, meeting_id: int) -> dict[str, tuple[str, date | None]] | None:
    found = mt.open_actions_on_its_day(db, meeting_id)
    return None if found is None else {a.description: (a.status.value, a.completed_on) for a in found}


def _printed(db, meeting_id: int) -> dict[str, str]:
    (item,) = [i for i in minutes_document(db, meeting_id).items if i.is_action_review]
    return {a.description: a.status for a in item.review_actions}


@pytest.mark.slow  # builds the partnership, three meetings, and saves actions over months
def test_an_action_closed_at_the_meeting_stays_on_its_review_live_and_once_approved(db, partnership, clock):
    pilot, toolkit, training = _raise(db, partnership, clock, datetime(2023, 1, 10, 10),
                                      "Pilot the neglect tool", "Write the neglect toolkit", "Train the staff")
    clock.now = datetime(2023, 2, 27, 12)
    _save(db, partnership, toolkit, "done", date(2023, 2, 27))  # done before the meeting: not reviewed
    (brief,) = _raise(db, partnership, clock, datetime(2023, 3, 1, 10), "Brief the chairs")  # earlier that day
    second = _review_meeting(db, partnership, clock)
    assert _live(db, second) == {"Pilot the neglect tool": "open", "Train the staff": "open", "Brief the chairs": "open"}
    _save(db, partnership, pilot, "done", DAY)  # closed at the meeting
    _save(db, partnership, brief, "done", DAY)  # done that day: before this meeting or at it, not told
    assert _live(db, second) == {"Pilot the neglect tool": "done", "Train the staff": "open"}
    assert _printed(db, second) == {"Pilot the neglect tool": "Done", "Train the staff": "Open"}
    mt.approve_minutes(db, second, None, date(2023, 3, 2), method=ApprovalMethod.EMAIL, approved_by="Chair")
    as_approved = {"Pilot the neglect tool": ("done", DAY), "Train the staff": ("open", None)}
    assert _on_its_day(db, second) == as_approved
    clock.now = datetime(2023, 6, 1, 12)  # the pilot reopened after the meeting, the training done
    _save(db, partnership, pilot, "in_progress")
    _save(db, partnership, training, "done", date(2023, 6, 1))
    assert _on_its_day(db, second) == as_approved
    assert _printed(db, second) == {"Pilot the neglect tool": "Done", "Train the staff": "Open"}


@pytest.mark.slow  # writes a PDF
def test_the_minutes_give_an_action_done_at_the_review_as_closed_at_the_meeting(tmp_path):
    import pypdf

    from bscp_desktop.reports.minutes import ActionLine, MinutesDocument, MinutesItem, write_minutes

    review = (ActionLine("Pilot the neglect tool", "Brent Council", date(2023, 3, 31), "Done"),
              ActionLine("Train the staff", "Brent Council", date(2023, 3, 31), "In progress"))
    doc = MinutesDocument("Brent Safeguarding Children Partnership", "Safeguarding Children Forum", "Forum",
                          datetime(2023, 3, 1, 14), None, "Brent Civic Centre", "Draft", False,
                          items=(MinutesItem(1, "Action log review", review_actions=review, is_action_review=True),))
    text = " ".join(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(
        str(write_minutes(doc, tmp_path / "m.pdf"))).pages).split())
    assert "Done (closed at this meeting)" in text
    assert "In progress (closed" not in text
    assert "There were no open actions" not in text
