"""A command run while another program (a database browser with unsaved edits) holds the file
in a write transaction: its stderr holds the one sentence saying so, never a traceback nor an
SQL statement; the warning logged on the way (the claims of an earlier run could not be
cleared) goes, with its traceback, to the program's log file, as the window's do."""

from __future__ import annotations

import logging
import shutil
import sqlite3

import pytest

from bscp_desktop import app
from bscp_desktop.db import engines
from tests.safety.helpers import assert_refused, cli


@pytest.fixture
def held(tmp_path, empty_file, monkeypatch):
    """A database another connection holds in a write transaction (BEGIN IMMEDIATE); this
    program's connections wait for it a moment only, not the program's ten seconds."""
    path = tmp_path / "held.sqlite3"
    shutil.copyfile(empty_file, path)
    pragmas = engines._sqlite_pragmas

    def waiting_briefly(dbapi_connection, record) -> None:
        pragmas(dbapi_connection, record)
        dbapi_connection.execute("PRAGMA busy_timeout=50")

    monkeypatch.setattr(engines, "_sqlite_pragmas", waiting_briefly)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield path
    other.execute("ROLLBACK")
    other.close()


@pytest.mark.slow  # a command run
def test_a_command_on_a_held_database_says_one_sentence_and_logs_the_traceback_to_the_log_file(held, tmp_path, monkeypatch):
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])  # as in a process of its own: no handler but what the command sets up
    people = tmp_path / "one.csv"
    people.write_text("Name,Job title\nZed Test,Officer\n", encoding="utf-8")
    result = cli("import", "people", people, "--db", held)
    assert_refused(result)
    assert result.stderr.startswith("bscp-desktop: ")
    assert "SQL" not in result.stderr and "Could not clear" not in result.stderr
    logged = app.log_file().read_text(encoding="utf-8")
    assert "Could not clear the claims left by an earlier run" in logged and "Traceback" in logged
    assert root.handlers == []  # the logging is as it was once the command has run
