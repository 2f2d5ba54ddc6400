"""The memberships workbook's People sheet imports back when two people share a name and an
organisation and no email address tells them apart (the window lets both be recorded): a row
reading exactly as one of them is that one. A row that does not is refused, saying only an email
address tells them apart and naming the rows; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import memberships as ms


@pytest.fixture
def council(db):
    return ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY)).id


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _people(db) -> list[tuple]:
    return sorted((p.id, p.name, p.job_title, p.organisation_name, p.email, p.phone, p.notes, p.version)
                  for p in ms.list_people(db, include_archived=True))


def _round_trip(db, tmp_path):
    held = _people(db)
    out = jobs.export_workbook(db, "memberships", tmp_path / "Memberships.xlsx")
    report = run_import(db, "people", out)
    assert _people(db) == held
    return report


@pytest.mark.slow
def test_two_people_of_one_name_and_organisation_without_an_email_import_back_unchanged(db, council, tmp_path):
    for _ in range(2):
        ms.create_person(db, ms.PersonFields("Ann Smith", "Social worker", council))
    report = _round_trip(db, tmp_path)
    assert (report.added, report.updated, report.unchanged, report.bad_rows) == (0, 0, 2, [])


def test_they_import_back_with_different_details_and_beside_one_of_the_name_with_an_email(db, council, tmp_path):
    ms.create_person(db, ms.PersonFields("Ann Smith", "Social worker", council, phone="020 8937 1234"))
    ms.create_person(db, ms.PersonFields("Ann Smith", "Team manager", council, notes="Line one\nLine two"))
    ms.create_person(db, ms.PersonFields("Ann Smith", "Officer", council, email="ann.smith@brent.gov.uk"))
    ms.create_person(db, ms.PersonFields("Ann Smith"))  # no organisation
    report = _round_trip(db, tmp_path)
    assert (report.added, report.updated, report.unchanged, report.bad_rows) == (0, 0, 4, [])


def test_they_import_back_when_their_organisation_was_archived_since(db, council, tmp_path):
    for _ in range(2):
        ms.create_person(db, ms.PersonFields("Ann Smith", "Social worker", council))
    ms.archive_organisation(db, council)
    report = _round_trip(db, tmp_path)
    assert (report.added, report.unchanged, report.bad_rows) == (0, 2, [])


def test_a_changed_row_is_refused_saying_only_an_email_tells_them_apart(db, council, tmp_path):
    for _ in range(2):
        ms.create_person(db, ms.PersonFields("Ann Smith", "Social worker", council))
    held = _people(db)
    path = write_csv(tmp_path / "people.csv", "Name,Job title,Organisation\n"
                                              "Bo Chan,Officer,Brent Council\n"
                                              "Ann Smith,Social worker,Brent Council\n"
                                              "Ann Smith,Head of service,Brent Council\n")
    with pytest.raises(ImportRejected) as err:
        run_import(db, "people", path)
    assert err.value.report.bad_rows == [
        "Row 4: 2 people called 'Ann Smith' at Brent Council are already in the database, and only an email address "
        "can tell them apart: add each one's on the Memberships tab and in their row (rows 3 and 4) to say which one "
        "each row is."]
    assert _people(db) == held  # all or nothing: Bo Chan is not added either


def test_more_rows_than_people_of_the_name_repeat_the_rows_before(db, council, tmp_path):
    for _ in range(2):
        ms.create_person(db, ms.PersonFields("Ann Smith", "Social worker", council))
    row = "Ann Smith,Social worker,Brent Council\n"
    path = write_csv(tmp_path / "people.csv", "Name,Job title,Organisation\n" + row * 3)
    with pytest.raises(ImportRejected) as err:
        run_import(db, "people", path)
    assert err.value.report.bad_rows == [
        "Row 4: Repeats row 2 (the same name, organisation and details: the database holds 2 such people, described "
        "by rows 2 and 3)."]


def test_without_the_organisation_people_of_the_name_at_two_are_told_apart_by_it(db, council, tmp_path):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE)).id
    ms.create_person(db, ms.PersonFields("Ann Smith", "Social worker", council))
    ms.create_person(db, ms.PersonFields("Ann Smith", "Sergeant", police))
    path = write_csv(tmp_path / "people.csv", "Name,Job title\nAnn Smith,Inspector\n")
    with pytest.raises(ImportRejected) as err:
        run_import(db, "people", path)
    assert err.value.report.bad_rows == [
        "Row 2: 2 people called 'Ann Smith' are already in the database; add an email address (or the organisation) "
        "to say which one this row is."]
