"""File > Back up now and File > Restore from a backup, for the main window: a file's backup
beside its others, a team database's copy written to a file in the background, and a restore
checked in a copy before it replaces the records (never of a team database, which the council's
IT team restores from the server's own backups). A team database is backed up by whoever looks
after it, as its owner: for a login that may not read all of it, Back up now is greyed with the
reason (`offer_backup`), and refused in the same words before a file name is asked for.

A file's backup (its check and copy) and a restore's checking of the backup read whole files:
seconds on ten years of records. They run in a worker thread (`worker.held_while`) under a progress
dialog that holds the program until they end; the window meanwhile repaints, and the restore's
question is asked on the window's thread once they have ended. Both read the file through
connections of their own, as the start-up backup does: the window's database stays open and
untouched meanwhile.

Once the officer says yes, the tabs are taken down (their timers and lists with them) and the
window's database is closed, so nothing in the window reads or writes the file while it is
replaced; the swap (the copy kept of the current file, the backup's pages written in) and the
file's opening again, with its check, run in the worker in the same way. Then the tabs are built
again on the restored file, the one on screen first."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from bscp_desktop import APP_NAME, paths
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.messages import confirm, show_error
from bscp_desktop.ui.common.worker import held_while
from bscp_desktop.ui.database_choice import DB_FILTER

if TYPE_CHECKING:
    from bscp_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def backup_now(window: MainWindow) -> None:
    from bscp_desktop.services import backups

    if window.db.path is None:  # a team database: a file copy of it, written in the background
        _backup_server(window)
        return
    path = window.db.path
    try:
        target = held_while(window, "Back up now", f"Backing up {path.name}…", lambda: backups.backup_now(path))
    except Exception as exc:
        show_error(window, "Backup failed", exc)
        return
    window.statusBar().showMessage(f"Backed up to {target}", 10000)


def offer_backup(action: QAction, db) -> None:
    """Grey Back up now (`action`), saying why in its tooltip, on a team database whose login may
    not back it up (`copies.backup_refusal`: it is backed up by whoever looks after it, as its
    owner); elsewhere it is left as the window's other database actions are."""
    reason = _backup_refused(db)
    if reason:
        action.setEnabled(False)
    action.setToolTip(reason)
    action.setStatusTip(reason)


def _backup_refused(db) -> str:
    """Why the login connected to `db` may not back it up ('' when it may, or when the server
    cannot be asked now: the backup itself then says what is wrong)."""
    if db is None or db.path is not None:  # a file, or none yet: nothing read, nothing loaded (a quick start)
        return ""
    from bscp_desktop.services import copies

    try:
        return copies.backup_refusal(db)
    except Exception:
        log.warning("Could not ask the team database whether this login may back it up", exc_info=True)
        return ""


def _backup_server(window: MainWindow) -> None:
    from bscp_desktop.services import copies
    from bscp_desktop.ui.common.worker import run_in_background

    if refused := _backup_refused(window.db):  # said before a file name is asked for
        show_error(window, "Back up now", refused)
        return
    folder = paths.backup_dir()
    with contextlib.suppress(OSError):  # the program's own folder, offered: made now (a place it cannot be is said on writing)
        folder.mkdir(parents=True, exist_ok=True)
    suggested = folder / copies.server_backup_name(window.db.url)
    name, _ = QFileDialog.getSaveFileName(
        window, "Back up the team database to a file", str(suggested), DB_FILTER)
    if not name:
        return
    address = window.db.url
    run_in_background(
        window, "Backing up the team database",
        lambda progress: copies.backup_server(address, Path(name))[0],
        on_done=lambda target: window.statusBar().showMessage(f"Backed up to {target}", 10000),
        on_error=lambda exc: show_error(window, "Backup failed", exc),
    )


