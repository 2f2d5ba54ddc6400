"""File > Back up now on a team database, for a login that may not read all of it (an officer
outside the case reviews group, the Independent Scrutineer): the action is greyed, its tooltip
saying the team database is backed up by whoever looks after it, as its owner; pressed anyway,
it says so before a file name is asked for. The owner is offered it as before.

The tests run against the throwaway server (tests/postgres_cluster.py), skipped where
PostgreSQL is not installed."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtWidgets import QFileDialog

from bscp_desktop.app import make_application, open_database
from bscp_desktop.cli import main
from bscp_desktop.ui.main_window import MainWindow

OWNER = "bscp_test"  # the test server's superuser, who builds the tables (tests/postgres_cluster.py)


@pytest.fixture
def team(pg_address):
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    return pg_address


def _login_as(address: str, *groups: str) -> str:
    role = f"p_{uuid.uuid4().hex[:10]}"
    flags = [arg for g in groups for arg in ("--group", g)]
    assert main(["team", "person", role, "--name", f"Person {role}", *flags, "--db", address]) == 0
    return address.replace(f"postgresql://{OWNER}@", f"postgresql://{role}@", 1)


@pytest.fixture
def window_as(qtbot):
    opened = []

    def open_as(address: str) -> MainWindow:
        make_application()
        win = MainWindow(open_database(address), open_database)
        qtbot.addWidget(win)
        win.show()
        opened.append(win)
        return win

    yield open_as
    for win in opened:
        win.db.close()


def _back_up_now(win: MainWindow):
    return next(a for a in win.findChildren(type(win.restore_action)) if a.text() == "&Back up now")


@pytest.mark.parametrize("groups", [("officer",), ("read-only",)])
def test_back_up_now_is_greyed_for_a_login_that_may_not_read_it_all(team, window_as, groups):
    win = window_as(_login_as(team, *groups))
    action = _back_up_now(win)  # greyed by the window as it opens the database
    assert not action.isEnabled()
    assert action.toolTip().startswith(f"Your login ({win.db.access.role}) may not back up this team database")
    assert f"backed up by whoever looks after it, logged in as its owner ({OWNER})" in action.toolTip()
    assert action.statusTip() == action.toolTip() and "case reviews group" not in action.toolTip()


def test_pressed_anyway_it_says_so_before_a_file_name_is_asked_for(team, window_as, monkeypatch):
    win = window_as(_login_as(team, "officer"))
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: pytest.fail("asked")))
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.show_error",
                        lambda parent, title, problem: said.append((title, str(problem))))
    win.backup_now()
    assert len(said) == 1 and said[0][0] == "Back up now"
    assert said[0][1].startswith(f"Your login ({win.db.access.role}) may not back up this team database")
    assert f"logged in as its owner ({OWNER})" in said[0][1]


def test_the_owner_is_offered_back_up_now(team, window_as):
    win = window_as(team)
    action = _back_up_now(win)
    assert action.isEnabled() and action.statusTip() == "" and "owner" not in action.toolTip()
