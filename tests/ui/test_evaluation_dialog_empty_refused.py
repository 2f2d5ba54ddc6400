"""Enter pressed as soon as New evaluation opens saves nothing: an evaluation from no delegate
with no score, comment or follow-up is refused, and why shows under the delegate's name."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.ui.training.booking_dialogs import EvaluationDialog


def test_enter_on_a_new_evaluation_with_nothing_in_it_says_what_to_fill_in(qtbot, db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect",
                                                  learning_outcomes=("Spot neglect",)))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2024, 3, 11, 9, 30),
                                                     capacity=5))
    dialog = EvaluationDialog(db, None, None, session_id=session.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None, timeout=2000)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert ev.list_evaluations(db) == []
    error = dialog.findChild(QLabel, "error_delegate_name")
    assert error.isVisible() and error.text() == ev.NOTHING_GIVEN

    dialog.comments.setPlainText("Good use of local cases")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [e.comments for e in ev.list_evaluations(db)] == ["Good use of local cases"]
