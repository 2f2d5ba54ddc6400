"""A screen reader names each row of tabs inside a page: an open meeting's Agenda, Attendance and Minutes, and
the Returns, Improvement actions and Counts under a Section 11 cycle, as it names the areas'."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QTabBar

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.ui.audits.section11_page import Section11Page
from tests.meetings_world import meeting
from tests.ui.helpers import open_workspace


def test_an_open_meetings_row_of_pages_is_named(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    workspace = open_workspace(qtbot, db, m.id)
    bar = workspace.pages.tabBar()
    assert [bar.tabText(i) for i in range(bar.count())] == ["Agenda", "Attendance", "Minutes"]
    assert bar.accessibleName() == "Meeting pages" == workspace.pages.accessibleName()
    assert [b.accessibleName() for b in workspace.findChildren(QTabBar) if not b.accessibleName()] == []


def test_the_row_of_tabs_under_a_section_11_cycle_is_named(qtbot, db):
    page = Section11Page(db)
    qtbot.addWidget(page)
    bar = page.lower.tabBar()
    assert bar.tabText(0) == "Returns and chase list"
    assert bar.accessibleName() == "Section 11 cycle pages" == page.lower.accessibleName()
