"""Start-up self-test for support and CI: `bscp-desktop --smoke [--db PATH]`.

It opens a database (a new one without `--db`), which upgrades it to the current schema,
checks the bank holiday calendar loads, builds the main window and every tab without showing
them on screen, writes one PDF and one Excel workbook to a temporary folder and checks both. It
prints one line and returns 0, or prints the reason on stderr in one line and returns 1.

Without `--db` everything (database, backups, logs, window settings) lives in a temporary
folder that is removed afterwards, so the user's own data folder is never touched. With
`--db` an existing database file is opened exactly as the window opens it (backed up first if it
holds data, then upgraded), and a missing one is not made; the window's settings and the output
files still go to the temporary folder. `database_problem` says what `--db` it refuses before
it starts: a team database's address, or a name no database file has.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from bscp_desktop import APP_NAME, __version__

PREFERRED_REPORT = "members"
PREFERRED_WORKBOOK = "memberships"


class SmokeFailure(Exception):
    """A check that did not hold; the message is the reason printed."""


def _ensure_platform() -> None:
    """Build widgets offscreen when there is no display (CI, a server, a frozen test run)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


@contextmanager
def _environment(name: str, value: str | None) -> Iterator[None]:
    old = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if value is not None:
            if old is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = old


def _kb(path: Path) -> str:
    return f"{max(1, round(path.stat().st_size / 1024))} kB"


def _check_output(path: Path, magic: bytes, what: str) -> None:
    if not path.is_file():
        raise SmokeFailure(f"the {what} was not written to {path}")
    if path.stat().st_size == 0:
        raise SmokeFailure(f"the {what} at {path} is empty")
    with open(path, "rb") as fh:
        if fh.read(len(magic)) != magic:
            raise SmokeFailure(f"the {what} at {path} is not a valid file")


def database_problem(db_path: Path | str | None) -> str:
    """'' when the self-test may run on what --db names (nothing: a temporary database); else
    one sentence why not: a team database's address (the self-test works on a file), or a name
    that does not end as a database file's does (a typing mistake, which is never opened)."""
    if db_path is None:
        return ""
    from bscp_desktop.db.engines import display_address, is_server_address
    from bscp_desktop.services.backups import DATABASE_SUFFIXES

    if is_server_address(db_path):
        return (f"The self-test (--smoke) works on a database file, and {display_address(str(db_path))} is a team "
                "database's address: check a team database with bscp-desktop check --db ADDRESS, or run --smoke "
                "without --db to test on a temporary database.")
    name = Path(db_path).name
    if not name.lower().endswith(DATABASE_SUFFIXES):
        return (f"{name} does not end in .sqlite3, .sqlite or .db, as the name of a database file does, so the "
                "self-test does not open it: give the database's file with --db, or run --smoke without --db "
                "to test on a temporary database.")
    return ""


