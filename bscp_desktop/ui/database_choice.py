"""Choosing a database file for the window: File > New database's name, checked before
anything is made, and what the start offers when the database used last cannot be found (a
folder renamed, a shared drive not connected; a file deleted whose backups are kept: then also
restoring it), will not open (damaged, not a database: then
also restoring it from one of its backups), or when the folder where the first database is
made cannot be made (a read-only place): open another file, make a new database, or quit;
never a new, empty database made in its place without a word, nor a start that ends on the
same message every time."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from bscp_desktop import APP_NAME, paths
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.messages import show_error

#: The file dialogs' filter for a database, by the names `backup -o` and `copy --to` write
#: (`services.backups.DATABASE_SUFFIXES`): every dialog choosing a database file uses this one.
DB_FILTER = "BSCP Desktop database (*.sqlite3 *.sqlite *.db);;All files (*)"
OPEN_ANOTHER = "Open another file…"
NEW_DATABASE = "New database…"
QUIT = "Quit"
RESTORE = "Restore from a backup…"
#: What a file's refusal advises where the window has its File menu (not yet shown at start).
_MENU_HINT = re.compile(r"[;,:]? *restore a backup from the File menu[^.]*", re.IGNORECASE)


def new_database_problem(path: Path) -> str:
    """'' where File > New database may go on to make a database; else the sentence saying why
    not: a file already there, another database's working file (`-wal`, `-shm`, `.lock`, which
    SQLite would later remove), a place in the backup folder (whose rotation would remove it),
    a folder, a shortcut or a name too long: what opening it would refuse
    (`services.backups.working_file_problem`, as `app.open_database` and the command line's
    `demo` and `copy` check); a name not ending as a database file's does, or a file there that
    is not a database (`services.backups.database_output_problem`, as a backup's copy is
    checked): said while the officer can still choose another name."""
    from bscp_desktop.services.backups import database_output_problem, working_file_problem  # not before the frame is painted

    if problem := working_file_problem(path):  # a name too long first: the file system cannot even look for it
        return problem
    if problem := database_output_problem(path):
        return problem
    if path.is_file() and not path.is_symlink() and path.stat().st_size > 0:
        return f"{path} already exists; use Open database to open it."
    return ""


def database_name(path: Path) -> Path:
    """`path` as File > New database makes it: ending in a database file's suffix (.sqlite3,
    .sqlite or .db, `services.backups.DATABASE_SUFFIXES`), ".sqlite3" added if it does not:
    "BSCP 2.0" becomes "BSCP 2.0.sqlite3", "minutes.txt" "minutes.txt.sqlite3". The spaces and
    dots a name ends in, which Windows leaves out of a file's name, are left out first:
    "team.sqlite3." is "team.sqlite3", never "team.sqlite3.sqlite3"."""
    from bscp_desktop.services.backups import DATABASE_SUFFIXES

    if path.name.lower().endswith(DATABASE_SUFFIXES):
        return path
    trimmed = path.name.rstrip(". ") or path.name
    if trimmed.lower().endswith(DATABASE_SUFFIXES):
        return path.with_name(trimmed)
    return path.with_name(trimmed + ".sqlite3")


def ask_new_database_path(parent: QWidget | None, suggested: Path | None = None) -> Path | None:
    """File > New database: the name chosen, with a database file's suffix added where it has
    none (`database_name`), checked (`new_database_problem`, said in a message); None if
    cancelled or refused. The name as typed is checked first: another database's working file,
    a folder or a shortcut is refused as it was named, not made into a new name beside it. A name
    suggested in the program's own data folder has that folder made first, as at the first start
    (`_made_ready`); a folder of the officer's own is never made."""
    from bscp_desktop.services.backups import working_file_problem

    name, _ = QFileDialog.getSaveFileName(
        parent, "New database", str(_made_ready(suggested or paths.data_dir() / "new.sqlite3")), DB_FILTER
    )
    if not name:
        return None
    path = Path(name)
    problem = working_file_problem(path)  # as typed: "team.sqlite3-wal" is refused, not made "team.sqlite3-wal.sqlite3"
    if not problem:
        path = database_name(path)
        problem = new_database_problem(path)
    if problem:
        show_error(parent, "New database", problem)
        return None
    return path


