"""`--db` naming the backup folder itself (or a folder in it) is refused as a folder, as any other
folder is, not as a file "in the backup folder" of the folder above it."""

from __future__ import annotations

import pytest

from bscp_desktop.cli import main
from bscp_desktop.db.targets import TargetRefused, check_working_database


def test_the_backup_folder_itself_is_refused_as_a_folder(tmp_path):
    folder = tmp_path / "data" / "backups"
    (folder / "older").mkdir(parents=True)
    for given in (folder, folder / "older"):
        with pytest.raises(TargetRefused) as refused:
            check_working_database(given, folder)
        assert str(refused.value) == f"{given} is a folder, not a database file."


@pytest.mark.parametrize("command", [["check"], ["search", "neglect"]])
def test_db_naming_the_backup_folder_says_it_is_a_folder(tmp_path, monkeypatch, capsys, command):
    monkeypatch.setenv("BSCP_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "data" / "backups"
    folder.mkdir(parents=True)
    other = tmp_path / "somewhere"
    other.mkdir()
    said = []
    for given in (folder, other):
        assert main([*command, "--db", str(given)]) != 0
        said.append(capsys.readouterr().err)
    assert "is a folder, not a database file" in said[1], said[1]  # any other folder, as it always was
    assert f"{folder} is a folder, not a database file" in said[0], said[0]
    assert "backup folder" not in said[0], said[0]
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["backups"] and list(folder.iterdir()) == []
