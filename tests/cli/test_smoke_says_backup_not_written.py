"""`--smoke --db FILE` on a file whose start-up backup the backup folder cannot take (read-only,
full): the self-test still passes, and says the backup was not written, as every other command
says it before going on."""

from __future__ import annotations

import shutil

import pytest

from bscp_desktop import smoke
from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.backup import READ_ONLY, FolderNotWritable


@pytest.mark.slow  # the whole self-test: the window built, a PDF and a workbook written
def test_the_self_test_says_its_start_up_backup_was_not_written_and_passes(tmp_path, empty_file, monkeypatch, capsys):
    db = tmp_path / "g.sqlite3"
    shutil.copyfile(empty_file, db)
    monkeypatch.setenv("BSCP_DATA_DIR", str(tmp_path / "data"))

    def refused(source, target):  # as a read-only backup folder refuses the copy
        raise FolderNotWritable(target.parent, READ_ONLY)

    monkeypatch.setattr(backup_files, "copy_database", refused)
    assert smoke.run_smoke(db) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Smoke test passed"), out
    assert err.startswith("bscp-desktop: ") and "the folder is read-only" in err and "Your records are safe" in err, err
    assert "bscp-desktop backup" in err and "File > Back up now" not in err, err
