"""Where a database file may be, by its name and its path: never under the name of another
database's working file (which making or opening that database would remove), never at a path
longer than SQLite opens, backed up whatever the length of its name, opened on a Windows network
share, and upgraded from a program folder whose name holds a "%"."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path, PosixPath, PureWindowsPath

import pytest

from bscp_desktop.db import backup, migrate
from bscp_desktop.db.backup import backup_database, backup_name, database_key, list_backups, sqlite_uri, start_backup
from bscp_desktop.db.database import Database, DatabaseError, building
from bscp_desktop.db.lock import FileLock
from bscp_desktop.db.targets import MAX_DATABASE_PATH, MAX_NAME, SIDE_SUFFIXES, TEMPORARY_ROOM, TargetRefused, check_target, name_length

# --- a database under a working file's name -------------------------------------------------


@pytest.mark.parametrize("suffix", SIDE_SUFFIXES)
def test_a_new_database_is_never_given_a_working_files_name(tmp_path, suffix):
    """Whether or not a database of the shorter name is there: it would be removed as that
    database's working file when the shorter one is made or opened."""
    path = tmp_path / f"team.sqlite3{suffix}"
    with pytest.raises(TargetRefused, match=f"ends in '{suffix}'.*a database is never given such a name"):
        check_target(path, new_database=True)
    with pytest.raises(DatabaseError, match=f"ends in '{suffix}'"):
        Database.open(path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", SIDE_SUFFIXES)
def test_a_database_under_a_working_files_name_is_not_opened(tmp_path, empty_file, suffix):
    path = shutil.copyfile(empty_file, tmp_path / f"team.sqlite3{suffix}")
    with pytest.raises(DatabaseError, match=f"ends in '{suffix}'"):
        Database.open(path, create=False)
    assert path.read_bytes() == Path(empty_file).read_bytes()


@pytest.mark.parametrize("suffix", SIDE_SUFFIXES)
@pytest.mark.parametrize("base_there", [False, True], ids=["new", "existing"])
def test_making_or_opening_a_database_keeps_a_database_named_as_its_working_file(tmp_path, empty_file, suffix, base_there):
    """A database (copied, restored, renamed by hand) named as the working file of the database
    being made or opened beside it is named in one sentence, and kept byte for byte."""
    side = shutil.copyfile(empty_file, tmp_path / f"team.sqlite3{suffix}")
    before = side.read_bytes()
    path = tmp_path / "team.sqlite3"
    if base_there:
        shutil.copyfile(empty_file, path)
    with pytest.raises(DatabaseError, match=f"team.sqlite3{suffix}, beside team.sqlite3, is a database of its own"):
        Database.open(path, backup_folder=tmp_path / "backups")
    assert side.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["team.sqlite3" + suffix] + (["team.sqlite3"] if base_there else []))


@pytest.mark.parametrize("suffix", SIDE_SUFFIXES)
def test_building_in_place_of_a_database_named_as_its_working_file_is_refused(tmp_path, empty_file, suffix):
    side = shutil.copyfile(empty_file, tmp_path / f"team.sqlite3{suffix}")
    with pytest.raises(DatabaseError, match="is a database of its own"):
        with building(tmp_path / "team.sqlite3"):
            pass
    assert side.read_bytes() == Path(empty_file).read_bytes()


def test_the_lock_never_empties_or_removes_a_database_given_its_name(tmp_path, empty_file):
    side = shutil.copyfile(empty_file, tmp_path / "team.sqlite3.lock")
    lock = FileLock.for_database(tmp_path / "team.sqlite3")
    with pytest.raises(OSError, match="team.sqlite3.lock, the name of its lock file, is a database of its own"):
        lock.acquire()
    assert not lock.held
    lock.release()
    assert side.read_bytes() == Path(empty_file).read_bytes()


