"""On a team database an output is written in a thread of the program, not in a child process.
Quitting (closing the window, File > Quit) while one is still being written asks first, as for
an output written in a child process: wait for it to be saved, then quit (the window painting
meanwhile); stop it (nothing is saved, no half-written or temporary file is left), then quit; or
stay, the output going on. An output whose window goes while it is written is stopped and no
longer listed once its thread has let go of the file, as is one still written as the program
ends."""

from __future__ import annotations

import threading

import openpyxl
import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QWidget

from bscp_desktop.jobs import child
from bscp_desktop.reports.files import atomic_write, temporaries
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common import outputs, worker
from bscp_desktop.ui.common.output_thread import OutputThread
from bscp_desktop.ui.common.outputs import XLSX, outputs_writing, write_output
from bscp_desktop.ui.common.worker import BackgroundTask
from tests.ui.helpers import click_button, saved_box, start_window, when_modal
from tests.ui.test_two_outputs_to_the_same_file_on_a_team_database import _WithoutAFile, held  # noqa: F401 - a fixture

TITLE = "An output is still being written"


@pytest.fixture
def half_written(qtbot, monkeypatch):
    """Outputs written in a thread stop half-way through writing their file (its temporary file
    beside it, half of it written), saying how far they have got, until the test lets them go on.
    `half_written.started` lists the files whose writing began, `half_written.ended` those whose
    job has ended, however (its thread has let go of the file)."""
    gate = threading.Event()
    gate.started, gate.ended = [], []

    def run_job(db, kind, name, out, options, progress):
        def write(handle) -> None:
            handle.write(b"the first half")
            gate.started.append(out)
            while not gate.wait(0.02):
                progress(1, 2, "Writing")
            handle.write(b" and the second")

        try:
            return atomic_write(out, write)
        finally:
            gate.ended.append(out)

    monkeypatch.setattr(child, "run_job", run_job)
    yield gate
    gate.set()
    qtbot.waitUntil(lambda: not BackgroundTask._running, timeout=60_000)


@pytest.fixture
def errors(monkeypatch):
    """What the officer is told went wrong."""
    said: list[str] = []
    monkeypatch.setattr(outputs, "show_error", lambda parent, title, text: said.append(f"{title}: {text}"))
    return said


def _quit_action(window):
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text().replace("&", "") == "Quit")


def _people(path) -> list:
    return [cell.value for cell in openpyxl.load_workbook(path)["People"]["A"]]


def _stopped_leaving_nothing(task: OutputThread, half_written, out, folder) -> None:
    """The output was stopped half-way, its thread has let go of the file, it is no longer
    listed, and nothing of it is left: neither the file asked for nor its temporary file."""
    assert half_written.ended == [out] and not half_written.is_set()  # ended without being let go on
    assert task.finished and task not in OutputThread._running and outputs_writing(out) == []
    assert not out.exists() and temporaries(out) == [] and list(folder.iterdir()) == []


@pytest.mark.slow  # a window and an output
def test_quitting_while_an_output_is_written_in_a_thread_asks_and_stay_keeps_both_then_wait_saves_it_first(
        qtbot, db, tmp_path, held, errors):  # noqa: F811 - held: a fixture
    ms.create_person(db, ms.PersonFields("Written Before Quitting"))
    window = start_window(qtbot, db)
    folder = tmp_path / "outputs"
    folder.mkdir()
    out = folder / "Members.xlsx"
    write_output(window.tab("Memberships"), _WithoutAFile(window.db), "Memberships workbook", out, "xlsx",
                 "memberships")
    qtbot.waitUntil(lambda: held.started == [out], timeout=30_000)
    (task,) = outputs_writing(out)
    asked: list[str] = []

    when_modal(click_button("Stay", asked), TITLE)
    _quit_action(window).trigger()
    assert asked == [f"{out.name} is still being written: wait for it to be saved, or stop it (nothing is saved)?"]
    assert window.isVisible() and not task.finished and outputs_writing(out) == [task]  # it goes on

    def wait(box) -> None:
        # let go only by the window's own timer: it runs only if the window keeps working while it waits
        QTimer.singleShot(300, held.set)
        click_button("Wait, then quit", asked)(box)

    when_modal(wait, TITLE)
    window.close()
    assert len(asked) == 2 and not window.isVisible()
    assert task.finished and outputs_writing(out) == [] and not OutputThread._running
    assert "Written Before Quitting" in _people(out)  # saved whole before the window went
    assert "Saved" in window.statusBar().currentMessage() and errors == []
    saved_box().close()
    assert sorted(p.name for p in folder.iterdir()) == ["Members.xlsx"]


