"""What a record picker's check says when nothing on the list was chosen."""

from __future__ import annotations

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
