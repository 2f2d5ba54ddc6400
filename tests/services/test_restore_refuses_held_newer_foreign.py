"""A restore never replaces a file it may not touch: one another program holds (a database
browser, a sync tool), one saved by a newer version, or another program's SQLite file. It is
refused as `check` refuses it, when the backup is checked and again when it is swapped in, and
nothing is replaced or set aside as damaged. Only a damaged file is replaced (kept aside first)."""

from __future__ import annotations

import sqlite3

import pytest

from bscp_desktop.db import migrate
from bscp_desktop.db.database import DatabaseError, FileHeld
from bscp_desktop.db.file_check import check_file
from bscp_desktop.services import backups
from tests.db.test_locked_file_said_in_use import hold
from tests.safety.helpers import one_organisation_file


@pytest.fixture
def live(tmp_path, empty_file):
    """A database with one organisation, and a sound backup of it (tmp_path / backup.sqlite3)."""
    path = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backups.backup_now(path, tmp_path / "backup.sqlite3")
    return path


def _files(folder) -> dict[str, bytes]:
    """Every file under `folder` (the backup folder within it too), by name, with its bytes; but
    the checked copy of a restore (removed once it is swapped in, or refused)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".restore-" not in p.name}


def _newer(path) -> str:
    """`path` as a newer version saves it: a schema after this version's; the sentence `check` opens with."""
    newer = f"{int(migrate.head_revision()) + 1:04d}"
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = ?", (newer,))
    con.close()
    return f"{path} was saved by a newer version of BSCP Desktop (schema {newer})"


def _refused_as_check_says(exc: BaseException, path) -> None:
    with pytest.raises(DatabaseError) as checked:
        check_file(path)
    opening = str(checked.value).split(";")[0].rstrip(".")
    assert str(exc).startswith(opening)
    assert "damaged" not in str(exc)


@pytest.mark.slow
@pytest.mark.parametrize("when", ["as the backup is checked", "as it is swapped in"])
def test_a_database_another_program_holds_is_not_replaced(live, tmp_path, monkeypatch, when):
    folder = tmp_path / "backups"
    prepared = backups.prepare_restore(tmp_path / "backup.sqlite3", live, folder) if when == "as it is swapped in" else None
    holder = hold(live, monkeypatch)
    try:
        before = _files(tmp_path)
        with pytest.raises(FileHeld) as refused:
            if prepared is None:
                backups.restore_backup(tmp_path / "backup.sqlite3", live, folder)
            else:
                prepared.swap_in(folder)
        assert str(refused.value) == str(FileHeld(path=live))  # as `check` says it, naming the file
        after = _files(tmp_path)
    finally:
        holder.close()
    assert after == before  # nothing replaced, set aside or removed (its -wal and -shm as they were)
    assert not list(tmp_path.rglob("*.damaged"))


@pytest.mark.slow
@pytest.mark.parametrize("when", ["as the backup is checked", "as it is swapped in"])
def test_a_database_saved_by_a_newer_version_is_not_replaced(live, tmp_path, when):
    folder = tmp_path / "backups"
    prepared = backups.prepare_restore(tmp_path / "backup.sqlite3", live, folder) if when == "as it is swapped in" else None
    opening = _newer(live)
    before = _files(tmp_path)
    with pytest.raises(DatabaseError) as refused:
        if prepared is None:
            backups.restore_backup(tmp_path / "backup.sqlite3", live, folder)
        else:
            prepared.swap_in(folder)
    assert str(refused.value).startswith(opening + ", so no backup is restored over it")
    assert "install the newer version" in str(refused.value)
    _refused_as_check_says(refused.value, live)
    assert _files(tmp_path) == before
    assert backups.list_backups(live, folder) == [] and not list(tmp_path.rglob("*.damaged"))


@pytest.mark.slow
def test_another_programs_sqlite_file_is_not_replaced(live, tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE notes (t)")
        con.execute("INSERT INTO notes VALUES ('another program')")
    con.close()
    before = _files(tmp_path)
    with pytest.raises(DatabaseError) as refused:
        backups.restore_backup(tmp_path / "backup.sqlite3", other, tmp_path / "backups")
    assert str(refused.value).startswith(f"{other} is an SQLite file of another program, not a BSCP Desktop database")
    assert "move the file away first" in str(refused.value)
    _refused_as_check_says(refused.value, other)
    assert _files(tmp_path) == before and not list(tmp_path.rglob("*.damaged"))