def ask_open_path(parent: QWidget | None, folder: Path | None = None) -> Path | str | None:
    """File > Open database's choice: a file, or a team database's address typed in its box."""
    name, _ = QFileDialog.getOpenFileName(parent, "Open database", str(folder or paths.data_dir()), DB_FILTER)
    if not name:
        return None
    from bscp_desktop.ui.team.connecting import typed_address

    return typed_address(name) or Path(name)


def missing_text(last: Path, backups: list | None = None) -> str:
    """What the start says of the database used last that cannot be found: with `backups` (its
    backups, which a restore puts back in its old place), how many there are and the latest's date."""
    if backups:
        return (f"The database used last, {last.name}, cannot be found in the folder {last.parent}: it may have "
                f"been moved, renamed or deleted. Restore it from one of its backups ({len(backups)} in the backup "
                f"folder, the latest taken on {max(b.taken_at for b in backups):%d/%m/%Y}), open another file, or make "
                "a new database.")
    return (f"The database used last, {last.name}, cannot be found in the folder {last.parent}: the folder may "
            "have been renamed or moved, or a shared drive may not be connected. Connect the drive and start "
            "again, open another file, or make a new database.")


def when_last_is_missing(last: Path, parent: QWidget | None = None) -> tuple[Path | str | None, bool]:
    """At start, the database used last cannot be found: say so, naming it and its folder, and
    offer to restore it from one of its backups (where it has any and its folder is there: the
    restore makes the file in its old place), open another file, make a new database (suggested
    in the program's data folder, made first if it is missing), or quit. (what to open, whether
    to create it); (None, False) to quit."""
    found = _backups_of(last) if last.parent.is_dir() else []  # a folder gone: nothing to restore into
    restore = (lambda: _restore(last, found, parent, missing=True)) if found else None
    return offer_files(missing_text(last, found), _nearest_folder(last), paths.data_dir() / last.name, parent, restore)


def will_not_open_text(reason: str, backups: int | None) -> str:
    """`reason` without the File menu it may point to, and what can be done: restoring it where
    that would help (`backups`, how many it has; None where it would not: a file open in another
    window, read-only, or made by a newer version)."""
    why = _MENU_HINT.sub("", reason.strip()).rstrip(". ")
    if backups:
        return (f"{why}. Restore it from one of its backups ({backups} in the backup folder), open another file, "
                "or make a new database.")
    if backups == 0:
        return f"{why}. No backup of it was found: open another file, or make a new database."
    return f"{why}. Open another file, or make a new database."


def when_start_will_not_open(path: Path, reason: str, parent: QWidget | None = None) -> tuple[Path | str | None, bool]:
    """At start, the file to open will not open (`reason`, the sentence saying why): say why, and
    offer to restore it from one of its backups (where it is damaged and has any), open another
    file, make a new database, or quit. (what to open, whether to create it); (None, False) to
    quit."""
    damaged = "is damaged" in reason or bool(_MENU_HINT.search(reason))  # as the file's check says
    found = _backups_of(path) if damaged else []
    restore = (lambda: _restore(path, found, parent)) if found else None
    text = will_not_open_text(reason, len(found) if damaged else None)
    return offer_files(text, _nearest_folder(path), None, parent, restore)


def no_data_folder_text(folder: Path, exc: OSError) -> str:
    why = (exc.strerror or str(exc)).lower()
    return (f"The folder {folder}, where BSCP Desktop keeps its database, cannot be made ({why}). "
            "Open a database file kept elsewhere, or make a new database in a folder you can write to.")


