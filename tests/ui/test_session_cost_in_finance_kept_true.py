"""The Training tab's sessions show, in their In Finance column, a session whose cost recorded in
Finance no longer matches it (another total or another financial year) apart from one whose cost
is not recorded at all, saying both; and the session window says so once such a session is saved."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from bscp_desktop.domain.training import Period
from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.training.dialogs import SessionDialog
from bscp_desktop.ui.training.pages import SessionsPage
from tests.ui.helpers import settled, table_texts


def _recorded(db, *session_ids: int) -> None:
    category = fin.default_training_category(db) or fin.create_category(db, fin.TRAINING_CATEGORY).id
    fin.record_session_costs(db, list(session_ids), category)


@pytest.mark.slow
def test_a_session_whose_cost_in_finance_no_longer_matches_is_shown_and_said(qtbot, db, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _parent, _title, text: said.append(text)))
    course = cs.create_course(db, cs.CourseFields("Neglect awareness"))
    moved, kept, unrecorded = (cs.create_session(db, cs.SessionFields(course.id, when, 20, facilitator="Ann Trainer", cost="500"))
                               for when in (datetime(2026, 3, 30, 10), datetime(2026, 5, 12, 10), datetime(2026, 6, 9, 10)))
    _recorded(db, moved.id, kept.id)

    dialog = SessionDialog(db, cs.get_session(db, moved.id))  # moved into 2026/27 and re-costed, as an officer would
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.set_value(date(2026, 4, 2))
    dialog.cost.setText("650")
    dialog._on_save()
    assert dialog.result() == SessionDialog.DialogCode.Accepted
    assert said == ["The cost recorded in Finance for this session (£500.00 on 30/03/2026, 2025/26) does not match it: it "
                    "now costs £650.00 and is on 02/04/2026, in 2026/27. Correct the expense in the Finance tab (Expenditure)."]

    page = SessionsPage(db)
    qtbot.addWidget(page)
    page.show()
    page.period_bar.show_dates(Period(date(2026, 1, 1), date(2026, 12, 31)))
    page.reload()
    settled(page)
    column = [c.header for c in page.model.columns].index("In Finance")
    assert table_texts(page, column) == ["£500.00, does not match", "£500.00", ""]
    cells = [page.proxy.index(row, column) for row in range(3)]
    tips = [cell.data(Qt.ItemDataRole.ToolTipRole) for cell in cells]
    assert tips == [said[0], None, "Its cost is not recorded in Finance yet."]
    colours = [cell.data(Qt.ItemDataRole.BackgroundRole) for cell in cells]
    assert colours[0] is not None and colours[2] is not None and colours[1] is None
    assert colours[0].color() != colours[2].color()  # not matching is not the same as not recorded
    page.select_id(moved.id)
    assert not page.spending_action.isEnabled()
    assert page.spending_action.toolTip() == ("Its cost is recorded in Finance but does not match: correct the expense in "
                                              "the Finance tab (Expenditure).")


@pytest.mark.slow
def test_a_session_only_re_costed_is_said_to_be_saved_not_moved(qtbot, db, monkeypatch):
    titles: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _parent, title, _text: titles.append(title)))
    course = cs.create_course(db, cs.CourseFields("Neglect awareness"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2026, 5, 12, 10), 20, cost="500"))
    _recorded(db, session.id)
    dialog = SessionDialog(db, cs.get_session(db, session.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.cost.setText("650")
    dialog._on_save()
    assert titles == ["Session saved"]
