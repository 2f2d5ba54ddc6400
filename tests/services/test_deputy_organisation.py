"""A deputy stands in for a member, but a statutory-partners quorum counts the organisations of
the people in the room: a deputy chosen from the list who is known to be from another
organisation than the member's seat represents their own, not the member's (a council chair
recorded as deputising for the police does not make the police represented). A deputy typed by
the name of someone already counted in the room is that person in the head count."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus, QuorumRule
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

DEPUTY, PRESENT = AttendanceStatus.DEPUTY, AttendanceStatus.PRESENT
SEATED = date(2022, 4, 1)


def _held(db, world, rule=QuorumRule.STATUTORY_PARTNERS):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    at.set_quorum(db, world.forum.id, None, rule)
    return m, {r.name: r for r in at.list_attendance(db, m.id)}


def test_a_member_of_another_organisation_deputising_does_not_make_the_members_represented(db, world):
    m, rows = _held(db, world)
    at.set_attendance(db, [rows[world.chair.name].id], PRESENT)  # the council's chair, in the room
    at.set_attendance(db, [rows[world.inspector.name].id, rows[world.nurse.name].id], DEPUTY,
                      deputy_person_id=world.chair.id)  # recorded as the team typed it
    assert {r.name: r.status for r in at.list_attendance(db, m.id)}[world.nurse.name] is DEPUTY
    state = at.quorum_state(db, m.id)
    assert (state.met, state.attending) == (False, 1)
    assert "the Integrated Care Board and the police are not represented" in state.sentence


def test_someone_from_outside_the_group_represents_their_own_organisation(db, world):
    m, rows = _held(db, world)
    at.set_attendance(db, [rows[world.chair.name].id, rows[world.nurse.name].id], PRESENT)
    sam = ms.create_person(db, ms.PersonFields("Sam Patel", organisation_id=world.council.id))
    at.set_attendance(db, [rows[world.inspector.name].id], DEPUTY, deputy_person_id=sam.id)
    state = at.quorum_state(db, m.id)
    assert state.met is False and "the police" in state.sentence
    sergeant = ms.create_person(db, ms.PersonFields("Sergeant Lewis", organisation_id=world.police.id))
    at.set_attendance(db, [rows[world.inspector.name].id], DEPUTY, deputy_person_id=sergeant.id)
    assert at.quorum_state(db, m.id).met is True


def test_a_deputy_of_the_members_organisation_a_part_of_it_or_of_no_known_one_represents_it(db, world):
    m, rows = _held(db, world)
    at.set_attendance(db, [rows[world.chair.name].id], PRESENT)
    at.set_attendance(db, [rows[world.inspector.name].id], DEPUTY, deputy_person_id=world.sergeant.id)
    unknown = ms.create_person(db, ms.PersonFields("Lee Walker"))  # no organisation recorded: not known
    at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_person_id=unknown.id)
    assert at.quorum_state(db, m.id).met is True
    icb_north = ms.create_organisation(db, ms.OrganisationFields("ICB North Place", OrganisationKind.ICB,
                                                                 parent_id=world.icb.id))
    for org in (world.icb, icb_north):
        person = ms.create_person(db, ms.PersonFields(f"Deputy of {org.name}", organisation_id=org.id))
        at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_person_id=person.id)
        assert at.quorum_state(db, m.id).met is True


def test_the_organisation_of_the_deputys_own_seat_that_day_is_the_one_they_represent(db, world):
    """Employed by the council, on the forum for the police: they represent the police."""
    m, rows = _held(db, world)
    liaison = ms.create_person(db, ms.PersonFields("Kim Liaison", organisation_id=world.council.id))
    ms.create_membership(db, ms.MembershipFields(liaison.id, world.forum.id, Role.MEMBER, SEATED,
                                                 organisation_id=world.police.id))
    at.set_attendance(db, [rows[world.chair.name].id, rows[world.nurse.name].id], PRESENT)
    at.set_attendance(db, [rows[world.inspector.name].id], DEPUTY, deputy_person_id=liaison.id)
    assert at.quorum_state(db, m.id).met is True
    at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_person_id=liaison.id)
    state = at.quorum_state(db, m.id)
    assert state.met is False and "the Integrated Care Board" in state.sentence


@pytest.mark.slow
def test_a_seat_for_no_organisation_takes_any_deputy(db, world):
    lay = ms.create_person(db, ms.PersonFields("Robin Lay"))
    ms.create_membership(db, ms.MembershipFields(lay.id, world.forum.id, Role.LAY_MEMBER, SEATED))
    m, rows = _held(db, world)
    assert rows["Robin Lay"].organisation_id is None
    (row,) = at.set_attendance(db, [rows["Robin Lay"].id], DEPUTY, deputy_person_id=world.inspector.id)
    assert row.deputy_person_id == world.inspector.id


def test_a_deputy_typed_by_the_name_of_someone_in_the_room_is_them(db, world):
    m, rows = _held(db, world, QuorumRule.HEAD_COUNT)
    at.set_quorum(db, world.forum.id, 3)
    at.set_attendance(db, [rows[world.inspector.name].id], PRESENT)
    at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_name="inspector  MORSE")
    assert at.quorum_state(db, m.id).attending == 1
    # someone else typed in counts; so does one named as a member who is not in the room
    at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_name="Jo Bloggs")
    assert at.quorum_state(db, m.id).attending == 2
    at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_name=world.head.name.upper())
    assert at.quorum_state(db, m.id).attending == 2
    # the member of that name comes in as well: one person
    at.set_attendance(db, [rows[world.head.name].id], PRESENT)
    assert at.quorum_state(db, m.id).attending == 2
