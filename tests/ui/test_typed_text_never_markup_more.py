"""More places that show words users typed, each showing them as typed, never as markup: the
reason a certificate of attendance is refused and the question when a place comes free (both
name the delegate), the full value a record's History… (and the change log) shows on hover,
and a Section 11 standard's title and questions over its column heading, one a line."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.training import Outcome
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from tests.ui.test_labels_plain_text_more import said_as

#: looks like markup: read as markup it shows "Ann Lee" in bold and large red letters
DELEGATE = '<b>Ann</b> <font color="red" size="6">Lee</font>'


@pytest.mark.slow
def test_a_refused_certificate_names_the_delegate_as_typed(qtbot, db, monkeypatch):
    from bscp_desktop.jobs.training import certificate_problem
    from bscp_desktop.ui.training.tab import TrainingTab
    from tests.ui.helpers import shown_tab

    course = cs.create_course(db, cs.CourseFields("Neglect basics"))
    last_week = datetime.combine(date.today() - timedelta(days=7), time(10, 0))  # in the period the page shows
    session = cs.create_session(db, cs.SessionFields(course.id, last_week, 5))
    booking = bk.create_booking(db, bk.BookingFields(session.id, DELEGATE, booked_on=last_week.date())).booking
    bk.mark_register(db, session.id, {booking.id: Outcome.NO_SHOW})
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    tab = shown_tab(qtbot, TrainingTab(db, None))
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading() and page.model.rowCount() == 1, timeout=10000)
    page.select_id(booking.id)

    assert tab._certificate_options() is None
    why = certificate_problem(page.selected(), cs.get_session(db, session.id))
    assert why.startswith(DELEGATE) and said_as(told[0]) == why


def test_the_question_when_a_place_comes_free_names_the_delegate_as_typed(qtbot, db, monkeypatch):
    from bscp_desktop.ui.training.pages import offer_the_place

    course = cs.create_course(db, cs.CourseFields("Neglect basics"))
    next_week = datetime.combine(date.today() + timedelta(days=7), time(10, 0))
    session = cs.create_session(db, cs.SessionFields(course.id, next_week, 1))
    first = bk.create_booking(db, bk.BookingFields(session.id, "Bo Chen", booked_on=date.today())).booking
    bk.create_booking(db, bk.BookingFields(session.id, DELEGATE, booked_on=date.today()))  # waits
    offer = bk.cancel_booking(db, first.id, date.today()).offer
    asked: list[str] = []

    def answer(box: QMessageBox):
        asked.append(said_as(box.text(), box.textFormat()))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert offer_the_place(None, db, offer) is False
    assert asked == [offer.sentence] and DELEGATE in offer.sentence


def test_a_long_value_in_a_records_history_shows_whole_on_hover_as_typed(qtbot, db):
    from bscp_desktop.ui.common.history import HistoryDialog

    name = f"Brent {DELEGATE} Children and Families"  # over 40 characters: whole on hover
    org = ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.LOCAL_AUTHORITY))
    dialog = HistoryDialog(db, "organisation", org.id, org.name)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.view.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)
    shown = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
             if model.data(model.index(r, c)) == name]

    assert shown and all(said_as(model.data(i, Qt.ItemDataRole.ToolTipRole)) == name for i in shown)


def test_a_standards_column_heading_shows_its_title_and_questions_as_typed(qtbot, db):
    from bscp_desktop.ui.audits.grid import S11GridView

    cycle = s11.create_cycle(db, s11.CycleFields("2028-30", date(2028, 4, 1), date(2028, 9, 30)))
    standard = s11.list_standards(db, cycle.id)[0]
    title = "Senior <b>management</b> <font color='red'>commitment</font>"
    questions = ("Is a <i>named</i> leader accountable?", "Are plans <br/> agreed?")
    s11.update_standard(db, standard.id, s11.StandardFields(title, questions=questions, number=standard.number))
    view = S11GridView()
    qtbot.addWidget(view)
    view.set_grid(sr.grid(db, cycle.id))

    tip = view.grid_model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert said_as(tip) == f"{standard.number}. {title}\n• {questions[0]}\n• {questions[1]}"  # a line each


@pytest.mark.parametrize("text", [
    "<b>Brent</b> <font color='red'>Safeguarding</font> Children Partnership and friends",  # over 40: the model's tip
    "<b>Ann</b> <i>Lee</i>",  # short: the delegate's own, when the cell cuts it
])
def test_a_list_cell_s_hover_text_is_as_typed_once_not_escaped_twice(qtbot, monkeypatch, text):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QStyleOptionViewItem, QTableView, QToolTip

    from bscp_desktop.ui.common.columns import FullTextOnHover
    from bscp_desktop.ui.common.labels import as_typed
    from bscp_desktop.ui.common.table_model import Column, RecordTableModel

    model = RecordTableModel([Column("Name", lambda r: r)])
    model.set_rows([text])
    view = QTableView()
    view.setModel(model)
    view.setItemDelegate(FullTextOnHover(view))
    view._keep = model
    qtbot.addWidget(view)
    view.setColumnWidth(0, 30)  # cut short
    view.show()
    qtbot.waitExposed(view)
    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, tip, _widget=None: shown.append(tip))
    index = model.index(0, 0)
    rect = view.visualRect(index)
    option = QStyleOptionViewItem()
    option.font = view.font()
    assert view.itemDelegate().helpEvent(QHelpEvent(QHelpEvent.Type.ToolTip, rect.center(),
                                                    view.viewport().mapToGlobal(rect.center())), view, option, index)
    assert shown == [as_typed(text)]  # reads back, shown, exactly as typed


def test_an_agency_list_s_hover_names_the_agency_as_typed(qtbot):
    from PySide6.QtWidgets import QListWidget

    from bscp_desktop.ui.audits.audit_dialogs import names_in_full

    names = QListWidget()
    qtbot.addWidget(names)
    names.addItem("<b>St Mary's</b> & <i>St John's</i> School")
    names_in_full(names)
    assert said_as(names.item(0).toolTip()) == "<b>St Mary's</b> & <i>St John's</i> School"
