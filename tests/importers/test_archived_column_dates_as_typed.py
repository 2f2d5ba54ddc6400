"""The Archived column of the people and organisations imports takes a date however an officer
types it, as every other date column does (1/4/26, 1 April 2026, 01-04-2026, a date with the
time a spreadsheet adds); a row so marked is left out. What is not a date is a bad row naming
the column."""

from __future__ import annotations

from pathlib import Path

import pytest

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import memberships as ms


def _csv(tmp_path: Path, rows: list[tuple[str, str]]) -> Path:
    path = tmp_path / "organisations.csv"
    path.write_text("Name,Short name,Archived\n" + "".join(f"{name},,{archived}\n" for name, archived in rows),
                    encoding="utf-8")
    return path


def test_an_archived_date_typed_any_way_leaves_its_row_out(db, tmp_path):
    path = _csv(tmp_path, [("Old Agency A", "01/04/2026"), ("Old Agency B", "1/4/26"),
                           ("Old Agency C", "1 April 2026"), ("Old Agency D", "01-04-2026"),
                           ("Old Agency E", "2026-04-01"), ("Old Agency F", "01/04/2026 00:00"),
                           ("Old Agency G", "Wednesday 1 April 2026"), ("Current Agency", "")])
    run_import(db, "organisations", path)
    assert [o.name for o in ms.list_organisations(db, include_archived=True)] == ["Current Agency"]


@pytest.mark.parametrize(("typed", "said"), [
    ("31/4/2026", "Archived '31/4/2026' is not understood: leave it blank for a current record, or give the date "
                  "it was archived (dd/mm/yyyy) or Yes to leave the row out"),
    ("01/01/1800", "Archived '01/01/1800' is outside the years 1900 to 2200"),
    ("Thursday 1 April 2026", "Archived "),
])
def test_an_archived_cell_not_a_date_is_a_bad_row_naming_the_column(db, tmp_path, typed, said):
    path = _csv(tmp_path, [("Old Agency", typed), ("Current Agency", "")])
    with pytest.raises(ImportRejected) as err:
        run_import(db, "organisations", path)
    (bad,) = err.value.report.bad_rows
    assert bad.startswith(f"Row 2: {said}"), bad
    assert ms.list_organisations(db, include_archived=True) == []
