"""Quitting (closing the window, File > Quit) while an output is still being written asks first,
as a restore does: wait for it to be saved, then quit; stop it (nothing is saved), then quit; or
stay, the output going on."""

from __future__ import annotations

import threading

import openpyxl
import pytest

from bscp_desktop.jobs import child
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.outputs import OutputProcess, write_output
from tests.ui.helpers import click_button, start_window, when_modal

TITLE = "An output is still being written"


@pytest.fixture
def held_output(monkeypatch):
    """Outputs wait, saying how far they have got, until the test lets them go on (a long output
    still being written); then the program's own job writes the output."""
    gate = threading.Event()
    real = child.run

    def held(db_path, kind, name, out, options, queue, mark=""):
        while not gate.wait(0.02):
            queue.put(("progress", 0, 0, "Writing"))
        real(db_path, kind, name, out, options, queue, mark)

    monkeypatch.setattr(child, "run", held)
    yield gate
    gate.set()


def _quit_action(window):
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text().replace("&", "") == "Quit")


@pytest.mark.slow  # a window and an output
def test_quitting_asks_and_stay_keeps_the_window_and_the_output_then_wait_saves_it_first(
        qtbot, db, tmp_path, held_output):
    ms.create_person(db, ms.PersonFields("Written Before Quitting"))
    window = start_window(qtbot, db)
    out = tmp_path / "Members.xlsx"
    task = write_output(window.tab("Memberships"), window.db, "Memberships workbook", out, "xlsx", "memberships")
    asked: list[str] = []

    when_modal(click_button("Stay", asked), TITLE)
    _quit_action(window).trigger()
    assert asked == [f"{out.name} is still being written: wait for it to be saved, or stop it (nothing is saved)?"]
    assert window.isVisible() and not task.finished and OutputProcess._running  # it goes on

    def wait(box) -> None:
        held_output.set()  # the output goes on while the officer waits
        click_button("Wait, then quit", asked)(box)

    when_modal(wait, TITLE)
    window.close()
    assert len(asked) == 2 and not window.isVisible()
    assert task.finished and task.child.gone.is_set()
    assert "Written Before Quitting" in [c.value for c in openpyxl.load_workbook(out)["People"]["A"]]


@pytest.mark.slow  # a window and an output
def test_quitting_can_stop_the_output_first(qtbot, db, tmp_path, held_output):
    window = start_window(qtbot, db)
    out = tmp_path / "Members.xlsx"
    task = write_output(window.tab("Memberships"), window.db, "Memberships workbook", out, "xlsx", "memberships")
    qtbot.waitUntil(lambda: task.process is not None, timeout=5000)
    when_modal(click_button("Stop, then quit"), TITLE)
    window.close()
    assert not window.isVisible()
    assert task.child.gone.is_set() and not task.process.is_alive()  # stopped before the window went
    assert not out.exists() and list(tmp_path.glob("*.tmp")) == [] and not OutputProcess._running
