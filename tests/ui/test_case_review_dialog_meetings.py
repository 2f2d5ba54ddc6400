"""The case dialog takes a stage's date from the meeting chosen for it, as saving does."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.case_reviews import IncidentType, Outcome
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog, NotNotifiableDialog

TODAY = date(2024, 3, 20)


@pytest.fixture
def not_notifiable(qtbot, db, world):
    """A new case found not notifiable, its date still empty, the meetings listed."""
    meeting = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Case Review Group", datetime(2024, 2, 22, 10)))
    dialog = CaseReviewDialog(db, None, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.complete()
    qtbot.waitUntil(lambda: not dialog.loading())
    dialog.alias.setText("Child Q")
    dialog.incident_type.setCurrentIndex(dialog.incident_type.findData(IncidentType.SERIOUS_HARM))
    dialog.became_aware.set_value(date(2024, 2, 1))
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(Outcome.NOT_NOTIFIABLE))
    return dialog, meeting


def test_choosing_the_meeting_fills_in_the_date_and_the_case_saves(not_notifiable, db):
    dialog, meeting = not_notifiable
    assert not dialog.save_button.isEnabled()
    dialog.considered_meeting.set_current_id(meeting.id)
    assert dialog.considered_on.value() == date(2024, 2, 22)
    assert dialog.save_button.isEnabled(), dialog.status.text()
    dialog._on_save()
    saved = cr.list_case_reviews(db)[0]
    assert (saved.considered_on, saved.considered_meeting_id, saved.closed) == (date(2024, 2, 22), meeting.id,
                                                                                 date(2024, 2, 22))


def test_a_date_cleared_after_choosing_the_meeting_is_the_meetings_and_another_date_is_refused(not_notifiable):
    dialog, meeting = not_notifiable
    dialog.considered_meeting.set_current_id(meeting.id)
    dialog.considered_on.set_value(None)
    assert dialog.save_button.isEnabled(), dialog.status.text()
    dialog.considered_on.set_value(date(2024, 2, 23))
    assert not dialog.save_button.isEnabled()
    assert "is not the date of the meeting chosen" in dialog.error_labels["considered_on"].text()


def test_a_meeting_typed_that_is_not_in_the_list_is_refused_naming_the_field(not_notifiable, db):
    dialog, meeting = not_notifiable
    dialog.considered_meeting.set_current_id(meeting.id)
    assert dialog.save_button.isEnabled(), dialog.status.text()
    dialog.considered_meeting.setEditText("Case Review Group 31/02/2099")
    assert not dialog.save_button.isEnabled()
    assert dialog.error_labels["considered_meeting_id"].text() == (
        "Considered at: 'Case Review Group 31/02/2099' is not in the list of meetings; choose the meeting "
        "from the list, or clear it")
    dialog.considered_meeting.setEditText("")
    dialog.rapid_review_meeting_link.setEditText("Rapid review 12/03")
    assert "Rapid review held at: 'Rapid review 12/03' is not in the list of meetings" in (
        dialog.error_labels["rapid_review_meeting_id"].text())
    dialog._on_save()
    assert dialog.isVisible() and cr.list_case_reviews(db) == []


def test_a_slip_in_the_linked_meetings_name_is_refused_and_the_link_kept(qtbot, db, world):
    meeting = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Case Review Group", datetime(2024, 2, 22, 10)))
    case = cr.create_case_review(db, cr.CaseReviewFields(
        "Child Q", IncidentType.SERIOUS_HARM, date(2024, 2, 1), considered_meeting_id=meeting.id))
    dialog = CaseReviewDialog(db, case, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.complete()
    qtbot.waitUntil(lambda: not dialog.loading())
    dialog.considered_meeting.setEditText(case.considered_meeting_title[:-3])
    assert not dialog.save_button.isEnabled()
    dialog._on_save()
    assert cr.get_case_review(db, case.id).considered_meeting_id == meeting.id


def _not_notifiable_dialog(qtbot, db, world, **case):
    meeting = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Case Review Group", datetime(2024, 2, 22, 10)))
    record = cr.create_case_review(db, cr.CaseReviewFields("Child U", IncidentType.SERIOUS_HARM, date(2024, 2, 19), **case))
    dialog = NotNotifiableDialog(db, record, None, today=date(2024, 3, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading())
    return dialog, meeting


def test_closing_as_not_notifiable_takes_the_date_of_the_meeting_chosen(qtbot, db, world):
    dialog, meeting = _not_notifiable_dialog(qtbot, db, world)
    assert dialog.considered_on.value() == date(2024, 3, 1)  # today, until a meeting is chosen
    dialog.meeting.set_current_id(meeting.id)
    assert dialog.considered_on.value() == date(2024, 2, 22)
    assert dialog.save_button.isEnabled(), dialog.status.text()
    dialog._on_save()
    assert dialog.result() == 1
    (case,) = cr.list_case_reviews(db)
    assert (case.considered_on, case.considered_meeting_id, case.closed) == (date(2024, 2, 22), meeting.id, date(2024, 2, 22))


def test_closing_as_not_notifiable_keeps_a_date_typed_and_says_it_is_not_the_meetings(qtbot, db, world):
    dialog, meeting = _not_notifiable_dialog(qtbot, db, world)
    dialog.considered_on.set_value(date(2024, 2, 23))
    dialog.meeting.set_current_id(meeting.id)
    assert dialog.considered_on.value() == date(2024, 2, 23)
    dialog._on_save()
    assert "is not the date of the meeting chosen" in dialog.error_labels["considered_on"].text()
    dialog.meeting.setEditText("Case Review Group 1 April")
    assert "'Case Review Group 1 April' is not in the list of meetings" in dialog.error_labels["considered_meeting_id"].text()
