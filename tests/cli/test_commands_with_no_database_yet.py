"""A command that works in a database, given none (--db) on a computer where BSCP Desktop has
not made its own yet: one line saying no database was given and the program's own is not there
yet, with what to do, rather than a folder that "does not exist" or a file that is not there,
as if the officer had named one. A command that needs no database is not stopped."""

from __future__ import annotations

import pytest

from tests.safety.helpers import assert_refused, cli


@pytest.mark.parametrize("args", [("check",), ("export", "xlsx", "-o", "all.xlsx"), ("report", "actions", "-o", "a.pdf"),
                                  ("search", "neglect"), ("backup",), ("import", "people", "people.csv")])
def test_a_command_with_no_database_given_or_made_yet_says_so(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "people.csv").write_text("Name\nAmara Okafor\n", encoding="utf-8")
    data = tmp_path / "data"
    own = data / "bscp.sqlite3"
    assert_refused(cli(*args, data_dir=data),
                   f"No database was given (--db FILE), and this computer's own, {own}, is not there yet: give the "
                   "database file with --db FILE, or open BSCP Desktop once to make it.")
    assert not own.exists() and not (tmp_path / "all.xlsx").exists()


def test_a_command_needing_no_database_goes_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = cli("template", "people", "-o", "people.csv", data_dir=tmp_path / "data")
    assert done.returncode == 0 and (tmp_path / "people.csv").is_file()
