"""The offline copy's file failing after the team database has committed: a meeting brought back
whose copy cannot be marked as brought back is still brought back (with a note about the copy),
and a meeting whose copy cannot be given its name is not left marked offline with no copy."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from bscp_desktop.services.offline import marks
from tests.offline.helpers import ALICE, as_officer, forum_meeting, taken_offline

pytestmark = pytest.mark.slow  # a team database on the PostgreSQL test server, taken offline to a file

BOB = "Bob Manager"


@contextmanager
def copy_write_fails(error: str):
    """Within the block every change to an offline copy's origin row fails as SQLite would with
    `error` (another program holding the file, a full disk): SQLAlchemy raises its OperationalError."""
    def fail(conn, cursor, statement, parameters, context, executemany):
        if conn.dialect.name == "sqlite" and statement.lstrip().upper().startswith("UPDATE MEETING_OFFLINE"):
            raise sqlite3.OperationalError(error)

    event.listen(Engine, "before_cursor_execute", fail)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", fail)


@pytest.fixture
def minuted(pg_db, tmp_path):
    """The forum meeting taken offline by Alice and minuted in the copy."""
    server, world, m, items, path, mark = taken_offline(pg_db, tmp_path)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[1].id, "Minuted offline.")
    return server, m, items, path


@pytest.mark.parametrize(("error", "said"), [
    ("database is locked", "another program, such as a backup or sync tool, was using the file"),
    ("database or disk is full", "the disk holding it is full"),
])
def test_a_copy_that_cannot_be_marked_as_brought_back_is_still_brought_back(minuted, error, said):
    server, m, items, path = minuted
    with copy_write_fails(error):
        result = off.bring_back(server, path, prefer=off.OFFLINE)
    # everything is on the team database, and the officer is told so, with what to do with the copy
    assert result.written == 1
    assert result.sentence.startswith("Brought back 1 change")
    assert f"{path.name} could not be marked as brought back ({said})" in result.sentence
    assert "do not minute in it again" in result.sentence and "nothing was changed" not in result.sentence
    assert off.meeting_mark(server, m.id) is None
    assert mt.meeting_workspace(server, m.id).agenda[1].minutes == "Minuted offline."
    with Database.open(path, create=False) as local:
        assert off.offline_origin(local).active  # the copy itself could not be noted
    with pytest.raises(ValidationError, match="already brought back"):
        off.bring_back(server, path, prefer=off.OFFLINE)


def test_a_copy_marked_as_brought_back_says_nothing_more(minuted):
    server, m, items, path = minuted
    result = off.bring_back(server, path, prefer=off.OFFLINE)
    assert result.copy_note == "" and "could not be marked" not in result.sentence
    with Database.open(path, create=False) as local:
        assert off.offline_origin(local).ended_how == "brought back"


def _taking(pg_db, tmp_path):
    server = as_officer(pg_db, ALICE)
    world, m, items = forum_meeting(server)
    return server, m, items, tmp_path / "March forum.sqlite3"


def _not_offline(server, m, items, path, tmp_path) -> None:
    """The meeting stands as before: no mark in force, nothing under the copy's name or a
    passing one, changed by another officer, and it can be taken offline again."""
    assert off.meeting_mark(server, m.id) is None
    assert not path.exists() or path.stat().st_size == 0 or path.read_bytes().startswith(b"x")
    assert not [p for p in tmp_path.iterdir() if p.name != path.name]
    as_officer(server, BOB)
    mt.save_item_minutes(server, items[1].id, "Bob's minutes")
    as_officer(server, ALICE)
    path.unlink(missing_ok=True)
    assert off.take_offline(server, m.id, path).active and path.is_file()


@pytest.mark.parametrize(("error", "said"), [
    (FileExistsError(17, "File exists"), "a file named March forum.sqlite3 was put there meanwhile"),
    (PermissionError(13, "Permission denied"), "another program, such as antivirus or a sync tool"),
])
def test_a_copy_that_cannot_be_put_in_place_leaves_no_mark(pg_db, tmp_path, monkeypatch, error, said):
    server, m, items, path = _taking(pg_db, tmp_path)

    def move_fails(staged, target):
        raise error

    monkeypatch.setattr(marks, "move_into_place", move_fails)
    with pytest.raises(DatabaseError) as failed:
        off.take_offline(server, m.id, path)
    text = str(failed.value)
    assert f"The offline copy could not be saved as {path} ({said}" in text
    assert "the meeting was not taken offline and can be changed as before" in text
    monkeypatch.undo()
    ended = off.list_marks(server, active_only=False)
    assert [(e.taken_by, e.ended_how, e.ended_by) for e in ended] == [(ALICE, "released", ALICE)]
    assert "could not be saved as March forum.sqlite3" in ended[0].reason
    _not_offline(server, m, items, path, tmp_path)


def test_a_file_of_the_same_name_put_there_while_the_copy_is_made_leaves_no_mark(pg_db, tmp_path, monkeypatch):
    server, m, items, path = _taking(pg_db, tmp_path)
    real = marks._write_copy

    def write_then_file_appears(session, mark, staged, address):
        real(session, mark, staged, address)
        path.write_bytes(b"x" * 100)  # a sync tool restores a file of that name meanwhile

    monkeypatch.setattr(marks, "_write_copy", write_then_file_appears)
    with pytest.raises(DatabaseError, match="a file named March forum.sqlite3 was put there meanwhile"):
        off.take_offline(server, m.id, path)
    monkeypatch.undo()
    assert path.read_bytes() == b"x" * 100  # the other program's file is left alone
    _not_offline(server, m, items, path, tmp_path)


def test_a_mark_that_cannot_be_ended_either_is_said_plainly(pg_db, tmp_path, monkeypatch):
    server, m, items, path = _taking(pg_db, tmp_path)
    real = server.unit_of_work
    calls = []

    def second_fails():
        calls.append(1)
        if len(calls) > 1:  # the connection lost once the copy's mark has committed
            raise OperationalError("SELECT", {}, Exception("server closed the connection unexpectedly"))
        return real()

    monkeypatch.setattr(marks, "move_into_place", lambda staged, target: (_ for _ in ()).throw(PermissionError(13, "x")))
    monkeypatch.setattr(server, "unit_of_work", second_fails)
    with pytest.raises(DatabaseError) as failed:
        off.take_offline(server, m.id, path)
    monkeypatch.undo()
    text = str(failed.value)
    assert "could not be reached to free the meeting again (server closed the connection unexpectedly)" in text
    assert "it is still marked as taken offline, with no copy. Release the meeting" in text
    assert off.meeting_mark(server, m.id).taken_by == ALICE
    assert not path.exists()


def test_a_copy_is_never_taken_into_another_databases_working_file_or_the_backup_folder(pg_db, tmp_path, monkeypatch):
    """The window's Take offline… too: refused before the meeting is marked (a copy named
    "mine.sqlite3-wal" could never be opened, and opening mine.sqlite3 deletes it)."""
    from bscp_desktop import paths
    from bscp_desktop.domain.validation import ValidationError
    from bscp_desktop.services import offline as off
    from tests.offline.helpers import forum_meeting

    _world, m, _items = forum_meeting(pg_db)
    monkeypatch.setattr(paths, "backup_dir", lambda: tmp_path / "backups")
    (tmp_path / "backups").mkdir()
    for place in (tmp_path / "mine.sqlite3-wal", tmp_path / "backups" / "May forum.sqlite3"):
        with pytest.raises(ValidationError) as refused:
            off.take_offline(pg_db, m.id, place)
        assert place.name in str(refused.value) or "backup folder" in str(refused.value)
        assert off.meeting_mark(pg_db, m.id) is None and not place.exists()
