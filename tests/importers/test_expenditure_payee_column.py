"""An expenditure file without a Payee column is refused once, for the column, as every
expenditure line names who was paid; the template's notes say which columns are required."""

from __future__ import annotations

from pathlib import Path

import pytest

from bscp_desktop.importers import ImportFileError, run_import
from bscp_desktop.importers.finance import TEMPLATE_NOTES
from bscp_desktop.services import finance as fin


def test_a_file_without_a_payee_column_is_refused_for_the_column_not_on_every_row(db, tmp_path: Path):
    path = tmp_path / "e2.csv"
    path.write_text("Date,Category,Amount\n01/05/2024,Events,10\n01/06/2024,Events,20\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        run_import(db, "expenditure", path, dry_run=True)
    assert str(refused.value).startswith("e2.csv has no Payee column.")
    assert fin.list_expenses(db) == []


def test_the_template_notes_say_the_payee_is_required():
    assert "Payee" in TEMPLATE_NOTES["expenditure"][0] and "required" in TEMPLATE_NOTES["expenditure"][0]
