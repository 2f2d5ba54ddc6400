"""The Search window: a double-click opened a hit twice (the double-click and the activation it
brings both opened it); an archived case was "Nothing ... Check the spelling", with no way to
search archived records; an action showed a date it was neither ordered nor found by; words
after the twelfth were dropped without a word."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.app import make_application
from bscp_desktop.services.search_names import unsearched_sentence
from bscp_desktop.ui.search import ARCHIVED, SearchDialog
from tests.built_once import database_with
from tests.services.test_search_terms_and_action_dates import TWELVE, build

db, made = database_with("search-terms-and-action-dates", build, records="made")

NOT_SEARCHED = unsearched_sentence()  # the records that can hold a name and are not searched


@pytest.fixture
def dialog(qtbot, db, made):
    make_application()
    box = SearchDialog(db, {"meetings": "Meetings", "case-reviews": "Case reviews"})
    qtbot.addWidget(box)
    box.start(None)
    yield box
    box.close()


def search(qtbot, dialog, text: str) -> list[list[str]]:
    dialog.box.setText(text)
    dialog.run()
    qtbot.waitUntil(lambda: not dialog.loading() and dialog.result is not None and dialog.result.text == text,
                    timeout=5000)
    proxy = dialog.proxy
    return [[proxy.index(r, c).data() for c in range(3)] for r in range(proxy.rowCount())]


def test_a_double_click_or_enter_opens_a_hit_once(qtbot, dialog):
    search(qtbot, dialog, "ICON training")
    opened = []
    dialog.open_hit.connect(lambda hit: opened.append(hit.record_id))
    where = dialog.table.visualRect(dialog.proxy.index(0, 1)).center()
    view, left = dialog.table.viewport(), Qt.MouseButton.LeftButton
    qtbot.mouseClick(view, left, pos=where)  # a double-click: a press and release, then the double-click
    qtbot.mouseDClick(view, left, pos=where)
    qtbot.mouseRelease(view, left, pos=where)
    assert len(opened) == 1
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert len(opened) == 2


def test_archived_records_are_searched_when_ticked_and_counted_when_not(qtbot, dialog, made):
    tick = dialog.archived
    assert (tick.text(), tick.accessibleName(), tick.isChecked()) == (ARCHIVED, ARCHIVED, False)
    assert dialog.scope.nextInFocusChain() is tick and tick.focusPolicy() & Qt.FocusPolicy.TabFocus
    reference = made.archived_case
    assert search(qtbot, dialog, reference) == []
    assert dialog.status.text() == (f"No record searched mentions '{reference}'. Archived records were not "
                                    f"searched: 1 archived record mentions it; tick {ARCHIVED} to see it. {NOT_SEARCHED}")
    tick.setFocus()
    qtbot.keyClick(tick, Qt.Key.Key_Space)  # ticked from the keyboard: searched again at once
    assert tick.isChecked()
    qtbot.waitUntil(lambda: not dialog.loading() and dialog.proxy.rowCount() == 1, timeout=5000)
    assert dialog.proxy.index(0, 2).data() == f"Case {reference} (archived)"
    assert "1 record(s) in everything mention" in dialog.status.text()
    assert search(qtbot, dialog, "zzyzx") == []
    assert dialog.status.text() == f"No record searched mentions 'zzyzx'. Check the spelling or use fewer words. {NOT_SEARCHED}"


def test_an_action_shows_its_date_and_the_words_not_looked_for_are_named(qtbot, dialog, made):
    rows = search(qtbot, dialog, "31/03/2024")
    assert rows == [["due 31/03/2024", "Action", rows[0][2]]]
    rows = search(qtbot, dialog, f"{TWELVE} xyzzyplugh")
    assert [r[1] for r in rows] == ["Agenda item"]
    assert dialog.status.text().endswith(
        " Only the first 12 words are looked for: 'xyzzyplugh' was not searched for, so the records found may not mention it.")
