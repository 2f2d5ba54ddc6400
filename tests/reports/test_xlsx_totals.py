"""Totals in workbooks: real SUM formulas over exactly their cells, with the program's value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bscp_desktop.reports.xlsx import Column, Formula, Section, WorkbookBuilder


def test_a_total_row_sums_exactly_the_data_cells_outside_the_filter(tmp_path):
    wb = WorkbookBuilder("Totals")
    wb.add_sheet(
        "Money",
        [Column("Name"), Column("Amount", "money"), Column("Count", "int")],
        [["=1+1", Decimal("1.10"), 1], ["b", Decimal("2.25"), 2], ["c", None, 3]],
        totals={1: Decimal("3.35"), 2: 6},
    )
    out = wb.save(tmp_path / "t.xlsx")
    ws = load_workbook(out)["Money"]
    assert ws.auto_filter.ref == "A1:C4"
    assert [c.value for c in ws[5]] == [None, None, None]
    assert [c.value for c in ws[6]] == ["Total", "=SUM(B2:B4)", "=SUM(C2:C4)"]
    assert ws["B6"].data_type == "f" and ws["B6"].font.b and ws["B6"].number_format == '"£"#,##0.00'
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"  # user text is never a formula
    cached = load_workbook(out, data_only=True)["Money"]
    assert (cached["B6"].value, cached["C6"].value) == (3.35, 6)


def test_an_empty_table_totals_to_a_plain_zero(tmp_path):
    wb = WorkbookBuilder("Empty")
    wb.add_sheet("Money", [Column("Name"), Column("Amount", "money")], [], totals={1: Decimal("0.00")})
    ws = load_workbook(wb.save(tmp_path / "e.xlsx"))["Money"]
    assert [c.value for c in ws[3]] == ["Total", 0]


def test_sections_each_have_their_own_header_and_totals(tmp_path):
    wb = WorkbookBuilder("Summary")
    wb.add_sections_sheet(
        "Summary",
        [
            Section("In", [Column("Partner"), Column("Amount", "money")], [["A", Decimal("5")], ["B", Decimal("6")]],
                    totals={1: Decimal("11")}, total_label="TOTAL"),
            Section("Out", [Column("Expense"), Column("Amount", "money")], [["C", Decimal("2.50")]],
                    totals={1: Decimal("2.50")}, note="Illustrative"),
        ],
    )
    out = wb.save(tmp_path / "s.xlsx")
    ws = load_workbook(out)["Summary"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[:5] == [["In", None], ["Partner", "Amount"], ["A", 5], ["B", 6], ["TOTAL", "=SUM(B3:B4)"]]
    assert rows[6:10] == [["Out", None], ["Expense", "Amount"], ["C", 2.5], ["Total", "=SUM(B9:B9)"]]
    assert rows[10][0] == "Illustrative"
    cached = load_workbook(out, data_only=True)["Summary"]
    assert (cached["B5"].value, cached["B10"].value) == (11, 2.5)


def test_totals_must_be_numbers_of_real_columns():
    wb = WorkbookBuilder("Bad")
    with pytest.raises(ValueError):
        wb.add_sheet("S", [Column("A")], [], totals={3: 1})
    with pytest.raises(ValueError):
        wb.add_sheet("S", [Column("A")], [], totals={0: "12"})
    assert Formula("=SUM(A1:A2)", 3).value == 3
