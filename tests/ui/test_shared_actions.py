"""Acceptance: an action completed anywhere is seen everywhere without reloading by hand."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.test_meetings_support import build_world, meeting
from tests.ui.helpers import table_texts


def window(qtbot, db):
    """The Meetings and Case reviews tabs side by side, as in the main window."""
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    meetings = MeetingsTab(db, tabs)
    cases = CaseReviewsTab(db, tabs, today=date(2024, 2, 1))
    tabs.addTab(meetings, "Meetings")
    tabs.addTab(cases, "Case reviews")
    tabs.resize(1200, 800)
    tabs.show()
    return tabs, meetings, cases


def complete_in_log(qtbot, log, description: str) -> None:
    log.status_filter.setCurrentIndex(log.status_filter.findData(None))
    row = table_texts(log).index(description)
    log.table.selectRow(row)
    dialog = log.edit_dialog(log, log.selected())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(ActionStatus.DONE))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def open_count(page) -> str:
    headers = [c.header for c in page.model.columns]
    return table_texts(page, headers.index("Open"))[0]


def test_a_case_review_action_completed_in_the_action_log_closes_on_the_recommendations_page(qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools", org.id))
    cr.add_recommendation_action(db, rec.id, al.ActionFields("Write to schools", owner_organisation_id=org.id))
    tabs, meetings, cases = window(qtbot, db)
    tabs.setCurrentWidget(cases)
    cases.sections.setCurrentWidget(cases.recommendations)
    assert open_count(cases.recommendations) == "1"

    tabs.setCurrentWidget(meetings)
    meetings.sections.setCurrentWidget(meetings.action_log)
    complete_in_log(qtbot, meetings.action_log, "Write to schools")

    tabs.setCurrentWidget(cases)  # no reload pressed
    assert open_count(cases.recommendations) == "0"


def test_a_meeting_action_completed_in_the_action_log_is_done_in_the_open_meeting(qtbot, db):
    world = build_world(db)
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Business"))
    mt.add_item_action(db, item.id, al.ActionFields("Chase the police data", owner_person_id=world.chair.id))
    tabs, meetings, _cases = window(qtbot, db)
    workspace = meetings.open_meeting(m.id)
    workspace.pages.setCurrentWidget(workspace.minutes)
    assert workspace.minutes.actions_list.item(0).text().endswith("Open")

    meetings.sections.setCurrentWidget(meetings.action_log)
    complete_in_log(qtbot, meetings.action_log, "Chase the police data")

    meetings.sections.setCurrentWidget(meetings.stack)  # back to the open meeting; no reload pressed
    assert workspace.isVisible()
    assert workspace.minutes.actions_list.item(0).text().endswith("Done")
