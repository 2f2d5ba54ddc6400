"""Outputs are written by a child process that only reads the database."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.jobs import child
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common import outputs
from bscp_desktop.ui.common.outputs import OutputProcess, safe_file_name, write_output
from tests.outputs_in_process import ThreadProcess


def test_reader_cannot_write(db, db_path):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    with Database.open_reader(db_path) as reader:
        assert [o.name for o in ms.list_organisations(reader)] == ["Brent Council"]
        with pytest.raises(OperationalError), reader.unit_of_work() as s:
            s.execute(text("DELETE FROM organisation"))
    assert len(ms.list_organisations(db)) == 1


@pytest.mark.slow
def test_reader_refuses_an_old_schema(tmp_path):
    path = tmp_path / "old.sqlite3"
    Database.open(path).close()
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="schema"):
        Database.open_reader(path)


#: How long a test waits for an output's own process to write: it runs behind every other
#: program (`child.NICENESS`), and on a busy 2-core machine took up to a minute to write a
#: workbook of one person. Well inside a test's own time limit, so a wait too long fails here.
CHILD_WRITES_MS = 240_000


@pytest.mark.child_process
def test_workbook_written_in_another_process_while_the_window_holds_the_database(qtbot, db, tmp_path, monkeypatch):
    problems = []  # said in a box no one would close: the test would wait until its time ran out
    monkeypatch.setattr(outputs, "show_error", lambda parent, title, problem: problems.append(problem))
    ms.create_person(db, ms.PersonFields("Żółć Nguyễn", email="z@example.org"))
    out = tmp_path / "members.xlsx"
    saved = []
    task = write_output(None, db, "Memberships workbook", out, "xlsx", "memberships", on_saved=saved.append)
    assert isinstance(task, OutputProcess)
    qtbot.waitUntil(lambda: bool(saved or problems), timeout=CHILD_WRITES_MS)
    assert problems == [] and saved == [out]
    sheet = openpyxl.load_workbook(out)["People"]
    assert "Żółć Nguyễn" in [c.value for c in sheet["A"]]


def test_failure_is_reported_as_a_sentence(qtbot, db, tmp_path, monkeypatch):
    problems = []
    monkeypatch.setattr("bscp_desktop.ui.common.outputs.show_error", lambda parent, title, p: problems.append(p))
    task = write_output(None, db, "x", tmp_path / "x.pdf", "report", "no-such-report")
    qtbot.waitUntil(lambda: bool(problems), timeout=60000)
    assert "no report called 'no-such-report'" in problems[0]
    assert task.finished


def test_a_disk_full_is_said_in_one_sentence_naming_the_folder_and_the_file(qtbot, db, tmp_path, monkeypatch):
    """The window said "[Errno 28] No space left on device", naming nothing."""
    import errno
    import io
    import os

    class NoRoom(io.FileIO):  # the disk fills up after 2,000 bytes of the output
        def write(self, data) -> int:
            if self.tell() + len(data) > 2000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().write(data)

    monkeypatch.setattr(os, "fdopen", lambda fd, mode="r", *a, **k: io.BufferedWriter(NoRoom(fd, "wb")))
    problems = []
    monkeypatch.setattr("bscp_desktop.ui.common.outputs.show_error", lambda parent, title, p: problems.append(p))
    out = tmp_path / "Outputs" / "members.xlsx"
    out.parent.mkdir()
    write_output(None, db, "Memberships workbook", out, "xlsx", "memberships")
    qtbot.waitUntil(lambda: bool(problems), timeout=60000)
    assert problems == [f"The folder {out.parent} is full (no space is left on its disk), so members.xlsx could not be "
                        "written there; free some space on its disk and try again (nothing was changed)."]
    assert list(out.parent.iterdir()) == []
    assert "is full (no space is left on its disk)" in child.sentence(OSError(errno.ENOSPC, "No space left on device"))


@pytest.mark.child_process
def test_cancel_stops_the_process(qtbot, db, tmp_path):
    task = OutputProcess(None, "x", db.path, "xlsx", "memberships", tmp_path / "x.xlsx", show_progress=False)
    task.start()
    qtbot.waitUntil(lambda: task.process is not None, timeout=60000)
    task.cancel()
    assert task.finished and task not in OutputProcess._running
    qtbot.waitUntil(lambda: not task.process.is_alive(), timeout=20000)


def _writes_until_stopped(*args):
    """In the output's own process: the program's `child.run`, with a job that writes part of
    its file, says so, and goes on writing until it is stopped."""
    from bscp_desktop.reports.files import atomic_write

    def run_job(db, kind, name, out, options, progress):
        def write(handle):
            handle.write(b"part of a workbook")
            handle.flush()
            progress(1, 2, "Writing")
            time.sleep(120)

        return atomic_write(out, write)

    child.run_job = run_job
    child.run(*args)


@pytest.mark.child_process
@pytest.mark.parametrize("how", ["cancelled", "window closed", "program ended"])
def test_an_output_stopped_part_way_leaves_no_temporary_file(qtbot, db, tmp_path, monkeypatch, how):
    """Cancelling an export left ".~Change history.xlsx.afzoq48i.tmp" in the chosen folder: its
    process was ended before it could remove the file (as Windows always ends one)."""
    from PySide6.QtWidgets import QPushButton, QWidget

    monkeypatch.setattr(child, "run", _writes_until_stopped)
    folder = tmp_path / "Exports"
    folder.mkdir()
    out = folder / "Change history.xlsx"
    out.write_bytes(b"the earlier workbook")
    window = QWidget()
    task = OutputProcess(window, "Writing…", db.path, "xlsx", "history", out)
    its_process = task.child
    task.start()
    qtbot.waitUntil(lambda: len(list(folder.iterdir())) == 2, timeout=CHILD_WRITES_MS)  # part-way through
    if how == "cancelled":
        task.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel
    elif how == "window closed":
        window.deleteLater()
    else:
        outputs._stop_outputs_at_exit()
        assert [p.name for p in folder.iterdir()] == [out.name]
    qtbot.waitUntil(lambda: not its_process.process.is_alive(), timeout=20000)
    assert its_process.process.exitcode != 0  # stopped, not ended by itself
    qtbot.waitUntil(lambda: [p.name for p in folder.iterdir()] == [out.name], timeout=20000)
    assert out.read_bytes() == b"the earlier workbook"
    if how != "window closed":
        task.cancel()
        window.deleteLater()


def test_a_saved_export_folder_the_computer_cannot_use_gives_the_default_one(monkeypatch, tmp_path):
    """A saved folder name too long for the file system raised OSError, so no export could start."""
    for saved in ("C:/" + "x" * 5000, str(tmp_path / ("y" * 300)), "a\0b", str(tmp_path / "gone")):
        monkeypatch.setattr(outputs, "recalled", lambda key, saved=saved: saved)
        assert outputs.export_folder() != saved and Path(outputs.export_folder()).is_dir()
    monkeypatch.setattr(outputs, "recalled", lambda key: str(tmp_path))
    assert outputs.export_folder() == str(tmp_path)


def _joined_on(monkeypatch) -> list[str]:
    """The names of the threads that start an output's process ("start ...") or wait for it to
    end ("join ...")."""
    threads: list[str] = []
    join, start = ThreadProcess.join, ThreadProcess.start

    def recorded_join(self, timeout=None):
        threads.append(f"join {threading.current_thread().name}")
        join(self, timeout)

    def recorded_start(self):
        threads.append(f"start {threading.current_thread().name}")
        start(self)

    monkeypatch.setattr(ThreadProcess, "join", recorded_join)
    monkeypatch.setattr(ThreadProcess, "start", recorded_start)
    return threads


def _on_the_window_thread(threads: list[str]) -> list[str]:
    return [t for t in threads if t.endswith(f" {threading.main_thread().name}")]


def test_the_window_is_told_at_once_and_never_waits_for_the_process_to_end(qtbot, db, tmp_path, monkeypatch):
    """After its last message an output's process still shuts down (its database, Python):
    the window reports the file at once and another thread waits for the end."""
    ending = threading.Event()

    def run(db_path, kind, name, out, options, queue, mark=""):
        Path(out).write_text("written")
        queue.put(("done", out))
        ending.wait(30)  # still shutting down

    monkeypatch.setattr(child, "run", run)
    joined = _joined_on(monkeypatch)
    saved = []
    task = OutputProcess(None, "x", db.path, "report", "any", tmp_path / "x.pdf", show_progress=False)
    task.done.connect(saved.append)
    task.start()
    qtbot.waitUntil(lambda: bool(saved), timeout=20000)
    assert saved == [tmp_path / "x.pdf"] and task not in OutputProcess._running
    assert task.process.is_alive()  # told while the process was still ending
    ending.set()
    qtbot.waitUntil(lambda: not task.process.is_alive(), timeout=20000)
    assert any(t.startswith("join") for t in joined) and not _on_the_window_thread(joined)


def test_cancel_does_not_wait_for_the_process_to_end(qtbot, db, tmp_path, monkeypatch):
    stopping = threading.Event()

    def run(db_path, kind, name, out, options, queue, mark=""):
        queue.put(("progress", 1, 10, "Writing"))
        stopping.wait(30)

    monkeypatch.setattr(child, "run", run)
    joined = _joined_on(monkeypatch)
    task = OutputProcess(None, "x", db.path, "report", "any", tmp_path / "x.pdf", show_progress=False)
    task.start()
    qtbot.waitUntil(lambda: task.process is not None, timeout=20000)
    task.cancel()
    assert task.finished and task not in OutputProcess._running
    stopping.set()
    qtbot.waitUntil(lambda: not task.process.is_alive(), timeout=20000)
    assert any(t.startswith("join") for t in joined) and not _on_the_window_thread(joined)


def test_an_output_cancelled_while_its_process_starts_is_stopped(qtbot, db, tmp_path, monkeypatch):
    from tests import outputs_in_process

    starting = threading.Event()

    class SlowToStart(ThreadProcess):
        def start(self):
            starting.wait(30)
            super().start()

    def run(db_path, kind, name, out, options, queue, mark=""):
        while True:  # writes until stopped: its next message ends it
            queue.put(("progress", 0, 0, ""))
            threading.Event().wait(0.01)

    monkeypatch.setattr(child, "run", run)
    monkeypatch.setattr(outputs_in_process, "_THREADS",
                        SimpleNamespace(Queue=outputs_in_process.ThreadQueue, Process=SlowToStart))
    task = OutputProcess(None, "x", db.path, "report", "any", tmp_path / "x.pdf", show_progress=False)
    task.start()
    task.cancel()  # the window goes on at once; the process, once started, is stopped
    assert task.finished and task not in OutputProcess._running
    starting.set()
    qtbot.waitUntil(lambda: task.process is not None and not task.process.is_alive(), timeout=20000)


def test_a_process_that_cannot_start_is_reported(qtbot, db, tmp_path, monkeypatch):
    from tests import outputs_in_process

    class NoProcesses(ThreadProcess):
        def start(self):
            raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(outputs_in_process, "_THREADS",
                        SimpleNamespace(Queue=outputs_in_process.ThreadQueue, Process=NoProcesses))
    problems = []
    task = OutputProcess(None, "x", db.path, "report", "any", tmp_path / "x.pdf", show_progress=False)
    task.error.connect(problems.append)
    task.start()
    qtbot.waitUntil(lambda: bool(problems), timeout=20000)
    assert problems == ["The output could not be started: Resource temporarily unavailable."]
    assert task not in OutputProcess._running


def test_a_process_that_ends_without_a_word_is_reported_at_once(qtbot, db, tmp_path, monkeypatch):
    monkeypatch.setattr(child, "run", lambda *args: None)
    problems = []
    task = OutputProcess(None, "x", db.path, "report", "any", tmp_path / "x.pdf", show_progress=False)
    task.error.connect(problems.append)
    task.start()
    qtbot.waitUntil(lambda: bool(problems), timeout=20000)
    assert problems[0].startswith("The output stopped unexpectedly")


def test_safe_file_name():
    assert safe_file_name('Minutes: 7/11/2022 "draft"?') == "Minutes 7 11 2022 draft"
    assert safe_file_name("") == "output"


def test_an_output_about_the_chosen_record_asks_for_one_and_writes_nothing_without(qtbot, monkeypatch):
    from dataclasses import dataclass

    from PySide6.QtWidgets import QMessageBox, QWidget

    from bscp_desktop.ui.common.outputs import ask_for_selected

    @dataclass
    class Row:
        id: int
        attended: bool

    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append((title, text)))
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[Row | None] = [None]
    ask = ask_for_selected(parent, lambda: chosen[0], "Certificate", "Select someone who attended first.",
                           key="booking", fits=lambda row: row.attended)
    assert ask() is None and told == [("Certificate", "Select someone who attended first.")]
    chosen[0] = Row(7, attended=False)
    assert ask() is None and len(told) == 2
    chosen[0] = Row(7, attended=True)
    assert ask() == {"booking": 7} and len(told) == 2
    assert ask_for_selected(parent, lambda: Row(3, True), "Case summary", "Select a case.")() == {"record_id": 3}
