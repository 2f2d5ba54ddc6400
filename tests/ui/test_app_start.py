"""Starting the window: refusal of a second instance and of bad files, the error dialog hook."""

from __future__ import annotations

import sys
import time

import pytest
from PySide6.QtWidgets import QMessageBox

from bscp_desktop import app
from bscp_desktop.db.database import Database


@pytest.fixture
def dialogs(monkeypatch, qapp):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    return shown


def test_second_launch_on_the_same_file_says_so_and_exits(tmp_path, dialogs):
    path = tmp_path / "busy.sqlite3"
    with Database.open(path) as first:
        assert app.run_gui(path) == 2
        assert "already open in another BSCP Desktop window" in dialogs[0]
        with first.unit_of_work() as s:  # the first is untouched and still usable
            assert s.connection() is not None


def test_bad_file_gives_one_message_and_is_not_overwritten(tmp_path, dialogs):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Agenda for Thursday\n" * 100)
    assert app.run_gui(path) == 2
    assert "not a BSCP Desktop database" in dialogs[0]
    assert path.read_bytes() == b"Agenda for Thursday\n" * 100


def test_unexpected_error_dialog_names_the_log_file(dialogs, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.setup_logging()
    app.install_error_dialog()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert "boom" in dialogs[0]
    assert str(app.log_file()) in dialogs[0]
    assert "boom" in app.log_file().read_text(encoding="utf-8")


def test_a_database_failure_reaching_the_error_hook_is_said_in_words_never_as_sql(dialogs, monkeypatch):
    """A refusal raised outside a dialog's save (a read before it) showed the SQL and the values
    typed, case text included, in "Something went wrong"."""
    from sqlalchemy.exc import OperationalError

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warned.append(text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.setup_logging()
    app.install_error_dialog()
    failure = OperationalError("UPDATE case_review SET summary=? WHERE id=?", ("Child A was seen", 3),
                               Exception("database is locked"))
    try:
        raise failure
    except OperationalError:
        sys.excepthook(*sys.exc_info())
    assert dialogs == [] and len(warned) == 1
    assert "Another program is using the database file" in warned[0]
    assert "SQL" not in warned[0] and "Child A" not in warned[0] and "UPDATE" not in warned[0]
    assert "Child A" not in app.log_file().read_text(encoding="utf-8")


def test_a_file_of_a_newer_version_is_explained_over_the_frame(tmp_path, dialogs):
    import sqlite3

    path = tmp_path / "newer.sqlite3"
    Database.open(path).close()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    assert app.run_gui(path) == 2
    assert "newer version of BSCP Desktop" in dialogs[0]


def test_the_frame_is_painted_before_the_database_is_opened_off_the_window_thread(tmp_path, qapp, monkeypatch):
    import threading

    from PySide6.QtCore import QObject, Signal, Slot
    from PySide6.QtWidgets import QApplication

    from bscp_desktop.ui.main_window import MainWindow

    seen = {}
    real_open = app.open_database

    class Look(QObject):
        """What the window shows, looked at on the window's thread (widgets must never be read
        from another thread) while the opening thread waits."""

        asked = Signal()

        def __init__(self):
            super().__init__()
            self.looked = threading.Event()
            self.asked.connect(self.look)

        @Slot()
        def look(self):
            frames = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
            seen["frame"] = frames[0] if frames else None
            seen["tabs"] = [frames[0].tabs.tabText(i) for i in range(frames[0].tabs.count())] if frames else []
            seen["search enabled"] = frames[0].search_all_action.isEnabled() if frames else None
            self.looked.set()

    look = Look()

    def watched_open(path, create=True, **options):
        seen["window thread"] = threading.current_thread() is threading.main_thread()
        if seen["window thread"]:
            look.look()
        else:
            look.asked.emit()  # queued to the window's thread, which runs its event loop meanwhile
            look.looked.wait(60)
        return real_open(path, create, **options)

    monkeypatch.setattr(app, "open_database", watched_open)
    path = tmp_path / "bscp.sqlite3"
    window = app.show_frame(path)
    try:
        db = app.open_in_frame(window, path)
        assert db is not None and window.db is db
        assert seen["frame"] is window and seen["window thread"] is False
        assert seen["tabs"] == ["Meetings", "Memberships", "Case reviews", "Audits", "Training", "Finance"]
        assert seen["search enabled"] is False  # nothing that needs the database works until it is open
        assert window.search_all_action.isEnabled()
        deadline = time.monotonic() + 60
        while not window.started and time.monotonic() < deadline:
            QApplication.processEvents()
        assert window.started
        assert type(window.tab("Meetings")).__name__ == "MeetingsTab"
    finally:
        window.close()
        if window.db is not None:
            window.db.close()


@pytest.mark.slow
def test_a_file_found_damaged_after_the_first_tab_shows_is_said_over_the_window(tmp_path, dialogs, monkeypatch):
    """Opening reads no page it need not read; the check of every page follows the first tab,
    and says at once what it found, before anything can be saved."""
    from PySide6.QtWidgets import QApplication

    from tests.safety.helpers import damaged_records

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warnings.append(text)))
    path = damaged_records(tmp_path / "bscp.sqlite3")
    window = app.show_frame(path)
    try:
        db = app.open_in_frame(window, path)
        assert db is not None and db.later is not None
        deadline = time.monotonic() + 60
        while not any("damaged" in d for d in dialogs) and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        said = [d for d in dialogs if "damaged" in d]
        assert said and str(path) in said[0] and "nothing can be saved" in said[0]
        assert "Damaged" in window.db_label.text()
    finally:
        window.close()
        if window.db is not None:
            window.db.close()


