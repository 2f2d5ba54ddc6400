"""The minutes PDF and calendar files say what the records say: actions raised under a
confidential item stay out of the version for circulation, a guest who did not come is not
"in attendance", amendments are dated by this computer's clock, and a postponed meeting is
taken out of calendars."""

from __future__ import annotations

import io
from datetime import date, datetime

import pypdf
import pytest
from sqlalchemy import update

from bscp_desktop import jobs
from bscp_desktop.db.models import Action
from bscp_desktop.db.models.meetings import AgendaItem, Meeting, MinutesAmendment
from bscp_desktop.domain.meetings import ApprovalMethod, AttendanceStatus, ItemKind, MeetingStatus
from bscp_desktop.jobs.meetings import agenda_document, calendar_events, minutes_document
from bscp_desktop.reports.minutes import minutes_pdf
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages).split())


def _text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.mark.slow
def test_the_next_meetings_circulated_minutes_leave_out_actions_of_a_confidential_item(db, world, tmp_path):
    first = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 3, 14, 10)), standing_items=True)
    secret = mt.add_agenda_item(db, first.id, mt.AgendaItemFields("Child Q: rapid review", confidential=True))
    budget = mt.add_agenda_item(db, first.id, mt.AgendaItemFields("Budget"))
    for item, words in ((secret, "Share Child Q's chronology with the panel"), (budget, "Send the budget round")):
        mt.add_item_action(db, item.id, al.ActionFields(words, owner_person_id=world.head.id, due_date=date(2024, 9, 30)))
    second = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 6, 13, 10)), standing_items=True)
    doc = minutes_document(db, second.id)
    (review,) = [i for i in doc.items if i.is_action_review]
    assert {a.description: a.confidential for a in review.review_actions} == {
        "Share Child Q's chronology with the panel": True, "Send the budget round": False}
    assert doc.sensitive() and not doc.sensitive(circulation=True)  # the full minutes show it
    circulated = _text(jobs.write_report(db, "minutes", tmp_path / "c.pdf", meeting=second.id, circulation=True))
    assert "Child Q" not in circulated and "Send the budget round" in circulated
    assert "1 open action raised under a confidential item is left out of this version" in circulated
    full = _text(jobs.write_report(db, "minutes", tmp_path / "f.pdf", meeting=second.id))
    assert "Share Child Q's chronology with the panel" in full


