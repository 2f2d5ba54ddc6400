"""Archiving a person without ending their memberships ("Archive only"): their seats count up to
the day they were archived, and their deputies' seats for them end that day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.jobs.memberships import members_by_group
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting


def _seat(db, person_id, role=None):
    return next(m for m in ms.list_memberships(db) if m.person_id == person_id and (role is None or m.role is role))


def _names(seats) -> set[str]:
    return {m.person_name for m in seats}


def test_a_register_filled_after_archive_only_keeps_the_member_for_a_meeting_they_sat_at(db, world):
    ms.archive_person(db, world.nurse.id)
    held = meeting(db, world.forum, datetime(2024, 3, 14, 10), status="held")
    at.prefill_attendance(db, held.id)
    assert world.nurse.name in [a.name for a in at.list_attendance(db, held.id)]
    on = date(2024, 3, 14)
    assert world.nurse.name in _names(ms.members_on(db, world.forum.id, on))
    assert world.nurse.name in _names(ms.list_memberships(db, on=on, seated=True))
    assert world.nurse.name in _names(ms.list_memberships(db, on=on))  # the Memberships tab agrees


def test_an_open_seat_of_an_archived_person_counts_up_to_the_day_they_were_archived_and_not_after(db, world):
    ms.archive_person(db, world.nurse.id)
    today = date.today()
    assert _seat(db, world.nurse.id).end_date is None  # left as it was
    assert world.nurse.name in _names(ms.members_on(db, world.forum.id, today))
    tomorrow = today + timedelta(days=1)
    assert world.nurse.name not in _names(ms.members_on(db, world.forum.id, tomorrow))
    assert world.nurse.name not in {m.person_name for _g, seats in members_by_group(db, tomorrow) for m in seats}


def test_archive_only_ends_the_deputies_seats_for_them_that_day(db, world):
    today = date.today()
    assert ms.archive_person(db, world.inspector.id) == 1  # the sergeant's seat as their deputy
    assert _seat(db, world.inspector.id).end_date is None  # their own seat is left as it was
    assert _seat(db, world.sergeant.id, Role.DEPUTY).end_date == today
    assert {world.inspector.name, world.sergeant.name} <= _names(ms.members_on(db, world.forum.id, today))
    later = _names(ms.members_on(db, world.forum.id, today + timedelta(days=1)))
    assert world.inspector.name not in later and world.sergeant.name not in later
    assert not [m for _g, seats in members_by_group(db, today + timedelta(days=1)) for m in seats
                if m.deputy_for_id == world.inspector.id]  # no "Deputy for" an archived member
    assert [m.id for m in ms.open_memberships_of(db, world.inspector.id, today)] == [_seat(db, world.inspector.id).id]


def test_archive_only_is_refused_while_a_later_register_records_them_as_ending_would_be(db, world):
    later = meeting(db, world.forum, datetime.combine(date.today() + timedelta(days=14), time(10)))
    at.prefill_attendance(db, later.id)
    row = next(r for r in at.list_attendance(db, later.id) if r.person_id == world.inspector.id)
    at.set_attendance(db, [row.id], "apologies")
    with pytest.raises(ValidationError) as err:
        ms.archive_person(db, world.inspector.id)
    assert err.value.errors["membership"].startswith(
        f"Inspector Morse is on the register of the Safeguarding Children Forum meeting of {later.starts_at:%d/%m/%Y} "
        "as a member, and would hold no seat on the group that day: take them off that register first")
    assert not next(p for p in ms.list_people(db, include_archived=True) if p.id == world.inspector.id).archived
    assert _seat(db, world.sergeant.id, Role.DEPUTY).end_date is None  # nothing changed
    at.remove_attendee(db, row.id)
    assert ms.archive_person(db, world.inspector.id) == 1


def test_archive_only_takes_the_member_off_a_later_register_with_nothing_recorded(db, world):
    later = meeting(db, world.forum, datetime.combine(date.today() + timedelta(days=14), time(10)))
    at.prefill_attendance(db, later.id)
    assert world.nurse.name in [a.name for a in at.list_attendance(db, later.id)]
    ms.archive_person(db, world.nurse.id)
    assert world.nurse.name not in [a.name for a in at.list_attendance(db, later.id)]
