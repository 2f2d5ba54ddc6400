"""Filling the register again gives each row the organisation its seat represents, as it gives
its role: a seat whose organisation was corrected on the Memberships tab after the register was
filled, or a member added by hand before their seat was recorded, is credited to the seat's
organisation, the attendance mark kept and the officer told; approved minutes change only by
an amendment with a reason."""

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

DAY = datetime(2024, 3, 14, 10)


def _row(db, meeting_id, person_id):
    (row,) = [r for r in at.list_attendance(db, meeting_id) if r.person_id == person_id]
    return row


def _move_seat(db, world, person, organisation_id, role=None):
    """Correct `person`'s seat on the forum to represent `organisation_id` (and hold `role`)."""
    (seat,) = [s for s in ms.list_memberships(db, group_id=world.forum.id) if s.person_id == person.id]
    ms.update_membership(db, seat.id, ms.MembershipFields(seat.person_id, seat.group_id, role or seat.role,
                                                          seat.start_date, seat.end_date, organisation_id))


def _filled_and_marked(db, world):
    m = meeting(db, world.forum, DAY, status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    at.set_attendance(db, [_row(db, m.id, world.inspector.id).id], A.PRESENT)
    return m


@pytest.mark.slow  # a register filled three times, and attendance monitoring read
def test_a_seats_organisation_corrected_after_the_register_was_filled_reaches_the_register(db, world):
    m = _filled_and_marked(db, world)
    assert _row(db, m.id, world.inspector.id).organisation_id == world.police.id
    _move_seat(db, world, world.inspector, world.council.id)  # the seat was entered as the police's by mistake
    filled = at.prefill_attendance(db, m.id)
    assert (filled.added, filled.corrected, filled.reorganised) == (0, (), ("Inspector Morse (Brent Council)",))
    assert filled.sentence == (
        "Gave 1 person on the register the organisation their seat represented on the group on 14/03/2024: "
        "Inspector Morse (Brent Council).")
    row = _row(db, m.id, world.inspector.id)
    assert (row.organisation_id, row.organisation_name, row.role, row.status) == (
        world.council.id, "Brent Council", "member", A.PRESENT)  # the mark kept
    report = at.attendance_monitoring(db, date(2023, 4, 1), date(2024, 3, 31), group_id=world.forum.id)
    credited = {r.organisation_name: r.in_person for r in report.by_organisation}
    assert credited.get("Brent Council") == 1 and not credited.get("Metropolitan Police")
    assert at.prefill_attendance(db, m.id).sentence == \
        "Everyone who was a member on the meeting date is already on the register."


@pytest.mark.slow  # two seats changed and the register filled twice
def test_a_seat_made_a_lay_members_stands_for_no_organisation_on_the_register(db, world):
    m = _filled_and_marked(db, world)
    _move_seat(db, world, world.inspector, None, Role.LAY_MEMBER)
    _move_seat(db, world, world.head, None)  # saved "(not representing an organisation)"
    filled = at.prefill_attendance(db, m.id)
    assert filled.corrected == ("Inspector Morse (Lay member)",)
    assert filled.reorganised == ("Dr Żaneta Kowalska (not representing an organisation)",)
    assert "the organisation their seat represented on the group on 14/03/2024: Dr Żaneta Kowalska (not " \
           "representing an organisation)." in filled.sentence
    assert [(_row(db, m.id, p.id).organisation_id, _row(db, m.id, p.id).role) for p in (world.inspector, world.head)] \
        == [(None, "lay_member"), (None, "member")]


def test_a_member_added_by_hand_before_their_seat_was_recorded_gets_the_seats_organisation(db, world):
    m = meeting(db, world.forum, DAY, status=MeetingStatus.HELD)
    doctor = ms.create_person(db, ms.PersonFields("Designated Doctor", organisation_id=world.icb.id))
    at.add_attendee(db, m.id, at.AttendeeFields(person_id=doctor.id, expected=True, status=A.PRESENT))
    assert _row(db, m.id, doctor.id).organisation_id == world.icb.id  # no seat yet: their own organisation
    ms.create_membership(db, ms.MembershipFields(doctor.id, world.forum.id, Role.MEMBER, date(2024, 1, 1),
                                                 organisation_id=world.police.id))
    filled = at.prefill_attendance(db, m.id)
    assert filled.reorganised == ("Designated Doctor (Metropolitan Police)",)
    assert (_row(db, m.id, doctor.id).organisation_id, _row(db, m.id, doctor.id).status) == (world.police.id, A.PRESENT)


@pytest.mark.slow  # approved minutes
def test_correcting_the_organisation_on_an_approved_register_is_an_amendment(db, world):
    m = _filled_and_marked(db, world)
    mt.approve_minutes(db, m.id, meeting(db, world.forum, datetime(2024, 5, 14, 10)).id)
    _move_seat(db, world, world.inspector, world.council.id)
    with pytest.raises(ValidationError) as err:
        at.prefill_attendance(db, m.id)
    assert "reason" in err.value.errors
    assert _row(db, m.id, world.inspector.id).organisation_id == world.police.id  # as approved
    at.prefill_attendance(db, m.id, reason="The inspector sat for the council")
    assert _row(db, m.id, world.inspector.id).organisation_id == world.council.id
    (amendment,) = mt.list_amendments(db, m.id)
    assert (amendment.old_text, amendment.new_text) == (
        f"{world.inspector.name}: Metropolitan Police",
        "1 given the organisation of their seat on 14/03/2024")
