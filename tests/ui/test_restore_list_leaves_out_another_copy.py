"""File > Restore from a backup lists what the command line lists: a copy of a database does not
offer the backups of the file it was copied from, still beside it, as its own."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from bscp_desktop import paths
from bscp_desktop.app import make_application, open_database
from bscp_desktop.db import backup as backup_files
from tests.db.test_backup_of_another_copy import _copies
from tests.ui.helpers import start_window


def test_the_restore_list_of_a_copy_leaves_out_the_other_copys_backups(qtbot, tmp_path, monkeypatch):
    ui, w = _copies(tmp_path, "ui.sqlite3", "w.sqlite3")
    [theirs] = backup_files.list_backups(paths.backup_dir(), ui)
    make_application()
    window = start_window(qtbot, open_database(w))
    try:
        ours = backup_files.list_backups(paths.backup_dir(), w)
        offered: list[list[str]] = []
        monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: offered.append(a[3]) or ("", False)))
        window.restore_backup()
        [choices] = offered
        assert choices == [f"{b.label()}  ({b.path.name})" for b in ours] + ["Choose a backup file…"]
        assert ours and not any(theirs.path.name in choice for choice in choices)
        assert not any("another folder or name" in choice for choice in choices)
    finally:
        window.db.close()
