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
