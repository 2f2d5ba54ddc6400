"""The memberships workbook's Organisations sheet holds every field of an organisation (what it
is part of and its other names too), says which statutory partner each counts as by the rule a
quorum counts it by (a unit of the Met counts as the police), and imports back unchanged."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import run_import
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.attendance_as_it_stood import partner_kinds
from bscp_desktop.services.common import read


@pytest.fixture
def police(db):
    met = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police Service", OrganisationKind.POLICE,
                                                           "MPS", aliases=("Met Police", "The Met")))
    bcu = ms.create_organisation(db, ms.OrganisationFields("North West BCU", OrganisationKind.OTHER,
                                                           parent_id=met.id, aliases=("NW BCU",)))
    ms.create_organisation(db, ms.OrganisationFields("Kilburn Youth Club", OrganisationKind.VOLUNTARY))
    return db, met, bcu


def _rows(out) -> list[dict]:
    sheet = load_workbook(out)["Organisations"]
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.slow
def test_the_organisations_sheet_has_every_field_and_the_partner_a_quorum_counts(police, tmp_path):
    db, met, bcu = police
    out = jobs.export_workbook(db, "memberships", tmp_path / "m.xlsx")
    rows = {r["Name"]: r for r in _rows(out)}
    assert list(rows["North West BCU"]) == ["Name", "Short name", "Kind", "Part of", "Other names",
                                            "Statutory partner", "Archived"]
    assert [(r["Part of"], r["Other names"], r["Statutory partner"]) for r in rows.values()] == [
        (None, None, "No"),
        (None, "Met Police; The Met", "Police"),
        ("Metropolitan Police Service", "NW BCU", "Police (part of Metropolitan Police Service)"),
    ]
    counted = read(db, partner_kinds)
    assert counted[bcu.id] is counted[met.id] is OrganisationKind.POLICE  # as the sheet says

    held = ms.list_organisations(db, include_archived=True)
    report = run_import(db, "organisations", out)
    assert (report.added, report.updated, report.unchanged, report.bad_rows) == (0, 0, 3, [])
    assert ms.list_organisations(db, include_archived=True) == held
