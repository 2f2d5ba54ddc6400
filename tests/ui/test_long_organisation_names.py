"""A 200-character organisation name in the person and membership dialogs: the pickers show it
(and a person "name (organisation)" of it) shortened in the middle, whole on hover, so the dialog
keeps a sensible width and passes the program's own check for words cut short
(`dialog_catalogue.clipped`); typing any part of the whole name still finds it, and saving keeps
the organisation chosen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen

from bscp_desktop.services import memberships as ms
from bscp_desktop.ui import dialog_catalogue as dc
from bscp_desktop.ui.common.editors import LONGEST_CHOICE, WHOLE_NAME, RecordCombo, shortened
from bscp_desktop.ui.memberships.dialogs import MembershipDialog, PersonDialog
from tests.ui.helpers import type_text

LONG_NAME = ("Royal Borough of Kensington and Chelsea Children's Services Multi-Agency Safeguarding Hub "
             "and Integrated Front Door Partnership for Early Help, Family Support and Child Protection "
             "Referrals Team, North Kensington Locality Office")[:200]


@pytest.fixture
def laptop(monkeypatch):
    """A 1366 x 768 laptop screen, less its task bar (the offscreen screen is 800 wide)."""
    room = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(room))
    return room


@pytest.fixture
def records(db):
    organisation = ms.create_organisation(db, ms.OrganisationFields(LONG_NAME, "local_authority"))
    person = ms.create_person(db, ms.PersonFields("Priya Shah", "Designated Nurse", organisation.id))
    group = ms.create_group(db, ms.GroupFields("Executive Group", tier=1))
    membership = ms.create_membership(db, ms.MembershipFields(
        person.id, group.id, "member", date(2024, 1, 1), organisation_id=organisation.id))
    return organisation, person, membership


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dc.settle(dialog)
    return dialog


def _reads_whole_on_hover(combo: RecordCombo, whole: str) -> None:
    text = combo.currentText()
    assert len(text) <= LONGEST_CHOICE and text.endswith(whole[-10:]) and " … " in text
    assert combo.toolTip() == whole  # in the box
    assert combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) == whole  # and in the open list


def test_the_person_dialog_shortens_a_long_organisation_and_cuts_nothing_short(qtbot, db, laptop, records):
    organisation, person, _membership = records
    dialog = _shown(qtbot, PersonDialog(db, person))
    assert dc.clipped(dialog) == []
    assert dialog.width() < laptop.width() * 0.6  # not grown towards the screen's width for one name
    _reads_whole_on_hover(dialog.organisation, LONG_NAME)
    assert dialog.organisation.current_id() == organisation.id
    assert dialog.save().organisation_id == organisation.id  # the organisation as it was


def test_the_membership_dialog_shortens_the_person_and_representing_and_cuts_nothing_short(
        qtbot, db, laptop, records):
    organisation, person, membership = records
    for dialog in (_shown(qtbot, MembershipDialog(db, membership)), _shown(qtbot, MembershipDialog(db))):
        dialog.person.setCurrentIndex(dialog.person.findData(person.id))
        dc.settle(dialog)
        assert dc.clipped(dialog) == []
        dc.with_errors(dialog)  # and with every error showing
        dc.settle(dialog)
        assert dc.clipped(dialog) == []
        assert dialog.width() < laptop.width() * 0.6
        _reads_whole_on_hover(dialog.person, f"Priya Shah ({LONG_NAME})")
        _reads_whole_on_hover(dialog.organisation, LONG_NAME)
        assert (dialog.person.current_id(), dialog.organisation.current_id()) == (person.id, organisation.id)


def test_typing_a_word_of_the_part_left_out_still_finds_the_organisation(qtbot, db, records):
    organisation, person, _membership = records
    dialog = _shown(qtbot, PersonDialog(db, person))
    picker = dialog.organisation
    picker.set_current_id(None)
    picker.lineEdit().selectAll()
    type_text(picker.lineEdit(), "Integrated Front Door")  # in the middle of the name, not shown in the list
    completer = picker.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    model = completer.completionModel()
    assert model.rowCount() == 1
    completer.popup().setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.currentText() == shortened(LONG_NAME))  # shown as listed, not the whole name
    assert picker.current_id() == organisation.id
    assert picker.toolTip() == LONG_NAME


def test_the_whole_name_typed_finds_a_shortened_choice(qtbot):
    combo = RecordCombo(blank="(none)", shorten=True)
    qtbot.addWidget(combo)
    combo.set_items([(LONG_NAME, 7), ("Brent Council", 8)])
    assert combo.itemText(1) == shortened(LONG_NAME) and combo.itemData(1, WHOLE_NAME) == LONG_NAME
    combo.setEditText(LONG_NAME.upper())
    assert combo.current_id() == 7 and not combo.has_unknown_text()
    combo.setEditText(shortened(LONG_NAME))
    assert combo.current_id() == 7


def test_two_long_names_that_would_read_the_same_shortened_are_kept_whole(qtbot):
    other = LONG_NAME[:100] + " South" + LONG_NAME[106:]  # differs only in the part left out
    combo = RecordCombo(shorten=True)
    qtbot.addWidget(combo)
    combo.set_items([(LONG_NAME, 1), (other, 2), ("A" * 30 + " " + LONG_NAME, 3)])
    assert [combo.itemText(i) for i in range(2)] == [LONG_NAME, other]
    assert combo.itemText(2) == shortened("A" * 30 + " " + LONG_NAME)


def test_a_picker_made_without_shorten_lists_names_whole(qtbot):
    combo = RecordCombo()
    qtbot.addWidget(combo)
    combo.set_items([(LONG_NAME, 1)], 1)
    assert combo.currentText() == LONG_NAME and combo.toolTip() == LONG_NAME


def test_a_shortened_name_keeps_its_accents_and_is_cut_between_words():
    name = "Dr Oluwaseun Adébáyọ̀-Fitzgerald " * 6
    text = shortened(name.strip())
    assert len(text) <= LONGEST_CHOICE
    head, end = text.split(" … ")
    assert name.startswith(head) and name.strip().endswith(end)
    assert not head.endswith("-") and end.split()[0] in name.split()
