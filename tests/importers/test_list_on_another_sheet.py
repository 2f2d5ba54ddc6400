"""A workbook whose sheet read has none of the list's columns (one that opens on its notes, with
the list on another sheet) is refused naming the workbook's other sheets, which were not read,
and how to have the list's sheet read."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from bscp_desktop.importers import ImportFileError, run_import
from bscp_desktop.importers.memberships import PEOPLE_FIELDS
from bscp_desktop.importers.tabular import read_table

HOLDS = "row 1 of the sheet 'Notes' holds: Read me."


def _book(path, sheets: dict[str, list[list]], showing: str | None = None, hidden: tuple[str, ...] = ()):
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        if title in hidden:
            ws.sheet_state = "hidden"
    wb.active = list(sheets).index(showing or next(iter(sheets)))
    wb.save(path)
    return path


DATA = [["Name", "Email", "Organisation"], ["Ann Smith", "ann@example.org", ""]]


def test_a_workbook_opening_on_its_notes_names_the_sheet_holding_the_list(db, tmp_path):
    path = _book(tmp_path / "file.xlsx", {"Notes": [["Read me"]], "Data": DATA})
    with pytest.raises(ImportFileError) as refused:
        run_import(db, "people", path)
    message = str(refused.value)
    assert message.startswith("file.xlsx has no Name column.")
    assert message.endswith(
        f"{HOLDS} The workbook's other sheet 'Data' was not read: name the sheet holding the list 'People', "
        "or save the workbook showing that sheet, then import again.")


def test_several_other_sheets_are_named_but_hidden_ones_and_instructions_are_not(db, tmp_path):
    path = _book(tmp_path / "file.xlsx", {"Notes": [["Read me"]], "Data": DATA, "Old": DATA, "Lookups": DATA,
                                          "How to fill this in": [["Name: required"]]}, hidden=("Lookups",))
    with pytest.raises(ImportFileError) as refused:
        run_import(db, "people", path)
    assert str(refused.value).endswith(
        f"{HOLDS} The workbook's other sheets 'Data' and 'Old' were not read: name the sheet holding the list "
        "'People', or save the workbook showing that sheet, then import again.")


def test_a_sheet_named_for_the_list_is_read_so_the_list_belongs_on_it(db, tmp_path):
    path = _book(tmp_path / "file.xlsx", {"Data": DATA, "People": [["Read me"]]}, showing="Data")
    with pytest.raises(ImportFileError) as refused:
        run_import(db, "people", path)
    assert str(refused.value).endswith(
        "row 1 of the sheet 'People' holds: Read me. The workbook's other sheet 'Data' was not read, as the sheet "
        "named 'People' is the one read: put the list on it, then import again.")


def test_without_a_sheet_named_for_the_list_it_says_to_save_the_workbook_showing_it(tmp_path):
    path = _book(tmp_path / "file.xlsx", {"Notes": [["Read me"]], "Data": DATA})
    with pytest.raises(ImportFileError) as refused:
        read_table(path, PEOPLE_FIELDS)
    assert str(refused.value).endswith(
        f"{HOLDS} The workbook's other sheet 'Data' was not read: save the workbook showing the sheet holding "
        "the list, then import again.")


def test_a_workbook_of_one_sheet_and_a_csv_file_name_no_other_sheet(db, tmp_path):
    one = _book(tmp_path / "one.xlsx", {"Notes": [["Read me"]]})
    with pytest.raises(ImportFileError) as refused:
        run_import(db, "people", one)
    assert str(refused.value).endswith("row 1 holds: Read me.")
    text = tmp_path / "notes.csv"
    text.write_text("Read me\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        run_import(db, "people", text)
    assert str(refused.value).endswith("row 1 holds: Read me.")
