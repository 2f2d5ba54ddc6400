"""The backup folder not there any more (moved, renamed or deleted since): `restore --list` says
so, and that the next backup makes it again, rather than only that it holds no backups; File >
Restore from a backup's "Choose a backup file…" starts in the database's own folder, not in a
folder that is not there."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from bscp_desktop import paths
from bscp_desktop.app import make_application, open_database
from tests.safety.helpers import cli
from tests.ui.helpers import start_window


@pytest.fixture
def window(qtbot, tmp_path):
    make_application()
    win = start_window(qtbot, open_database(tmp_path / "Partnership.sqlite3"))
    yield win
    win.db.close()


def _choose_a_file_kept_elsewhere(monkeypatch) -> None:
    """The restore's list answered with its last entry, "Choose a backup file…"."""
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda parent, title, label, items, *a: (items[-1], True)))


@pytest.mark.slow
def test_with_the_backup_folder_gone_a_backup_file_is_looked_for_in_the_databases_folder(window, monkeypatch):
    shutil.rmtree(paths.backup_dir(), ignore_errors=True)  # deleted since, or never made
    _choose_a_file_kept_elsewhere(monkeypatch)
    looked_in: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda parent, title, folder, *a: looked_in.append(folder) or ("", "")))
    window.restore_backup()
    assert looked_in == [str(window.db.path.parent)]


def test_restore_list_says_the_backup_folder_is_gone(tmp_path, empty_file):
    data = tmp_path / "data"
    db = shutil.copyfile(empty_file, tmp_path / "Partnership.sqlite3")
    done = cli("restore", "--list", "--db", db, data_dir=data)
    assert done.returncode == 0 and not (data / "backups").exists()
    assert done.stdout.strip() == (f"There are no backups of {db}: the backup folder {data / 'backups'} is not there (it "
                                   "may have been moved, renamed or deleted); the next backup, on opening the database "
                                   "or by hand, makes it again.")
