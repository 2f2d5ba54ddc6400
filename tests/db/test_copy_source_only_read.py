"""`copy --from` only reads its source: a backup in the backup folder (as the README advises,
`copy --from BACKUP-FILE --to ADDRESS`) or any other file is copied without being upgraded,
switched to another journal, backed up or otherwise written to."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from sqlalchemy import create_engine

from bscp_desktop import paths
from bscp_desktop.db import migrate
from bscp_desktop.db.lock import FileLock
from tests.safety.helpers import assert_refused, cli, files_in, one_organisation_file


def _names(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM organisation ORDER BY id")]
    finally:
        con.close()


def _version(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def backup(tmp_path, empty_file):
    """A backup in this user's backup folder, as the program keeps it (no journal beside it)."""
    made = one_organisation_file(tmp_path / "bscp.sqlite3", empty_file)
    folder = paths.backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bscp-00000000-20240101-090000-000000-manual.sqlite3"
    con = sqlite3.connect(made)
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    shutil.copyfile(made, path)
    return path


def test_a_backup_in_the_backup_folder_is_copied_without_being_written_to(backup, tmp_path):
    before = files_in(backup.parent)
    target = tmp_path / "brought-back.sqlite3"
    result = cli("copy", "--from", backup, "--to", target)
    assert result.returncode == 0, result.stderr
    assert files_in(backup.parent) == before  # the same bytes, no backup of the backup, no journal left
    assert _names(target) == ["Brent Council"]


@pytest.mark.slow  # a file taken back one schema version, then copied
def test_a_backup_of_an_earlier_version_is_upgraded_in_the_copy_only(backup, tmp_path):
    from alembic import command

    engine = create_engine(f"sqlite:///{backup}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "-1")
    engine.dispose()
    older = _version(backup)
    assert older != migrate.head_revision()
    before = files_in(backup.parent)
    target = tmp_path / "brought-back.sqlite3"
    assert cli("copy", "--from", backup, "--to", target).returncode == 0
    assert files_in(backup.parent) == before and _version(backup) == older
    assert _version(target) == migrate.head_revision() and _names(target) == ["Brent Council"]


def test_a_working_file_open_in_a_window_is_refused_and_left_as_it_was(tmp_path, empty_file):
    source = one_organisation_file(tmp_path / "bscp.sqlite3", empty_file)
    before = source.read_bytes()
    window = FileLock.for_database(source)
    window.acquire()
    try:
        line = assert_refused(cli("copy", "--from", source, "--to", tmp_path / "out.sqlite3"),
                              "open in a BSCP Desktop window", "close it there first")
    finally:
        window.release()
    assert "bscp.sqlite3" in line and source.read_bytes() == before
    assert not (tmp_path / "out.sqlite3").exists()
