"""A session's start as LMS exports write it: with a fraction of seconds it reads as without
("2024-03-12 09:30:00.000" is 09:30, as Booked on on the same row is read); a start that gives
its own time and a time column that says another is a bad row naming both, not a session at
either time."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from bscp_desktop.domain.dates import parse_datetime_as_typed, parse_time_as_typed
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services.training import courses as cs


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("text", ["2024-03-12 09:30:00.000", "2024-03-12T09:30:00.123456", "12/03/2024 09:30:00.5"])
def test_a_fraction_of_seconds_reads_as_the_time_without_it(text):
    assert parse_datetime_as_typed(text) == datetime(2024, 3, 12, 9, 30)


def test_a_fraction_needs_the_seconds_before_it():
    assert parse_time_as_typed("09:30:00.000") == parse_time_as_typed("09:30")
    for text in ("9:30.000", "9:30:00.", "9.30.5"):
        with pytest.raises(ValueError, match="is not a time"):
            parse_time_as_typed(text)


def test_a_session_start_with_a_fraction_of_seconds_is_imported(db, tmp_path):
    header = ["Course", "Session start", "Capacity", "Delegate", "Booked on", "Outcome"]
    rows = [["Stamp course", "2024-03-12 09:30:00.000", "10", "Ann A", "2024-03-01 10:22:31.000", "Attended"]]
    assert run_import(db, "bookings", _csv(tmp_path / "b.csv", header, rows)).added == 1
    assert [s.starts_at for s in cs.list_sessions(db)] == [datetime(2024, 3, 12, 9, 30)]


def test_a_start_time_that_contradicts_the_start_is_a_bad_row_naming_both(db, tmp_path):
    header = ["Course", "Session date", "Start time", "Capacity", "Delegate"]
    rows = [["Time course", "01/03/2024", "9:30", "10", "Ann A"],  # the time from its own column
            ["Time course", "01/03/2024 09:30", "9:30", "10", "Bo B"],  # the same time in both
            ["Time course", "01/03/2024 10:00", "9:30", "10", "Cy C"]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", _csv(tmp_path / "b.csv", header, rows), dry_run=True)
    assert err.value.report.bad_rows == [
        "Row 4: Session start: '01/03/2024 10:00' gives 10:00 but Session time gives '9:30': give the session's "
        "time in one of them, or the same time in both."]
    assert cs.list_sessions(db) == []
    del rows[2]
    assert run_import(db, "bookings", _csv(tmp_path / "b.csv", header, rows)).added == 2
    assert [s.starts_at for s in cs.list_sessions(db)] == [datetime(2024, 3, 1, 9, 30)]
