"""The shared add-and-edit dialog (`ui/common/form.FormDialog`): what it shows when the service
refuses a save."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.ui.common.form import FormDialog
from tests.ui.helpers import type_text


class _Refused(FormDialog):
    """A form whose service refuses with a message for its field and two for records it has
    no field for (as a case's other dates, or an approved meeting's minutes)."""

    def __init__(self):
        super().__init__("Refused")
        self.title = self.add_field("title", "Title", QLineEdit("Budget"))

    def save(self):
        raise ValidationError({
            "title": "A meeting called 'Budget' already exists",
            "minutes": "The minutes were approved on 03/12/2026, so they are locked",
            "reason": "Give the reason for the amendment",
        })


def test_messages_without_a_field_read_as_sentences_under_the_form(qtbot):
    dialog = _Refused()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._on_save()
    assert dialog.isVisible() and dialog.result() == 0  # stays open, nothing saved
    assert dialog.error_labels["title"].text() == "A meeting called 'Budget' already exists"
    assert dialog.status.text() == (
        "The minutes were approved on 03/12/2026, so they are locked. Give the reason for the amendment."
    )
    assert dialog.title.text() == "Budget"  # what was typed is kept


def test_a_new_form_opens_ready_to_type_in_its_first_field(qtbot):
    dialog = _Refused()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.title  # not Save or Cancel, made before the fields


@pytest.mark.slow  # every dialog of the program, on the demo
def test_no_form_of_the_program_opens_with_a_button_ready_to_press(qtbot, demo_db):
    """Enter on opening would press it (Cancel, or Save on an unchanged record); typing would go
    nowhere. Every form opens in a field."""
    from PySide6.QtWidgets import QAbstractButton

    from bscp_desktop.ui.dialog_catalogue import Demo, catalogue, finish_background_work, settle

    demo = Demo(demo_db)
    on_a_button = {}
    forms = 0
    for entry in catalogue():
        dialog = entry.open(demo)
        try:
            if isinstance(dialog, FormDialog):
                forms += 1
                dialog.show()
                settle(dialog)
                focus = dialog.focusWidget()
                if focus is None or isinstance(focus, QAbstractButton):
                    on_a_button[entry.name] = focus.text() if focus is not None else None
        finally:
            finish_background_work()
            dialog.close()
            dialog.deleteLater()
    assert on_a_button == {}
    assert forms >= 40


# -- Escape, or the window's close button, on a changed form asks before closing


def _person_form(qtbot, db, record=None):
    from bscp_desktop.ui.memberships.dialogs import PersonDialog

    dialog = PersonDialog(db, record)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _question(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.discard_question is not None and dialog.discard_question.isVisible())
    return dialog.discard_question


def _press(box, text):
    next(b for b in box.buttons() if b.text() == text).click()


def test_escape_on_a_typed_form_asks_and_keep_editing_keeps_every_word(qtbot, db):
    from PySide6.QtCore import Qt

    from bscp_desktop.services import memberships as ms

    dialog = _person_form(qtbot, db)
    type_text(dialog.name, "Siobhán Ní Bhriain")
    qtbot.keyClicks(dialog.notes, "Named in the escalation of 3 May")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Escape)
    box = _question(qtbot, dialog)
    assert box.text() == "You have changed name and notes. Close without saving?"
    assert box.defaultButton().text() == "Keep editing"
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)  # a second Escape while it asks: one question
    assert dialog.discard_question is box
    _press(box, "Keep editing")
    assert dialog.isVisible() and dialog.discard_question is None
    assert (dialog.name.text(), dialog.notes.toPlainText()) == ("Siobhán Ní Bhriain", "Named in the escalation of 3 May")
    dialog.save_button.click()
    assert [p.name for p in ms.list_people(db)] == ["Siobhán Ní Bhriain"]


def test_discard_changes_closes_the_form_and_saves_nothing(qtbot, db):
    from PySide6.QtCore import Qt

    from bscp_desktop.services import memberships as ms

    person = ms.create_person(db, ms.PersonFields("Kwame Mensah", job_title="Designated nurse"))
    dialog = _person_form(qtbot, db, person)
    dialog.job_title.clear()
    qtbot.keyClicks(dialog.job_title, "Named nurse")
    qtbot.keyClick(dialog.job_title, Qt.Key.Key_Escape)
    box = _question(qtbot, dialog)
    assert "job title" in box.text()
    _press(box, "Discard changes")
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert ms.list_people(db)[0].job_title == "Designated nurse"


def test_a_form_changed_and_changed_back_or_untouched_closes_at_once(qtbot, db):
    from PySide6.QtCore import Qt

    dialog = _person_form(qtbot, db)
    qtbot.keyClicks(dialog.name, "Ade")
    dialog.name.clear()  # back as it opened
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.discard_question is None


def test_cancel_is_meant_and_closes_a_typed_form_without_asking(qtbot, db):
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = _person_form(qtbot, db)
    qtbot.keyClicks(dialog.name, "Ade")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible() and dialog.discard_question is None


def test_the_windows_close_button_asks_as_escape_does(qtbot, db):
    from PySide6.QtGui import QCloseEvent

    class CloseButton(QCloseEvent):  # as the window system sends it (Qt sets this flag itself)
        def spontaneous(self) -> bool:
            return True

    dialog = _person_form(qtbot, db)
    qtbot.keyClicks(dialog.phone, "020 8937 1234")
    event = CloseButton()
    dialog.closeEvent(event)
    assert not event.isAccepted()
    box = _question(qtbot, dialog)
    assert box.text() == "You have changed phone. Close without saving?"
    _press(box, "Discard changes")
    assert not dialog.isVisible()
    dialog.close()  # the program's own close (as when the window goes) never asks


def test_a_time_changed_checks_the_form_again_and_its_message_shows_whole(qtbot, db, world):
    """The meeting's end before its start is said at once, beside Ends at, in full; putting the
    end right clears it and offers Save; Escape then asks, as for any field."""
    from datetime import time

    from PySide6.QtCore import Qt

    from bscp_desktop.ui.common.dialog_fit import shortfalls
    from bscp_desktop.ui.meetings.dialogs.meeting import MeetingDialog

    dialog = MeetingDialog(db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.group.set_current_id(world.forum.id)
    dialog.day.line.setText("10/12/2026")
    dialog.start.set_value(time(14, 0))
    dialog.end.set_value(time(10, 0))
    error = dialog.error_labels["ends_at"]
    assert error.text() == "The end must be after the start" and not dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: error.isVisible() and not shortfalls(dialog))
    dialog.end.set_value(time(16, 0))
    assert error.isHidden() and dialog.save_button.isEnabled()
    assert "Ends at" in dialog.changed_fields()
    qtbot.keyClick(dialog.end, Qt.Key.Key_Escape)
    assert dialog.discard_question is not None


def test_tab_goes_through_the_fields_to_the_buttons_with_no_stop_that_shows_nothing(qtbot, db):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QApplication

    dialog = _person_form(qtbot, db)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    stops = []
    for _ in range(10):
        stops.append(QApplication.focusWidget())
        qtbot.keyClick(stops[-1], Qt.Key.Key_Tab)
    after_notes = stops[[w.objectName() for w in stops].index("notes") + 1]
    assert isinstance(after_notes, QAbstractButton) and after_notes.text() == "Cancel"
    assert dialog.fields_area not in stops


def test_a_meeting_link_that_is_not_one_is_said_beside_it(qtbot, db, world):
    from bscp_desktop.ui.meetings.dialogs.meeting import MeetingDialog

    dialog = MeetingDialog(db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.group.set_current_id(world.forum.id)
    dialog.day.line.setText("10/12/2026")
    dialog.link.setText(" not a url ")
    assert not dialog.save_button.isEnabled()
    assert dialog.error_labels["online_link"].text().startswith("Online link 'not a url' is not a web address")
    dialog.link.setText("https://teams.microsoft.com/l/meetup-join/19%3ameeting")
    assert dialog.save_button.isEnabled()


def test_a_hint_under_a_field_of_its_own_width_takes_the_whole_width_of_the_fields(qtbot):
    from PySide6.QtWidgets import QComboBox

    from bscp_desktop.ui.common.dialog_fit import shortfalls

    dialog = FormDialog("Hints")
    qtbot.addWidget(dialog)
    wide = dialog.add_field("name", "Name", QLineEdit(), "Written as it is on the letter")
    combo = QComboBox()
    combo.addItems(["(none)", "Local authority"])
    dialog.add_field("kind", "Kind", combo, "Safeguarding partners are the local authority, the ICB and the "
                                           "police; others are relevant agencies.")
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = next(label for label in dialog.findChildren(QLabel) if label.text().startswith("Safeguarding"))
    assert combo.width() < wide.width()  # the drop-down keeps its own width
    assert hint.width() >= wide.width()  # its hint is not squeezed into a narrow column of lines
    assert hint.height() >= hint.heightForWidth(hint.width())
    assert shortfalls(dialog) == []


# -- the database's own failure while saving (another program holding the file)


def _locked_on_save(monkeypatch, statement, parameters):
    """A unit of work that writes fails as SQLite's does when another program holds a write lock
    on the file (reading still works): everything the command wrote is rolled back."""
    import sqlite3
    from contextlib import contextmanager

    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    from bscp_desktop.db.database import Database

    real = Database.unit_of_work

    @contextmanager
    def locked(self):
        with real(self) as session:
            wrote = []
            event.listen(session, "before_flush", lambda *_: wrote.append(True))
            yield session
            if wrote or session.new or session.dirty or session.deleted:
                raise OperationalError(statement, parameters, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(Database, "unit_of_work", locked)


def _shown_messages(monkeypatch) -> list[str]:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(
            lambda *args, **kwargs: shown.append(" ".join(str(a) for a in args[1:3])) or QMessageBox.StandardButton.Ok))
    return shown


def test_a_save_refused_by_the_database_is_said_in_words_and_keeps_what_was_typed(qtbot, db, monkeypatch):
    from bscp_desktop.services import memberships as ms

    person = ms.create_person(db, ms.PersonFields("Kwame Mensah", phone="0207 111 1111"))
    dialog = _person_form(qtbot, db, person)
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "0208 000 0000")
    shown = _shown_messages(monkeypatch)
    _locked_on_save(monkeypatch, "UPDATE person SET phone=? WHERE person.id = ?", ("0208 000 0000", person.id))
    dialog.save_button.click()  # a failure escaping the slot would fail the test (and reach the error hook)
    monkeypatch.undo()
    said = dialog.status.text()
    assert said.startswith("Not saved. Another program is using the database file")
    assert "try again in a moment" in said.lower() and "backup from" not in said
    for text in [said, *shown]:
        assert "SQL" not in text and "UPDATE" not in text and "0208" not in text and "parameters" not in text
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.phone.text() == "0208 000 0000"  # what was typed stays, to save again
    assert ms.list_people(db)[0].phone == "0207 111 1111"  # nothing half-saved
    dialog.save_button.click()  # the other program has let go: the same values save
    assert ms.list_people(db)[0].phone == "0208 000 0000"


def test_a_check_the_database_cannot_answer_is_said_in_the_dialog_not_as_a_program_fault(qtbot, db, monkeypatch):
    """The team database's server gone while a dialog is open: a check that reads the database
    (a name already taken, say) fails before the save; that is said on the dialog's own line."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from bscp_desktop.services import memberships as ms

    person = ms.create_person(db, ms.PersonFields("Kwame Mensah", phone="0207 111 1111"))
    dialog = _person_form(qtbot, db, person)
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "0208 000 0000")
    shown = _shown_messages(monkeypatch)

    def unreachable():
        raise OperationalError("SELECT person.id FROM person", (), sqlite3.OperationalError("unable to open database file"))

    monkeypatch.setattr(dialog, "check", unreachable)
    dialog.save_button.click()  # a failure escaping the slot would fail the test (and reach the error hook)
    monkeypatch.undo()
    said = dialog.status.text()
    assert said.startswith("Not saved. ") and "SELECT" not in said and shown == []
    assert dialog.isVisible() and dialog.phone.text() == "0208 000 0000"
    assert ms.list_people(db)[0].phone == "0207 111 1111"
    dialog.save_button.click()  # reachable again: the same values save
    assert ms.list_people(db)[0].phone == "0208 000 0000"


