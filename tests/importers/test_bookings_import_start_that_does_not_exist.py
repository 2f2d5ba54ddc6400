"""A bookings import whose Session start is a time UK clocks skip in March is a bad row naming
the column and why, not a session at a time that never came."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services.training import courses as cs

HEADER = ["Course", "Session start", "Capacity", "Delegate"]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_a_session_start_in_the_skipped_hour_is_a_bad_row_naming_the_column(db, tmp_path):
    rows = [["Night course", "29/03/2026 01:30", "10", "Ann A"], ["Night course", "29/03/2026 02:30", "10", "Bo B"]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", _csv(tmp_path / "b.csv", rows), dry_run=True)
    assert err.value.report.bad_rows == [
        "Row 2: Session start: 01:30 on 29/03/2026 does not exist in the UK: the clocks go forward from 01:00 "
        "to 02:00 that night."]
    assert cs.list_sessions(db) == []
    del rows[0]
    assert run_import(db, "bookings", _csv(tmp_path / "b.csv", rows)).added == 1
    assert [s.starts_at for s in cs.list_sessions(db)] == [datetime(2026, 3, 29, 2, 30)]
