"""Saving outputs (workbooks, PDFs, calendar files): ask where, then write in another process.

The file is written by a child process reading the database query-only, so the window stays
responsive however big the output is; a progress dialog shows how far it has got and can
cancel it. Files are written whole or not at all: a process stopped part-way (cancelled, its
window closed, the program ended) cannot clean up after itself, so once it has ended the window
removes the temporary file it was writing. The window's thread never waits for that process: it
is started, and waited for when it ends, in threads of their own. On a team database, which has
no file for a child process to open, the output is written in a thread of the program instead
(`output_thread.OutputThread`); both kinds are looked up one way (`_unfinished`), and both are
waited for or stopped as the program quits (`outputs_end_before_quitting`).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import multiprocessing.connection as mp_connection
import os
import queue as queue_module
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from bscp_desktop import jobs
from bscp_desktop.jobs import check_output, child, safe_file_name, target_exists
from bscp_desktop.reports.marking import file_is_marked
from bscp_desktop.ui.common.messages import confirm, show_error
from bscp_desktop.ui.common.output_ending import named, outputs_end_before
from bscp_desktop.ui.common.output_progress import OutputProgress
from bscp_desktop.ui.common.output_thread import OutputThread
from bscp_desktop.ui.common.saved_file import SavedFileBox
from bscp_desktop.ui.common.settings_store import recalled, remember

log = logging.getLogger(__name__)

PDF = "PDF document (*.pdf)"
XLSX = "Excel workbook (*.xlsx)"
ICS = "Calendar file (*.ics)"
CSV = "CSV file (*.csv)"
DOCX = "Word document (*.docx)"
SUFFIX = {PDF: ".pdf", XLSX: ".xlsx", ICS: ".ics", CSV: ".csv", DOCX: ".docx"}
FOLDER_KEY = "exports/folder"


def export_folder() -> str:
    """The folder the last output was saved in, else Documents, else the home folder. A saved
    folder that is gone, or whose name this computer cannot use (too long, a character a folder
    name may not have), is passed over."""
    saved = recalled(FOLDER_KEY)
    if saved and _is_folder(str(saved)):
        return str(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and _is_folder(documents) else str(Path.home())


def _is_folder(name: str) -> bool:
    try:
        return Path(name).is_dir()
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL in it
        return False


def remember_folder(path: Path) -> None:
    remember(FOLDER_KEY, str(path.parent))


def choose_save_path(parent: QWidget | None, title: str, file_name: str, file_filter: str,
                     database: Path | None = None) -> Path | None:
    """Ask where to save a file; None when cancelled or the place is refused (`may_write`:
    never over a database, its working files, a backup, a link or an odd file; an existing
    file only once the user agreed to replace it)."""
    path, asked = _ask_save_path(parent, title, file_name, file_filter)
    if path is None or not may_write(parent, path, database, asked):
        return None
    return path


def _ask_save_path(parent: QWidget | None, title: str, file_name: str, file_filter: str) -> tuple[Path | None, bool]:
    """The path to save to, and whether the file dialog itself showed that exact name (and so
    asked before choosing an existing file) rather than one the program added a suffix to."""
    name, _ = QFileDialog.getSaveFileName(
        parent, title, str(Path(export_folder()) / safe_file_name(file_name)), file_filter
    )
    if not name:
        return None, False
    path = Path(name)
    suffix = SUFFIX.get(file_filter, "")
    if suffix and path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    remember_folder(path)
    return path, path == Path(name)


def may_write(parent: QWidget | None, out: Path, database: Path | None = None, asked: bool = False) -> bool:
    """Whether to write `out`: never onto the database, its working files, a backup, a link or
    anything but an ordinary file (one sentence says why); never while an output is still being
    written to it (the one saved last would be the only one kept, each said to be saved); an
    existing file only if the user agrees to replace it (`asked`: the file dialog already asked
    about this very name)."""
    try:
        check_output(out, database)
    except ValueError as exc:
        show_error(parent, f"Could not save {out.name}", exc)
        return False
    if writing := outputs_writing(out):
        what = f" ({writing[0].what})" if writing[0].what else ""
        show_error(parent, f"Could not save {out.name}", f"{out.name} is still being written{what}: "
                   "wait for it to finish, or choose another name.")
        return False
    if target_exists(out) and not asked:
        return confirm(parent, "Replace the file?", f"{out.name} already exists in {out.parent}. Replace it?")
    return True


class OutputProcess(QObject):
    """One output written by a child process; `done(path)` or `error(sentence)` at the end.

    The process is started, and later waited for, in threads of their own: starting one
    (Python's multiprocessing machinery, its resource tracker the first time, a new process
    given the job) took up to 1.7 s of waiting on a busy machine, which the window's thread
    never does. The window polls the queue once the process is there."""

    done = Signal(object)
    error = Signal(object)
    POLL_MS = 50

    _running: set[OutputProcess] = set()

    def __init__(self, parent: QWidget | None, title: str, db_path: Path, kind: str, name: str,
                 out: Path, options: dict | None = None, show_progress: bool = True, what: str = ""):
        super().__init__(owner(parent))  # outlives the page that asked (see `owner`)
        self.db_path = Path(db_path)  # the file it reads (`outputs_reading`)
        self.out = Path(out)  # the file it writes (`outputs_writing`)
        self.what = what  # the output as the officer asked for it ("Actions workbook")
        self.child = _Child((str(db_path), kind, name, str(out), dict(options or {})))
        self.timer = QTimer(self)
        self.timer.setInterval(self.POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.finished = False
        # The window it belongs to (`owner`), gone while the output is still being written (it
        # asks first as it closes: `outputs_end_before_quitting`), takes the output with it: the
        # child is stopped and forgotten, so nothing waits on an output nobody can see finish.
        child_process = self.child
        self.destroyed.connect(lambda *_: _abandon(self, child_process))
        # over the window it was asked from, as a dialog that page opened
        self.dialog = OutputProgress(title, parent, self.cancel) if show_progress else None

    @property
    def process(self):
        """The child process, once started (None until then, or when cancelled before)."""
        return self.child.process

    @property
    def gone(self) -> threading.Event:
        """Set once its process has ended and let go of the file, or never started."""
        return self.child.gone

    def start(self) -> OutputProcess:
        OutputProcess._running.add(self)
        threading.Thread(target=self.child.launch, name="output process starting", daemon=True).start()
        self.timer.start()
        return self

    def _poll(self) -> None:
        failed = self.child.failed
        if failed is not None:
            reason = failed.strerror if isinstance(failed, OSError) and failed.strerror else child.sentence(failed)
            self._finish(self.error, f"The output could not be started: {reason.rstrip('.')}.")
            return
        process, queue = self.child.process, self.child.queue
        if process is None or queue is None:
            return  # still starting
        alive = process.is_alive()
        while not self.finished:
            try:
                message = queue.get_nowait()
            except queue_module.Empty:
                break
            self._handle(message)
        if not self.finished and not alive:
            # The process had ended before the pipe was read to its end: whatever it sent was
            # in the pipe already, so nothing more will come.
            self._finish(self.error, f"The output stopped unexpectedly (exit code {process.exitcode}).")

    def _handle(self, message: tuple) -> None:
        kind = message[0]
        if kind == "progress":
            if self.dialog is not None:
                self.dialog.report(*message[1:])
        elif kind == "done":
            self._finish(self.done, Path(message[1]))
        elif kind == "error":
            self._finish(self.error, message[1])

    def _finish(self, signal, value) -> None:
        self.finished = True
        self.timer.stop()
        if self.dialog is not None:
            self.dialog.end()
        self.child.ended()  # its file is written whole: the window does not wait for it to end
        OutputProcess._running.discard(self)
        signal.emit(value)

    def cancel(self) -> None:
        if self.finished:
            return
        self.finished = True
        self.timer.stop()
        if self.dialog is not None:
            self.dialog.end()
        self.child.stop()
        OutputProcess._running.discard(self)


def owner(widget: QWidget | None) -> QWidget | None:
    """The window an output belongs to: the outermost one holding `widget` (the main window, for
    a tab, a meeting open in it or a dialog over them). The page that asked may go before the
    output ends (another file opened, a backup restored, the meeting closed: the tabs are built
    again); the output still reads its file by its path, in its own process, and is saved and
    said as usual. A restore, which replaces the very file it reads, and quitting, which ends
    it, ask first (`outputs_end_before`)."""
    while widget is not None and widget.parentWidget() is not None:
        widget = widget.parentWidget()
    return widget


def _shown_over(parent: QWidget | None, window: QWidget | None) -> QWidget | None:
    """Where an output's ending is said: the page that asked for it, or, once that page has gone,
    the window it was in (`owner`)."""
    return parent if parent is None or shiboken6.isValid(parent) else window


def _unfinished(*kinds: type[OutputProcess] | type[OutputThread]) -> list:
    """The outputs of these kinds still being written: the one way outputs are looked up."""
    return [task for kind in kinds for task in list(kind._running) if not task.finished]


def outputs_reading(path: Path) -> list[OutputProcess]:
    """The outputs still being written from the database file `path` (however its path is spelt).
    One written in a thread reads a team database, never a file."""
    return [task for task in _unfinished(OutputProcess) if _is_file(task.db_path, path)]


def outputs_writing(path: Path) -> list[OutputProcess | OutputThread]:
    """The outputs still being written to the file `path` (however its path is spelt), in a
    child process or, on a team database, in a thread of the program."""
    return [task for task in _unfinished(OutputProcess, OutputThread) if _is_file(task.out, path)]


def _is_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:  # one is not there (yet): the same name, as this computer compares names
        try:
            return os.path.normcase(one.resolve()) == os.path.normcase(other.resolve())
        except (OSError, RuntimeError):  # RuntimeError: a shortcut leading round in a circle
            return os.path.normcase(one.absolute()) == os.path.normcase(other.absolute())


def outputs_of(window: QWidget) -> list[OutputProcess | OutputThread]:
    """The outputs still being written that belong to `window` (`owner`), in a child process or,
    on a team database, in a thread of the program."""
    return [task for task in _unfinished(OutputProcess, OutputThread) if task.parent() is window]


def outputs_end_before_replacing(parent: QWidget, path: Path) -> bool:
    """Before a restore replaces the file `path`: the outputs still being written from it cannot
    go on reading it (`outputs_end_before`)."""
    running = outputs_reading(path)
    names, verb, it = named(running)
    return outputs_end_before(parent, running, "restore", (
        f"{names} {verb} still being written from {path.name}, which the restore replaces. Wait for {it} "
        f"to be saved, or stop {it} (nothing is saved), then restore?"))


def outputs_end_before_quitting(window: QWidget) -> bool:
    """Before the program ends with `window`: its outputs still being written would end with it
    (`outputs_end_before`)."""
    running = outputs_of(window)
    names, verb, it = named(running)
    return outputs_end_before(window, running, "quit", (
        f"{names} {verb} still being written: wait for {it} to be saved, or stop {it} (nothing is saved)?"))


class _Child:
    """An output's process, started and waited for off the window's thread. Its temporary files
    carry `mark`, so that once it has ended the window can remove whatever it left."""

    #: Processes started and not yet waited for and cleaned up after.
    _live: set[_Child] = set()
    #: Seconds a process is given to end by itself (its last word said, or stopped) before it is
    #: stopped (again): one hung on its way out would otherwise be waited for without end.
    ENDING_S = 60.0

    def __init__(self, args: tuple):
        self.args = args
        self.out = args[3]
        self.mark = child.new_mark()
        self.lock = threading.Lock()
        self.process = None
        self.queue = None
        self.failed: BaseException | None = None
        self.stopped = False
        self.gone = threading.Event()  # its process has ended and was cleaned up after, or never started

    def launch(self) -> None:
        """In a thread of its own: start the process, unless stopped meanwhile."""
        try:
            context = multiprocessing.get_context("spawn")
            queue = context.Queue()
            process = context.Process(target=child.run, args=(*self.args, queue, self.mark), daemon=True)
            if self.stopped:
                self.gone.set()
                return
            _Child._live.add(self)
            process.start()
            child.put_behind_the_window(process.pid)
        except Exception as exc:  # reported by the window's next poll
            log.exception("Could not start an output's process")
            self.failed = exc
            _Child._live.discard(self)
            self.gone.set()
            return
        with self.lock:
            self.queue, self.process = queue, process
            stopped = self.stopped
        if stopped:  # cancelled (or its window closed) while it started
            process.terminate()
            self._wait_and_clean_up(process)

    def ended(self) -> None:
        """The process said its last word: it still closes its database and shuts Python down
        (over a second at its lower priority on a busy laptop), waited for in a thread of its own."""
        self._end(terminate=False)

    def stop(self) -> None:
        """Stop the process (or its start), and let it end in the background."""
        self._end(terminate=True)

    def _end(self, terminate: bool) -> None:
        with self.lock:
            if self.stopped:
                return
            self.stopped = True
            process = self.process
        if process is None:
            return  # never started, or `launch` stops it
        if terminate:
            process.terminate()
        threading.Thread(target=self._wait_and_clean_up, args=(process,), name="output process ending",
                         daemon=True).start()

    def _wait_and_clean_up(self, process, timeout: float | None = None) -> None:
        """Wait for the process to end, then remove the temporary file it was writing if it was
        stopped part-way (nothing once its file is written whole). One not ended within
        `ENDING_S` is stopped, then waited for; with a `timeout` (the program ending) it is left
        to end with the program after that long instead."""
        process.join(self.ENDING_S if timeout is None else timeout)
        if not _has_ended(process):
            if timeout is not None:
                return
            log.warning("An output's process had not ended after %s s: stopping it", self.ENDING_S)
            process.terminate()
            process.join()
        try:
            child.left_behind(self.out, self.mark)
        finally:
            _Child._live.discard(self)
            self.gone.set()

    def stop_at_exit(self, timeout: float) -> None:
        """The program is ending: stop the process if it still runs and clean up after it."""
        with self.lock:
            self.stopped = True
            process = self.process
        if process is None:
            return
        if process.is_alive():
            process.terminate()
        self._wait_and_clean_up(process, timeout)


def _has_ended(process) -> bool:
    """Whether an output's process has ended. Asking the process alone can be wrong: another
    thread may be collecting its end at that very moment (Python collects every ended process of
    the program as it starts another, as a second output does), so the process is no longer there
    to ask while its exit code is not yet recorded, and it would be taken as running for ever. Its
    sentinel (a pipe it holds open, or its handle on Windows) says it has ended, whoever collected
    it."""
    if not process.is_alive():
        return True
    sentinel = getattr(process, "sentinel", None)  # none for a process stood in for by a thread
    return sentinel is not None and bool(mp_connection.wait([sentinel], timeout=0))


@atexit.register
def _stop_outputs_at_exit(timeout: float = 5.0) -> None:
    """Outputs still being written as the program ends are stopped (their processes end with
    it), and the temporary files they were writing removed. One written in a thread of the
    program stops at its next progress report, which the program waits for as it ends
    (`worker.wait_for_workers`), and removes its own."""
    for output in _unfinished(OutputThread):
        output.cancel()
    for task in list(_Child._live):
        try:
            task.stop_at_exit(timeout)
        except Exception:  # the program is ending: the others are still cleaned up after
            log.exception("Could not stop an output as the program ended")


def _abandon(task: OutputProcess, process: _Child) -> None:
    OutputProcess._running.discard(task)
    process.stop()


def write_output(
    parent: QWidget | None,
    db,
    title: str,
    out: Path,
    kind: str,
    name: str,
    options: dict | None = None,
    on_saved: Callable[[Path], None] | None = None,
    note: str = "",
):
    """Write an output to `out` without blocking the window; tell the user when it is saved."""

    window = owner(parent)  # there still when the page that asked has gone (see `owner`)

    def saved(path: Path) -> None:
        if on_saved is not None:
            on_saved(path)
            return
        over = _shown_over(parent, window)
        if isinstance(over.window() if over is not None else None, QMainWindow):
            over.window().statusBar().showMessage(f"Saved {path}", 15000)
        told = note or (SENSITIVE_NOTE if file_is_marked(Path(path)) else "")  # marked for what it holds
        # over the window, not inside a page of it: the box stays when the tabs are built again
        # (another file opened, a backup restored); over a dialog that asked, that dialog
        box_over = over if over is None or over.isWindow() else over.window()
        SavedFileBox(box_over, title, Path(path), told).show()  # Open, Print, Show in folder

    def failed(problem) -> None:
        show_error(_shown_over(parent, window), f"Could not save {out.name}", problem)

    if getattr(db, "path", None) is not None:
        task = OutputProcess(parent, f"Writing {out.name}…", db.path, kind, name, out, options, what=title)
        task.done.connect(saved)
        task.error.connect(failed)
        return task.start()
    # A database without a file (a server URL) is read in a worker thread instead; the server
    # keeps its records when the window opens another database, so the read goes on.
    return OutputThread(out, what=title).start(
        window, f"Writing {out.name}…",
        lambda progress: child.run_job(db, kind, name, out, dict(options or {}), progress),
        on_done=saved, on_error=failed,
    )


def save_output(
    parent: QWidget | None,
    db,
    title: str,
    file_name: str,
    file_filter: str,
    kind: str,
    name: str,
    options: dict | None = None,
    on_saved: Callable[[Path], None] | None = None,
    note: str = "",
):
    """Ask where to save, then write the output (see `write_output`)."""
    out = choose_save_path(parent, title, file_name, file_filter, getattr(db, "path", None))
    if out is None:
        return None
    return write_output(parent, db, title, out, kind, name, options, on_saved, note)


SENSITIVE_NOTE = "It is marked OFFICIAL-SENSITIVE: store and share it accordingly."
FILTERS = {".pdf": PDF, ".xlsx": XLSX, ".ics": ICS, ".csv": CSV, ".docx": DOCX}


def save_job(parent: QWidget | None, db, job: jobs.Job, output: jobs.Output, options: dict | None = None,
             file_name: str | None = None, title: str | None = None):
    """Ask where to save one of a job's outputs, then write it in a child process. The user is
    told when the file is OFFICIAL-SENSITIVE (decided by the job: `jobs.is_sensitive`)."""
    chosen = {**output.options, **(options or {})}
    return save_output(
        parent, db, title or output.menu.rstrip("…"), file_name or output.file_name,
        FILTERS.get(output.suffix, "All files (*)"), "xlsx" if job.build is not None else "report", job.name,
        chosen, note=SENSITIVE_NOTE if job.marked else "",
    )


def job_actions(
    parent: QWidget,
    db,
    job: jobs.Job,
    *,
    ask: Callable[[], dict | None] | None = None,
    file_name: Callable[[dict], str] | None = None,
    fixed: dict | None = None,
    menus: Sequence[str] | None = None,
) -> list[QAction]:
    """One menu entry per way the job is offered (`job.outputs`), with the job's own texts.
    `ask()` gives options at click time (None: the click does nothing, e.g. no case chosen);
    `fixed` are options known now (the open meeting); `file_name(options)` names the file
    (without its suffix, which the output gives)."""
    actions = []
    for index, output in enumerate(job.outputs):
        action = QAction(menus[index] if menus else output.menu, parent)
        action.setObjectName(f"{job.name}/{index}")

        def triggered(_checked: bool = False, output: jobs.Output = output) -> None:
            asked = ask() if ask is not None else {}
            if asked is None:
                return
            options = {**(fixed or {}), **asked}
            suggested = file_name({**output.options, **options}) + output.suffix if file_name is not None else None
            save_job(parent, db, job, output, options, suggested, action_title(output))

        action.triggered.connect(triggered)
        actions.append(action)
    return actions


def action_title(output: jobs.Output) -> str:
    return output.menu.rstrip("…")


def area_actions(
    parent: QWidget,
    db,
    kind,
    *,
    ask: dict[str, Callable[[], dict | None]] | None = None,
    file_names: dict[str, Callable[[dict], str]] | None = None,
) -> list[QAction]:
    """File > Export for an area, built from its registered jobs (workbook first). A job that
    needs a record chosen first is included only when `ask` says how to get it."""
    ask = ask or {}
    file_names = file_names or {}
    actions: list[QAction] = []
    for job in jobs.area_jobs(kind):
        if job.needs and job.name not in ask:
            continue
        if job.build is not None:  # a workbook takes no options, whatever a report of its name asks
            actions += job_actions(parent, db, job)
            continue
        actions += job_actions(parent, db, job, ask=ask.get(job.name), file_name=file_names.get(job.name))
    return actions


def ask_for_selected(parent: QWidget, selected: Callable[[], object | None], title: str, message: str,
                     key: str = "record_id", fits: Callable[[object], bool] | None = None) -> Callable[[], dict | None]:
    """An `ask` for a job about the record chosen in a list (`selected()`: that row, or None):
    `{key: its id}`, or None after telling the user, in a box titled `title`, how to choose one
    (`fits` can turn away a row the job does not apply to)."""

    def ask() -> dict | None:
        row = selected()
        if row is None or (fits is not None and not fits(row)):
            QMessageBox.information(parent, title, message)
            return None
        return {key: row.id}  # type: ignore[attr-defined]

    return ask


def find_action(actions: Sequence[QAction], job_name: str, index: int = 0) -> QAction:
    """The entry `area_actions` made for one output of a job."""
    return next(a for a in actions if a.objectName() == f"{job_name}/{index}")