def when_no_data_folder(default: Path, exc: OSError, parent: QWidget | None = None) -> tuple[Path | str | None, bool]:
    """At the first start, the folder for the default database cannot be made (`exc`: a
    read-only place): say so, naming it, and offer to open a file kept elsewhere, make a new
    database elsewhere (in the home folder to begin with), or quit."""
    home = Path.home()
    return offer_files(no_data_folder_text(default.parent, exc), home, home / default.name, parent)


def offer_files(text: str, folder: Path, suggested: Path | None, parent: QWidget | None = None,
                restore: Callable[[], Path | None] | None = None) -> tuple[Path | str | None, bool]:
    """Say `text` and offer: Restore from a backup (given `restore`, which restores and returns
    the file, or None), open another file (looked for from `folder`), make a new database (named
    `suggested` to begin with), or quit; asked again after a choice cancelled or refused. (what
    to open, whether to create it); (None, False) to quit."""
    while True:
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a file's path may hold "<", ">" or "&"
        restore_button = box.addButton(RESTORE, QMessageBox.ButtonRole.ActionRole) if restore else None
        open_button = box.addButton(OPEN_ANOTHER, QMessageBox.ButtonRole.AcceptRole)
        new_button = box.addButton(NEW_DATABASE, QMessageBox.ButtonRole.ActionRole)
        quit_button = box.addButton(QUIT, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore_button or open_button)
        box.setEscapeButton(quit_button)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()  # asked again after a choice cancelled: one box at a time over the window
        if restore is not None and clicked is restore_button:
            restored = restore()
            if restored is not None:
                return restored, False
        elif clicked is open_button:
            chosen = ask_open_path(parent, folder)
            if chosen is not None:
                return chosen, False
        elif clicked is new_button:
            made = ask_new_database_path(parent, suggested)
            if made is not None:
                return made, True
        else:
            return None, False


def _backups_of(path: Path) -> list:
    """The file's backups in the backup folder, newest first ([] if none can be read)."""
    from bscp_desktop.services.backups import list_backups  # not before the frame is painted

    try:
        return list_backups(path)
    except (OSError, ValueError):
        return []


def _restore(path: Path, found: list, parent: QWidget | None, missing: bool = False) -> Path | None:
    """Restore `path` from the backup chosen among `found` (checked in a copy first; the file
    there now is kept in the backup folder; where it is `missing`, the backup is put back in its
    place); None if cancelled or refused (said)."""
    from bscp_desktop.services.backups import restore_backup
    from bscp_desktop.ui.common.worker import held_while
    from bscp_desktop.ui.team import saved_name

    choices = [f"{b.label()}  ({b.path.name})" for b in found]
    choice, ok = QInputDialog.getItem(
        parent, "Restore from a backup",
        as_typed(f"Backups of {path}, newest first. " + ("The one chosen is put back there." if missing
                 else "The file there now is kept in the backup folder.")), choices, 0, False)
    if not ok:
        return None
    backup, user = found[choices.index(choice)].path, saved_name() or None
    try:  # in a worker, under a progress dialog: seconds on ten years of records
        held_while(parent, "Restore from a backup", f"Restoring {path.name} from {backup.name}…",
                   lambda: restore_backup(backup, path, user=user))
    except Exception as exc:  # a backup that is itself damaged, a folder that cannot be written: nothing replaced
        show_error(parent, "Restore failed", exc)
        return None
    return path


def _made_ready(suggested: Path) -> Path:
    """`suggested`, its folder made first where it is the program's own data folder and missing
    (renamed or moved away since), as the first start makes it; in the home folder where that
    folder cannot be made. Any other folder is left as it is."""
    folder = paths.data_dir()
    if suggested.parent != folder or folder.is_dir():
        return suggested
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only place: a name the officer can write to instead
        return Path.home() / suggested.name
    return suggested


def _nearest_folder(path: Path) -> Path:
    """The nearest folder above `path` that is there, to start looking from."""
    for folder in path.parents:
        if folder.is_dir():
            return folder
    return paths.data_dir()
