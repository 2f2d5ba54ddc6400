"""A list keeps what was just saved in view, and says when its filters (not an empty database)
are why it shows nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QTabWidget

from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.actions.log import ActionLogPage
from bscp_desktop.ui.common.list_page import RecordListPage
from bscp_desktop.ui.meetings.tab import MEETINGS
from bscp_desktop.ui.training.pages import SessionsPage


class _Saved:
    """A New… dialog the user has filled in and saved."""

    def __init__(self, value):
        self.result_value = value

    def exec(self) -> bool:
        return True


def _shown(qtbot, page):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(page, page.noun)
    tabs.resize(1300, 700)
    tabs.show()
    qtbot.waitUntil(lambda: not page._stale and not page.loading())
    return tabs, page


def _done_action(db) -> al.ActionDTO:
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    person = ms.create_person(db, ms.PersonFields("Amara Okafor", organisation_id=org.id))
    return al.create_action(db, al.ActionFields("Send the toolkit to schools", person.id, None, date(2026, 12, 1),
                                                "done", date(2026, 12, 1), "Schools use it"))


def test_a_session_saved_outside_the_period_shown_is_shown_and_chosen(qtbot, db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect"))
    _tabs, page = _shown(qtbot, SessionsPage(db))
    far = datetime.combine(date.today() + timedelta(days=400), datetime.min.time()).replace(hour=10)
    session = cs.create_session(db, cs.SessionFields(course.id, far, 20))
    page.new_dialog = lambda _parent: _Saved(session)
    page.on_new()
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().id == session.id)
    assert page.period_bar.period.contains(far.date()) and page.stack.currentWidget() is page.table


def test_an_action_saved_as_done_is_shown_and_chosen_in_the_open_actions_log(qtbot, db):
    _tabs, page = _shown(qtbot, ActionLogPage(db))
    page.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: not page.loading())
    action = _done_action(db)
    page.new_dialog = lambda _parent: _Saved(action)
    page.on_new()
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().id == action.id)
    assert page.status_filter.currentData() is None and not page.overdue_only.isChecked()


def test_the_action_log_says_its_status_filter_hides_the_actions(qtbot, db):
    _done_action(db)
    _tabs, page = _shown(qtbot, ActionLogPage(db))
    assert page.status_filter.currentText() == "Open or in progress" and page.proxy.rowCount() == 0
    assert page.stack.currentWidget() is page.empty
    assert page.empty.text().startswith("No actions match the filter")
    page.status_filter.setCurrentIndex(page.status_filter.findData(None))
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    page.status_filter.setCurrentIndex(page.status_filter.findText("Open or in progress"))
    page.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 0 and not page.loading())
    assert page.empty.text().startswith("No actions match the filter")


def test_a_new_databases_action_log_says_there_are_no_actions_yet_not_that_its_filter_hides_them(qtbot, db):
    _tabs, page = _shown(qtbot, ActionLogPage(db))
    qtbot.waitUntil(lambda: not page.loading())
    assert page.status_filter.currentText() == "Open or in progress"  # as it always starts
    assert page.stack.currentWidget() is page.empty and page.empty.text().startswith("No actions yet")
    _done_action(db)  # one on record, hidden by the filter: now the filter is said
    page.reload()
    qtbot.waitUntil(lambda: not page.loading())
    assert page.empty.text().startswith("No actions match the filter")


def test_the_meetings_list_says_its_status_filter_hides_the_meetings(qtbot, db):
    group = ms.create_group(db, ms.GroupFields("Forum", 2))
    mt.create_meeting(db, mt.MeetingFields(group.id, "Forum", datetime(2027, 1, 15, 10)))
    _tabs, page = _shown(qtbot, RecordListPage(db, MEETINGS))
    status = page.filters["status"]
    status.setCurrentIndex(status.findText("Cancelled"))
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 0 and not page.loading())
    assert page.empty.text().startswith("No meetings match the filter")
