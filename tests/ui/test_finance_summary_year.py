"""The Finance summary's year box is filled at once with the years on record, before the first
figures arrive: until they do, its first year is not a year asked for. Show pressed (or a change
elsewhere reloading the page) meanwhile shows the year the page was opening with, the latest
with money, not the empty latest year on record."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.services import finance as fin
from bscp_desktop.ui.finance.summary import SummaryPage

TODAY = date(2024, 6, 3)


@pytest.fixture
def page(qtbot, db):
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    for day in (date(2022, 9, 1), date(2023, 9, 1)):  # 2022/23 and 2023/24
        fin.create_expense(db, fin.ExpenseFields(day, events, "Civic Centre", "Forum", "100"))
    fin.create_year(db, "2024/25", fin.YearFields())  # on record, nothing in it yet
    page = SummaryPage(db, None, today=TODAY)
    qtbot.addWidget(page)
    page.asked = []  # the reads asked for, still being read until answered here
    page.reading.start = lambda job, wait_ms=None: page.asked.append(job)
    return page


def answer_last(page) -> None:
    page._arrived(page.asked[-1]())


def test_show_pressed_while_the_first_figures_are_read_shows_the_latest_year_with_money(page):
    page.reload()
    assert page.year.currentData() == 2024  # the years on record at once, the first of them in the box
    page.show_button.click()
    answer_last(page)
    assert page.summary.label == "2023/24" and page.year.currentData() == 2023
    page.show_button.click()  # once the figures have come, the year in the box is the one asked for
    answer_last(page)
    assert page.summary.label == "2023/24"
    page.year.setCurrentIndex(page.year.findData(2024))
    answer_last(page)
    assert page.summary.label == "2024/25"


def test_a_year_chosen_before_the_first_figures_arrive_is_the_one_shown(page):
    page.reload()
    page.year.setCurrentIndex(page.year.findData(2022))
    answer_last(page)
    assert page.summary.label == "2022/23" and page.year.currentData() == 2022
