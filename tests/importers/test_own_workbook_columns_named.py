"""An import of a sheet of the program's own workbook tells apart the columns it does not know
at all ("not recognised") from those the program writes but the import does not change: those
it works out itself, and those the team changes in the window, named with where."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.dates import format_date
from bscp_desktop.importers import run_import
from bscp_desktop.importers.own_columns import column_notes
from bscp_desktop.importers.tabular import Table


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_a_column_not_known_at_all_is_still_not_recognised_beside_the_programs_own():
    table = Table("f.csv", [], ["course"], ["Favourite colour", "Sector", "Charge waived", "Outstanding at 01/04/2025"])
    assert column_notes("bookings", table) == [
        "Columns not imported (not recognised): Favourite colour, Outstanding at 01/04/2025.",
        "Column worked out by the program, not imported: Sector.",
        "Not changed by this import (change it in the window, Training tab, Bookings): Charge waived.",
    ]
    table = Table("f.csv", [], ["financial_year"], ["Outstanding at 01/04/2025", "Status", "Agreed at", "Sector"])
    assert column_notes("contributions", table, "not chosen") == [
        "Columns not imported (not chosen): Sector.",
        "Columns worked out by the program, not imported: Outstanding at 01/04/2025, Status.",
        "Not changed by this import (change it in the window, Finance tab, Contributions): Agreed at.",
    ]


def test_the_finance_workbook_imported_back_names_its_columns_and_none_as_not_recognised(db, tmp_path):
    run_import(db, "contributions", _write(tmp_path / "c.csv", [
        ["Financial year", "Organisation", "Kind", "Agreed", "Received", "Received on"],
        ["2024/25", "Brent Council", "Cash", "1000", "400", "01/06/2024"]]))
    run_import(db, "expenditure", _write(tmp_path / "e.csv", [
        ["Date", "Category", "Payee", "Description", "Amount"],
        ["01/05/2024", "Events", "Civic Centre", "Room hire", "120.00"]]))
    workbook = jobs.export_workbook(db, "finance", tmp_path / "Finance.xlsx")

    contributions = run_import(db, "contributions", workbook)
    assert (contributions.added, contributions.updated) == (0, 0)
    assert contributions.notes[:2] == [
        f"Columns worked out by the program, not imported: Outstanding at {format_date(date.today())}, Status.",
        "Not changed by this import (change it in the window, Finance tab, Contributions): Agreed at.",
    ]
    expenditure = run_import(db, "expenditure", workbook)
    assert (expenditure.added, expenditure.updated) == (0, 0)
    assert expenditure.notes[:2] == [
        "Column worked out by the program, not imported: Financial year.",
        "Not changed by this import (change it in the window, Finance tab, Expenditure): For (training session or "
        "case review).",
    ]
    for report in (contributions, expenditure):
        assert not [n for n in report.notes if "not recognised" in n]


@pytest.mark.slow
@pytest.mark.parametrize(("area", "kinds"), [
    ("memberships", ("people", "organisations")), ("training", ("bookings", "evaluations")),
    ("finance", ("contributions", "expenditure")), ("case-reviews", ("case-reviews",)),
])
def test_no_column_the_program_writes_is_said_to_be_not_recognised(demo_db, tmp_path, area, kinds):
    workbook = jobs.export_workbook(demo_db, area, tmp_path / f"{area}.xlsx")
    for kind in kinds:
        report = run_import(demo_db, kind, workbook, dry_run=True)
        assert report.ok and report.changed == 0, kind
        assert not [n for n in report.notes if "not recognised" in n or "in the file but" in n], (kind, report.notes)
