"""`bscp-desktop offline take|bring-back|release|status` on a real PostgreSQL server (skipped,
with the reason, without one)."""

from __future__ import annotations

import shutil

import pytest

from bscp_desktop import paths
from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import forum_meeting


def test_take_minute_bring_back_and_release_from_the_command_line(pg_db, tmp_path, capsys):
    pg_address = pg_db.url  # the same team database, as --db names it
    _world, m, items = forum_meeting(pg_db)
    copy = tmp_path / "copy.sqlite3"
    name = "Safeguarding Children Forum 14/03/2024"
    assert main(["offline", "take", "--meeting", name, "--to", str(copy), "--db", pg_address]) == 0
    out = capsys.readouterr().out
    assert "was taken offline by" in out and str(copy) in out
    assert main(["offline", "status", "--db", pg_address]) == 0
    assert "March forum" in capsys.readouterr().out
    assert main(["offline", "status", "--db", str(copy)]) == 0
    assert "offline copy" in capsys.readouterr().out

    with Database.open(copy, create=False) as local:
        mt.save_item_minutes(local, items[1].id, "Minuted offline.")
    mt.save_item_minutes(pg_db, items[1].id, "Minuted on the server.")
    # a conflict: listed, nothing written, exit status 2
    assert main(["offline", "bring-back", str(copy)]) == 2
    err = capsys.readouterr().err
    assert "Minutes" in err and "Minuted on the server." in err and "Minuted offline." in err
    assert "--keep" in err
    assert off.meeting_mark(pg_db, m.id) is not None
    # the team database the copy came from is found from the copy itself
    assert main(["offline", "bring-back", str(copy), "--keep", "offline"]) == 0
    assert "Brought back 1 change" in capsys.readouterr().out
    assert mt.get_agenda_item(pg_db, items[1].id).minutes == "Minuted offline."
    assert main(["offline", "bring-back", str(copy), "--db", pg_address]) == 2
    assert "already brought back" in capsys.readouterr().err

    again = tmp_path / "again.sqlite3"
    assert main(["offline", "take", "--meeting", str(m.id), "--to", str(again), "--db", pg_address]) == 0
    capsys.readouterr()
    assert main(["offline", "release", "--meeting", str(m.id), "--reason", "Laptop lost", "--db", pg_address]) == 0
    assert "released by" in capsys.readouterr().out
    assert off.meeting_mark(pg_db, m.id) is None


@pytest.mark.slow
def test_a_database_file_is_refused_in_one_sentence(db_path, tmp_path, capsys):
    Database.open(db_path).close()
    assert main(["offline", "take", "--meeting", "1", "--to", str(tmp_path / "x.sqlite3"), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "team database" in err
    with pytest.raises(SystemExit) as usage:
        main(["offline"])
    assert usage.value.code == 2


def _places_no_copy_may_take(tmp_path, empty_file):
    """(the file --to names, words of its refusal): another database's working file, a name only
    such a file has, the backup folder."""
    shutil.copyfile(empty_file, tmp_path / "mine.sqlite3")
    paths.backup_dir().mkdir(parents=True, exist_ok=True)
    return [(tmp_path / "mine.sqlite3-wal", "belongs to the database mine.sqlite3"),
            (tmp_path / "forum.sqlite3-journal", "ends in '-journal'"),
            (paths.backup_dir() / "forum.sqlite3", "is the backup folder")]


def test_a_copy_no_new_database_may_take_is_refused_before_the_server_is_reached(tmp_path, empty_file, capsys):
    """`--to mine.sqlite3-wal` or a file in the backup folder was accepted, the meeting marked
    offline on the team database with a copy nothing could open (the next open of mine.sqlite3
    removed it)."""
    address = f"postgresql://officer@/bscp?host={tmp_path}&port=5999&connect_timeout=3"
    for place, words in _places_no_copy_may_take(tmp_path, empty_file):
        assert main(["offline", "take", "--meeting", "1", "--to", str(place), "--db", address]) == 2
        err = capsys.readouterr().err
        assert words in err and "cannot be reached" not in err and err.count("\n") == 1, err
        assert not place.exists()


def test_a_copy_no_new_database_may_take_leaves_the_meeting_unmarked(pg_db, tmp_path, empty_file, capsys):
    _world, m, _items = forum_meeting(pg_db)
    for place, words in _places_no_copy_may_take(tmp_path, empty_file):
        assert main(["offline", "take", "--meeting", str(m.id), "--to", str(place), "--db", pg_db.url]) == 2
        assert words in capsys.readouterr().err
        assert off.meeting_mark(pg_db, m.id) is None and not place.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.sqlite3"]
