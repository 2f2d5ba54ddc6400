"""An output's progress dialog: how far it has got, over the window it was asked from, with a
Cancel that stops it (nothing is saved and nothing more is said).

Every output shows the same one, whether it is written in a child process
(`outputs.OutputProcess`) or, on a team database, in a thread of the program
(`output_thread.OutputThread`). It shows itself once the output has taken a moment, and goes
when the output ends or is stopped; closing it then is not a Cancel. The window it is over may
go first (another file opened, a backup restored): it goes with it, and is then left alone.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from bscp_desktop.ui.common.labels import as_typed

#: An output quicker than this shows no progress at all.
SHOWN_AFTER_MS = 400


class OutputProgress(QProgressDialog):
    """The progress of one output, titled `title`, over the window holding `parent`; Cancel (or
    Esc, or closing it) calls `stop()`."""

    def __init__(self, title: str, parent: QWidget | None, stop: Callable[[], None]):
        super().__init__(title, "Cancel", 0, 0, parent.window() if parent is not None else None)
        self.setWindowTitle(title)
        self.setMinimumDuration(SHOWN_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._stop: Callable[[], None] | None = stop
        self.canceled.connect(stop)

    def there(self) -> bool:
        """Whether it is still there: not gone with the window it was over, nor with the
        program's windows as the program ends."""
        return shiboken6.isValid(self) and QApplication.instance() is not None

    def report(self, done: int, total: int, text: str = "") -> None:
        """How far the output has got: `done` of `total` steps (none known: 0), and what it is
        writing now, which may name a record as typed."""
        if self._stop is None or not self.there():
            return  # ended: nothing more to show
        self.setMaximum(max(total, 0))
        self.setValue(min(done, total) if total else 0)
        if text:
            self.setLabelText(as_typed(text))

    def end(self) -> None:
        """The output has ended or was stopped: the dialog goes, and closing it is no Cancel."""
        stop, self._stop = self._stop, None
        if stop is None or not self.there():
            return
        self.canceled.disconnect(stop)
        self.close()
