"""Nothing typed is lost by a slip, in every dialog that keeps typed work: Escape, or the
window's close button, after a change asks "Discard changes?" (Keep editing keeps every mark
and word); a dialog left as it opened closes at once (`ui/common/closing.AsksBeforeClosing`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialogButtonBox, QSpinBox

from bscp_desktop.domain.training import Outcome
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import meetings as mt
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog
from bscp_desktop.ui.meetings.dialogs.meeting import StandingItemsDialog
from bscp_desktop.ui.training.register import RegisterDialog
from bscp_desktop.ui.training.registrations import RegistrationsDialog
from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog
from tests.ui.helpers import when_modal


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _answer(qtbot, dialog, button: str, seen: list[str]) -> None:
    """Press Escape on `dialog`, and answer the question it asks with `button`."""

    def handle(box):
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button).click()

    when_modal(handle, "Discard changes?")
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(seen) and dialog.discard_question is None)


def _register(qtbot, db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect: recognising and responding", topic="Neglect",
                                                  learning_outcomes=("Spot neglect",)))
    session = cs.create_session(db, cs.SessionFields(
        course_id=course.id, starts_at=datetime.combine(date.today() - timedelta(days=7), datetime.min.time()), capacity=10))
    for name in ("Ama Mensah", "Bilal Khan"):
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name,
                                               booked_on=date.today() - timedelta(days=20)))
    return session, _shown(qtbot, RegisterDialog(db, session.id))


def test_escape_on_a_marked_register_asks_and_keep_editing_keeps_the_marks(qtbot, db):
    session, dialog = _register(qtbot, db)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_A)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_N)
    seen: list[str] = []
    _answer(qtbot, dialog, "Keep editing", seen)
    assert seen == ["You have changed the register. Close without saving?"]
    assert dialog.isVisible() and dialog.grid.marks == [Outcome.ATTENDED, Outcome.NO_SHOW]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert [b.outcome for b in bk.list_bookings(db, session_id=session.id)] == [Outcome.ATTENDED, Outcome.NO_SHOW]


def test_discard_changes_closes_the_register_and_saves_no_mark(qtbot, db):
    session, dialog = _register(qtbot, db)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_A)
    _answer(qtbot, dialog, "Discard changes", [])
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert {b.outcome for b in bk.list_bookings(db, session_id=session.id)} == {Outcome.BOOKED}


def test_a_register_left_as_it_opened_or_marked_back_closes_at_once(qtbot, db):
    _session, dialog = _register(qtbot, db)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_A)
    dialog.grid.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Delete)  # Ama not marked again, as she opened
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.discard_question is None


def test_the_close_button_on_typed_standing_items_asks_and_tab_reaches_the_buttons(qtbot, db, world):
    dialog = _shown(qtbot, StandingItemsDialog(db, world.forum.id, world.forum.name))
    before = dialog.text.toPlainText()
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, "Partner updates")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)  # on to Save, not a tab character in the items
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    assert dialog.text.toPlainText() == "Partner updates" + before and dialog.focusWidget() is save

    class CloseButton(QCloseEvent):
        def spontaneous(self) -> bool:  # as the window's own close button sends it
            return True

    event = CloseButton()
    dialog.closeEvent(event)
    assert not event.isAccepted() and dialog.discard_question is not None
    assert dialog.discard_question.text() == "You have changed the standing items. Close without saving?"
    next(b for b in dialog.discard_question.buttons() if b.text() == "Discard changes").click()
    assert not dialog.isVisible()
    assert "Partner updates" not in [s.title for s in mt.list_standing_items(db, world.forum.id)]


def test_escape_after_a_months_figure_is_typed_asks_naming_the_month(qtbot, db):
    dialog = _shown(qtbot, RegistrationsDialog(db, today=date(2024, 5, 1)))
    dialog.table.item(0, 1).setText("42")
    seen: list[str] = []
    _answer(qtbot, dialog, "Keep editing", seen)
    assert seen == ["You have changed the figure for April 2024. Close without saving?"]
    dialog.table.item(0, 1).setText("")  # typed back as it was: nothing to lose
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and fg.list_registrations(db) == []


def test_escape_on_changed_case_review_settings_asks_naming_the_pages(qtbot, db):
    untouched = _shown(qtbot, CaseReviewSettingsDialog(db))
    qtbot.keyClick(untouched.focusWidget(), Qt.Key.Key_Escape)
    assert not untouched.isVisible() and untouched.discard_question is None

    dialog = _shown(qtbot, CaseReviewSettingsDialog(db))
    spin = next(s for s in dialog.rules.findChildren(QSpinBox) if s.isVisible())
    spin.setValue(spin.value() + 1)
    qtbot.keyClicks(dialog.new_theme, "Radicalisation")  # typed, not added: Save would add it
    seen: list[str] = []
    _answer(qtbot, dialog, "Discard changes", seen)
    assert seen == ["You have changed deadline rules and themes. Close without saving?"]
    assert not dialog.isVisible() and "Radicalisation" not in cr.load_settings(db).themes


def test_training_settings_ask_for_a_typed_topic_but_not_for_an_untouched_dialog(qtbot, db):
    untouched = _shown(qtbot, TrainingSettingsDialog(db))
    qtbot.keyClick(untouched.focusWidget(), Qt.Key.Key_Escape)
    assert not untouched.isVisible() and untouched.discard_question is None

    dialog = _shown(qtbot, TrainingSettingsDialog(db))
    dialog.notice.setValue(5)
    seen: list[str] = []
    _answer(qtbot, dialog, "Keep editing", seen)
    assert seen == ["You have changed topics and notice. Close without saving?"]
    assert dialog.isVisible() and dialog.notice.value() == 5
    dialog.save_button.click()
    assert st.load_settings(db).late_cancellation_days == 5
