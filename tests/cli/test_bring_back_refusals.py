"""`offline bring-back FILE` first reads the file as it is: a file that is not an offline copy
(a database one schema back, a backup in the backup folder) is refused and left as it was. It
was opened to work in first, so the refusal came after an upgrade made without a backup, or
after its journal was switched to write-ahead logging. A copy made by an earlier version is
backed up before it is upgraded and brought back."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from bscp_desktop import paths
from bscp_desktop.cli import main
from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database
from bscp_desktop.services import meetings as mt
from tests.offline.helpers import forum_meeting


def _one_schema_back(path: Path) -> str:
    """Take the file at `path` one schema back, as an earlier version left it; its schema then."""
    from alembic import command

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "-1")
            return migrate.current_revision(conn)
    finally:
        engine.dispose()


def _older_copy_minuted(pg_db, tmp_path: Path):
    """A meeting taken offline, minuted in the copy, the copy then taken one schema back (as an
    earlier version left it): the copy, the meeting's items, the copy's schema then."""
    _world, m, items = forum_meeting(pg_db)
    copy = tmp_path / "March forum.sqlite3"
    assert main(["offline", "take", "--meeting", str(m.id), "--to", str(copy), "--db", pg_db.url]) == 0
    with Database.open(copy, create=False) as local:
        mt.save_item_minutes(local, items[1].id, "Minuted offline.")
    return copy, items, _one_schema_back(copy)


def _refused_unchanged(path: Path, capsys, *more: str) -> None:
    before = path.read_bytes()
    beside = sorted(p.name for p in path.parent.iterdir())
    backups = sorted(paths.backup_dir().glob("*")) if paths.backup_dir().is_dir() else []
    assert main(["offline", "bring-back", str(path), *more]) == 2
    err = capsys.readouterr().err
    assert "is not an offline copy of a meeting" in err and err.count("\n") == 1, err
    assert path.read_bytes() == before  # no upgrade, no change of journal
    assert sorted(p.name for p in path.parent.iterdir()) == beside  # no working files left
    assert (sorted(paths.backup_dir().glob("*")) if paths.backup_dir().is_dir() else []) == backups


@pytest.mark.slow
def test_a_database_one_schema_back_is_refused_unchanged(tmp_path, empty_file, capsys):
    path = tmp_path / "older.sqlite3"
    shutil.copyfile(empty_file, path)
    _one_schema_back(path)
    _refused_unchanged(path, capsys)


def test_a_backup_in_the_backup_folder_is_refused_unchanged(db_file, capsys):
    assert main(["backup", "--db", str(db_file)]) == 0
    backup = Path(capsys.readouterr().out.strip().removeprefix("Backed up to "))
    assert backup.parent == paths.backup_dir()
    _refused_unchanged(backup, capsys)


def test_a_file_that_is_no_copy_is_refused_before_the_team_database_is_reached(db_file, tmp_path, capsys):
    address = f"postgresql://officer@/bscp?host={tmp_path}&port=5999&connect_timeout=3"
    _refused_unchanged(db_file, capsys, "--db", address)


def test_a_copy_made_by_an_earlier_version_is_backed_up_before_it_is_upgraded(pg_db, tmp_path, capsys):
    copy, items, older = _older_copy_minuted(pg_db, tmp_path)
    assert main(["offline", "bring-back", str(copy)]) == 0
    assert "Brought back 1 change" in capsys.readouterr().out
    assert mt.get_agenda_item(pg_db, items[1].id).minutes == "Minuted offline."
    backups = list(paths.backup_dir().glob("March forum-*.sqlite3"))
    assert len(backups) == 1
    with contextlib.closing(sqlite3.connect(backups[0])) as con:  # the copy as it was before its upgrade
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == older


@pytest.mark.slow
def test_the_windows_bring_back_reads_a_file_that_is_no_copy_without_changing_it(pg_db, tmp_path, empty_file):
    from bscp_desktop.domain.validation import ValidationError
    from bscp_desktop.services import offline as off

    path = tmp_path / "older.sqlite3"
    shutil.copyfile(empty_file, path)
    _one_schema_back(path)
    before = path.read_bytes()
    with pytest.raises(ValidationError) as refused:
        off.plan_bring_back(pg_db, path)  # as the window's Bring back… compares first
    assert "is not an offline copy of a meeting" in refused.value.errors["file"]
    assert path.read_bytes() == before
    assert not paths.backup_dir().is_dir() or not list(paths.backup_dir().glob("older-*"))


@pytest.mark.slow
def test_the_windows_bring_back_backs_up_a_copy_of_an_earlier_version_once(pg_db, tmp_path):
    from bscp_desktop.services import offline as off

    copy, items, older = _older_copy_minuted(pg_db, tmp_path)
    assert not off.plan_bring_back(pg_db, copy).conflicts
    off.plan_bring_back(pg_db, copy)  # compared again: already upgraded, no more copies
    (backup,) = paths.backup_dir().glob("March forum-*.sqlite3")
    with contextlib.closing(sqlite3.connect(backup)) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == older
