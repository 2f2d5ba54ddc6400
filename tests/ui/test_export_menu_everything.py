"""File > Export offers every output the registry declares, the shared ones (no area's: the
change history, everything in one workbook, partner engagement) with the rest: "Everything in
one workbook…" was declared but never offered in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from bscp_desktop import jobs
from bscp_desktop.services import memberships as ms
from tests.ui.helpers import saved_box, start_window

#: Jobs about one record chosen first that File > Export leaves to their own page: a meeting's
#: papers and calendar file (the Meetings tab), a yearly report (Reports > Yearly report) and a
#: partner's workbook (Reports > Partner engagement).
OFFERED_BY_THEIR_PAGE = {"minutes", "agenda", "ics", "yearly", "partner"}


def _every_job() -> list[jobs.Job]:
    jobs.load_all()
    return [*jobs.XLSX_AREAS.values(), *jobs.REPORTS.values()]


def _export_entries(window) -> list[str]:
    window.export_menu.aboutToShow.emit()  # File > Export opened, as by a user
    return [a.text() for a in window.export_menu.actions() if not a.isSeparator()]


@pytest.fixture
def window(qtbot, db):
    return start_window(qtbot, db)


def test_file_export_offers_every_declared_output_once(window):
    entries = _export_entries(window)
    shared = [job for job in _every_job() if job.area is None]
    assert {"history", "all"} <= {job.name for job in shared}
    missing, twice = [], []
    for job in _every_job():
        for output in job.outputs:
            count = entries.count(output.menu)
            if count == 0 and job.name not in OFFERED_BY_THEIR_PAGE:
                missing.append(f"{job.name}: {output.menu}")
            if count > 1:
                twice.append(output.menu)
    assert missing == [] and twice == []
    declared = {output.menu for job in _every_job() for output in job.outputs}
    assert set(entries) <= declared  # nothing offered that the registry does not declare
    assert entries.count("Everything in one workbook…") == 1
    assert entries.count("Change history workbook…") == 1


def test_every_job_the_menu_leaves_out_needs_a_record_chosen_first(window):
    """A new job without a page of its own to offer it would be left out of the window."""
    entries = set(_export_entries(window))
    left_out = {job.name for job in _every_job() if not {o.menu for o in job.outputs} & entries}
    assert left_out == OFFERED_BY_THEIR_PAGE
    assert all(jobs.find("report", name).needs for name in left_out)


@pytest.mark.slow
def test_everything_in_one_workbook_is_written_from_file_export(window, qtbot, db, tmp_path, monkeypatch):
    ms.create_person(db, ms.PersonFields("Çelik", email="celik@example.org"))
    asked = []
    out = tmp_path / "everything"  # the suffix is added

    def save_file_name(parent, title, start, file_filter, *args, **kwargs):
        asked.append((title, Path(start).name, file_filter))
        return str(out), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_file_name))
    _export_entries(window)
    action = next(a for a in window.export_menu.actions() if a.text() == "Everything in one workbook…")
    action.trigger()
    qtbot.waitUntil(lambda: "Saved" in window.statusBar().currentMessage(), timeout=120_000)
    assert asked == [("Everything in one workbook", "All records.xlsx", "Excel workbook (*.xlsx)")]
    box = saved_box()
    assert box is not None and "OFFICIAL-SENSITIVE" in box.informativeText()  # it holds the change history
    box.close()
    book = load_workbook(out.with_suffix(".xlsx"))
    assert {"People", "Change history", "Meeting actions", "Case review actions"} <= set(book.sheetnames)
    assert book.properties.keywords == "OFFICIAL-SENSITIVE"
    assert any("Çelik" in str(v) for row in book["People"].iter_rows(values_only=True) for v in row)
