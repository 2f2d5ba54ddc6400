"""`bscp-desktop offline take|bring-back|release|status` on a real PostgreSQL server (skipped,
with the reason, without one)."""

from __future__ import annotations

import pytest

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
