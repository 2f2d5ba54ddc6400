"""Starting the window: logging, the error dialog hook, opening the database.

The window's frame is shown first, before any database code is loaded; the file is then
checked, locked, backed up and upgraded in a worker thread while the frame stays responsive
(a large file's start-up backup takes seconds), and the tabs fill in once it is open. A file
that cannot be opened is explained in a message over the frame: one named on the command line
ends the program; any other is said with the choice of restoring it from a backup (a damaged
one), another file, a new database, or quitting (ui/database_choice.py).
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from bscp_desktop import APP_NAME, paths

if TYPE_CHECKING:
    from bscp_desktop.db.database import Database

log = logging.getLogger("bscp_desktop")
_STARTED = time.perf_counter()
#: Set, the start writes "frame" and "filled" to standard output as it reaches them (the start-up
#: benchmark times them from launch); set to "quit", the window then closes at once.
MARKS_ENV = "BSCP_DESKTOP_STARTUP_MARKS"


def display_target(target: Path | str) -> str:
    """A database as it may be logged or shown: a server address never shows its password."""
    from bscp_desktop.db.engines import display_address, is_server_address

    return display_address(target) if is_server_address(target) else str(target)


def open_database(path: Path | str, create: bool = True, check_later: bool = False, every_model: bool = True) -> Database:
    """Open a database for the window: a file checked, locked, backed up and upgraded, or a
    team database's `postgresql://` address (checked and upgraded on the server). With
    `check_later`, a file opening does not write to is checked and backed up once the window's
    first tab shows (db/later_checks.py; `watch_later_checks` says what they found); a file held
    by another program's write is refused first, and so, at File > Open (`every_model`), is one
    lacking a table or column: at start, where only the first tab's records are loaded, the later
    checks find it once the tab shows and say so over the window. A file in the
    backup folder is refused in one sentence, and so is a new database (`create`) in a place
    where none may be made (db/targets.check_working_database), and a file whose lock file's name
    a shortcut, a folder or a pipe has taken (db/lock.NotALockFile)."""
    from bscp_desktop.db import later_checks, models
    from bscp_desktop.db.database import Database

    if every_model:  # File > Open: the window keeps the file it shows until this one is found whole
        models.load_all()
    if not _is_address(path):  # never a backup (its rotation would remove it), nor a new one in another file's place
        from bscp_desktop.db.lock import FileLock
        from bscp_desktop.db.targets import TargetRefused, check_working_database, name_problem

        if too_long := name_problem(Path(path), database=True):  # said before the file system is asked of it (it cannot look)
            raise TargetRefused(too_long)
        FileLock.for_database(path).refuse_unless_ordinary()  # a shortcut, folder or pipe in its place: never opened
        check_working_database(path, paths.backup_dir(), create)
    db = Database.open_target(path, create=create, backup_folder=paths.backup_dir(), check_later=check_later)
    if check_later and every_model:  # File > Open: read now, before the window leaves the file it shows
        later_checks.refuse_misshapen(db)
    if db.path is not None:  # a file's history records the name given in the window (a server names its users)
        from bscp_desktop.ui.team import saved_name

        db.user = saved_name() or None
        if not check_later:  # at start, once the first tab shows (`_load_the_rest`): its code is not loaded before
            _clear_left_behind(db)
    return db


def _clear_left_behind(db) -> None:
    """This window holds the file now: the claims left by an earlier run go (`opening.clear_left_behind`)."""
    from bscp_desktop.ui.opening import clear_left_behind

    clear_left_behind(db)


def log_file() -> Path:
    return paths.log_dir() / "bscp-desktop.log"


class _CommandLog(logging.handlers.RotatingFileHandler):
    """A command's log: the window's file, opened only once something is logged. A record it
    cannot write (the disk full, the file kept by a window while it is renamed) is dropped, never
    printed: a command's stderr holds only its own sentences."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)  # made only when something is written
        return super()._open()


def setup_logging(command: bool = False) -> Path:
    """Everything logged (INFO and up) goes to the log file (`log_file`); the window's, else to
    stderr where it cannot be written. A command's (`command`) goes to the same file, never to
    stderr (`_CommandLog`): where the file cannot be made, it goes nowhere."""
    target = log_file()
    handler: logging.Handler
    try:
        if not command:
            target.parent.mkdir(parents=True, exist_ok=True)
        kind = _CommandLog if command else logging.handlers.RotatingFileHandler
        handler = kind(target, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=command)
    except OSError:
        handler = logging.NullHandler() if command else logging.StreamHandler()
    said_by = " (a command, process %(process)d)" if command else ""  # the window's lines read as always
    handler.setFormatter(logging.Formatter(f"%(asctime)s %(levelname)s %(name)s{said_by}: %(message)s"))
    handler.set_name("bscp-desktop")
    if command:  # a command's warnings and errors only: one that wrote nothing wrong leaves no log file behind
        handler.setLevel(logging.WARNING)
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "bscp-desktop"]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return target


