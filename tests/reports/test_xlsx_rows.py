"""Rows written as XML text read back exactly as written: awkward text stays text, numbers and
dates keep their types and formats, looks are shared, totals carry their value."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl

from bscp_desktop.reports.xlsx import Column, Section, WorkbookBuilder
from bscp_desktop.reports.xlsx_rows import escaped

AWKWARD = ["a & b < c > d", "  leading and trailing  ", "line one\r\nline two", "=HYPERLINK(\"x\")", "+44 20", "-",
           "@SUM(A1)", "\ttab first", "", "€ £ ₹ 中文 عربى 𝔘", "</t></is></c><c><f>1+1</f></c>", "]]>"]


def _book(builder: WorkbookBuilder, **kw) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(builder.to_bytes()), **kw)


def test_awkward_text_reads_back_as_the_same_text():
    wb = WorkbookBuilder("T", sensitive=False)
    wb.add_sheet("Text", [Column("Text")], [[t] for t in AWKWARD])
    ws = _book(wb)["Text"]
    for row, text in enumerate(AWKWARD, start=2):
        cell = ws.cell(row, 1)
        if text == "":
            assert cell.value is None
            continue
        assert cell.value == text
        assert cell.data_type == "s"
        assert cell.quotePrefix is text.startswith(("=", "+", "-", "@", "\t"))


def test_numbers_dates_and_totals_keep_their_types():
    wb = WorkbookBuilder("T", sensitive=False)
    wb.add_sheet("Money", [Column("When", "date"), Column("At", "datetime"), Column("Paid", "money"),
                           Column("N", "int"), Column("Share", "percent")],
                 [[date(2024, 3, 31), datetime(2024, 3, 31, 14, 5), Decimal("12.50"), 7, 0.25],
                  [date(1999, 1, 1), None, Decimal("0.05"), 123456789012, None]],
                 totals={2: Decimal("12.55")})
    ws = _book(wb)["Money"]
    assert ws["A2"].value == datetime(2024, 3, 31) and ws["A2"].number_format == "dd/mm/yyyy"
    assert ws["B2"].value == datetime(2024, 3, 31, 14, 5) and ws["B2"].number_format == "dd/mm/yyyy hh:mm"
    assert ws["C2"].value == 12.5 and ws["C2"].number_format == '"£"#,##0.00'
    assert ws["D3"].value == 123456789012 and ws["E2"].value == 0.25 and ws["E2"].number_format == "0.0%"
    assert ws["B3"].value is None
    assert ws["C5"].value == "=SUM(C2:C3)" and ws["C5"].font.b
    assert _book(wb, data_only=True)["Money"]["C5"].value == 12.55


def test_each_look_is_stored_once():
    wb = WorkbookBuilder("T", sensitive=False)
    wb.add_sheet("Many", [Column("Name"), Column("On", "date")], [[f"Name {n}", date(2024, 1, 1)] for n in range(500)])
    with zipfile.ZipFile(io.BytesIO(wb.to_bytes())) as z:
        styles = z.read("xl/styles.xml").decode()
    assert styles.count("<xf ") < 12  # a handful of looks, not one per cell


def test_sections_keep_their_titles_notes_and_totals():
    wb = WorkbookBuilder("T", sensitive=False)
    wb.add_sections_sheet("Summary", [
        Section("=Income", [Column("Source"), Column("Amount", "money")], [["Grants & gifts", Decimal("5.00")]],
                totals={1: Decimal("5.00")}, note="<b>not markup</b>"),
        Section("Spending", [Column("What")], [["Room hire"]]),
    ])
    ws = _book(wb)["Summary"]
    assert [ws.cell(r, 1).value for r in range(1, 9)] == [
        "=Income", "Source", "Grants & gifts", "Total", "<b>not markup</b>", None, "Spending", "What"]
    assert ws["A1"].data_type == "s" and ws["A1"].quotePrefix and ws["A1"].font.b
    assert ws["B4"].value == "=SUM(B3:B3)"


def test_escaping_leaves_ordinary_text_alone():
    assert escaped("plain words") == "plain words"
    assert escaped("a&b<c>d\r") == "a&amp;b&lt;c&gt;d&#13;"
