"""A people or organisations list with its heading row repeated lower down (two lists pasted one
under the other, or the headings copied down with a block of rows): the repeated headings are
left out and the report's notes name the row, never a person called "Name" added, nor the whole
file refused for an Email of "Email" or a Kind of "Kind"."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import run_import
from bscp_desktop.services import memberships as ms


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_people_list_pasted_twice_adds_no_one_called_name(db, tmp_path):
    path = _csv(tmp_path / "people.csv", "Name,Job title\nAnn Lee,Designated Nurse\nName,Job title\n"
                                         "Cat Cole,Head of Service\n")

    checked = run_import(db, "people", path, dry_run=True)
    report = run_import(db, "people", path)

    note = "Row 3 repeats the column headings, so it is left out."
    assert (checked.added, checked.notes) == (2, [note])
    assert (report.added, report.notes) == (2, [note])
    assert sorted(p.name for p in ms.list_people(db)) == ["Ann Lee", "Cat Cole"]


def test_repeated_headings_in_other_words_and_case_are_left_out_and_the_rest_imported(db, tmp_path):
    icb = ms.create_organisation(db, ms.OrganisationFields("NHS North West London ICB", OrganisationKind.ICB, "NWL ICB"))
    path = _csv(tmp_path / "people.csv", "Name,Organisation,Email\nAnn Lee,NWL ICB,ann@nhs.net\n"
                                         " FULL NAME ,Agency,E-mail address\n\nCat Cole,NWL ICB,cat@nhs.net\n"
                                         "name,organisation,email\n")

    report = run_import(db, "people", path)

    assert report.notes == ["Rows 3 and 6 repeat the column headings, so they are left out."]
    assert sorted((p.name, p.organisation_id) for p in ms.list_people(db)) == [("Ann Lee", icb.id), ("Cat Cole", icb.id)]


def test_an_organisations_workbook_with_the_headings_again_adds_both_and_skips_none_as_archived(db, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Organisations"
    for row in (("Name", "Short name", "Kind", "Archived"), ("Brent Council", "LBB", "Local authority", None),
                ("Name", "Short name", "Kind", "Archived"), ("Metropolitan Police", "MPS", "Police", None)):
        sheet.append(row)
    book.save(path := tmp_path / "Organisations.xlsx")

    report = run_import(db, "organisations", path)

    assert (report.added, report.skipped, report.notes) == (2, 0, ["Row 3 repeats the column headings, so it is left out."])
    assert sorted(o.name for o in ms.list_organisations(db)) == ["Brent Council", "Metropolitan Police"]


def test_a_person_or_organisation_whose_name_is_only_like_a_heading_is_still_imported(db, tmp_path):
    people = _csv(tmp_path / "people.csv", "Name,Job title\nMember,Job title\nName,Designated Nurse\n")
    organisations = _csv(tmp_path / "organisations.csv", "Name,Kind\nAgency,Other\n")

    assert run_import(db, "organisations", organisations).added == 1
    report = run_import(db, "people", people)

    assert (report.added, report.notes) == (1, ["Row 2 repeats the column headings, so it is left out."])
    assert [p.name for p in ms.list_people(db)] == ["Name"]
