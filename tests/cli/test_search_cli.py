"""`bscp-desktop search WORDS --db PATH`: one hit a line."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from tests.cli.test_cli import assert_refused, cli
from tests.meetings_world import build_world, meeting


@pytest.mark.slow  # the program in new processes; tests/services/test_search.py is the fast check
def test_search_prints_one_hit_a_line(db_path):
    with Database.open(db_path) as db:
        world = build_world(db)
        m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
        item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect\tstrategy"))
        mt.save_item_minutes(db, item.id, "Partners agreed the neglect toolkit.\nNext steps follow.")
    result = cli("search", "When", "did", "we", "last", "discuss", "neglect?", "--db", db_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    day, kind, record, title, snippet = lines[0].split("\t")
    assert (day, kind, record, title) == ("14/03/2024", "Agenda item", "Safeguarding Children Forum, 14/03/2024",
                                          "Item 1: Neglect strategy")
    assert "[neglect]" in snippet.lower() or "[Neglect]" in snippet
    none = cli("search", "zebra", "--db", db_path)
    assert none.returncode == 0 and none.stdout == "" and "No record searched mentions zebra" in none.stderr
    assert_refused(cli("search", "neglect", "--area", "kitchen", "--db", db_path), "no area called 'kitchen'")
    assert_refused(cli("search", "?!", "--db", db_path), "at least one word")


@pytest.mark.slow  # the program in a new process
def test_a_reader_that_stops_early_ends_the_command_quietly(db_path):
    """`bscp-desktop search … | head -1`: once the reader has gone, no "Broken pipe" and no traceback."""
    import subprocess
    import sys

    with Database.open(db_path) as db:
        world = build_world(db)
        m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    proc = subprocess.Popen([sys.executable, "-m", "bscp_desktop", "search", "neglect", "--db", str(db_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader has gone before the first line is written, as `head -0` would
    assert proc.wait(timeout=120) == 0
    assert proc.stderr.read() == b""


@pytest.mark.slow  # opens the file twice, as a window and the command do
def test_search_works_while_a_window_has_the_database_open(db_path, capsys):
    """`search` was refused ("already open in another BSCP Desktop window") while reports and
    exports were written beside the window: it only reads, so it reads query-only beside it."""
    from bscp_desktop.cli import main

    with Database.open(db_path) as db:  # the window's hold on the file
        world = build_world(db)
        m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
        code = main(["search", "neglect", "--db", str(db_path)])
        out = capsys.readouterr()
        assert code == 0, out.err
        assert "Item 1: Neglect strategy" in out.out



@pytest.mark.slow  # the program in a new process
def test_a_search_finding_nothing_quotes_the_words_as_typed(db_path):
    Database.open(db_path).close()
    none = cli("search", "21/3/2024", "--db", db_path)
    assert none.returncode == 0 and "No record searched mentions 21/3/2024." in none.stderr