@pytest.mark.slow
def test_only_the_tab_on_screen_is_built_at_start_and_each_other_when_first_shown(tmp_path, qapp):
    from PySide6.QtWidgets import QApplication

    from bscp_desktop.ui.tabs import NotBuiltTab

    path = tmp_path / "bscp.sqlite3"
    window = app.show_frame(path)
    try:
        window.tabs.setCurrentIndex(1)  # Memberships, as a new user sees first
        db = app.open_in_frame(window, path)
        deadline = time.monotonic() + 60
        while not window.started and time.monotonic() < deadline:
            QApplication.processEvents()
        assert window.started

        def built() -> list[str]:
            return [window.tabs.tabText(i) for i in range(window.tabs.count())
                    if not isinstance(window.tabs.widget(i), NotBuiltTab)]

        assert built() == ["Memberships"]
        for _ in range(20):  # time passes: still only what was shown
            QApplication.processEvents()
            time.sleep(0.01)
        assert built() == ["Memberships"]
        window.tabs.setCurrentIndex(0)
        assert built() == ["Meetings", "Memberships"]
        assert window.tabs.currentIndex() == 0 and type(window.tabs.currentWidget()).__name__ == "MeetingsTab"
        assert window.export_menu.isEnabled()  # it lists every tab's outputs, so it builds them when opened
        window.export_menu.aboutToShow.emit()
        assert built() == ["Meetings", "Memberships", "Case reviews", "Audits", "Training", "Finance"]
        assert window.tabs.currentIndex() == 0
        texts = [a.text() for a in window.export_menu.actions()]
        assert any(t.startswith("Memberships workbook") for t in texts)
        assert len(texts) > 6
        assert db is window.db
    finally:
        window.close()
        if window.db is not None:
            window.db.close()


def test_the_set_up_checklist_joins_the_first_tab_once_the_other_areas_code_is_loaded(tmp_path, qapp):
    """It asks whether a meeting exists, so it waits for the meetings' models, which the first
    tab (Memberships) does not need."""
    from PySide6.QtWidgets import QApplication

    path = tmp_path / "bscp.sqlite3"
    Database.open(path).close()  # a new database, at head: opened with its checks left for later
    window = app.show_frame(path)
    try:
        window.tabs.setCurrentIndex(1)
        app.open_in_frame(window, path)
        deadline = time.monotonic() + 60
        while window.checklist is None and time.monotonic() < deadline:
            QApplication.processEvents()
        assert window.started and window.checklist is not None
        assert window.checklist.isVisible()
        assert window.checklist.summary.text().startswith("0 of 6 done")
        assert "bscp_desktop.db.models.meetings" in sys.modules
    finally:
        window.close()
        if window.db is not None:
            window.db.close()
