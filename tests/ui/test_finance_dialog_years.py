"""The Expense and Income dialogs ask before money dated in a year older than every year on
record (2003 typed for 2023) is saved: it would change the reserves carried into every later year."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from bscp_desktop.services import finance as fin
from bscp_desktop.ui.finance.dialogs import ExpenseDialog, IncomeDialog

TODAY = date(2024, 6, 3)
QUESTION = ("01/05/2003 is in 2003/04, before any other year on record (the earliest is 2022/23): save it there? "
            "The reserves carried into every later year would change.")


@pytest.fixture
def asked(monkeypatch):
    """The questions asked, each answered as `asked["answer"]` says (No unless told)."""
    seen = {"questions": [], "defaults": [], "answer": QMessageBox.StandardButton.No}

    def question(_parent, _title, text, _buttons, default=QMessageBox.StandardButton.NoButton):
        seen["questions"].append(text)
        seen["defaults"].append(default)
        return seen["answer"]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return seen


@pytest.fixture
def events(db):
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    fin.create_expense(db, fin.ExpenseFields(date(2022, 9, 1), events, "Civic Centre", "Forum", "100"))  # 2022/23
    return events


def expense_dialog(qtbot, db, events, day: str) -> ExpenseDialog:
    dialog = ExpenseDialog(db, None, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.spent_on.line.setText(day)
    dialog.category.set_current_id(events)
    dialog.payee.setText("Chair")
    dialog.amount.setText("1,312.50")
    return dialog


def income_dialog(qtbot, db, day: str) -> IncomeDialog:
    dialog = IncomeDialog(db, None, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.received_on.line.setText(day)
    dialog.description.setText("Grant")
    dialog.amount.setText("500")
    return dialog


def years(db) -> list[int]:
    return sorted(y for _label, y in fin.year_choices(db))


def test_an_expense_dated_before_every_year_on_record_is_saved_only_when_confirmed(qtbot, db, events, asked):
    dialog = expense_dialog(qtbot, db, events, "01/05/2003")
    dialog._on_save()
    assert asked["questions"] == [QUESTION] and asked["defaults"] == [QMessageBox.StandardButton.No]
    assert dialog.isVisible() and dialog.result_value is None
    assert len(fin.list_expenses(db)) == 1 and years(db) == [2022]  # nothing saved
    asked["answer"] = QMessageBox.StandardButton.Yes
    dialog._on_save()
    assert dialog.result_value is not None and dialog.result_value.year_label == "2003/04"
    assert years(db) == [2003, 2022]


def test_income_dated_before_every_year_on_record_is_saved_only_when_confirmed(qtbot, db, events, asked):
    dialog = income_dialog(qtbot, db, "01/05/2003")
    dialog._on_save()
    assert asked["questions"] == [QUESTION] and asked["defaults"] == [QMessageBox.StandardButton.No]
    assert fin.list_income(db) == [] and years(db) == [2022]
    asked["answer"] = QMessageBox.StandardButton.Yes
    dialog._on_save()
    assert [i.year_label for i in fin.list_income(db)] == ["2003/04"]


def test_money_in_a_year_on_record_or_later_or_the_first_of_all_is_saved_without_a_question(qtbot, db, asked):
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    first = expense_dialog(qtbot, db, events, "01/05/2003")  # no year on record yet: nothing to be before
    first._on_save()
    later = income_dialog(qtbot, db, "01/05/2023")
    later._on_save()
    same = expense_dialog(qtbot, db, events, "31/03/2004")  # 2003/04, on record now
    same._on_save()
    assert asked["questions"] == []
    assert first.result_value and later.result_value and same.result_value
    assert years(db) == [2003, 2023]


def test_a_contribution_year_typed_decades_ahead_is_refused_beside_the_year(qtbot, db, asked):
    from bscp_desktop.domain.finance import year_label, year_of
    from bscp_desktop.domain.memberships import OrganisationKind
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.finance.dialogs import ContributionDialog

    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    dialog = ContributionDialog(db, None, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    typo = year_label(year_of(date.today()) + 27)
    dialog.year.setText(typo)
    dialog.organisation.set_current_id(police.id)
    dialog.agreed.setText("5,000")
    dialog._on_save()
    assert dialog.result_value is None and fin.list_contributions(db) == []
    assert dialog.error_labels["financial_year"].text().startswith(
        f"Financial year {typo} begins after the end of next financial year")


def contribution_dialog(qtbot, db, year: str):
    from bscp_desktop.domain.memberships import OrganisationKind
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.finance.dialogs import ContributionDialog

    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    dialog = ContributionDialog(db, None, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.year.setText(year)
    dialog.organisation.set_current_id(police.id)
    dialog.agreed.setText("2,500")
    return dialog


def test_a_contribution_for_a_year_before_every_year_on_record_is_saved_only_when_confirmed(qtbot, db, events, asked):
    dialog = contribution_dialog(qtbot, db, "2003/04")
    dialog._on_save()
    assert asked["questions"] == [
        "Financial year 2003/04 is before any other year on record (the earliest is 2022/23): save it there? "
        "The reserves carried into every later year would change."]
    assert asked["defaults"] == [QMessageBox.StandardButton.No]
    assert dialog.isVisible() and dialog.result_value is None
    assert fin.list_contributions(db) == [] and years(db) == [2022]
    asked["answer"] = QMessageBox.StandardButton.Yes
    dialog._on_save()
    assert [c.year_label for c in fin.list_contributions(db)] == ["2003/04"] and years(db) == [2003, 2022]


def test_a_contribution_for_a_year_on_record_or_later_is_saved_without_a_question(qtbot, db, events, asked):
    dialog = contribution_dialog(qtbot, db, "2022/23")
    dialog._on_save()
    assert asked["questions"] == [] and dialog.result_value is not None


def session_costs_dialog(qtbot, db, *days: date):
    from datetime import datetime

    from bscp_desktop.services.training import courses
    from bscp_desktop.ui.finance.dialogs import SessionCostsDialog

    course = courses.create_course(db, courses.CourseFields("Working with fathers"))
    for day in days:
        courses.create_session(db, courses.SessionFields(course.id, datetime(day.year, day.month, day.day, 9, 30), 20,
                                                         cost="450", facilitator="Kwame Mensah-Bonsu"))
    dialog = SessionCostsDialog(db, None)
    qtbot.addWidget(dialog)
    dialog.show()
    for i in range(dialog.sessions.count()):
        dialog.sessions.item(i).setCheckState(Qt.CheckState.Checked)
    return dialog


def test_training_session_costs_before_every_year_on_record_are_recorded_only_when_confirmed(qtbot, db, events,
                                                                                             asked):
    dialog = session_costs_dialog(qtbot, db, date(2021, 5, 4), date(2022, 3, 8), date(2023, 1, 10))
    dialog._on_save()
    assert asked["questions"] == [
        "The sessions of 04/05/2021 and 08/03/2022 are in 2021/22, before any other year on record (the earliest "
        "is 2022/23): save their costs there? The reserves carried into every later year would change."]
    assert asked["defaults"] == [QMessageBox.StandardButton.No]
    assert dialog.isVisible() and dialog.result_value is None
    assert len(fin.list_expenses(db)) == 1 and years(db) == [2022]
    asked["answer"] = QMessageBox.StandardButton.Yes
    dialog._on_save()
    assert len(fin.list_expenses(db)) == 4 and years(db) == [2021, 2022]


def test_training_session_costs_in_years_on_record_are_recorded_without_a_question(qtbot, db, events, asked):
    dialog = session_costs_dialog(qtbot, db, date(2023, 1, 10))
    dialog._on_save()
    assert asked["questions"] == [] and len(fin.list_expenses(db)) == 2


def test_training_session_costs_opens_on_the_list_of_sessions_to_tick(qtbot, db):
    """The list at the top is what is filled in first (a screen reader starts there, not at Category)."""
    dialog = session_costs_dialog(qtbot, db, date(2024, 5, 4))
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    assert dialog.focusWidget() is dialog.sessions


@pytest.mark.parametrize("typed", ["-250.00", "250.00-", "(250.00)"])
def test_a_refund_typed_as_an_expense_is_sent_to_other_income_not_told_to_drop_its_sign(qtbot, db, events, typed):
    dialog = expense_dialog(qtbot, db, events, "03/06/2024")
    dialog.amount.setText(typed)
    said = dialog.check()["amount"]
    assert "Other income page" in said and "would count as more spending" in said
    assert "without a minus sign;" not in said
