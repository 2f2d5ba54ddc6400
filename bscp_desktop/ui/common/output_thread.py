"""An output written in a thread of the program rather than in a child process.

On a team database (a server's address: no file a child process could open query-only) the
output's job reads the server in a worker thread of the window's own program
(`worker.run_in_background`). While it writes it is listed with the outputs written in a child
process (`outputs.OutputProcess`) and looked up the same way (`outputs.outputs_writing`), so a
second output to its file is refused, naming it, as for any other output.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from bscp_desktop.ui.common.worker import BackgroundTask, run_in_background


class OutputThread:
    """One output written in a worker thread: the file it writes (`out`), the output as the
    officer asked for it (`what`, "Memberships workbook"), and whether it has `finished` (its
    file written whole, or not at all). Like an `OutputProcess`, it is in `_running` from its
    start until the window is told it has finished."""

    _running: set[OutputThread] = set()

    def __init__(self, out: Path, what: str = ""):
        self.out = Path(out)  # the file it writes (`outputs.outputs_writing`)
        self.what = what
        self.finished = False

    def start(self, parent: QWidget | None, title: str, job: Callable[[Any], Any],
              on_done: Callable[[Any], None], on_error: Callable[[Exception], None]) -> BackgroundTask:
        """Run `job(progress)` in a worker thread with its progress over `parent` (see
        `worker.run_in_background`); `on_done(result)` or `on_error(exc)` at the end."""

        def ended(then: Callable[[Any], None]) -> Callable[[Any], None]:
            def told(value) -> None:
                self._end()
                then(value)

            return told

        OutputThread._running.add(self)
        try:
            return run_in_background(parent, title, job, on_done=ended(on_done), on_error=ended(on_error))
        except BaseException:  # never started: nothing is being written
            self._end()
            raise

    def _end(self) -> None:
        self.finished = True
        OutputThread._running.discard(self)
