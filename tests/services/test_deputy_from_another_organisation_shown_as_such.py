"""A deputy from another organisation than the member's seat represents (a council officer
deputising for the ICB's member) is named by their own organisation wherever the register
names them: the window's Attendance column, the minutes' Present list and the workbooks. The
quorum already counts them for their own organisation; naming them by the seat's would tell
a reader the ICB was in the room."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus, QuorumRule
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.jobs.meetings import minutes_document
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

DEPUTY = AttendanceStatus.DEPUTY


def _held(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    return m, {r.name: r for r in at.list_attendance(db, m.id)}


def _row(db, meeting_id, name):
    return next(r for r in at.list_attendance(db, meeting_id) if r.name == name)


def test_a_deputy_from_another_organisation_is_named_with_their_own(db, world):
    m, rows = _held(db, world)
    jo = ms.create_person(db, ms.PersonFields("Jo Bloggs", organisation_id=world.council.id))
    at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_person_id=jo.id)
    row = _row(db, m.id, world.nurse.name)
    assert (row.deputy_organisation_id, row.deputy_organisation_name) == (world.council.id, "Brent Council")
    assert row.organisation_name == "NWL Integrated Care Board"  # the member's seat, as the Name column names them
    assert row.deputy_label == "Jo Bloggs (Brent Council)"
    assert row.status_text == "Deputy attended: Jo Bloggs (Brent Council)"
    # the quorum and the register agree: the ICB was not in the room
    at.set_quorum(db, world.forum.id, None, QuorumRule.STATUTORY_PARTNERS)
    assert "the Integrated Care Board" in at.quorum_state(db, m.id).sentence


def test_the_minutes_name_the_deputy_by_their_organisation_then_the_members_seat(db, world):
    m, rows = _held(db, world)
    jo = ms.create_person(db, ms.PersonFields("Jo Bloggs", organisation_id=world.council.id))
    at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_person_id=jo.id)
    at.set_attendance(db, [rows[world.inspector.name].id], DEPUTY, deputy_person_id=world.sergeant.id)
    lines = {a.name: a.line for a in minutes_document(db, m.id).present}
    assert lines["Jo Bloggs"] == f"Jo Bloggs (Brent Council), deputising for {world.nurse.name} (NWL Integrated Care Board)"
    assert "NWL Integrated Care Board" not in lines["Jo Bloggs"].split(", deputising")[0]
    # a deputy of the member's own organisation reads as before
    assert lines["Sergeant Lewis"] == "Sergeant Lewis (Metropolitan Police), deputising for Inspector Morse"


def test_a_deputy_of_the_seats_organisation_a_part_of_it_or_none_known_is_named_as_before(db, world):
    m, rows = _held(db, world)
    at.set_attendance(db, [rows[world.inspector.name].id], DEPUTY, deputy_person_id=world.sergeant.id)
    row = _row(db, m.id, world.inspector.name)
    assert (row.deputy_organisation_name, row.status_text) == ("", "Deputy attended: Sergeant Lewis")
    place = ms.create_organisation(db, ms.OrganisationFields("ICB North Place", OrganisationKind.ICB,
                                                             parent_id=world.icb.id))
    for deputy in (ms.create_person(db, ms.PersonFields("Pat Place", organisation_id=place.id)),
                   ms.create_person(db, ms.PersonFields("Lee Walker"))):  # within the ICB; no organisation known
        at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_person_id=deputy.id)
        row = _row(db, m.id, world.nurse.name)
        assert (row.deputy_organisation_name, row.status_text) == ("", f"Deputy attended: {deputy.name}")
    at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_name="Jo Bloggs")  # typed: not known
    assert _row(db, m.id, world.nurse.name).status_text == "Deputy attended: Jo Bloggs"


def test_a_deputy_with_a_seat_for_another_organisation_is_named_by_that_seats(db, world):
    """Employed by the council, on the forum for the police: deputising for the ICB's member,
    they are from the police, as the quorum counts them."""
    m, rows = _held(db, world)
    kim = ms.create_person(db, ms.PersonFields("Kim Liaison", organisation_id=world.council.id))
    ms.create_membership(db, ms.MembershipFields(kim.id, world.forum.id, Role.MEMBER, date(2022, 4, 1),
                                                 organisation_id=world.police.id))
    at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_person_id=kim.id)
    assert _row(db, m.id, world.nurse.name).deputy_label == "Kim Liaison (Metropolitan Police)"


def test_the_workbook_register_names_the_deputy_with_their_organisation(db, world, tmp_path):
    from openpyxl import load_workbook

    from bscp_desktop.jobs.meetings import attendance_xlsx

    m, rows = _held(db, world)
    jo = ms.create_person(db, ms.PersonFields("Jo Bloggs", organisation_id=world.council.id))
    at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_person_id=jo.id)
    sheets = load_workbook(attendance_xlsx(db, tmp_path / "a.xlsx"), read_only=True)
    cells = {c for ws in sheets.worksheets for row in ws.iter_rows(values_only=True) for c in row}
    assert "Jo Bloggs (Brent Council)" in cells


def test_approved_minutes_name_the_deputys_organisation_as_it_was_that_day(db, world):
    m, rows = _held(db, world)
    jo = ms.create_person(db, ms.PersonFields("Jo Bloggs", organisation_id=world.council.id))
    at.set_attendance(db, [rows[world.nurse.name].id], DEPUTY, deputy_person_id=jo.id)
    mt.approve_minutes(db, m.id, None, date(2024, 3, 20), method="chairs_action", approved_by="Chair")
    council = world.council
    ms.update_organisation(db, council.id, ms.OrganisationFields("London Borough of Brent", council.kind,
                                                                 council.short_name, council.parent_id))
    ms.update_person(db, jo.id, ms.PersonFields("Jo Bloggs", organisation_id=world.police.id))  # moved since
    (line,) = [a.line for a in minutes_document(db, m.id).present if a.name == "Jo Bloggs"]
    assert line.startswith("Jo Bloggs (Brent Council), deputising for")
