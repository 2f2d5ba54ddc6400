"""Opening another file from the File menu (Open database…, Open recent, New database…) the way
the start opens one (app.py).

The file is opened off the window's thread, which keeps painting; "Opening <file>…" shows over
the window if that takes long (an upgrade's check and backup: seconds on ten years of records).
A file that opening does not write to is opened without reading every page and without its
backup: both run once the tab on screen shows its records (db/later_checks.py), and a damaged
file is said over the window as soon as they find it, as at start. A file that must be written
to at opening (an upgrade) is still checked and backed up first. Then, in a worker, its change
history is read as `check` reads it, and a history changed outside the program (or its protection
put back) is said once, as a warning that stops no save. A file whose last window ended without
closing it (the computer stopped, or the program was ended) is said once too, with where to look
(`report_left_open`). Every refusal (damaged, of a
newer version, in use elsewhere) is the one the opener raises, said by the caller as before.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from bscp_desktop import APP_NAME
from bscp_desktop.ui.common.format import display
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.worker import BackgroundTask

log = logging.getLogger(__name__)

TITLE = "Open database"
SHOW_AFTER_MS = 300  # "Opening <file>…" shows once the opening has taken this long


def open_off_the_window(window, path: Path, create: bool):
    """`window.opener(path, create, check_later=True)` run in a worker while the window's event
    loop keeps turning; the database once open, raising what the opener raised. None if the
    window was closed meanwhile (the file, once open, is closed unseen)."""
    outcome: dict[str, object] = {}
    ended = threading.Event()

    def job(_progress) -> None:
        try:
            outcome["db"] = window.opener(path, create, check_later=True)
        except Exception as exc:
            outcome["error"] = exc
        finally:
            ended.set()

    task = BackgroundTask(window, TITLE, job, label=as_typed(f"Opening {path.name}…"))
    if task.dialog is not None:  # shown after SHOW_AFTER_MS with no progress told; then nothing else starts meanwhile
        task.dialog.setValue(0)
        task.dialog.setMinimumDuration(SHOW_AFTER_MS)
        task.dialog.setWindowModality(Qt.WindowModality.WindowModal)
    loop = QEventLoop()
    closed: list[bool] = []

    def closing() -> None:
        closed.append(True)
        loop.quit()

    task.done.connect(loop.quit)
    task.error.connect(loop.quit)
    window.closing.connect(closing)
    try:
        task.start()
        if not ended.is_set():
            loop.exec()
    finally:
        window.closing.disconnect(closing)
    ended.wait()  # at once, unless the window was closed while the file was opening
    if "error" in outcome:
        raise outcome["error"]
    if closed:
        close_unseen(outcome["db"])
        return None
    return outcome["db"]


def close_unseen(db) -> None:
    """Close a database nobody looks at any more: its later checks, if not started, are not
    needed (nothing was written to it)."""
    later = getattr(db, "later", None)
    if later is not None:
        later.cancel()
    db.close()


def check_when_shown(window, db) -> None:
    """Once the tab on screen shows the records of `db`, just opened in the window: its later
    checks run and are watched (`watch_later_checks`), and the claims to be editing minutes that
    a run that ended left in the file are cleared, in a worker (a write: it waits for the checks)."""
    if window.db is not db or not window.isVisible():
        return
    if still_loading(window.tabs.currentWidget()):
        QTimer.singleShot(5, lambda: check_when_shown(window, db))
        return
    watch_later_checks(window, db)
    if db.path is not None:
        BackgroundTask(None, "Clearing old claims", lambda _progress: clear_left_behind(db), show_progress=False).start()


def clear_left_behind(db) -> None:
    """This window holds the file now: every claim to be editing minutes in it was left by a run
    that ended (`editing.clear_left_behind`)."""
    from bscp_desktop.services import editing

    try:
        editing.clear_left_behind(db)
    except Exception:  # they go stale by themselves within a minute
        log.warning("Could not clear the claims left by an earlier run", exc_info=True)


def watch_later_checks(window, db) -> None:
    """Let the file's integrity check and start-up backup run now (left until the first tab
    showed its records: db/later_checks.py), and say at once if they find the file damaged; a
    sound file's change history is read then (`watch_history`)."""
    from bscp_desktop.ui.backups_menu import report_backup_not_written

    if getattr(db, "left_open_since", None) is not None:  # said once the checks below have started
        QTimer.singleShot(0, lambda: report_left_open(window, db))
    later = getattr(db, "later", None)
    if later is None:  # checked and backed up as it opened: a backup not written, and its history, are left to say
        report_backup_not_written(window, db)
        watch_history(window, db)
        return
    later.go()

    def checked(problem: str) -> None:
        if not isValid(window):  # closed while the file was checked
            return
        if problem:
            report_damage(window, db, problem)
            return
        report_backup_not_written(window, db)
        watch_history(window, db)

    task = BackgroundTask(None, "Checking the database", lambda _progress: later.wait(), show_progress=False)
    task.done.connect(checked)
    task.start()


