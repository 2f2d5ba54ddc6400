"""People sharing an email address (a school's safeguarding inbox, which the Person dialog allows
after a warning) import back from the memberships workbook: a row of a shared address is the
one of them of its name, rows of it with other names are other people, and a row naming none of
them adds a new person with the address, named in the notes. An organisations import takes each
kind by its label, its short label or a common spelling ("Integrated Care Board", "School")."""

from __future__ import annotations

import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import memberships as ms
from tests.importers.test_memberships_workbook_round_trip import _people, write_csv

INBOX = "safeguarding@kingsbury.brent.sch.uk"


@pytest.fixture
def school(db):
    return ms.create_organisation(db, ms.OrganisationFields("Kingsbury High School", OrganisationKind.EDUCATION)).id


@pytest.fixture
def inbox(db, school):
    """Amy Adams and Bola Bello, both with the school's safeguarding inbox."""
    amy = ms.create_person(db, ms.PersonFields("Amy Adams", "Designated Safeguarding Lead", school, email=INBOX))
    bola = ms.create_person(db, ms.PersonFields("Bola Bello", "Deputy DSL", school, email=INBOX))
    return amy.id, bola.id


@pytest.mark.slow
def test_people_sharing_an_email_import_back_from_the_memberships_workbook_unchanged(db, inbox, tmp_path):
    held = _people(db)
    out = jobs.export_workbook(db, "memberships", tmp_path / "Memberships.xlsx")
    report = run_import(db, "people", out)
    assert (report.added, report.updated, report.unchanged, report.bad_rows) == (0, 0, 2, [])
    assert _people(db) == held


def test_a_row_of_a_shared_email_changes_the_one_of_its_name(db, inbox, tmp_path):
    amy, bola = inbox
    path = write_csv(tmp_path / "p.csv", "Name,Job title,Organisation,Email\n"
                     f"Bola Bello,Designated Safeguarding Lead,Kingsbury High School,{INBOX.upper()}\n"
                     f"Amy  Adams,Headteacher,,{INBOX}\n")
    report = run_import(db, "people", path)
    assert (report.added, report.updated, report.bad_rows, report.notes) == (0, 2, [], [])
    people = {p.id: p for p in ms.list_people(db)}
    assert set(people) == {amy, bola}
    assert (people[amy].name, people[amy].job_title) == ("Amy Adams", "Headteacher")
    assert people[bola].job_title == "Designated Safeguarding Lead"


def test_a_row_of_a_shared_email_naming_none_of_them_adds_a_person_and_says_so(db, inbox, school, tmp_path):
    path = write_csv(tmp_path / "p.csv", "Name,Job title,Organisation,Email\n"
                     f"Amy Adams,Designated Safeguarding Lead,Kingsbury High School,{INBOX}\n"
                     f"Carol Cole,Pastoral lead,Kingsbury High School,{INBOX}\n")
    report = run_import(db, "people", path, dry_run=True)
    assert (report.added, report.unchanged) == (1, 1)
    assert report.notes == [
        f"Row 3: Carol Cole would be added as a new person with the email address {INBOX}, which Amy Adams and "
        "Bola Bello have too: if the row means one of them, give their name as it is on record."]
    assert len(ms.list_people(db)) == 2
    assert run_import(db, "people", path).added == 1
    carol = next(p for p in ms.list_people(db) if p.name == "Carol Cole")
    assert (carol.email, carol.organisation_id) == (INBOX, school)
    again = run_import(db, "people", path)
    assert (again.added, again.updated, again.unchanged, again.notes) == (0, 0, 2, [])


def test_one_of_the_name_held_without_an_email_is_given_the_shared_one(db, inbox, school, tmp_path):
    dan = ms.create_person(db, ms.PersonFields("Dan Dara", "Teacher", school))
    path = write_csv(tmp_path / "p.csv", f"Name,Organisation,Email\nDan Dara,Kingsbury High School,{INBOX}\n")
    report = run_import(db, "people", path)
    assert (report.added, report.updated) == (0, 1)
    assert next(p for p in ms.list_people(db) if p.id == dan.id).email == INBOX


