"""The people import says what the window's Person dialog would ask about (`similar_people`): a row
adding someone of the same name at the same organisation as a person on record with another email
address is added, and named in the report's notes with what to do if it is the same person. A
row carrying the email address of someone on record under another name renames them, and the
notes say so. Rows that add or change nothing of the kind say nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import run_import
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines

BOB_AGAIN = ("Row 2: Bob Brown at NHS North West London ICB {verb} added as a new person, though a Bob Brown is "
             "already there with another email (bob@brentccg.nhs.uk): if this is the same person, put the email on "
             "record in the row to change it.")


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def icb(db) -> int:
    """The ICB, with Bob Brown (bob@brentccg.nhs.uk) and Dan Dyer (dan@nhs.net)."""
    icb = ms.create_organisation(db, ms.OrganisationFields("NHS North West London ICB", OrganisationKind.ICB, "NWL ICB"))
    ms.create_person(db, ms.PersonFields("Bob Brown", "Designated Nurse", icb.id, "bob@brentccg.nhs.uk"))
    ms.create_person(db, ms.PersonFields("Dan Dyer", "Designated Doctor", icb.id, "dan@nhs.net"))
    return icb.id


def _names(db) -> list[tuple[str, str]]:
    return sorted((p.name, p.email) for p in ms.list_people(db))


@pytest.mark.slow
def test_the_workbook_with_a_new_email_for_someone_names_the_row_it_adds(db, icb, tmp_path):
    workbook = jobs.export_workbook(db, "memberships", tmp_path / "Memberships.xlsx")
    book = openpyxl.load_workbook(workbook)
    sheet = book["People"]
    emails = [cell.value for cell in sheet[1]].index("Email")
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "Bob Brown":
            row[emails].value = "bob.brown@nhs.net"
    book.save(workbook)

    checked = run_import(db, "people", workbook, dry_run=True)
    report = run_import(db, "people", workbook)
    unread = "Only the sheet 'People' was read: nothing on the sheets 'Organisations', 'Groups', 'Memberships' " \
             "and 'Confidentiality agreements' is imported."
    assert checked.notes == [BOB_AGAIN.format(verb="would be"), unread]
    assert (report.added, report.unchanged, report.notes) == (1, 1, [BOB_AGAIN.format(verb="is"), unread])
    # the window's own check finds the person the row added, as the report said
    added = next(p for p in ms.list_people(db) if p.email == "bob.brown@nhs.net")
    assert [s.reason for s in ms.similar_people(db, added.name, "", icb, exclude_id=added.id)] == [
        "the same name at NHS North West London ICB"]


def test_a_row_with_someone_elses_email_renames_them_and_says_so(db, icb, tmp_path):
    path = write_csv(tmp_path / "p.csv", "Name,Organisation,Email\nBob Brown,NWL ICB,DAN@nhs.net\n")
    checked = run_import(db, "people", path, dry_run=True)
    report = run_import(db, "people", path)
    assert checked.notes == ["Row 2: the person with email dan@nhs.net was called Dan Dyer; would be renamed to Bob Brown."]
    assert (report.added, report.updated) == (0, 1)
    assert report.notes == ["Row 2: the person with email dan@nhs.net was called Dan Dyer; renamed to Bob Brown."]
    assert _names(db) == [("Bob Brown", "bob@brentccg.nhs.uk"), ("Bob Brown", "dan@nhs.net")]  # the email as held: only its case differs
    # the window's own check, read in one go as the import reads it, finds them as it did one by one
    bob, was_dan = (next(p.id for p in ms.list_people(db) if p.email == e) for e in ("bob@brentccg.nhs.uk", "dan@nhs.net"))
    assert sorted((s.person.id, s.reason) for s in ms.similar_people(db, "BOB BROWN", " Bob@BrentCCG.nhs.uk ", icb)) == (
        sorted([(bob, "the same e-mail address"), (was_dan, "the same name at NHS North West London ICB")]))
    assert ms.similar_people(db, "Bob Brown", "", None) == []
    assert [s.person.id for s in ms.similar_people(db, "Bob Brown", "", icb, exclude_id=bob)] == [was_dan]


def test_an_archived_person_of_the_name_is_named_too_and_other_rows_say_nothing(db, icb, tmp_path):
    gone = ms.create_person(db, ms.PersonFields("Eve Ellis", "Named Nurse", icb, "eve@old.nhs.uk"))
    ms.archive_person(db, gone.id)
    report = run_import(db, "people", write_csv(tmp_path / "p.csv", (
        "Name,Organisation,Email\n"
        "Eve Ellis,NWL ICB,eve@nhs.net\n"
        "bob  brown,NWL ICB,bob@brentccg.nhs.uk\n"   # the same person, the name's spelling corrected
        "Dan Dyer,NWL ICB,\n"                          # found by name
        "Bob Brown,,bob2@example.org\n"                # another Bob Brown, at no organisation
        "Fay Fox,NWL ICB,fay@nhs.net\n")))             # someone new
    assert (report.added, report.bad_rows) == (3, [])
    assert report.notes == [
        "Row 2: Eve Ellis at NHS North West London ICB is added as a new person, though an archived Eve Ellis is already "
        "there with another email (eve@old.nhs.uk): if this is the same person, put the email on record in the row to "
        "change it."]