def test_a_stale_lock_file_is_still_taken_and_written_from_its_start(tmp_path):
    stale = tmp_path / "team.sqlite3.lock"
    stale.write_bytes(b"123456789012345678")
    lock = FileLock.for_database(tmp_path / "team.sqlite3")
    lock.acquire()
    try:
        assert stale.read_bytes() == str(os.getpid()).encode()
    finally:
        lock.release()


def test_a_log_left_beside_a_new_databases_place_is_named_not_the_database(tmp_path):
    """Only x.sqlite3-wal there, holding changes: the new database x.sqlite3 is refused naming
    the log, not as if x.sqlite3 itself were there."""
    (tmp_path / "x.sqlite3-wal").write_bytes(b"changes")
    with pytest.raises(DatabaseError) as refused:
        Database.open(tmp_path / "x.sqlite3")
    assert "x.sqlite3-wal, beside where x.sqlite3 would go, holds changes" in str(refused.value)
    assert "already exists" not in str(refused.value)
    with pytest.raises(DatabaseError, match="x.sqlite3-wal, beside where x.sqlite3 would go"):
        with building(tmp_path / "x.sqlite3"):
            pass
    assert (tmp_path / "x.sqlite3-wal").read_bytes() == b"changes"


# --- a path longer than SQLite opens --------------------------------------------------------


def _folder_for(tmp_path: Path, length: int, name: str) -> Path:
    """A folder under `tmp_path` in which `name` has a full path of `length` bytes."""
    base = tmp_path.absolute()
    left = length - len(os.fsencode(str(base / name)))  # for each folder: its name and a "/"
    parts = []
    while left > 201:
        parts.append(200)
        left -= 201
    if left == 1:  # a folder's name of no characters: one character from the one before
        parts[-1], left = parts[-1] - 1, 2
    folder = base.joinpath(*("f" * n for n in [*parts, left - 1]))
    folder.mkdir(parents=True)
    assert len(os.fsencode(str(folder / name))) == length
    return folder


def test_a_database_whose_path_is_too_long_for_sqlite_is_refused_in_one_sentence(tmp_path, empty_file):
    folder = _folder_for(tmp_path / "a", MAX_DATABASE_PATH + 1, "bscp.sqlite3")
    there = shutil.copyfile(empty_file, folder / "bscp.sqlite3")
    with pytest.raises(DatabaseError) as refused:
        Database.open(there, create=False)
    assert "is too long: 505 bytes" in str(refused.value) or os.name == "nt"
    assert "move it to a folder with a shorter path" in str(refused.value)
    assert "unable to open" not in str(refused.value)
    assert sorted(p.name for p in folder.iterdir()) == ["bscp.sqlite3"]


def test_a_new_database_whose_path_leaves_no_room_for_its_temporary_files_is_refused(tmp_path):
    """A new database is built under a longer, temporary name beside it: room is kept for that."""
    folder = _folder_for(tmp_path / "a", MAX_DATABASE_PATH - TEMPORARY_ROOM + 1, "new.sqlite3")
    with pytest.raises(DatabaseError, match="path of the new database new.sqlite3 is too long.*choose a folder with a shorter path"):
        Database.open(folder / "new.sqlite3")
    with pytest.raises(TargetRefused, match="choose a folder with a shorter path"):
        check_target(folder / "new.sqlite3", new_database=True)
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.name == "nt", reason="SQLite's limit on this system is measured here")
def test_databases_at_the_longest_paths_allowed_are_made_and_opened(tmp_path, empty_file):
    new = _folder_for(tmp_path / "new", MAX_DATABASE_PATH - TEMPORARY_ROOM, "bscp.sqlite3") / "bscp.sqlite3"
    Database.open(new).close()
    there = _folder_for(tmp_path / "there", MAX_DATABASE_PATH, "bscp.sqlite3") / "bscp.sqlite3"
    shutil.copyfile(new, there)
    Database.open(there, create=False).close()


# --- backups of a database with a long name -------------------------------------------------


