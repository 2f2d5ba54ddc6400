"""Starting the window: logging, the error dialog hook, opening the database."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

from bscp_desktop import APP_NAME, paths
from bscp_desktop.db.database import Database

log = logging.getLogger("bscp_desktop")


def display_target(target: Path | str) -> str:
    """A database as it may be logged or shown: a server address never shows its password."""
    from bscp_desktop.db.engines import display_address, is_server_address

    return display_address(target) if is_server_address(target) else str(target)


def open_database(path: Path | str, create: bool = True) -> Database:
    """Open a database for the window: a file checked, locked, backed up and upgraded, or a
    team database's `postgresql://` address (checked and upgraded on the server)."""
    db = Database.open_target(path, create=create, backup_folder=paths.backup_dir())
    if db.path is not None:  # a file's history records the name given in the window (a server names its users)
        from bscp_desktop.ui.team import saved_name

        db.user = saved_name() or None
    return db


def log_file() -> Path:
    return paths.log_dir() / "bscp-desktop.log"


def setup_logging() -> Path:
    target = log_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name("bscp-desktop")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "bscp-desktop"]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return target


def install_error_dialog() -> None:
    """An unexpected error is logged in full and shown as a short dialog naming the log."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    def hook(exc_type, exc, tb) -> None:
        if isinstance(exc, PermissionError) and QApplication.instance() is not None:
            log.warning("Refused: %s", exc)  # a team database's grants, or the protected history
            QMessageBox.warning(None, APP_NAME, f"{exc} Nothing was changed.")
            return
        log.error("Unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if QApplication.instance() is None:
            return
        QMessageBox.critical(
            None,
            APP_NAME,
            f"Something went wrong: {exc}\n\nYour saved work is safe. The details were written "
            f"to {log_file()}; please send that file to support.",
        )

    sys.excepthook = hook


def make_application(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    icon = paths.resource("icons", "bscp-desktop.png")
    if icon.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    from bscp_desktop.ui.common import dialog_fit

    dialog_fit.install(app)  # every dialog grows to fit its text
    return app


def choose_database_path(explicit: Path | str | None) -> Path | str:
    if explicit is not None:
        return explicit
    from PySide6.QtCore import QSettings

    last = QSettings().value("last_database")
    if last and Path(str(last)).is_file():
        return Path(str(last))
    default = paths.default_database_path()
    default.parent.mkdir(parents=True, exist_ok=True)
    return default


def run_gui(db_path: Path | str | None = None) -> int:
    setup_logging()
    app = make_application()
    install_error_dialog()
    from PySide6.QtWidgets import QMessageBox

    from bscp_desktop.ui.main_window import MainWindow

    path = choose_database_path(db_path)
    try:
        db = open_database(path, create=True)
    except Exception as exc:
        log.warning("Could not open %s: %s", display_target(path), exc)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 2
    window = MainWindow(db, open_database)
    window.show()
    if db.path is not None:
        from bscp_desktop.ui.team import saved_name

        if not saved_name():  # first run: whose changes the history records
            window.ask_name()
    from bscp_desktop.ui.common.worker import freeze_long_lived

    freeze_long_lived()
    try:
        return app.exec()
    finally:
        window.db.close()
