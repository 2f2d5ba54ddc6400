"""A meeting's register says, for a group whose members sign a confidentiality agreement, whether
the one in the room for each member (the deputy who attended, else the member) had a current
agreement on the meeting's day, by the Memberships tab's own rule, read in the same few
statements however long the register; a group whose members sign none flags nobody."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting
from tests.services.test_meeting_workspace import statements

START = date(2022, 4, 1)
DAY = datetime(2024, 3, 14, 10)


def _case_review_group(db, world):
    """The chair and the nurse with current agreements; the inspector with none; the sergeant
    (the inspector's deputy) with one; the head (the nurse's deputy) with one whose review fell
    due before the meeting."""
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 3, needs_agreement=True))
    seat = lambda person, role, **kw: ms.create_membership(  # noqa: E731
        db, ms.MembershipFields(person.id, group.id, role, START, organisation_id=person.organisation_id, **kw))
    seat(world.chair, Role.CHAIR)
    seat(world.inspector, Role.MEMBER)
    seat(world.nurse, Role.MEMBER)
    seat(world.sergeant, Role.DEPUTY, deputy_for_id=world.inspector.id)
    seat(world.head, Role.DEPUTY, deputy_for_id=world.nurse.id)
    for person, review in ((world.chair, None), (world.nurse, date(2025, 4, 1)), (world.sergeant, None),
                           (world.head, date(2023, 4, 1))):
        ms.create_agreement(db, ms.AgreementFields(person.id, START, review))
    m = meeting(db, group, DAY, title="Case Review Group meeting")
    at.prefill_attendance(db, m.id)
    return group, m


def _rows(db, meeting_id):
    return {r.person_id: r for r in at.list_attendance(db, meeting_id)}




@pytest.mark.slow  # records a group, its seats and agreements
def test_each_member_of_a_group_that_signs_says_whether_they_had_a_current_agreement(db, world):
    group, m = _case_review_group(db, world)
    rows = _rows(db, m.id)
    assert all(r.needs_agreement for r in rows.values())
    assert {world.chair.id: False, world.inspector.id: True, world.nurse.id: False} == {
        pid: r.missing_agreement for pid, r in rows.items()}
    # the same answer as the Memberships tab gives each seat on the day
    seats = {s.person_id: s.missing_agreement for s in ms.list_memberships(db, on=DAY.date(), group_id=group.id)
             if s.role is not Role.DEPUTY}
    assert seats == {pid: r.missing_agreement for pid, r in rows.items()}


@pytest.mark.slow  # records a group, its seats and agreements
def test_marking_someone_without_an_agreement_present_is_allowed_and_says_so(db, world):
    _group, m = _case_review_group(db, world)
    inspector = _rows(db, m.id)[world.inspector.id]
    [marked] = at.set_attendance(db, [inspector.id], AttendanceStatus.PRESENT)
    assert marked.status is AttendanceStatus.PRESENT and marked.missing_agreement
    added = at.add_attendee(db, m.id, at.AttendeeFields(name="Visiting auditor"))  # a guest is not judged
    assert not added.needs_agreement and not added.missing_agreement


@pytest.mark.slow  # records a group, its seats and agreements
def test_a_deputy_is_judged_by_their_own_agreement(db, world):
    _group, m = _case_review_group(db, world)
    rows = _rows(db, m.id)
    # the head's agreement fell due for review before the meeting: the nurse's own does not cover them
    [nurse] = at.set_attendance(db, [rows[world.nurse.id].id], AttendanceStatus.DEPUTY, deputy_person_id=world.head.id)
    assert nurse.missing_agreement and _rows(db, m.id)[world.nurse.id].missing_agreement
    # the sergeant signed one: the inspector, who has none, is not in the room
    [inspector] = at.set_attendance(db, [rows[world.inspector.id].id], AttendanceStatus.DEPUTY,
                                    deputy_person_id=world.sergeant.id)
    assert inspector.needs_agreement and not inspector.missing_agreement
    # a deputy typed by name has no agreement on record
    [typed] = at.set_attendance(db, [rows[world.chair.id].id], AttendanceStatus.DEPUTY, deputy_name="A. Visitor")
    assert typed.missing_agreement


def test_a_group_whose_members_sign_none_flags_nobody(db, world):
    m = meeting(db, world.forum, DAY)  # the inspector and the head have no agreement at all
    at.prefill_attendance(db, m.id)
    rows = at.list_attendance(db, m.id)
    assert rows and not any(r.needs_agreement or r.missing_agreement for r in rows)


@pytest.mark.slow  # records a group, its seats and agreements
def test_the_agreements_are_read_once_for_the_whole_register(db, world):
    group, m = _case_review_group(db, world)
    short = statements(db, lambda: at.list_attendance(db, m.id))
    for n in range(6):
        person = ms.create_person(db, ms.PersonFields(f"Member {n}", organisation_id=world.council.id))
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, START,
                                                     organisation_id=world.council.id))
    at.prefill_attendance(db, m.id)
    assert len(at.list_attendance(db, m.id)) == 9
    long = statements(db, lambda: at.list_attendance(db, m.id))
    assert len(long) == len(short) <= 6  # the register, the meeting's group and the agreements: none per row
    every = at.list_attendance(db)  # every register at once, as the workbook reads them
    assert sum(r.missing_agreement for r in every) == 7  # the inspector and the six without one
