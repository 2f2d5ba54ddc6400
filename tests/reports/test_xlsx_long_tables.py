"""A table longer than an Excel sheet holds (1,048,576 rows; Excel drops the rest without a
word) goes on in further sheets with the same headings, each with its own filter, frozen
header and widths, and a note under each part saying where the table goes on. The limit is made
small here so the tables stay short."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from bscp_desktop.reports import xlsx
from bscp_desktop.reports.change_log import COLUMNS as CHANGE_LOG_COLUMNS
from bscp_desktop.reports.change_log import ChangeLine, ChangeLogReport, change_log_workbook
from bscp_desktop.reports.xlsx import Column, WorkbookBuilder
from bscp_desktop.reports.xlsx_cells import MAX_SHEET_NAME

LIMIT = 10  # rows a sheet holds here: a header, six rows of the table and room for its total and note
PER_SHEET = LIMIT - 4
COLUMNS = [Column("Name"), Column("On", "date"), Column("Paid", "money")]


@pytest.fixture(autouse=True)
def small_sheets(monkeypatch):
    monkeypatch.setattr(xlsx, "EXCEL_ROWS", LIMIT)


def _rows(n: int) -> list[list]:
    return [[f"Person {i}", date(2024, 1, 1 + i % 28), Decimal(i)] for i in range(1, n + 1)]


def _book(wb: WorkbookBuilder) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(wb.to_bytes()))


def _table(ws, width: int = len(COLUMNS)) -> tuple[list, list[list], list[list]]:
    """A sheet's header, its table's rows (those the filter covers) and what is under them."""
    every = [list(row)[:width] for row in ws.iter_rows(values_only=True)]
    end = int(re.fullmatch(r"A1:[A-Z]+(\d+)", ws.auto_filter.ref)[1])
    return every[0], every[1:end], every[end:]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)[^<]*</dcterms:\w+>", b"",
                                        parts["docProps/core.xml"])
    return parts


def test_a_table_longer_than_a_sheet_goes_on_in_further_sheets_with_its_headings():
    wb = WorkbookBuilder("People", sensitive=False)
    wb.add_sheet("People", COLUMNS, _rows(2 * PER_SHEET + 3))
    wb.add_sheet("After", [Column("Note")], [["the next sheet"]])
    book = _book(wb)
    assert book.sheetnames == ["People", "People (2)", "People (3)", "After"]
    found = []
    for name in ("People", "People (2)", "People (3)"):
        ws = book[name]
        header, rows, under = _table(ws)
        assert header == ["Name", "On", "Paid"] and ws.max_row <= LIMIT
        assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
        assert ws.column_dimensions["A"].width == max(len(r[0]) for r in rows) + 2  # from its own rows
        assert ws["C2"].number_format == xlsx.MONEY_FORMAT and ws["B2"].is_date
        found += rows
    assert [r[0] for r in found] == [f"Person {i}" for i in range(1, 2 * PER_SHEET + 4)]  # none lost, none twice
    assert len(_table(book["People"])[1]) == len(_table(book["People (2)"])[1]) == PER_SHEET
    assert _table(book["People"])[2] == [
        [None, None, None],
        ["The table goes on in the sheet 'People (2)': an Excel sheet holds at most 10 rows.", None, None]]
    assert _table(book["People (2)"])[2][-1][0] == (
        "Continued from the sheet 'People'. The table goes on in the sheet 'People (3)': an Excel sheet "
        "holds at most 10 rows.")
    assert _table(book["People (3)"])[2][-1][0] == "Continued from the sheet 'People (2)'."
    assert [list(r) for r in book["After"].iter_rows(values_only=True)] == [["Note"], ["the next sheet"]]


def test_a_table_that_fits_stays_on_one_sheet_with_no_note():
    wb = WorkbookBuilder("People", sensitive=False)
    wb.add_sheet("People", COLUMNS, _rows(PER_SHEET))
    book = _book(wb)
    assert book.sheetnames == ["People"] and book["People"].max_row == PER_SHEET + 1
    one_more = WorkbookBuilder("People", sensitive=False)
    one_more.add_sheet("People", COLUMNS, _rows(PER_SHEET + 1))
    assert _book(one_more).sheetnames == ["People", "People (2)"]


def test_a_streamed_table_goes_on_in_further_sheets_as_one_held_in_memory_does():
    read = []

    def rows():
        for row in _rows(2 * PER_SHEET + 1):
            read.append(row[0])
            yield row

    streamed = WorkbookBuilder("People", sensitive=True)
    streamed.add_streamed_sheet("People", COLUMNS, rows)
    held = WorkbookBuilder("People", sensitive=True)
    held.add_sheet("People", COLUMNS, _rows(2 * PER_SHEET + 1))
    data = streamed.to_bytes()
    assert len(read) == 2 * PER_SHEET + 1  # every row read once
    assert _parts(data) == _parts(held.to_bytes())
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["People", "People (2)", "People (3)"]
    assert [len(_table(book[name])[1]) for name in book.sheetnames] == [PER_SHEET, PER_SHEET, 1]
    assert [book[name].auto_filter.ref for name in book.sheetnames] == ["A1:C7", "A1:C7", "A1:C2"]


def test_a_table_filling_its_sheets_exactly_has_no_empty_sheet_after_them():
    held = WorkbookBuilder("P", sensitive=False)
    held.add_sheet("P", COLUMNS, _rows(2 * PER_SHEET))
    streamed = WorkbookBuilder("P", sensitive=False)
    streamed.add_streamed_sheet("P", COLUMNS, lambda: iter(_rows(2 * PER_SHEET)))
    for wb in (held, streamed):
        book = _book(wb)
        assert book.sheetnames == ["P", "P (2)"]
        assert _table(book["P (2)"])[2][-1][0] == "Continued from the sheet 'P'."


def test_the_total_of_a_long_table_sums_every_sheet_it_is_on():
    rows = _rows(2 * PER_SHEET + 2)
    total = sum(r[2] for r in rows)
    wb = WorkbookBuilder("Paid", sensitive=False)
    wb.add_sheet("Paid", COLUMNS, rows, totals={2: total})
    book = _book(wb)
    assert book.sheetnames == ["Paid", "Paid (2)", "Paid (3)"]
    _header, last_rows, under = _table(book["Paid (3)"])
    assert len(last_rows) == 2 and book["Paid (3)"].max_row <= LIMIT
    assert under[0] == [None, None, None]
    assert under[1] == ["Total", None, "=SUM('Paid'!C2:C7,'Paid (2)'!C2:C7,C2:C3)"]
    assert under[2][0] == "Continued from the sheet 'Paid (2)'."
    cached = openpyxl.load_workbook(io.BytesIO(wb.to_bytes()), data_only=True)["Paid (3)"]
    assert cached.cell(len(last_rows) + 3, 3).value == total
    assert _table(book["Paid"])[2][0] == [None, None, None]  # no total on the earlier sheets
    assert "Total" not in [r[0] for r in _table(book["Paid"])[2]]


def test_the_further_sheets_names_are_short_enough_and_taken_by_no_other_sheet():
    wb = WorkbookBuilder("Names", sensitive=False)
    used = wb.add_sheet("Safeguarding practice reviews of 2024", COLUMNS, _rows(PER_SHEET + 1))
    stem = used[:MAX_SHEET_NAME - 4]
    wb.add_sheet(f"{stem} (2)", [Column("Other")], [["an unrelated sheet"]])
    wb.add_streamed_sheet("Log's", COLUMNS, lambda: iter(_rows(PER_SHEET + 1)))
    wb.add_sheet("Log's (2)", [Column("Other")], [["another unrelated sheet"]])
    book = _book(wb)
    assert all(len(name) <= MAX_SHEET_NAME for name in book.sheetnames)
    assert len({n.casefold() for n in book.sheetnames}) == len(book.sheetnames) == 6
    assert book.sheetnames == [used, f"{stem} (3)", f"{stem} (2)", "Log's", "Log's (3)", "Log's (2)"]
    assert book[f"{stem} (2)"]["A2"].value == "an unrelated sheet"
    assert book["Log's (2)"]["A2"].value == "another unrelated sheet"
    assert _table(book[used])[2][-1][0].startswith(f"The table goes on in the sheet '{used[:27]} (3)'")


def test_a_part_made_while_writing_keeps_its_long_table_apart_from_later_sheets():
    def part():
        book = WorkbookBuilder("History", sensitive=False)
        book.add_streamed_sheet("Change history", COLUMNS, lambda: iter(_rows(PER_SHEET + 1)))
        return book

    def later():
        book = WorkbookBuilder("Later", sensitive=False)
        book.add_sheet("Change history (2)", [Column("Other")], [["later"]])
        return book

    wb = WorkbookBuilder("All", sensitive=False)
    wb.add_part(part)
    wb.add_part(later)
    book = _book(wb)
    assert book.sheetnames == ["Change history", "Change history (2)", "Change history (2) (2)"]
    assert book["Change history (2)"]["A2"].value == "Person 7"
    assert book["Change history (2) (2)"]["A2"].value == "later"  # a name taken by then gets a number


def test_the_change_log_workbook_goes_on_in_further_sheets_before_its_notes():
    when = datetime(2024, 5, 1, 9, 30)
    lines = [ChangeLine(when, "Amara", "Memberships", f"Organisation {i}", "Changed", "Name", "old", "new")
             for i in range(PER_SHEET + 2)]
    wb = change_log_workbook(ChangeLogReport("Test LSCP", date(2024, 5, 2), "every change", iter(lines)))
    book = _book(wb)
    assert book.sheetnames == ["Change log", "Change log (2)", "About"]
    records = []
    for name in ("Change log", "Change log (2)"):
        header, rows, _under = _table(book[name], 8)
        assert header == [c.header for c in CHANGE_LOG_COLUMNS]
        records += [r[3] for r in rows]
    assert records == [f"Organisation {i}" for i in range(PER_SHEET + 2)]
    assert book["Change log (2)"]["A2"].value == lines[0].local_time and book["Change log (2)"]["A2"].is_date
