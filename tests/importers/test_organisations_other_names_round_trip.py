"""The memberships workbook's Organisations sheet imports back with its Other names and Part of
columns: unchanged it changes nothing, and an edit to either is saved as the Organisation dialog
saves it (the same checks, the same change history). A Part of naming no organisation is a bad
row naming the column, and Statutory partner, which the program works out, is said to be so
rather than "not recognised"."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import ImportRejected, run_import, template_columns
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms

WORKED_OUT = "Column worked out by the program, not imported: Statutory partner."


@pytest.fixture
def orgs(db):
    met = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police Service", OrganisationKind.POLICE,
                                                           "MPS", aliases=("Met Police", "The Met")))
    bcu = ms.create_organisation(db, ms.OrganisationFields("North West BCU", OrganisationKind.OTHER,
                                                           parent_id=met.id, aliases=("NW BCU",)))
    hub = ms.create_organisation(db, ms.OrganisationFields("Brent Voluntary Hub", OrganisationKind.VOLUNTARY,
                                                           aliases=("BVH",)))
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    return db, {"met": met, "bcu": bcu, "hub": hub, "council": council}


def _exported(db, tmp_path, edits: dict[str, dict[str, object]] | None = None):
    """The memberships workbook, with cells of the Organisations sheet changed: {name: {heading: value}}."""
    out = jobs.export_workbook(db, "memberships", tmp_path / "Memberships.xlsx")
    wb = load_workbook(out)
    sheet = wb["Organisations"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for heading, value in (edits or {}).get(row[0].value, {}).items():
            row[header.index(heading)].value = value
    wb.save(out)
    return out


def _held(db) -> dict[str, tuple]:
    return {o.name: (o.short_name, o.kind, o.parent_name, o.aliases, o.version)
            for o in ms.list_organisations(db, include_archived=True)}


def _rejected(db, path) -> list[str]:
    with pytest.raises(ImportRejected) as err:
        run_import(db, "organisations", path)
    return err.value.report.bad_rows


def test_the_workbook_imports_back_unchanged_and_says_statutory_partner_is_worked_out(orgs, tmp_path):
    db, _ = orgs
    held = _held(db)
    report = run_import(db, "organisations", _exported(db, tmp_path))
    assert (report.added, report.updated, report.unchanged, report.bad_rows) == (0, 0, 4, [])
    assert WORKED_OUT in report.notes
    assert not any("not recognised" in note for note in report.notes)
    assert _held(db) == held


def test_an_organisation_part_of_an_archived_one_imports_back_unchanged(orgs, tmp_path):
    db, o = orgs
    ms.archive_organisation(db, o["met"].id)
    held = _held(db)
    report = run_import(db, "organisations", _exported(db, tmp_path))
    assert (report.added, report.updated, report.skipped, report.bad_rows) == (0, 0, 1, [])
    assert _held(db) == held


def test_edited_other_names_are_saved_and_in_the_change_history(orgs, tmp_path):
    db, o = orgs
    out = _exported(db, tmp_path, {"Brent Voluntary Hub": {"Other names": "BVH; The Hub", "Kind": "Other"}})
    report = run_import(db, "organisations", out)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 3)
    hub = ms.find_organisation(db, "The Hub")
    assert (hub.id, hub.aliases, hub.kind) == (o["hub"].id, ("BVH", "The Hub"), OrganisationKind.OTHER)
    changes = hs.change_page(db, hs.ChangeQuery(record=("organisation", hub.id))).rows
    assert any(c.table_name == "organisation_alias" and c.new_value == "The Hub" for c in changes)
    again = run_import(db, "organisations", out)  # the same file again changes nothing more
    assert (again.updated, again.unchanged) == (0, 4)


def test_other_names_taken_away_or_one_a_line_are_as_the_dialog_saves_them(orgs, tmp_path):
    db, o = orgs
    out = _exported(db, tmp_path, {"Metropolitan Police Service": {"Other names": "The Met\nMet Police Service"},
                                   "North West BCU": {"Other names": "NW BCU;  North West Basic Command Unit ;"}})
    assert run_import(db, "organisations", out).updated == 2
    by_id = {org.id: org.aliases for org in ms.list_organisations(db)}
    assert by_id[o["met"].id] == ("The Met", "Met Police Service")
    assert by_id[o["bcu"].id] == ("NW BCU", "North West Basic Command Unit")


def test_blank_other_names_and_part_of_keep_what_is_held(orgs, tmp_path):
    db, _ = orgs
    held = _held(db)
    out = _exported(db, tmp_path, {"North West BCU": {"Other names": None, "Part of": None},
                                   "Metropolitan Police Service": {"Other names": None}})
    assert run_import(db, "organisations", out).updated == 0
    assert _held(db) == held


def test_an_edited_part_of_is_found_by_any_name_and_saved(orgs, tmp_path):
    db, o = orgs
    out = _exported(db, tmp_path, {"Brent Voluntary Hub": {"Part of": "brent council"},
                                   "North West BCU": {"Part of": "MPS"}})  # its short name: no change
    report = run_import(db, "organisations", out)
    assert (report.updated, report.unchanged) == (1, 3)
    hub = ms.find_organisation(db, "Brent Voluntary Hub")
    assert (hub.parent_id, hub.parent_name) == (o["council"].id, "Brent Council")
    changes = hs.change_page(db, hs.ChangeQuery(record=("organisation", hub.id))).rows
    assert any(c.table_name == "organisation" and c.field == "parent_id" for c in changes)


def test_a_part_of_naming_no_organisation_is_a_bad_row_naming_the_column(orgs, tmp_path):
    db, _ = orgs
    held = _held(db)
    out = _exported(db, tmp_path, {"Brent Voluntary Hub": {"Part of": "Brent Volunteers", "Other names": "The Hub"}})
    bad = _rejected(db, out)
    assert len(bad) == 1 and bad[0].startswith("Row ")
    assert bad[0].endswith(": Part of 'Brent Volunteers' is not in the database; add it (or import organisations) "
                           "first, or correct the name.")
    assert _held(db) == held  # nothing written, the other names neither


def test_other_names_and_part_of_are_refused_as_the_window_refuses_them(orgs, tmp_path):
    db, o = orgs
    out = _exported(db, tmp_path, {"Brent Voluntary Hub": {"Other names": "BVH; Brent Council"},
                                   "Metropolitan Police Service": {"Part of": "NW BCU"}})
    assert sorted(b.split(": ", 1)[1] for b in _rejected(db, out)) == [
        "Other names: An organisation called 'Brent Council' already exists, so it cannot be another name of this one.",
        "Part of 'NW BCU': It cannot be part of one of its own parts.",
    ]
    with pytest.raises(ValidationError) as err:  # as the Organisation dialog's save says
        ms.update_organisation(db, o["hub"].id, ms.OrganisationFields(
            "Brent Voluntary Hub", OrganisationKind.VOLUNTARY, aliases=("BVH", "Brent Council")))
    assert err.value.errors["aliases"].startswith("An organisation called 'Brent Council' already exists")


def test_a_new_organisations_other_names_and_part_of_are_saved(orgs, tmp_path):
    db, o = orgs
    path = tmp_path / "organisations.csv"
    path.write_text("Name,Kind,Part of,Other names\n"
                    "Brent Youth Service,Other,Brent Council,BYS; Youth Service\n"
                    "Kilburn Youth Club,Voluntary,,Youth Service\n", encoding="utf-8")
    assert _rejected(db, path) == [  # the other name a row before took
        "Row 3: Other names: 'Youth Service' is already another name of Brent Youth Service."]
    path.write_text("Name,Kind,Part of,Other names\n"
                    "Brent Youth Service,Other,Brent Council,BYS; Youth Service\n", encoding="utf-8")
    assert run_import(db, "organisations", path).added == 1
    new = ms.find_organisation(db, "Youth Service")
    assert (new.name, new.parent_id, new.aliases) == ("Brent Youth Service", o["council"].id, ("BYS", "Youth Service"))


def test_a_part_of_added_by_another_row_is_linked_in_the_same_import(orgs, tmp_path):
    db, _ = orgs
    path = tmp_path / "organisations.csv"
    path.write_text("Name,Part of\nKilburn Youth Club,Brent Youth Service\nBrent Youth Service,\n", encoding="utf-8")
    assert run_import(db, "organisations", path).added == 2
    assert ms.find_organisation(db, "Kilburn Youth Club").parent_name == "Brent Youth Service"


def test_the_blank_template_keeps_its_columns():
    assert template_columns("organisations") == ["Name", "Short name", "Kind"]
