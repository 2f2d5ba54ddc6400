"""A member who moves to another organisation mid-year keeps their seat: the seat is split at the
date of the move in one step, the attendance already recorded kept as it is."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

MOVE = date(2024, 1, 1)


def _seat(db, world) -> ms.MembershipDTO:
    return next(m for m in ms.list_memberships(db, group_id=world.forum.id) if m.person_id == world.inspector.id)


def _held(db, world, when: datetime) -> mt.MeetingDTO:
    """A held Forum meeting with the inspector marked present."""
    m = meeting(db, world.forum, when, status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    row = next(r for r in at.list_attendance(db, m.id) if r.person_id == world.inspector.id)
    at.set_attendance(db, [row.id], AttendanceStatus.PRESENT)
    return m


def _inspector_on(db, world, m) -> tuple:
    row = next(r for r in at.list_attendance(db, m.id) if r.person_id == world.inspector.id)
    return row.status, row.organisation_id, row.role


def _refused(db, seat_id, fields, version=None) -> dict:
    with pytest.raises(ValidationError) as err:
        ms.move_membership(db, seat_id, fields, version)
    return err.value.errors


def test_moving_a_seat_with_attendance_recorded_on_both_sides_of_the_date(db, world):
    before = _held(db, world, datetime(2023, 12, 14, 10))
    after = _held(db, world, datetime(2024, 3, 14, 10))
    mt.approve_minutes(db, before.id, after.id)  # the minutes of 14/12/2023 approved, locked
    seat = _seat(db, world)

    new = ms.move_membership(db, seat.id, ms.SeatMoveFields(MOVE, world.council.id, Role.MEMBER), seat.version)

    assert (new.person_id, new.group_id, new.role, new.organisation_id) == (
        world.inspector.id, world.forum.id, Role.MEMBER, world.council.id)
    assert (new.start_date, new.end_date) == (MOVE, None)
    seats = sorted((m for m in ms.list_memberships(db, group_id=world.forum.id) if m.person_id == world.inspector.id),
                   key=lambda m: m.start_date)
    assert [(m.id, m.organisation_id, m.start_date, m.end_date) for m in seats] == [
        (seat.id, world.police.id, date(2022, 4, 1), date(2023, 12, 31)),
        (new.id, world.council.id, MOVE, None),
    ]
    # the registers keep what they recorded, the approved one and the one not yet approved alike
    assert _inspector_on(db, world, before) == (AttendanceStatus.PRESENT, world.police.id, "member")
    assert _inspector_on(db, world, after) == (AttendanceStatus.PRESENT, world.police.id, "member")
    # the deputy standing in for the inspector still has a member's seat to stand in for
    assert any(m.person_id == world.sergeant.id for m in ms.members_on(db, world.forum.id, date(2024, 6, 1)))


def test_the_members_on_a_date_before_and_after_the_move_name_the_old_and_new_organisation(db, world):
    seat = _seat(db, world)
    ms.move_membership(db, seat.id, ms.SeatMoveFields(MOVE, world.council.id, Role.MEMBER))

    def representing(day: date) -> list[str]:
        return [m.organisation_name for m in ms.members_on(db, world.forum.id, day) if m.person_id == world.inspector.id]

    assert representing(date(2023, 12, 31)) == [world.police.name]
    assert representing(MOVE) == [world.council.name]
    assert [m.organisation_id for m in ms.list_memberships(db, on=date(2023, 12, 31), group_id=world.forum.id)
            if m.person_id == world.inspector.id] == [world.police.id]


def test_a_seat_with_an_end_date_keeps_it_on_the_new_seat_and_the_role_may_change_too(db, world):
    seat = ms.create_membership(db, ms.MembershipFields(world.head.id, world.executive.id, Role.MEMBER,
                                                        date(2023, 4, 1), date(2025, 3, 31), world.school.id,
                                                        notes="Education lead"))
    new = ms.move_membership(db, seat.id, ms.SeatMoveFields(date(2024, 9, 1), world.council.id, Role.VICE_CHAIR))
    assert (new.role, new.organisation_id, new.start_date, new.end_date, new.notes) == (
        Role.VICE_CHAIR, world.council.id, date(2024, 9, 1), date(2025, 3, 31), "Education lead")


def test_a_date_outside_the_seat_is_refused_beside_the_date(db, world):
    seat = _seat(db, world)
    on_start = _refused(db, seat.id, ms.SeatMoveFields(seat.start_date, world.council.id, Role.MEMBER))
    assert on_start == {"moved_on": "The date of the move must be after 01/04/2022, when the seat starts: to "
                                    "correct the organisation the seat has represented from its start, edit the "
                                    "membership instead"}
    ended = ms.create_membership(db, ms.MembershipFields(world.head.id, world.executive.id, Role.MEMBER,
                                                         date(2023, 4, 1), date(2024, 3, 31), world.school.id))
    after_end = _refused(db, ended.id, ms.SeatMoveFields(date(2024, 4, 1), world.council.id, Role.MEMBER))
    assert after_end == {"moved_on": "The date of the move must be on or before 31/03/2024, when the seat ends"}
    assert _refused(db, seat.id, ms.SeatMoveFields(None, world.council.id, Role.MEMBER)) == {
        "moved_on": "Date of the move is required"}


def test_an_archived_organisation_or_a_move_that_changes_nothing_is_refused(db, world):
    seat = _seat(db, world)
    ms.archive_organisation(db, world.icb.id)
    assert _refused(db, seat.id, ms.SeatMoveFields(MOVE, world.icb.id, Role.MEMBER)) == {
        "organisation_id": f"{world.icb.name} is archived: restore it on the Memberships tab first, or choose a "
                           "current organisation"}
    assert _refused(db, seat.id, ms.SeatMoveFields(MOVE, world.police.id, Role.MEMBER)) == {
        "organisation_id": "The seat already represents this organisation in this role: choose the organisation "
                           "they represent from the date of the move, or another role"}
    ms.archive_membership(db, _chair_seat(db, world).id)
    assert _refused(db, _chair_seat(db, world, archived=True).id,
                    ms.SeatMoveFields(MOVE, world.police.id, Role.CHAIR)) == {
        "membership": "This membership is archived: restore it before moving it"}
    assert _seat(db, world).end_date is None  # nothing changed


def _chair_seat(db, world, archived: bool = False) -> ms.MembershipDTO:
    return next(m for m in ms.list_memberships(db, group_id=world.executive.id, include_archived=archived)
                if m.person_id == world.chair.id)


def test_a_move_refused_after_the_seat_was_ended_leaves_everything_as_it_was(db, world):
    """A new role that never counts leaves the inspector's deputy with no member's seat to stand
    in for: refused, and the seat ended in the same transaction is not ended."""
    seat = _seat(db, world)
    said = _refused(db, seat.id, ms.SeatMoveFields(MOVE, world.council.id, Role.ADVISER))
    assert list(said) == ["role"]
    assert "Sergeant Lewis" in said["role"]
    seats = [m for m in ms.list_memberships(db, group_id=world.forum.id) if m.person_id == world.inspector.id]
    assert [(m.id, m.end_date) for m in seats] == [(seat.id, None)]


def test_a_seat_saved_by_someone_else_since_it_was_read_is_not_moved(db, world):
    from bscp_desktop.domain.validation import RecordChanged

    seat = _seat(db, world)
    ms.update_membership(db, seat.id, ms.MembershipFields(seat.person_id, seat.group_id, seat.role, seat.start_date,
                                                          None, seat.organisation_id, notes="Changed meanwhile"))
    with pytest.raises(RecordChanged):
        ms.move_membership(db, seat.id, ms.SeatMoveFields(MOVE, world.council.id, Role.MEMBER), seat.version)
