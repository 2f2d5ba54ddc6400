"""Approved minutes name the people in the room and their organisations as they were on the
meeting's day: renaming an organisation (a CCG becoming an ICB) or a person later changes only
minutes still being made, never minutes already approved."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from bscp_desktop.jobs.meetings import minutes_document
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting


def _held(db, world, when):
    m = meeting(db, world.forum, when, status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    rows = {r.name: r for r in at.list_attendance(db, m.id)}
    at.set_attendance(db, [rows[world.inspector.name].id], AttendanceStatus.DEPUTY, deputy_person_id=world.sergeant.id)
    at.set_attendance(db, [rows[world.nurse.name].id], AttendanceStatus.PRESENT)
    return m


def _present(db, meeting_id) -> set[tuple[str, str]]:
    return {(a.name, a.organisation) for a in minutes_document(db, meeting_id).present}


def test_renaming_an_organisation_or_a_person_leaves_approved_minutes_as_they_were(db, world):
    approved = _held(db, world, datetime(2024, 1, 11, 10))
    mt.approve_minutes(db, approved.id, None, date(2024, 1, 19), method="chairs_action", approved_by="Chair")
    draft = _held(db, world, datetime(2024, 2, 8, 10))
    as_they_were = {("Nurse 王芳", "NWL Integrated Care Board"), ("Sergeant Lewis", "Metropolitan Police")}
    assert _present(db, approved.id) == _present(db, draft.id) == as_they_were

    icb, police = world.icb, world.police
    ms.update_organisation(db, icb.id, ms.OrganisationFields("North West London ICB", icb.kind, icb.short_name,
                                                             icb.parent_id))
    ms.update_organisation(db, police.id, ms.OrganisationFields("Metropolitan Police (North West BCU)", police.kind,
                                                                police.short_name, police.parent_id))
    ms.update_person(db, world.nurse.id, ms.PersonFields("Nurse 王芳 Smith", organisation_id=icb.id))
    ms.update_person(db, world.sergeant.id, ms.PersonFields("Inspector Lewis", organisation_id=police.id))  # promoted
    assert _present(db, approved.id) == as_they_were  # as they were on 11/01/2024
    assert _present(db, draft.id) == {("Nurse 王芳 Smith", "North West London ICB"),
                                      ("Inspector Lewis", "Metropolitan Police (North West BCU)")}