@pytest.mark.slow  # a window and an output
def test_quitting_can_stop_an_output_written_in_a_thread_leaving_no_half_written_file(
        qtbot, db, tmp_path, half_written, errors):
    window = start_window(qtbot, db)
    folder = tmp_path / "outputs"
    folder.mkdir()
    out = folder / "Members.xlsx"
    write_output(window.tab("Memberships"), _WithoutAFile(window.db), "Memberships workbook", out, "xlsx",
                 "memberships")
    qtbot.waitUntil(lambda: half_written.started == [out], timeout=30_000)
    (task,) = outputs_writing(out)
    assert len(temporaries(out)) == 1  # half of it written, beside the file asked for
    asked: list[str] = []

    when_modal(click_button("Stop, then quit", asked), TITLE)
    window.close()
    assert asked == [f"{out.name} is still being written: wait for it to be saved, or stop it (nothing is saved)?"]
    assert not window.isVisible()
    _stopped_leaving_nothing(task, half_written, out, folder)  # its thread ended before the window went
    qtbot.waitUntil(lambda: not BackgroundTask._running, timeout=30_000)
    assert errors == []  # stopped as asked: nothing said as going wrong


def test_an_output_written_in_a_thread_whose_window_goes_is_stopped_and_no_longer_listed(
        qtbot, db, tmp_path, half_written, errors):
    window = QWidget()
    folder = tmp_path / "outputs"
    folder.mkdir()
    out = folder / "Members.xlsx"
    write_output(window, _WithoutAFile(db), "Memberships workbook", out, "xlsx", "memberships")
    qtbot.waitUntil(lambda: half_written.started == [out], timeout=30_000)
    (task,) = outputs_writing(out)

    shiboken6.delete(window)  # its window gone while it writes
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    _stopped_leaving_nothing(task, half_written, out, folder)
    assert errors == []


def test_an_output_written_in_a_thread_still_running_as_the_program_ends_is_stopped(
        qtbot, db, tmp_path, half_written, errors):
    folder = tmp_path / "outputs"
    folder.mkdir()
    out = folder / "Members.xlsx"
    write_output(None, _WithoutAFile(db), "Memberships workbook", out, "xlsx", "memberships")
    qtbot.waitUntil(lambda: half_written.started == [out], timeout=30_000)
    (task,) = outputs_writing(out)

    outputs._stop_outputs_at_exit()  # as the program ends, before it waits for its threads
    worker.wait_for_workers(timeout_ms=10_000)
    assert half_written.ended == [out]  # its thread ended at once, not after the program's wait
    _stopped_leaving_nothing(task, half_written, out, folder)


def test_stopping_an_output_in_a_thread_before_its_job_began_writes_nothing(qtbot, tmp_path, errors):
    out = tmp_path / "Members.xlsx"
    ran: list = []
    task = OutputThread(out, "Memberships workbook")
    task.cancel()  # stopped at once: not yet started, nothing to wait for
    task.start(None, "Writing", lambda progress: ran.append(progress), on_done=ran.append, on_error=ran.append)
    qtbot.waitUntil(lambda: task.finished, timeout=30_000)
    qtbot.waitUntil(lambda: not BackgroundTask._running, timeout=30_000)
    assert ran == [] and task.gone.is_set() and outputs_writing(out) == [] and not out.exists()


@pytest.mark.slow  # a team database, a window and an output
def test_quitting_on_a_team_database_asks_and_stop_ends_the_export_with_nothing_saved(
        qtbot, pg_db, tmp_path, half_written, errors, monkeypatch):
    window = start_window(qtbot, pg_db)
    folder = tmp_path / "outputs"
    folder.mkdir()
    out = folder / "same.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), XLSX)))
    window.export_menu.aboutToShow.emit()  # File > Export opened, as by a user
    next(a for a in window.export_menu.actions() if a.text() == "Memberships workbook…").trigger()
    qtbot.waitUntil(lambda: half_written.started == [out], timeout=30_000)  # written in a thread of the program
    (task,) = outputs_writing(out)
    assert isinstance(task, OutputThread)
    asked: list[str] = []

    when_modal(click_button("Stop, then quit", asked), TITLE)
    window.close()
    assert asked == [f"{out.name} is still being written: wait for it to be saved, or stop it (nothing is saved)?"]
    assert not window.isVisible()
    _stopped_leaving_nothing(task, half_written, out, folder)
    qtbot.waitUntil(lambda: not BackgroundTask._running, timeout=30_000)
    assert errors == []
