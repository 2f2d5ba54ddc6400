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


def test_a_file_another_program_holds_is_said_as_such_not_as_damage():
    """A backup or sync tool, or a database browser, holding the file: the records are fine, so
    nothing points to restoring a backup (which would throw work away)."""
    locked = OperationalError("UPDATE person SET phone=? WHERE person.id = ?", ("0208 000 0000", 3),
                              sqlite3.OperationalError("database is locked"))
    for failure in (locked, sqlite3.OperationalError("database is locked"), sqlite3.OperationalError("database table is locked")):
        words = database_words(failure)
        assert words.startswith("Another program is using the database file") and words.endswith("Try again in a moment.")
        assert "nothing was changed" in words
        assert "backup from" not in words and "UPDATE" not in words and "0208" not in words


def test_a_team_databases_lock_is_not_said_as_another_program_on_a_file():
    waited = OperationalError("UPDATE person SET phone=%s", {}, psycopg.errors.LockNotAvailable("relation person is locked"))
    assert "Another program is using the database file" not in database_words(waited)


def test_the_programs_own_refusal_of_a_file_is_said_as_it_is_written():
    """A file moved, deleted or replaced underneath an open window is refused in the program's own
    sentence (a dialog's save says it on its status line, not as "Something went wrong")."""
    from bscp_desktop.db.database import DatabaseError

    sentence = ("/home/officer/bscp.sqlite3 was moved, deleted or replaced by another program (such as a "
                "file-syncing app) since it was opened, so nothing was saved: open it again from the File menu.")
    assert database_words(DatabaseError(sentence)) == sentence


def test_the_restore_advice_at_the_start_of_a_sentence_is_said_where_the_user_is():
    from bscp_desktop.db.database import DatabaseError

    said = database_words(DatabaseError("The file is damaged. Restore a backup from the File menu."),
                                   restore="restore a backup (bscp-desktop restore)")
    assert said == "The file is damaged. Restore a backup (bscp-desktop restore)."


def test_a_unique_clash_is_said_as_someone_saving_the_same_at_the_same_moment_not_as_damage():
    """Two officers saving the same thing at once (the next case reference, a name): the second
    save is refused by the database's unique index. Nothing is wrong with the records, so it
    is never told to restore a backup."""
    from sqlalchemy.exc import IntegrityError

    server = IntegrityError("INSERT INTO case_review (reference) VALUES (%s)", ("BSCP-2025-01",), psycopg.errors.UniqueViolation(
        'duplicate key value violates unique constraint "uq_case_review_reference"'))
    file = IntegrityError("INSERT INTO case_review (reference) VALUES (?)", ("BSCP-2025-01",),
                          sqlite3.IntegrityError("UNIQUE constraint failed: case_review.reference"))
    for clash in (server, file, sqlite3.IntegrityError("UNIQUE constraint failed: case_review.reference")):
        words = database_words(clash)
        assert words.startswith("Another officer saved the same thing at the same moment"), words
        assert "nothing was changed" in words and words.endswith("Try again.")
        assert "backup" not in words and "INSERT" not in words and "BSCP-2025-01" not in words and "constraint" not in words
    # any other refusal of a rule the database keeps is still said as it is
    other = IntegrityError("INSERT INTO action (status) VALUES (%s)", ("x",), psycopg.errors.CheckViolation(
        'new row for relation "action" violates check constraint "ck_action_status"'))
    assert "Another officer" not in database_words(other) and "restore a backup" in database_words(other)


def test_a_login_turned_away_mid_session_is_not_said_as_the_network():
    """Access taken away (NOLOGIN, the session ended) fails the next connection with the server's
    refusal of the login: asking about the network would send the officer the wrong way."""
    refused = OperationalError("SELECT 1", {}, psycopg.OperationalError(
        'connection failed: FATAL:  role "bob" is not permitted to log in'))
    words = database_words(refused)
    assert words.startswith("The team database turned your login away (")
    assert "not permitted to log in" in words and "network" not in words
    assert "ask whoever looks after the team database" in words
