"""On a team database an output is written in a thread of the program. Its progress dialog has
a Cancel, as an output written in a child process has: it stops the output, leaving neither the
file asked for nor a temporary file, and nothing is said afterwards. Saved, the output's
progress goes and the file is said to be saved, as usual."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.outputs import outputs_writing, write_output
from bscp_desktop.ui.common.worker import BackgroundTask
from tests.ui.helpers import saved_box
from tests.ui.test_quit_while_thread_output_runs import _stopped_leaving_nothing, errors, half_written  # noqa: F401 - fixtures
from tests.ui.test_two_outputs_to_the_same_file_on_a_team_database import _WithoutAFile, held  # noqa: F401 - a fixture


def _progress_shown() -> QProgressDialog | None:
    """The progress dialog on screen, or None."""
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    return shown[-1] if shown else None


def _window(qtbot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    return window


def test_cancel_on_the_progress_of_an_output_written_in_a_thread_stops_it_leaving_nothing(
        qtbot, db, tmp_path, half_written, errors):  # noqa: F811 - fixtures
    window = _window(qtbot)
    folder = tmp_path / "outputs"
    folder.mkdir()
    out = folder / "Members.xlsx"
    write_output(window, _WithoutAFile(db), "Memberships workbook", out, "xlsx", "memberships")
    qtbot.waitUntil(lambda: half_written.started == [out], timeout=30_000)  # half of its file written
    (task,) = outputs_writing(out)
    qtbot.waitUntil(lambda: _progress_shown() is not None, timeout=10_000)  # once it has taken a moment
    progress = _progress_shown()
    assert progress.windowTitle() == "Writing Members.xlsx…" and progress.labelText() == "Writing"
    buttons = progress.findChildren(QPushButton)
    assert [b.text() for b in buttons] == ["Cancel"]

    buttons[0].click()
    assert not progress.isVisible() and _progress_shown() is None  # gone at once
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    _stopped_leaving_nothing(task, half_written, out, folder)
    qtbot.waitUntil(lambda: not BackgroundTask._running, timeout=30_000)
    qtbot.wait(100)  # anything it would say has been said
    assert errors == [] and saved_box() is None and _progress_shown() is None  # stopped as asked: nothing said


def test_the_progress_of_an_output_written_in_a_thread_goes_once_it_is_saved(
        qtbot, db, tmp_path, held, errors):  # noqa: F811 - fixtures
    ms.create_person(db, ms.PersonFields("Written In A Thread"))
    window = _window(qtbot)
    out = tmp_path / "Members.xlsx"
    write_output(window, _WithoutAFile(db), "Memberships workbook", out, "xlsx", "memberships")
    qtbot.waitUntil(lambda: held.started == [out], timeout=30_000)
    qtbot.waitUntil(lambda: _progress_shown() is not None, timeout=10_000)

    held.set()  # the output goes on and is saved
    qtbot.waitUntil(lambda: saved_box() is not None, timeout=60_000)
    assert _progress_shown() is None and errors == [] and outputs_writing(out) == []
    saved_box().close()
