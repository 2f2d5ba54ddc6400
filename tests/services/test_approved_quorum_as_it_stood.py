"""Approved minutes keep their quorum verdict: the safeguarding partner each organisation stood
for and the organisation a deputy came from are read as they were on the meeting's day, so
changing an organisation's kind or moving a deputy later changes only registers still being
made."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

pytestmark = pytest.mark.slow  # each builds, approves and changes two registers

ALL_THREE = "Quorum met: the local authority, the Integrated Care Board and the police are all represented."


def _executive_members(db, world):
    """The nurse (ICB) and the sergeant (police) join the chair (council) on the Executive."""
    for person, org in ((world.nurse, world.icb), (world.sergeant, world.police)):
        ms.create_membership(db, ms.MembershipFields(person.id, world.executive.id, Role.MEMBER, date(2022, 4, 1),
                                                     organisation_id=org.id))


def _held(db, world, when):
    m = meeting(db, world.executive, when, title="Executive", status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    return m, {r.name: r for r in at.list_attendance(db, m.id)}


def _approve(db, m, on):
    mt.approve_minutes(db, m.id, None, on, method="chairs_action", approved_by="Independent Chair")


def test_changing_an_organisations_kind_leaves_approved_minutes_quorum_as_it_stood(db, world):
    _executive_members(db, world)
    approved, rows = _held(db, world, datetime(2024, 1, 11, 10))
    at.set_attendance(db, [r.id for r in rows.values()], AttendanceStatus.PRESENT)
    _approve(db, approved, date(2024, 1, 19))
    draft, rows = _held(db, world, datetime(2024, 2, 8, 10))
    at.set_attendance(db, [r.id for r in rows.values()], AttendanceStatus.PRESENT)
    assert at.quorum_state(db, approved.id).sentence == at.quorum_state(db, draft.id).sentence == ALL_THREE

    police = world.police
    ms.update_organisation(db, police.id, ms.OrganisationFields(police.name, OrganisationKind.RELEVANT_AGENCY,
                                                                police.short_name, police.parent_id))
    assert at.quorum_state(db, approved.id).sentence == ALL_THREE  # as it stood on 11/01/2024
    state = at.quorum_state(db, draft.id)  # not approved: today's kinds
    assert state.met is False and "the police are not represented" in state.sentence


def test_moving_a_deputy_to_another_organisation_leaves_approved_minutes_quorum_as_it_stood(db, world):
    _executive_members(db, world)
    deputy = ms.create_person(db, ms.PersonFields("Dr Amara Okafor", organisation_id=world.icb.id))  # no seat
    meetings = []
    for when in (datetime(2024, 1, 11, 10), datetime(2024, 2, 8, 10)):
        m, rows = _held(db, world, when)
        at.set_attendance(db, [rows[world.chair.name].id, rows[world.sergeant.name].id], AttendanceStatus.PRESENT)
        at.set_attendance(db, [rows[world.nurse.name].id], AttendanceStatus.DEPUTY, deputy_person_id=deputy.id)
        meetings.append(m)
    approved, draft = meetings
    _approve(db, approved, date(2024, 1, 19))
    assert at.quorum_state(db, approved.id).sentence == at.quorum_state(db, draft.id).sentence == ALL_THREE

    ms.update_person(db, deputy.id, ms.PersonFields(deputy.name, organisation_id=world.council.id))
    assert at.quorum_state(db, approved.id).sentence == ALL_THREE  # she came from the ICB that day
    state = at.quorum_state(db, draft.id)  # not approved: where she is from today
    assert state.met is False and "the Integrated Care Board is not represented" in state.sentence
