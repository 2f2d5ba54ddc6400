"""Keyboard and small screens: Tab leaves every table (the arrow keys move within it), no window
is larger than its laptop screen (Save and Cancel in view), a tool not offered says why, and
Ctrl+F on a tab whose records are not searched says that it searches everything."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QTableView, QTabWidget, QVBoxLayout

from bscp_desktop.ui import dialog_catalogue as dc
from bscp_desktop.ui.common.dialog_fit import TITLE_BAR, fit_to_screen, largest_on_screen, screen_room

# --------------------------------------------------------------------------- Tab leaves tables


def _tables_trapping_tab(widget) -> list[str]:
    return [view.accessibleName() or type(view).__name__
            for view in widget.findChildren(QTableView) if view.tabKeyNavigation()]


@pytest.mark.slow  # every dialog of the program, opened on the demo database
def test_tab_leaves_every_table_of_every_dialog(qtbot, demo_db):
    demo = dc.Demo(demo_db, date(2024, 6, 1))
    trapped: dict[str, list[str]] = {}
    tables = 0
    for entry in dc.catalogue():
        dialog = entry.open(demo)
        try:
            dialog.show()
            dc.settle(dialog)
            tables += len(dialog.findChildren(QTableView))
            if found := _tables_trapping_tab(dialog):
                trapped[entry.name] = found
        finally:
            dc.finish_background_work()
            dialog.close()
            dialog.deleteLater()
    QApplication.processEvents()
    assert trapped == {} and tables >= 10


def test_tab_leaves_an_audits_meetings_for_the_meeting_to_add(qtbot, db):
    """Tab went round and round the Meetings grid of a case audit: nothing after it (Save
    included) could be reached by keyboard."""
    from datetime import datetime

    from bscp_desktop.services import meetings as mt
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.audits.audit_dialogs import AuditDialog

    group = ms.create_group(db, ms.GroupFields("Multi-agency Audit Group", 3))
    for day in (2, 9):
        mt.create_meeting(db, mt.MeetingFields(group.id, "Audit group", datetime(2024, 5, day, 10)))
    dialog = AuditDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    links = dialog.meetings
    for meeting in mt.list_meetings(db):
        links.meeting.set_current_id(meeting.id)
        links._add()
    table = links.table
    assert table.rowCount() == 2
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().accessibleName() == "Meeting to add"
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not table


@pytest.mark.slow  # the main window on the demo database, every tab and page shown
def test_tab_leaves_every_list_of_the_main_window(qtbot, demo_db):
    from bscp_desktop.ui.common.list_page import RecordListPage
    from tests.ui.helpers import start_window

    window = start_window(qtbot, demo_db, size=(1366, 728))
    trapped, checked = [], 0
    for i in range(window.tabs.count()):
        title = window.tabs.tabText(i)
        tab = window.tab(title)
        window.tabs.setCurrentIndex(i)
        qtbot.wait(20)
        for pages in tab.findChildren(QTabWidget):
            for j in range(pages.count()):
                pages.setCurrentIndex(j)
                qtbot.wait(20)
        lists = [page.table for page in tab.findChildren(RecordListPage)]
        lists += tab.findChildren(QTableView)  # summaries, grids, figures and the numbers behind charts too
        checked += len(lists)
        trapped += [f"{title}: {v.accessibleName()}" for v in lists if v.tabKeyNavigation()]
    assert trapped == [] and checked > 30

    window.tabs.setCurrentIndex(0)
    page = window.tab("Meetings").findChildren(RecordListPage)[0]
    assert page.table.accessibleName() == "Meetings"
    qtbot.waitUntil(lambda: page.proxy.rowCount() > 0)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not page.table  # one press, and Tab has moved on
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not page.table


# --------------------------------------------------------------------------- the screen


LAPTOP = QRect(0, 0, 1280, 680)  # 1280 x 720, less a 40-pixel task bar


def test_a_window_asked_to_be_larger_than_its_screen_is_given_what_the_screen_holds(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    assert fit_to_screen(dialog, QSize(1400, 900), LAPTOP) == QSize(LAPTOP.width() - 16, LAPTOP.height() - TITLE_BAR)
    assert fit_to_screen(dialog, QSize(720, 500), LAPTOP) == QSize(720, 500)  # room enough: as asked


def test_a_window_asked_for_qts_own_first_size_is_shown_at_it(qtbot):
    """Asked for 640 x 480, the size Qt gives every new window, it was not resized: Qt then
    showed it at its layout's own size (here a button's), not the one asked for."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    QVBoxLayout(dialog).addWidget(QPushButton("Save", dialog))
    assert fit_to_screen(dialog, QSize(640, 480), LAPTOP) == QSize(640, 480)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.size() == QSize(640, 480)
    unasked = QDialog()  # asked for no size: Qt's own, from its layout, when shown
    qtbot.addWidget(unasked)
    QVBoxLayout(unasked).addWidget(QPushButton("Save", unasked))
    fit_to_screen(unasked, available=LAPTOP)
    unasked.show()
    qtbot.waitExposed(unasked)
    assert unasked.size() != QSize(640, 480) and unasked.height() < 200


