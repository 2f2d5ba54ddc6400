"""Writing an output in a separate process, so that the window never waits for it.

A big workbook takes seconds of pure Python; in a thread of the window's own process it
would hold Python's lock and stall the window. The window instead starts this module's
`run` in a child process (multiprocessing, spawn), which reads the database through a
query-only connection and reports progress and the result through a queue as plain tuples:
("progress", done, total, text), then ("done", path) or ("error", sentence).
"""

from __future__ import annotations

import errno
import logging
import os
import sys
from pathlib import Path
from typing import Any

from bscp_desktop.paths import given_path

log = logging.getLogger(__name__)


def sentence(exc: BaseException) -> str:
    from bscp_desktop.domain.validation import ValidationError

    if isinstance(exc, ValidationError):
        return exc.sentence()
    if words := full_disk_sentence(exc):
        return words
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or 'The file cannot be written'}: {exc.filename}."
    from bscp_desktop.services.failures import database_words

    if words := database_words(exc):  # a value the database holds that cannot be read, named by its record
        return words
    return str(exc).strip() or exc.__class__.__name__


def full_disk_sentence(exc: BaseException) -> str:
    """An output its disk had no room for, said as a backup's copy is (db/backup.py): the folder
    named, with what to do; '' for any other error. The file being written is removed and any
    earlier one kept (reports/files.atomic_write), so nothing was changed."""
    from bscp_desktop.db.backup import FULL

    if not isinstance(exc, OSError) or exc.errno != errno.ENOSPC:
        return ""
    if not exc.filename:
        return ("The folder being written to is full (no space is left on its disk); nothing was changed. "
                "Free some space there and try again.")
    target = Path(os.fsdecode(exc.filename))
    return (f"The folder {target.parent} {FULL} (no space is left on its disk), so {target.name} could not be "
            "written there; free some space on its disk and try again (nothing was changed).")


def run_job(db: Any, kind: str, name: str, out: Path, options: dict, progress) -> Path:
    """Write one output: kind "xlsx" (a workbook area) or "report" (a named report)."""
    from bscp_desktop import jobs

    if kind == "xlsx":
        return jobs.export_workbook(db, name, out, progress=progress)
    if kind == "report":
        return jobs.write_report(db, name, out, progress=progress, **options)
    raise ValueError(f"Unknown kind of output: {kind}")


BELOW_NORMAL_PRIORITY_CLASS = 0x00004000  # Windows
#: The niceness of an output's process elsewhere (19 is the lowest priority). On Linux the
#: process shares the window's session, which the system schedules as one group against
#: other programs: its niceness counts against the window's own threads, not against other
#: programs, so the window is served first and the output takes the rest. At 5 the window
#: still waited for a processor it shared with the output: on a busy machine half the steps
#: of File > Export held it over 100 ms, against one in seven at 15.
NICENESS = 15


def behind_the_window() -> None:
    """Run this process at a lower priority than the window's, so that on a busy laptop the
    window is served first and the output takes what is left. Only in a child process: never
    the window's own."""
    import multiprocessing

    if multiprocessing.parent_process() is None:
        return
    try:
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), BELOW_NORMAL_PRIORITY_CLASS)
        else:
            os.setpriority(os.PRIO_PROCESS, 0, max(os.getpriority(os.PRIO_PROCESS, 0), NICENESS))
    except (OSError, AttributeError):  # not allowed here: it runs at the window's priority
        pass


def put_behind_the_window(pid: int) -> None:
    """From the window, as soon as its output's process `pid` exists: at its lower priority
    from its first instruction, not only once its Python has started (a tenth of a second of
    processor time). The process does the same itself (`behind_the_window`), which is what
    counts on Windows."""
    if sys.platform == "win32" or not pid or pid == os.getpid():
        return
    try:
        os.setpriority(os.PRIO_PROCESS, pid, NICENESS)
    except OSError:  # ended already, or not allowed: it lowers itself
        pass


def run(db_path: str, kind: str, name: str, out: str, options: dict, queue, mark: str = "") -> None:
    """Entry point of the child process. Its temporary files carry `mark`, chosen by the
    window, which removes them if it has to stop this process part-way (`left_behind`)."""
    behind_the_window()
    from bscp_desktop.db.database import Database
    from bscp_desktop.reports.files import temporaries_marked

    def progress(done: int, total: int, text: str = "") -> None:
        queue.put(("progress", int(done), int(total), str(text)))

    try:
        with Database.open_reader(Path(db_path)) as db, temporaries_marked(mark):
            path = run_job(db, kind, name, Path(out), dict(options), progress)
    except Exception as exc:  # reported to the window as one sentence
        log.exception("Output failed")
        queue.put(("error", sentence(exc)))
    else:
        queue.put(("done", str(path)))


def new_mark() -> str:
    """A mark for one output's temporary files, unlike any other output's."""
    import secrets

    return secrets.token_hex(8)


def left_behind(out: str | os.PathLike[str], mark: str) -> None:
    """Once an output's process has ended: remove the temporary file it was writing if it was
    stopped part-way (Windows ends a process without letting it clean up). Only that output's
    own temporary files, found by `mark`; the file asked for and any earlier one are untouched."""
    from bscp_desktop.reports.files import remove_temporaries

    remove_temporaries(given_path(out).absolute(), mark)
