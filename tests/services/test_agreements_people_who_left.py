"""The confidentiality agreement of a person archived since (they have left) needs no renewal:
it reads "Not needed: person archived" and is not flagged, in the list and in the workbook. It
stays listed without "show archived", as the seats of archived people do in the Memberships
list: only the agreement's own archiving takes it off the list."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms


@pytest.fixture
def left(db):
    """Three people on a group that needs an agreement, each with one lapsed: one archived with
    their seats left open, one with their seats ended today, one still current."""
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    group = ms.create_group(db, ms.GroupFields("Case Review Group", tier=3, needs_agreement=True))
    people = {}
    for name in ("Archived Only", "Archived Ended", "Current Person"):
        person = ms.create_person(db, ms.PersonFields(name, organisation_id=org.id))
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, "member", date(2024, 1, 1), None,
                                                     organisation_id=org.id))
        ms.create_agreement(db, ms.AgreementFields(person.id, date(2024, 1, 1), date(2025, 1, 1)))
        people[name] = person
    ms.archive_person(db, people["Archived Only"].id)
    ms.archive_person(db, people["Archived Ended"].id, end_memberships_on=date.today())
    return db, people


def test_an_agreement_of_a_person_who_has_left_is_not_flagged_and_stays_listed(left):
    db, _people = left
    today = date.today()
    rows = [(a.person_name, a.standing_on(today), a.needs_attention_on(today)) for a in ms.list_agreements(db)]
    assert rows == [
        ("Archived Ended", "Not needed: person archived", False),
        ("Archived Only", "Not needed: person archived", False),
        ("Current Person", "No: review overdue", True),
    ]


def test_restoring_the_person_brings_the_warning_back(left):
    db, people = left
    ms.restore_person(db, people["Archived Only"].id)
    today = date.today()
    standing = {a.person_name: (a.standing_on(today), a.needs_attention_on(today)) for a in ms.list_agreements(db)}
    assert standing["Archived Only"] == ("No: review overdue", True)


@pytest.mark.slow
def test_the_workbook_says_not_needed_of_a_person_who_has_left(left, tmp_path):
    db, _people = left
    out = jobs.export_workbook(db, "memberships", tmp_path / "m.xlsx")
    sheet = load_workbook(out)["Confidentiality agreements"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(r["Person"], r["Current today"]) for r in rows] == [
        ("Archived Ended", "Not needed: person archived"),
        ("Archived Only", "Not needed: person archived"),
        ("Current Person", "No: review overdue"),
    ]


def _agreement(person_archived_at: datetime | None, **kw) -> ms.AgreementDTO:
    return ms.AgreementDTO(1, 1, "Ann Able", date(2024, 1, 1), date(2025, 1, 1), "",
                           person_archived_at=person_archived_at, archived_at=None, **kw)


def test_a_lapsed_agreement_is_overdue_until_the_day_its_person_was_archived():
    archived = datetime(2025, 6, 1, 12, 0)  # midday UTC: 1 June on any clock from UTC-11 to UTC+11
    a = _agreement(archived)
    before, on = date(2025, 5, 31), date(2025, 6, 1)
    assert (a.standing_on(before), a.needs_attention_on(before)) == ("No: review overdue", True)
    assert (a.standing_on(on), a.needs_attention_on(on)) == ("Not needed: person archived", False)
    assert a.standing_on(on + timedelta(days=400)) == "Not needed: person archived"


def test_a_current_or_renewed_agreement_of_a_person_who_has_left_reads_as_before():
    archived = datetime(2024, 6, 1, 12, 0)
    assert _agreement(archived).standing_on(date(2024, 7, 1)) == "Yes"
    assert _agreement(archived, renewed_on=date(2024, 3, 1)).standing_on(date(2024, 7, 1)) == "Renewed"
    assert _agreement(None).standing_on(date(2025, 7, 1)) == "No: review overdue"
