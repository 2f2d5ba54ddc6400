"""The case tracker import lists every problem of every row in one pass, as its template promises:
a row refused for a cell the import cannot read (a word not among a column's choices, a date that
is no date) is checked by the case review service too, for its other cells. A problem that depends
on the cell that could not be read is left out, and no column is named twice."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import case_reviews as cr
from tests.importers.test_case_review_tracker import write_csv

COLUMNS = ["Reference", "Alias", "Sex", "Incident type", "Incident date", "Became aware", "Considered on",
           "Decision", "Decision date", "Terms of reference agreed", "Notification sent", "Rapid review sent",
           "Panel's view"]
EARLY = ("Considered on: Considered by the Case Review Group (01/01/2024) cannot be before the date the local "
         "authority became aware (05/02/2024).")


def _row(cells: dict[str, str]) -> list[str]:
    """A case row: a new case with a good alias, incident type and dates, but for `cells`."""
    given = {"Alias": "Child Q9", "Incident type": "Death", "Incident date": "01/02/2024", "Became aware": "05/02/2024",
             **cells}
    return [given.get(column, "") for column in COLUMNS]


def _refused(db, tmp_path, *rows: list[str]) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", write_csv(tmp_path / "cases.csv", rows, COLUMNS))
    return caught.value.report.bad_rows


def test_a_word_not_among_the_choices_no_longer_hides_the_rows_dates_out_of_order(db, tmp_path):
    bad = _refused(db, tmp_path, _row({"Sex": "X", "Considered on": "01/01/2024"}))
    assert bad == [f"Row 2: Sex 'X' is not one of: Female, Male, Not known. {EARLY}"]
    assert cr.list_case_reviews(db) == []
    fixed = run_import(db, "case-reviews", write_csv(tmp_path / "fixed.csv", [_row({"Sex": "Female"})], COLUMNS))
    assert (fixed.added, fixed.bad_rows) == (1, [])


def test_a_date_that_is_no_date_no_longer_hides_a_missing_incident_type(db, tmp_path):
    bad = _refused(db, tmp_path, _row({"Incident type": "", "Incident date": "31/02/2024", "Considered on": "01/01/2024"}))
    assert bad == [f"Row 2: Incident date: '31/02/2024' is not a date (February 2024 has no 31st); use dd/mm/yyyy. Incident type is blank: choose Death or Serious harm. {EARLY}"]
    # a misspelt type is named once, for its word, not again as missing; and the Became aware that is no
    # date is not said to be required
    bad = _refused(db, tmp_path, _row({"Incident type": "Deathh", "Became aware": "32/01/2024"}))
    assert bad == ["Row 2: Incident type 'Deathh' is not one of: Death, Serious harm. "
                   "Became aware: '32/01/2024' is not a date; use dd/mm/yyyy."]


def test_a_check_that_reads_a_cell_that_could_not_be_read_is_left_out(db, tmp_path):
    rows = [
        # a misspelt decision: an LCSPR's date is not refused for it; one out of order still is
        _row({"Alias": "Child Q1", "Decision": "LCSPRR", "Terms of reference agreed": "07/02/2024"}),
        _row({"Alias": "Child Q2", "Decision": "LCSPRR", "Terms of reference agreed": "01/02/2024"}),
        # the Panel's view is not refused for a rapid review date that is no date
        _row({"Alias": "Child Q3", "Notification sent": "06/02/2024", "Rapid review sent": "99/99/2024",
              "Panel's view": "Agrees", "Considered on": "01/01/2024"}),
    ]
    bad = _refused(db, tmp_path, *rows)
    assert bad == [
        "Row 2: Decision 'LCSPRR' is not one of: LCSPR, No LCSPR, National review, Other learning review.",
        "Row 3: Decision 'LCSPRR' is not one of: LCSPR, No LCSPR, National review, Other learning review. "
        "Terms of reference agreed (01/02/2024) cannot be before the date the local authority became aware (05/02/2024).",
        f"Row 4: Rapid review sent: '99/99/2024' is not a date; use dd/mm/yyyy. {EARLY}",
    ]


def test_an_alias_another_case_has_is_named_once_and_never_for_a_repeated_row(db, tmp_path):
    held = cr.create_case_review(db, cr.CaseReviewFields("Child B", "death", date(2024, 2, 5)))
    bad = _refused(db, tmp_path,
                   _row({"Reference": "CR-1", "Alias": "Child B", "Sex": "X"}),
                   _row({"Reference": "CR-2", "Alias": "Child C"}),
                   _row({"Reference": "CR-2", "Alias": "Child C", "Sex": "Femal"}))
    assert bad == [
        f"Row 2: Sex 'X' is not one of: Female, Male, Not known. The alias 'Child B' is already used by case "
        f"{held.reference}; choose another (for example Child B).",
        "Row 4: Repeats row 3 (the same reference 'CR-2'). Sex 'Femal' is not one of: Female, Male, Not known.",
    ]
    assert [c.alias for c in cr.list_case_reviews(db)] == ["Child B"]