def test_a_guest_marked_absent_is_not_in_attendance(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    came = at.add_attendee(db, m.id, at.AttendeeFields(None, "Dr Came Along"))
    stayed_away = at.add_attendee(db, m.id, at.AttendeeFields(None, "Dr No Show"))
    sent_word = at.add_attendee(db, m.id, at.AttendeeFields(None, "Dr Sent Word"))
    at.set_attendance(db, [stayed_away.id], AttendanceStatus.ABSENT)
    at.set_attendance(db, [sent_word.id], AttendanceStatus.APOLOGIES)
    doc = minutes_document(db, m.id)
    assert [p.name for p in doc.in_attendance] == [came.name]
    assert [p.name for p in doc.absent] == ["Dr No Show"]
    assert [p.name for p in doc.apologies] == ["Dr Sent Word"]


def test_the_registers_notes_reach_the_minutes(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    late = at.add_attendee(db, m.id, at.AttendeeFields(None, "Dr Came Late"))
    away = at.add_attendee(db, m.id, at.AttendeeFields(None, "Dr Sent Word"))
    at.set_attendance(db, [away.id], AttendanceStatus.APOLOGIES)
    at.set_attendance_notes(db, late.id, "arrived 10:45")
    at.set_attendance_notes(db, away.id, "on leave")
    doc = minutes_document(db, m.id)
    assert [p.line for p in doc.in_attendance] == ["Dr Came Late: arrived 10:45"]
    assert [p.line for p in doc.apologies] == ["Dr Sent Word: on leave"]


def test_an_amendment_is_dated_by_this_computers_clock(db, world, london_clock):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    mt.approve_minutes(db, m.id, None, date(2024, 3, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")
    mt.amend_minutes(db, item.id, "Corrected.", "Chair asked to correct the budget")
    with db.unit_of_work() as session:  # made at 00:30 on 1 July, British Summer Time
        session.execute(update(MinutesAmendment).values(created_at=datetime(2024, 6, 30, 23, 30)))
    assert [a.text for a in minutes_document(db, m.id).amendments] == ["01/07/2024, item 1 (Budget): Chair asked to correct the budget"]


def test_a_postponed_meeting_is_taken_out_of_calendars(db, world):
    held = meeting(db, world.forum, datetime(2027, 1, 14, 10))
    postponed = meeting(db, world.forum, datetime(2027, 2, 11, 10), status=MeetingStatus.POSTPONED.value)
    cancelled = meeting(db, world.forum, datetime(2027, 3, 11, 10), status=MeetingStatus.CANCELLED.value)
    events = {e.uid.partition("@")[0]: e.cancelled for e in calendar_events(db, [held, postponed, cancelled])}
    assert events == {f"meeting-{held.id}": False, f"meeting-{postponed.id}": True, f"meeting-{cancelled.id}": True}


def _review(db, meeting_id) -> dict[str, str] | None:
    (item,) = [i for i in minutes_document(db, meeting_id).items if i.is_action_review]
    return {a.description: a.status for a in item.review_actions} if item.review_known else None


@pytest.mark.slow
def test_approved_minutes_review_the_actions_open_on_the_meetings_day(db, world):
    first = meeting(db, world.forum, datetime(2024, 1, 11, 10))
    item = mt.add_agenda_item(db, first.id, mt.AgendaItemFields("Budget"))
    raised = {}
    for words, status in (("Still open", "open"), ("Done before", "open"), ("Done after", "open"),
                          ("Dropped after", "in_progress"), ("Archived", "open")):
        raised[words] = mt.add_item_action(db, item.id, al.ActionFields(
            words, owner_person_id=world.head.id, due_date=date(2024, 6, 30), status=status))

    def close(words, status, completed_on=None):
        a = raised[words]
        al.update_action(db, a.id, al.ActionFields(a.description, owner_person_id=world.head.id, due_date=a.due_date,
                                                   status=status, completed_on=completed_on, evidence="Done"))

    close("Done before", "done", date(2024, 3, 1))
    close("Done after", "done", date(2024, 4, 2))
    close("Dropped after", "dropped")  # today: after the meeting of 14/03/2024
    al.archive_action(db, raised["Archived"].id)
    second = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.add_agenda_item(db, second.id, mt.AgendaItemFields("Action log", kind=ItemKind.ACTION_REVIEW))
    assert _review(db, second.id) == {"Still open": "Open"}  # working minutes: the live list
    mt.approve_minutes(db, second.id, None, date(2024, 3, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")
    # as they stood on 14/03/2024
    assert _review(db, second.id) == {"Still open": "Open", "Done after": "Open", "Dropped after": "In progress"}
    # a meeting today: the action dropped today was dropped by then
    today = meeting(db, world.forum, datetime.combine(date.today(), datetime.min.time()))
    mt.add_agenda_item(db, today.id, mt.AgendaItemFields("Action log", kind=ItemKind.ACTION_REVIEW))
    mt.approve_minutes(db, today.id, None, date.today(), method=ApprovalMethod.EMAIL, approved_by="Chair")
    assert _review(db, today.id) == {"Still open": "Open"}


def test_approved_minutes_say_nothing_of_open_actions_when_that_is_not_known(db, world):
    first = meeting(db, world.forum, datetime(2024, 1, 11, 10))
    item = mt.add_agenda_item(db, first.id, mt.AgendaItemFields("Budget"))
    a = mt.add_item_action(db, item.id, al.ActionFields("Done some day", owner_person_id=world.head.id,
                                                        due_date=date(2024, 6, 30)))
    with db.unit_of_work() as session:  # an older record: done, with no completion date
        session.execute(update(Action).where(Action.id == a.id).values(status="done", completed_on=None))
    second = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.add_agenda_item(db, second.id, mt.AgendaItemFields("Action log", kind=ItemKind.ACTION_REVIEW))
    mt.approve_minutes(db, second.id, None, date(2024, 3, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")
    assert _review(db, second.id) is None
    text = _text_of(minutes_pdf(minutes_document(db, second.id), None).to_bytes())
    assert "Action log" in text and "open actions" not in text.lower()


def test_amendments_to_a_confidential_item_are_left_out_for_circulation(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child Q: rapid review", confidential=True))
    budget = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    mt.approve_minutes(db, m.id, None, date(2024, 3, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")
    mt.amend_minutes(db, secret.id, "Child Q's school corrected.", "Corrected the name of Child Q's school")
    mt.amend_minutes(db, budget.id, "Budget agreed.", "Budget figure corrected")
    doc = minutes_document(db, m.id)
    assert [(a.text[12:], a.confidential) for a in doc.amendments] == [
        ("item 1 (Child Q: rapid review): Corrected the name of Child Q's school", True),
        ("item 2 (Budget): Budget figure corrected", False)]
    circulated = _text_of(minutes_pdf(doc, None, circulation=True).to_bytes())
    assert "Child Q" not in circulated and "Budget figure corrected" in circulated
    assert "1 amendment to a confidential item is left out of this version for circulation" in circulated
    assert "Corrected the name of Child Q's school" in _text_of(minutes_pdf(doc, None).to_bytes())


def test_a_calendar_file_written_after_a_change_carries_a_higher_sequence(db, world):
    m = meeting(db, world.forum, datetime(2026, 6, 11, 10))
    (first,) = calendar_events(db, [mt.get_meeting(db, m.id)])
    saved = mt.get_meeting(db, m.id).updated_at
    mt.update_meeting(db, m.id, mt.MeetingFields(world.forum.id, m.title, datetime(2026, 6, 11, 14)))
    with db.unit_of_work() as session:  # moved within the same minute as it was added
        session.execute(update(Meeting).where(Meeting.id == m.id).values(updated_at=saved))
    (second,) = calendar_events(db, [mt.get_meeting(db, m.id)])
    assert second.starts_at.hour == 14 and second.sequence > first.sequence
    # never lower than the number a file written before carried: the minutes from 2020 to its last save
    assert first.sequence >= int((saved - datetime(2020, 1, 1)).total_seconds() // 60)


def _damaged_agenda(db, world) -> mt.MeetingDTO:
    """A meeting whose agenda positions another program changed: -5, 1, 2, 2 (stored as 4, 1, 2, 3)."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    items = [mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title, minutes_allotted=5))
             for title in ("Welcome", "Budget", "Neglect strategy", "Any other business")]
    with db.unit_of_work() as session:
        for item, position in zip(items, (1, 2, 2, -5), strict=True):
            session.execute(update(AgendaItem).where(AgendaItem.id == item.id).values(position=position))
    return m


@pytest.mark.slow  # reads the minutes, the agenda and the calendar file
def test_the_minutes_agenda_and_calendar_number_a_damaged_agenda_1_to_n_in_its_order(db, world):
    m = _damaged_agenda(db, world)
    expected = [(1, "Any other business"), (2, "Welcome"), (3, "Budget"), (4, "Neglect strategy")]
    assert [(i.number, i.title) for i in minutes_document(db, m.id).items] == expected
    assert [(i.number, i.title) for i in agenda_document(db, m.id).items] == expected
    (event,) = calendar_events(db, [mt.get_meeting(db, m.id)])
    assert event.description.endswith("\n".join(f"{n}. {title}" for n, title in expected))
