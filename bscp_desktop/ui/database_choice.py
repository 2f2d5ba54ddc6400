"""Choosing a database file for the window: File > New database's name, checked before
anything is made, and what the start offers when the database used last cannot be found (a
folder renamed, a shared drive not connected): open another file, make a new database, or
quit; never a new, empty database made in its place without a word."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from bscp_desktop import APP_NAME, paths
from bscp_desktop.ui.common.messages import show_error

DB_FILTER = "BSCP Desktop database (*.sqlite3 *.db);;All files (*)"
OPEN_ANOTHER = "Open another file…"
NEW_DATABASE = "New database…"
QUIT = "Quit"


def new_database_problem(path: Path) -> str:
    """'' where File > New database may go on to make a database; else the sentence saying why
    not: a file already there, another database's working file (`-wal`, `-shm`, `.lock`, which
    SQLite would later remove), a place in the backup folder (whose rotation would remove it),
    a folder, a shortcut or a name too long: what opening it would refuse
    (`services.backups.working_file_problem`, as `app.open_database` and the command line's
    `demo` and `copy` check), said while the officer can still choose another name."""
    from bscp_desktop.services.backups import working_file_problem  # not before the frame is painted

    if problem := working_file_problem(path):  # a name too long first: the file system cannot even look for it
        return problem
    if path.is_file() and not path.is_symlink() and path.stat().st_size > 0:
        return f"{path} already exists; use Open database to open it."
    return ""


def ask_new_database_path(parent: QWidget | None, suggested: Path | None = None) -> Path | None:
    """File > New database: the name chosen, checked (`new_database_problem`, said in a
    message); None if cancelled or refused."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "New database", str(suggested or paths.data_dir() / "new.sqlite3"), DB_FILTER
    )
    if not name:
        return None
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(".sqlite3")
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


def missing_text(last: Path) -> str:
    return (f"The database used last, {last.name}, cannot be found in the folder {last.parent}: the folder may "
            "have been renamed or moved, or a shared drive may not be connected. Connect the drive and start "
            "again, open another file, or make a new database.")


def when_last_is_missing(last: Path, parent: QWidget | None = None) -> tuple[Path | str | None, bool]:
    """At start, the database used last cannot be found: say so, naming it and its folder, and
    offer to open another file, make a new database, or quit. (what to open, whether to create
    it); (None, False) to quit."""
    while True:
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, missing_text(last), parent=parent)
        open_button = box.addButton(OPEN_ANOTHER, QMessageBox.ButtonRole.AcceptRole)
        new_button = box.addButton(NEW_DATABASE, QMessageBox.ButtonRole.ActionRole)
        quit_button = box.addButton(QUIT, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_button)
        box.setEscapeButton(quit_button)
        box.exec()
        clicked = box.clickedButton()
        if clicked is open_button:
            chosen = ask_open_path(parent, _nearest_folder(last))
            if chosen is not None:
                return chosen, False
        elif clicked is new_button:
            made = ask_new_database_path(parent, paths.data_dir() / last.name)
            if made is not None:
                return made, True
        else:
            return None, False


def _nearest_folder(path: Path) -> Path:
    """The nearest folder above `path` that is there, to start looking from."""
    for folder in path.parents:
        if folder.is_dir():
            return folder
    return paths.data_dir()
