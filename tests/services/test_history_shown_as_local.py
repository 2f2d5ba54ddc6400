"""A moment the program records in UTC (when a record was archived) is shown in this computer's
local time wherever the change history shows it, as the When column shows the moment of the
change: in the change log, its workbook and the change history workbook."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

import bscp_desktop.db.history as db_history
from bscp_desktop import jobs
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.history_values import value_text
from bscp_desktop.services.memberships import leaving
from bscp_desktop.ui.common.history import cells

SUMMER_EVENING = datetime(2026, 7, 14, 22, 30)  # UTC: 23:30 British Summer Time


@pytest.mark.slow
def test_a_moment_recorded_in_utc_is_shown_as_the_clock_here_showed_it(london_clock):
    assert value_text("2026-07-14 22:30:00", "person", "archived_at") == "14/07/2026 23:30"
    assert value_text("2026-01-14 22:30:00", "person", "archived_at") == "14/01/2026 22:30"  # winter: the same
    assert value_text("2026-07-14 23:30:00", "yearly_report_section", "built_at") == "15/07/2026 00:30"
    # a meeting's start is kept as the clock showed it: shown as stored
    assert value_text("2026-07-14 10:00:00", "meeting", "starts_at") == "14/07/2026 10:00"


@pytest.mark.slow
def test_an_archive_is_shown_at_the_time_of_the_change_everywhere(db, london_clock, monkeypatch, tmp_path):
    monkeypatch.setattr(db_history, "utcnow", lambda: SUMMER_EVENING)
    monkeypatch.setattr(leaving, "utcnow", lambda: SUMMER_EVENING)
    person = ms.create_person(db, ms.PersonFields("Jane Smith"))
    ms.archive_person(db, person.id)
    [archived] = [c for c in hs.change_page(db, hs.ChangeQuery()).rows if c.action == "archive"]
    assert cells(archived)[0] == cells(archived)[7] == "14/07/2026 23:30"

    log = jobs.write_report(db, "change-log", tmp_path / "log.xlsx")
    history = jobs.export_workbook(db, "history", tmp_path / "history.xlsx")
    for path, sheet in ((log, "Change log"), (history, "Change history")):
        rows = list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))
        [row] = [r for r in rows[1:] if r[4] == "Archived"]
        assert row[0] == datetime(2026, 7, 14, 23, 30) and row[7] == "14/07/2026 23:30"
