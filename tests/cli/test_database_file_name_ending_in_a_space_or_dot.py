"""A database file's name typed with a space or a dot at its end ("copy.sqlite3 "), which Windows
leaves out of a file's name: `backup -o`, `copy --to` and `demo` refuse it saying so and name the
file to write, never a name such as "copy.sqlite3 .sqlite3"; another program's name with a space
after it is named as a database file without the space."""

from __future__ import annotations

import pytest

from bscp_desktop.services import backups
from tests.safety.helpers import assert_refused, cli, files_in, one_organisation_file


@pytest.fixture
def sound(tmp_path, empty_file):
    return one_organisation_file(tmp_path / "bscp.sqlite3", empty_file)


@pytest.mark.parametrize(("name", "last"), [("copy.sqlite3 ", "a space"), ("copy.sqlite3.", "a dot"),
                                            ("copy.sqlite3 . ", "a space")])
def test_a_database_files_name_ending_in_a_space_or_dot_names_the_file_without_it(sound, tmp_path, name, last):
    out = tmp_path / name
    before = files_in(tmp_path)
    for args in (("backup", "--db", sound, "-o", out), ("copy", "--from", sound, "--to", out), ("demo", out)):
        line = assert_refused(cli(*args, data_dir=tmp_path / "data"),
                              f"The file name '{name}' ends in {last}, which Windows leaves out of a file's name",
                              "name the file to write copy.sqlite3.")
        assert ".sqlite3 .sqlite3" not in line
        assert files_in(tmp_path) == before


@pytest.mark.parametrize(("name", "named"), [("minutes.xlsx ", "minutes.sqlite3"), ("notes .", "notes.sqlite3"),
                                             ("copy. ", "copy.sqlite3")])
def test_another_programs_name_ending_in_a_space_is_named_as_a_database_file_without_it(tmp_path, name, named):
    problem = backups.database_output_problem(tmp_path / name)
    assert problem.endswith(f"name the file to write {named}, for example.")
