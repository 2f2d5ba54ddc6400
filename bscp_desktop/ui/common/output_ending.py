"""Asking before something ends the outputs still being written (a restore replacing the file
they read, the program quitting): wait for them to be saved, stop them, or stay.

The outputs are those of `ui/common/outputs.py`, written in a child process (`OutputProcess`)
or, on a team database, in a thread of the program (`OutputThread`); this module only asks and
waits, so it needs nothing of how they are written: each can be stopped (`cancel()`), says
whether it has `finished`, and sets `gone` once whatever wrote it has let go of the file.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget


def named(running: list) -> tuple[str, str, str]:
    """The outputs' file names, with the verb and the pronoun that go with them."""
    one = len(running) == 1
    return " and ".join(task.out.name for task in running), "is" if one else "are", "it" if one else "them"


def outputs_end_before(parent: QWidget, running: list, then: str, question: str) -> bool:
    """Before something that ends the outputs `running` (a restore replacing the file they read,
    the program quitting): the officer is asked `question` and chooses to wait for them (saved as
    usual), stop them (nothing saved), each then doing `then`, or to stay. True once none is
    left; False when they stay."""
    if not running:
        return True
    names, _, _ = named(running)
    box = QMessageBox(QMessageBox.Icon.Question, "An output is still being written", question, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the files' names, as chosen
    wait = box.addButton(f"Wait, then {then}", QMessageBox.ButtonRole.AcceptRole)
    stop = box.addButton(f"Stop, then {then}", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Stay", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    chosen = box.clickedButton()
    if chosen is not wait and chosen is not stop:
        return False
    if chosen is stop:
        for task in running:
            task.cancel()
    _wait_until_ended(parent, running, f"Waiting for {names} to be saved…" if chosen is wait else f"Stopping {names}…")
    return True


def _wait_until_ended(parent: QWidget, running: list, label: str) -> None:
    """Wait, over the whole program, until the outputs have ended and their processes (or
    threads) have let go of the file; Stop there stops those still being written. The window
    keeps painting meanwhile, and an output that is saved says so as usual."""
    waiting = QProgressDialog(label, "Stop", 0, 0, parent)
    waiting.setWindowTitle("Waiting for the output")
    waiting.setWindowModality(Qt.WindowModality.ApplicationModal)
    waiting.setAutoClose(False)
    waiting.setAutoReset(False)
    waiting.setMinimumDuration(0)
    waiting.canceled.connect(lambda: [task.cancel() for task in running])
    waiting.show()
    loop = QEventLoop()
    timer = QTimer(loop, interval=50)
    timer.timeout.connect(lambda: loop.quit() if all(task.finished and task.gone.is_set() for task in running)
                          else None)
    timer.start()
    loop.exec()
    timer.stop()
    waiting.close()
    waiting.deleteLater()