@contextlib.contextmanager
def command_logging():
    """While a command runs, what the program logs (a warning with its traceback, say) goes to
    the window's log file (`setup_logging`), never to stderr, which holds only the command's own
    sentences. The logging is as it was afterwards (a test runs many commands in one process)."""
    root = logging.getLogger()
    if any(handler.get_name() == "bscp-desktop" for handler in root.handlers):  # set up already
        yield
        return
    level, before = root.level, list(root.handlers)
    setup_logging(command=True)
    try:
        yield
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)


def install_error_dialog() -> None:
    """An unexpected error is logged in full and shown as a short dialog naming the log."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from bscp_desktop.ui.common.labels import as_typed  # an error may quote what was typed, or a path

    def hook(exc_type, exc, tb) -> None:
        if isinstance(exc, PermissionError) and QApplication.instance() is not None:
            log.warning("Refused: %s", exc)  # a team database's grants, or the protected history
            QMessageBox.warning(None, APP_NAME, as_typed(f"{exc} Nothing was changed."))
            return
        from bscp_desktop.services.failures import database_words

        words = database_words(exc)  # the database's own failure: in words, never its SQL or values
        if words and QApplication.instance() is not None:
            log.warning("Refused by the database: %s", type(exc).__name__)
            QMessageBox.warning(None, APP_NAME, as_typed(words))
            return
        log.error("Unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if QApplication.instance() is None:
            return
        QMessageBox.critical(
            None,
            APP_NAME,
            as_typed(f"Something went wrong: {exc}\n\nYour saved work is safe. The details were written "
                     f"to {log_file()}; please send that file to support."),
        )

    sys.excepthook = hook


def skip_pyside_source_scan() -> None:
    """PySide6 reads the whole source of every module imported after it, to learn whether that
    module opts in to its `from __feature__ import ...` spellings (snake_case, true_property),
    which this program never uses: a tenth of a second at start, and a file read each that a
    council laptop's virus scanner checks. Decide from the module's names instead (nothing is
    read). Without that hook in this version of PySide6, nothing changes."""
    from PySide6 import QtCore  # noqa: F401 - the hook is installed with QtCore

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _holds_pyside


def _holds_pyside(module) -> bool:
    """Whether a module just imported holds anything of PySide6 (what PySide6's own check
    answers, for a module that imports from it)."""
    for value in list(getattr(module, "__dict__", {}).values()):
        name = getattr(value, "__module__", None) or getattr(value, "__name__", None)
        if isinstance(name, str) and name.startswith(("PySide6", "shiboken6")):
            return True
    return False


def mark(moment: str, detail: str = "") -> None:
    """Log how long the start took to reach `moment` (support can see a slow laptop in the
    log); with MARKS_ENV set, also say it on standard output."""
    seconds = time.perf_counter() - _STARTED
    said = {"frame": "the window shown", "filled": "the first tab filled"}.get(moment, moment)
    log.info("Start: %s after %.2f s (%.2f s of processor time) %s", said, seconds, time.process_time(), detail)
    if os.environ.get(MARKS_ENV):
        print(moment, f"{seconds:.4f}", f"{time.process_time():.4f}", detail, flush=True)


def make_application(argv: list[str] | None = None, fit_dialogs: bool = True):
    """The application; with `fit_dialogs` False, `fit_dialogs_to_text(app)` is left to the
    caller (the start does it once the frame is painted: no dialog shows before)."""
    skip_pyside_source_scan()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    from bscp_desktop.ui.common.worker import collect_on_the_window_thread

    collect_on_the_window_thread(app)  # a widget is never deleted by a worker's collection
    icon = paths.resource("icons", "bscp-desktop.png")
    if icon.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    if fit_dialogs:
        fit_dialogs_to_text(app)
    return app


def fit_dialogs_to_text(app) -> None:
    from bscp_desktop.ui.common import dialog_fit

    dialog_fit.install(app)  # every dialog grows to fit its text


def choose_database_path(explicit: Path | str | None) -> Path | str | None:
    """The database the window opens at start (`choose_start`); None to quit."""
    return choose_start(explicit)[0]


def choose_start(explicit: Path | str | None) -> tuple[Path | str | None, bool]:
    """(what the window opens at start, whether it may be created there). The one given is made
    where no file is; the one used last must be there: an empty file is never made into a new
    database, nor a missing one without a word. When the one used last cannot be found, the officer is told and chooses
    another file, a new database, or to quit ((None, False): ui/database_choice.py). Only at
    the very first start, with none used before, is the default database made."""
    if explicit is not None and _is_address(explicit):
        return explicit, False
    if explicit is not None:  # a new database where none is (`--db new.sqlite3`); an empty file never
        explicit = paths.given_path(explicit)
        return explicit, not _there(explicit, Path.exists)
    from PySide6.QtCore import QSettings

    last = QSettings().value("last_database")
    if last:
        if _there(Path(str(last)), Path.is_file):
            return Path(str(last)), False
        if _there(Path(str(last)), Path.is_dir):  # said as opening it says (db/database.inspect_file)
            from bscp_desktop.ui.database_choice import when_start_will_not_open

            log.warning("The database used last, %s, is a folder", last)
            return when_start_will_not_open(Path(str(last)), f"{Path(str(last))} is a folder, not a database file.")
        from bscp_desktop.ui.database_choice import when_last_is_missing

        log.warning("The database used last, %s, cannot be found", last)
        return when_last_is_missing(Path(str(last)))
    default = paths.default_database_path()
    try:
        default.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a read-only place: the officer opens or makes a file elsewhere
        from bscp_desktop.ui.database_choice import when_no_data_folder

        log.warning("The data folder %s cannot be made: %s", default.parent, exc)
        return when_no_data_folder(default, exc)
    return default, True


def _there(path: Path, test) -> bool:
    """`test(path)` (Path.exists, Path.is_file); False for a name this computer cannot look up
    (too long for a file name): such a file cannot be found, and is made or chosen as one missing."""
    try:
        return test(path)
    except (OSError, ValueError):
        return False


def show_frame(path: Path | str):
    """The main window's frame, painted, before the database is opened."""
    from PySide6.QtWidgets import QApplication

    from bscp_desktop.ui.main_window import MainWindow

    window = MainWindow(None, open_database, opening=_short_name(path))
    window.show()
    QApplication.processEvents()  # painted now, not after the database work
    mark("frame")
    return window


