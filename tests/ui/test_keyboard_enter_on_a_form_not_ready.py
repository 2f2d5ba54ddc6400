"""Enter in a form whose Save is greyed (something missing) says why it was not saved and takes
the officer to the first field in the way, as Ctrl+S does; before, it did nothing at all, so an
officer working by keyboard (or a screen reader's user) was left guessing. With Save offered,
Enter saves as before."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from bscp_desktop.services import actions as al
from bscp_desktop.services import finance as fin
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms

TODAY = date(2024, 6, 1)


def _person(db):
    from bscp_desktop.ui.memberships.dialogs import PersonDialog

    return PersonDialog(db, None), "job_title", "name", lambda: ms.list_people(db)


def _membership(db):
    from bscp_desktop.ui.memberships.dialogs import MembershipDialog

    return MembershipDialog(db, None), "start_date", "person_id", lambda: ms.list_memberships(db)


def _action(db):
    from bscp_desktop.ui.actions.dialogs import ActionDialog

    return ActionDialog(db), "due_date", "description", lambda: al.list_action_log(db)


def _contribution(db):
    from bscp_desktop.ui.finance.dialogs import ContributionDialog

    return ContributionDialog(db, None, today=TODAY), "invoice_reference", "organisation_id", lambda: fin.list_contributions(db)


def _agenda_item(db):
    from bscp_desktop.ui.meetings.dialogs.agenda import AgendaItemDialog

    group = ms.create_group(db, ms.GroupFields("Safeguarding Forum", 3))
    meeting = mt.create_meeting(db, mt.MeetingFields(group.id, "Forum", datetime(2024, 3, 14, 10)))
    return AgendaItemDialog(db, meeting), "presenter", "title", lambda: mt.list_agenda(db, meeting.id)


def _focus_in(field) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is field or focus is field.focusProxy() or field.isAncestorOf(focus))


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(dialog.whole)
    return dialog


@pytest.mark.parametrize("make", [_person, _membership, _action, _contribution, _agenda_item],
                         ids=["person", "membership", "action", "contribution", "agenda item"])
def test_enter_with_save_greyed_says_why_and_goes_to_the_first_field_in_the_way(qtbot, db, make):
    dialog, pressed_in, first_missing, saved = make(db)
    _shown(qtbot, dialog)
    assert not dialog.save_button.isEnabled() and dialog.save_button.isDefault()
    field = dialog.fields[pressed_in]
    (field.focusProxy() or field).setFocus()
    qtbot.waitUntil(lambda: _focus_in(field))

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.status.text().startswith("Not saved."), dialog.status.text()
    assert dialog.labels[first_missing].casefold() in dialog.status.text().casefold()
    assert _focus_in(dialog.fields[first_missing])
    assert list(saved()) == []


def test_the_keypads_enter_does_the_same(qtbot, db):
    dialog, pressed_in, first_missing, _saved = _person(db)
    _shown(qtbot, dialog)
    dialog.fields[pressed_in].setFocus()
    qtbot.waitUntil(dialog.fields[pressed_in].hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert dialog.status.text().startswith("Not saved.") and _focus_in(dialog.fields[first_missing])


def test_enter_with_save_offered_still_saves(qtbot, db):
    dialog, pressed_in, _first_missing, saved = _person(db)
    _shown(qtbot, dialog)
    qtbot.keyClicks(dialog.fields["name"], "Priya Shah")
    dialog.fields[pressed_in].setFocus()
    qtbot.waitUntil(dialog.fields[pressed_in].hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [p.name for p in saved()] == ["Priya Shah"]


def test_enter_on_cancel_still_cancels(qtbot, db):
    dialog, _pressed_in, _first_missing, saved = _person(db)
    _shown(qtbot, dialog)
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    cancel.setFocus()
    qtbot.waitUntil(cancel.hasFocus)
    qtbot.keyClick(cancel, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert list(saved()) == []
