"""The case tracker import names a required cell left blank by the column's heading in the
template ("Incident type is blank"), as the other imports do ("Payee is blank"), so an officer
can find the cell; the service's reason is kept where it adds something."""

from __future__ import annotations

import pytest

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import case_reviews as cr
from tests.importers.test_case_review_tracker import write_csv

COLUMNS = ["Reference", "Alias", "Incident type", "Incident date", "Became aware", "Considered on", "Outcome",
           "Decision", "Decision date", "Notification sent", "Rapid review sent", "Closed"]


def _row(**cells: str) -> list[str]:
    """A new case with its alias, incident type and dates, but for `cells` (Became_aware for
    "Became aware")."""
    given = {"Alias": "Child Q9", "Incident type": "Death", "Incident date": "01/02/2024", "Became aware": "05/02/2024",
             **{key.replace("_", " "): value for key, value in cells.items()}}
    return [given.get(column, "") for column in COLUMNS]


def _refused(db, tmp_path, *rows: list[str], columns: list[str] = COLUMNS) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", write_csv(tmp_path / "cases.csv", rows, columns))
    assert cr.list_case_reviews(db) == []
    return caught.value.report.bad_rows


def test_a_blank_incident_type_is_named_by_its_column_with_the_words_it_takes(db, tmp_path):
    assert _refused(db, tmp_path, _row(Incident_type="")) == [
        "Row 2: Incident type is blank: choose Death or Serious harm."]


def test_a_blank_became_aware_is_named_by_its_column_keeping_why_it_is_needed(db, tmp_path):
    assert _refused(db, tmp_path, _row(Became_aware="")) == ["Row 2: Became aware is blank: the clocks start from it."]


def test_every_blank_a_row_needs_is_named_by_its_column(db, tmp_path):
    bad = _refused(db, tmp_path,
                   _row(Outcome="Not notifiable"),  # found not notifiable on no date
                   _row(Alias="Child Q10", Decision="LCSPR"),  # a decision on no date
                   _row(Alias="Child Q11", Decision_date="01/03/2024", Notification_sent="10/02/2024"),
                   _row(Alias="Child Q12", Rapid_review_sent="20/02/2024"))  # sent before any notification
    assert bad == [
        "Row 2: Considered on is blank: enter the date the case was considered and found not notifiable.",
        "Row 3: Decision date is blank: enter the date of the decision.",
        "Row 4: Decision is blank: choose the decision made on 01/03/2024.",
        "Row 5: Notification sent is blank while Rapid review sent to the Panel (20/02/2024) is recorded: the rapid "
        "review and the partners' decision follow the notification to the Panel. Enter the date the notification "
        "was sent, or clear that date first.",
    ]


def test_a_blank_named_beside_a_cell_that_could_not_be_read(db, tmp_path):
    bad = _refused(db, tmp_path, _row(Incident_type="", Incident_date="31/02/2024"))
    assert bad == ["Row 2: Incident date: '31/02/2024' is not a date (February 2024 has no 31st); use dd/mm/yyyy. "
                   "Incident type is blank: choose Death or Serious harm."]


def test_a_file_without_the_column_says_so(db, tmp_path):
    columns = [c for c in COLUMNS if c != "Became aware"]
    row = dict(zip(COLUMNS, _row(), strict=True))
    bad = _refused(db, tmp_path, [row[c] for c in columns], columns=columns)
    assert bad == ["Row 2: Became aware is blank (the file has no Became aware column): the clocks start from it."]


def test_a_blank_cell_of_a_case_on_record_keeps_its_value_and_is_not_named(db, tmp_path):
    run_import(db, "case-reviews", write_csv(tmp_path / "first.csv", [_row()], COLUMNS))
    [case] = cr.list_case_reviews(db)
    again = _row(Reference=case.reference, Incident_type="", Became_aware="")
    assert run_import(db, "case-reviews", write_csv(tmp_path / "again.csv", [again], COLUMNS)).unchanged == 1