def _short_name(path: Path | str) -> str:
    """What the frame says it is opening (without loading the database code to parse it)."""
    return "the team database" if "://" in str(path) else Path(path).name


def _open_and_prepare(path: Path | str, create: bool, first_tab: int) -> Database:
    """In the worker thread: get the window ready to show the database (`_prepare`: its first
    tab's code), then open it."""
    _prepare(first_tab)
    return open_database(path, create=create, check_later=True, every_model=False)


def _prepare(first_tab: int) -> None:
    """In the worker thread, the file open: load the code of the tab on screen, so the window's
    thread has only its widgets left to build, and start the thread that writes the settings,
    so the window does not wait for it to start (tens of milliseconds on a busy machine) as it
    remembers the file among the recent ones."""
    from bscp_desktop.ui.common.settings_store import start_writer

    _preload(first_tab)
    start_writer()


def _preload(*tabs: int) -> None:
    """Load the code of these tabs (all when none is named, and then the outputs they offer:
    building a tab's Export entries, or opening a meeting with its PDFs, would otherwise load
    every area's job modules on the window's thread); in a worker thread."""
    from bscp_desktop.ui.tabs import TABS, preload

    try:
        preload([spec for i, spec in enumerate(TABS) if not tabs or i in tabs])
        if not tabs:
            from bscp_desktop import jobs

            jobs.load_all()
    except Exception:  # a tab that cannot load says so when it is built, on the window's thread
        log.exception("Loading the tabs in the background failed")


def _load_the_rest(db) -> None:
    """Once the first tab is filled, in a worker: every model, the claims a run that ended left
    in the file (`_clear_left_behind`), the other tabs' code, Qt's widget types, the set-up
    checklist's and the charts' fonts, the bank holiday calendar (a new series or a statutory
    clock reads it) and the charts' code (a yearly report's section)."""
    from bscp_desktop.db.models import load_all

    load_all()
    if db.path is not None:
        _clear_left_behind(db)
    _preload()
    _load_widget_types()
    import holidays.countries.united_kingdom  # noqa: F401 - some 100 ms to load

    import bscp_desktop.reports.charts  # noqa: F401 - likewise
    import bscp_desktop.ui.setup_checklist  # noqa: F401 - the window builds it next
    from bscp_desktop.ui.common.chart_view import load_chart_fonts

    load_chart_fonts()


