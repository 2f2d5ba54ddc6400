"""After saving, Open, Print and Show in folder are offered (issue: daily use, point 5), and
every output the command line writes is in the window."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from PySide6.QtWidgets import QMainWindow

from bscp_desktop import jobs
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common import saved_file
from bscp_desktop.ui.common.outputs import OutputProcess, find_action
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.meetings_world import build_world
from tests.ui.helpers import saved_box


def test_the_saved_box_opens_prints_and_shows_the_folder(qtbot, tmp_path, monkeypatch):
    done = []
    monkeypatch.setattr(saved_file, "open_file", lambda p: done.append(("open", p)))
    monkeypatch.setattr(saved_file, "print_file", lambda p: done.append(("print", p)))
    monkeypatch.setattr(saved_file, "show_in_folder", lambda p: done.append(("folder", p)))
    path = tmp_path / "Minutes.pdf"
    for button in ("open_button", "print_button", "folder_button"):
        box = saved_file.SavedFileBox(None, "Minutes PDF", path, "It is marked OFFICIAL-SENSITIVE.")
        qtbot.addWidget(box)
        box.show()
        assert box.text() == "Saved Minutes.pdf" and str(tmp_path) in box.informativeText()
        assert not box.isModal()  # the window can be used while it is open
        getattr(box, button).click()
        assert not box.isVisible()
    assert done == [("open", path), ("print", path), ("folder", path)]


def test_every_report_the_command_line_writes_is_offered_in_the_window():
    jobs.load_all()
    missing = [name for name, job in jobs.REPORTS.items() if not job.outputs]
    assert missing == []
    assert all(job.outputs for job in jobs.XLSX_AREAS.values())


def test_members_of_each_group_from_the_memberships_tab(qtbot, db, world, tmp_path, monkeypatch):
    ms.create_person(db, ms.PersonFields("Adaeze Okonkwo-Bright"))
    window = QMainWindow()
    qtbot.addWidget(window)
    tab = MembershipsTab(db, window)
    window.setCentralWidget(tab)
    target = tmp_path / "members.pdf"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    find_action(tab.export_actions(), "members").trigger()
    qtbot.waitUntil(lambda: saved_box() is not None and not OutputProcess._running, timeout=60000)
    box = saved_box()
    assert box.path == Path(target)
    text = pypdf.PdfReader(str(target)).pages[0].extract_text()
    assert "Members of each group" in text and "Safeguarding Children Forum" in text
    box.close()


@pytest.mark.child_process
def test_an_output_whose_window_closes_while_writing_is_stopped_and_forgotten(qtbot, db, tmp_path):
    build_world(db)
    window = QMainWindow()
    task = OutputProcess(window, "Writing members.pdf…", db.path, "report", "members",
                         tmp_path / "members.pdf", show_progress=False).start()
    qtbot.waitUntil(lambda: task.process is not None, timeout=60000)  # started, in a thread of its own
    process = task.process
    assert task in OutputProcess._running
    window.deleteLater()
    qtbot.waitUntil(lambda: task not in OutputProcess._running, timeout=5000)
    process.join(10)
    assert not process.is_alive()
