"""The total line of the program's own finance workbook is left out when the workbook was saved
again by a program that keeps its sums as formulas without their results; a formula without
its result on any other row is still refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.finance import CONTRIBUTION_FIELDS
from bscp_desktop.importers.tabular import CellProblem, read_table
from bscp_desktop.importers.total_lines import TOTAL_LINES
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms

FORMULA_UNWORKED = "holds a formula Excel has not worked out"


def _saved_without_results(path: Path) -> Path:
    """The workbook as a program that keeps formulas but not their results saves it again."""
    again = path.with_name(f"{path.stem} resaved.xlsx")
    load_workbook(path).save(again)
    return again


@pytest.fixture
def finance_file(db, tmp_path) -> Path:
    from bscp_desktop.jobs.finance import finance_workbook

    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE, "Met Police"))
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    fin.create_contribution(db, fin.ContributionFields("2023/24", police.id, "cash", "5,000"))
    fin.create_contribution(db, fin.ContributionFields("2023/24", council.id, "cash", "7,000"))
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    fin.create_expense(db, fin.ExpenseFields(date(2023, 5, 1), events, "Civic Centre", "Forum", "100"))
    fin.create_expense(db, fin.ExpenseFields(date(2023, 9, 1), events, "Civic Centre", "Forum", "1,312.50"))
    return _saved_without_results(finance_workbook(db).save(tmp_path / "Finance.xlsx"))


def _total_row(path: Path, sheet: str) -> tuple[int, list]:
    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    number = next(i for i, row in enumerate(rows, start=1) if row[0] == "Total")
    return number, list(rows[number - 1])


def test_the_contributions_total_line_with_sums_not_worked_out_is_left_out(db, finance_file):
    number, total = _total_row(finance_file, "Contributions")
    assert any(str(cell).startswith("=SUM(") for cell in total)  # the sums are formulas with no result saved
    report = run_import(db, "contributions", finance_file, dry_run=True)
    assert report.bad_rows == []
    assert f"Row {number}, a total line, was left out." in report.notes
    assert (report.rows, report.unchanged) == (2, 2)


def test_the_expenditure_total_line_with_sums_not_worked_out_is_left_out(db, finance_file):
    number, total = _total_row(finance_file, "Expenditure")
    assert any(str(cell).startswith("=SUM(") for cell in total)
    report = run_import(db, "expenditure", finance_file, dry_run=True)
    assert report.bad_rows == []
    assert f"Row {number}, a total line, was left out." in report.notes
    assert (report.rows, report.unchanged) == (2, 2)


def _workbook(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)  # openpyxl saves a formula without its result, as such programs do
    return path


HEADINGS = ["Financial year", "Organisation", "Kind", "Agreed", "Received"]


def test_a_formula_not_worked_out_on_a_contribution_row_is_still_refused(db, tmp_path):
    path = _workbook(tmp_path / "c.xlsx", [HEADINGS, ["2023/24", "Brent Council", "Cash", "=1000+2000", 0],
                                           ["Total", None, None, "=SUM(D2:D2)", "=SUM(E2:E2)"]])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", path)
    (line,) = refused.value.report.bad_rows
    assert line.startswith("Row 2: Agreed (column D) " + FORMULA_UNWORKED + " ('=1000+2000')")
    assert "Row 3, a total line, was left out." in refused.value.report.notes


def test_a_total_row_naming_an_organisation_is_no_total_line_and_its_formula_is_refused(db, tmp_path):
    path = _workbook(tmp_path / "c.xlsx", [HEADINGS, ["2023/24", "Brent Council", "Cash", 3000, 0],
                                           ["Total", "Brent Council", None, "=SUM(D2:D2)", None]])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", path)
    assert any(line.startswith("Row 3: Agreed (column D) " + FORMULA_UNWORKED) for line in refused.value.report.bad_rows)
    assert not any("total line" in note for note in refused.value.report.notes)


def test_read_table_keeps_a_row_it_is_told_is_left_out_unchecked(tmp_path):
    path = _workbook(tmp_path / "c.xlsx", [HEADINGS, ["2023/24", "Brent Council", "Cash", 3000, 0],
                                           ["Total", None, None, "=SUM(D2:D2)", "=#REF!"]])
    table = read_table(path, CONTRIBUTION_FIELDS, keep_going=True, left_out=TOTAL_LINES["contributions"])
    assert table.refused == []
    assert [number for number, _cells in table.rows] == [2, 3]
    assert isinstance(table.rows[1][1]["agreed"], CellProblem)  # as read, for the import to leave out
    checked = read_table(path, CONTRIBUTION_FIELDS, keep_going=True)  # without it, the row is refused as before
    assert [line.split(":")[0] for line in checked.refused] == ["Row 3"]
