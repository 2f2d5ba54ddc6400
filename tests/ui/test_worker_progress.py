"""A task's progress window: one that cannot be cancelled holds its window until the job ends."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from bscp_desktop.ui.common.worker import BackgroundTask, run_in_background


def _held_job(release: threading.Event):
    def job(progress):
        release.wait(10)
        return "done"

    return job


def test_esc_or_closing_does_not_put_away_an_import_still_running(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    release, results = threading.Event(), []
    task = run_in_background(window, "Importing people.csv…", _held_job(release), on_done=results.append)
    try:
        dialog = task.dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # as an import holds its window
        dialog.show()
        assert dialog.findChildren(QPushButton) == []  # nothing to cancel
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
        assert not dialog.close()  # the close button
        assert dialog.isVisible() and QApplication.activeModalWidget() in (dialog, None)
        assert not task.ended
    finally:
        release.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    assert not dialog.isVisible()  # closed by itself once the work ended
    assert task not in BackgroundTask._running


def test_a_cancellable_task_is_still_cancelled_by_esc(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    release, results = threading.Event(), []
    task = BackgroundTask(window, "Connecting", _held_job(release), cancellable=True)
    task.done.connect(results.append)
    task.leftover = results.append
    cancelled = []
    task.cancelled.connect(lambda: cancelled.append(True))
    task.start()
    try:
        assert [b.text() for b in task.dialog.findChildren(QPushButton)] == ["Cancel"]
        qtbot.keyClick(task.dialog, Qt.Key.Key_Escape)
        assert cancelled == [True] and not task.dialog.isVisible()
    finally:
        release.set()
    qtbot.waitUntil(lambda: task.ended, timeout=5000)
    assert results == ["done"]  # to `leftover`, as the window no longer waits for it
