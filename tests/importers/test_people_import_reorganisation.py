"""A people import after a reorganisation, and from a file of another case.

* A row adding someone of the same name as a person on record at another organisation (perhaps
  the same person, who has moved) still adds them, as two people may share a name, but the
  report's notes name the row and say where the other is on record (archived or not), and how
  to move them instead.
* A name the file gives all in lower case or all in capitals keeps the capitals held; a file
  in mixed case that corrects them still does.
* An email address differing only in case from the one held keeps the held one: the row is
  unchanged, and imports from differently-cased sources do not flip it back and forth.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import run_import
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines

ICB = "NHS North West London ICB"
MOVED = ("Row 2: Ann Mover is already on record at Brent Council{archived}: if this is the same person, who has "
         f"moved to {ICB}, {{action}} instead of importing them again ({{tail}}).")
ADDED = "the new record this import added can be archived"
WOULD = "this import would add them as a new record"
CHANGE = "change their organisation on the Memberships tab"


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def orgs(db) -> tuple[int, int]:
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    icb = ms.create_organisation(db, ms.OrganisationFields(ICB, OrganisationKind.ICB, "NWL ICB"))
    return council.id, icb.id


def _people(db) -> list[tuple[str, str, str]]:
    return sorted((p.name, p.organisation_name, p.email) for p in ms.list_people(db, include_archived=True))


def _counts(report) -> tuple[int, int, int]:
    return report.added, report.updated, report.unchanged


def test_someone_at_a_new_organisation_is_added_with_a_note_naming_where_they_are_on_record(db, orgs, tmp_path):
    first = write_csv(tmp_path / "mv1.csv", "Name,Job title,Organisation\nAnn Mover,Safeguarding Lead,Brent Council\n")
    assert (_counts(run_import(db, "people", first)), run_import(db, "people", first).notes) == ((1, 0, 0), [])
    moved = write_csv(tmp_path / "mv2.csv", f"Name,Job title,Organisation\nAnn Mover,Safeguarding Lead,{ICB}\n")

    checked = run_import(db, "people", moved, dry_run=True)
    assert _counts(checked) == (1, 0, 0)
    assert checked.notes == [MOVED.format(archived="", action=CHANGE, tail=WOULD)]
    assert _people(db) == [("Ann Mover", "Brent Council", "")]  # a dry run writes nothing

    report = run_import(db, "people", moved)
    assert _counts(report) == (1, 0, 0)
    assert report.notes == [MOVED.format(archived="", action=CHANGE, tail=ADDED)]
    assert _people(db) == [("Ann Mover", "Brent Council", ""), ("Ann Mover", ICB, "")]
    # importing it again finds the one it added, and says nothing more
    again = run_import(db, "people", moved)
    assert (_counts(again), again.notes) == ((0, 0, 1), [])


def test_an_archived_person_of_the_name_elsewhere_is_named_as_archived(db, orgs, tmp_path):
    council, _icb = orgs
    ann = ms.create_person(db, ms.PersonFields("Ann Mover", "Safeguarding Lead", council, "ann.mover@brent.gov.uk"))
    ms.archive_person(db, ann.id)
    moved = write_csv(tmp_path / "mv2.csv", "Name,Organisation,Email\nANN MOVER,NWL ICB,ann.mover@nhs.net\n")
    restore = "restore them and change their organisation on the Memberships tab"

    checked = run_import(db, "people", moved, dry_run=True)
    assert checked.notes == [MOVED.format(archived=" (archived)", action=restore, tail=WOULD)]
    report = run_import(db, "people", moved)
    assert _counts(report) == (1, 0, 0)
    assert report.notes == [MOVED.format(archived=" (archived)", action=restore, tail=ADDED)]


def test_people_of_the_name_at_the_same_organisation_are_noted_as_before_not_as_moved(db, orgs, tmp_path):
    council, _icb = orgs
    ms.create_person(db, ms.PersonFields("Ann Mover", "Lead", council, "ann@brent.gov.uk"))
    path = write_csv(tmp_path / "p.csv", "Name,Organisation,Email\nAnn Mover,Brent Council,ann.m@brent.gov.uk\n")
    report = run_import(db, "people", path)
    assert _counts(report) == (1, 0, 0)
    assert report.notes == [
        "Row 2: Ann Mover at Brent Council is added as a new person, though a Ann Mover is already there with another "
        "email (ann@brent.gov.uk): if this is the same person, put the email on record in the row to change it."]


def test_a_name_all_in_lower_case_or_capitals_keeps_the_capitals_held(db, orgs, tmp_path):
    council, _icb = orgs
    ms.create_person(db, ms.PersonFields("Mary-Jane Smith-Jones", "Lead", council, "mj@brent.gov.uk"))
    ms.create_person(db, ms.PersonFields("Zoë Adebayo", "Officer", council, "zoe@brent.gov.uk"))
    path = write_csv(tmp_path / "p.csv", "Name,Organisation,Email\n"
                     "mary-jane smith-jones,Brent Council,mj@brent.gov.uk\nZOË ADEBAYO,Brent Council,zoe@brent.gov.uk\n")
    checked = run_import(db, "people", path, dry_run=True)
    report = run_import(db, "people", path)
    assert _counts(checked) == _counts(report) == (0, 0, 2)
    assert [p.name for p in ms.list_people(db)] == ["Mary-Jane Smith-Jones", "Zoë Adebayo"]
    # matched by name alone (no email), the same
    plain = write_csv(tmp_path / "plain.csv", "Name,Organisation\nMARY-JANE SMITH-JONES,Brent Council\n")
    assert _counts(run_import(db, "people", plain)) == (0, 0, 1)
    assert [p.name for p in ms.list_people(db)] == ["Mary-Jane Smith-Jones", "Zoë Adebayo"]


def test_a_name_in_mixed_case_still_corrects_the_capitals(db, orgs, tmp_path):
    council, _icb = orgs
    ms.create_person(db, ms.PersonFields("Mary-jane Smith-jones", "Lead", council, "mj@brent.gov.uk"))
    path = write_csv(tmp_path / "p.csv", "Name,Organisation,Email\nMary-Jane Smith-Jones,Brent Council,mj@brent.gov.uk\n")
    assert _counts(run_import(db, "people", path)) == (0, 1, 0)
    assert [p.name for p in ms.list_people(db)] == ["Mary-Jane Smith-Jones"]
    assert _counts(run_import(db, "people", path)) == (0, 0, 1)


def test_an_email_differing_only_in_case_is_unchanged(db, orgs, tmp_path):
    council, _icb = orgs
    zoe = ms.create_person(db, ms.PersonFields("Zoe Adebayo", "Officer", council, "Zoe.Adebayo@brent.gov.uk"))
    path = write_csv(tmp_path / "p.csv", "Name,Organisation,Email\nZoe Adebayo,Brent Council,zoe.adebayo@BRENT.GOV.UK\n")
    checked = run_import(db, "people", path, dry_run=True)
    report = run_import(db, "people", path)
    assert _counts(checked) == _counts(report) == (0, 0, 1)
    held = ms.list_people(db)
    assert [(p.email, p.version) for p in held] == [("Zoe.Adebayo@brent.gov.uk", zoe.version)]
    # another change in the same row is made, and the held address kept
    changed = write_csv(tmp_path / "c.csv", "Name,Job title,Organisation,Email\n"
                        "Zoe Adebayo,Lead,Brent Council,ZOE.ADEBAYO@brent.gov.uk\n")
    assert _counts(run_import(db, "people", changed)) == (0, 1, 0)
    assert [(p.job_title, p.email) for p in ms.list_people(db)] == [("Lead", "Zoe.Adebayo@brent.gov.uk")]
