"""A copy of a database put in another folder (a USB stick, the Desktop, a shared drive) does not
list the backups of the file it was copied from, while that file is still at its place holding this
database: the full path each backup's key stands for is recorded beside the backups folder. Where
the record cannot be read or written, a backup and a listing go on as before it was kept."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

from bscp_desktop import cli, paths
from bscp_desktop.db import backup as backup_files
from bscp_desktop.db import backup_places
from bscp_desktop.db.database import CALENDAR_ID_KEY, Database
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms

ELSEWHERE = "(made when this database had another folder or name)"


def _original(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A database in folder a, backed up on opening and by hand."""
    original = tmp_path / "a" / "bscp.sqlite3"
    original.parent.mkdir()
    with Database.open(original) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Police", "police"))
    Database.open(original, backup_folder=paths.backup_dir()).close()
    backups.backup_now(original)
    made = [b.path for b in backup_files.list_backups(paths.backup_dir(), original)]
    assert len(made) == 2
    return original, made


def _copy_in(folder: Path, original: Path) -> Path:
    folder.mkdir()
    return Path(shutil.copyfile(original, folder / original.name))


def _index() -> Path:
    return backup_places.places_file()


def test_a_copy_in_another_folder_lists_none_of_the_originals_backups(tmp_path, capsys):
    original, made = _original(tmp_path)
    copy = _copy_in(tmp_path / "b", original)
    assert backups.list_backups(copy) == []
    assert cli.main(["restore", "--list", "--db", str(copy)]) == 0
    listed = capsys.readouterr().out
    assert "There are no backups of" in listed and ELSEWHERE not in listed
    assert not any(p.name in listed for p in made)
    assert [b.path for b in backups.list_backups(original)] == made  # the original lists its own, as before


def test_a_copy_in_another_folder_backed_up_lists_only_its_own(tmp_path):
    original, made = _original(tmp_path)
    copy = _copy_in(tmp_path / "b", original)
    own = backups.backup_now(copy)
    found = backups.list_backups(copy)
    assert [b.path for b in found] == [own] and not found[0].elsewhere


def test_the_backups_of_an_original_moved_away_are_listed_with_their_note(tmp_path):
    original, made = _original(tmp_path)
    copy = _copy_in(tmp_path / "b", original)
    moved = tmp_path / "c" / original.name
    moved.parent.mkdir()
    original.rename(moved)
    for path in (copy, moved):
        found = backups.list_backups(path)
        assert sorted(b.path for b in found) == sorted(made)
        assert all(b.label().endswith(ELSEWHERE) for b in found)


def test_an_original_that_now_holds_another_database_leaves_its_backups_to_the_copy(tmp_path):
    original, made = _original(tmp_path)
    copy = _copy_in(tmp_path / "b", original)
    with closing(sqlite3.connect(original)) as con, con:
        con.execute("UPDATE setting SET value = ? WHERE key = ?", (json.dumps("0123456789abcdef"), CALENDAR_ID_KEY))
    found = backups.list_backups(copy)
    assert sorted(b.path for b in found) == sorted(made) and all(b.elsewhere for b in found)


def test_each_backup_records_the_full_path_of_its_file(tmp_path):
    original, _made = _original(tmp_path)
    key = backup_files.database_key(original)
    assert backup_places.known_places() == {key: str(original.resolve())}
    assert _index().parent == paths.backup_dir().parent  # beside the backups folder, which holds backups only
    assert all(p.name.endswith(".sqlite3") for p in paths.backup_dir().iterdir())
    assert not list(_index().parent.glob(".*.tmp"))  # no half-written index left behind


def _unreadable_indexes(tmp_path: Path) -> dict[str, object]:
    elsewhere = tmp_path / "elsewhere.json"
    return {
        "not text": b"\xff\xfe\x00 not an index",
        "not json": b"{places: nowhere",
        "nested beyond reading": b"[" * 200_000,
        "a list": b"[1, 2, 3]",
        "places not a mapping": json.dumps({"places": ["/a"]}).encode(),
        "entries not as written": json.dumps({"places": {"zz": "/a", "1a2b3c4d": "relative/path", "0f0f0f0f": 7}}).encode(),
        "too large": b" " * (backup_places._MOST_BYTES + 1) + b"{}",
        "a shortcut": elsewhere,
        "a folder": "folder",
    }


@pytest.mark.parametrize("kind", list(_unreadable_indexes(Path())))
def test_an_index_that_cannot_be_read_leaves_the_listing_as_before(tmp_path, kind):
    """Read as no record: a copy beside the original still leaves out the original's backups (by
    its folder), one elsewhere lists them with the note, as before places were recorded."""
    original, made = _original(tmp_path)
    index = _index()
    index.unlink()
    garbage = _unreadable_indexes(tmp_path)[kind]
    if isinstance(garbage, bytes):
        index.write_bytes(garbage)
    elif garbage == "folder":
        index.mkdir()
    else:
        Path(garbage).write_text(json.dumps({"places": {}}))
        index.symlink_to(garbage)
    assert backup_places.known_places() == {}
    beside = Path(shutil.copyfile(original, original.with_name("beside.sqlite3")))
    assert backups.list_backups(beside) == []
    copy = _copy_in(tmp_path / "b", original)
    assert sorted(b.path for b in backups.list_backups(copy)) == sorted(made)
    assert [b.path for b in backups.list_backups(original)] == made


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system has no named pipes")
def test_a_pipe_in_the_place_of_the_index_is_not_waited_on(tmp_path):
    original, made = _original(tmp_path)
    _index().unlink()
    os.mkfifo(_index())
    copy = _copy_in(tmp_path / "b", original)
    assert sorted(b.path for b in backups.list_backups(copy)) == sorted(made)
    assert backups.backup_now(original).is_file()


def test_a_backup_after_a_garbled_index_records_its_place_again(tmp_path):
    original, _made = _original(tmp_path)
    _index().write_bytes(b"\x00garbled")
    newest = backups.backup_now(original)
    copy = _copy_in(tmp_path / "b", original)
    assert newest.is_file() and backups.list_backups(copy) == []


@pytest.mark.parametrize("kind", ["writing refused", "a folder in its place"])
def test_a_backup_is_made_where_the_index_cannot_be_written(tmp_path, monkeypatch, kind):
    """A read-only folder (refused as this program's user may be refused), or a folder where the
    index should be: the backups are made, and listed as before places were recorded."""
    if kind == "a folder in its place":
        _index().mkdir(parents=True)
    else:
        real = tempfile.mkstemp

        def refused(*args, **kwargs):
            if str(kwargs.get("prefix", "")).startswith(f".{backup_places.PLACES}"):
                raise PermissionError(13, "Permission denied", str(kwargs.get("dir")))
            return real(*args, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", refused)
    original, made = _original(tmp_path)  # one on opening, one by hand: both made
    assert all(p.is_file() for p in made)
    assert backup_places.known_places() == {}
    assert not list(_index().parent.glob(".*.tmp"))
    copy = _copy_in(tmp_path / "b", original)  # no record: listed as before places were recorded
    assert sorted(b.path for b in backups.list_backups(copy)) == sorted(made)
