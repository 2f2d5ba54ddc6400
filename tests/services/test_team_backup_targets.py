"""A team database's backup as a file (File > Back up now on a team database, `backup --db
postgresql://…`) goes only where a file's backup may: a database file's name, never over a file
that is not a database, never into a folder that is not there; the backups folder, the
program's own, is made when the backup goes into it."""

from __future__ import annotations

import pytest

from bscp_desktop import paths
from bscp_desktop.db.targets import TargetRefused, is_database
from bscp_desktop.services import copies


def _unreachable(tmp_path) -> str:
    """An address no server answers: a refusal must come before the team database is reached."""
    return f"postgresql://officer@/bscp?host={tmp_path}&port=5999&connect_timeout=3"


@pytest.mark.parametrize("name", ["Board minutes.docx", "TeamBackup 2.0", "notes.txt"])
def test_a_name_no_database_file_has_is_refused_before_the_server_is_reached(tmp_path, name):
    out = tmp_path / name
    if name == "notes.txt":
        out.write_bytes(b"")  # an empty file of another kind: not made a database
    with pytest.raises(TargetRefused, match=r"does not end in \.sqlite3, \.sqlite or \.db"):
        copies.backup_server(_unreachable(tmp_path), out)
    assert not is_database(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["notes.txt"] if name == "notes.txt" else [])


def test_a_folder_typed_that_is_not_there_is_refused_and_not_made(tmp_path):
    out = tmp_path / "no such folder" / "team.sqlite3"
    with pytest.raises(TargetRefused, match="does not exist"):
        copies.backup_server(_unreachable(tmp_path), out)
    assert not out.parent.exists()


def test_the_backups_folder_is_made_for_a_backup_chosen_in_it(pg_address):
    folder = paths.backup_dir()
    assert not folder.exists()  # a new user's: no backup made yet
    out, report = copies.backup_server(pg_address, folder / "team.sqlite3")
    assert out == (folder / "team.sqlite3").absolute() and is_database(out) and report.lines()
