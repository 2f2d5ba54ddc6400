"""The case dialog refuses closing a case while an action raised from its recommendations is still
open as the closure date is typed, under Case closed with Save greyed, as its other refusals are,
rather than only after Save; once every action is done or dropped, the date is accepted and saved."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.case_reviews import closing_check
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog

CLOSING = date(2026, 7, 1)


def case_with_an_action(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields(
        "Child D", "serious_harm", date(2026, 2, 2), outcome="notified", considered_on=date(2026, 2, 6),
        notification_sent=date(2026, 2, 6), partners_told=date(2026, 2, 6), rapid_review_meeting=date(2026, 2, 20),
        rapid_review_sent=date(2026, 2, 27), decision="no_lcspr", decision_date=date(2026, 2, 27)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Share chronologies", org.id))
    action = cr.add_recommendation_action(db, rec.id, action_log.ActionFields(
        "Agree a chronology template", owner_organisation_id=org.id, due_date=date(2026, 4, 30)))
    return case, action


def open_dialog(qtbot, db, case):
    dialog = CaseReviewDialog(db, cr.get_case_review(db, case.id), today=date(2026, 7, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading(), timeout=5000)
    return dialog


def test_typing_a_closure_date_with_an_action_open_is_refused_under_the_field(qtbot, db):
    case, _action = case_with_an_action(db)
    dialog = open_dialog(qtbot, db, case)
    assert dialog.save_button.isEnabled(), dialog.status.text()
    dialog.closed.set_value(CLOSING)
    said = dialog.error_labels["closed"]
    assert said.isVisibleTo(dialog)
    assert said.text().startswith("Not on 01/07/2026, while an action raised from its "
                                  "recommendations is still open (recommendation 1's 'Agree a chronology template'")
    assert not dialog.save_button.isEnabled()
    assert not dialog.status.text().startswith("Not saved")  # nothing was tried: the field says why
    dialog.closed.set_value(None)
    assert dialog.save_button.isEnabled() and not said.isVisibleTo(dialog)


def test_the_open_actions_are_read_once_for_each_date_typed(qtbot, db, monkeypatch):
    case, _action = case_with_an_action(db)
    dialog = open_dialog(qtbot, db, case)
    asked: list[date | None] = []
    real = closing_check.closing_refusal
    monkeypatch.setattr(closing_check, "closing_refusal", lambda *args: asked.append(args[2]) or real(*args))
    dialog.closed.set_value(CLOSING)
    dialog.reviewer.setText("A. Reviewer")  # other changes check the same date again, not the database
    dialog.alias.setText("Child DD")
    assert asked == [CLOSING]


def test_with_every_action_done_the_closure_date_is_accepted_and_saved(qtbot, db):
    case, action = case_with_an_action(db)
    action_log.update_action(db, action.id, action_log.ActionFields(
        action.description, owner_organisation_id=action.owner_organisation_id, due_date=action.due_date,
        status=ActionStatus.DONE, completed_on=date(2026, 6, 1), evidence="Template in use"))
    dialog = open_dialog(qtbot, db, case)
    dialog.closed.set_value(CLOSING)
    assert "closed" not in dialog.check()
    assert dialog.save_button.isEnabled(), dialog.status.text()
    dialog._on_save()
    assert not dialog.isVisible()
    assert cr.get_case_review(db, case.id).closed == CLOSING


def test_a_new_case_has_no_actions_to_look_up(qtbot, db, monkeypatch):
    asked = []
    monkeypatch.setattr(closing_check, "closing_refusal", lambda *args: asked.append(args) or "")
    dialog = CaseReviewDialog(db, None, today=date(2026, 7, 1))
    qtbot.addWidget(dialog)
    dialog.complete()
    dialog.closed.set_value(CLOSING)
    dialog.check()
    assert asked == []