def test_a_database_with_a_long_name_is_backed_up_and_its_backups_rotated(tmp_path, empty_file):
    name = "Ł" * 110 + ".sqlite3"  # 228 bytes: a name a database may have
    path = shutil.copyfile(empty_file, tmp_path / name)
    folder = tmp_path / "backups"
    made = backup_database(path, folder)
    assert made.is_file() and name_length(made.name) <= MAX_NAME - len(".pending.partial-journal")
    assert [b.path for b in list_backups(folder, path)] == [made]
    kept = start_backup(path, folder, now=datetime.now() + timedelta(seconds=1)).keep()  # before an upgrade
    assert [b.path for b in list_backups(folder, path)] == [kept, made]
    start = datetime(2026, 3, 2, 9, 0)
    for i in range(12):  # twelve more copies made on opening: the ten newest stay
        (folder / backup_name(path, start + timedelta(minutes=i), "startup")).write_bytes(b"")
    backup_database(path, folder, reason="startup", now=start + timedelta(minutes=12))
    startups = [b for b in list_backups(folder, path) if b.reason == "startup"]
    assert len(startups) == 10 and len(list(folder.glob("*startup*"))) == 10


def test_backups_made_under_a_names_whole_stem_are_still_listed(tmp_path, empty_file):
    """A name that fitted whole in its backups' names before they were shortened to fit."""
    path = shutil.copyfile(empty_file, tmp_path / ("a" * 190 + ".sqlite3"))
    folder = tmp_path / "backups"
    folder.mkdir()
    earlier = folder / f"{'a' * 190}-{database_key(path)}-20240401-093000-123456-manual.sqlite3"
    earlier.write_bytes(b"")
    made = backup_database(path, folder)
    assert made.name.startswith("a" * 150) and not made.name.startswith("a" * 190)
    assert {b.path for b in list_backups(folder, path)} == {earlier, made}


# --- a database on a Windows network share --------------------------------------------------


def test_the_uri_of_a_file_on_a_windows_network_share_names_no_server_as_authority():
    assert sqlite_uri(PureWindowsPath(r"\\server\share\BSCP 100%\bscp.sqlite3")) == (
        "file:////server/share/BSCP%20100%25/bscp.sqlite3")
    assert sqlite_uri(PureWindowsPath(r"C:\Users\ann\bscp.sqlite3")) == "file:///C:/Users/ann/bscp.sqlite3"
    assert sqlite_uri(Path("/home/ann/a #1?.sqlite3")) == "file:///home/ann/a%20%231%3F.sqlite3"


class _ShareLike(PosixPath):
    """A path whose URI names its first folder as a server, as a Windows network share's does
    (\\\\tmp\\...\\bscp.sqlite3 gives file://tmp/.../bscp.sqlite3)."""

    def as_uri(self) -> str:
        return "file://" + super().as_uri()[len("file:///"):]

    def absolute(self):
        return _ShareLike(super().absolute())


def test_a_database_on_a_network_share_opens(tmp_path, empty_file, monkeypatch):
    path = shutil.copyfile(empty_file, tmp_path / "bscp.sqlite3")
    monkeypatch.setattr(backup, "Path", _ShareLike)
    with pytest.raises(sqlite3.Error, match="authority"):  # what SQLite says of a URI naming a server
        sqlite3.connect(_ShareLike(path).as_uri() + "?mode=ro", uri=True)
    Database.open(path, create=False).close()


# --- a program folder named with a "%" ------------------------------------------------------


def test_the_migrations_are_found_and_run_from_a_folder_named_with_a_percent(tmp_path, monkeypatch):
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    moved = tmp_path / "Programs 100%" / "migrations"
    shutil.copytree(migrate.MIGRATIONS, moved, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS", moved)
    assert Path(migrate.script().dir) == moved
    assert migrate.script().get_current_head() == migrate.head_revision()
    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        with engine.begin() as conn:
            command.upgrade(migrate.alembic_config(conn), migrate.revisions_in_order()[0])
            assert migrate.current_revision(conn) == migrate.revisions_in_order()[0]
    finally:
        engine.dispose()
