"""A list page used from the keyboard alone: its tools in the list's own menu, Delete to
archive, the next record chosen after one is archived, Tab along the filter bar in the order it
shows, and from a tab's section bar straight into the page."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import DateEdit
from bscp_desktop.ui.common.list_page import RecordListPage
from bscp_desktop.ui.memberships.tab import ORGANISATIONS, MembershipsPage, OrganisationsPage
from tests.ui.helpers import click_button, when_modal

NAMES = ["Barnet Council", "Brent Council", "Camden Council", "Ealing Council"]


@pytest.fixture
def page(qtbot, db):
    for name in NAMES:
        ms.create_organisation(db, ms.OrganisationFields(name, "local_authority"))
    page = OrganisationsPage(db)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    qtbot.waitUntil(lambda: not page.loading() and page.proxy.rowCount() == len(NAMES))
    page.activateWindow()
    page.table.setFocus()
    return page


def _open_menu(qtbot) -> QMenu:
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    return QApplication.activePopupWidget()


def _shown_names(page) -> list[str]:
    return [page.proxy.row_at(r).name for r in range(page.proxy.rowCount())]


def _choose(qtbot, page, name: str) -> None:
    page.activateWindow()  # back from a question (offscreen, nothing gives it back by itself)
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    page.table.selectRow(_shown_names(page).index(name))
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().name == name)


@pytest.mark.parametrize("key, modifier", [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
                                           (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)])
def test_the_menu_key_and_shift_f10_on_the_list_offer_the_toolbars_own_actions(qtbot, page, key, modifier):
    _choose(qtbot, page, "Brent Council")
    QTest.keyClick(page.table, key, modifier)
    menu = _open_menu(qtbot)
    shown = [a for a in page.toolbar.actions() if a.isVisible()]
    # the same actions first: enabled, and saying why not, as on the toolbar (then Columns and Sort by)
    assert menu.actions()[:len(shown)] == shown
    assert page.engagement_action in menu.actions()  # a page's own tool too
    assert not page.restore_action.isEnabled() and "not archived" in page.restore_action.toolTip()
    assert menu.toolTipsVisible()
    menu.close()


def test_right_clicking_the_list_opens_the_same_menu(qtbot, page):
    _choose(qtbot, page, "Camden Council")
    page.table.customContextMenuRequested.emit(QPoint(5, 5))
    menu = _open_menu(qtbot)
    assert page.archive_action in menu.actions() and page.new_action in menu.actions()
    menu.close()


def test_delete_on_the_list_asks_then_archives_and_chooses_the_one_now_in_its_place(qtbot, page, db):
    _choose(qtbot, page, "Brent Council")
    seen: list[str] = []
    when_modal(click_button("Yes", seen), "Archive organisation")
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "Brent Council" not in _shown_names(page))
    assert "Archive Brent Council?" in seen[0]
    assert [o.name for o in ms.list_organisations(db) if not o.archived] == ["Barnet Council", "Camden Council", "Ealing Council"]
    qtbot.waitUntil(lambda: page.selected() is not None)
    assert page.selected().name == "Camden Council"  # the officer goes on from where they were
    assert page.table.currentIndex().row() == 1 and page.archive_action.isEnabled()

    _choose(qtbot, page, "Ealing Council")  # the last one: the one before it is chosen
    when_modal(click_button("Yes"), "Archive organisation")
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "Ealing Council" not in _shown_names(page) and page.selected() is not None)
    assert page.selected().name == "Camden Council"


def test_delete_in_the_search_box_archives_nothing(qtbot, page, db):
    _choose(qtbot, page, "Brent Council")
    page.search.setFocus()
    page.search.setText("Council")
    QTest.keyClick(page.search, Qt.Key.Key_Home)
    QTest.keyClick(page.search, Qt.Key.Key_Delete)
    assert page.search.text() == "ouncil"
    assert QApplication.activeModalWidget() is None
    assert not any(o.archived for o in ms.list_organisations(db, include_archived=True))


def _tab_walk(qtbot, page, start, until, most: int = 30) -> list:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    start.setFocus()
    reached = []
    for _ in range(most):
        QTest.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        reached.append(widget)
        if widget is until:
            break
    return reached


def test_tab_takes_the_filter_bar_in_the_order_it_shows_then_the_list(qtbot, db):
    page = MembershipsPage(db)  # its "As on" date is added to the filter bar after the list is made
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading())
    reached = _tab_walk(qtbot, page, page.search, page.show_archived)  # (no memberships yet: no list to reach)
    assert reached == [page.filters["group_id"], page.as_on.line, page.as_on.button, page.show_archived]
    # and on round the page to the search box again, never back into the filter bar
    after = _tab_walk(qtbot, page, page.show_archived, page.search)
    assert after[-1] is page.search and not {page.as_on.line, page.filters["group_id"]} & set(after)


def test_a_filter_made_of_parts_added_last_keeps_its_place_in_tab_order(qtbot, db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    page = RecordListPage(db, ORGANISATIONS)
    first, second = DateEdit(value=date(2024, 4, 1)), DateEdit()
    first.setAccessibleName("From")
    second.setAccessibleName("To")
    page.add_filter_widget(first, "From:")
    page.add_filter_widget(second, "To:")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading())
    reached = _tab_walk(qtbot, page, page.search, page.table)
    assert reached == [first.line, first.button, second.line, second.button, page.show_archived, page.table]
    assert first.line.focusPolicy() == Qt.FocusPolicy.StrongFocus and first.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_after_archiving_from_the_toolbar_the_record_now_in_its_place_is_chosen(qtbot, page):
    _choose(qtbot, page, "Barnet Council")
    when_modal(click_button("Yes"), "Archive organisation")
    page.archive_action.trigger()
    qtbot.waitUntil(lambda: "Barnet Council" not in _shown_names(page))
    qtbot.waitUntil(lambda: page.selected() is not None)
    assert page.selected().name == "Brent Council" and page.table.currentIndex().row() == 0
    assert page.edit_action.isEnabled() and page.archive_action.isEnabled()


def test_a_refused_command_leaves_the_choice_alone(qtbot, page):
    _choose(qtbot, page, "Camden Council")
    when_modal(click_button("OK"))
    assert not page.run_command(lambda: (_ for _ in ()).throw(ValueError("Camden Council is in use.")))
    page.search.setText("Brent")  # Camden Council is filtered away: nothing chooses another in its place
    qtbot.waitUntil(lambda: _shown_names(page) == ["Brent Council"])
    assert page.selected() is None


def test_tab_goes_from_a_tabs_section_bar_into_its_page_not_to_the_place_holding_it(qtbot):
    from PySide6.QtWidgets import QLineEdit, QWidget

    from bscp_desktop.ui.common.sections import Sections

    window = QWidget()
    qtbot.addWidget(window)
    before = QLineEdit(window)
    sections = Sections({"one": ("One", lambda: QLineEdit()), "two": ("Two", lambda: QLineEdit())}, window)
    window.show()
    qtbot.waitUntil(lambda: sections.built_page("one") is not None)
    reached = _tab_walk(qtbot, window, before, sections.page("one"), most=6)
    assert reached[-1] is sections.page("one")
    assert not any("-place" in widget.objectName() for widget in reached)
    assert all(widget.focusPolicy() == Qt.FocusPolicy.NoFocus for widget in sections.findChildren(QWidget) if "-place" in widget.objectName())


def test_archiving_promises_a_restore_only_where_the_page_offers_one(qtbot, page, monkeypatch):
    from bscp_desktop.ui.common import list_page

    asked = []
    monkeypatch.setattr(list_page, "confirm", lambda _parent, _title, text: asked.append(text) or False)
    _choose(qtbot, page, "Brent Council")
    page.archive_action.trigger()
    page.show_archived.hide()  # a page showing no archived records cannot bring one back
    page.archive_action.trigger()
    assert "can be restored with 'Show archived'" in asked[0] and "Show archived" not in asked[1]


@pytest.mark.parametrize("key, modifier", [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
                                           (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)])
def test_on_an_empty_list_the_menu_keys_in_the_search_box_and_filters_offer_every_tool(qtbot, db, key, modifier):
    """With no records the list (which holds the menu's keys) is hidden: from the search box or a
    filter the keys did nothing, and tools behind the toolbar's » on a narrow window were out of
    the keyboard's reach."""
    page = MembershipsPage(db)
    qtbot.addWidget(page)
    page.resize(200, 500)  # narrow: some tools only behind the toolbar's »
    page.show()
    qtbot.waitUntil(lambda: not page.loading() and page.stack.currentWidget() is page.empty)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    tools = [a for a in page.toolbar.actions() if a.isVisible()]
    assert any(not page.toolbar.widgetForAction(a).isVisible() for a in tools if not a.isSeparator())
    for where in (page.search, page.filters["group_id"], page.show_archived):
        where.setFocus()
        qtbot.waitUntil(where.hasFocus)
        QTest.keyClick(where, key, modifier)
        menu = _open_menu(qtbot)
        assert menu.actions()[:len(tools)] == tools, where.accessibleName()
        menu.close()
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_the_menu_keys_work_after_a_click_on_an_empty_lists_note(qtbot, db):
    page = RecordListPage(db, ORGANISATIONS)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading() and page.empty.isVisible())
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    QTest.mouseClick(page.empty, Qt.MouseButton.LeftButton)
    assert page.empty.hasFocus()
    QTest.keyClick(page.empty, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = _open_menu(qtbot)
    assert page.new_action in menu.actions()
    menu.close()


def test_the_menu_keys_on_the_list_open_one_menu_not_two(qtbot, page):
    """The list keeps its own keys (the menu under the chosen row); the page's catch-all for the
    rest of the page does not open a second menu."""
    _choose(qtbot, page, "Brent Council")
    opened = []
    page.show_tools_menu = lambda *args, **kwargs: opened.append(kwargs.get("at")) or RecordListPage.show_tools_menu(page, *args, **kwargs)
    QTest.keyClick(page.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    _open_menu(qtbot).close()
    assert opened == [None]
