"""Files named the way officers and their folders name them.

A name beginning with "~" ("~$minutes.pdf", a folder "~root") was read as another account's home
folder: `report -o ~root/members.pdf` wrote /root/members.pdf, and `demo ~tilde.sqlite3` ended in
a traceback. Only "~" alone or before a folder separator is the user's own home folder now.

A database whose name left no room for the files SQLite keeps beside it (248 to 255 bytes) was
opened and backed up but could never be restored, or was called damaged: every database name,
an existing file's as a new one's, is held to the same limit, said in one sentence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bscp_desktop.paths import given_path
from tests.safety.helpers import assert_refused, cli, one_organisation_file


@pytest.fixture
def sound(tmp_path, empty_file):
    return one_organisation_file(tmp_path / "bscp.sqlite3", empty_file)


def test_only_a_tilde_alone_or_before_a_separator_is_the_home_folder():
    home = Path.home()
    assert given_path("~") == home and given_path("~/team.sqlite3") == home / "team.sqlite3"
    for name in ("~root/members.pdf", "~tilde.sqlite3", "~$minutes.pdf", "./~x/y.pdf", "a/~b"):
        assert given_path(name) == Path(name)  # as written: never another account's home folder


def test_outputs_and_databases_named_with_a_tilde_are_made_where_they_are_named(sound, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "~root").mkdir()
    data = tmp_path / "data"
    result = cli("--db", sound, "report", "members", "-o", "~root/members.pdf", data_dir=data)
    assert result.returncode == 0, result
    assert (tmp_path / "~root" / "members.pdf").is_file()
    result = cli("copy", "--from", sound, "--to", "~tilde.sqlite3", data_dir=data)
    assert result.returncode == 0, result
    assert "healthy" in cli("--db", "~tilde.sqlite3", "check", data_dir=data).stdout
    assert (tmp_path / "~tilde.sqlite3").is_file()


@pytest.mark.parametrize("length", [248, 252, 255])
def test_an_existing_database_with_too_long_a_name_is_refused_alike_everywhere(sound, tmp_path, length):
    name = "b" * (length - len(".sqlite3")) + ".sqlite3"
    long = tmp_path / name
    shutil.copyfile(sound, long)
    data = tmp_path / "data"
    said = f"is too long: {length} bytes, where a database file's name may have at most 247"
    for args in (("--db", long, "check"), ("--db", long, "backup"), ("restore", "--db", long, "--list"),
                 ("--db", long, "report", "members", "-o", tmp_path / "m.pdf")):
        line = assert_refused(cli(*args, data_dir=data), said)
        assert "damaged" not in line and "Errno" not in line


def test_the_window_refuses_such_a_file_with_the_same_sentence(sound, tmp_path):
    from bscp_desktop.app import open_database
    from bscp_desktop.db.targets import TargetRefused

    long = tmp_path / ("b" * 244 + ".sqlite3")
    shutil.copyfile(sound, long)
    with pytest.raises(TargetRefused, match="is too long: 252 bytes, where a database file's name may have at most 247"):
        open_database(long, create=False)
