"""A window left open over midnight: what is due today, overdue or current is worked out again
for the new day, without anything being saved or reloaded by hand."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel, QTabWidget

from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.tab import TrackerPage
from bscp_desktop.ui.common import list_page
from bscp_desktop.ui.common import notices as notices_module
from bscp_desktop.ui.common.notices import notices
from tests.ui.helpers import table_texts


@pytest.mark.slow  # a tab with two pages, loaded twice
def test_the_tracker_left_open_over_a_weekend_shows_mondays_overdue_case(qtbot, db, monkeypatch):
    now = [date(2025, 2, 28)]  # a Friday: the case below is due today

    class Today(date):
        @classmethod
        def today(cls):
            return now[0]

    monkeypatch.setattr(notices(), "_day", notices()._day)  # the day the hub knows is today's again after the test
    monkeypatch.setattr(list_page, "date", Today)
    monkeypatch.setattr(notices_module, "date", Today)
    cr.create_case_review(db, cr.CaseReviewFields("Child M", "serious_harm", date(2025, 2, 21)))
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    page = TrackerPage(db, tabs)
    tabs.addTab(page, "Tracker")
    tabs.addTab(QLabel("Another tab"), "Other")
    tabs.resize(1200, 700)
    tabs.show()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1 and not page.loading())
    left = [c.header for c in page.model.columns].index("Working days left")
    assert table_texts(page, left) == ["Due today"]
    notices().check_day()  # Friday still: nothing to do

    now[0] = date(2025, 3, 3)  # Monday morning, the program never closed
    notices().check_day()
    qtbot.waitUntil(lambda: page.today == date(2025, 3, 3) and not page.loading())
    assert table_texts(page, left) == ["1 working day overdue"]
    page.filter.setCurrentText("Overdue")
    assert page.proxy.rowCount() == 1
