"""People and memberships behave as officers expect (issue: daily use, point 4)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting


def test_archiving_a_person_can_end_their_memberships_that_day(db, world):
    today = date.today()
    running = ms.open_memberships_of(db, world.chair.id, today)
    assert running and all(m.person_id == world.chair.id for m in running)
    changed = ms.archive_person(db, world.chair.id, end_memberships_on=today)
    assert changed == len(running)
    ended = [m for m in ms.list_memberships(db) if m.person_id == world.chair.id]
    assert ended and all(m.end_date == today for m in ended)
    assert ms.open_memberships_of(db, world.chair.id, today) == []
    assert next(p for p in ms.list_people(db, include_archived=True) if p.id == world.chair.id).archived


def test_archiving_only_keeps_memberships(db, world):
    assert ms.archive_person(db, world.officer.id) == 0
    assert any(m.person_id == world.officer.id and m.end_date is None for m in ms.list_memberships(db))


def test_an_archived_person_is_added_to_no_register_after_the_day_they_were_archived(db, world):
    ms.archive_person(db, world.inspector.id)
    m = meeting(db, world.forum, datetime.combine(date.today() + timedelta(days=7), time(10)))
    at.prefill_attendance(db, m.id)
    names = [a.name for a in at.list_attendance(db, m.id)]
    assert world.inspector.name not in names and world.chair.name in names
    with pytest.raises(ValidationError) as err:
        at.add_attendee(db, m.id, at.AttendeeFields(person_id=world.inspector.id, expected=True, status="present"))
    assert "is archived" in err.value.errors["name"]


def test_similar_people_by_email_or_name_in_the_same_organisation(db, world):
    ms.update_person(db, world.nurse.id, ms.PersonFields(world.nurse.name, organisation_id=world.icb.id,
                                                         email="Wang.Fang@nhs.net"))
    by_email = ms.similar_people(db, "Someone Else", " wang.fang@NHS.net ")
    assert [s.person.id for s in by_email] == [world.nurse.id] and by_email[0].reason == "the same e-mail address"
    by_name = ms.similar_people(db, "inspector  morse", "", world.police.id)
    assert [s.person.id for s in by_name] == [world.inspector.id]
    assert by_name[0].reason == "the same name at Metropolitan Police"
    assert ms.similar_people(db, "Inspector Morse", "", world.council.id) == []  # another organisation
    assert ms.similar_people(db, "Inspector Morse", "", world.police.id, exclude_id=world.inspector.id) == []


def test_archiving_and_ending_memberships_is_refused_while_a_later_register_records_them(db, world):
    """As editing the seat's End date would be: the member who sent apologies for a meeting after
    the day would stay on its register as expected, with no seat."""
    later = meeting(db, world.forum, datetime(2024, 9, 12, 10))
    at.prefill_attendance(db, later.id)
    row = next(r for r in at.list_attendance(db, later.id) if r.person_id == world.inspector.id)
    at.set_attendance(db, [row.id], "apologies")
    left = date(2024, 6, 30)
    with pytest.raises(ValidationError) as err:
        ms.archive_person(db, world.inspector.id, end_memberships_on=left)
    assert err.value.errors == {"membership": "Inspector Morse is on the register of the Safeguarding Children Forum "
                                              "meeting of 12/09/2024 as a member, and would hold no seat on the group "
                                              "that day: take them off that register first, or keep the seat's dates "
                                              "covering it"}
    assert len(ms.open_memberships_of(db, world.inspector.id, left)) == 2  # nothing changed: their seat, their deputy's
    assert not next(p for p in ms.list_people(db, include_archived=True) if p.id == world.inspector.id).archived
    at.remove_attendee(db, row.id)
    assert ms.archive_person(db, world.inspector.id, end_memberships_on=left) == 2
