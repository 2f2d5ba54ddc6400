"""Leaving a database (File > Open, Open recent, New, or closing the window) while an import
still writes to it: the officer is asked to wait for it or to stay; the database is closed,
and its one-window lock let go, only once the import has ended, whose summary is shown."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from bscp_desktop.ui.common import file_import
from bscp_desktop.ui.common.file_import import FileImporter
from tests.ui.helpers import click_button, start_window, when_modal


def _people_file(path: Path) -> Path:
    path.write_text("Name,Job title,Organisation,Email,Phone,Notes\n"
                    "Imported Person One,Officer,,one@example.org,,\n"
                    "Imported Person Two,Officer,,two@example.org,,\n", encoding="utf-8")
    return path


@pytest.fixture
def held_import(monkeypatch):
    """Imports wait until the test lets them go on (as a long import would still be running)."""
    gate = threading.Event()
    real = file_import._run_import

    def held(*args, **kwargs):
        gate.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(file_import, "_run_import", held)
    yield gate
    gate.set()


@pytest.mark.slow
def test_leaving_while_an_import_runs_asks_to_wait_or_stay_and_closes_the_file_only_once_it_has_ended(
    qtbot, demo_db, demo_file, tmp_path, held_import
):
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(demo_file, other)
    window = start_window(qtbot, demo_db)
    page = window.tab("Memberships").sections.show_page("people")
    importer = FileImporter(demo_db, page, "people", "Import people", check_first=False)
    importer.import_file(_people_file(tmp_path / "people.csv"))
    assert importer.working and importer.task.dialog.isModal()  # its progress shows over the window

    asked: list[str] = []
    when_modal(click_button("Stay", asked), "Still saving")
    assert window.switch_to(other, create=False) is False
    assert window.db is demo_db and importer.working
    assert "The import of people.csv is still under way in demo.sqlite3" in asked[0]

    when_modal(click_button("Stay", asked), "Still saving")
    window.close()  # closing the window asks the same
    assert len(asked) == 2 and window.isVisible()

    closed_while_importing: list[bool] = []
    close = demo_db.close
    demo_db.close = lambda: (closed_while_importing.append(importer.working), close())[1]
    summaries: list[str] = []

    def wait(box) -> None:
        held_import.set()  # the import goes on while the officer waits
        click_button("Wait, then go on", asked)(box)

    when_modal(wait, "Still saving")
    when_modal(lambda dialog: (summaries.append(dialog.summary.text()), dialog.accept()), "Import people")
    assert window.switch_to(other, create=False) is True
    assert len(asked) == 3
    assert summaries and "2 added" in summaries[0]  # the import's summary, read before the switch
    assert closed_while_importing == [False]  # the file, and its lock, kept until the import ended
    assert window.db.path == other
    window.close()


@pytest.mark.slow  # a window
def test_a_background_job_named_as_writing_is_waited_for_and_a_read_is_not(qtbot, demo_db):
    """Taking a meeting offline, bringing it back and refreshing the yearly report's sections are
    run with `writes=` as an import is: the window knows of them before it leaves the database."""
    from bscp_desktop.ui.common.worker import run_in_background

    window = start_window(qtbot, demo_db)
    gate = threading.Event()
    task = run_in_background(window, "Refreshing the built sections", lambda _progress: gate.wait(60),
                             writes="Refreshing the yearly report's built sections")
    assert [t.writes for t in window.running_writes()] == ["Refreshing the yearly report's built sections"]
    reading = run_in_background(window, "Reading", lambda _progress: gate.wait(60))  # only reads: not waited for
    assert reading not in window.running_writes()
    gate.set()
    qtbot.waitUntil(lambda: task.ended and reading.ended, timeout=10000)
    assert window.running_writes() == []
