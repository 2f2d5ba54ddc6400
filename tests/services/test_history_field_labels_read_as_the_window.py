"""The change log headed fields by their column names: "Length minutes", "Non attendance reason",
"Minutes allotted", "Owner person", "Chair person", "Minute taker person", "Outcome number" and
"Delegate (as matched)". It heads them as the window's forms do now, with the unit where the
value is a number of minutes."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import history as hs
from bscp_desktop.services import meetings as mt
from bscp_desktop.services.history_names import field_label
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from tests.meetings_world import meeting, meeting_fields


@pytest.mark.parametrize(("table", "field", "label"), [
    ("training_course", "length_minutes", "Length (minutes)"),
    ("training_booking", "non_attendance_reason", "Reason for not attending"),
    ("agenda_item", "minutes_allotted", "Time allowed (minutes)"),
    ("standing_item_template", "minutes_allotted", "Time allowed (minutes)"),
    ("action", "owner_person_id", "Owner"),
    ("action", "owner_organisation_id", "Owning organisation"),
    ("decision", "owner_person_id", "Owner"),
    ("meeting", "chair_person_id", "Chair"),
    ("meeting", "minute_taker_person_id", "Minute-taker"),
    ("attendance", "deputy_person_id", "Deputy"),
    ("training_score", "outcome_number", "Learning outcome number (0 is overall confidence)"),
    ("training_booking", "delegate_key", "Delegate matched by"),
    ("training_evaluation", "delegate_key", "Delegate matched by"),
])
def test_a_field_is_headed_as_the_window_heads_it(table, field, label):
    assert field_label(field, table) == label


def _labels(db, table: str, record_id: int) -> dict[str, str]:
    rows = hs.change_page(db, hs.ChangeQuery(record=(table, record_id))).rows
    return {r.field_label: r.new_text for r in rows if r.field}


def test_the_change_log_of_a_course_and_a_booking(db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect", length_minutes=90))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2024, 3, 12, 9, 30),
                                                     capacity=20))
    booked = bk.create_booking(db, bk.BookingFields(
        session_id=session.id, delegate_name="Farhan Singh", email="farhan.singh@example.org",
        booked_on=date(2024, 3, 1), outcome="no_show", non_attendance_reason="Called to a strategy meeting"))
    assert _labels(db, "training_course", course.id)["Length (minutes)"] == "90"
    shown = _labels(db, "training_booking", booked.booking.id)
    assert shown["Reason for not attending"] == "Called to a strategy meeting"
    assert shown["Delegate matched by"] == "farhan.singh@example.org"  # the address, not the program's own key
    assert not {"Length minutes", "Non attendance reason", "Delegate (as matched)"} & set(shown)


def test_the_change_log_of_a_meeting_names_its_chair_and_minute_taker(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.PLANNED)
    mt.update_meeting(db, m.id, meeting_fields(m, chair_person_id=world.chair.id, minute_taker_person_id=world.officer.id))
    shown = _labels(db, "meeting", m.id)
    assert (shown["Chair"], shown["Minute-taker"]) == (world.chair.name, world.officer.name)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy", minutes_allotted=20))
    assert _labels(db, "agenda_item", item.id)["Time allowed (minutes)"] == "20"
