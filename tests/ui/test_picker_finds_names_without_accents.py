"""Typing in a record picker offers the names holding what is typed as the program's search
finds them: in any case, with or without accents, with either kind of apostrophe ("Zoe" offers
"Zoë Ædelstein", "O’Connor" offers "Seán O'Connor"); the arrow keys and Enter still pick one,
and a list sorted by a column of names lists "Émile" under E, not after Z."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.ui.common.editors import RecordCombo
from bscp_desktop.ui.common.format import sort_key
from tests.ui.helpers import type_text

CHOICES = [
    ("Małgorzata Wójcik-Szczęsna (Metropolitan Police)", 1),
    ("Nguyễn Thị Minh Khai (Brent Council)", 2),
    ("Seán O'Connor (Brent Council)", 3),
    ("Siobhán Ní Bhriain (Metropolitan Police)", 4),
    ("Zoë Ædelstein (Ark Elvin Academy)", 5),
    ("Émile Adébáyọ̀", 6),
    ("Łukasz Nowak", 7),
    ("Zola Banda", 8),
]


@pytest.fixture
def picker(qtbot):
    combo = RecordCombo(blank="(nobody)")
    qtbot.addWidget(combo)
    combo.set_items(CHOICES)
    return combo


def offered(combo: RecordCombo, typed: str) -> list[str]:
    completer = combo.completer()
    completer.setCompletionPrefix(typed)
    model = completer.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


@pytest.mark.parametrize(("typed", "found"), [
    ("Zoe", [5]), ("zoë", [5]), ("Sean", [3]), ("Siobhan", [4]), ("Nguyen", [2]), ("Emile", [6]),
    ("Lukasz", [7]), ("Wojcik", [1]), ("O’Connor", [3]), ("O'Connor", [3]), ("Zo", [5, 8]),
    ("metropolitan", [1, 4]), ("Zoe Aedelstein", [5]), ("Jane", []),
])
def test_typing_offers_names_with_or_without_their_accents(picker, typed, found):
    assert offered(picker, typed) == [label for label, record_id in CHOICES if record_id in found]


def test_a_name_offered_without_its_accents_is_picked_with_the_arrow_keys_and_enter(qtbot, picker):
    picker.show()
    qtbot.waitExposed(picker)
    picker.lineEdit().selectAll()
    type_text(picker.lineEdit(), "Zoe")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())] == [CHOICES[4][0]]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.current_id() == 5)
    assert picker.currentText() == CHOICES[4][0] and not picker.has_unknown_text()


def test_a_whole_label_typed_without_its_accents_is_taken_as_the_officer_moves_on(picker):
    picker.setEditText("Sean O’Connor (brent council)")
    assert picker.current_id() == 3
    picker.lineEdit().editingFinished.emit()
    assert picker.currentText() == "Seán O'Connor (Brent Council)"


def test_a_column_of_names_sorts_accented_letters_with_their_letter():
    names = ["Zoë Ædelstein", "Émile Adébáyọ̀", "Łukasz Nowak", "Özlem Yılmaz", "Oliver Twist", "Anne Smith"]
    assert sorted(names, key=sort_key) == [
        "Anne Smith", "Émile Adébáyọ̀", "Łukasz Nowak", "Oliver Twist", "Özlem Yılmaz", "Zoë Ædelstein"]
