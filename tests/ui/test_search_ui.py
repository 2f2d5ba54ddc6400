"""The search box through the window: Ctrl+F searches the tab, Ctrl+K everything, and a hit
opens its record (issue: daily use, point 6)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.app import make_application, open_database
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.services.search_names import unsearched_sentence
from tests.built_once import built_copy
from tests.meetings_world import build_world, meeting
from tests.ui.helpers import start_window

NOT_SEARCHED = unsearched_sentence()  # the records that can hold a name and are not searched


def build_meetings(db):
    world = build_world(db)
    older = meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD)
    newer = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    first = mt.add_agenda_item(db, older.id, mt.AgendaItemFields("Partner updates"))
    mt.save_item_minutes(db, first.id, "Health partners raised neglected teeth in young children.")
    mt.add_agenda_item(db, newer.id, mt.AgendaItemFields("Welcome"))
    second = mt.add_agenda_item(db, newer.id, mt.AgendaItemFields("Neglect strategy"))
    return older.id, newer.id, first.id, second.id


@pytest.fixture
def window(qtbot, request, tmp_path):
    make_application()
    path = tmp_path / "main.sqlite3"
    ids = built_copy(request, "search-ui", build_meetings, path)  # the meetings, built once for the run
    win = start_window(qtbot, open_database(path), size=(1280, 800))
    win.ids = ids
    yield win
    if win.search_dialog is not None:
        win.search_dialog.close()
    win.db.close()


def results(dialog):
    proxy = dialog.proxy
    return [[proxy.index(r, c).data() for c in range(proxy.columnCount())] for r in range(proxy.rowCount())]


@pytest.mark.slow
def test_ctrl_k_searches_everything_and_enter_opens_the_meeting_at_the_item(window, qtbot):
    older, newer, _first, second = window.ids
    window.tabs.setCurrentIndex(1)  # Memberships: Ctrl+K still searches everything
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.search_dialog
    assert dialog is not None and dialog.isVisible() and dialog.scope.currentData() is None
    qtbot.keyClicks(dialog.box, "When did we last discuss neglect?")
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() == 2, timeout=3000)
    rows = results(dialog)
    assert rows[0][:4] == ["14/03/2024", "Agenda item", "Safeguarding Children Forum, 14/03/2024",
                           "Item 2: Neglect strategy"]
    assert rows[1][0] == "08/06/2023" and "[neglected]" in rows[1][4]
    assert "2 record(s) in everything mention 'neglect'" in dialog.status.text()
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Meetings"
    workspace = window.tab("Meetings").workspace
    assert workspace is not None and workspace.meeting_id == newer
    assert workspace.pages.currentWidget() is workspace.minutes
    assert workspace.minutes.current_item().id == second


def test_ctrl_f_searches_the_tab_you_are_on(window, qtbot):
    window.tabs.setCurrentIndex(1)  # Memberships
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.search_dialog
    assert dialog.scope.currentData() == "memberships"
    qtbot.keyClicks(dialog.box, "neglect")
    dialog.run()
    assert results(dialog) == [] and "Nothing in memberships tab mentions 'neglect'" in dialog.status.text()
    assert dialog.status.text().endswith("use fewer words, or search everything.")  # one tab searched
    dialog.box.clear()
    qtbot.keyClicks(dialog.box, "21/3/2024")
    dialog.run()
    assert "mentions '21/3/2024'" in dialog.status.text()  # as typed, not as looked for ("21 03 2024")
    dialog.box.clear()
    qtbot.keyClicks(dialog.box, "morse")
    dialog.run()
    assert [r[3] for r in results(dialog)] == ["Inspector Morse"]
    dialog.open_selected()
    people = window.tab("Memberships").people
    assert window.tab("Memberships").sections.currentWidget() is people
    assert people.selected().name == "Inspector Morse"
    # on the Meetings tab Ctrl+F searches meetings
    window.tabs.setCurrentIndex(0)
    window.search_tab_action.trigger()
    assert dialog.scope.currentData() == "meetings"


def test_ctrl_f_on_the_case_reviews_tab_finds_a_case_and_opens_it(window, qtbot):
    from datetime import date

    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.services import case_reviews as cr

    case = cr.create_case_review(window.db, cr.CaseReviewFields(
        alias="Child D", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 1, 8),
        summary="Chronic neglect at home; missed health appointments.",
    ))
    window.tabs.setCurrentIndex(next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == "Case reviews"))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.search_dialog
    assert dialog.scope.currentData() == "case-reviews"
    qtbot.keyClicks(dialog.box, "missed appointments")
    dialog.run()
    rows = results(dialog)
    assert [r[1] for r in rows] == ["Case review"] and "Child D" in rows[0][2] + rows[0][3]
    dialog.open_selected()
    tab = window.tab("Case reviews")
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Case reviews"
    assert tab.tracker.selected().id == case.id


def test_a_recommendation_found_opens_on_the_recommendations_page(window, qtbot):
    """It opened the tracker with the case selected; the hit is the recommendation."""
    from datetime import date

    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.services import case_reviews as cr

    case = cr.create_case_review(window.db, cr.CaseReviewFields("Child E", IncidentType.SERIOUS_HARM, date(2024, 1, 8)))
    cr.create_recommendation(window.db, cr.RecommendationFields(case.id, "Teach safe sleeping"))
    rec = cr.create_recommendation(window.db, cr.RecommendationFields(case.id, "Audit sleeping advice"))
    dialog = window.search(None, "audit sleeping")
    assert [h.detail_id for h in dialog.result.hits] == [rec.id]
    dialog.open_selected()
    tab = window.tab("Case reviews")
    assert tab.sections.currentWidget() is tab.recommendations
    assert tab.recommendations.selected().id == rec.id


def test_punctuation_alone_is_not_searched_for(window, qtbot):
    dialog = window.search(None, "%")
    assert results(dialog) == []
    assert dialog.status.text() == \
        "There are no words to look for in what you typed: type a word, a name or a number."
    dialog = window.search(None, "zzyzx")
    assert dialog.status.text() == f"No record searched mentions 'zzyzx'. Check the spelling or use fewer words. {NOT_SEARCHED}"


def test_a_search_runs_in_a_worker_and_only_the_latest_words_are_shown(window, qtbot, background_lists):
    dialog = window.search(None)
    dialog.box.setText("partner")
    dialog.run()
    dialog.box.setText("neglect")
    dialog.run()  # asked again before the first answered: only this one is shown
    qtbot.waitUntil(lambda: not dialog.loading(), timeout=10_000)
    assert len(results(dialog)) == 2 and "mention 'neglect'" in dialog.status.text()
    dialog.box.setText("")
    dialog.run()
    qtbot.waitUntil(lambda: not dialog.loading(), timeout=10_000)
    assert results(dialog) == [] and dialog.status.text().startswith("Type words to find")


def _hits_table(qtbot):
    """A table of wrapped hits, 300 by 400 pixels, with rows sized as they come into view."""
    from PySide6.QtWidgets import QTableView

    from bscp_desktop.ui.common.table_model import Column, RecordTableModel, read_only_rows
    from bscp_desktop.ui.search import RowsSizedInView

    table = QTableView()
    qtbot.addWidget(table)
    model = RecordTableModel([Column("Words found", lambda text: text)], table)
    table.setModel(model)
    read_only_rows(table, "Hits", wrap=True)
    table.resize(300, 400)
    table.show()
    sizing = RowsSizedInView(table)
    return table, model, sizing


def test_rows_get_the_height_of_their_text_as_they_come_into_view(qtbot):
    """Hundreds of hits: the rows in view are as tall as their wrapped words at once, the others
    as they are scrolled to (sizing every row at once took most of a second)."""
    table, model, sizing = _hits_table(qtbot)
    model.set_rows([" ".join(["safeguarding partners agreed"] * 6)] * 500)
    sizing.start()
    tall = table.sizeHintForRow(0)
    assert tall > table.fontMetrics().height() * 2  # wrapped over several lines
    assert table.rowHeight(0) == tall and len(sizing.sized) < 100
    fits = lambda row: table.rowHeight(row) == table.sizeHintForRow(row) > 2 * table.fontMetrics().height()  # noqa: E731
    qtbot.waitUntil(lambda: (table.scrollToBottom(), fits(499))[1])  # the end moves as rows grow
    table.scrollTo(model.index(200, 0))
    table.resize(300, 800)  # taller: the rows now in view are sized too
    qtbot.waitUntil(lambda: all(fits(table.rowAt(y)) for y in range(0, 790, 40) if table.rowAt(y) >= 0))


def test_only_the_rows_in_view_are_sized_when_the_hits_arrive(qtbot):
    """Sizing a row asks the model for every role of each of its cells on the window's thread:
    the rows below the view wait until they are scrolled to."""
    table, model, sizing = _hits_table(qtbot)
    model.set_rows([" ".join(["safeguarding partners agreed"] * 6)] * 200)
    sizing.start()
    last = table.rowAt(table.viewport().height() - 1)
    assert 0 < last < 20
    assert sizing.sized == set(range(last + 1))


def test_a_long_run_of_letters_searched_keeps_the_dialog_on_the_screen(qtbot, db):
    """Ten thousand letters pasted with no space made the dialog 70,970 pixels wide: the status
    line said every word looked for in full."""
    from bscp_desktop.ui.search import TERM_SHOWN, SearchDialog

    make_application()
    dialog = SearchDialog(db, {"meetings": "Meetings"})
    qtbot.addWidget(dialog)
    dialog.start(None)
    width = dialog.width()
    dialog.box.setText("x" * 10_000 + " neglect")
    dialog.run()
    qtbot.waitUntil(lambda: not dialog.loading() and "mentions" in dialog.status.text(), timeout=5000)
    said = dialog.status.text()
    assert f"'{'x' * (TERM_SHOWN - 1)}… neglect'" in said and len(said) < 200 + len(NOT_SEARCHED)
    qtbot.wait(50)
    assert dialog.width() == width and dialog.minimumSizeHint().width() < 600
    dialog.close()