def restore_backup(window: MainWindow) -> None:
    from bscp_desktop.services import backups

    if window.db.path is None:
        show_error(window, "Restore from a backup", window.restore_action.toolTip())
        return
    found = backups.list_backups(window.db.path)
    choices = [f"{b.label()}  ({b.path.name})" for b in found]
    choices.append("Choose a backup file…")
    choice, ok = QInputDialog.getItem(
        window, "Restore from a backup",
        as_typed(f"Backups of {window.db.path}, newest first. The current file is backed up first." if found else
                 f"There are no backups of {window.db.path.name} in the backup folder\n{paths.backup_dir()}\n"
                 "Choose a backup file kept elsewhere. The current file is backed up first."),
        choices, 0, False,
    )
    if not ok:
        return
    if choice == choices[-1]:
        folder = paths.backup_dir() if paths.backup_dir().is_dir() else window.db.path.parent  # a folder that is there
        name, _ = QFileDialog.getOpenFileName(window, "Choose a backup", str(folder), DB_FILTER)
        if not name:
            return
        source = Path(name)
    else:
        source = found[choices.index(choice)].path
    path, user = window.db.path, window.db.user
    try:  # checked in a copy first: a broken or foreign backup leaves everything as it is
        prepared = held_while(window, "Restore from a backup", f"Checking the backup {source.name}…",
                               lambda: backups.prepare_restore(source, path, user=user))
    except Exception as exc:
        show_error(window, "Restore failed", exc)
        return
    question = restore_question(prepared, path.name, source.name)  # after the check: it names another database's
    if (not confirm(window, "Restore from a backup", question) or not window.ready_to_leave()
            or not _outputs_ended(window, path)):
        held_while(window, "Restore from a backup", "Removing the checked copy of the backup…", prepared.discard)
        return
    window.flush_all()
    shown = window.tabs.currentIndex()
    _take_down_tabs(window)
    window.db.close()
    try:
        safety = held_while(window, "Restore from a backup", f"Restoring {path.name} from {source.name}…",
                             prepared.swap_in)
    except Exception as exc:
        show_error(window, "Restore failed", exc)
        safety = None
    try:
        window.db = held_while(window, "Restore from a backup", f"Opening {path.name}…",
                                lambda: window.opener(path, False))
    except Exception as exc:
        show_error(window, "Could not reopen the database", exc)
        window.close()
        return
    window._build_tabs()
    window.tabs.setCurrentIndex(shown)
    report_backup_not_written(window, window.db)  # the file reopened: as when any file is opened
    if safety:
        window.statusBar().showMessage(f"Restored. The previous file was kept as {safety}", 15000)


def _take_down_tabs(window: MainWindow) -> None:
    """Remove the window's tabs and delete them at once, with their timers (the minutes' claim
    renewed, an autosave) and lists: none of them may touch the file while it is replaced."""
    tabs = window.tabs
    while tabs.count():
        widget = tabs.widget(0)
        tabs.removeTab(0)
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _outputs_ended(window: MainWindow, path: Path) -> bool:
    """No output is still being written from the file the restore replaces (asked otherwise)."""
    from bscp_desktop.ui.common.outputs import outputs_end_before_replacing

    return outputs_end_before_replacing(window, path)


def report_backup_not_written(window: MainWindow, db) -> None:
    """A backup on opening the file that the backup folder could not take (full, read-only):
    said in the status bar and a message, whenever a file is opened (at start, from the File
    menu, after a restore); the file is sound and is saved to as usual. At start the backup may
    be left until the first tab shows its records (`db.later`)."""
    later = getattr(db, "later", None)
    sentence = getattr(later if later is not None else db, "backup_problem", "")
    if not sentence or window.db is not db or not window.isVisible():
        return
    window.statusBar().showMessage(sentence)
    QMessageBox.warning(window, APP_NAME, as_typed(sentence))  # may name the backup folder


def restore_question(prepared, name: str, backup: str) -> str:
    """What the officer is asked before a checked backup replaces the records in the file `name`:
    first, in plain words, where the backup is of another database (another partnership's)."""
    question = (f"Replace everything in {name} with the backup {backup}? "
                "A copy of the current file is kept in the backup folder.")
    if prepared.altered:  # its history altered only where the file's already is
        question = f"{prepared.altered}\n\n{question}"
    if prepared.other_database is None:
        return question
    theirs, ours = prepared.other_database
    return (f"This backup is of another database: {theirs}, not {ours}. Restoring it replaces everything in "
            f"{name} with that database's records.\n\n{question}")
