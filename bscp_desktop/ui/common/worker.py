"""Long work (export, report, import, backup, connecting) off the UI thread, with a progress dialog.

The job is a plain function `job(progress) -> result`; `progress(done, total, text)` may be
called from the worker thread and is forwarded to the dialog through a queued signal. The
job opens its own unit of work; it never touches widgets.

A task made `cancellable` has a Cancel button (connecting to a server that does not answer):
Cancel closes the dialog at once and the window carries on; the job, which cannot be stopped
part-way, ends in the background and its result goes to `leftover` (to close what it opened)
instead of `done`. Any other task's progress cannot be put away (Esc, the close button) until
its job ends: the window stays held while the work goes on.

`LatestRead` is the quieter kind, for what a page shows: a read in a worker thread that the
window waits for a moment (so a quick one shows at once), of which only the latest asked for
is shown.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from bscp_desktop.memory import collect_due, collect_on_one_thread, freeze_long_lived, gc_paused
from bscp_desktop.ui.common.labels import as_typed

log = logging.getLogger(__name__)

__all__ = ["BackgroundTask", "LatestRead", "answer_later", "collect_on_the_window_thread", "freeze_long_lived", "gc_paused",
           "run_in_background"]

#: How often the window's thread collects what Python would have collected meanwhile.
COLLECT_MS = 100


def collect_on_the_window_thread(app: QObject) -> None:
    """Cycles of garbage are collected on the window's thread only, never in a worker's
    (`memory.collect_on_one_thread`): checked every `COLLECT_MS`, as often as Python would."""
    if app.findChild(QTimer, "garbage collection") is not None:
        return  # the application is made once; its collection is set up once
    collect_on_one_thread()
    timer = QTimer(app, objectName="garbage collection", interval=COLLECT_MS)
    timer.timeout.connect(collect_due)
    timer.start()


#: How long the window waits for a page's read before letting it arrive in the background.
QUICK_READ_MS = 30


class _Relay(QObject):
    """Carries a worker thread's answer to an object on the window's thread. It lives as long
    as the program, so a worker never emits on an object the window may be deleting at that
    moment (a page closed, the database switched): the answer is given only if its receiver is
    still there when the window's thread comes to it."""

    carried = Signal(object)  # (weak reference to the receiver, its method's name, the answer)

    def __init__(self) -> None:
        super().__init__()
        self.carried.connect(self._deliver)

    def _deliver(self, parcel) -> None:
        ref, method, answer = parcel
        receiver = ref()
        if receiver is not None and shiboken6.isValid(receiver):
            getattr(receiver, method)(answer)


_relay: _Relay | None = None


