"""An output written in a thread of the program rather than in a child process.

On a team database (a server's address: no file a child process could open query-only) the
output's job reads the server in a worker thread of the window's own program
(`worker.BackgroundTask`). While it writes it is listed with the outputs written in a child
process (`outputs.OutputProcess`) and looked up the same way (`outputs._unfinished`), so a
second output to its file is refused, naming it, and quitting asks first (wait for it, or stop
it), as for any other output.

Its progress dialog is the one every output shows (`output_progress.OutputProgress`), with a
Cancel that stops it. A thread cannot be killed as a child process is: stopped (`cancel`: that
Cancel, or quitting), its dialog goes at once and the output ends at its job's next progress
report, which raises `OutputStopped` in the thread; the file being written is removed as the
write fails (`reports/files.atomic_write`), and any temporary file of its own left all the same
is removed once the job has ended (its mark, as for a child process). The window it belongs to,
gone while the output is still being written, stops it the same way: it is no longer listed
once its thread has let go of the file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from bscp_desktop.jobs import child
from bscp_desktop.reports.files import temporaries_marked
from bscp_desktop.ui.common.output_progress import OutputProgress
from bscp_desktop.ui.common.worker import BackgroundTask


class OutputStopped(Exception):
    """Raised in an output's thread, at its job's next progress report, once it was stopped."""


class OutputThread:
    """One output written in a worker thread: the file it writes (`out`), the output as the
    officer asked for it (`what`, "Memberships workbook"), and whether it has `finished` (its
    file written whole, or not at all, and the window told or the output stopped). Like an
    `OutputProcess`, it is in `_running` from its start until then; `gone` is set once its
    thread has let go of the file (its job ended, whatever it left removed)."""

    _running: set[OutputThread] = set()

    def __init__(self, out: Path, what: str = ""):
        self.out = Path(out)  # the file it writes (`outputs.outputs_writing`)
        self.what = what
        self.finished = False
        self.stopped = False  # stopped by the window: it ends at its next progress report
        self.gone = threading.Event()  # its job has ended and let go of the file, or never started
        self.mark = child.new_mark()  # in the names of its temporary files
        self.task: BackgroundTask | None = None
        self.dialog: OutputProgress | None = None  # its progress, with Cancel
        self._window: QWidget | None = None
        self._told = False  # the window was told how it ended (or never will be: never started)
        self._lock = threading.Lock()

    def parent(self) -> QWidget | None:
        """The window it belongs to (`outputs.owner`), as an `OutputProcess`'s parent is."""
        return self._window

    def start(self, parent: QWidget | None, title: str, job: Callable[[Any], Any],
              on_done: Callable[[Any], None], on_error: Callable[[Exception], None]) -> OutputThread:
        """Run `job(progress)` in a worker thread (a `worker.BackgroundTask`) with its progress,
        titled `title`, over `parent`, the window it belongs to; `on_done(result)` or
        `on_error(exc)` at the end, unless it was stopped meanwhile (nothing is said then)."""

        def ended(then: Callable[[Any], None]) -> Callable[[Any], None]:
            def told(value) -> None:
                with self._lock:
                    self._told = True
                    stopped = self.stopped
                self._settle()
                if self.dialog is not None:
                    self.dialog.end()
                if not stopped:
                    then(value)

            return told

        self._window = parent
        OutputThread._running.add(self)
        try:
            self.dialog = OutputProgress(title, parent, self.cancel)
            self.task = BackgroundTask(parent, title, self._run(job), show_progress=False)
            self.task.worker.progressed.connect(self.dialog.report)  # from the worker thread, queued
            self.task.done.connect(ended(on_done))
            self.task.error.connect(ended(on_error))
            self.task.start()
        except BaseException:  # never started: nothing is being written
            self._told = True
            self.gone.set()
            self._settle()
            if self.dialog is not None:
                self.dialog.end()
            raise
        # Its window gone while it writes (it asks first as it closes) takes the output with it:
        # stopped, and no longer listed once its thread has let go of the file.
        self.task.destroyed.connect(lambda *_: self.cancel())
        return self

    def _run(self, job: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """`job` as run in the worker thread: stopped at its next progress report once the window
        has stopped it, its temporary files marked, and what it left removed if stopped."""

        def reported(progress: Callable[..., None]) -> Callable[..., None]:
            def told(done: int, total: int, text: str = "") -> None:
                if self.stopped:
                    raise OutputStopped(f"The output of {self.out.name} was stopped.")
                progress(done, total, text)

            return told

        def run(progress):
            try:
                if self.stopped:  # stopped before its thread began
                    raise OutputStopped(f"The output of {self.out.name} was stopped.")
                with temporaries_marked(self.mark):
                    return job(reported(progress))
            except OutputStopped:  # as asked: nothing went wrong, and nothing is said
                return None
            finally:
                if self.stopped:
                    child.left_behind(self.out, self.mark)
                self.gone.set()
                self._settle()

        return run

    def cancel(self) -> None:
        """Stop the output: its progress goes at once and its job ends at its next progress
        report, nothing saved and nothing said; it is listed until its thread has let go of the
        file (`gone`). Called on the window's thread."""
        with self._lock:
            if self.finished:
                return
            self.stopped = True
        if self.dialog is not None:
            self.dialog.end()
        self._settle()

    def _settle(self) -> None:
        """No longer listed once its thread has let go of the file and the window was told how
        it ended, or it was stopped (and will not be told). Called from either thread."""
        with self._lock:
            if self.finished or not self.gone.is_set() or not (self._told or self.stopped):
                return
            self.finished = True
        OutputThread._running.discard(self)
