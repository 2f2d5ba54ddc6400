"""The finance workbook exported from the command line, a payee and a description corrected in it,
and imported again: the report names each line added beside the one it most likely corrects."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.cli.test_import_export import cli

# Each test runs the program in a new process: part of make test, not of make check.
pytestmark = pytest.mark.slow


def test_a_corrected_payee_and_description_are_named_when_the_workbook_is_imported_again(tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert cli("demo", db).returncode == 0
    exported = tmp_path / "f.xlsx"
    assert cli("export", "xlsx", "--db", db, "--area", "finance", "-o", exported).returncode == 0
    book = load_workbook(exported)
    sheet = book["Expenditure"]
    assert (sheet["E5"].value, sheet["D4"].value) == ("Events (total for the period)", "External training facilitators")
    sheet["E5"] = "Events (total for the period) - venues"
    sheet["D4"] = "Training Associates Ltd"
    book.save(tmp_path / "edited.xlsx")

    checked = cli("import", "--db", db, "expenditure", tmp_path / "edited.xlsx", "--dry-run")
    result = cli("import", "--db", db, "expenditure", tmp_path / "edited.xlsx")

    for run, verb in ((checked, "would add"), (result, "adds")):
        assert run.returncode == 0, run.stderr
        lines = run.stdout.splitlines()
        assert ("Row 5 (Venues and event suppliers, Events (total for the period) - venues, 31/03/2024, £5,036.00) "
                "matches a line on record described as 'Events (total for the period)' in everything but the "
                "description: if it corrects that line, change the line in the Finance tab instead (this import "
                f"{verb} it as a second line).") in lines
        assert ("Row 4 (Training Associates Ltd, External facilitators for training (total for the period), "
                "31/03/2024, £4,250.00) matches a line on record paid to 'External training facilitators' in "
                "everything but the payee: if it corrects that line, change the line in the Finance tab instead "
                f"(this import {verb} it as a second line).") in lines
    assert result.stdout.startswith("Imported expenditure from edited.xlsx: 4 rows; 2 added, 0 updated, 2 unchanged.")
    again = cli("import", "--db", db, "expenditure", tmp_path / "edited.xlsx")
    assert again.returncode == 0, again.stderr
    assert "everything but" not in again.stdout and ": 4 rows; 0 added, 0 updated, 4 unchanged." in again.stdout
