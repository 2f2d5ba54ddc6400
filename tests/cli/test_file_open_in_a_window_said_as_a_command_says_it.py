"""A command given a database file a window has open: the refusal says so as a command line
should, never the window's own words ("already open in another BSCP Desktop window; switch to
that window"), which read as if the command were a window of its own."""

from __future__ import annotations

from bscp_desktop.db.database import Database
from bscp_desktop.db.lock import FileLock
from tests.safety.helpers import assert_refused, cli


def test_an_import_into_a_file_a_window_has_open_says_to_close_it_there(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    Database.open(path).close()
    rows = tmp_path / "people.csv"
    rows.write_text("Name,Job title\nAmara Okafor,Designated safeguarding lead\n", encoding="utf-8")
    held = FileLock.for_database(path)  # as a window holds the file it has open
    held.acquire()
    try:
        line = assert_refused(cli("import", "people", rows, "--db", path, data_dir=tmp_path / "data"))
    finally:
        held.release()
    assert line == ("bscp-desktop: bscp.sqlite3 is already open in a BSCP Desktop window; close it there, then run "
                    "the command again.")
