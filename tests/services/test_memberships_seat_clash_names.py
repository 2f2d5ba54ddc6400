"""A seat refused because of a deputy's seat says whose deputy and on which group."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms


def _refused(command, *args) -> dict:
    with pytest.raises(ValidationError) as err:
        command(*args)
    return err.value.errors


def test_ending_or_archiving_a_members_seat_names_the_member_and_the_group(db):
    group = ms.create_group(db, ms.GroupFields("Test Panel", 3))
    alice, carol = (ms.create_person(db, ms.PersonFields(name)) for name in ("Alice Adams", "Carol Cole"))
    fields = ms.MembershipFields(alice.id, group.id, Role.MEMBER, date(2023, 4, 1))
    seat = ms.create_membership(db, fields)
    ms.create_membership(db, ms.MembershipFields(carol.id, group.id, Role.DEPUTY, date(2023, 4, 1),
                                                 deputy_for_id=alice.id))
    assert _refused(ms.update_membership, db, seat.id, dataclasses.replace(fields, end_date=date(2023, 9, 30))) == {
        "end_date": "Carol Cole (from 01/04/2023 with no end date) deputises for Alice Adams on Test Panel on days "
                    "they would hold no seat there: change that seat first, or make the deputy stand in for another "
                    "member"}
    assert _refused(ms.archive_membership, db, seat.id) == {
        "membership": "Carol Cole deputises for Alice Adams on Test Panel with no member's seat to stand in for: end "
                      "that seat first, or make the deputy stand in for another member"}


def test_a_seat_that_never_counts_over_a_meeting_names_the_member_deputised_for(db, world):
    m = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 1, 11, 10)))
    at.prefill_attendance(db, m.id)
    row = next(r for r in at.list_attendance(db, m.id) if r.person_id == world.inspector.id)
    helper = ms.create_person(db, ms.PersonFields("Dee Puty", organisation_id=world.council.id))
    at.set_attendance(db, [row.id], AttendanceStatus.DEPUTY, deputy_person_id=helper.id)
    said = _refused(ms.create_membership, db, ms.MembershipFields(helper.id, world.forum.id, Role.SECRETARIAT,
                                                                  date(2023, 10, 1)))["role"]
    assert said.startswith(f"Dee Puty is recorded as deputy for {world.inspector.name} at the "
                           f"{world.forum.name} meeting of 11/01/2024, and would sit on the group that day only as "
                           "the secretariat")
