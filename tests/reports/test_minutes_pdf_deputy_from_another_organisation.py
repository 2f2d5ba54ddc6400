"""The minutes PDF's Present list names a deputy from another organisation than the member's
seat by their own organisation, then the member with the seat's: 'Jo Bloggs (Brent Council),
deputising for the Director (NWL Integrated Care Board)', never the seat's organisation beside
the deputy, which would tell a reader the ICB was in the room."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from bscp_desktop.reports.minutes import Attendee
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting
from tests.reports.test_minutes_pdf import _flat, _text


def test_a_deputys_line_names_the_members_seat_after_the_member_when_given():
    assert Attendee("Jo Bloggs", "Brent Council", deputy_for="Dr Director",
                    deputy_for_organisation="NWL ICB", note="left at 11:00").line == (
        "Jo Bloggs (Brent Council), deputising for Dr Director (NWL ICB): left at 11:00")
    assert Attendee("Sergeant Lewis", "Metropolitan Police", deputy_for="Inspector Morse").line == (
        "Sergeant Lewis (Metropolitan Police), deputising for Inspector Morse")


@pytest.mark.slow
def test_the_minutes_pdf_names_a_deputy_from_another_organisation_by_their_own(db, world, tmp_path):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    rows = {r.name: r for r in at.list_attendance(db, m.id)}
    jo = ms.create_person(db, ms.PersonFields("Jo Bloggs", organisation_id=world.council.id))
    at.set_attendance(db, [rows[world.nurse.name].id], AttendanceStatus.DEPUTY, deputy_person_id=jo.id)
    flat = _flat(_text(jobs.write_report(db, "minutes", tmp_path / "minutes.pdf", meeting=m.id)))
    present = flat[flat.index("Present"):flat.index("Apologies")]
    assert f"Jo Bloggs (Brent Council), deputising for {world.nurse.name} (NWL Integrated Care Board)" in present
    assert "Jo Bloggs (NWL Integrated Care Board)" not in present
