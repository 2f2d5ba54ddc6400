"""Audits > Section 11 while its cycles are still being read (a team database, a slow machine):
the page says it is reading them, with the cycle's tools greyed, and only once the read has
found none does it say there are none yet; a login that may read but not change records is not
told to press New cycle, which is greyed for it."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from bscp_desktop.db.server import Access
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits import section11_page
from bscp_desktop.ui.audits.section11_page import EMPTY, EMPTY_READ_ONLY, LOADING, Section11Page
from bscp_desktop.ui.common.permissions import READ_ONLY, guard_database
from tests.ui.helpers import shown_tab

TODAY = date(2024, 10, 1)


@pytest.fixture
def slow_read(monkeypatch, background_lists):
    """The cycles are read only once `release` is set: the database is slow to answer."""
    release = threading.Event()
    real = section11_page._cycles_shown

    def slow(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(section11_page, "_cycles_shown", slow)
    yield release
    release.set()  # a read still waiting ends with the test


def _cycle_tools(page: Section11Page) -> list:
    return [page.edit_cycle, page.archive_cycle, page.restore_cycle, page.standards_button, page.add_agencies,
            page.write_return, page.import_return, page.remove_agency]


def test_while_the_cycles_are_read_the_page_says_so_with_the_cycle_tools_greyed(qtbot, db, slow_read):
    s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    page = shown_tab(qtbot, Section11Page(db, None, today=TODAY), (1280, 800))
    assert page.loading()
    assert page.empty.isVisibleTo(page) and page.empty.text() == LOADING
    assert "No Section 11 cycles" not in page.empty.text()
    assert not page.body.isVisibleTo(page)
    assert page.cycle_combo.count() == 0
    greyed = [button.text() for button in _cycle_tools(page) if button.isEnabled()]
    assert greyed == []
    assert page.restore_cycle.toolTip() == "Wait a moment: the Section 11 cycles are still being read."
    assert page.new_cycle.isEnabled()  # a cycle can be started while the others are read

    slow_read.set()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert [page.cycle_combo.itemText(i) for i in range(page.cycle_combo.count())] == ["2024-26"]
    assert not page.empty.isVisibleTo(page) and page.body.isVisibleTo(page)
    assert page.edit_cycle.isEnabled() and page.archive_cycle.isEnabled()
    assert not page.restore_cycle.isEnabled()  # the cycle is not archived


def test_none_yet_is_said_only_once_the_read_has_found_none(qtbot, db, slow_read):
    page = shown_tab(qtbot, Section11Page(db, None, today=TODAY), (1280, 800))
    assert page.loading() and page.empty.text() == LOADING
    slow_read.set()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert page.empty.isVisibleTo(page) and page.empty.text() == EMPTY
    assert not page.edit_cycle.isEnabled() and not page.restore_cycle.isEnabled()


def test_cycles_that_could_not_be_read_are_not_said_to_be_none_nor_still_reading(qtbot, db, background_lists,
                                                                                 monkeypatch):
    def refused(*_args, **_kwargs):
        raise PermissionError("The server refused the request.")

    errors: list[str] = []
    monkeypatch.setattr(section11_page, "_cycles_shown", refused)
    monkeypatch.setattr(section11_page, "show_error", lambda _parent, title, _exc: errors.append(title))
    page = shown_tab(qtbot, Section11Page(db, None, today=TODAY), (1280, 800))
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert errors == ["Could not read the Section 11 cycles"]
    assert page.empty.text() == ("The Section 11 cycles could not be read, so none are shown (nothing was changed): "
                                 "The server refused the request.")
    assert not page.edit_cycle.isEnabled()
    assert page.edit_cycle.toolTip() == "The Section 11 cycles could not be read."


@pytest.fixture
def read_only_login(db, monkeypatch, qapp):
    """The database as a login that may read but not change records sees it, with the window's
    guard over it as the main window starts it."""
    monkeypatch.setattr(db, "access", Access("Independent Scrutineer", "bscp_read_only", can_change=False))
    guard_database(db)
    yield db
    guard_database(None)


def test_a_read_only_login_is_not_told_to_press_a_greyed_button(qtbot, read_only_login):
    page = shown_tab(qtbot, Section11Page(read_only_login, None, today=TODAY), (1280, 800))
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert not page.new_cycle.isEnabled() and page.new_cycle.toolTip() == READ_ONLY
    assert page.empty.isVisibleTo(page) and page.empty.text() == EMPTY_READ_ONLY
    assert "press" not in page.empty.text().lower()
    assert "No Section 11 cycles yet" in page.empty.text()
