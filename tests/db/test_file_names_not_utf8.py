"""A database whose file or folder name is not UTF-8 (Latin-1 'Café' from an old USB stick or
archive: Python reads the byte as '\\udce9') opens, saves, backs up and restores like any other;
and a name that cannot be written out is said as a name to change, never as a record holding a
value this version cannot read (whose advice, restoring a backup, would fail the same way)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from sqlalchemy import URL, select

from bscp_desktop.db.backup import list_backups
from bscp_desktop.db.database import Database, sqlite_path, sqlite_url
from bscp_desktop.db.file_check import check_file
from bscp_desktop.db.models import Setting
from bscp_desktop.services import backups
from bscp_desktop.services.failures import database_words

LATIN_1 = os.fsdecode(b"Caf\xe9")  # 'Caf\udce9'


@pytest.fixture
def latin_1_folder(tmp_path) -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux keeps names as bytes of any encoding")
    folder = tmp_path / f"{LATIN_1} files"
    try:
        folder.mkdir()
    except OSError:
        pytest.skip("this file system takes UTF-8 names only")
    return folder


def test_a_name_not_utf8_is_given_to_sqlite_and_read_back(latin_1_folder):
    path = latin_1_folder / f"{LATIN_1} records #1?%.sqlite3"
    url = sqlite_url(path)
    assert url.isascii()
    assert sqlite_path(url) == str(path)
    plain = latin_1_folder.parent / "bscp 100%.sqlite3"
    assert sqlite_path(sqlite_url(plain)) == str(plain) and "file:" not in sqlite_url(plain)  # other names as before


@pytest.mark.slow  # opened, saved to, backed up and restored
def test_a_database_named_in_latin_1_opens_saves_and_restores(latin_1_folder, empty_file, tmp_path):
    path = shutil.copyfile(empty_file, latin_1_folder / f"{LATIN_1} records.sqlite3")
    folder = tmp_path / "backups"
    with Database.open(path, create=False, backup_folder=folder) as db:
        with db.unit_of_work() as session:
            session.add(Setting(key="latin.one", value='"kept"'))
    assert "healthy" in check_file(path)
    kept = list_backups(folder, path)
    assert len(kept) == 1
    with Database.open(path, create=False, backup_folder=folder) as db:  # changed since: backed up again
        with db.unit_of_work() as session:
            session.add(Setting(key="after.backup", value='"gone"'))
    backups.restore_backup(list_backups(folder, path)[0].path, path, folder)
    with Database.open(path, create=False) as db, db.unit_of_work() as session:
        assert session.scalar(select(Setting.value).where(Setting.key == "latin.one")) == '"kept"'
        assert session.scalar(select(Setting).where(Setting.key == "after.backup")) is None
    assert (latin_1_folder / f"{LATIN_1} records.sqlite3").is_file()  # the same file, under its own name


def test_a_name_that_cannot_be_written_out_is_said_as_a_name_never_as_a_record():
    try:
        URL.create("sqlite", database=f"/media/stick/{LATIN_1} records.sqlite3").render_as_string()
    except UnicodeEncodeError as exc:  # raised inside the database layer, as a record's value would be
        said = database_words(exc, restore="restore a backup (bscp-desktop restore)")
    else:
        pytest.fail("SQLAlchemy wrote out a name that is not text")
    assert said.startswith("The name /media/stick/Caf\ufffd records.sqlite3 cannot be read as text")
    assert "rename" in said and "A record" not in said and "value" not in said and "restore" not in said
