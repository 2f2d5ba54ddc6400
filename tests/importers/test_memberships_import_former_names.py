"""The memberships imports find an organisation by a name or short name it had before a rename,
as the finance import does (one way, `OrganisationMatcher`): a workbook saved before the Brent CCG
became the North West London ICB imports back without adding the CCG a second time or moving its
people onto it. The report names each such row; a name two organisations had is refused, naming
both; one of an organisation archived since is refused, saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines

NOW_ICB = "is now called 'NHS North West London ICB'; the row is matched to it."


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def rename(db, org: ms.OrganisationDTO, name: str, short_name: str = "") -> ms.OrganisationDTO:
    return ms.update_organisation(db, org.id, ms.OrganisationFields(name, org.kind, short_name, org.parent_id, org.aliases))


@pytest.fixture
def ccg(db) -> ms.OrganisationDTO:
    """The Brent CCG, with Bob Brown: renamed the NHS North West London ICB (short name NWL ICB)."""
    ccg = ms.create_organisation(db, ms.OrganisationFields("Brent Clinical Commissioning Group", OrganisationKind.ICB,
                                                           "Brent CCG"))
    ms.create_person(db, ms.PersonFields("Bob Brown", "Designated Nurse", ccg.id, "bob@nhs.net"))
    return ccg


def _organisations(db) -> list[tuple]:
    return sorted((o.id, o.name, o.short_name, o.kind.value, o.version)
                  for o in ms.list_organisations(db, include_archived=True))


def _people(db) -> list[tuple]:
    return sorted((p.id, p.name, p.organisation_id, p.email, p.version) for p in ms.list_people(db, include_archived=True))


@pytest.mark.slow
def test_the_memberships_workbook_saved_before_a_rename_imports_back_unchanged(db, ccg, tmp_path):
    workbook = jobs.export_workbook(db, "memberships", tmp_path / "Memberships.xlsx")
    rename(db, ccg, "NHS North West London ICB", "NWL ICB")
    organisations, people = _organisations(db), _people(db)

    for kind in ("organisations", "people"):
        checked = run_import(db, kind, workbook, dry_run=True)
        report = run_import(db, kind, workbook)
        for r in (checked, report):
            assert (r.added, r.updated, r.unchanged, r.bad_rows) == (0, 0, 1, [])
            assert r.notes[-2] == f"Row 2: 'Brent Clinical Commissioning Group' {NOW_ICB}"
            assert r.notes[-1].startswith(f"Only the sheet '{kind.capitalize()}' was read")
    assert _organisations(db) == organisations  # no second organisation; the ICB keeps its names
    assert _people(db) == people  # Bob Brown stays at the ICB


def test_a_people_row_naming_its_former_short_name_is_matched_not_refused(db, ccg, tmp_path):
    rename(db, ccg, "NHS North West London ICB", "NWL ICB")
    report = run_import(db, "people", write_csv(tmp_path / "p.csv", (
        "Name,Job title,Organisation,Email\n"
        "Bob Brown,Designated Nurse for Safeguarding,Brent CCG,bob@nhs.net\n"
        "Cara Cole,Named GP,brent  ccg,\n")))
    assert (report.added, report.updated, report.bad_rows) == (1, 1, [])
    assert report.notes == [f"Row 2: 'Brent CCG' {NOW_ICB}", f"Row 3: 'brent  ccg' {NOW_ICB}"]
    assert sorted((p.name, p.organisation_id, p.job_title) for p in ms.list_people(db)) == [
        ("Bob Brown", ccg.id, "Designated Nurse for Safeguarding"), ("Cara Cole", ccg.id, "Named GP")]


def test_an_organisations_row_by_its_former_name_changes_it_but_keeps_the_name_it_has(db, ccg, tmp_path):
    rename(db, ccg, "NHS North West London ICB", "NWL ICB")
    report = run_import(db, "organisations", write_csv(tmp_path / "o.csv", (
        "Name,Short name,Kind\n"
        "Brent Clinical Commissioning Group,Brent CCG,Other\n")))
    assert (report.added, report.updated, report.bad_rows) == (0, 1, [])
    assert report.notes == [f"Row 2: 'Brent Clinical Commissioning Group' {NOW_ICB}"]
    assert [(o.id, o.name, o.short_name, o.kind) for o in ms.list_organisations(db)] == [
        (ccg.id, "NHS North West London ICB", "NWL ICB", OrganisationKind.OTHER)]  # its kind corrected, not its names


def test_the_finance_and_memberships_imports_find_the_same_organisation(db, ccg, tmp_path):
    rename(db, ccg, "NHS North West London ICB", "NWL ICB")
    people = run_import(db, "people", write_csv(tmp_path / "p.csv", "Name,Organisation\nDan Dyer,Brent CCG\n"))
    money = run_import(db, "contributions", write_csv(tmp_path / "c.csv", (
        "Financial year,Organisation,Kind,Agreed\n2024/25,Brent CCG,Cash,1000\n")))
    assert people.notes == money.notes[:1] == [f"Row 2: 'Brent CCG' {NOW_ICB}"]
    assert [p.organisation_id for p in ms.list_people(db) if p.name == "Dan Dyer"] == [ccg.id]
    assert [c.organisation_id for c in fin.list_contributions(db)] == [ccg.id]
    assert len(ms.list_organisations(db, include_archived=True)) == 1


def test_a_former_name_two_organisations_had_is_refused_naming_both(db, tmp_path):
    north = ms.create_organisation(db, ms.OrganisationFields("Health Trust", OrganisationKind.RELEVANT_AGENCY))
    rename(db, north, "North Health Trust")
    south = ms.create_organisation(db, ms.OrganisationFields("Health Trust", OrganisationKind.RELEVANT_AGENCY))
    rename(db, south, "South Health Trust")
    held = _organisations(db)
    refusal = ("Row 2: Organisation 'Health Trust' was the name of more than one organisation before a rename "
               "(North Health Trust, South Health Trust): use the name it has now.")
    for kind, text in (("organisations", "Name,Kind\nHealth Trust,Other\n"),
                       ("people", "Name,Organisation\nEve Ellis,Health Trust\n")):
        with pytest.raises(ImportRejected) as refused:
            run_import(db, kind, write_csv(tmp_path / f"{kind}.csv", text))
        assert refused.value.report.bad_rows == [refusal]
    assert _organisations(db) == held
    assert ms.list_people(db) == []


def test_a_former_name_of_an_organisation_archived_since_is_refused_not_added_again(db, ccg, tmp_path):
    rename(db, ccg, "NHS North West London ICB", "NWL ICB")
    ms.archive_organisation(db, ccg.id)
    held = _organisations(db)
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "organisations", write_csv(tmp_path / "o.csv", "Name,Kind\nBrent Clinical Commissioning Group,ICB\n"))
    assert refused.value.report.bad_rows == [
        "Row 2: Organisation 'Brent Clinical Commissioning Group' is now called NHS North West London ICB, which is "
        "archived: restore it on the Memberships tab first, or correct the name."]
    assert _organisations(db) == held


def test_a_name_an_organisation_has_now_comes_before_one_another_had(db, ccg, tmp_path):
    rename(db, ccg, "NHS North West London ICB", "NWL ICB")
    new = ms.create_organisation(db, ms.OrganisationFields("Brent CCG Legacy Team", OrganisationKind.OTHER, "Brent CCG"))
    report = run_import(db, "people", write_csv(tmp_path / "p.csv", (
        "Name,Organisation\nDan Dyer,Brent CCG\nEve Ellis,Brent Clinical Commissioning Group\n")))
    assert (report.added, report.notes) == (2, [f"Row 3: 'Brent Clinical Commissioning Group' {NOW_ICB}"])
    assert sorted((p.name, p.organisation_id) for p in ms.list_people(db) if p.name != "Bob Brown") == [
        ("Dan Dyer", new.id), ("Eve Ellis", ccg.id)]
