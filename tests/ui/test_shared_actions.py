"""Acceptance: an action completed anywhere is seen everywhere without reloading by hand."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting
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
    assert not dialog.save_button.isEnabled()  # done needs evidence of impact
    assert "Evidence of impact" in dialog.status.text()
    dialog._on_save()
    assert dialog.isVisible() and "evidence of impact" in dialog.error_labels["evidence"].text()
    dialog.evidence.setPlainText("Every school replied")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def open_count(page) -> str:
    headers = [c.header for c in page.model.columns]
    return table_texts(page, headers.index("Open"))[0]


@pytest.mark.slow
def test_a_case_review_action_completed_in_the_action_log_closes_on_the_recommendations_page(qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools", org.id))
    cr.add_recommendation_action(db, rec.id, al.ActionFields("Write to schools", owner_organisation_id=org.id,
                                                                   due_date=date(2024, 3, 1)))
    tabs, meetings, cases = window(qtbot, db)
    tabs.setCurrentWidget(cases)
    cases.sections.setCurrentWidget(cases.recommendations)
    assert open_count(cases.recommendations) == "1"

    tabs.setCurrentWidget(meetings)
    meetings.sections.setCurrentWidget(meetings.action_log)
    complete_in_log(qtbot, meetings.action_log, "Write to schools")

    tabs.setCurrentWidget(cases)  # no reload pressed
    assert open_count(cases.recommendations) == "0"


def test_a_meeting_action_completed_in_the_action_log_is_done_in_the_open_meeting(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Business"))
    mt.add_item_action(db, item.id, al.ActionFields("Chase the police data", owner_person_id=world.chair.id,
                                                                    due_date=date(2024, 4, 30)))
    tabs, meetings, _cases = window(qtbot, db)
    workspace = meetings.open_meeting(m.id)
    workspace.pages.setCurrentWidget(workspace.minutes)
    assert workspace.minutes.actions_list.item(0).text().endswith("Open")

    meetings.sections.setCurrentWidget(meetings.action_log)
    complete_in_log(qtbot, meetings.action_log, "Chase the police data")

    meetings.sections.setCurrentWidget(meetings.stack)  # back to the open meeting; no reload pressed
    assert workspace.isVisible()
    assert workspace.minutes.actions_list.item(0).text().endswith("Done")


def test_the_action_dialog_asks_for_an_owner_a_due_date_and_flags_an_older_action(qtbot, db):
    from bscp_desktop.db.models import Action
    from bscp_desktop.ui.actions.dialogs import ActionDialog

    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    dialog = ActionDialog(db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.description.setPlainText("Write to every school")
    # before Save, the status line names what is still wanted: an organisation alone will do
    assert dialog.status.text() == "To save, fill in: Owner or Owning organisation, Due date."
    dialog._on_save()
    assert dialog.isVisible() and al.list_actions(db, include_archived=True) == []
    assert "needs an owner" in dialog.error_labels["owner_person_id"].text()
    assert dialog.error_labels["due_date"].text() == "An action needs a due date"
    dialog.organisation.set_current_id(org.id)
    dialog.due.set_value(date(2024, 6, 30))
    assert dialog.save_button.isEnabled()
    dialog._on_save()
    assert not dialog.isVisible() and al.list_actions(db)[0].owner == "Brent Council"

    with db.unit_of_work() as session:  # saved before the rule
        session.add(Action(description="Chase the police data", status="open"))
    old = next(a for a in al.list_actions(db) if a.description == "Chase the police data")
    dialog = ActionDialog(db, old, None)
    qtbot.addWidget(dialog)
    dialog.show()
    flags = [w.text() for w in dialog.findChildren(QLabel) if w.accessibleName() == "What this action is missing"]
    assert flags and "needs a due date" in flags[0]
    tabs, meetings, _cases = window(qtbot, db)
    log = meetings.action_log
    meetings.sections.setCurrentWidget(log)
    log.missing_only.setChecked(True)
    assert table_texts(log) == ["Chase the police data"]
    missing = [c.header for c in log.model.columns].index("Missing")
    assert table_texts(log, missing) == ["No owner, no due date"]
