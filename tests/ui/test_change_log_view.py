"""The change log view: newest first, filters and search narrow it, paging, a record's history;
rows are read off the UI thread and a stale answer never replaces a newer one."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.history import ChangeLogView, HistoryDialog
from tests.built_once import database_with
from tests.ui.helpers import type_text


def build_filled(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    for n in range(1, 8):
        ms.create_person(db, ms.PersonFields(f"Person {n}", "Officer", council.id))
    zolc = ms.create_person(db, ms.PersonFields("Żółć Nowak", "Nurse", council.id))
    ms.update_person(db, zolc.id, ms.PersonFields("Żółć Nowak", "Designated nurse", council.id))
    return {"council": council, "zolc": zolc}


db, filled = database_with("change-log-view", build_filled, records="filled")


def shown(view) -> list[tuple[str, ...]]:
    m = view.model
    return [tuple(m.data(m.index(r, c)) for c in range(m.columnCount())) for r in range(m.rowCount())]


def wait(qtbot, view) -> None:
    qtbot.waitUntil(lambda: not view.loading(), timeout=10000)


@pytest.mark.slow
def test_newest_first_and_filters(qtbot, db, filled):
    view = ChangeLogView(db)
    qtbot.addWidget(view)
    view.show()
    wait(qtbot, view)
    rows = shown(view)
    assert rows[0][3] == "Person: Żółć Nowak" and rows[0][5] == "Job title"
    assert (rows[0][6], rows[0][7]) == ("Nurse", "Designated nurse")
    assert rows[0][4] == "Changed" and rows[0][2] == "Memberships"
    total = len(hs.change_page(db, hs.ChangeQuery()).rows)
    qtbot.waitUntil(lambda: view.status.text().startswith(f"Changes 1 to {total} of {total}, newest first"))
    organisation = next(r for r in shown(view) if r[3] == "Person: Person 1" and r[5] == "Organisation")
    assert organisation[7] == "Brent Council"  # a link shown by the linked record's name
    qtbot.waitUntil(lambda: view.person.count() == 2)
    type_text(view.search, "żółć")
    wait(qtbot, view)
    assert {r[3] for r in shown(view)} == {"Person: Żółć Nowak"}
    view.search.clear()
    view.set_area("audits")
    wait(qtbot, view)
    assert shown(view) == [] and view.empty.isVisible()
    view.clear_filters()
    wait(qtbot, view)
    today = date.today()
    view.set_dates(today, today)
    wait(qtbot, view)
    assert len(shown(view)) == len(hs.change_page(db, hs.ChangeQuery()).rows)
    view.date_to.line.setText("31/02/2024")
    assert "is not a date" in view.status.text()


def test_paging(qtbot, db, filled):
    view = ChangeLogView(db)
    view.page_size = 5
    qtbot.addWidget(view)
    view.show()
    wait(qtbot, view)
    first = shown(view)
    assert len(first) == 5 and view.older.isEnabled() and not view.newer.isEnabled()
    view.next_page()
    wait(qtbot, view)
    second = shown(view)
    assert len(second) == 5 and second != first and view.newer.isEnabled()
    qtbot.waitUntil(lambda: view.status.text().startswith("Changes 6 to 10 of"))
    view.previous_page()
    wait(qtbot, view)
    assert shown(view) == first


def test_a_stale_answer_is_dropped(qtbot, db, filled):
    view = ChangeLogView(db)
    qtbot.addWidget(view)
    view.show()
    view.set_area("audits")  # asked while the first page is still being read
    wait(qtbot, view)
    assert shown(view) == []


def test_history_dialog_shows_one_record(qtbot, db, filled):
    dialog = HistoryDialog(db, "person", filled["zolc"].id, "Żółć Nowak")
    qtbot.addWidget(dialog)
    dialog.show()
    wait(qtbot, dialog.view)
    rows = shown(dialog.view)
    assert rows and {r[3] for r in rows} == {"Person: Żółć Nowak"}
    assert dialog.windowTitle() == "History: Person Żółć Nowak"
    assert not dialog.view.area.isVisible() and not dialog.view.all_records.isVisible()
    assert dialog.view.table.isColumnHidden(3)  # every row is the person's own


def test_a_records_history_holding_its_rows_names_whose_each_change_is(qtbot, db, filled):
    """An organisation's history holds its other names' changes too: the Record column says
    which is which (a case's agencies' returns, a rating's action, likewise)."""
    council = filled["council"]
    ms.update_organisation(db, council.id, ms.OrganisationFields(
        "Brent Council", OrganisationKind.LOCAL_AUTHORITY, aliases=("London Borough of Brent",)))
    dialog = HistoryDialog(db, "organisation", council.id, "Brent Council")
    qtbot.addWidget(dialog)
    dialog.show()
    wait(qtbot, dialog.view)
    table = dialog.view.table
    assert table.isColumnHidden(2) and not table.isColumnHidden(3)
    assert {r[3] for r in shown(dialog.view)} == {"Organisation: Brent Council",
                                                  "Organisation alias: London Borough of Brent"}


def _form_dialogs() -> list[type]:
    """Every record dialog of the program (importing each tab's dialogs)."""
    import importlib
    import pkgutil

    import bscp_desktop.ui as ui
    from bscp_desktop.ui.common.form import FormDialog

    for module in pkgutil.walk_packages(ui.__path__, "bscp_desktop.ui."):
        importlib.import_module(module.name)
    found, todo = [], [FormDialog]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def test_every_dialog_with_a_history_names_a_real_table():
    from bscp_desktop.db.base import Base
    from bscp_desktop.db.models import load_all

    load_all()
    tables = set(Base.metadata.tables)
    dialogs = {d.__name__: d.history_table for d in _form_dialogs() if d.history_table}
    assert {"OrganisationDialog", "PersonDialog", "MeetingDialog", "AgendaItemDialog", "CaseReviewDialog",
            "ActionDialog", "RatingDialog", "AuditDialog"} <= set(dialogs)
    assert {name: table for name, table in dialogs.items() if table not in tables} == {}


def test_history_opens_from_a_dialog_in_another_tab(qtbot, db, filled, monkeypatch):
    from PySide6.QtCore import Qt

    from bscp_desktop.ui.memberships.dialogs import PersonDialog

    person = next(p for p in ms.list_people(db) if p.id == filled["zolc"].id)
    opened: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda self: opened.append(self) or 0)
    dialog = PersonDialog(db, person)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.history_button, Qt.MouseButton.LeftButton)
    [history] = opened
    qtbot.addWidget(history)
    history.show()
    wait(qtbot, history.view)
    rows = shown(history.view)
    assert ("Designated nurse" in {r[7] for r in rows}) and {r[3] for r in rows} == {"Person: Żółć Nowak"}
    # a new record has no history yet, so no button
    fresh = PersonDialog(db, None)
    qtbot.addWidget(fresh)
    fresh.show()
    assert getattr(fresh, "history_button", None) is None


