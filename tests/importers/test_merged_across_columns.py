"""A workbook cell merged across columns: Excel keeps its value in the top-left cell only, so the
value is read in one column, and a number shown over two columns the import reads is refused."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.finance import EXPENDITURE_FIELDS
from bscp_desktop.importers.tabular import read_table
from bscp_desktop.services import finance as fin

CONTRIBUTIONS = ["Financial year", "Organisation", "Kind", "Agreed", "Received", "Received on"]
EXPENDITURE = ["Date", "Category", "Payee", "Description", "Amount"]
ACROSS = ("Agreed (column D) and Received (column E) are merged into one cell showing one number, so which of them "
          "it belongs to cannot be told: unmerge them and put the number in the column it belongs to, then import again.")


def workbook(path: Path, title: str, rows: list[list], merge: tuple[str, ...]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for cells in merge:
        ws.merge_cells(cells)
    wb.save(path)
    return path


def test_an_amount_merged_across_agreed_and_received_is_refused_naming_both_and_nothing_is_saved(db, tmp_path):
    """4,000 shown once over Agreed and Received: the Received cell is empty in Excel, so it is no payment."""
    path = workbook(tmp_path / "merged.xlsx", "Contributions", [
        CONTRIBUTIONS, ["2024/25", "Probation Service", "Cash", 4000, None, "01/06/2024"]], ("D2:E2",))
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", path)
    assert refused.value.report.bad_rows == [f"Row 2: {ACROSS}"]
    assert fin.list_contributions(db) == []


def test_an_amount_merged_across_columns_and_down_rows_is_refused_for_each_reason(db, tmp_path):
    path = workbook(tmp_path / "block.xlsx", "Contributions", [
        CONTRIBUTIONS, ["2024/25", "Probation Service", "Cash", 4000, None, None],
        ["2024/25", "Brent Council", "Cash", None, None, None]], ("D2:E3",))
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", path)
    down = ("Agreed (column D) is one cell merged across rows 2\u20133, so it would count once on each row: "
            "unmerge it and give each row its own value, then import again.")
    assert refused.value.report.bad_rows == [f"Row 2: {down} {ACROSS}", f"Row 3: {down} {ACROSS}"]
    assert fin.list_contributions(db) == []


def test_text_merged_across_columns_is_read_in_its_own_column_only(tmp_path):
    """The payee shown over the Description column is not also the description; a value whose own
    column has no heading is read in the first column of its range that has one."""
    path = workbook(tmp_path / "spent.xlsx", "Expenditure", [
        ["Date", "Category", None, "Payee", "Description", "Amount"],
        [datetime(2024, 5, 1), "Events", None, "Venue Ltd", None, 100],
        [datetime(2024, 5, 2), "Events", "Hall Ltd", None, "Forum", 200]], ("D2:E2", "C3:D3"))
    table = read_table(path, EXPENDITURE_FIELDS)
    assert [(cells["payee"], cells["description"], cells["amount"]) for _n, cells in table.rows] == [
        ("Venue Ltd", "", "100"), ("Hall Ltd", "Forum", "200")]

    # a number over a column read, one not read and one with no heading is read once, in its own column
    path = workbook(tmp_path / "once.xlsx", "Expenditure", [
        [*EXPENDITURE, "Unread"], [datetime(2024, 5, 1), "Events", "Venue Ltd", "Forum", 250]], ("E2:G2",))
    assert [cells["amount"] for _n, cells in read_table(path, EXPENDITURE_FIELDS).rows] == ["250"]
