"""The command line: plain sentences and exit status 2 for bad input, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.services import memberships as ms

# Each test runs the program in a new process: part of make test, not of make check.
pytestmark = pytest.mark.slow


def cli(*args, env_dir=None):
    env = dict(os.environ)
    if env_dir is not None:
        env["BSCP_DATA_DIR"] = str(env_dir)
    return subprocess.run(
        [sys.executable, "-m", "bscp_desktop", *map(str, args)],
        capture_output=True, text=True, timeout=120, env=env,
    )


def assert_refused(result, *words):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def test_version():
    result = cli("--version")
    assert result.returncode == 0 and "BSCP Desktop" in result.stdout


def test_check_healthy_database(tmp_path):
    path = tmp_path / "a.sqlite3"
    Database.open(path).close()
    result = cli("check", "--db", path)
    assert result.returncode == 0 and "healthy" in result.stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [(None, ["no database file"]), (b"hello world" * 50, ["not a BSCP Desktop database"]), (b"", ["empty"])],
)
def test_check_bad_files(tmp_path, content, words):
    path = tmp_path / "x.sqlite3"
    if content is not None:
        path.write_bytes(content)
    assert_refused(cli("check", "--db", path), *words)
    if content is not None:
        assert path.read_bytes() == content


def test_missing_folder(tmp_path):
    assert_refused(cli("export", "xlsx", "--db", tmp_path / "nope" / "x.sqlite3", "-o", tmp_path / "o.xlsx"), "does not exist")


def test_bad_date_option(tmp_path):
    result = cli("report", "attendance", "--from", "31/02/2024", "-o", tmp_path / "x.pdf")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "31/02/2024" in result.stderr


def test_unknown_report(tmp_path):
    path = tmp_path / "a.sqlite3"
    Database.open(path).close()
    assert_refused(cli("report", "nonsense", "--db", path, "-o", tmp_path / "x.pdf"), "no report called 'nonsense'")


def test_second_instance_refused(tmp_path):
    """A command that changes records waits for the window (an output reads beside it:
    tests/cli/test_report_cli.py)."""
    path = tmp_path / "a.sqlite3"
    people = tmp_path / "people.csv"
    people.write_text("Name\nAmara Okafor\n", encoding="utf-8")
    with Database.open(path):
        assert_refused(cli("import", "people", people, "--db", path), "already open")


def test_backup_and_restore(tmp_path):
    path = tmp_path / "a.sqlite3"
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields("Before", "other"))
    copy = tmp_path / "copy.sqlite3"
    result = cli("backup", "--db", path, "-o", copy, env_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields("After", "other"))
    result = cli("restore", copy, "--db", path, env_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "previous file was kept" in result.stdout
    with Database.open(path) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Before"]


def test_restore_with_a_backup_and_list_does_neither(tmp_path):
    path = tmp_path / "a.sqlite3"
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields("Kept", "other"))
    copy = tmp_path / "copy.sqlite3"
    assert cli("backup", "--db", path, "-o", copy, env_dir=tmp_path / "data").returncode == 0
    before = path.read_bytes()
    assert_refused(cli("restore", copy, "--list", "--db", path, env_dir=tmp_path / "data"), "not both")
    assert path.read_bytes() == before


def test_backup_into_rotation_folder(tmp_path):
    path = tmp_path / "a.sqlite3"
    Database.open(path).close()
    result = cli("backup", "--db", path, env_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "data" / "backups").glob("a-*.sqlite3"))


def test_demo_refuses_existing_file(tmp_path):
    path = tmp_path / "a.sqlite3"
    Database.open(path).close()
    assert_refused(cli("demo", path), "already exists")


def test_output_in_a_missing_folder_is_one_sentence(tmp_path):
    path = tmp_path / "a.sqlite3"
    Database.open(path).close()
    assert_refused(
        cli("export", "xlsx", "--area", "memberships", "--db", path, "-o", tmp_path / "nowhere" / "x.xlsx"),
        "does not exist",
    )
    assert_refused(cli("report", "members", "--db", path, "-o", tmp_path), "is a folder")


def _help_lines(report: str) -> list[str]:
    from bscp_desktop.cli_reports import reports_help

    lines = reports_help().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"  {report} "))
    following = lines[start + 1:]
    end = next((i for i, line in enumerate(following) if not line.startswith(" " * 22)), len(following))
    return following[:end]


@pytest.mark.parametrize(("report", "required", "optional"), [
    ("training-summary", {"--from", "--to"}, {"--xlsx"}),
    ("charges", {"--from", "--to"}, {"--organisation", "--xlsx"}),
    ("case-summary", set(), {"--from", "--to", "--xlsx"}),  # without dates: the financial year so far
    ("certificate", {"--booking"}, set()),
])
def test_report_help_marks_as_required_what_the_report_cannot_do_without(tmp_path, report, required, optional):
    marked = {line.split()[0] for line in _help_lines(report) if line.endswith("(required)")}
    listed = {line.split()[0] for line in _help_lines(report)}
    assert marked == required and optional <= listed - marked
    path = tmp_path / "bscp.sqlite3"
    Database.open(path).close()
    from bscp_desktop.cli import main

    written = main(["report", report, "--db", str(path), "-o", str(tmp_path / "out.pdf")])
    assert (written == 0) == (not required)


def test_a_file_named_from_the_home_folder_is_looked_for_there(tmp_path, monkeypatch):
    """`--db=~/team.sqlite3` (no shell put the home folder in): "~" is the officer's home."""
    from bscp_desktop.cli import file_path

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    assert file_path("~/team.sqlite3") == tmp_path / "team.sqlite3"


def test_ctrl_c_while_the_command_line_is_still_loading_is_status_130_without_a_traceback(monkeypatch, capsys):
    """Pressed in the first moments, before the command runs (its code still being read)."""
    from bscp_desktop import cli

    def pressed():
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", pressed)
    assert cli.main(["check", "--db", "anything.sqlite3"]) == 130
    assert capsys.readouterr().err == ""
