"""Files the command line makes (a demo, a copy, a backup, a report) land only where an output
may: a name ending in a folder separator is a folder, never a file; a database's working file
and the backup folder are refused for a new database as for any output; a name too long for a
database (its journal needs a name too) is refused in one sentence, never with the name of a
temporary file. The options each report's refusal names are options it takes."""

from __future__ import annotations

import pytest

from tests.safety.helpers import assert_refused, cli, files_in, one_organisation_file


@pytest.fixture
def sound(tmp_path, empty_file):
    return one_organisation_file(tmp_path / "bscp.sqlite3", empty_file)


@pytest.mark.parametrize("command", [
    ("backup", "--db", "{db}", "-o", "{dir}/kept/"),
    ("report", "minutes", "--meeting", "1", "--db", "{db}", "-o", "{dir}/reports/"),
    ("export", "xlsx", "--db", "{db}", "-o", "{dir}/workbooks/"),
    ("copy", "--from", "{db}", "--to", "{dir}/copies/"),
    ("demo", "{dir}/demo/"),
    ("--db", "{dir}/new/", "check"),
])
def test_a_name_ending_in_a_folder_separator_is_a_folder_not_a_file(sound, tmp_path, command):
    before = files_in(tmp_path)
    args = [part.format(db=sound, dir=tmp_path) for part in command]
    assert_refused(cli(*args, data_dir=tmp_path / "data"), "names a folder")
    assert files_in(tmp_path) == before


def test_a_copy_is_never_made_as_a_databases_working_file(sound, tmp_path):
    before = files_in(tmp_path)
    assert_refused(cli("copy", "--from", sound, "--to", f"{sound}-wal", data_dir=tmp_path / "data"),
                   "working files")
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("command", [("copy", "--from", "{db}", "--to", "{out}"), ("demo", "{out}")])
def test_a_new_database_is_never_made_in_the_backup_folder(sound, tmp_path, command):
    folder = tmp_path / "data" / "backups"
    folder.mkdir(parents=True)
    args = [part.format(db=sound, out=folder / "mine.sqlite3") for part in command]
    assert_refused(cli(*args, data_dir=tmp_path / "data"), "backup folder")
    assert list(folder.iterdir()) == []


def test_a_database_name_leaves_room_for_its_journal(sound, tmp_path):
    longest = tmp_path / ("c" * 239 + ".sqlite3")  # 247 bytes: its "-journal" makes 255
    result = cli("copy", "--from", sound, "--to", longest, data_dir=tmp_path / "data")
    assert result.returncode == 0, result
    assert "healthy" in cli("--db", longest, "check").stdout
    one_more = tmp_path / ("c" * 240 + ".sqlite3")
    for args in (("copy", "--from", sound, "--to", one_more), ("backup", "--db", sound, "-o", one_more),
                 ("demo", one_more)):
        line = assert_refused(cli(*args, data_dir=tmp_path / "data"), "is too long: 248 bytes", "at most 247")
        assert ".building" not in line and ".partial" not in line and ".new" not in line
    assert not one_more.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_name_longer_than_any_file_may_have_is_refused_in_words(tmp_path):
    # a database's name, leaving room for the files SQLite keeps beside it
    assert_refused(cli("--db", tmp_path / ("d" * 300 + ".sqlite3"), "check"), "is too long", "at most 247")


def test_the_calendar_report_takes_the_series_its_refusal_names(sound, tmp_path):
    asked = assert_refused(cli("report", "ics", "--db", sound, "-o", tmp_path / "x.ics"), "--series")
    assert "--meeting" in asked
    assert_refused(cli("report", "ics", "--series", "99", "--db", sound, "-o", tmp_path / "x.ics"),
                   "no meeting series with id 99")


def test_the_partner_report_names_the_option_it_takes(sound, tmp_path):
    assert_refused(cli("report", "partner", "--db", sound, "-o", tmp_path / "p.xlsx"), "--organisation")


def test_a_folder_that_cannot_be_written_is_named_not_the_temporary_file(tmp_path, monkeypatch):
    """A folder the officer may not write to (as root, the refusal is the file system's answer
    made here): the folder chosen is said, never the hidden name the demo is built under."""
    import tempfile

    made = tempfile.mkstemp

    def refused(*args, suffix=None, dir=None, **kwargs):
        if suffix == ".building":
            raise PermissionError(13, "Permission denied", f"{dir}/.new.sqlite3.90h_70ua.building")
        return made(*args, suffix=suffix, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    folder = tmp_path / "shared"
    folder.mkdir()
    line = assert_refused(cli("demo", folder / "new.sqlite3", data_dir=tmp_path / "data"),
                          f"The folder {folder} is read-only", "new.sqlite3 could not be made there")
    assert ".building" not in line and "Permission denied" not in line
    assert list(folder.iterdir()) == []