def _load_widget_types() -> None:
    """Make the Python type of every Qt widget class now, in the worker. The first widget of a
    class Qt keeps to itself (a combo box's list, a scroll area's corner) that reaches Python
    makes PySide make them all, each with its enumerations: some 30 ms at once, on the window's
    thread when it is there that such a widget first reaches Python. Likewise QGradient's
    enumerations, which `QPainter.fillRect` makes at its first call while trying its overloads
    (the Case reviews timeline's first paint: some 20 ms on a busy machine)."""
    from PySide6 import QtGui, QtWidgets

    for name in dir(QtWidgets):
        getattr(QtWidgets, name)
    QtGui.QGradient.Preset  # noqa: B018 - the first look makes all of QGradient's enumerations


def open_in_frame(window, path: Path | str, create: bool = True, name: str = "",
                  failed: list[Exception] | None = None) -> Database | None:
    """Open `path` off the window's thread while the frame stays responsive; then fill the
    tabs. None (after a message over the frame, or with the error put in `failed` instead) if
    the file cannot be opened, or if the window was closed first. A team database's address
    (named `name`) shows "Connecting to …" over the frame with a Cancel button: None at once
    after Cancel."""
    import threading

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QMessageBox

    from bscp_desktop.ui.common.labels import as_typed
    from bscp_desktop.ui.common.worker import BackgroundTask

    outcome: dict[str, object] = {}
    ended = threading.Event()

    first_tab = window.tabs.currentIndex()

    def job(_progress) -> dict[str, object]:
        try:
            outcome["db"] = _open_and_prepare(path, create, first_tab)
        except Exception as exc:
            outcome["error"] = exc
        finally:
            ended.set()
        return outcome

    loop = QEventLoop()
    server = _is_address(path)
    if server:
        from bscp_desktop.ui.team.connecting import TITLE, connecting_text

        task = BackgroundTask(window, TITLE, job, cancellable=True, label=connecting_text(str(path), name))
        task.leftover = lambda result: result.get("db") is not None and result["db"].close()
        task.cancelled.connect(loop.quit)
    else:
        task = BackgroundTask(None, "Opening the database", job, show_progress=False)
    task.done.connect(loop.quit)
    window.closing.connect(loop.quit)
    task.start()
    if not ended.is_set():
        loop.exec()
    window.closing.disconnect(loop.quit)
    if task.was_cancelled:  # the connection, if it comes, is closed unseen
        log.info("Connecting to %s was cancelled", display_target(path))
        return None
    ended.wait()  # at once, unless the window was closed while the file was opening
    error = outcome.get("error")
    db = outcome.get("db")
    if error is not None:
        log.warning("Could not open %s: %s", display_target(path), error)
        if failed is not None and not server and window.isVisible():
            failed.append(error)
        elif window.isVisible():
            text = str(error)
            if server:
                from bscp_desktop.services.connections import failure

                text = failure(text, str(path), name)
            QMessageBox.critical(window, APP_NAME, as_typed(text))  # may name a file's path or an address
        return None
    if not window.isVisible():
        db.close()
        return None
    fill_window(window, db)
    return db


def _is_address(path: Path | str) -> bool:
    """A team database's address rather than a file (without loading the database code)."""
    return isinstance(path, str) and "://" in path


def fill_window(window, db) -> None:
    """Build the tab on screen now; once it shows its records, let the file's later checks
    run and load the other tabs' code in a worker (each is built when first shown), then add
    the set-up checklist."""
    from PySide6.QtCore import QTimer

    from bscp_desktop.ui.common.turns import next_turn
    from bscp_desktop.ui.common.worker import BackgroundTask

    window.attach(db, at_once=False)

    def when_shown() -> None:  # the tab on screen has its data first: nothing competes with its read
        if not window.isVisible() or window.db is not db:
            return
        if _still_loading(window.tabs.currentWidget()):
            QTimer.singleShot(5, when_shown)
            return
        window.repaint()  # its rows on screen now
        window.started = True
        mark("filled", f"rows={_rows_on_screen(window.tabs.currentWidget())}")
        if os.environ.get(MARKS_ENV) == "quit":
            window.close()
            return
        watch_later_checks(window, db)
        rest = BackgroundTask(None, "Loading the tabs", lambda _progress: _load_the_rest(db), show_progress=False)
        rest.done.connect(lambda _result: window.rest_loaded() if window.db is db else None)
        rest.start()

    next_turn(None, when_shown)


