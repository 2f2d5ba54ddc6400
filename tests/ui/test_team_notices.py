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
    started = time.monotonic()
    ms.create_person(theirs, ms.PersonFields("Chidi Obi"))
    qtbot.waitUntil(lambda: page.people == ["Chidi Obi"], timeout=2000)
    assert time.monotonic() - started < 2
    listener = mine.listener
    mine.close()
    assert not listener.running
