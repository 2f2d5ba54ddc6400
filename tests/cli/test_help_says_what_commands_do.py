"""What `bscp-desktop COMMAND --help` tells a new officer: every value named as it is typed (the
team database's groups are officer, case-reviews and read-only), every argument explained in
words a council officer uses, and no option said to do what its command does not. `report
members --on DATE` is the list on that day; `--from DATE`, its older name, still works."""

from __future__ import annotations

import argparse
import re

import pypdf
import pytest

from bscp_desktop import jobs
from bscp_desktop.cli import build_parser, main
from bscp_desktop.db.database import Database
from bscp_desktop.db.roles import GROUPS
from bscp_desktop.db.server import GROUP_NAMES


def run(capsys, *args) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


def commands(parser: argparse.ArgumentParser, name: str = "") -> dict[str, argparse.ArgumentParser]:
    """Every command and sub-command's parser, by how it is typed ("team person")."""
    found = {name: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub, child in action.choices.items():
                found |= commands(child, f"{name} {sub}".strip())
    return found


EVERY_COMMAND = commands(build_parser())


def help_of(command: str) -> str:
    return EVERY_COMMAND[command].format_help()


def test_every_command_is_read():
    assert {"", "demo", "report", "team person", "offline status"} <= set(EVERY_COMMAND)


@pytest.mark.parametrize("command", ["team", "team roles", "team person"])
def test_team_help_names_each_group_as_group_takes_it_and_what_it_may_do(command):
    said = " ".join(help_of(command).split())
    for typed, group in GROUP_NAMES.items():
        assert f"{typed} {GROUPS[group]}" in said, typed
    assert not re.search(r"case reviews? group|read only|bscp_", said, re.IGNORECASE)


def test_group_takes_the_names_the_help_gives():
    group = next(a for a in EVERY_COMMAND["team person"]._actions if a.dest == "group")
    assert list(group.choices) == list(GROUP_NAMES)


@pytest.mark.parametrize("command", sorted(EVERY_COMMAND))
def test_every_argument_says_what_it_is(command):
    for action in EVERY_COMMAND[command]._actions:
        if isinstance(action, argparse._SubParsersAction):
            assert all(choice.help for choice in action._choices_actions), command
            continue
        assert action.help, f"{command}: {action.option_strings or action.dest} is not explained"
        if action.metavar:  # how the value is written: a word, never a program's variable
            assert re.fullmatch(r"[A-Z]+", action.metavar), f"{command}: {action.metavar}"


@pytest.mark.parametrize("command", sorted(EVERY_COMMAND))
def test_help_uses_words_an_officer_knows(command):
    said = help_of(command)
    for word in ("schema", "offscreen", "TO_FILE", "--db DB ", "(for the finance report)"):
        assert word not in said, f"{command}: {word}"


def test_report_options_name_the_reports_that_take_them():
    """An option's "(for ...)" names every report that takes it, and no other."""
    jobs.load_all()
    checked = set()
    for action in EVERY_COMMAND["report"]._actions:
        named = re.search(r"\(for ([^()]+)\)$", action.help or "")
        if not named or action.dest == "date_from":
            continue
        said = set(re.split(r", | and ", named.group(1)))
        option = "date_from" if action.dest == "date_on" else action.dest
        taking = {name for name, job in jobs.REPORTS.items() if option in job.options
                  and (action.dest != "date_on" or "date_to" not in job.options)}
        assert said == taking, action.option_strings
        checked.add(action.dest)
    assert {"organisation", "record_id", "meeting", "year", "date_on", "circulation"} <= checked


def test_restore_offers_only_a_database_file():
    restore = next(a for a in EVERY_COMMAND["restore"]._actions if a.dest == "sub_db")
    assert "file" in restore.help and "team database's address" not in restore.help


def test_report_help_gives_members_its_day_with_on(capsys):
    code, out, _ = run(capsys, "report", "--help")
    assert code == 0
    members = out.split("\n  members ")[1].split("\n  minutes ")[0]
    assert "--on DATE" in members and "default today" in members and "older name" in members
    assert "--from DATE           from this date" not in members


def _members_title(path) -> str:
    return pypdf.PdfReader(str(path)).metadata.title


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "records.sqlite3"
    Database.open(path).close()
    return path


def test_members_on_a_day_and_from_its_older_name_write_the_same_list(database, tmp_path, capsys):
    for flag in ("--on", "--from"):
        out = tmp_path / f"members{flag}.pdf"
        code, _, err = run(capsys, "report", "members", flag, "31/03/2023", "--db", database, "-o", out)
        assert code == 0, err
        assert _members_title(out) == "Members of each group on 31 Mar 2023", flag


def test_members_day_given_twice_or_on_given_to_a_period_is_refused(database, tmp_path, capsys):
    out = tmp_path / "members.pdf"
    code, _, err = run(capsys, "report", "members", "--on", "31/03/2023", "--from", "01/04/2023",
                       "--db", database, "-o", out)
    assert code == 2 and "Give the day once, with --on (--from is its older name)" in err
    code, _, err = run(capsys, "report", "charges", "--on", "31/03/2023", "--db", database, "-o", out)
    assert code == 2 and "The charges report does not take --on (its period is --from DATE --to DATE)." in err
    code, _, err = run(capsys, "report", "actions", "--on", "31/03/2023", "--db", database, "-o", out)
    assert code == 2 and "The actions report does not take --on." in err
    assert not out.exists()
