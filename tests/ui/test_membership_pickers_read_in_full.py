"""The membership dialog's drop-downs read in full: a representative of one organisation sitting
for another, since archived, is named whole in Person and Representing when the dialog opens
("Representative (CLCH) (London North West University Healthcare NHS Trust)", "Central London
Community Healthcare NHS Trust (archived)"), not cut at "(London North West University He…".
Where the screen leaves too little room, each name is shortened in the middle, so the
organisation that tells two people of one name apart, and "(archived)", stay in view; the
whole name is the tooltip and what a screen reader reads."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QFont, QScreen
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.dialog_fit import combo_room
from bscp_desktop.ui.common.editors import RecordCombo
from bscp_desktop.ui.common.pickers import picker
from bscp_desktop.ui.memberships.dialogs import MembershipDialog

PERSON = "Representative (CLCH) (London North West University Healthcare NHS Trust)"
REPRESENTING = "Central London Community Healthcare NHS Trust (archived)"


@pytest.fixture
def seat(db):
    """The CLCH representative, now on record at LNWUHT, sitting for CLCH, archived since."""
    clch = ms.create_organisation(db, ms.OrganisationFields(
        "Central London Community Healthcare NHS Trust", OrganisationKind.RELEVANT_AGENCY, "CLCH"))
    lnwuht = ms.create_organisation(db, ms.OrganisationFields(
        "London North West University Healthcare NHS Trust", OrganisationKind.RELEVANT_AGENCY, "LNWUHT"))
    person = ms.create_person(db, ms.PersonFields("Representative (CLCH)", "Safeguarding representative", lnwuht.id))
    group = ms.create_group(db, ms.GroupFields("Safeguarding Children Forum", tier=2))
    membership = ms.create_membership(db, ms.MembershipFields(
        person.id, group.id, "member", date(2022, 10, 1), organisation_id=clch.id))
    ms.archive_organisation(db, clch.id)
    return membership


@pytest.fixture
def narrow_screen(qapp, monkeypatch):
    """A 1280 x 720 laptop at 200% (640 x 360 points, less its task bar) with a 14-point font."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 640, 340))
    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(14)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


def _reads_whole(combo) -> bool:
    needed, room = combo_room(combo)
    return needed <= room


def test_the_membership_dialog_opens_wide_enough_for_each_name_chosen(qtbot, db, seat):
    dialog = MembershipDialog(db, ms.list_memberships(db)[0])
    qtbot.addWidget(dialog)
    assert dialog.person.currentText() == PERSON
    assert dialog.organisation.currentText() == REPRESENTING
    # as it opens on a screen with room for it: at its own size, before anything is widened to fit
    dialog.resize(dialog.sizeHint())
    dialog.show()
    for combo in (dialog.person, dialog.group, dialog.organisation, dialog.deputy_for):
        assert _reads_whole(combo), (combo.accessibleName(), combo_room(combo))
        assert combo.shown_text() == combo.currentText()


def test_a_picker_asks_for_room_for_the_name_chosen_not_the_longest_listed(qtbot):
    combo = picker([(PERSON, 1), ("Jo Bloggs (Brent Council)", 2)], 2)
    qtbot.addWidget(combo)
    short = combo.sizeHint().width()
    assert short < combo.fontMetrics().horizontalAdvance(PERSON)  # a long list does not widen the dialog
    least = combo.minimumSizeHint().width()
    combo.set_current_id(1)
    assert combo.sizeHint().width() > combo.fontMetrics().horizontalAdvance(PERSON)
    assert combo.minimumSizeHint().width() == least  # it still fits a small screen
    combo.resize(combo.sizeHint())
    combo.show()
    qtbot.waitExposed(combo)
    assert _reads_whole(combo)


@pytest.mark.slow
def test_on_a_narrow_screen_each_name_keeps_its_end_in_view_and_reads_whole_elsewhere(qtbot, db, seat, narrow_screen):
    dialog = MembershipDialog(db, ms.list_memberships(db)[0])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)  # the dialog fits itself to the screen on the next turns
    dialog.notes.setFocus()
    for combo, whole, start, end in ((dialog.person, PERSON, "Representative (C", "NHS Trust)"),
                                     (dialog.organisation, REPRESENTING, "Central London", "(archived)")):
        assert not _reads_whole(combo)  # the screen is too narrow for it
        shown = combo.shown_text()
        assert "…" in shown and shown.startswith(start) and shown.endswith(end), shown
        assert combo.fontMetrics().horizontalAdvance(shown) <= combo.lineEdit().contentsRect().width()
        assert combo.toolTip() == whole
        assert combo.currentText() == whole  # what is matched and saved
        reader = QAccessible.queryAccessibleInterface(combo.lineEdit())
        assert reader.text(QAccessible.Text.Value) == whole
    assert dialog.person.current_id() == seat.person_id
    assert dialog.organisation.current_id() == seat.organisation_id


def test_a_picker_paints_the_shortened_name_as_it_paints_a_name(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    chosen = picker([(REPRESENTING, 1)], 1, blank=None)
    other = QLineEdit()
    column.addWidget(chosen)
    column.addWidget(other)
    window.show()
    qtbot.waitExposed(window)
    chosen.setFixedWidth(250)
    other.setFocus()
    qtbot.wait(10)
    shown = chosen.shown_text()
    assert shown != REPRESENTING and shown.endswith("(archived)")
    listed = RecordCombo(blank=None)  # a drop-down whose name is the shortened one
    listed.set_items([(shown, 1)], 1)
    listed.setFixedWidth(250)
    column.addWidget(listed)
    qtbot.wait(10)
    assert chosen.lineEdit().grab().toImage() == listed.lineEdit().grab().toImage()

    chosen.setFocus(Qt.FocusReason.TabFocusReason)  # tabbed in: the whole name selected, ready to type over
    qtbot.wait(10)
    assert chosen.lineEdit().selectedText() == REPRESENTING
    assert chosen.shown_text() == shown
    qtbot.keyClick(chosen.lineEdit(), Qt.Key.Key_Home)  # moving along it: the name as typed in the box
    assert chosen.shown_text() == REPRESENTING
