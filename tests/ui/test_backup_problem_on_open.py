"""A backup on opening that the backup folder could not take (full, read-only) is said whenever a
file is opened, as at the program's start: File > Open, Open recent, the file reopened after a
restore, and a start whose file was backed up as it opened."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from bscp_desktop import paths
from bscp_desktop.app import open_database
from bscp_desktop.db import database as database_module
from bscp_desktop.db import later_checks
from bscp_desktop.db.backup import FULL, FolderNotWritable
from bscp_desktop.db.later_checks import backup_not_written
from bscp_desktop.services import memberships as ms
from tests.ui.helpers import start_window


@pytest.fixture
def folder_full(monkeypatch):
    """From now on the backup made on opening a file finds its folder full (other backups are
    written as usual); the sentence the officer should read."""
    real = database_module.start_backup

    def start_backup(source, folder, reason="startup", now=None):
        if reason == "startup":
            raise FolderNotWritable(folder, FULL)
        return real(source, folder, reason, now)

    def arm() -> str:
        monkeypatch.setattr(database_module, "start_backup", start_backup)
        monkeypatch.setattr(later_checks, "start_backup", start_backup)  # a file opened from the menu: later
        return backup_not_written(FolderNotWritable(paths.backup_dir(), FULL))

    return arm


@pytest.fixture
def warnings(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: said.append(a[2])))
    return said


@pytest.fixture
def other_file(tmp_path, empty_file):
    """Another database with records, never backed up: opening it backs it up."""
    path = tmp_path / "other.sqlite3"
    shutil.copyfile(empty_file, path)
    with database_module.Database.open(path, create=False) as other:
        ms.create_organisation(other, ms.OrganisationFields("Their council", "other"))
    return path


@pytest.mark.slow
@pytest.mark.parametrize("how", ["File > Open", "Open recent"])
def test_a_file_opened_from_the_file_menu_says_its_backup_was_not_written(
        qtbot, db, other_file, folder_full, warnings, monkeypatch, how):
    window = start_window(qtbot, db)
    sentence = folder_full()
    if how == "File > Open":
        monkeypatch.setattr("bscp_desktop.ui.database_choice.ask_open_path", lambda *a: other_file)
        window.open_database()
    else:
        monkeypatch.setattr(window, "recent_files", lambda: [str(other_file)])
        window.recent_menu.aboutToShow.emit()
        window.recent_menu.actions()[0].trigger()
    assert window.db.path == other_file
    qtbot.waitUntil(lambda: bool(warnings), timeout=20_000)  # backed up once its first tab shows, as at start
    assert warnings == [sentence]
    assert window.statusBar().currentMessage() == sentence
    assert "Your records are safe" in sentence
    window.close()


@pytest.mark.slow
def test_the_file_reopened_after_a_restore_says_its_backup_was_not_written(
        qtbot, db, folder_full, warnings, monkeypatch):
    window = start_window(qtbot, db)
    window.backup_now()
    sentence = folder_full()
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][0], True)))
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.confirm", lambda *a: True)
    window.restore_backup()
    assert window.statusBar().currentMessage().startswith("Restored.")
    assert warnings == [sentence]
    window.close()


@pytest.mark.slow
def test_a_start_whose_file_was_backed_up_as_it_opened_says_its_backup_was_not_written(
        qtbot, other_file, folder_full, warnings):
    sentence = folder_full()
    opened = open_database(other_file, create=False)  # checked and backed up as it opened (no `later`)
    try:
        window = start_window(qtbot, opened)
        qtbot.waitUntil(lambda: warnings == [sentence], timeout=5000)
        window.close()
    finally:
        opened.close()
