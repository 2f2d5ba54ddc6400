"""On a team database an output is written in a thread of the program, not in a child process
(there is no file for a child process to open). A second output to a file such an output is
still writing is refused, naming what writes it, as on a file database: both were said to be
saved, and the file held only the one that finished last. The refused output writes nothing,
and the first one's file is saved whole."""

from __future__ import annotations

import threading

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from bscp_desktop.jobs import child
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common import outputs
from bscp_desktop.ui.common.outputs import XLSX, may_write, write_output
from bscp_desktop.ui.common.worker import BackgroundTask
from tests.ui.helpers import click_button, saved_box, start_window, when_modal


class _WithoutAFile:
    """The test's file database offered as a database without a file, as a team database is:
    the window writes its outputs in a thread of the program."""

    path = None

    def __init__(self, db):
        self._db = db

    def __getattr__(self, name):
        return getattr(self._db, name)


@pytest.fixture
def held(qtbot, monkeypatch):
    """Outputs written in a thread wait, saying how far they have got, until the test lets them
    go on (a long output still being written); then the program's own job writes the output.
    `held.started` lists the files whose writing began."""
    gate = threading.Event()
    gate.started = []
    real = child.run_job

    def run_job(db, kind, name, out, options, progress):
        gate.started.append(out)
        while not gate.wait(0.02):
            progress(0, 0, "Writing")
        return real(db, kind, name, out, options, progress)

    monkeypatch.setattr(child, "run_job", run_job)
    yield gate
    gate.set()  # before the database closes: no thread is left reading it
    qtbot.waitUntil(lambda: not BackgroundTask._running, timeout=60_000)


@pytest.fixture
def said(monkeypatch):
    """What the officer is told (refusals) and asked (Replace?)."""
    told: dict[str, list] = {"errors": [], "questions": []}
    monkeypatch.setattr(outputs, "show_error", lambda parent, title, text: told["errors"].append((title, str(text))))
    monkeypatch.setattr(outputs, "confirm", lambda parent, title, text: told["questions"].append(text) or True)
    return told


def _written_first(workbook) -> list:
    return [cell.value for cell in openpyxl.load_workbook(workbook)["People"]["A"]]


@pytest.mark.slow
def test_on_a_team_database_a_second_export_to_a_file_still_being_written_is_refused_and_the_first_saved_whole(
        qtbot, pg_db, tmp_path, held, monkeypatch):
    ms.create_person(pg_db, ms.PersonFields("Written First"))
    window = start_window(qtbot, pg_db)
    out = tmp_path / "same.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), XLSX)))
    window.export_menu.aboutToShow.emit()  # File > Export opened, as by a user
    export = next(a for a in window.export_menu.actions() if a.text() == "Memberships workbook…")

    export.trigger()
    qtbot.waitUntil(lambda: held.started == [out], timeout=30_000)  # written in a thread of the program
    told: list = []
    when_modal(click_button("OK", told), "Could not save same.xlsx")
    export.trigger()  # the same output to the same file, while the first is still being written
    assert told == ["same.xlsx is still being written (Memberships workbook): wait for it to finish, "
                    "or choose another name."]
    assert held.started == [out]  # the second was never started

    held.set()
    qtbot.waitUntil(lambda: saved_box() is not None, timeout=60_000)
    assert "Saved" in window.statusBar().currentMessage()
    saved_box().close()
    assert "Written First" in _written_first(out)  # the first output's file, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.xlsx"]  # nothing half-written beside it


def test_an_output_written_in_a_thread_refuses_a_second_to_its_file_naming_it(qtbot, db, tmp_path, held, said):
    ms.create_person(db, ms.PersonFields("Written First"))
    out = tmp_path / "same.xlsx"
    saved: list = []
    write_output(None, _WithoutAFile(db), "Everything", out, "xlsx", "memberships", on_saved=saved.append)
    qtbot.waitUntil(lambda: held.started == [out], timeout=30_000)
    assert may_write(None, out, db.path, asked=True) is False
    assert said["errors"] == [("Could not save same.xlsx", "same.xlsx is still being written (Everything): "
                               "wait for it to finish, or choose another name.")]
    assert may_write(None, tmp_path / "sub" / ".." / "same.xlsx", db.path) is False  # however it is spelt
    assert may_write(None, tmp_path / "other.xlsx", db.path) is True  # another file is unaffected
    held.set()
    qtbot.waitUntil(lambda: bool(saved), timeout=30_000)
    assert saved == [out] and "Written First" in _written_first(out)


def test_once_an_output_written_in_a_thread_has_finished_its_file_may_be_written_again(
        qtbot, db, tmp_path, held, said):
    out = tmp_path / "same.xlsx"
    saved: list = []
    write_output(None, _WithoutAFile(db), "Everything", out, "xlsx", "memberships", on_saved=saved.append)
    held.set()
    qtbot.waitUntil(lambda: bool(saved), timeout=30_000)
    assert may_write(None, out, db.path) is True
    assert said == {"errors": [], "questions": [f"same.xlsx already exists in {tmp_path}. Replace it?"]}


def test_an_output_written_in_a_thread_that_failed_lets_go_of_its_file(qtbot, db, tmp_path, held, said):
    out = tmp_path / "same.pdf"
    write_output(None, _WithoutAFile(db), "A report", out, "report", "no-such-report")
    held.set()
    qtbot.waitUntil(lambda: bool(said["errors"]), timeout=30_000)  # "Could not save same.pdf": no such report
    assert may_write(None, out, db.path) is True
    assert [title for title, _ in said["errors"]] == ["Could not save same.pdf"]  # only the failure was said
    assert not out.exists()