def watch_later_checks(window, db) -> None:
    """Let the file's integrity check and start-up backup run now, and say at once if they find
    the file damaged (ui/opening.py: as when a file is opened from the File menu)."""
    from bscp_desktop.ui.opening import watch_later_checks as watch

    watch(window, db)


def report_backup_not_written(window, db) -> None:
    """A start-up backup the backup folder could not take: said as whenever a file is opened
    (`backups_menu.report_backup_not_written`)."""
    from bscp_desktop.ui.backups_menu import report_backup_not_written as report

    report(window, db)


def report_damage(window, db, problem: str) -> None:
    """A file found damaged after it opened: said over the window (ui/opening.py)."""
    from bscp_desktop.ui.opening import report_damage as report

    report(window, db, problem)


def _rows_on_screen(widget) -> int:
    """How many rows the lists and tables on screen inside `widget` hold."""
    from PySide6.QtWidgets import QAbstractItemView

    views = widget.findChildren(QAbstractItemView) if widget is not None else []
    return sum(v.model().rowCount() for v in views if v.isVisible() and v.model() is not None)


def _still_loading(widget) -> bool:
    """Whether a page on screen inside `widget` is still reading (ui/opening.py)."""
    from bscp_desktop.ui.opening import still_loading

    return still_loading(widget)


def _connected_last() -> bool:
    """Whether a team database was connected to last (its code, and the database code with it,
    is then loaded before the frame; otherwise not)."""
    from PySide6.QtCore import QSettings

    from bscp_desktop.ui.team import LAST_KEY

    return bool(QSettings().value(LAST_KEY, ""))


def _open_at_start(window, path: Path | str, create: bool, choose: bool) -> tuple[Database | None, Path | str | None]:
    """(the database opened at start, its file). A file that will not open (damaged, not a
    database) and was not named on the command line is said, and the officer chooses what to
    do instead: restore it from a backup, open another file, make a new one, or quit
    (ui/database_choice.py); (None, None) after Quit. Never a dead end on every start."""
    while True:
        failed: list[Exception] = []
        db = open_in_frame(window, path, create=create, failed=failed if choose and not _is_address(path) else None)
        if db is not None or not failed:
            return db, path
        from bscp_desktop.ui.database_choice import when_start_will_not_open

        path, create = when_start_will_not_open(Path(str(path)), str(failed[0]), window)
        if path is None or not window.isVisible():
            return None, None
        window.statusBar().showMessage(f"Opening {_short_name(path)} instead…")


def run_gui(db_path: Path | str | None = None) -> int:
    setup_logging()
    app = make_application(fit_dialogs=False)
    install_error_dialog()
    team = None
    if db_path is None and _connected_last():  # the team database connected to last, if its password is kept
        from bscp_desktop.ui.team.connect import start_connection

        team = start_connection()
    path, create = (team[0], False) if team else choose_start(db_path)
    if path is None:  # the database used last cannot be found, and the officer chose to quit
        return 0
    if team is None and _is_address(path):
        team = (path, "")
    window = show_frame(team[0] if team else path)
    fit_dialogs_to_text(app)  # before any message over the frame
    db = None
    if team is not None:
        window.db_name = team[1]
        db = open_in_frame(window, team[0], create=False, name=team[1])
        if db is None and window.isVisible():  # not reached (offline), or Cancel: a file
            window.db_name = ""
            if _is_address(path):
                path, create = choose_start(None)
            if path is not None:
                window.statusBar().showMessage(f"Opening {Path(path).name} instead…")
    if db is None and window.isVisible() and path is not None:
        db, path = _open_at_start(window, path, create, choose=db_path is None)
    if db is None:
        closed_first = not window.isVisible() or path is None  # or the officer chose to quit
        window.close()
        window.deleteLater()
        return 0 if closed_first else 2
    if db.path is not None:
        from bscp_desktop.ui.team import saved_name

        if not saved_name():  # first run: whose changes the history records
            window.ask_name()
    from bscp_desktop.ui.common.worker import freeze_long_lived

    freeze_long_lived()
    try:
        return app.exec()
    finally:
        if getattr(window.db, "later", None) is not None:
            window.db.later.cancel()  # not started yet: nothing was written, nothing to check
        window.db.close()
