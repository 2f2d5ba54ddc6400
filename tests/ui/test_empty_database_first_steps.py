"""A brand-new, empty database: a list whose New button cannot work yet says what to add
first, and where, instead of pointing at a step that would fail."""

from __future__ import annotations

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.meetings.tab import NO_GROUPS, NO_MEETINGS, MeetingsTab
from bscp_desktop.ui.training.pages import NO_COURSES, NO_SESSIONS
from bscp_desktop.ui.training.tab import TrainingTab
from bscp_desktop.ui.yearly_report.engagement import NO_ORGANISATIONS, NOTHING_IN_PERIOD, EngagementWindow
from tests.ui.helpers import settled, shown_tab


def _sessions(qtbot, db):
    tab = shown_tab(qtbot, TrainingTab(db, None))
    settled(tab.sessions)
    return tab.sessions


def test_sessions_with_no_course_at_all_say_to_add_a_course_on_the_courses_page_first(qtbot, db):
    page = _sessions(qtbot, db)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.text() == NO_COURSES
    assert "Courses page" in NO_COURSES and "New session" not in NO_COURSES


def test_once_a_course_is_added_the_sessions_page_says_to_press_new_session(qtbot, db):
    page = _sessions(qtbot, db)
    course = cs.create_course(db, cs.CourseFields(title="Neglect: recognising and responding", topic="Neglect"))
    page.reload()
    settled(page)
    assert page.empty.text() == NO_SESSIONS
    cs.archive_course(db, course.id)  # an archived course takes no new sessions
    page.reload()
    settled(page)
    assert page.empty.text() == NO_COURSES


def _meetings(qtbot, db):
    tab = shown_tab(qtbot, MeetingsTab(db))
    settled(tab.meetings)
    return tab.meetings


def test_meetings_with_no_group_at_all_say_to_add_groups_on_the_memberships_groups_page(qtbot, db):
    page = _meetings(qtbot, db)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.text() == NO_GROUPS
    assert "Memberships tab (Groups page)" in NO_GROUPS and "New meeting" not in NO_GROUPS


def test_once_a_group_is_added_the_meetings_list_says_to_press_new_meeting(qtbot, db):
    page = _meetings(qtbot, db)
    ms.create_group(db, ms.GroupFields(name="Safeguarding Children Forum"))
    page.reload()
    settled(page)
    assert page.empty.text() == NO_MEETINGS


def _engagement(qtbot, db) -> EngagementWindow:
    window = EngagementWindow(db)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.loading(), timeout=20000)
    return window


def test_partner_engagement_with_no_organisation_on_record_says_to_add_them(qtbot, db):
    window = _engagement(qtbot, db)
    assert window.model.rowCount() == 0
    assert window.state.text() == NO_ORGANISATIONS


def test_partner_engagement_with_organisations_that_did_nothing_says_so(qtbot, db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    window = _engagement(qtbot, db)
    assert window.model.rowCount() == 0
    assert window.state.text() == NOTHING_IN_PERIOD

