"""A database file renamed, deleted or replaced while the program has it open (a file-syncing
app's "conflicted copy", or another laptop's copy put in its place): every later save is
refused with one sentence naming the file, nothing is written to either file, and closing it
leaves no write-ahead log beside the old name for a file put there to take up."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from bscp_desktop.db import file_identity
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.services import memberships as ms


def _names(db: Database) -> list[str]:
    return [p.name for p in ms.list_people(db)]


def _names_in(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return [r[0] for r in con.execute("SELECT name FROM person ORDER BY id")]
    finally:
        con.close()


def _refused(db: Database, path: Path) -> None:
    with pytest.raises(DatabaseError) as refusal:
        ms.create_person(db, ms.PersonFields("Refused Person"))
    words = str(refusal.value)
    assert str(path) in words and "moved, deleted or replaced by another program" in words
    assert "nothing was saved" in words and words.count(". ") == 0 and words.endswith(".")


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


@pytest.mark.slow
def test_a_renamed_file_refuses_saves_and_keeps_those_made_before(db_file):
    db = Database.open(db_file)
    try:
        ms.create_person(db, ms.PersonFields("Before Rename"))
        renamed = db_file.with_name("test (conflicted copy).sqlite3")
        db_file.rename(renamed)
        _refused(db, db_file)
        assert _names(db) == ["Before Rename"]  # reading goes on
    finally:
        db.close()
    assert not db_file.exists() and _beside(db_file) == []  # no log left beside the old name
    assert _names_in(renamed) == ["Before Rename"]  # the saves before the rename are in the file


@pytest.mark.slow
def test_a_replaced_file_refuses_saves_and_is_left_whole_with_its_own_records(db_file, empty_file, tmp_path):
    db = Database.open(db_file)
    try:
        ms.create_person(db, ms.PersonFields("Before Replace"))
        other = tmp_path / "synced.tmp"
        shutil.copyfile(empty_file, other)
        os.replace(other, db_file)  # a syncing app puts another copy in its place
        _refused(db, db_file)
    finally:
        db.close()
    assert _names_in(db_file) == []  # the old log was not applied to it, and the refused save is nowhere
    check = Database.open(db_file, create=False)
    check.close()


@pytest.mark.slow
def test_a_deleted_file_refuses_saves_and_leaves_no_working_files(db_file):
    db = Database.open(db_file)
    try:
        ms.create_person(db, ms.PersonFields("Before Delete"))
        db_file.unlink()
        _refused(db, db_file)
    finally:
        db.close()
    assert _beside(db_file) == []


@pytest.mark.slow
def test_a_file_left_where_it_was_saves_as_before(db_file):
    db = Database.open(db_file)
    try:
        ms.create_person(db, ms.PersonFields("First"))
        ms.create_person(db, ms.PersonFields("Second"))
        assert _names(db) == ["First", "Second"]
    finally:
        db.close()
    assert _names_in(db_file) == ["First", "Second"]
    assert _beside(db_file) == [db_file.name]


@pytest.mark.slow
def test_a_file_put_back_under_its_name_saves_again(db_file, tmp_path):
    db = Database.open(db_file)
    try:
        aside = tmp_path / "aside.sqlite3"
        db_file.rename(aside)
        _refused(db, db_file)
        assert not db_file.exists()  # no empty file made where the name led to none
        aside.rename(db_file)
        ms.create_person(db, ms.PersonFields("After Return"))
    finally:
        db.close()
    assert _names_in(db_file) == ["After Return"]


def test_only_a_file_is_watched(tmp_path):
    server = create_engine("postgresql+psycopg://officer@server.example/bscp")
    assert file_identity.watch(server, None) is None
    assert file_identity.watch(server, tmp_path / "x.sqlite3") is None
    memory = create_engine("sqlite://")
    assert file_identity.watch(memory, None) is None


def test_a_missing_name_and_a_new_file_each_count_as_moved(tmp_path):
    path = tmp_path / "a.sqlite3"
    path.write_bytes(b"x")
    watched = file_identity.FileIdentity(path)
    assert not watched.moved()
    held = open(path, "rb")  # as SQLite holds the file it opened: its number is not given to another
    path.unlink()
    assert watched.moved()
    (tmp_path / "b").write_bytes(b"y")
    os.replace(tmp_path / "b", path)
    assert watched.moved()
    held.close()
