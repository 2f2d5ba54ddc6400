"""The register follows each person's seat on the group that day: someone added by hand who
held a seat is listed by its role and organisation (the secretariat never counts, a member
added as a guest is a member), and filling the register from the members corrects rows added
before the seat was recorded, keeping their attendance marks."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting


def _row(db, meeting_id, person_id):
    (row,) = [r for r in at.list_attendance(db, meeting_id) if r.person_id == person_id]
    return row


def test_the_secretariat_added_by_hand_as_a_member_is_listed_by_their_seat_and_never_counts(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.set_quorum(db, world.forum.id, 1)
    row = at.add_attendee(db, m.id, at.AttendeeFields(person_id=world.officer.id, organisation_id=world.police.id,
                                                      expected=True, status=A.PRESENT))
    assert (row.role, row.expected, row.organisation_id, row.counts) == (Role.SECRETARIAT.value, True,
                                                                         world.council.id, False)
    assert row.role_label == "Secretariat"
    assert not at.quorum_state(db, m.id).met
    report = at.attendance_monitoring(db, date(2023, 4, 1), date(2024, 3, 31), group_id=world.forum.id)
    assert [r for r in report.by_organisation if r.organisation_name == "Brent Council"] == []  # not its attendance


def test_a_member_added_as_a_guest_is_a_member_who_came(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    row = at.add_attendee(db, m.id, at.AttendeeFields(person_id=world.nurse.id, status=A.GUEST))
    assert (row.role, row.expected, row.status, row.organisation_id) == (Role.MEMBER.value, True, A.PRESENT,
                                                                         world.icb.id)
    # the chair's seat: chair, and someone with no seat that day stays the guest they were added as
    chair = at.add_attendee(db, m.id, at.AttendeeFields(person_id=world.chair.id, expected=True, status=A.APOLOGIES))
    assert (chair.role, chair.status) == (Role.CHAIR.value, A.APOLOGIES)
    visitor = ms.create_person(db, ms.PersonFields("Visiting Speaker", organisation_id=world.school.id))
    guest = at.add_attendee(db, m.id, at.AttendeeFields(person_id=visitor.id, status=A.GUEST))
    assert (guest.role, guest.expected, guest.status) == ("guest", False, A.GUEST)
    # a deputy is recorded as deputising for their member, not by a seat of their own
    deputy = at.add_attendee(db, m.id, at.AttendeeFields(person_id=world.sergeant.id, status=A.GUEST))
    assert (deputy.role, deputy.expected) == ("guest", False)
    assert at.prefill_attendance(db, m.id).added == 3  # the officer, the inspector and the head


@pytest.mark.slow  # two registers filled
def test_filling_the_register_gives_rows_added_before_the_seat_was_recorded_its_role(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    adviser = ms.create_person(db, ms.PersonFields("Designated Doctor", organisation_id=world.icb.id))
    cafcass = ms.create_person(db, ms.PersonFields("CAFCASS Representative", organisation_id=world.school.id))
    at.add_attendee(db, m.id, at.AttendeeFields(person_id=adviser.id, expected=True, status=A.PRESENT))
    at.add_attendee(db, m.id, at.AttendeeFields(person_id=cafcass.id, status=A.GUEST))
    assert _row(db, m.id, adviser.id).counts  # no seat recorded yet: a member the list missed
    # the seats, recorded afterwards, from before the meeting
    ms.create_membership(db, ms.MembershipFields(adviser.id, world.forum.id, Role.ADVISER, date(2024, 1, 1),
                                                 organisation_id=world.icb.id))
    ms.create_membership(db, ms.MembershipFields(cafcass.id, world.forum.id, Role.MEMBER, date(2024, 1, 1),
                                                 organisation_id=world.police.id))
    filled = at.prefill_attendance(db, m.id)
    assert filled.added == 5 and filled.corrected == ("CAFCASS Representative (Member)",
                                                      "Designated Doctor (Adviser)")
    assert filled.sentence == (
        "Added 5 members of the group on 14/03/2024. Gave 2 people on the register the role of their seats on the "
        "group on 14/03/2024: CAFCASS Representative (Member) and Designated Doctor (Adviser).")
    doctor, member = _row(db, m.id, adviser.id), _row(db, m.id, cafcass.id)
    assert (doctor.role, doctor.expected, doctor.status, doctor.counts) == ("adviser", True, A.PRESENT, False)
    assert (member.role, member.expected, member.status, member.organisation_id, member.counts) == (
        "member", True, A.PRESENT, world.police.id, True)
    assert at.prefill_attendance(db, m.id).sentence == \
        "Everyone who was a member on the meeting date is already on the register."


@pytest.mark.slow  # approved minutes
def test_correcting_an_approved_register_is_an_amendment(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    adviser = ms.create_person(db, ms.PersonFields("Designated Doctor", organisation_id=world.icb.id))
    at.prefill_attendance(db, m.id)
    at.add_attendee(db, m.id, at.AttendeeFields(person_id=adviser.id, expected=True, status=A.PRESENT))
    ms.create_membership(db, ms.MembershipFields(adviser.id, world.forum.id, Role.ADVISER, date(2024, 1, 1),
                                                 organisation_id=world.icb.id))
    mt.approve_minutes(db, m.id, meeting(db, world.forum, datetime(2024, 5, 14, 10)).id)
    with pytest.raises(ValidationError) as err:
        at.prefill_attendance(db, m.id)
    assert "reason" in err.value.errors
    assert _row(db, m.id, adviser.id).role == "member"
    at.prefill_attendance(db, m.id, reason="The doctor sits as an adviser")
    assert _row(db, m.id, adviser.id).role == "adviser"
    (amendment,) = mt.list_amendments(db, m.id)
    assert amendment.new_text == "1 given the role of their seat on 14/03/2024"
