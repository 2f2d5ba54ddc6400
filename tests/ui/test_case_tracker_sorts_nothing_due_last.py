"""Sorting the case tracker by its due date or working days left puts the most overdue case
first and a case with no deadline running last: a manager clicking the heading to find the
urgent case finds it at the top, not under cases with nothing due."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from tests.ui.helpers import table_texts

TODAY = date(2024, 2, 1)


@pytest.fixture
def tracker(qtbot, db):
    cr.create_case_review(db, cr.CaseReviewFields("Child Soon", "death", date(2024, 1, 31)))  # not yet due
    cr.create_case_review(db, cr.CaseReviewFields("Child Late", "death", date(2024, 1, 2)))  # overdue
    cr.create_case_review(db, cr.CaseReviewFields("Child Done", "death", date(2024, 1, 3), outcome="not_notifiable",
                                                  considered_on=date(2024, 1, 5)))  # no clock running
    tab = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    page = tab.tracker
    page.filter.setCurrentText("All cases")
    page.reload()
    return page


@pytest.mark.parametrize("header", ["Working days left", "Due"])
def test_the_most_overdue_case_first_and_nothing_due_last(tracker, header):
    number = [c.header for c in tracker.model.columns].index(header)
    alias = [c.header for c in tracker.model.columns].index("Alias")
    tracker.table.sortByColumn(number, Qt.SortOrder.AscendingOrder)
    assert table_texts(tracker, alias) == ["Child Late", "Child Soon", "Child Done"]
