"""Hints say each thing once, and the same thing by one name: a new case's clocks give their rule
and why there is no due date yet in sentences of their own (no bracket repeating the rule, no
brackets inside brackets); the booking import's column matching calls the organisation as
booked what the booking dialog calls it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel

from bscp_desktop.domain.case_review_clocks import ANCHOR_CHOICES, clocks_for
from bscp_desktop.domain.case_reviews import Decision
from bscp_desktop.domain.deadlines import DEFAULT_RULES
from bscp_desktop.importers import field_labels, template_columns
from bscp_desktop.importers.training_columns import AS_BOOKED
from bscp_desktop.ui.case_reviews import dialogs
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog
from bscp_desktop.ui.training.booking_dialogs import BookingDialog
from bscp_desktop.ui.training.imports import MappingDialog

TODAY = date(2024, 6, 3)


def _nested(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth > 1:
            return True
    return False


def test_a_new_cases_clocks_say_their_rule_once_and_why_there_is_no_date_yet(qtbot, db):
    dialog = CaseReviewDialog(db, None, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.complete()
    for key, label in dialog.due_labels.items():
        text = label.text()
        assert "Starts from" not in text and not _nested(text), (key, text)
        assert all(text.count(start) <= 1 for start in ANCHOR_CHOICES.values()), (key, text)  # said once
        assert text.startswith("Rule: ") and text.endswith(dialogs.NO_DUE_DATE_YET), (key, text)


def test_the_lcspr_reports_hint_has_no_brackets_inside_brackets():
    clock = next(c for c in clocks_for(DEFAULT_RULES, {}, None, TODAY) if c.key == "panel_report")
    text = dialogs._due_text(clock)
    assert text == f"Rule: {clock.rule_text}. {dialogs.NO_DUE_DATE_YET}"
    assert not _nested(text)


def test_a_clock_not_needed_says_why_in_a_sentence_of_its_own():
    dates = {"became_aware": date(2024, 1, 2), "decision_date": date(2024, 2, 1)}
    clock = next(c for c in clocks_for(DEFAULT_RULES, dates, Decision.NO_LCSPR, TODAY) if c.key == "panel_report")
    text = dialogs._due_text(clock)
    assert text == f"Rule: {clock.rule_text}. {clock.note}."
    assert not _nested(text)


def test_a_reason_for_delay_is_kept_beside_a_clock_with_no_date_yet():
    clock = next(c for c in clocks_for(DEFAULT_RULES, {}, None, TODAY, delay_reason="Criminal trial")
                 if c.met_by == "published")
    assert dialogs._due_text(clock).endswith(f"{dialogs.NO_DUE_DATE_YET} Delayed: Criminal trial.")


def _form_labels(dialog) -> list[str]:
    return [label.text().removesuffix(":").removesuffix(" *") for label in dialog.findChildren(QLabel)]


def test_the_column_matching_names_the_organisation_as_booked_as_the_booking_dialog_does(qtbot, db):
    booking = BookingDialog(db)
    qtbot.addWidget(booking)
    matching = MappingDialog("bookings", ["Course", "Org"], {})
    qtbot.addWidget(matching)
    name = booking.labels["organisation_name"]
    assert name == "Organisation (as they wrote it)"
    assert matching.combos["_as_booked"].accessibleName() == name
    assert name in _form_labels(matching) and AS_BOOKED.label not in _form_labels(matching)
    # what a file is read by is unchanged: the workbook's heading, and the template's columns
    assert ("_as_booked", "Organisation (as booked)", False) in field_labels("bookings")
    assert "Organisation (as booked)" not in template_columns("bookings")
