"""A people file whose cells need cleaning (letters with separate accents, non-breaking spaces,
a pasted zero-width space, a control character, a line separator) imports as the Person dialog
saves the same text, an Archived cell is read cleaned, and the same file imported again changes
nothing."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import run_import
from bscp_desktop.services import memberships as ms

FILE = ("Name,Job title,Organisation,Email,Phone,Notes,Archived\n"
        "Zoe\u0308 Adebayo\u00a0,Designated\u00a0 safeguarding lead\x07,Brent Council,\u200bzoe@brent.gov.uk ,"
        "020 8937\t0001,\"Met at the\u2028partnership event\",\u00a0No\n"
        "Ann Lee,Nurse,Brent Council,ann@brent.gov.uk,,,\u200bYes\u200b\n"
        "  Bo\u200b Chen ,,,,,,\n")


@pytest.fixture
def brent(db):
    return ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))


def test_cells_needing_cleaning_are_saved_as_the_person_dialog_saves_them(db, brent, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(FILE, encoding="utf-8")
    report = run_import(db, "people", path)
    assert (report.added, report.skipped, report.bad_rows) == (2, 1, [])
    people = {p.name: p for p in ms.list_people(db)}
    assert sorted(people) == ["Bo Chen", "Zoë Adebayo"]
    zoe = people["Zoë Adebayo"]
    assert (zoe.job_title, zoe.organisation_id, zoe.email, zoe.phone, zoe.notes) == (
        "Designated safeguarding lead", brent.id, "zoe@brent.gov.uk", "020 8937 0001", "Met at the\npartnership event")
    dialog = ms.create_person(db, ms.PersonFields("Zoe\u0308 Adebayo\u00a0", "Designated\u00a0 safeguarding lead\x07",
                                                  email="\u200bzoe2@brent.gov.uk ", phone="020 8937\t0001",
                                                  notes="Met at the\u2028partnership event"))
    assert (dialog.name, dialog.job_title, dialog.email, dialog.phone, dialog.notes) == (
        zoe.name, zoe.job_title, "zoe2@brent.gov.uk", zoe.phone, zoe.notes)
    again = run_import(db, "people", path)
    assert (again.added, again.updated, again.unchanged, again.skipped) == (0, 0, 2, 1)
