"""Outputs written in a thread of the test's own process instead of a new process.

The window writes each output in a child process (`ui/common/outputs.py`, multiprocessing
with spawn): a new Python that imports the program again, about a second of work before it
writes a cell. A test about something else (a menu entry, the file's contents, the message
afterwards) runs the same `child.run` in a thread here instead: the same queue of progress,
"done" and "error" messages, the same polling by the window. Tests about the child process
itself are marked `child_process` and get the real one (see tests/conftest.py).
"""

from __future__ import annotations

import queue
import threading
from types import SimpleNamespace


class _Stopped(BaseException):
    """Raised in the output's thread once the window has stopped it (never caught by the job)."""


class ThreadQueue(queue.Queue):
    """The output's queue; once stopped, the job's next message ends its thread."""

    stopped = False

    def put(self, item, block=True, timeout=None) -> None:
        if self.stopped:
            raise _Stopped
        super().put(item, block, timeout)


class ThreadProcess:
    """What `OutputProcess` uses of `multiprocessing.Process`, as a thread: `terminate` stops
    the job at its next progress message (a thread cannot be killed)."""

    def __init__(self, target, args=(), daemon=True) -> None:
        self._queue = next((a for a in args if isinstance(a, ThreadQueue)), None)
        self._thread = threading.Thread(target=self._run, args=(target, args), daemon=daemon)

    @staticmethod
    def _run(target, args) -> None:
        try:
            target(*args)
        except _Stopped:
            pass

    pid = None  # a thread of this process: no process of its own to put behind the window

    @property
    def exitcode(self) -> int | None:
        return None if self._thread.is_alive() else 0

    def start(self) -> None:
        self._thread.start()

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def join(self, timeout: float | None = None) -> None:
        if self._thread.ident is not None:
            self._thread.join(timeout)

    def terminate(self) -> None:
        if self._queue is not None:
            self._queue.stopped = True


_THREADS = SimpleNamespace(Queue=ThreadQueue, Process=ThreadProcess)

# stands in for the `multiprocessing` module in bscp_desktop.ui.common.outputs
multiprocessing = SimpleNamespace(get_context=lambda method=None: _THREADS)
