"""What a record picker's check says when nothing on the list was chosen."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import Checker
from bscp_desktop.ui.common.editors import RecordCombo
from bscp_desktop.ui.common.pickers import check_pick


def test_nothing_chosen_names_one_of_the_list_in_good_english(qtbot):
    combo = RecordCombo()
    qtbot.addWidget(combo)
    combo.set_items([("Room hire", 1)])
    combo.set_current_id(None)
    said = {}
    for what in ("categories", "people", "training sessions", "later meetings of the group"):
        c = Checker()
        check_pick(c, combo, "id", what, required=True)
        said[what] = c.errors["id"]
    assert said == {
        "categories": "Choose the category from the list",
        "people": "Choose the person from the list",
        "training sessions": "Choose the training session from the list",
        "later meetings of the group": "Choose the later meeting of the group from the list",
    }


def test_a_long_name_chosen_reads_from_its_start(qtbot):
    from bscp_desktop.ui.common.editors import RecordCombo

    combo = RecordCombo(blank="(nobody)")
    qtbot.addWidget(combo)
    combo.resize(160, 30)
    combo.show()
    combo.set_items([("Inspector Morse (Metropolitan Police, North West Basic Command Unit)", 7)])
    combo.set_current_id(7)
    assert combo.lineEdit().cursorPosition() == 0
    combo.setCurrentIndex(0)
    combo.setCurrentIndex(1)  # chosen from the list
    assert combo.lineEdit().cursorPosition() == 0


def test_tabbing_into_a_picker_shows_the_start_of_a_long_name_ready_to_be_typed_over(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    form = QWidget()
    qtbot.addWidget(form)
    before, combo = QLineEdit(form), RecordCombo(form)
    layout = QVBoxLayout(form)
    layout.addWidget(before)
    layout.addWidget(combo)
    name = "Corporate Director of Children and Young People (Brent Council)"
    combo.set_items([(name, 3)], current=3)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(combo.hasFocus)
    edit = combo.lineEdit()
    assert edit.selectedText() == name and edit.cursorPosition() == 0


def test_the_second_of_two_records_of_the_same_name_stays_chosen(qtbot):
    combo = RecordCombo(blank="(nobody)")
    qtbot.addWidget(combo)
    combo.set_items([("Jane Smith", 4), ("Jane Smith", 9), ("ALI KHAN", 5), ("Ali Khan", 6)], current=9)
    assert combo.current_id() == 9  # the record's own, untouched
    combo.setCurrentIndex(combo.findData(6))  # chosen from the list
    assert combo.current_id() == 6
    combo.setEditText("ali khan")  # typed over: looked up by name, as typed first
    assert combo.current_id() == 5
    combo.setEditText("Ali Khan")
    assert combo.current_id() == 6
    combo.setEditText("Nobody Known")
    assert combo.current_id() is None and combo.has_unknown_text()


@pytest.mark.slow  # two dialogs
def test_a_dialog_keeps_and_saves_the_second_of_two_people_of_the_same_name(qtbot, db):
    from bscp_desktop.services import actions as al
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.actions.dialogs import ActionDialog
    from bscp_desktop.ui.memberships.dialogs import AgreementDialog

    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    first = ms.create_person(db, ms.PersonFields("Jane Smith", "Social worker", org.id, "jane.smith1@brent.gov.uk"))
    second = ms.create_person(db, ms.PersonFields("Jane Smith", "Head of Service", org.id, "jane.smith2@brent.gov.uk"))
    action = al.create_action(db, al.ActionFields("Update the neglect strategy", owner_person_id=second.id,
                                                  due_date=date(2027, 6, 30)))
    (record,) = [a for a in al.list_actions(db) if a.id == action.id]
    dialog = ActionDialog(db, record)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.description.setPlainText("Update the neglect strategy and its toolkit")  # the owner left as it is
    dialog.save_button.click()
    (saved,) = [a for a in al.list_actions(db) if a.id == action.id]
    assert saved.owner_person_id == second.id and saved.description.endswith("toolkit")

    dialog = AgreementDialog(db, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person.setCurrentIndex(dialog.person.findData(second.id))
    assert dialog.person.current_id() == second.id != first.id
