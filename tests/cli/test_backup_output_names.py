"""`backup -o FILE` and `copy --to FILE` write a database file: only under a database file's name
(.sqlite3, .sqlite or .db), and never over a file that is not a database (an Excel workbook given
by mistake stays a workbook). An existing database is refused as before."""

from __future__ import annotations

import pytest

from bscp_desktop.db.targets import TargetRefused
from bscp_desktop.services import backups
from tests.safety.helpers import assert_refused, cli, files_in, one_organisation_file

WORKBOOK = b"PK\x03\x04" + b"\x00" * 200  # how an .xlsx file starts


@pytest.fixture
def sound(tmp_path, empty_file):
    return one_organisation_file(tmp_path / "bscp.sqlite3", empty_file)


@pytest.mark.parametrize(("name", "named"), [("important.xlsx", "important.sqlite3"), ("minutes.pdf", "minutes.sqlite3"),
                                             ("copy", "copy.sqlite3"), ("bscp.sqlite3.bak", "bscp.sqlite3"),
                                             ("TeamBackup 2.0", "TeamBackup 2.0.sqlite3")])
@pytest.mark.parametrize("exists", [False, True])
def test_a_name_that_is_not_a_database_files_is_refused(sound, tmp_path, name, named, exists):
    out = tmp_path / name
    if exists:
        out.write_bytes(WORKBOOK)
    before = files_in(tmp_path)
    for args in (("backup", "--db", sound, "-o", out), ("copy", "--from", sound, "--to", out)):
        assert_refused(cli(*args, data_dir=tmp_path / "data"),
                       f"{name} does not end in .sqlite3, .sqlite or .db", f"name the file to write {named}, for example.")
        assert files_in(tmp_path) == before
    with pytest.raises(TargetRefused, match="does not end in .sqlite3"):
        backups.backup_now(sound, out)
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("name", ["notes.sqlite3", "old.db"])
def test_an_existing_file_that_is_not_a_database_is_not_written_over(sound, tmp_path, name):
    out = tmp_path / name
    out.write_bytes(WORKBOOK)
    before = files_in(tmp_path)
    line = assert_refused(cli("backup", "--db", sound, "-o", out, data_dir=tmp_path / "data"),
                          str(out), "already exists and is not a BSCP Desktop database")
    assert "move the file away" in line
    assert files_in(tmp_path) == before


def test_an_existing_database_is_refused_as_before(sound, tmp_path):
    out = tmp_path / "kept.sqlite3"
    assert cli("backup", "--db", sound, "-o", out, data_dir=tmp_path / "data").returncode == 0
    before = files_in(tmp_path)
    assert_refused(cli("backup", "--db", sound, "-o", out, data_dir=tmp_path / "data"), "is a database")
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("name", ["copy.sqlite3", "copy.sqlite", "copy.db", "COPY.SQLITE3", "empty.sqlite3"])
def test_a_database_files_name_is_written(sound, tmp_path, name):
    out = tmp_path / name
    if name.startswith("empty"):
        out.write_bytes(b"")  # nothing in it to lose
    result = cli("backup", "--db", sound, "-o", out, data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Backed up to {out}\n"
    assert "healthy" in cli("--db", out, "check").stdout
