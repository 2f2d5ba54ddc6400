"""The command line when the disk fails it: a backup folder that cannot take the start-up copy
(read-only, full) is said on stderr while a file needing no upgrade is read and written as
usual; a database whose disk is full is one plain sentence and exit status 2, as any other
expected failure, never an "unexpected error"."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from bscp_desktop import paths
from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.backup import READ_ONLY, FolderNotWritable
from tests.safety.helpers import assert_refused, cli


@pytest.fixture
def team(tmp_path, empty_file):
    path = tmp_path / "team.sqlite3"
    shutil.copyfile(empty_file, path)
    return path


@pytest.mark.slow  # a search and a workbook written
def test_a_backup_folder_that_takes_no_copy_still_lets_a_file_be_searched_and_exported(team, tmp_path, monkeypatch):
    def refused(source, target):
        raise FolderNotWritable(target.parent, READ_ONLY)

    monkeypatch.setattr(backup_files, "copy_database", refused)
    for args in (["search", "neglect", "--db", team], ["export", "xlsx", "--db", team, "-o", tmp_path / "all.xlsx"]):
        result = cli(*args)
        assert result.returncode == 0, result.stderr
        said = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(said) == 1 + (args[0] == "search"), result.stderr  # search also says it found nothing
        assert said[0].startswith("bscp-desktop: The backup at start could not be written to")
        assert f"{paths.backup_dir()}: the folder is read-only" in said[0]
        assert "bscp-desktop backup" in said[0] and "File >" not in said[0]
    assert (tmp_path / "all.xlsx").is_file()


def _disk_full_while_saving(*args, **kwargs):
    raise OperationalError("INSERT INTO person (name) VALUES (?)", ("x",), sqlite3.OperationalError("database or disk is full"))


def test_a_full_disk_while_importing_is_one_sentence_and_status_2(team, tmp_path, monkeypatch):
    import bscp_desktop.importers as importers

    monkeypatch.setattr(importers, "run_import", _disk_full_while_saving)
    people = tmp_path / "people.csv"
    people.write_text("Name\nAmara Okafor\n", encoding="utf-8")
    result = cli("import", "people", people, "--db", team)
    assert_refused(result, "the folder holding the database is full", "nothing was changed")
    assert "unexpected" not in result.stderr and "INSERT" not in result.stderr


def test_a_full_disk_while_making_a_demo_database_is_one_sentence_and_status_2(tmp_path, monkeypatch):
    import bscp_desktop.demo as demo

    def full(path):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(demo, "build_demo", full)
    result = cli("demo", tmp_path / "demo.sqlite3")
    assert_refused(result, "is full (no space is left on its disk)")
    assert "unexpected" not in result.stderr