def test_a_window_off_the_bottom_of_its_screen_is_moved_back_on_to_it(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    QVBoxLayout(dialog).addWidget(QPushButton("Save", dialog))
    dialog.resize(600, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.move(QPoint(900, 400))
    fit_to_screen(dialog, available=LAPTOP)
    assert dialog.x() >= 0 and dialog.x() + dialog.width() <= LAPTOP.right() + 1
    assert dialog.y() >= 0 and dialog.y() + dialog.height() + TITLE_BAR <= LAPTOP.bottom() + 1


@pytest.fixture
def small_screen(monkeypatch):
    """A screen leaving windows 800 x 600 pixels (a small laptop's, less its task bar)."""
    room = QRect(0, 0, 800, 600)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(room))
    return room


@pytest.fixture
def laptop_at_150_percent(monkeypatch):
    """A 1366 x 768 laptop screen at 150% scaling, less its task bar: 911 x 512 pixels as the
    program counts them."""
    room = QRect(0, 0, 911, 512)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(room))
    return room


def _fits_with_its_buttons_in_view(qtbot, db, name: str) -> None:
    entry = next(e for e in dc.catalogue() if e.name == name)
    dialog = entry.open(dc.Demo(db, date(2024, 6, 1)))
    qtbot.addWidget(dialog)
    dialog.show()
    dc.settle(dialog)
    try:
        room, most = screen_room(dialog), largest_on_screen(dialog)
        assert dialog.width() <= most.width() and dialog.height() <= most.height(), name
        assert room.contains(dialog.frameGeometry())
        for box in dialog.findChildren(QDialogButtonBox):
            if box.isVisible():
                where = QRect(box.mapTo(dialog, QPoint(0, 0)), box.size())
                assert dialog.rect().contains(where), name
    finally:
        dc.finish_background_work()
        dialog.close()


@pytest.mark.slow  # the largest dialogs, opened on the demo database
@pytest.mark.parametrize("name", ["New case review", "Edit case audit", "Rating", "Case review settings", "Standards",
                                  "Search", "History", "Partner engagement"])
def test_the_largest_dialogs_fit_the_screen_with_their_buttons_in_view(qtbot, demo_db, small_screen, name):
    """They asked for up to 1180 x 760 whatever the screen: the title bar and Save went off a
    laptop's screen."""
    _fits_with_its_buttons_in_view(qtbot, demo_db, name)


@pytest.mark.slow  # opened on the demo database
@pytest.mark.parametrize("name", ["Session register", "Registrations", "Training settings",
                                  "Bring back: changed in both places", "Case review settings", "Match the columns"])
def test_dialogs_that_asked_for_a_least_size_fit_a_laptop_at_150_percent(qtbot, demo_db, laptop_at_150_percent, name):
    """They kept a least size of up to 760 x 520 whatever the screen: on a 1366 x 768 laptop at
    150% Save and Cancel were below the bottom of the screen."""
    _fits_with_its_buttons_in_view(qtbot, demo_db, name)


@pytest.mark.slow  # opened on the demo database
def test_the_register_opens_wide_enough_for_every_mark_where_the_screen_allows(qtbot, demo_db):
    """Asked for Qt's own first size of a window (640 x 480), it was shown at its least instead."""
    entry = next(e for e in dc.catalogue() if e.name == "Session register")
    dialog = entry.open(dc.Demo(demo_db, date(2024, 6, 1)))
    qtbot.addWidget(dialog)
    dialog.show()
    dc.settle(dialog)
    assert dialog.width() >= max(640, dialog.grid.wanted_width()) and dialog.height() >= 480


