"""A "Part of" naming an organisation another row of the same file adds (before or after it:
the memberships workbook lists them alphabetically) is linked in the same import, all or
nothing: the program's own Organisations sheet imports into an empty database in one go, and its
People sheet after it. A Part of that would go round in a circle is a bad row naming the rows
that make it, and nothing is imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from bscp_desktop import jobs
from bscp_desktop.db.database import Database
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms


def _orgs(db) -> dict[str, tuple]:
    return {o.name: (o.short_name, o.kind, o.parent_name, tuple(sorted(o.aliases)))
            for o in ms.list_organisations(db, include_archived=True)}


def _people(db) -> list[tuple]:
    return sorted((p.name, p.job_title, p.organisation_name, p.email, p.phone, p.notes)
                  for p in ms.list_people(db, include_archived=True))


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "organisations.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _rejected(db, path) -> list[str]:
    with pytest.raises(ImportRejected) as err:
        run_import(db, "organisations", path)
    return err.value.report.bad_rows


def test_the_memberships_workbook_imports_into_an_empty_database_with_every_part_of(
        memberships_demo_file, db, tmp_path):
    with Database.open(memberships_demo_file) as demo:
        held, people = _orgs(demo), _people(demo)
        out = jobs.export_workbook(demo, "memberships", tmp_path / "Memberships.xlsx")
    assert any(parent for _short, _kind, parent, _aliases in held.values())  # the demo has one part of another
    report = run_import(db, "organisations", out)
    assert (report.added, report.bad_rows) == (len(held), [])
    assert _orgs(db) == held
    assert run_import(db, "people", out).bad_rows == []  # its people name their organisations
    assert _people(db) == people
    again = run_import(db, "organisations", out)
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(held))


def test_a_part_of_added_by_a_later_row_is_linked_and_saved_with_it(db, tmp_path):
    path = _csv(tmp_path, "Name,Short name,Kind,Part of\n"
                          "Kilburn Youth Club,,Voluntary,BYS\n"  # by the short name the later row gives
                          "Brent Youth Service,BYS,Other,Brent Council\n"
                          "Brent Council,,Local authority,\n")
    report = run_import(db, "organisations", path)
    assert (report.added, report.bad_rows) == (3, [])
    held = _orgs(db)
    assert held["Kilburn Youth Club"][2] == "Brent Youth Service"
    assert held["Brent Youth Service"][2] == "Brent Council"
    assert held["Brent Council"][2] == ""
    club = ms.find_organisation(db, "Kilburn Youth Club")
    changes = hs.change_page(db, hs.ChangeQuery(record=("organisation", club.id))).rows
    assert {c.action for c in changes if c.table_name == "organisation"} == {"insert"}  # added with it, once


def test_one_on_record_is_made_part_of_one_the_file_adds(db, tmp_path):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    path = _csv(tmp_path, "Name,Kind,Part of\nBrent Council,Local authority,Brent Partnership\nBrent Partnership,Other,\n")
    report = run_import(db, "organisations", path)
    assert (report.added, report.updated, report.unchanged) == (1, 1, 0)
    assert ms.find_organisation(db, "Brent Council").parent_name == "Brent Partnership"
    changes = hs.change_page(db, hs.ChangeQuery(record=("organisation", council.id))).rows
    partnership = ms.find_organisation(db, "Brent Partnership")
    assert [c.new_value for c in changes if c.field == "parent_id"] == [str(partnership.id)]


def test_part_of_one_another_is_refused_naming_the_rows_and_nothing_is_imported(db, tmp_path):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    held = _orgs(db)
    path = _csv(tmp_path, "Name,Part of\n"
                          "Brent Youth Service,Kilburn Youth Club\n"
                          "Preston Manor School,Brent Council\n"
                          "Kilburn Youth Club,Brent Youth Service\n")
    assert _rejected(db, path) == [
        "Row 2: Part of 'Kilburn Youth Club': It cannot be part of one of its own parts: Kilburn Youth Club is "
        "part of Brent Youth Service (row 4).",
        "Row 4: Part of 'Brent Youth Service': It cannot be part of one of its own parts: Brent Youth Service is "
        "part of Kilburn Youth Club (row 2).",
    ]
    assert _orgs(db) == held


def test_two_on_record_made_part_of_each_other_are_refused(db, tmp_path):
    for name in ("Brent Council", "Brent Youth Service"):
        ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.OTHER))
    held = _orgs(db)
    path = _csv(tmp_path, "Name,Part of\nBrent Council,Brent Youth Service\nBrent Youth Service,Brent Council\n")
    assert _rejected(db, path) == [  # each alone is what the window allows, together a circle
        "Row 2: Part of 'Brent Youth Service': It cannot be part of one of its own parts: Brent Youth Service is "
        "part of Brent Council (row 3).",
        "Row 3: Part of 'Brent Council': It cannot be part of one of its own parts: Brent Council is "
        "part of Brent Youth Service (row 2).",
    ]
    assert _orgs(db) == held


def test_a_circle_through_one_on_record_names_that_link_as_on_record(db, tmp_path):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    ms.create_organisation(db, ms.OrganisationFields("Brent Youth Service", OrganisationKind.OTHER, parent_id=council.id))
    held = _orgs(db)
    path = _csv(tmp_path, "Name,Part of\nBrent Council,Kilburn Youth Club\nKilburn Youth Club,Brent Youth Service\n")
    assert _rejected(db, path) == [
        "Row 2: Part of 'Kilburn Youth Club': It cannot be part of one of its own parts: Kilburn Youth Club is "
        "part of Brent Youth Service (row 3) and Brent Youth Service is part of Brent Council (on record).",
        "Row 3: Part of 'Brent Youth Service': It cannot be part of one of its own parts: Brent Youth Service is "
        "part of Brent Council (on record) and Brent Council is part of Kilburn Youth Club (row 2).",
    ]
    assert _orgs(db) == held


def test_a_new_organisation_part_of_itself_is_refused(db, tmp_path):
    path = _csv(tmp_path, "Name,Short name,Part of\nBrent Youth Service,BYS,BYS\n")
    assert _rejected(db, path) == ["Row 2: Part of 'BYS': An organisation cannot be part of itself."]
    assert _orgs(db) == {}


def test_a_part_of_neither_on_record_nor_in_the_file_is_still_refused(db, tmp_path):
    path = _csv(tmp_path, "Name,Part of\nKilburn Youth Club,Brent Youth Service\nBrent Council,\n")
    assert _rejected(db, path) == [
        "Row 2: Part of 'Brent Youth Service' is not in the database; add it (or import organisations) first, "
        "or correct the name."]
    assert _orgs(db) == {}


def test_a_part_of_an_archived_row_of_the_file_is_not_linked(db, tmp_path):
    path = _csv(tmp_path, "Name,Part of,Archived\nKilburn Youth Club,Brent Youth Service,\n"
                          "Brent Youth Service,,01/04/2024\n")
    assert _rejected(db, path)[0].startswith("Row 2: Part of 'Brent Youth Service' is not in the database")
