"""A database's own failure said in words a user can act on."""

from __future__ import annotations

import sqlite3

import psycopg
from sqlalchemy.exc import OperationalError

from bscp_desktop.services.failures import database_words


def test_a_team_database_out_of_reach_is_said_as_such_not_as_a_damaged_file():
    lost = OperationalError("UPDATE agenda_item SET minutes=%s", {}, psycopg.OperationalError("connection timeout expired"))
    words = database_words(lost)
    assert words.startswith("The team database could not be reached (connection timeout expired)")
    assert "network" in words and "backup" not in words and "UPDATE" not in words


def test_a_files_failure_still_points_to_a_backup():
    broken = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database disk image is malformed"))
    words = database_words(broken)
    assert "database disk image is malformed" in words and words.endswith("restore a backup from the File menu.")