def test_a_command_run_from_the_window_says_a_database_failure_in_words(qtbot, db, monkeypatch):
    """A list page's Archive and Restore, and every other command run through `messages.done`."""
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.common.messages import done

    person = ms.create_person(db, ms.PersonFields("Kwame Mensah", notes="Named in the case review of child P"))
    shown = _shown_messages(monkeypatch)
    _locked_on_save(monkeypatch, "UPDATE person SET archived_at=? WHERE person.id = ?", ("2026-12-05", person.id))
    assert done(None, "Could not change the person", lambda: ms.archive_person(db, person.id)) is False
    monkeypatch.undo()
    assert len(shown) == 1 and shown[0].startswith("Could not change the person Another program is using the database")
    assert "SQL" not in shown[0] and "UPDATE" not in shown[0] and "2026-12-05" not in shown[0]
    assert [p.name for p in ms.list_people(db)] == ["Kwame Mensah"]  # not archived


def test_a_field_named_from_the_records_with_an_ampersand_shows_it_and_gets_no_alt_key(qtbot):
    """A spending category "Printing & stationery" gives the caption "Budget for Printing &
    stationery:", not "Budget for Printing _stationery:" reached with Alt+S."""
    from PySide6.QtGui import QKeySequence

    class _Budgets(FormDialog):
        def __init__(self):
            super().__init__("Budgets")
            self.add_field("printing", "Budget for Printing & stationery", QLineEdit())

        def save(self):
            return None

    dialog = _Budgets()
    qtbot.addWidget(dialog)
    caption = next(label for label in dialog.findChildren(QLabel) if label.buddy() is dialog.fields["printing"])
    assert caption.text() == "Budget for Printing && stationery:"  # Qt shows "&&" as "&"
    assert QKeySequence.mnemonic(caption.text()).isEmpty()
    assert dialog.fields["printing"].accessibleName() == "Budget for Printing & stationery"
    assert dialog.labels["printing"] == "Budget for Printing & stationery"  # as messages name it
