"""An expenditure row that matches a line on record in everything but the amount (most likely a
correction) is still added, as lines are matched on all five columns, but the report warns
about it, in the dry run and the import alike."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event

from bscp_desktop.importers import run_import
from bscp_desktop.services import finance as fin

pytestmark = pytest.mark.both_engines

COLUMNS = ["Date", "Category", "Payee", "Description", "Amount"]
HALL = ["01/05/2024", "Events", "Venue Ltd", "Hall hire May"]
WARNING = (
    "Row 2 (Venue Ltd, Hall hire May, 01/05/2024) matches a line on record for £200.00 in everything but "
    "the amount: if it corrects that line, change the line in the Finance tab instead "
    "(this import {} it as a second line)."
)


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([COLUMNS, *rows])
    return path


def events_spending(db) -> list[Decimal]:
    return sorted(e.amount for e in fin.list_expenses(db, 2024))


def test_a_corrected_amount_is_warned_about_in_the_dry_run_and_the_import(db, tmp_path):
    run_import(db, "expenditure", write_csv(tmp_path / "e1.csv", [[*HALL, "200.00"]]))
    corrected = write_csv(tmp_path / "e2.csv", [[*HALL, "250.00"]])
    checked = run_import(db, "expenditure", corrected, dry_run=True)
    assert checked.notes == [WARNING.format("would add")]
    assert WARNING.format("would add") in checked.lines()  # what the command line and the window show
    report = run_import(db, "expenditure", corrected)
    assert report.added == 1 and report.notes == [WARNING.format("adds")]
    assert events_spending(db) == [Decimal("200.00"), Decimal("250.00")]  # the documented matching is kept
    again = run_import(db, "expenditure", corrected)  # now on record: nothing added, nothing to warn about
    assert (again.added, again.unchanged, again.notes) == (0, 1, [])


def test_no_warning_where_the_file_also_holds_the_line_on_record_or_differs_in_more_than_the_amount(db, tmp_path):
    run_import(db, "expenditure", write_csv(tmp_path / "e1.csv", [[*HALL, "200.00"]]))
    rows = [
        [*HALL, "250.00"],  # a second payment beside the first, which the file holds too
        [*HALL, "200.00"],
        ["01/05/2024", "Events", "Venue Ltd", "Hall hire June", "250.00"],
        ["02/05/2024", "Events", "Venue Ltd", "Hall hire May", "250.00"],
        ["01/05/2024", "Events", "Caterers Ltd", "Hall hire May", "250.00"],
    ]
    report = run_import(db, "expenditure", write_csv(tmp_path / "more.csv", rows), dry_run=True)
    assert (report.added, report.unchanged, report.notes) == (4, 1, [])


def test_every_line_on_record_the_row_may_correct_is_named(db, tmp_path):
    run_import(db, "expenditure", write_csv(tmp_path / "e1.csv", [[*HALL, "300.00"], [*HALL, "200.00"]]))
    report = run_import(db, "expenditure", write_csv(tmp_path / "e2.csv", [[*HALL, "250"]]))
    assert report.notes == [
        "Row 2 (Venue Ltd, Hall hire May, 01/05/2024) matches lines on record for £200.00, £300.00 in everything "
        "but the amount: if it corrects one of them, change the line in the Finance tab instead "
        "(this import adds it as a second line)."
    ]


def test_a_refused_file_does_not_warn(db, tmp_path):
    from bscp_desktop.importers import ImportRejected

    run_import(db, "expenditure", write_csv(tmp_path / "e1.csv", [[*HALL, "200.00"]]))
    with pytest.raises(ImportRejected) as error:
        run_import(db, "expenditure", write_csv(tmp_path / "e2.csv", [[*HALL, "250.00"], [*HALL, "-5"]]))
    assert error.value.report.notes == []


@pytest.mark.slow
def test_many_corrections_are_warned_about_without_a_query_for_each(db, tmp_path):
    on_record = [["01/05/2024", "Events", "Venue Ltd", f"Hall hire {n}", "200.00"] for n in range(25)]
    run_import(db, "expenditure", write_csv(tmp_path / "e1.csv", on_record))
    corrected = write_csv(tmp_path / "corrected.csv", [[*row[:4], "250.00"] for row in on_record])
    unrelated = write_csv(tmp_path / "new.csv", [[*row[:3], f"Room hire {n}", "250.00"] for n, row in enumerate(on_record)])

    def statements(path: Path) -> tuple[int, list[str]]:
        asked: list[str] = []

        def note(_conn, _cursor, statement, *_args):
            asked.append(statement)

        event.listen(db.engine, "before_cursor_execute", note)
        try:
            report = run_import(db, "expenditure", path, dry_run=True)
        finally:
            event.remove(db.engine, "before_cursor_execute", note)
        return len(asked), report.notes

    corrected_count, notes = statements(corrected)
    unrelated_count, none = statements(unrelated)
    assert none == []
    assert len(notes) == 21  # twenty rows named, then how many more
    assert notes[0].startswith("Row 2 (Venue Ltd, Hall hire 0, 01/05/2024) matches a line on record for £200.00")
    assert notes[-1] == "5 more rows match a line on record in everything but the amount."
    assert corrected_count == unrelated_count  # the warnings cost no query of their own