def test_double_clicking_a_change_filters_to_its_record(qtbot, db, filled):
    view = ChangeLogView(db)
    qtbot.addWidget(view)
    view.show()
    wait(qtbot, view)
    row = next(r for r, change in enumerate(view.model.rows) if change.record_name == "Żółć Nowak")
    view.table.doubleClicked.emit(view.model.index(row, 0))
    wait(qtbot, view)
    rows = shown(view)
    assert rows and {r[3] for r in rows} == {"Person: Żółć Nowak"}
    assert view.record_label.text() == "Showing only the history of person Żółć Nowak."
    assert view.all_records.isVisibleTo(view)
    qtbot.mouseClick(view.all_records, Qt.MouseButton.LeftButton)
    wait(qtbot, view)
    assert len({r[3] for r in shown(view)}) > 1 and not view.all_records.isVisibleTo(view)


@pytest.mark.slow
def test_dates_that_cannot_be_read_show_and_save_nothing(qtbot, db, filled):
    from bscp_desktop.ui.audits.change_log import ChangeLogPage

    page = ChangeLogPage(db)
    qtbot.addWidget(page)
    page.show()
    wait(qtbot, page)
    page.date_to.set_value(date(2020, 1, 1))
    wait(qtbot, page)
    assert page.output_options() == {"date_to": date(2020, 1, 1)}
    page.date_from.line.setText("31/12/2026")  # typed after the To date: the filters cannot be read
    assert page.status.text() == "The 'To' date is before the 'From' date."
    assert shown(page) == [] and "Correct the dates" in page.empty.text() and page.empty.isVisible()
    assert page.output_options() is None  # no file of the filters before, saying why
    qtbot.wait(200)  # an answer to the earlier filters does not replace the problem
    assert page.status.text() == "The 'To' date is before the 'From' date." and not page.loading()
    page.date_from.line.setText("")
    wait(qtbot, page)
    assert page.filter_problem == "" and page.output_options() == {"date_to": date(2020, 1, 1)}


@pytest.mark.slow
def test_a_search_with_no_words_says_so_and_lists_nothing(qtbot, db, filled):
    """Punctuation only ("%") is no word to look for: the view says so, as the search of
    everything does, instead of listing every change as if they all contained it."""
    view = ChangeLogView(db)
    qtbot.addWidget(view)
    view.show()
    wait(qtbot, view)
    type_text(view.search, "%")
    wait(qtbot, view)
    assert shown(view) == [] and view.empty.isVisible()
    assert view.empty.text().startswith("There are no words to look for in what you typed")
    assert view.status.text().startswith("There are no words to look for in what you typed")
    view.search.clear()
    wait(qtbot, view)
    assert shown(view)
    type_text(view.search, "strauss")  # a word found in no change: the usual message
    wait(qtbot, view)
    assert view.empty.text() == "No changes match these filters. Clear the filters to see every change."


@pytest.mark.slow
def test_enter_in_a_history_filter_applies_it_and_presses_no_button(qtbot, db, filled):
    """Enter in the search or a date of a record's History dialog shows the changes it finds at
    once; it neither presses Clear filters (wiping what was typed) nor closes the dialog."""
    dialog = HistoryDialog(db, "person", filled["zolc"].id, "Żółć Nowak")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    wait(qtbot, dialog.view)
    view = dialog.view
    assert not [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault() or b.autoDefault()]
    view.search.setFocus()
    qtbot.keyClicks(view.search, "designated")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.search.text() == "designated" and dialog.isVisible()
    wait(qtbot, view)  # at once, not after the pause for typing
    assert view.query.search == "designated" and len(shown(view)) == 1
    view.date_from.line.setFocus()
    qtbot.keyClicks(view.date_from.line, "01/01/2020")
    qtbot.keyClick(view.date_from.line, Qt.Key.Key_Return)
    assert view.date_from.text() == "01/01/2020" and view.search.text() == "designated" and dialog.isVisible()
