"""The window's start and File > New database never make a database where the officer did not
ask for one: the file used last gone missing, damaged (then restored from a backup too) or
without a folder to make the first one in is said (open another, new, or quit), an empty file
is refused, a new database never takes another database's working file; a start-up backup the
backup folder cannot take is said without calling the file damaged."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from bscp_desktop import app, paths
from bscp_desktop.db.targets import is_database
from bscp_desktop.ui import database_choice
from bscp_desktop.ui.common.settings_store import recalled
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
    assert recalled("last_database") == str(other)
    assert not paths.default_database_path().exists()


def test_an_empty_file_given_is_refused_and_left_as_it_is(tmp_path, said, remembered, monkeypatch):
    zero = tmp_path / "team.sqlite3"
    zero.write_bytes(b"")
    assert app.run_gui(zero) == 2
    assert "is empty" in said[0]
    remembered(zero)  # used last: said, with the choice of another file, a new one, or quitting
    _answer(monkeypatch, said, database_choice.QUIT)
    assert app.run_gui() == 0
    assert "is empty" in said[1] and said[1].endswith("Open another file, or make a new database.")
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


def test_a_database_named_from_the_home_folder_is_looked_for_there(tmp_path, monkeypatch):
    """`--db ~/zero.sqlite3` where no shell put the home folder in (a Windows shortcut,
    `--db=~/…`): the empty file there is found, so never made into a new database."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    (tmp_path / "zero.sqlite3").write_bytes(b"")
    assert app.choose_start("~/zero.sqlite3") == (tmp_path / "zero.sqlite3", False)
    assert app.choose_start(Path("~/zero.sqlite3")) == (tmp_path / "zero.sqlite3", False)
    assert app.choose_start("~/new.sqlite3") == (tmp_path / "new.sqlite3", True)
    assert app.choose_start("postgresql://ann@server/bscp") == ("postgresql://ann@server/bscp", False)


def _damaged(path):
    """`path` cut short: its header says SQLite, its pages are gone."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def test_the_file_used_last_damaged_is_said_and_offers_another_file_every_start(tmp_path, said, remembered, monkeypatch,
                                                                                empty_file):
    """A damaged file used last is never a dead end (a message pointing to a File menu never
    shown, then the window closing, on every start): the reason is said without that menu, and
    the officer may open another file, make a new one or quit."""
    team = _damaged(shutil.copyfile(empty_file, tmp_path / "team.sqlite3"))
    remembered(team)
    _answer(monkeypatch, said, database_choice.QUIT)
    assert app.run_gui() == 0
    assert "team.sqlite3 is damaged" in said[-1] and "File menu" not in said[-1]
    assert "No backup of it was found: open another file, or make a new database." in said[-1]
    other = shutil.copyfile(empty_file, tmp_path / "other.sqlite3")
    _answer(monkeypatch, said, database_choice.OPEN_ANOTHER)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other), "")))
    assert app.run_gui() == 0
    assert "team.sqlite3 is damaged" in said[-1]
    assert recalled("last_database") == str(other)


@pytest.mark.slow
def test_the_file_used_last_damaged_is_restored_from_its_backup_at_start(tmp_path, said, remembered, monkeypatch,
                                                                          empty_file):
    from PySide6.QtWidgets import QInputDialog

    from bscp_desktop.services import backups
    from bscp_desktop.services import memberships as ms

    team = shutil.copyfile(empty_file, tmp_path / "team.sqlite3")
    with app.open_database(team, create=False) as db:
        ms.create_organisation(db, ms.OrganisationFields("Kept in the backup", "other"))
    backups.backup_now(team)
    remembered(_damaged(team))
    _answer(monkeypatch, said, database_choice.RESTORE)
    asked: list[str] = []
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda parent, title, label, items, *a: (asked.append(label) or items[0], True)))
    assert app.run_gui() == 0
    assert "Restore it from one of its backups (2 in the backup folder)" in said[0]  # the start-up one too
    assert str(team) in asked[0]
    [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    assert window.db.path == team
    with app.open_database(team, create=False) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Kept in the backup"]


def test_the_file_used_last_open_in_another_window_is_never_offered_a_restore(tmp_path, said, remembered, monkeypatch,
                                                                              empty_file):
    """Restoring helps a damaged file only: not one open in another window (nor read-only, nor
    made by a newer version), though it has backups."""
    team = shutil.copyfile(empty_file, tmp_path / "team.sqlite3")
    remembered(team)
    offered: list[list[str]] = []

    def exec_(box):
        said.append(box.text())
        offered.append([b.text() for b in box.buttons()])
        assert "already open in another BSCP Desktop window" in box.text(), box.text()
        next(b for b in box.buttons() if b.text() == database_choice.QUIT).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    with app.open_database(team, create=False):  # its start-up backup is taken
        assert app.run_gui() == 0
    assert said[0].endswith("Open another file, or make a new database.")
    assert [sorted(buttons) for buttons in offered] == [
        sorted([database_choice.OPEN_ANOTHER, database_choice.NEW_DATABASE, database_choice.QUIT])]


def _data_folder_read_only(monkeypatch) -> None:
    """The folder the first database goes in cannot be made (a read-only place)."""
    import errno
    from pathlib import Path

    folder, mkdir = paths.data_dir(), Path.mkdir

    def refuse(self, *a, **k):
        if self == folder:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return mkdir(self, *a, **k)

    monkeypatch.setattr(Path, "mkdir", refuse)


def test_a_data_folder_that_cannot_be_made_is_said_with_the_choice_of_a_file_elsewhere(tmp_path, said, remembered,
                                                                                        monkeypatch):
    _data_folder_read_only(monkeypatch)
    _answer(monkeypatch, said, database_choice.QUIT)
    assert app.run_gui() == 0
    assert said == [f"The folder {paths.data_dir()}, where BSCP Desktop keeps its database, cannot be made (read-only "
                    "file system). Open a database file kept elsewhere, or make a new database in a folder you can "
                    "write to."]


def test_a_data_folder_that_cannot_be_made_lets_a_new_database_be_made_elsewhere(tmp_path, said, remembered, monkeypatch):
    _data_folder_read_only(monkeypatch)
    elsewhere = tmp_path / "documents" / "bscp.sqlite3"
    elsewhere.parent.mkdir()
    _answer(monkeypatch, said, database_choice.NEW_DATABASE)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(elsewhere), "")))
    assert app.run_gui() == 0
    assert "cannot be made" in said[0]
    assert is_database(elsewhere) and recalled("last_database") == str(elsewhere)


def test_a_name_too_long_used_last_is_a_file_that_cannot_be_found(tmp_path, said, remembered, monkeypatch):
    """A name this computer cannot look up (a settings file changed by hand): the usual choice."""
    remembered(tmp_path / ("a" * 300 + ".sqlite3"))
    _answer(monkeypatch, said, database_choice.QUIT)
    assert app.run_gui() == 0
    assert "cannot be found" in said[0] and "Something went wrong" not in said[0]
    assert not paths.default_database_path().exists()


def test_a_name_too_long_given_is_said_in_one_sentence(tmp_path, said):
    long = tmp_path / ("b" * 250 + ".sqlite3")
    assert app.choose_start(long) == (long, True)  # a file that cannot be found: made where none is
    assert app.run_gui(long) == 2
    assert len(said) == 1 and "is too long: 258 bytes" in said[0] and "Errno" not in said[0]
    assert list(tmp_path.iterdir()) == []
