"""The window's start and File > New database never make a database where the officer did not
ask for one: the file used last gone missing is said (open another, new, or quit), an empty file
is refused, a new database never takes another database's working file; a start-up backup the
backup folder cannot take is said without calling the file damaged."""

from __future__ import annotations

import shutil
import time

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from bscp_desktop import app, paths
from bscp_desktop.db.targets import is_database
from bscp_desktop.ui import database_choice
from bscp_desktop.ui.main_window import MainWindow


@pytest.fixture
def said(monkeypatch, qapp):
    """Every message shown (its text), each answered as `said.answer` names a button."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(MainWindow, "ask_name", lambda self: None)
    yield shown
    for window in QApplication.topLevelWidgets():  # a start that went on to its window leaves it open
        if isinstance(window, MainWindow) and window.isVisible():
            window.close()
    QApplication.processEvents()


@pytest.fixture
def remembered(qapp):
    app.make_application()  # the program's own settings store
    settings = QSettings()

    def remember(path) -> None:
        settings.setValue("last_database", str(path))
        settings.sync()

    yield remember
    settings.remove("last_database")  # Qt keeps one settings store per process, across tests
    settings.sync()


def _answer(monkeypatch, said: list[str], *buttons: str) -> None:
    """The start's question about a missing file answered with these buttons in turn."""
    answers = list(buttons)

    def exec_(box):
        said.append(box.text())
        choice = answers.pop(0)
        [button] = [b for b in box.buttons() if b.text() == choice]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_the_file_used_last_gone_missing_is_said_and_quit_makes_nothing(tmp_path, said, remembered, monkeypatch):
    share = tmp_path / "share"
    remembered(share / "team.sqlite3")  # the shared drive is not connected
    _answer(monkeypatch, said, database_choice.QUIT)
    assert app.run_gui() == 0
    assert "team.sqlite3" in said[0] and str(share) in said[0] and "cannot be found" in said[0]
    assert not paths.default_database_path().exists() and not share.exists()


@pytest.mark.slow
def test_the_file_used_last_gone_missing_offers_a_new_database(tmp_path, said, remembered, monkeypatch):
    remembered(tmp_path / "share" / "team.sqlite3")
    made = tmp_path / "new team.sqlite3"
    _answer(monkeypatch, said, database_choice.NEW_DATABASE)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(made), "")))
    assert app.run_gui() == 0
    assert made.is_file() and made.stat().st_size > 0
    assert not paths.default_database_path().exists()


def test_a_new_database_name_refused_at_start_asks_again(tmp_path, said, remembered, monkeypatch, empty_file):
    """A name that may not be a new database (another's working file) is said, and the question
    comes back: the start does not end on the refusal."""
    remembered(tmp_path / "share" / "team.sqlite3")
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(empty_file, other)
    _answer(monkeypatch, said, database_choice.NEW_DATABASE, database_choice.QUIT)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(other) + "-wal", "")))
    assert app.run_gui() == 0
    assert "cannot be found" in said[0] and "belongs to the database other.sqlite3" in said[1]
    assert "cannot be found" in said[2]  # asked again, then Quit
    assert not (tmp_path / "other.sqlite3-wal").exists()


def test_a_new_database_name_too_long_is_said_not_a_crash(tmp_path, said, remembered, monkeypatch):
    remembered(tmp_path / "share" / "team.sqlite3")
    long_name = tmp_path / ("Safeguarding partnership " * 12 + ".sqlite3")
    _answer(monkeypatch, said, database_choice.NEW_DATABASE, database_choice.QUIT)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(long_name), "")))
    assert app.run_gui() == 0
    assert "is too long" in said[1] and "choose a shorter one" in said[1]
    assert "cannot be found" in said[2]  # asked again


@pytest.mark.slow
def test_the_file_used_last_gone_missing_offers_another_file(tmp_path, said, remembered, monkeypatch, empty_file):
    remembered(tmp_path / "share" / "team.sqlite3")
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(empty_file, other)
    _answer(monkeypatch, said, database_choice.OPEN_ANOTHER)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other), "")))
    assert app.run_gui() == 0
    assert QSettings().value("last_database") == str(other)
    assert not paths.default_database_path().exists()


def test_an_empty_file_given_is_refused_and_left_as_it_is(tmp_path, said, remembered):
    zero = tmp_path / "team.sqlite3"
    zero.write_bytes(b"")
    assert app.run_gui(zero) == 2
    assert "is empty" in said[0]
    remembered(zero)
    assert app.run_gui() == 2
    assert "is empty" in said[1]
    assert zero.stat().st_size == 0


def test_new_database_never_takes_another_databases_working_file(qtbot, tmp_path, said, monkeypatch, empty_file):
    from bscp_desktop.app import open_database

    team = tmp_path / "team.sqlite3"
    shutil.copyfile(empty_file, team)
    window = MainWindow(open_database(team), open_database)
    qtbot.addWidget(window)
    try:
        for chosen in (tmp_path / "team.sqlite3-wal", paths.backup_dir() / "new.sqlite3"):
            paths.backup_dir().mkdir(parents=True, exist_ok=True)
            monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, c=chosen, **k: (str(c), "")))
            window.new_database()
            assert not is_database(chosen) and window.db.path == team
        assert "belongs to the database team.sqlite3" in said[0] and "backup folder" in said[1]
    finally:
        window.db.close()


@pytest.mark.slow
def test_a_start_up_backup_the_folder_cannot_take_is_said_without_damage(tmp_path, said, empty_file, monkeypatch):
    from bscp_desktop.db import backup as backup_files

    def full(source, target):
        raise backup_files.FolderNotWritable(target.parent, backup_files.FULL)

    monkeypatch.setattr(backup_files, "copy_database", full)
    path = tmp_path / "team.sqlite3"
    shutil.copyfile(empty_file, path)
    window = app.show_frame(path)
    try:
        db = app.open_in_frame(window, path, create=False)
        deadline = time.monotonic() + 60
        while not said and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        assert said and f"could not be written to {paths.backup_dir()}: the folder is full" in said[0]
        assert "Your records are safe" in window.statusBar().currentMessage()
        assert "Damaged" not in window.db_label.text()
        from bscp_desktop.services import memberships as ms

        ms.create_organisation(db, ms.OrganisationFields("Saved all the same", "other"))
    finally:
        window.close()
        if window.db is not None:
            window.db.close()


def test_a_database_named_where_none_is_is_made_there_but_an_empty_file_is_not(tmp_path):
    new, zero = tmp_path / "new.sqlite3", tmp_path / "zero.sqlite3"
    zero.write_bytes(b"")
    assert app.choose_start(new) == (new, True)  # `--db new.sqlite3`: a new database
    assert app.choose_start(zero) == (zero, False)  # refused as empty when opened, never overwritten