def answer_later(receiver: QObject, method: str) -> Callable[[Any], None]:
    """A function a worker thread calls with its answer: `receiver.method(answer)` then runs on
    the window's thread, unless the receiver has gone by then (nothing happens). Call this on
    the window's thread, before starting the worker."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    ref, emit = weakref.ref(receiver), _relay.carried.emit
    return lambda answer: emit((ref, method, answer))


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Callable[[Callable[[int, int, str], None]], Any], pause_gc: bool = False):
        super().__init__()
        self.job = job
        self.pause_gc = pause_gc

    def _run_job(self):
        progress = lambda done, total, text="": self.progressed.emit(done, total, text)  # noqa: E731
        if not self.pause_gc:
            return self.job(progress)
        with gc_paused():
            return self.job(progress)

    def run(self) -> None:
        try:
            result = self._run_job()
        except Exception as exc:  # reported to the UI thread, which shows it
            log.error("Background job failed\n%s", traceback.format_exc())
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class _ProgressDialog(QProgressDialog):
    """A task's progress. One that cannot be cancelled stays over its window until the job ends:
    Esc and the window's close button do nothing (hiding it would free the window while the job
    still runs), and it closes itself once the job has ended."""

    def __init__(self, label: str, title: str, cancellable: bool, parent: QWidget | None):
        super().__init__(label, "Cancel" if cancellable else None, 0, 0, parent)
        self.setWindowTitle(title)
        self.cancellable = cancellable
        self.job_ended = False

    def reject(self) -> None:  # Esc
        if self.cancellable or self.job_ended:
            super().reject()

    def closeEvent(self, event) -> None:
        if self.cancellable or self.job_ended:
            super().closeEvent(event)
        else:
            event.ignore()


class BackgroundTask(QObject):
    """Runs one job in a QThread; keeps itself alive until the thread ends."""

    done = Signal(object)
    error = Signal(object)
    cancelled = Signal()  # Cancel pressed: neither `done` nor `error` follows

    _running: set[BackgroundTask] = set()

    def __init__(self, parent: QWidget | None, title: str, job, show_progress: bool = True, pause_gc: bool = False,
                 cancellable: bool = False, label: str = ""):
        super().__init__(parent)
        self.was_cancelled = False
        self.ended = False
        self.leftover: Callable[[Any], None] | None = None  # given a cancelled job's result when it ends
        self.thread = QThread()
        self.worker = _Worker(job, pause_gc)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        # The thread ends with its job even when this task went first (its window was closed
        # while it read): nothing then waits on a job nobody will see finish.
        self.worker.finished.connect(self.thread.quit)
        self.worker.failed.connect(self.thread.quit)
        thread, worker = self.thread, self.worker
        self.destroyed.connect(lambda *_: _abandon(self, thread, worker))
        self.dialog: _ProgressDialog | None = None
        if show_progress:
            self.dialog = _ProgressDialog(label or title, title, cancellable, parent)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.worker.progressed.connect(self._progress)
            if cancellable:  # shown at once, over its window: nothing else starts meanwhile
                self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
                self.dialog.setMinimumDuration(0)
                self.dialog.canceled.connect(self.cancel)  # the button, or closing the dialog
                self.dialog.rejected.connect(self.cancel)  # Esc

    def start(self) -> BackgroundTask:
        BackgroundTask._running.add(self)
        self.thread.start()
        if self.dialog is not None and self.dialog.minimumDuration() == 0:
            self.dialog.show()
        return self

    def cancel(self) -> None:
        """Stop waiting for the job: the dialog closes, `cancelled` is emitted, and the job's
        result, when it comes, goes to `leftover`."""
        if self.was_cancelled or self.ended or self not in BackgroundTask._running:
            return
        self.was_cancelled = True
        if self.dialog is not None:
            self.dialog.close()
        self.cancelled.emit()

    def _progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(as_typed(text))  # may name a record as typed

    def _end(self) -> None:
        self.ended = True  # closing the dialog now is not a Cancel
        if self.dialog is not None:
            self.dialog.job_ended = True
            self.dialog.close()
        self.thread.quit()
        self.thread.wait()
        BackgroundTask._running.discard(self)

    def _finished(self, result) -> None:
        self._end()
        if not self.was_cancelled:
            self.done.emit(result)
        elif self.leftover is not None:
            self.leftover(result)

    def _failed(self, exc) -> None:
        self._end()
        if not self.was_cancelled:
            self.error.emit(exc)


# Threads (and their workers) of tasks deleted before their job ended: kept until the program
# ends, since a QThread destroyed while it runs would abort the program.
_abandoned: list[tuple[QThread, QObject]] = []


def _abandon(task: BackgroundTask, thread: QThread, worker: QObject) -> None:
    if task in BackgroundTask._running:
        BackgroundTask._running.discard(task)
        _abandoned.append((thread, worker))


@atexit.register
def wait_for_workers(timeout_ms: int = 30_000) -> None:
    """Let jobs still running when the program ends finish first (a window closed while a page
    was still reading): a thread destroyed while it runs would abort the program on its way out."""
    threads = [task.thread for task in list(BackgroundTask._running)] + [t for t, _ in _abandoned]
    for thread in threads:
        try:
            thread.quit()  # its event loop ends as soon as the job returns
            thread.wait(timeout_ms)
        except RuntimeError:  # already deleted by Qt
            pass


def run_in_background(
    parent: QWidget | None,
    title: str,
    job: Callable[[Callable[[int, int, str], None]], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    writes: str = "",
) -> BackgroundTask:
    """Run `job(progress)` in a thread with a progress window over `parent`. `writes` names a job
    that changes the database ("The import of members.csv"): the main window waits for it, or
    asks, before leaving the database (`MainWindow.writes_ended`)."""
    task = BackgroundTask(parent, title, job)
    task.writes = writes
    if on_done:
        task.done.connect(on_done)
    if on_error:
        task.error.connect(on_error)
    return task.start()


class _Reading:
    def __init__(self, wait_s: float):
        self.result: Any = None
        self.error: Exception | None = None
        self.finished = threading.Event()
        self.wait_s = wait_s  # how long the window waits for it
        self.started = time.perf_counter()
        self.took = 0.0  # seconds, from the start to the answer


class LatestRead(QObject):
    """What a page shows, read in a worker thread: `start(job)` runs `job()` (which opens its
    own unit of work and touches no widget); the window waits up to `QUICK_READ_MS` for it, so
    a quick read shows at once, and a longer one arrives by a signal while the window stays
    free. A page whose last read took longer than that (ten years of expenditure) does not
    wait for the next at all: waiting would only hold the window the whole time. Only the
    latest read asked for is shown, by `shown(result)` (or `failed(exc)`), on the window's
    thread; `loading()` is True until then."""

    def __init__(self, parent: QObject, name: str, shown: Callable[[Any], None], failed: Callable[[Exception], None]):
        super().__init__(parent)
        self.name = name
        self._shown, self._failed = shown, failed
        self._pending: _Reading | None = None
        self._slow = False  # the last read answered took longer than the window waits

    def loading(self) -> bool:
        return self._pending is not None

    def forget(self) -> None:
        """Show nothing of a read still in flight (what it was for is being closed)."""
        self._pending = None

    def start(self, job: Callable[[], Any], wait_ms: int | None = None) -> None:
        """Run `job()` in a worker thread, waiting `wait_ms` (`QUICK_READ_MS`) for it, unless
        the last read took longer than that."""
        reading = self._pending = _Reading((QUICK_READ_MS if wait_ms is None else wait_ms) / 1000)
        emit = answer_later(self, "_arrived")

        def run() -> None:
            try:
                with gc_paused():
                    reading.result = job()
            except Exception as exc:  # shown on the window's thread
                log.error("Reading %s failed\n%s", self.name, traceback.format_exc())
                reading.error = exc
            reading.took = time.perf_counter() - reading.started
            emit(reading)  # before the window, if it waits, is told: it may close the page once told
            reading.finished.set()

        threading.Thread(target=run, name=f"read {self.name}", daemon=True).start()
        if not self._slow and reading.finished.wait(reading.wait_s):
            self._arrived(reading)

    def _arrived(self, reading: _Reading) -> None:
        if reading is not self._pending:
            return  # shown already, or a newer read was asked for
        self._pending = None
        self._slow = reading.took > reading.wait_s
        if reading.error is not None:
            self._failed(reading.error)
        else:
            self._shown(reading.result)


def held_while(window: QWidget | None, title: str, label: str, job):
    """`job()`'s result, or its error raised: it runs in a worker thread (it touches no widget
    and opens its own connections), under a progress dialog shown at once over the program,
    which waits for it meanwhile (repainting, its timers running; nothing else can be started).
    Without a window to show it over (no application running), `job()` runs here."""
    if not isinstance(window, QWidget) or QApplication.instance() is None:
        return job()

    task = BackgroundTask(window, title, lambda progress: job(), label=as_typed(label))  # the file's name, as typed
    task.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    task.dialog.setMinimumDuration(0)  # shown as it starts: the program is held from the first moment
    ended: dict = {}
    loop = QEventLoop()
    task.done.connect(lambda result: (ended.setdefault("result", result), loop.quit()))
    task.error.connect(lambda exc: (ended.setdefault("error", exc), loop.quit()))
    task.start()
    if not ended:  # the answer comes through the window's thread's events: not before this
        loop.exec()
    task.dialog.deleteLater()
    task.deleteLater()
    if "error" in ended:
        raise ended["error"]
    return ended["result"]
