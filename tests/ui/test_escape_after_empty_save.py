"""Escape after pressing Save on an empty form closes it at once: Save shows every field's
message but changes no field. Once something is typed or ticked, the question names only the
fields really changed since the form opened (`form.field_state`), tick lists and the audit's
table of meetings included."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.audits.audit_dialogs import AuditDialog
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # Ctrl+S is the active window's
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(dialog.whole)
    return dialog


def _escape_asks(qtbot, dialog) -> list[str]:
    """Press Escape; the question asked, if any (answered Keep editing)."""
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    box = dialog.discard_question  # opened without waiting (`closing.AsksBeforeClosing`)
    if box is None:
        return []
    asked = box.text()
    next(b for b in box.buttons() if b.text() == "Keep editing").click()
    assert dialog.isVisible() and dialog.discard_question is None
    return [asked]


def _save_empty(qtbot, dialog) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.status.text().startswith("Not saved."), dialog.status.text()


def test_escape_after_saving_an_empty_case_review_closes_it_without_asking(qtbot, db):
    dialog = _shown(qtbot, CaseReviewDialog(db))
    _save_empty(qtbot, dialog)
    assert dialog.changed_fields() == []
    assert _escape_asks(qtbot, dialog) == []
    assert not dialog.isVisible()


def test_a_case_review_names_only_the_fields_changed_after_an_empty_save(qtbot, db):
    dialog = _shown(qtbot, CaseReviewDialog(db))
    _save_empty(qtbot, dialog)
    dialog.alias.setText("Child A")
    assert _escape_asks(qtbot, dialog) == ["You have changed alias. Close without saving?"]
    first = dialog.themes.item(0)
    first.setCheckState(Qt.CheckState.Checked)
    assert dialog.changed_fields() == ["Alias", "Themes"]
    first.setCheckState(Qt.CheckState.Unchecked)  # ticked back as it opened: not a change
    assert dialog.changed_fields() == ["Alias"]


def test_escape_after_saving_an_empty_audit_closes_it_without_asking(qtbot, db):
    dialog = _shown(qtbot, AuditDialog(db))
    _save_empty(qtbot, dialog)
    assert _escape_asks(qtbot, dialog) == []
    assert not dialog.isVisible()


def test_after_an_empty_save_only_a_meeting_added_to_the_audit_is_named(qtbot, db, world):
    meeting = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Case audit planning", datetime(2024, 2, 22, 10)))
    dialog = _shown(qtbot, AuditDialog(db))
    _save_empty(qtbot, dialog)
    dialog.meetings.meeting.set_current_id(meeting.id)  # chosen, not added yet: the audit's meetings are as they were
    assert dialog.changed_fields() == []
    next(b for b in dialog.meetings.findChildren(QPushButton) if b.text() == "Add").click()
    assert _escape_asks(qtbot, dialog) == ["You have changed meetings. Close without saving?"]
