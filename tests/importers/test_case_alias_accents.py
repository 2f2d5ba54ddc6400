"""A row without a Reference finds its case by Alias as people's names are compared: case,
spacing and accents do not matter ("Child Zoe" is the case "Child Zoë"), so importing a tracker
that spells an alias without its accent does not make a second case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import case_reviews as cr
from tests.importers.test_case_review_tracker import write_csv as _write_csv

COLUMNS = ["Alias", "Incident type", "Became aware", "Considered on"]


def write_csv(path: Path, rows, columns=COLUMNS) -> Path:
    return _write_csv(path, rows, columns)


def add(db, alias: str, aware: date = date(2024, 2, 29)):
    return cr.create_case_review(db, cr.CaseReviewFields(alias, "serious_harm", aware))


def test_an_alias_without_its_accent_finds_the_case(db, tmp_path):
    zoe = add(db, "Child Zoë")
    report = run_import(db, "case-reviews", write_csv(tmp_path / "t.csv", [["  child   ZOE ", "", "", "04/03/2024"]]))
    assert (report.added, report.updated, report.bad_rows) == (0, 1, [])
    (case,) = cr.list_case_reviews(db)
    assert (case.id, case.alias, case.considered_on) == (zoe.id, "Child Zoë", date(2024, 3, 4))


def test_one_alias_spelt_with_and_without_its_accent_in_one_file_is_one_case_not_two(db, tmp_path):
    path = write_csv(tmp_path / "t.csv", [["Child Zoë", "Serious harm", "29/02/2024", ""],
                                          ["Child Zoe", "Serious harm", "01/03/2024", ""]])
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", path)
    assert caught.value.report.bad_rows == [
        "Row 3: Uses the same alias 'Child Zoe' as row 2 ('Child Zoë': case, spacing and accents do not matter)."]
    assert cr.list_case_reviews(db) == []


def test_the_case_spelt_as_the_row_spells_it_wins_over_one_differing_only_in_accents(db, tmp_path):
    plain, accented = add(db, "Child Zoe"), add(db, "Child Zoë")  # the service keeps both
    rows = [["Child Zoë", "", "", "05/03/2024"], ["child zoe", "", "", "06/03/2024"]]
    report = run_import(db, "case-reviews", write_csv(tmp_path / "t.csv", rows))
    assert (report.added, report.updated, report.bad_rows) == (0, 2, [])
    assert cr.get_case_review(db, accented.id).considered_on == date(2024, 3, 5)
    assert cr.get_case_review(db, plain.id).considered_on == date(2024, 3, 6)
    # by Reference, two cases whose aliases differ only in accents import again unchanged
    rows = [[plain.reference, "Child Zoe"], [accented.reference, "Child Zoë"]]
    again = run_import(db, "case-reviews", write_csv(tmp_path / "refs.csv", rows, ["Reference", "Alias"]))
    assert (again.added, again.updated, again.unchanged, again.bad_rows) == (0, 0, 2, [])


def test_an_alias_only_an_archived_case_has_is_a_bad_row_whatever_its_accents(db, tmp_path):
    zoe = add(db, "Child Zoë")
    cr.archive_case_review(db, zoe.id)
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", write_csv(tmp_path / "t.csv", [["Child Zoe", "", "", "04/03/2024"]]))
    assert caught.value.report.bad_rows == [
        f"Row 2: Case {zoe.reference} (Child Zoë) is archived: restore it in the Case reviews tab first."]
    assert len(cr.list_case_reviews(db, include_archived=True)) == 1
