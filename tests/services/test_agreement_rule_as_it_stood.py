"""Approved minutes keep whether their group's members had to sign a confidentiality agreement
as it stood on the meeting's day: unticking (or ticking) "Members must sign a confidentiality
agreement" later changes neither the approved minutes' OFFICIAL-SENSITIVE marking, nor their
agenda's, nor the Agreement column of their register; minutes not yet approved follow the
group's setting today."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.jobs.meetings import agenda_document, minutes_document
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.attendance_agreements import signing_meetings
from tests.meetings_world import meeting

pytestmark = pytest.mark.slow  # each builds, approves and reads back registers and minutes


def _case_review_group(db, world, signs: bool):
    """A group whose only member, the inspector, has no agreement; minutes of two meetings
    approved (14/01 and 14/03/2024, each at the next), the third's (14/05) not yet."""
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 3, needs_agreement=signs))
    ms.create_membership(db, ms.MembershipFields(world.inspector.id, group.id, Role.MEMBER, date(2024, 1, 1),
                                                 organisation_id=world.police.id))
    held = [meeting(db, group, datetime(2024, month, 14, 10), title="CRG", status=MeetingStatus.HELD)
            for month in (1, 3, 5)]
    for m in held:
        at.prefill_attendance(db, m.id)
        at.set_attendance(db, [r.id for r in at.list_attendance(db, m.id)], AttendanceStatus.PRESENT)
    mt.approve_minutes(db, held[0].id, held[1].id)
    mt.approve_minutes(db, held[1].id, held[2].id)
    return group, held


def _retick(db, group, signs: bool):
    ms.update_group(db, group.id, ms.GroupFields(group.name, group.tier, needs_agreement=signs))


def _judged(db, meeting_id):
    """(needs an agreement, missing one) of the register's one row, read alone and with every register."""
    (row,) = at.list_attendance(db, meeting_id)
    (among_all,) = [r for r in at.list_attendance(db) if r.meeting_id == meeting_id]
    assert (row.needs_agreement, row.missing_agreement) == (among_all.needs_agreement, among_all.missing_agreement)
    return row.needs_agreement, row.missing_agreement


def test_unticking_the_agreement_leaves_approved_minutes_sensitive_and_their_register_judged(db, world):
    group, (january, march, may) = _case_review_group(db, world, signs=True)
    _retick(db, group, signs=False)
    for approved in (january, march):  # as it stood on each meeting's day
        assert minutes_document(db, approved.id).sensitive() and agenda_document(db, approved.id).sensitive
        assert _judged(db, approved.id) == (True, True)
    # not approved yet: the group's setting today
    assert not minutes_document(db, may.id).sensitive() and not agenda_document(db, may.id).sensitive
    assert _judged(db, may.id) == (False, False)
    assert set(signing_meetings(db)) == {january.id, march.id}


def test_ticking_the_agreement_later_leaves_approved_minutes_as_they_were(db, world):
    group, (january, march, may) = _case_review_group(db, world, signs=False)
    _retick(db, group, signs=True)
    for approved in (january, march):
        assert not minutes_document(db, approved.id).sensitive()
        assert _judged(db, approved.id) == (False, False)
    assert minutes_document(db, may.id).sensitive() and _judged(db, may.id) == (True, True)
    assert set(signing_meetings(db, [january.id, march.id, may.id])) == {may.id}