def test_a_long_name_in_a_scrolling_form_leaves_every_field_in_view(qtbot, db, small_screen):
    """A partner's 160-character name widened its drop-down past the dialog: the form scrolled
    sideways and the amount, right-aligned, looked blank."""
    from bscp_desktop.domain.memberships import OrganisationKind
    from bscp_desktop.services import finance as fin
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.common.form import FieldsScroll
    from bscp_desktop.ui.finance.dialogs import ContributionDialog

    name = ("Central and North West London NHS Foundation Trust (Brent Child and Adolescent Mental Health "
            "Service, Community Paediatrics and Looked After Children Health Team)")
    org = ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.OTHER))
    contribution = fin.create_contribution(db, fin.ContributionFields("2024/25", org.id, "cash", "1234.56"))
    dialog = ContributionDialog(db, contribution, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dc.settle(dialog)
    (scroll,) = dialog.findChildren(FieldsScroll)
    assert dialog.width() <= largest_on_screen(dialog).width()
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()  # nothing off to the right
    assert not scroll.horizontalScrollBar().isVisible()
    amount = dialog.agreed
    assert amount.visibleRegion().boundingRect().width() == amount.width() and amount.text() == "1,234.56"


def test_the_main_and_yearly_report_windows_open_no_larger_than_the_screen(qtbot, db, small_screen, tmp_path):
    """The main window opened at 1200 x 760 on any screen (or at a size saved on a larger one),
    the yearly report window at 1180 x 760: their status bar and buttons off a laptop's screen."""
    from PySide6.QtCore import QSettings

    from bscp_desktop.ui.main_window import MainWindow
    from bscp_desktop.ui.yearly_report.window import YearlyReportWindow

    QSettings().remove("window/geometry")  # the first start
    window = MainWindow(db, lambda path, create: None)
    qtbot.addWidget(window)
    most = largest_on_screen(window)
    assert window.width() <= most.width() and window.height() <= most.height()
    report = YearlyReportWindow(db, None)
    qtbot.addWidget(report)
    assert report.width() <= most.width() and report.height() <= most.height()


# --------------------------------------------------------------------------- tools not offered say why


def test_a_lists_edit_archive_and_restore_say_why_they_are_not_offered(qtbot, db):
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.memberships.tab import OrganisationsPage

    page = OrganisationsPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading())
    for action in (page.edit_action, page.archive_action, page.restore_action):
        assert not action.isEnabled() and action.toolTip() == "Choose an organisation first."
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    page.reload(then=lambda: page.select_id(org.id))
    qtbot.waitUntil(lambda: page.selected() is not None)
    assert page.edit_action.isEnabled() and page.edit_action.toolTip() == "Edit"
    assert page.archive_action.isEnabled()
    assert not page.restore_action.isEnabled()
    assert page.restore_action.toolTip() == "The organisation is not archived: only an archived one can be restored."


def test_without_a_cycle_each_section_11_tool_says_to_start_one(qtbot, db):
    from bscp_desktop.services.audits import section11 as s11
    from bscp_desktop.ui.audits.section11_page import Section11Page

    page = Section11Page(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.empty.isVisible())
    tools = (page.edit_cycle, page.standards_button, page.add_agencies, page.write_return, page.import_return)
    assert [b.toolTip() for b in tools if not b.isEnabled()] == ["Start a Section 11 cycle first (New cycle…)."] * 5
    s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 9, 30)))
    page.reload()
    qtbot.waitUntil(lambda: page.edit_cycle.isEnabled())
    assert page.standards_button.isEnabled() and page.add_agencies.isEnabled() and page.import_return.isEnabled()
    assert not page.write_return.isEnabled()
    assert page.write_return.toolTip() == "Add the agencies taking part first (Add agencies…)."


