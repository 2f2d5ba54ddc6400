"""A meeting moved to another day or group keeps only deputies who count there: one who would sit
on the group then only as the secretariat (which never counts toward attendance or quorum) is
refused, as recording them on that day is; filling the register again names such a deputy."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from bscp_desktop.db.models import Membership
from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

JUNE, JULY = datetime(2024, 6, 20, 10), datetime(2024, 7, 10, 10)


def _xavier(db, world, group=None, secretariat_from: date = date(2024, 7, 1)) -> ms.PersonDTO:
    """A member of the forum until the end of June 2024, then its secretariat (or, with `group`,
    the secretariat of that group all along)."""
    x = ms.create_person(db, ms.PersonFields("Xavier Dupont", organisation_id=world.council.id))
    member_until = None if group is not None else secretariat_from - timedelta(days=1)
    ms.create_membership(db, ms.MembershipFields(x.id, world.forum.id, Role.MEMBER, date(2022, 4, 1), member_until,
                                                 organisation_id=world.council.id))
    ms.create_membership(db, ms.MembershipFields(x.id, (group or world.forum).id, Role.SECRETARIAT,
                                                 date(2022, 4, 1) if group is not None else secretariat_from,
                                                 organisation_id=world.council.id))
    return x


def _deputy_for_head(db, world, m, deputy) -> None:
    row = next(r for r in at.list_attendance(db, m.id) if r.person_id == world.head.id)
    at.set_attendance(db, [row.id], A.DEPUTY, deputy_person_id=deputy.id)


def _fields(m: mt.MeetingDTO, **changed) -> mt.MeetingFields:
    values = {"group_id": m.group_id, "title": m.title, "starts_at": m.starts_at, "ends_at": m.ends_at} | changed
    return mt.MeetingFields(values["group_id"], values["title"], values["starts_at"], values["ends_at"])


def test_a_move_to_a_day_the_deputy_sits_as_the_secretariat_is_refused(db, world):
    x = _xavier(db, world)
    m = meeting(db, world.forum, JUNE)
    at.prefill_attendance(db, m.id)
    _deputy_for_head(db, world, m, x)
    with pytest.raises(ValidationError) as err:
        mt.update_meeting(db, m.id, _fields(m, starts_at=JULY))
    said = err.value.errors["starts_at"]
    assert said.startswith(f"The deputy recorded for {world.head.name} on this meeting's register would not count")
    assert ("Xavier Dupont sits on the group on 10/07/2024 as the secretariat, which never counts toward attendance "
            "or quorum, so cannot be recorded as a member's deputy") in said
    assert mt.get_meeting(db, m.id).starts_at == JUNE  # nothing saved
    head = next(r for r in at.list_attendance(db, m.id) if r.person_id == world.head.id)
    assert (head.status, head.deputy_person_id) == (A.DEPUTY, x.id)
    # the same deputy recorded directly at a meeting on that day is refused in the same words
    july = meeting(db, world.forum, JULY, title="July")
    at.prefill_attendance(db, july.id)
    with pytest.raises(ValidationError) as direct:
        _deputy_for_head(db, world, july, x)
    assert direct.value.errors["deputy"].split(": ")[0] in said


def test_a_move_the_deputy_still_counts_at_is_saved(db, world):
    x = _xavier(db, world)
    m = meeting(db, world.forum, JUNE)
    at.prefill_attendance(db, m.id)
    _deputy_for_head(db, world, m, x)
    assert mt.update_meeting(db, m.id, _fields(m, starts_at=datetime(2024, 6, 27, 10))).starts_at.day == 27
    inspector = next(r for r in at.list_attendance(db, m.id) if r.person_id == world.inspector.id)
    at.set_attendance(db, [inspector.id], A.DEPUTY, deputy_person_id=world.sergeant.id)  # a deputy's seat counts
    _deputy_for_head(db, world, m, world.chair)  # so does a member's (the chair's)
    assert mt.update_meeting(db, m.id, _fields(m, starts_at=JULY)).starts_at == JULY


def test_a_move_to_another_group_the_deputy_is_the_secretariat_of_is_refused(db, world):
    x = _xavier(db, world, group=world.executive)
    ms.create_membership(db, ms.MembershipFields(world.head.id, world.executive.id, Role.MEMBER, date(2022, 4, 1),
                                                 organisation_id=world.school.id))
    m = meeting(db, world.forum, JUNE)
    at.add_attendee(db, m.id, at.AttendeeFields(person_id=world.head.id, expected=True, status=A.ABSENT))
    _deputy_for_head(db, world, m, x)
    with pytest.raises(ValidationError) as err:
        mt.update_meeting(db, m.id, _fields(m, group_id=world.executive.id))
    said = err.value.errors["group_id"]
    assert "would not count at a meeting of the Executive Group on 20/06/2024" in said
    assert "Xavier Dupont sits on the group on 20/06/2024 as the secretariat" in said
    assert mt.get_meeting(db, m.id).group_id == world.forum.id


def test_filling_the_register_again_names_a_deputy_who_no_longer_counts(db, world):
    x = _xavier(db, world)
    m = meeting(db, world.forum, JUNE)
    at.prefill_attendance(db, m.id)
    _deputy_for_head(db, world, m, x)
    assert at.prefill_attendance(db, m.id).deputies == ()
    with db.unit_of_work() as session:  # a seat changed underneath (a file from before the checks)
        seat = session.scalars(select(Membership).where(Membership.person_id == x.id,
                                                       Membership.role == Role.MEMBER.value)).one()
        seat.role = Role.SECRETARIAT.value
    filled = at.prefill_attendance(db, m.id)
    assert len(filled.deputies) == 1
    assert filled.sentence.endswith(
        f"The deputy recorded for {world.head.name} no longer counts: Xavier Dupont sits on the group on 20/06/2024 "
        "as the secretariat, which never counts toward attendance or quorum, so cannot be recorded as a member's "
        "deputy: choose the person who deputised for the member.")


def test_a_deputy_who_does_not_count_before_the_move_does_not_stop_it(db, world):
    """A register already holding a deputy who never counts (a file from before the checks) is the
    register's matter, named when it is filled again: it does not refuse a move it did not come from."""
    x = _xavier(db, world)
    m = meeting(db, world.forum, JUNE)
    at.prefill_attendance(db, m.id)
    _deputy_for_head(db, world, m, x)
    with db.unit_of_work() as session:  # a seat changed underneath (a file from before the checks)
        seat = session.scalars(select(Membership).where(Membership.person_id == x.id,
                                                       Membership.role == Role.MEMBER.value)).one()
        seat.role = Role.SECRETARIAT.value
    assert mt.update_meeting(db, m.id, _fields(m, starts_at=datetime(2024, 6, 27, 10))).starts_at.day == 27
