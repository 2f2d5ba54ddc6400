"""Acceptance: a narrative section of the yearly report typed in the window survives SIGKILL
2 seconds after the last keystroke, like the minutes."""

from __future__ import annotations

import signal
from datetime import date
from pathlib import Path

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.yearly_report import plain_text
from bscp_desktop.services import yearly_report as yr
from tests.ui.helpers import kill_after_typing

ROOT = Path(__file__).resolve().parents[2]
TEXT = "The Forum reviewed Working Together 2023 & the <new> arrangements. Żółć, Ναι, 王芳, नमस्ते (100% agreed!)"


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_section_typed_survives_a_kill_two_seconds_after_typing(db_path):
    db = Database.open(db_path)
    report = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", date(2023, 4, 1), date(2024, 3, 31)))
    db.close()  # the app subprocess takes the lock

    assert kill_after_typing(["tests.ui.typing_helper", "yearly", str(db_path), str(report.id), "impact", TEXT], ROOT) == -signal.SIGKILL

    db = Database.open(db_path)
    try:
        assert plain_text(yr.get_report(db, report.id).section("impact").text) == TEXT
    finally:
        db.close()