def test_two_rows_of_a_shared_email_and_one_name_repeat_and_an_archived_holder_is_found_by_name(db, inbox, school,
                                                                                               tmp_path):
    path = write_csv(tmp_path / "p.csv", "Name,Email\n"
                     f"Amy Adams,{INBOX}\n"
                     f"AMY ADAMS,{INBOX}\n")
    with pytest.raises(ImportRejected) as err:
        run_import(db, "people", path)
    assert err.value.report.bad_rows == [f"Row 3: Repeats row 2 (the same name and email address '{INBOX}')."]
    eve = ms.create_person(db, ms.PersonFields("Eve Ede", "Teacher", school, email=INBOX))
    ms.archive_person(db, eve.id)
    path = write_csv(tmp_path / "p.csv", f"Name,Email\nEve Ede,{INBOX}\nFay Fry,{INBOX}\n")
    with pytest.raises(ImportRejected) as err:
        run_import(db, "people", path)
    assert err.value.report.bad_rows == [
        f"Row 2: Eve Ede ({INBOX}) is archived: restore them on the Memberships tab first, or leave the row out."]
    report = run_import(db, "people", write_csv(tmp_path / "f.csv", f"Name,Email\nFay Fry,{INBOX}\n"))
    assert report.added == 1
    assert "Amy Adams, Bola Bello and Eve Ede (archived) have too" in report.notes[0]


def test_two_of_one_name_sharing_an_email_at_two_places_are_told_apart_by_organisation(db, inbox, school, tmp_path):
    other = ms.create_organisation(db, ms.OrganisationFields("Kingsbury Green Primary", "education")).id
    ms.create_person(db, ms.PersonFields("Amy Adams", "Governor", other, email=INBOX))
    with pytest.raises(ImportRejected) as err:
        run_import(db, "people", write_csv(tmp_path / "p.csv", f"Name,Job title,Email\nAmy Adams,Chair,{INBOX}\n"))
    assert err.value.report.bad_rows == [
        f"Row 2: 2 people called 'Amy Adams' have the email address '{INBOX}': add the organisation to say which "
        "one this row is."]
    report = run_import(db, "people", write_csv(tmp_path / "p.csv", "Name,Job title,Organisation,Email\n"
                                                f"Amy Adams,Chair,Kingsbury Green Primary,{INBOX}\n"))
    assert (report.added, report.updated) == (0, 1)
    assert {(p.organisation_id, p.job_title) for p in ms.list_people(db) if p.name == "Amy Adams"} == {
        (school, "Designated Safeguarding Lead"), (other, "Chair")}


@pytest.mark.parametrize(("text", "kind"), [
    ("Integrated Care Board", OrganisationKind.ICB), ("integrated care board", OrganisationKind.ICB),
    ("ICB", OrganisationKind.ICB), ("NHS Integrated Care Board", OrganisationKind.ICB),
    ("Statutory partner - ICB", OrganisationKind.ICB),
    ("Statutory partner: Integrated Care Board", OrganisationKind.ICB),
    ("Local authority", OrganisationKind.LOCAL_AUTHORITY), ("Council", OrganisationKind.LOCAL_AUTHORITY),
    ("local_authority", OrganisationKind.LOCAL_AUTHORITY), ("Police", OrganisationKind.POLICE),
    ("Police force", OrganisationKind.POLICE), ("Relevant agency", OrganisationKind.RELEVANT_AGENCY),
    ("School", OrganisationKind.EDUCATION), ("Education", OrganisationKind.EDUCATION),
    ("Voluntary sector", OrganisationKind.VOLUNTARY), ("Voluntary & community", OrganisationKind.VOLUNTARY),
    ("VCSE", OrganisationKind.VOLUNTARY), ("other", OrganisationKind.OTHER),
])
def test_a_kind_is_read_by_its_label_short_label_or_a_common_spelling(text, kind):
    assert OrganisationKind.parse(text) is kind


def test_every_kind_reads_back_by_its_label_and_value_and_an_unknown_one_is_refused():
    for kind in OrganisationKind:
        assert OrganisationKind.parse(kind.label) is kind
        assert OrganisationKind.parse(kind.label.upper()) is kind
        assert OrganisationKind.parse(kind.value) is kind
    with pytest.raises(ValueError, match="'NHS trust' is not a kind of organisation"):
        OrganisationKind.parse("NHS trust")


def test_an_organisations_import_takes_integrated_care_board(db, tmp_path):
    path = write_csv(tmp_path / "o.csv", "Name,Kind\nNHS North West London,Integrated Care Board\n"
                                          "Kingsbury High School,School\n")
    assert run_import(db, "organisations", path).added == 2
    assert {o.name: o.kind for o in ms.list_organisations(db)} == {
        "NHS North West London": OrganisationKind.ICB, "Kingsbury High School": OrganisationKind.EDUCATION}
