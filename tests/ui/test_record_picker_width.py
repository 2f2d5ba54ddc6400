"""A record picker grows with its dialog: a long person or organisation name chosen in the
membership dialog shows whole once the dialog is wide enough, and reads whole in its tooltip
whatever the width; the picker itself asks only for room for about 24 characters."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QSizePolicy

from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import RecordCombo
from bscp_desktop.ui.memberships.dialogs import MembershipDialog
from tests.ui.helpers import type_text

LONGEST = "Strategic Partnerships Learning and Development Officer (Brent Council)"


@pytest.fixture
def laptop(monkeypatch):
    """A 1366 x 768 laptop screen, less its task bar (the offscreen screen is 800 wide)."""
    room = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(room))
    return room


@pytest.fixture
def people(db):
    """People named as in the demo: three Strategic Partnerships officers of Brent Council, told
    apart only by the end of their names, and a police officer of a long-named unit."""
    brent = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police (North West BCU)", "police"))
    made = {"superintendent": ms.create_person(db, ms.PersonFields(
        "Superintendent, Public Protection (North West BCU)", "Superintendent", police.id))}
    for key, name in (("manager", "Strategic Partnerships Manager (Brent Council)"),
                      ("lead", "Strategic Partnerships Lead (Brent Council)"), ("officer", LONGEST)):
        made[key] = ms.create_person(db, ms.PersonFields(name, "Officer", brent.id))
    return made


def _open_at(qtbot, dialog, width: int) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(width, dialog.height())
    qtbot.waitUntil(lambda: dialog.width() == width)
    qtbot.wait(50)  # the dialog fits itself to what it shows on the next turn


def _shows_whole(combo: RecordCombo) -> bool:
    edit = combo.lineEdit()
    return combo.fontMetrics().horizontalAdvance(combo.currentText()) <= edit.contentsRect().width() - 4


def test_a_long_name_chosen_in_a_wide_membership_dialog_shows_whole_and_is_its_tooltip(qtbot, db, laptop, people):
    group = ms.create_group(db, ms.GroupFields("Executive Group", tier=1))
    membership = ms.create_membership(db, ms.MembershipFields(
        people["lead"].id, group.id, "member", date(2022, 10, 1)))
    dialog = MembershipDialog(db, membership)
    _open_at(qtbot, dialog, 900)
    picker = dialog.person
    picker.setCurrentIndex(picker.findData(people["officer"].id))  # another person chosen from the list
    qtbot.wait(50)
    text = picker.currentText()
    assert text.startswith(LONGEST)
    assert _shows_whole(picker), (picker.fontMetrics().horizontalAdvance(text), picker.lineEdit().contentsRect().width())
    assert picker.toolTip() == text
    assert picker.width() > dialog.width() // 2  # it takes the field's width, as the dates do
    assert dialog.organisation.width() == picker.width()  # every picker in the form alike
    assert dialog.width() <= laptop.width()


def test_widening_the_dialog_widens_its_pickers(qtbot, db, laptop, people):
    dialog = MembershipDialog(db)
    _open_at(qtbot, dialog, 600)
    narrow = dialog.person.width()
    dialog.resize(1000, dialog.height())
    qtbot.waitUntil(lambda: dialog.width() == 1000)
    assert dialog.person.width() >= narrow + 350
    assert dialog.deputy_for.width() == dialog.person.width()


def test_a_picker_asks_for_room_for_a_short_name_not_its_longest(qtbot):
    combo = RecordCombo(blank="(nobody)")
    qtbot.addWidget(combo)
    combo.set_items([(LONGEST + " (Brent Council)", 1), ("Jo Bloggs (Brent Council)", 2)], 1)
    longest = combo.fontMetrics().horizontalAdvance(combo.itemText(1))
    assert combo.sizeHint().width() < longest  # a dialog does not open as wide as its longest name
    assert combo.minimumSizeHint().width() >= combo.fontMetrics().horizontalAdvance("x" * 20)
    assert combo.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding  # and grows with its field


def test_the_tooltip_is_the_name_in_the_box_and_none_for_the_blank_entry(qtbot):
    combo = RecordCombo(blank="(nobody)")
    qtbot.addWidget(combo)
    combo.set_items([("Strategic Partnerships Lead (Brent Council)", 1), (LONGEST, 2)], 2)
    assert combo.toolTip() == LONGEST
    combo.setCurrentIndex(1)  # chosen from the list
    assert combo.toolTip() == "Strategic Partnerships Lead (Brent Council)"
    combo.set_current_id(None)
    assert combo.currentText() == "(nobody)" and combo.toolTip() == ""


def test_typing_part_of_a_name_still_offers_the_names_holding_it(qtbot, db, people):
    dialog = MembershipDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    picker = dialog.person
    picker.lineEdit().selectAll()
    type_text(picker.lineEdit(), "Partnerships L")
    completer = picker.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    model = completer.completionModel()
    offered = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert offered == [c for c in (picker.itemText(i) for i in range(picker.count())) if "Partnerships L" in c]
    assert len(offered) == 2  # the Lead and the Learning and Development Officer
    completer.popup().setCurrentIndex(model.index(offered.index(next(o for o in offered if o.startswith(LONGEST))), 0))
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.current_id() == people["officer"].id)
    assert picker.toolTip() == picker.currentText()
    assert not picker.has_unknown_text()
