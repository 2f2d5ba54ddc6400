"""An output already being written when the officer opens another file, closes the meeting or
restores a backup: the page that asked for it goes (the tabs are built again), but the output
still reads its file by its path and is saved, with its usual "Saved" notice. A restore, which
replaces the very file the output reads, asks first: wait for it, stop it, or stay."""

from __future__ import annotations

import threading
from datetime import datetime

import openpyxl
import pytest
import shiboken6
from PySide6.QtWidgets import QInputDialog, QMessageBox

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.jobs import child
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.outputs import OutputProcess, write_output
from tests.meetings_world import build_world, meeting
from tests.ui.helpers import click_button, saved_box, start_window, when_modal


@pytest.fixture
def held_output(monkeypatch):
    """Outputs wait, saying how far they have got, until the test lets them go on (a long output
    still being written); then the program's own job reads the file and writes the output."""
    gate = threading.Event()
    real = child.run

    def held(db_path, kind, name, out, options, queue, mark=""):
        while not gate.wait(0.02):
            queue.put(("progress", 0, 0, "Writing"))  # where a stopped output ends
        real(db_path, kind, name, out, options, queue, mark)

    monkeypatch.setattr(child, "run", held)
    yield gate
    gate.set()


@pytest.fixture
def warnings(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: said.append(a[2])))
    monkeypatch.setattr("bscp_desktop.ui.common.outputs.show_error", lambda *a: said.append(str(a[2])))
    return said


def _people(path) -> list[str]:
    return [c.value for c in openpyxl.load_workbook(path)["People"]["A"]]


def _gone(widget) -> bool:
    return not shiboken6.isValid(widget)


@pytest.mark.slow
def test_a_workbook_being_written_is_saved_after_another_file_is_opened(
        qtbot, db, tmp_path, held_output, warnings):
    ms.create_person(db, ms.PersonFields("Żaneta Old-File"))
    window = start_window(qtbot, db)
    tab = window.tab("Memberships")
    out = tmp_path / "Members.xlsx"
    write_output(tab, window.db, "Memberships workbook", out, "xlsx", "memberships")
    assert window.switch_to(tmp_path / "other.sqlite3", create=True)
    qtbot.waitUntil(lambda: _gone(tab), timeout=5000)  # the page that asked is gone
    held_output.set()
    qtbot.waitUntil(lambda: saved_box() is not None, timeout=30000)
    assert "Żaneta Old-File" in _people(out)  # read from the file open when it was asked for
    assert window.statusBar().currentMessage() == f"Saved {out}"
    assert warnings == [] and not OutputProcess._running
    window.close()


@pytest.mark.slow
def test_minutes_being_written_are_saved_after_the_meeting_is_closed(
        qtbot, db, tmp_path, held_output, warnings, monkeypatch):
    world = build_world(db)
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    window = start_window(qtbot, db)
    tab = window.tab("Meetings")
    window.tabs.setCurrentWidget(tab)
    workspace = tab.open_meeting(m.id)
    qtbot.waitUntil(lambda: workspace.data is not None and workspace.toolbar.isEnabled(), timeout=5000)
    out = tmp_path / "Minutes.pdf"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "PDF document (*.pdf)")))
    workspace.minutes_pdf.trigger()
    tab.close_meeting()
    qtbot.waitUntil(lambda: _gone(workspace), timeout=5000)
    held_output.set()
    qtbot.waitUntil(lambda: saved_box() is not None, timeout=30000)
    assert out.read_bytes().startswith(b"%PDF")
    assert warnings == []
    window.close()


def _restore_the_newest_backup(monkeypatch) -> None:
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][0], True)))
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.confirm", lambda *a: True)


@pytest.mark.slow
def test_a_restore_asks_first_and_waits_for_the_output_reading_the_file_it_replaces(
        qtbot, db, tmp_path, held_output, warnings, monkeypatch):
    window = start_window(qtbot, db)
    window.backup_now()
    ms.create_person(db, ms.PersonFields("Added after the backup"))
    out = tmp_path / "Members.xlsx"
    write_output(window.tab("Memberships"), window.db, "Memberships workbook", out, "xlsx", "memberships")
    _restore_the_newest_backup(monkeypatch)
    asked: list[str] = []

    when_modal(click_button("Stay", asked), "An output is still being written")
    window.restore_backup()
    assert asked == [f"{out.name} is still being written from {db.path.name}, which the restore replaces. "
                     "Wait for it to be saved, or stop it (nothing is saved), then restore?"]
    assert window.db is db and OutputProcess._running  # nothing restored; the output goes on

    def wait(box) -> None:
        held_output.set()  # the output goes on while the officer waits
        click_button("Wait, then restore", asked)(box)

    when_modal(wait, "An output is still being written")
    window.restore_backup()
    assert len(asked) == 2
    assert "Added after the backup" in _people(out)  # read whole before the file was replaced
    assert window.statusBar().currentMessage().startswith("Restored.")
    assert "Added after the backup" not in [p.name for p in ms.list_people(window.db)]
    qtbot.waitUntil(lambda: saved_box() is not None, timeout=5000)
    assert warnings == []
    window.close()


@pytest.mark.slow
def test_a_restore_can_stop_the_output_first(qtbot, db, tmp_path, held_output, warnings, monkeypatch):
    window = start_window(qtbot, db)
    window.backup_now()
    out = tmp_path / "Members.xlsx"
    task = write_output(window.tab("Memberships"), window.db, "Memberships workbook", out, "xlsx", "memberships")
    qtbot.waitUntil(lambda: task.process is not None, timeout=5000)
    _restore_the_newest_backup(monkeypatch)
    when_modal(click_button("Stop, then restore"), "An output is still being written")
    window.restore_backup()
    assert task.child.gone.is_set() and not task.process.is_alive()  # stopped before the file was replaced
    assert window.statusBar().currentMessage().startswith("Restored.")
    assert not out.exists() and list(tmp_path.glob("*.tmp")) == [] and saved_box() is None
    assert warnings == []
    window.close()


@pytest.mark.slow
def test_the_saved_notice_stays_when_another_file_is_opened_after_it_shows(qtbot, db, tmp_path, warnings):
    window = start_window(qtbot, db)
    tab = window.tab("Memberships")
    out = tmp_path / "Members.xlsx"
    write_output(tab, window.db, "Memberships workbook", out, "xlsx", "memberships")
    qtbot.waitUntil(lambda: saved_box() is not None, timeout=30000)
    box = saved_box()
    assert box.parentWidget() is window  # over the window, not inside the page that asked
    assert window.switch_to(tmp_path / "other.sqlite3", create=True)
    qtbot.waitUntil(lambda: _gone(tab), timeout=5000)  # the page that asked is gone
    assert not _gone(box) and box.isVisible()  # Open, Print and Show in folder still there to press
    assert warnings == []
    window.close()