class _Smoke:
    def __init__(self, db_path: Path | None, work: Path):
        self.db_path = Path(db_path) if db_path is not None else work / "smoke.sqlite3"
        self.temporary_db = db_path is None
        self.work = work
        self.out = work / "output"
        self.stage = "starting"
        self.db = None
        self.window = None
        self.facts: list[str] = []

    def run(self) -> str:
        self.out.mkdir()
        self.open_database()
        self.check_calendar()
        self.build_window()
        self.write_pdf()
        self.write_workbook()
        where = "a temporary database" if self.temporary_db else str(self.db_path)
        return f"Smoke test passed: {APP_NAME} {__version__}; {', '.join(self.facts)}; {where}."

    def open_database(self) -> None:
        self.stage = f"opening the database {self.db_path}"
        from bscp_desktop.app import open_database
        from bscp_desktop.db import migrate

        self.db = open_database(self.db_path, create=self.temporary_db)  # a file --db names is never made
        if self.db.backup_problem:  # its folder took no start-up backup (full, read-only): said, as every command says it
            print(f"bscp-desktop: {self.db.backup_problem.replace('File > Back up now', 'bscp-desktop backup')}",
                  file=sys.stderr)
        self.stage = "checking the database schema"
        head = migrate.head_revision()
        with self.db.engine.connect() as conn:
            current = migrate.current_revision(conn)
        if current != head:
            raise SmokeFailure(f"the database is at schema {current}, not the current {head}")
        self.facts.append(f"schema {head}")

    def check_calendar(self) -> None:
        self.stage = "loading the bank holiday calendar"
        from bscp_desktop.domain.dates import bank_holidays

        year = date.today().year
        if not bank_holidays(year):
            raise SmokeFailure(f"no England and Wales bank holidays are known for {year}")

    def build_window(self) -> None:
        self.stage = "starting Qt"
        _ensure_platform()
        from PySide6.QtCore import QSettings

        from bscp_desktop.app import make_application, open_database

        app = make_application()
        # The window remembers geometry and recent files: keep that out of the user's settings.
        old_format = QSettings.defaultFormat()
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(self.work / "settings"))
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        try:
            self.stage = "building the main window"
            from bscp_desktop.ui.main_window import MainWindow
            from bscp_desktop.ui.tabs import TABS, NotBuiltTab

            window = MainWindow(self.db, open_database)
            self.window = window
            app.processEvents()
            built = 0
            for index, spec in enumerate(TABS):
                self.stage = f"building the {spec.title} tab"
                widget = window.tabs.widget(index)
                if window.tabs.tabText(index) != spec.title:
                    raise SmokeFailure(f"tab {index + 1} is {window.tabs.tabText(index)!r}, not {spec.title!r}")
                if spec.available == isinstance(widget, NotBuiltTab):
                    state = "missing" if spec.available else "unexpectedly present"
                    raise SmokeFailure(f"the {spec.title} tab's module {spec.module} is {state}")
                window.tabs.setCurrentIndex(index)
                app.processEvents()
                if widget.grab().isNull():
                    raise SmokeFailure(f"the {spec.title} tab could not be drawn")
                built += spec.available
            self.stage = "closing the main window"
            window.close()
            app.processEvents()
            self.facts.append(f"{len(TABS)} tabs built ({built} in this version, {len(TABS) - built} to come)")
        finally:
            QSettings.setDefaultFormat(old_format)

    def write_pdf(self) -> None:
        self.stage = "writing a PDF"
        from bscp_desktop import jobs

        target = self.out / "smoke.pdf"
        jobs.load_all()
        if PREFERRED_REPORT in jobs.REPORTS:
            self.stage = f"writing the {PREFERRED_REPORT} report"
            written = jobs.write_report(self.db, PREFERRED_REPORT, target)
            what = f"{PREFERRED_REPORT} report"
        else:
            from bscp_desktop.reports.pdf import DocumentBuilder

            doc = DocumentBuilder(target, title="Smoke test", partnership_name=APP_NAME, draft=True)
            doc.heading(f"{APP_NAME} {__version__} smoke test", 1)
            doc.para("This page checks that fonts, layout and file writing work: Brent, Żółć, ٱلسَّلَامُ, 中文.")
            doc.key_values([("Version", __version__), ("Date", date.today())])
            written = doc.build()
            what = "test page"
        _check_output(Path(written), b"%PDF-", "PDF")
        self.facts.append(f"PDF {what} {_kb(Path(written))}")

    def write_workbook(self) -> None:
        self.stage = "writing a workbook"
        from bscp_desktop import jobs

        target = self.out / "smoke.xlsx"
        jobs.load_all()
        if PREFERRED_WORKBOOK in jobs.XLSX_AREAS:
            self.stage = f"writing the {PREFERRED_WORKBOOK} workbook"
            written = jobs.export_workbook(self.db, PREFERRED_WORKBOOK, target)
            what = f"{PREFERRED_WORKBOOK} workbook"
        else:
            from bscp_desktop.reports.xlsx import Column, WorkbookBuilder

            book = WorkbookBuilder(title="Smoke test")
            book.add_sheet("Smoke test", [Column("Check"), Column("Date", "date")],
                           [("=formula stays text", date.today())])
            written = book.save(target)
            what = "test workbook"
        _check_output(Path(written), b"PK", "workbook")
        from openpyxl import load_workbook

        load_workbook(written, read_only=True).close()
        self.facts.append(f"{what} {_kb(Path(written))}")

    def close(self) -> None:
        if self.window is not None:
            # Delete the window and its tabs now, not at the next turn of an event loop, so
            # that no tab of this database still listens for changes once it is closed.
            from PySide6.QtCore import QCoreApplication, QEvent

            self.window.deleteLater()
            self.window = None
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if self.db is not None:
            self.db.close()
            self.db = None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if type(exc).__module__.startswith("bscp_desktop") and text:
        return text  # the program's own errors are already one plain sentence
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def run_smoke(db_path: Path | None = None) -> int:
    """Run the self-test; print one line; 0 if everything worked, else 1."""
    work = Path(tempfile.mkdtemp(prefix="bscp-smoke-"))
    data_dir = str(work / "data") if db_path is None else None
    smoke = _Smoke(db_path, work)
    try:
        with _environment("BSCP_DATA_DIR", data_dir):
            try:
                line = smoke.run()
            finally:
                smoke.close()
    except Exception as exc:  # noqa: BLE001 - any failure is the answer, in one line
        print(f"Smoke test failed while {smoke.stage}: {_one_line(exc)}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(line)
    return 0
