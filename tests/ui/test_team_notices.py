"""On a team database, a page reloads within 2 seconds of another officer's commit (a
throwaway PostgreSQL server stands for the team's; skipped without one)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QWidget

from bscp_desktop.db.database import Database
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.notices import ReloadsWhenShown


class Page(ReloadsWhenShown, QWidget):
    def __init__(self, db, *kinds):
        super().__init__()
        self.people: list[str] = []
        self.db = db
        self.watch(db, *kinds)

    def reload(self) -> None:
        self.people = [p.name for p in ms.list_people(self.db)]


@pytest.fixture
def two(pg_address):
    mine = Database.open_target(pg_address)
    theirs = Database.open_target(pg_address)
    yield mine, theirs
    theirs.close()
    mine.close()


def test_a_page_shows_another_officers_new_record_within_two_seconds(qtbot, two):
    mine, theirs = two
    page = Page(mine, RecordKind.MEMBERSHIPS)
    qtbot.addWidget(page)
    page.show()
    assert mine.listener is not None and mine.listener.listening.wait(5)  # watching started it
    ms.create_person(theirs, ms.PersonFields("Chidi Obi"))
    started = time.monotonic()  # from the other officer's commit
    qtbot.waitUntil(lambda: page.people == ["Chidi Obi"], timeout=2000)
    assert time.monotonic() - started < 2
    listener = mine.listener
    mine.close()
    assert not listener.running


def test_the_window_listens_on_a_team_database_and_stops_when_it_switches_away(qtbot, tmp_path, pg_address):
    from bscp_desktop.app import make_application, open_database
    from bscp_desktop.ui.main_window import MainWindow

    make_application()
    window = MainWindow(open_database(tmp_path / "main.sqlite3"), open_database)
    qtbot.addWidget(window)
    window.show()
    assert window.db.listener is None  # a file: nobody else to hear
    assert window.switch_to(pg_address, False)  # connecting in the background
    qtbot.waitUntil(lambda: window.db.path is None, timeout=10000)
    team = window.db
    qtbot.waitUntil(lambda: team.listener is not None and team.listener.listening.is_set(), timeout=5000)
    listener = team.listener
    assert window.switch_to(tmp_path / "other.sqlite3", True)
    assert not listener.running and window.db.listener is None
    window.db.close()