def test_the_payment_buttons_say_why_they_are_not_offered(qtbot, db):
    from bscp_desktop.ui.finance.tab import FinanceTab

    tab = FinanceTab(db, None, today=date(2024, 6, 1))
    qtbot.addWidget(tab)
    tab.resize(1300, 850)
    tab.show()
    page = tab.contributions
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: "No contributions yet" in page.empty.text())
    panel = page.payments
    for tool in (page.payment_action, panel.record_button, panel.edit_button, panel.archive_button,
                 panel.restore_button):
        assert not tool.isEnabled() and tool.toolTip() == "Choose a contribution first.", tool.text()


def test_the_change_logs_paging_buttons_say_why_they_are_not_offered(qtbot, db):
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.common.history import ChangeLogView

    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    view = ChangeLogView(db)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.loading() and view.model.rowCount() > 0, timeout=10_000)
    assert not view.newer.isEnabled() and view.newer.toolTip() == "These are the newest changes."
    assert not view.older.isEnabled() and view.older.toolTip() == "There are no older changes."


# --------------------------------------------------------------------------- search


def test_searching_a_tab_whose_records_are_not_searched_says_it_searches_everything(qtbot, db):
    from bscp_desktop.ui.search import SearchDialog
    from bscp_desktop.ui.tabs import TABS

    dialog = SearchDialog(db, {spec.area: spec.title for spec in TABS})
    qtbot.addWidget(dialog)
    dialog.start("finance")
    assert dialog.scope.currentData() is None
    assert dialog.status.text().startswith("Finance records are not searched: searching everything.")
    qtbot.keyClicks(dialog.box, "neglect")
    dialog.run()
    qtbot.waitUntil(lambda: not dialog.loading())
    assert dialog.status.text().startswith("Finance records are not searched: searching everything. No record searched "
                                           "mentions")
    dialog.scope.setCurrentIndex(1)  # the officer chooses where to search: nothing more to say
    qtbot.waitUntil(lambda: not dialog.loading())
    assert "not searched" not in dialog.status.text()
    dialog.start("memberships")
    assert dialog.scope.currentData() == "memberships" and "not searched" not in dialog.status.text()


@pytest.mark.slow  # every tab and page of a new database
def test_every_tool_not_offered_on_a_new_database_says_why(qtbot, db):
    """A new officer meets a new database: every button or toolbar action that is greyed out
    says why in its tooltip, not merely its own name again."""
    from PySide6.QtWidgets import QAbstractButton, QToolBar

    from tests.ui.helpers import start_window

    window = start_window(qtbot, db, size=(1366, 728))
    silent = []
    for i in range(window.tabs.count()):
        title = window.tabs.tabText(i)
        tab = window.tab(title)
        window.tabs.setCurrentIndex(i)
        for pages in tab.findChildren(QTabWidget):
            for j in range(pages.count()):
                pages.setCurrentIndex(j)
                qtbot.wait(30)
        qtbot.wait(100)
        tools = [a for bar in tab.findChildren(QToolBar) for a in bar.actions() if a.isVisible() and not a.isSeparator() and a.text()]
        tools += [b for b in tab.findChildren(QAbstractButton) if b.isVisibleTo(tab) and b.text()]
        for tool in tools:
            name = tool.text().replace("&", "").rstrip("…").strip()
            if not tool.isEnabled() and tool.toolTip().rstrip("…").strip() in ("", name):
                silent.append(f"{title}: {name}")
    assert sorted(set(silent)) == []


def test_a_bookings_tools_say_why_they_are_not_offered(qtbot, db):
    from datetime import datetime

    from bscp_desktop.services.training import bookings as bk
    from bscp_desktop.services.training import courses as cs
    from bscp_desktop.ui.training.bookings_page import BookingsPage

    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2024, 3, 11, 9, 30), capacity=5))
    booking = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Ann Lee",
                                                     booked_on=date(2024, 2, 1))).booking
    page = BookingsPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading())
    tools = (page.cancel_action, page.offer_action, page.follow_up_action, page.waive_action)
    page.update_actions(None)
    assert [t.toolTip() for t in tools if not t.isEnabled()] == ["Choose a booking first."] * 4
    page.update_actions(bk.get_booking(db, booking.id))
    assert page.cancel_action.isEnabled()
    assert page.offer_action.toolTip() == "Only a delegate on the waiting list is given a place."
    assert page.follow_up_action.toolTip() == "Only a no-show or a cancellation is followed up."
    assert page.waive_action.toolTip() == "The booking has no charge to waive."
