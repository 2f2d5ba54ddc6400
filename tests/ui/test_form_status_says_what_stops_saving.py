"""While Save is greyed because something typed is wrong (not only empty), the line above the
buttons says what, naming the field and the reason: its field may be screens away down the form."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit

from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog
from bscp_desktop.ui.common.form import FormDialog


class _Meeting(FormDialog):
    """A title that must be long enough and a place that must be filled in."""

    def __init__(self):
        super().__init__("Meeting")
        self.title = self.add_field("title", "Title", QLineEdit(""))
        self.place = self.add_field("place", "Place", QLineEdit(""))
        self.room = self.add_field("room", "Room", QLineEdit(""))

    def check(self):
        errors = {}
        if len(self.title.text()) < 3:
            errors["title"] = "Give at least three letters."
        if not self.place.text():
            errors["place"] = "Enter the place"
        if self.room.text() == "0":
            errors["room"] = "Room 0 does not exist"
        return errors


def test_moving_the_date_aware_after_the_notification_says_why_save_is_greyed(qtbot, db):
    case = cr.create_case_review(db, cr.CaseReviewFields(
        "Child A", "serious_harm", date(2024, 2, 29), notification_sent=date(2024, 2, 29)))
    dialog = CaseReviewDialog(db, case, today=date(2026, 12, 7))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.whole, timeout=5000)
    assert dialog.status.text() == ""
    dialog.became_aware.set_value(date(2024, 3, 5))
    assert not dialog.save_button.isEnabled()
    assert dialog.status.text() == ("Notification sent to the Panel (29/02/2024) cannot be before the date the local "
                                    "authority became aware (05/03/2024).")
    dialog.became_aware.set_value(date(2024, 2, 29))  # put right: the line is clear again
    assert dialog.save_button.isEnabled() and dialog.status.text() == ""


def test_the_first_wrong_field_is_named_with_its_reason_and_the_empty_ones_after_it(qtbot):
    dialog = _Meeting()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.status.text() == "To save, fill in: Title, Place."
    qtbot.keyClicks(dialog.title, "AB")
    assert dialog.status.text() == "Title: Give at least three letters. To save, fill in: Place."
    qtbot.keyClicks(dialog.room, "0")
    assert dialog.status.text() == ("Title: Give at least three letters. 1 more field needs changing too. "
                                    "To save, fill in: Place.")
    qtbot.keyClicks(dialog.title, "C")
    assert dialog.status.text() == "Room 0 does not exist. To save, fill in: Place."  # its own words name the room


def test_a_long_reason_wraps_on_the_status_line_rather_than_being_cut_off(qtbot, db):
    case = cr.create_case_review(db, cr.CaseReviewFields(
        "Child A", "serious_harm", date(2024, 2, 29), notification_sent=date(2024, 2, 29)))
    dialog = CaseReviewDialog(db, case, today=date(2026, 12, 7))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.whole, timeout=5000)
    dialog.resize(dialog.minimumSizeHint().width(), dialog.height())
    dialog.became_aware.set_value(date(2024, 3, 5))
    qtbot.waitUntil(lambda: dialog.status.height() >= dialog.status.heightForWidth(dialog.status.width()))
    assert "Notification sent to the Panel" in dialog.status.text() and dialog.status.wordWrap()
    assert dialog.status.geometry().bottom() < dialog.buttons.geometry().top()  # all of it above the buttons
