"""A sheet's note (`add_sheet(note=..., note_at=...)`): a line of plain text under the table
saying what it leaves out, after a blank row, under the total row when there is one, in the
column asked for, outside the filter; none when the note is empty."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import load_workbook

from bscp_desktop.reports.xlsx import Column, WorkbookBuilder

COLUMNS = [Column("Date"), Column("Year"), Column("Amount", "money")]
ROWS = [["01/04/2023", "2023/24", Decimal("10")], ["02/04/2023", "2023/24", Decimal("5")]]


def _values(wb: WorkbookBuilder, tmp_path) -> tuple[list[list], str]:
    ws = load_workbook(wb.save(tmp_path / "notes.xlsx"))["Spending"]
    return [[c.value for c in row] for row in ws.iter_rows()], ws.auto_filter.ref


def test_a_note_stands_under_the_table_after_a_blank_row(tmp_path):
    wb = WorkbookBuilder("Notes")
    wb.add_sheet("Spending", COLUMNS, ROWS, note="Archived expenses (1) are left out.")
    rows, ref = _values(wb, tmp_path)
    assert rows[3:] == [[None, None, None], ["Archived expenses (1) are left out.", None, None]]
    assert ref == "A1:C3"


def test_under_a_total_the_note_follows_it_in_the_column_asked_for(tmp_path):
    wb = WorkbookBuilder("Notes")
    wb.add_sheet("Spending", COLUMNS, ROWS, totals={2: Decimal("15")}, note="Archived expenses (1) are left out.",
                 note_at=1)
    rows, ref = _values(wb, tmp_path)
    assert rows[4][0] == "Total" and rows[4][2] == "=SUM(C2:C3)"
    assert not any(rows[5])
    assert rows[6][:2] == [None, "Archived expenses (1) are left out."] and len(rows) == 7
    assert ref == "A1:C3"


def test_no_note_adds_nothing(tmp_path):
    wb = WorkbookBuilder("Notes")
    wb.add_sheet("Spending", COLUMNS, ROWS, note="")
    rows, _ref = _values(wb, tmp_path)
    assert len(rows) == 3
