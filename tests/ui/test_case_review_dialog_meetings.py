"""The case dialog takes a stage's date from the meeting chosen for it, as saving does."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.case_reviews import IncidentType, Outcome
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog

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