def watch_history(window, db) -> None:
    """Read the change history of `db`, just opened in the window, as `check` reads it
    (`db.history_check`, in a worker: seconds on ten years of records), and say what it found
    (`report_history`). The reading stops once the window closes or leaves the file."""
    check = getattr(db, "history_check", None)
    if check is None or not isValid(window) or window.db is not db:  # a team database: `check` reads it on the server
        return  # (or the window closed while the file was checked)
    window.closing.connect(check.cancel)
    task = BackgroundTask(None, "Reading the change history", lambda _progress: check.run(lambda: window.db is not db),
                          show_progress=False)
    task.done.connect(lambda words: report_history(window, db, words, check.altered) if words else None)
    task.start()


def report_history(window, db, words: str, altered: bool) -> None:
    """What the reading of the change history found, said over the window once: a history
    changed outside the program as a warning, its protection put back as information. Neither
    stops a save (db/later_checks.HistoryCheck)."""
    if window.db is not db or not window.isVisible():
        return
    if altered:
        window.statusBar().showMessage(f"The change history of {db.path.name} was changed outside BSCP Desktop.")
        QMessageBox.warning(window, APP_NAME, as_typed(words))
    else:
        QMessageBox.information(window, APP_NAME, as_typed(words))


def left_open_words(name: str, since: float) -> str:
    """What the officer is told of the file `name` whose last window, opened at `since` (a
    timestamp), ended without closing it: what is kept, and where to look."""
    opened = datetime.fromtimestamp(since)
    return (f"{APP_NAME} did not close properly the last time {name} was open (opened on {display(opened.date())} at "
            f"{opened:%H:%M}): the computer stopped or the program was ended. Everything saved until then is here. "
            "Minutes save as you type: if you were taking minutes, check the last few words of the item you were on. "
            "A decision typed but not yet added is back on its item's decision line when you open that meeting's "
            "minutes again: press Enter to add it.")


def report_left_open(window, db) -> None:
    """A file whose last window ended without closing it (db/lock.py: `left_open_since`) said
    once over the window: in the status bar until something else is said there, and in a message.
    The minutes typed then were saved up to their last second or two (ui/common/autosave.py)."""
    since, db.left_open_since = getattr(db, "left_open_since", None), None
    if since is None or not isValid(window) or window.db is not db or not window.isVisible():
        return
    window.statusBar().showMessage(f"{APP_NAME} did not close properly the last time {db.path.name} was open: "
                                   "check the last few words of any minutes you were taking.")
    QMessageBox.information(window, APP_NAME, as_typed(left_open_words(db.path.name, since)))


def report_damage(window, db, problem: str) -> None:
    """A file found damaged after it opened: said over the window, which keeps showing what it
    read; every save is refused with the same sentence (db/later_checks.py)."""
    if window.db is not db or not window.isVisible():
        return
    window.db_label.setText(f"Damaged, nothing can be saved: {db.label}")
    QMessageBox.critical(window, APP_NAME, as_typed(f"{problem} Until then nothing can be saved to it."))


def still_loading(widget: QWidget | None) -> bool:
    """Whether a page on screen inside `widget` is still reading in the background, or has
    yet to read what it shows."""
    if widget is None:
        return False
    for page in [widget, *widget.findChildren(QWidget)]:
        if getattr(page, "_stale", False) and page.isVisible():
            return True
        loading = getattr(page, "loading", None)
        if callable(loading) and page.isVisible():
            try:
                if loading():
                    return True
            except TypeError:
                continue
    return False
