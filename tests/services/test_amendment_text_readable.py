"""An amendment to approved minutes says what changed as the change log beside it does: each
field by its label, each value as people read it (a date as dd/mm/yyyy, a time as HH:MM, a code
by its word, a blank as '(blank)', a linked record by its name) and a register entry by its
person, never by the field's stored name or a record's number."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

pytestmark = pytest.mark.slow  # approved minutes, amended several times


def _approved(db, world) -> mt.MeetingDTO:
    m = meeting(db, world.forum, datetime(2024, 2, 1, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    rows = {r.person_id: r.id for r in at.list_attendance(db, m.id)}
    at.set_attendance(db, [rows[world.inspector.id]], A.PRESENT)
    at.set_attendance(db, [rows[world.head.id]], A.APOLOGIES)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy", minutes_allotted=10))
    return mt.approve_minutes(db, m.id, None, date(2024, 2, 10), method="chairs_action", approved_by="Chair")


def _last(db, meeting_id) -> tuple[str, str]:
    amendment = mt.list_amendments(db, meeting_id)[-1]
    return amendment.old_text, amendment.new_text


def test_a_meetings_details_amended_read_as_the_change_log_says_them(db, world):
    m = _approved(db, world)
    fields = mt.MeetingFields(m.group_id, m.title, datetime(2024, 2, 1, 9, 30), m.ends_at, m.kind, "Civic Centre",
                              m.online_link, m.status, world.chair.id)
    mt.update_meeting(db, m.id, fields, reason="Venue and time corrected")
    assert _last(db, m.id) == (
        "Starts at: 01/02/2024 10:00; Place: (blank); Chair: (blank)",
        f"Starts at: 01/02/2024 09:30; Place: Civic Centre; Chair: {world.chair.name}")


def test_an_agenda_item_amended_reads_by_its_labels_and_words(db, world):
    m = _approved(db, world)
    item = next(i for i in mt.list_agenda(db, m.id) if i.title == "Neglect strategy")
    mt.update_agenda_item(db, item.id, mt.AgendaItemFields(item.title, "Head of Safeguarding", item.paper_ref, 15, True,
                                                           kind=item.kind), reason="Presenter corrected")
    assert _last(db, m.id) == ("Presenter: (blank); Time allowed (minutes): 10; Confidential: no",
                               "Presenter: Head of Safeguarding; Time allowed (minutes): 15; Confidential: yes")


def test_a_register_amended_names_each_person_and_their_mark(db, world):
    m = _approved(db, world)
    rows = {r.person_id: r.id for r in at.list_attendance(db, m.id)}
    at.set_attendance(db, [rows[world.inspector.id], rows[world.head.id]], A.ABSENT, reason="Register corrected")
    old, new = _last(db, m.id)
    assert set(old.split("; ")) == {"Inspector Morse: Present", "Dr Żaneta Kowalska: Apologies"}
    assert set(new.split("; ")) == {"Inspector Morse: Absent", "Dr Żaneta Kowalska: Absent"}
    at.remove_attendee(db, rows[world.nurse.id], reason="Was not there")
    assert _last(db, m.id) == ("Nurse 王芳: Absent", "(removed)")


def test_an_agenda_copied_onto_approved_minutes_names_the_meeting_it_came_from(db, world):
    earlier = meeting(db, world.forum, datetime(2024, 1, 4, 10), title="January forum")
    mt.add_agenda_item(db, earlier.id, mt.AgendaItemFields("Child death overview"))
    m = _approved(db, world)
    mt.copy_last_agenda(db, m.id, reason="Agenda was missing")
    assert _last(db, m.id) == ("", "agenda copied from January forum (04/01/2024)")
