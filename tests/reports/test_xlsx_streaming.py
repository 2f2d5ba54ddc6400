"""Workbooks written while their records are read: a sheet whose rows are read a batch at a
time, and parts (another area's sheets) made only when the file is written and let go once
written. The file is the same as the one written from rows held in memory."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import func, select

from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.importers import run_import
from bscp_desktop.reports.xlsx import MAX_CELL_CHARS, Column, WorkbookBuilder
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms

COLUMNS = [Column("Name"), Column("On", "date"), Column("At", "datetime"), Column("Paid", "money"),
           Column("Notes"), Column("Fixed width", width=12)]
ROWS = [
    ["Amara Okafor", date(2024, 3, 31), datetime(2024, 3, 31, 9, 30), Decimal("12.50"), "=not a formula", "x"],
    ["Żółć Community Trust", None, None, Decimal("1234567.89"), "two\nlines of notes", None],
    ["Long", date(2023, 1, 2), None, None, "word " * (MAX_CELL_CHARS // 4), "y"],  # continued below
    ["A name long enough to reach the widest a column may be, and then some more words", None, None, 3, "", ""],
]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)[^<]*</dcterms:\w+>", b"",
                                        parts["docProps/core.xml"])
    return parts


def test_a_streamed_sheet_is_the_same_file_as_a_sheet_held_in_memory():
    held = WorkbookBuilder("T", sensitive=True)
    held.add_sheet("People", COLUMNS, ROWS)
    streamed = WorkbookBuilder("T", sensitive=True)
    read = []

    def rows():
        for row in ROWS:
            read.append(row[0])
            yield row

    streamed.add_streamed_sheet("People", COLUMNS, rows)
    assert read == [] and streamed.reads_while_writing and not held.reads_while_writing
    assert _parts(streamed.to_bytes()) == _parts(held.to_bytes())
    assert read == [r[0] for r in ROWS]
    ws = openpyxl.load_workbook(io.BytesIO(streamed.to_bytes()))["People"]
    assert ws.auto_filter.ref == f"A1:F{ws.max_row}" and ws.max_row > len(ROWS) + 1  # the long text continues
    assert ws["E2"].value == "=not a formula" and ws["E2"].data_type == "s"
    assert list(dict(streamed.sheet_values())["People"][1]) == [
        "Amara Okafor", date(2024, 3, 31), datetime(2024, 3, 31, 9, 30), Decimal("12.50"), "=not a formula", "x"]


def test_an_empty_streamed_sheet_still_has_its_header():
    wb = WorkbookBuilder("T", sensitive=False)
    wb.add_streamed_sheet("Nothing yet", [Column("Name")], lambda: iter(()))
    ws = openpyxl.load_workbook(io.BytesIO(wb.to_bytes()))["Nothing yet"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [["Name"]]


def test_parts_are_made_in_order_only_while_writing_and_their_sheets_kept_apart():
    made = []

    def part(name, sheet):
        def make():
            made.append(name)
            if sheet is None:
                return None
            book = WorkbookBuilder(name, sensitive=False)
            book.add_sheet(sheet, [Column("Area")], [[name]])
            return book
        return make

    combined = WorkbookBuilder("All", sensitive=False)
    combined.add_sheet("Summary", [Column("Area")], [["all"]])
    for name, sheet in (("Meetings", "Summary"), ("Closed", None), ("Training", "Summary")):
        combined.add_part(part(name, sheet))
    assert made == [] and combined.sheet_names == ["Summary"]
    book = openpyxl.load_workbook(io.BytesIO(combined.to_bytes()))
    assert made == ["Meetings", "Closed", "Training"]
    assert book.sheetnames == ["Summary", "Summary (2)", "Summary (3)"]
    assert [book[n]["A2"].value for n in book.sheetnames] == ["all", "Meetings", "Training"]
    assert [name for name, _rows in combined.sheet_values()] == book.sheetnames


def test_a_workbook_whose_parts_have_no_sheets_is_refused(tmp_path):
    wb = WorkbookBuilder("T", sensitive=False)
    wb.add_part(lambda: None)
    with pytest.raises(ValueError, match="no sheets"):
        wb.save(tmp_path / "empty.xlsx")
    assert list(tmp_path.iterdir()) == []  # nothing half-written is left


@pytest.mark.both_engines
def test_the_history_read_a_batch_at_a_time_is_the_whole_history_in_order(db, tmp_path):
    for i in range(7):
        ms.create_organisation(db, ms.OrganisationFields(f"Organisation {i}", "voluntary"))
    people = tmp_path / "people.csv"  # an import records one entry per person, shown field by field
    people.write_text("Name,Job title,Organisation\nAmara Okafor,Designated nurse,Organisation 1\n"
                      "Zaïd Ben-Haïm,Headteacher,\n", encoding="utf-8")
    assert run_import(db, "people", people).added == 2
    every = hs.list_changes(db)
    with db.unit_of_work() as session:
        entries = session.scalar(select(func.count()).select_from(ChangeRecord))
    assert len(every) > entries > 14 and len({c.changed_at for c in every}) < entries  # a batch may end inside one save
    for batch in (1, 3, entries - 1, entries, entries + 5):
        assert list(hs.each_change(db, batch=batch)) == every
