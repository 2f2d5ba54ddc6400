"""People and organisations imports: a file that is plainly the other list is refused, and a
person whose organisation was archived imports again as they are (the program's own workbook
round-trips)."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportFileError, ImportRejected, run_import, write_template
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines


def _filled_template(kind: str, path, rows: list[list]):
    out = write_template(kind, path)
    wb = load_workbook(out)
    for row in rows:
        wb.worksheets[0].append(row)
    wb.save(out)
    return out


def test_the_organisations_template_imported_as_people_is_refused_naming_what_it_looks_like(db, tmp_path):
    out = _filled_template("organisations", tmp_path / "organisations.xlsx",
                           [["Kilburn Youth Trust", "KYT", "Voluntary and community"]])
    with pytest.raises(ImportFileError) as err:
        run_import(db, "people", out)
    assert str(err.value) == (
        "organisations.xlsx looks like a list of organisations, not of people: it has Short name and Kind columns "
        "and no Job title, Organisation, Email or Phone column; import it as organisations, or choose the list of "
        "people.")
    assert ms.list_people(db) == []
    assert run_import(db, "organisations", out).added == 1  # as the list it is


def test_a_list_of_people_imported_as_organisations_is_refused(db, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("Name,Job title,Email\nAma Mensah,Officer,ama@example.org\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"^staff\.csv looks like a list of people, not of organisations: it "
                                              r"has a Job title column and no Short name or Kind column"):
        run_import(db, "organisations", path)
    assert ms.list_organisations(db) == []


def test_headings_either_list_may_have_do_not_turn_it_away(db, tmp_path):
    """A person's initials, an organisation's general e-mail address and telephone number."""
    people = tmp_path / "minute takers.csv"
    people.write_text("Name,Initials\nAma Mensah,AM\n", encoding="utf-8")
    assert run_import(db, "people", people).added == 1
    organisations = tmp_path / "partners.csv"
    organisations.write_text("Organisation,Email,Phone\nBrent Mind,info@brentmind.org.uk,020 8000 0000\n", encoding="utf-8")
    assert run_import(db, "organisations", organisations).added == 1
    assert [o.name for o in ms.list_organisations(db)] == ["Brent Mind"]


def test_a_list_of_names_alone_is_either_list(db, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Name,Notes\nAma Mensah,\n", encoding="utf-8")
    assert run_import(db, "people", path).added == 1


def test_people_of_an_archived_organisation_import_back_unchanged(db, tmp_path):
    icb = ms.create_organisation(db, ms.OrganisationFields("NHS North West London ICB", OrganisationKind.ICB, "NWL ICB"))
    nurse = ms.create_person(db, ms.PersonFields("Designated Nurse", "Nurse", icb.id, "nurse@nhs.net"))
    ms.create_person(db, ms.PersonFields("Named GP", "GP", icb.id))
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 3))
    ms.create_membership(db, ms.MembershipFields(nurse.id, group.id, "member", date(2023, 4, 1),
                                                 organisation_id=icb.id))
    assert ms.organisation_archive_note(db, icb.id, date(2024, 1, 1)) == (
        "It has 2 current people and 1 current seat on a group representing it: they keep it, but no new person or "
        "seat can be given it until it is restored (if it has closed, move the people to another organisation and "
        "end the seats too).")
    ms.archive_organisation(db, icb.id)
    out = jobs.export_workbook(db, "memberships", tmp_path / "export.xlsx")
    report = run_import(db, "people", out)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 2)
    new_row = tmp_path / "new.csv"
    new_row.write_text("Name,Organisation\nSomeone New,NWL ICB\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as err:  # a new person is still not given it
        run_import(db, "people", new_row)
    assert "which is archived: restore it on the Memberships tab first" in err.value.report.bad_rows[0]
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    assert ms.organisation_archive_note(db, ms.find_organisation(db, "Brent Council").id) == ""


def test_a_person_archived_since_is_a_bad_row_when_the_file_is_imported_again(db, tmp_path):
    ms.create_organisation(db, ms.OrganisationFields("NHS North West London ICB", OrganisationKind.ICB, "NWL ICB"))
    staff = tmp_path / "staff.csv"
    staff.write_text("Name,Organisation,Job title\nTom Reyes,NWL ICB,Designated nurse\nAmy Lu,NWL ICB,Named GP\n",
                     encoding="utf-8")
    assert run_import(db, "people", staff).added == 2
    (tom,) = [p for p in ms.list_people(db) if p.name == "Tom Reyes"]
    ms.archive_person(db, tom.id)
    with pytest.raises(ImportRejected) as err:  # matched by name and organisation, as a live person is
        run_import(db, "people", staff)
    assert err.value.report.bad_rows == [
        "Row 2: Tom Reyes (NHS North West London ICB) is archived: restore them on the Memberships tab first, or "
        "leave the row out."]
    with_email = tmp_path / "with email.csv"  # a row that would give him an email address
    with_email.write_text("Name,Organisation,Email\ntom reyes,NWL ICB,tom.reyes@nhs.net\n", encoding="utf-8")
    with pytest.raises(ImportRejected):
        run_import(db, "people", with_email)
    unnamed = tmp_path / "no organisation.csv"  # matched by name alone, as a live person would be
    unnamed.write_text("Name,Organisation,Job title\nTom Reyes,,Youth worker\n", encoding="utf-8")
    with pytest.raises(ImportRejected):
        run_import(db, "people", unnamed)
    elsewhere = tmp_path / "elsewhere.csv"  # another Tom Reyes, at another organisation: a new person
    elsewhere.write_text("Name,Organisation\nTom Reyes,Brent Council\n", encoding="utf-8")
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    assert run_import(db, "people", elsewhere).added == 1
    assert [p.organisation_name for p in ms.list_people(db, include_archived=True) if p.name == "Tom Reyes"] == [
        "NHS North West London ICB", "Brent Council"]
    ms.restore_person(db, tom.id)
    assert run_import(db, "people", staff).unchanged == 2
