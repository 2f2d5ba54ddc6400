"""Approved minutes give every name as it was on the meeting's day, not only the register's: the
chair, the minute-taker and the owners of decisions, of the meeting's own actions and of the
actions reviewed under its action log review item. Renaming a person or an organisation later
leaves the approved minutes (full and for circulation) as they were; minutes still being made
give today's names."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pypdf import PdfReader

from bscp_desktop.domain.meetings import ApprovalMethod, AttendanceStatus, ItemKind, MeetingStatus
from bscp_desktop.jobs.meetings import minutes_document
from bscp_desktop.reports.minutes import write_minutes
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import build_world, meeting

OLD = ("Αλέξης Παπαδόπουλος", "Priya <Officer> & Co", "Nurse 王芳", "Dr Żaneta Kowalska", "Inspector Morse",
       "NWL Integrated Care Board", "Kilburn Park School", "Metropolitan Police")
NEW = ("Alexis Papadopoulos", "Priya Shah", "Nurse Wang Fang", "Dr Zaneta Kowalska-Nowak", "DI Endeavour Morse",
       "North West London ICB", "Kilburn Park Primary School", "Metropolitan Police (North West BCU)")


@pytest.fixture
def partnership(db, clock):
    clock.now = datetime(2022, 12, 6, 12)
    world = build_world(db)
    earlier = meeting(db, world.forum, datetime(2022, 12, 6, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, earlier.id, mt.AgendaItemFields("Health assessments"))
    mt.add_item_action(db, item.id, al.ActionFields("Audit health assessments", world.nurse.id, world.icb.id,
                                                    date(2023, 3, 31)))
    return world


def _minuted_meeting(db, world, clock, when: datetime) -> mt.MeetingDTO:
    """A held Forum meeting chaired and minuted, reviewing the earlier meeting's actions, with a
    decision owned by the head teacher's school and an action owned by the inspector's force."""
    clock.now = when.replace(hour=12)
    held = meeting(db, world.forum, when, status=MeetingStatus.HELD, chair_person_id=world.chair.id,
                   minute_taker_person_id=world.officer.id)
    mt.add_agenda_item(db, held.id, mt.AgendaItemFields("Action log review", kind=ItemKind.ACTION_REVIEW))
    item = mt.add_agenda_item(db, held.id, mt.AgendaItemFields("Attendance at school"))
    mt.add_decision(db, item.id, mt.DecisionFields("Run an attendance campaign", world.head.id, world.school.id,
                                                   date(2023, 9, 1)))
    mt.add_item_action(db, item.id, al.ActionFields("Share missing-child data", world.inspector.id,
                                                    world.police.id, date(2023, 4, 30)))
    at.prefill_attendance(db, held.id)
    at.set_attendance(db, [r.id for r in at.list_attendance(db, held.id)], AttendanceStatus.PRESENT)
    return held


def _rename_everyone(db, world, clock) -> None:
    clock.now = datetime(2023, 6, 1, 12)
    for person, name in zip((world.chair, world.officer, world.nurse, world.head, world.inspector), NEW[:5], strict=True):
        ms.update_person(db, person.id, ms.PersonFields(name, organisation_id=person.organisation_id))
    for o, name in zip((world.icb, world.school, world.police), NEW[5:], strict=True):
        ms.update_organisation(db, o.id, ms.OrganisationFields(name, o.kind, o.short_name, o.parent_id))


def _names(db, meeting_id: int) -> dict[str, str]:
    doc = minutes_document(db, meeting_id)
    lines = {"Chair": doc.chair, "Minute-taker": doc.minute_taker}
    for i in doc.items:
        lines |= {d.text: d.owner for d in i.decisions}
        lines |= {a.description: a.owner for a in (*i.actions, *i.review_actions)}
    return lines


def _pdf_text(db, meeting_id: int, path, circulation: bool) -> str:
    out = write_minutes(minutes_document(db, meeting_id), path, circulation=circulation)
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)


def test_approved_minutes_name_the_chair_minute_taker_and_owners_as_they_were(db, partnership, clock, tmp_path):
    held = _minuted_meeting(db, partnership, clock, datetime(2023, 1, 10, 10))
    clock.now = datetime(2023, 1, 20, 12)
    mt.approve_minutes(db, held.id, None, date(2023, 1, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")
    as_approved = {
        "Chair": "Αλέξης Παπαδόπουλος", "Minute-taker": "Priya <Officer> & Co",
        "Run an attendance campaign": "Dr Żaneta Kowalska, Kilburn Park School",
        "Share missing-child data": "Inspector Morse, Metropolitan Police",
        "Audit health assessments": "Nurse 王芳, NWL Integrated Care Board",
    }
    assert _names(db, held.id) == as_approved

    _rename_everyone(db, partnership, clock)
    assert _names(db, held.id) == as_approved
    for circulation in (False, True):
        text = _pdf_text(db, held.id, tmp_path / f"minutes {circulation}.pdf", circulation)
        assert "Chair Αλέξης Παπαδόπουλος" in text
        assert "Owner: Inspector Morse, Metropolitan Police." in text
        assert not [name for name in NEW if name in text]


def test_draft_minutes_name_everyone_as_they_are_now(db, partnership, clock, tmp_path):
    draft = _minuted_meeting(db, partnership, clock, datetime(2023, 1, 10, 10))
    _rename_everyone(db, partnership, clock)
    assert _names(db, draft.id) == {
        "Chair": "Alexis Papadopoulos", "Minute-taker": "Priya Shah",
        "Run an attendance campaign": "Dr Zaneta Kowalska-Nowak, Kilburn Park Primary School",
        "Share missing-child data": "DI Endeavour Morse, Metropolitan Police (North West BCU)",
        "Audit health assessments": "Nurse Wang Fang, North West London ICB",
    }
    text = _pdf_text(db, draft.id, tmp_path / "draft.pdf", circulation=False)
    assert "Owner: DI Endeavour Morse, Metropolitan Police (North West BCU)." in text
    assert not [name for name in OLD[:5] if name in text]
