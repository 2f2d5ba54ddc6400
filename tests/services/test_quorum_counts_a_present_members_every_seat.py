"""A statutory-partners quorum counts the organisations of the people in the room: a member
present counts for every organisation they sit for on the group that day, not only the one of
the seat the register lists them by. A chair who also sits for the ICB makes the ICB
represented when its own member sends apologies; their seats that never count (the
secretariat's, an adviser's) or stand in for a member only when recorded so (a deputy's) do not."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus, QuorumRule
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

PRESENT, APOLOGIES = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES
SEATED = date(2022, 4, 1)


def _bob(db, world, second_role=Role.MEMBER, until=None):
    """Bob chairs the forum for no organisation and holds a second seat for the ICB."""
    bob = ms.create_person(db, ms.PersonFields("Bob Hughes"))
    ms.create_membership(db, ms.MembershipFields(bob.id, world.forum.id, Role.CHAIR, SEATED))
    ms.create_membership(db, ms.MembershipFields(
        bob.id, world.forum.id, second_role, SEATED, until, organisation_id=world.icb.id,
        deputy_for_id=world.nurse.id if second_role is Role.DEPUTY else None))
    return bob


def _held_with_icb_member_away(db, world):
    """The forum's meeting: everyone there but the ICB's own member, who sent apologies."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    at.set_quorum(db, world.forum.id, None, QuorumRule.STATUTORY_PARTNERS)
    rows = {r.name: r for r in at.list_attendance(db, m.id)}
    at.set_attendance(db, [rows[n].id for n in ("Bob Hughes", world.chair.name, world.inspector.name)], PRESENT)
    at.set_attendance(db, [rows[world.nurse.name].id], APOLOGIES)
    return m, rows


def test_a_present_chair_who_also_sits_for_the_icb_makes_it_represented(db, world):
    _bob(db, world)
    m, rows = _held_with_icb_member_away(db, world)
    # the register still lists Bob once, by his chair's seat for no organisation
    bobs = [r for r in at.list_attendance(db, m.id) if r.name == "Bob Hughes"]
    assert [(r.role, r.organisation_id) for r in bobs] == [(Role.CHAIR.value, None)]
    state = at.quorum_state(db, m.id)
    assert state.met is True, state.sentence
    assert state.sentence.startswith("Quorum met: the local authority, the Integrated Care Board and the police")
    assert state.attending == 3  # people in the room, Bob once


def test_the_second_seat_counts_only_while_present(db, world):
    _bob(db, world)
    m, rows = _held_with_icb_member_away(db, world)
    at.set_attendance(db, [rows["Bob Hughes"].id], APOLOGIES)
    state = at.quorum_state(db, m.id)
    assert state.met is False and "the Integrated Care Board is not represented" in state.sentence


def test_a_second_seat_ended_before_the_meeting_does_not_count(db, world):
    _bob(db, world, until=date(2023, 3, 31))
    m, _rows = _held_with_icb_member_away(db, world)
    state = at.quorum_state(db, m.id)
    assert state.met is False and "the Integrated Care Board is not represented" in state.sentence


@pytest.mark.parametrize("role", [Role.ADVISER, Role.SECRETARIAT, Role.DEPUTY])
def test_an_advisers_or_a_deputys_seat_for_the_icb_does_not_make_it_represented(db, world, role):
    _bob(db, world, role)
    m, _rows = _held_with_icb_member_away(db, world)
    state = at.quorum_state(db, m.id)
    assert state.met is False and "the Integrated Care Board is not represented" in state.sentence
