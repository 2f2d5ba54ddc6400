"""A workbook whose list is on a hidden sheet: the sheet shown is read, and where it lacks the list's
columns the refusal names the hidden sheet and how to show it, as a hidden sheet is never imported."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from bscp_desktop.importers import ImportFileError, run_import
from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import bookings as bk

SHOW = ("The sheet '{title}' is hidden, and a hidden sheet is never imported: show it (in Excel, right-click any "
        "sheet's tab, choose Unhide and pick it), save the workbook and import it again.")


def workbook(path: Path, title: str, rows: list[list]) -> Path:
    wb = Workbook()
    hidden = wb.active
    hidden.title = title
    for row in rows:
        hidden.append(row)
    hidden.sheet_state = "hidden"
    notes = wb.create_sheet("Notes")
    notes.append(["Checked by the finance team"])
    wb.active = 1
    wb.save(path)
    return path


@pytest.mark.parametrize(("kind", "title", "rows"), [
    ("expenditure", "Expenditure", [["Date", "Category", "Payee", "Description", "Amount"],
                                    [datetime(2024, 5, 1), "Events", "Venue Ltd", "Forum", 120]]),
    ("bookings", "Bookings", [["Course", "Session start", "Delegate", "Email"],
                              ["Neglect briefing", datetime(2026, 9, 1, 9, 30), "Zoë Smith", "zoe@example.org"]]),
])
def test_a_list_on_a_hidden_sheet_is_refused_naming_the_sheet_to_show(db, tmp_path, kind, title, rows):
    path = workbook(tmp_path / f"{kind}.xlsx", title, rows)
    with pytest.raises(ImportFileError) as error:
        run_import(db, kind, path)
    message = str(error.value)
    assert "row 1 of the sheet 'Notes' holds: Checked by the finance team." in message
    assert message.endswith(SHOW.format(title=title))
    assert fin.list_expenses(db) == [] and bk.list_bookings(db) == []


def test_a_hidden_sheet_not_named_for_the_list_is_not_named(db, tmp_path):
    path = workbook(tmp_path / "spend.xlsx", "Lookups", [["Date", "Category", "Payee", "Amount"]])
    with pytest.raises(ImportFileError) as error:
        run_import(db, "expenditure", path)
    assert "hidden" not in str(error.value)
