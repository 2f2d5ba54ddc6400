"""The Finance tab driven through its real dialogs, with a fixed 'today'."""

from __future__ import annotations

import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from sqlalchemy import text

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.money import MAX_PENCE, format_money, from_pence, total
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.finance.dialogs import BudgetsDialog, YearDialog
from bscp_desktop.ui.finance.tab import FinanceTab
from tests.examples import examples
from tests.ui.helpers import table_texts

TODAY = date(2024, 6, 3)


@pytest.fixture
def tab(qtbot, db):
    widget = FinanceTab(db, None, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    return widget


@pytest.fixture
def demo_tab(qtbot, demo_db):
    widget = FinanceTab(demo_db, None, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    return widget


def settle(page) -> None:
    """Wait for a page that reads in the background (the summary) to show what it read."""
    deadline = time.monotonic() + 30
    while getattr(page, "loading", lambda: False)() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    assert not getattr(page, "loading", lambda: False)()


def show(tab, page) -> None:
    tab.sections.setCurrentWidget(page)
    page.reload()
    settle(page)


def open_dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click_save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def cell(page, header: str, row: int = 0) -> str:
    headers = [c.header for c in page.model.columns]
    return table_texts(page, headers.index(header))[row]


def select_row(page, row: int = 0) -> None:
    page.table.selectRow(row)


@pytest.mark.slow
def test_a_contribution_and_a_part_payment_change_its_status_and_the_chase_list(tab, qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields("NHS North West London ICB", OrganisationKind.ICB))
    page = tab.contributions
    show(tab, page)
    assert "No contributions yet" in page.empty.text()

    dialog = open_dialog(qtbot, page.new_dialog(page))
    dialog.year.setText("2024/25")
    dialog.organisation.set_current_id(org.id)
    dialog.kind.setCurrentIndex(dialog.kind.findData(ContributionKind.CASH))
    qtbot.keyClicks(dialog.agreed, "£45,900.00")
    dialog.invoice_reference.setText("INV-0042")
    qtbot.keyClicks(dialog.invoiced_on.line, (TODAY - timedelta(days=45)).strftime("%d/%m/%Y"))
    click_save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted

    assert table_texts(page, 1) == ["NHS North West London ICB"]
    assert cell(page, "Agreed") == "£45,900.00"
    assert cell(page, "Status") == "Overdue"  # 45 days unpaid, 30 allowed
    assert cell(page, "Days overdue") == "15"
    assert "still owed £45,900.00" in page.totals.text()

    show(tab, tab.chase)
    assert table_texts(tab.chase, 0) == ["NHS North West London ICB"]
    assert cell(tab.chase, "Still owed") == "£45,900.00"
    assert "£45,900.00 to chase" in tab.chase.totals.text()

    # a part payment through the payment dialog
    show(tab, page)
    select_row(page)
    assert page.payment_action.isEnabled()
    payment = open_dialog(qtbot, page.payment_dialog())
    assert payment.amount.text() == "45,900.00"  # offers what is owed
    payment.amount.clear()
    qtbot.keyClicks(payment.amount, "20,000")
    payment.reference.setText("BACS 881")
    click_save(qtbot, payment)
    assert payment.result() == payment.DialogCode.Accepted

    show(tab, page)
    assert cell(page, "Received") == "£20,000.00"
    assert cell(page, "Still owed") == "£25,900.00"
    assert cell(page, "Status") == "Overdue"  # still unpaid in part past its due date
    select_row(page)
    assert page.payments.table.rowCount() == 1
    assert page.payments.table.item(0, 1).text() == "£20,000.00"
    assert "still owed £25,900.00" in page.payments.heading.text()
    show(tab, tab.chase)
    assert cell(tab.chase, "Still owed") == "£25,900.00"

    # the team allows more days: the invoice is part paid, no longer overdue, off the chase list
    fin.save_settings(db, fin.FinanceSettings(60))
    show(tab, page)
    assert cell(page, "Status") == "Part paid"
    show(tab, tab.chase)
    assert tab.chase.proxy.rowCount() == 0
    assert "Nothing to chase" in tab.chase.empty.text()

    # the rest paid: received
    show(tab, page)
    select_row(page)
    rest = open_dialog(qtbot, page.payment_dialog())
    assert rest.amount.text() == "25,900.00"
    click_save(qtbot, rest)
    show(tab, page)
    assert cell(page, "Status") == "Received"
    assert cell(page, "Still owed") == "£0.00"
    select_row(page)
    assert not page.payment_action.isEnabled()  # nothing left to pay


def test_the_chase_list_opens_with_the_longest_overdue_first(tab, db):
    for name, days_ago in (("Alpha Academy", 40), ("Beta Borough", 90), ("Gamma Group", 60)):
        org = ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.OTHER))
        fin.create_contribution(db, fin.ContributionFields(
            "2024/25", org.id, agreed="1000", invoice_reference=f"INV-{name[:1]}",
            invoiced_on=TODAY - timedelta(days=days_ago)), today=TODAY)
    show(tab, tab.chase)
    assert table_texts(tab.chase, 0) == ["Beta Borough", "Gamma Group", "Alpha Academy"]


@pytest.mark.slow
def test_a_contribution_in_kind_is_recorded_and_edited_through_its_own_fields(tab, qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    page = tab.contributions
    show(tab, page)
    dialog = open_dialog(qtbot, page.new_dialog(page))
    dialog.year.setText("2024/25")
    dialog.organisation.set_current_id(org.id)
    dialog.kind.setCurrentIndex(dialog.kind.findData(ContributionKind.IN_KIND))
    assert dialog.kind.currentData() is ContributionKind.IN_KIND
    assert not dialog.agreed.isVisible() and dialog.description.isVisible() and dialog.notional.isVisible()
    dialog.description.setPlainText("Meeting rooms at the Civic Centre")
    qtbot.keyClicks(dialog.notional, "2,500")
    click_save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.status.text()
    saved = fin.list_contributions(db)[0]
    assert saved.kind is ContributionKind.IN_KIND and saved.notional_value == Decimal("2500.00")

    show(tab, page)
    select_row(page)
    edit = open_dialog(qtbot, page.edit_dialog(page, saved))
    assert edit.description.isVisible() and not edit.agreed.isVisible()
    edit.notes.setPlainText("Booked for the year")
    click_save(qtbot, edit)
    assert edit.result() == edit.DialogCode.Accepted, edit.status.text()
    assert fin.list_contributions(db)[0].notes == "Booked for the year"


@pytest.mark.parametrize("typed, reason", [
    ("-5", "negative"),
    ("12.345", "more than two decimal places"),
    ("twelve", ""),
    ("NaN", ""),
    ("inf", ""),
    ("20,000,000.01", "more than £20 million"),
])
def test_a_bad_amount_is_refused_beside_the_field_and_nothing_is_saved(tab, qtbot, db, typed, reason):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    page = tab.contributions
    show(tab, page)
    dialog = open_dialog(qtbot, page.new_dialog(page))
    dialog.organisation.set_current_id(org.id)
    qtbot.keyClicks(dialog.agreed, typed)
    click_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    error = dialog.error_labels["agreed"]
    assert error.isVisible()
    assert "Agreed amount" in error.text()
    assert reason in error.text()
    assert not dialog.save_button.isEnabled()
    assert fin.list_contributions(db, include_archived=True) == []


@pytest.mark.slow
def test_an_expense_is_listed_with_its_total_and_a_bad_amount_is_refused(tab, qtbot, db):
    page = tab.expenditure
    show(tab, page)
    assert "No expenditure yet" in page.empty.text()
    dialog = open_dialog(qtbot, page.new_dialog(page))
    dialog.spent_on.line.clear()
    qtbot.keyClicks(dialog.spent_on.line, "12/05/2024")
    dialog.category.set_current_id(fin.list_categories(db)[0].id)
    dialog.payee.setText("Independent Chair")
    qtbot.keyClicks(dialog.amount, "1234.567")
    dialog.category.set_current_id(None)
    dialog._on_save()  # Ctrl+S with no category chosen
    assert dialog.error_labels["category_id"].text() == "Choose the category from the list"
    dialog.category.set_current_id(fin.list_categories(db)[0].id)
    click_save(qtbot, dialog)
    assert "Amount" in dialog.error_labels["amount"].text()
    assert fin.list_expenses(db) == []
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "£1,234.56")
    click_save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    show(tab, page)
    assert cell(page, "Amount") == "£1,234.56"
    assert cell(page, "Year") == "2024/25"
    assert cell(page, "Category") == "Independent Chair fees"
    assert page.totals.text() == "1 expense: £1,234.56."


@pytest.mark.slow
def test_budgets_and_a_reserves_adjustment_through_their_dialogs(tab, qtbot, db):
    fin.create_expense(db, fin.ExpenseFields(date(2024, 5, 1), fin.list_categories(db)[0].id, "Chair", "",
                                             "1500.00"))
    show(tab, tab.budgets)
    assert tab.budgets.year.currentData() == 2024
    dialog = open_dialog(qtbot, BudgetsDialog(db, 2024, tab.budgets))
    first = fin.list_categories(db)[0]
    box = dialog.fields[f"budget.{first.id}"]
    assert (box.text(), box.placeholderText()) == ("", "none")  # a blank box is no budget, not £0.00
    qtbot.keyClicks(box, "2,000")
    click_save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    show(tab, tab.budgets)
    rows = tab.budgets.cell_texts()
    assert rows[0] == ["Independent Chair fees", "£2,000.00", "£1,500.00", "£500.00", "£500.00 under"]
    assert rows[-1][0] == "Total" and rows[-1][1:3] == ["£2,000.00", "£1,500.00"]

    show(tab, tab.years)
    assert table_texts(tab.years, 0) == ["2024/25"]
    year = fin.get_year(db, "2024/25")
    dialog = open_dialog(qtbot, YearDialog(db, year, tab.years))
    qtbot.keyClicks(dialog.adjustment, "3000")
    # no reason given: Save waits for it, naming the field
    assert not dialog.save_button.isEnabled()
    assert "Reason for the adjustment" in dialog.status.text()
    dialog.show_errors(dialog.check())
    assert "Give the reason" in dialog.error_labels["adjustment_reason"].text()
    assert fin.get_year(db, "2024/25").adjustment == Decimal("0.00")
    dialog.reason.setPlainText("Audited reserves at 31 March 2024")
    click_save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    show(tab, tab.years)
    assert cell(tab.years, "Adjustment") == "£3,000.00"
    assert cell(tab.years, "Opening balance") == "£3,000.00"
    assert cell(tab.years, "Closing balance") == "£1,500.00"


@pytest.mark.slow
def test_the_demo_summary_shows_the_reference_figures_with_its_charts(demo_tab, qtbot, tmp_path):
    page = demo_tab.summary
    demo_tab.sections.setCurrentWidget(page)
    settle(page)
    page.year.setCurrentIndex(page.year.findData(2023))
    settle(page)
    assert page.summary is not None and page.summary.label == "2023/24"
    contributions = page.texts("Contributions")
    assert contributions[-1] == ["TOTAL", "£65,619.75"]
    assert len(contributions) == 5  # four partners and the total
    assert page.texts("Expenditure")[-1] == ["Total", "£27,488.00"]
    reserves = dict(map(tuple, page.texts("Reserves")))
    assert reserves["Underspend"] == "£38,131.75"
    assert reserves["Total income"] == "£65,619.75"
    assert page.income_view.chart is not None and page.spending_view.chart is not None
    assert page.income_view.chart.title == "Income by partner, 2023/24"
    # the table of what each bar shows agrees with the summary
    assert sum(Decimal(str(v)) for v in page.spending_view.chart.series[0].values) == Decimal("27488")
    qtbot.wait(50)
    shot = tmp_path / "finance-summary.png"
    assert demo_tab.grab().save(str(shot))
    assert shot.stat().st_size > 10_000


def test_every_row_of_the_summary_tables_is_in_view_and_a_label_cut_short_shows_in_full_on_hover(demo_tab, qtbot):
    page = demo_tab.summary
    demo_tab.sections.setCurrentWidget(page)
    settle(page)
    page.year.setCurrentIndex(page.year.findData(2023))
    settle(page)
    demo_tab.resize(900, 700)  # narrow enough to cut a long category short
    qtbot.wait(50)
    assert len(page.tables) >= 4
    for name, table in page.tables.items():
        rows = table.rowCount()
        assert rows and table.rowHeight(0) >= table.fontMetrics().height(), name
        last = table.visualRect(table.model().index(rows - 1, 0))
        assert last.bottom() < table.viewport().height(), f"the last row of {name} is cut off"
    budget = page.tables["Budget against actual"]
    cut = [r for r in range(budget.rowCount()) if budget.item(r, 0).text() == "Learning management system and website"]
    assert cut and budget.fontMetrics().horizontalAdvance(budget.item(cut[0], 0).text()) > budget.columnWidth(0)
    index = budget.model().index(cut[0], 0)
    tips = []
    monkey_tip = QToolTip.showText
    QToolTip.showText = lambda _pos, text, *_a: tips.append(text)
    try:
        QApplication.sendEvent(budget.viewport(), QHelpEvent(QEvent.Type.ToolTip, budget.visualRect(index).center(),
                                                             budget.viewport().mapToGlobal(budget.visualRect(index).center())))
    finally:
        QToolTip.showText = monkey_tip
    assert tips == ["Learning management system and website"]


def test_a_period_that_is_not_a_year(demo_tab, qtbot):
    page = demo_tab.summary
    demo_tab.sections.setCurrentWidget(page)
    page.date_from.line.setText("01/10/2022")
    page.date_to.line.setText("31/03/2024")
    page.by_period.setChecked(True)
    page.reload()
    settle(page)
    assert page.summary.label == "1 October 2022 to 31 March 2024"
    assert page.options() == {"date_from": date(2022, 10, 1), "date_to": date(2024, 3, 31)}
    page.date_to.line.setText("31/03/2022")
    page.reload()
    assert page.error.isVisible()
    assert "cannot be before the first day" in page.error.text()
    page.date_to.line.setText("31/02/2025")  # the box that holds a date that is not one is named
    page.reload()
    assert page.error.isVisible() and page.error.text().startswith("Period to: '31/02/2025' is not a date")
    assert page.options() is None


@pytest.mark.slow
def test_an_empty_database_says_what_to_do(tab, qtbot):
    for page in (tab.summary, tab.contributions, tab.chase, tab.expenditure, tab.income, tab.years):
        show(tab, page)
    assert "No cash contributions" in tab.summary.left.itemAt(1).widget().text()
    assert tab.summary.income_view.chart is None
    assert "No contributions yet" in tab.contributions.empty.text()
    assert "Nothing to chase" in tab.chase.empty.text()
    show(tab, tab.budgets)
    assert "No budgets set for 2024/25" in tab.budgets.heading.text()


# --------------------------------------------------------------------------- the window's totals


@pytest.fixture(scope="module")
def partners_db(tmp_path_factory):
    from bscp_desktop.db.database import Database

    path = tmp_path_factory.mktemp("window-money") / "money.sqlite3"
    with Database.open(path) as db:
        orgs = [ms.create_organisation(db, ms.OrganisationFields(f"Partner {i}", OrganisationKind.RELEVANT_AGENCY)).id
                for i in range(6)]
    return path, orgs


years = iter(range(2000, 2150))  # money is recorded from 2000/01


@pytest.mark.slow
@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.integers(min_value=1, max_value=MAX_PENCE // 10), min_size=1, max_size=6),
    st.lists(st.integers(min_value=1, max_value=MAX_PENCE // 10), min_size=1, max_size=6),
    st.lists(st.integers(min_value=0, max_value=MAX_PENCE // 10), min_size=6, max_size=6),
)
def test_the_window_shows_the_databases_totals_to_the_penny(qtbot, partners_db, agreed_pence, spend_pence,
                                                             paid_pence):
    from bscp_desktop.db.database import Database

    path, orgs = partners_db
    year = next(years)
    agreed = [from_pence(p) for p in agreed_pence]
    spends = [from_pence(p) for p in spend_pence]
    with Database.open(path) as db:
        paid = []
        for org, amount, pay in zip(orgs, agreed, paid_pence, strict=False):
            c = fin.create_contribution(db, fin.ContributionFields(year, org, ContributionKind.CASH, format_money(amount)))
            part = min(from_pence(pay), amount)
            if part:
                fin.record_payment(db, fin.PaymentFields(c.id, date(year, 9, 1), str(part)))
            paid.append(part)
        events = fin.list_categories(db)[0].id
        for amount in spends:
            fin.create_expense(db, fin.ExpenseFields(date(year, 6, 1), events, "Payee", "", str(amount)))
        with db.unit_of_work() as s:
            db_in, db_out = (s.execute(text(
                f"SELECT COALESCE(SUM(t.{column}), 0) FROM {table} t JOIN financial_year y "
                "ON y.id = t.financial_year_id WHERE y.start_year = :y"), {"y": year}).scalar_one()
                for table, column in (("contribution", "agreed"), ("expense", "amount")))
        assert (from_pence(db_in), from_pence(db_out)) == (total(agreed), total(spends))

        tab = FinanceTab(db, None, today=date(year + 1, 6, 1))
        qtbot.addWidget(tab)
        summary = tab.summary
        show(tab, summary)
        summary.year.setCurrentIndex(summary.year.findData(year))
        settle(summary)
        assert summary.texts("Contributions")[-1] == ["TOTAL", format_money(from_pence(db_in))]
        assert summary.texts("Expenditure")[-1] == ["Total", format_money(from_pence(db_out))]
        reserves = dict(map(tuple, summary.texts("Reserves")))
        assert reserves["Total income"] == format_money(from_pence(db_in))
        net = from_pence(db_in) - from_pence(db_out)
        assert reserves["Underspend" if net >= 0 else "Overspend"] == format_money(abs(net))
        page = tab.contributions
        show(tab, page)
        page.filters["year"].setCurrentIndex(page.filters["year"].findData(year))
        assert page.totals.text().startswith(
            f"{len(agreed)} cash contribution{'s' if len(agreed) != 1 else ''}: agreed {format_money(from_pence(db_in))}, "
            f"received {format_money(total(paid))}, still owed {format_money(from_pence(db_in) - total(paid))}."
        )
        show(tab, tab.expenditure)
        tab.expenditure.filters["year"].setCurrentIndex(tab.expenditure.filters["year"].findData(year))
        assert tab.expenditure.totals.text().endswith(f": {format_money(from_pence(db_out))}.")
        tab.close()
        tab.deleteLater()


def test_training_session_costs_are_recorded_as_expenditure_from_the_tab(tab, qtbot, db):
    from datetime import datetime

    from bscp_desktop.services.training import courses

    course = courses.create_course(db, courses.CourseFields("Working with fathers"))
    first, second = (
        courses.create_session(db, courses.SessionFields(course.id, datetime(2024, 5, day, 9, 30), 20, cost="450",
                                                         facilitator="Kwame Mensah-Bonsu"))
        for day in (14, 21)
    )
    page = tab.expenditure
    show(tab, page)
    assert page.session_note.isVisible()
    assert page.session_note.text().startswith("2 training sessions have a cost that is not in the expenditure yet (£900.00)")
    dialog = open_dialog(qtbot, page.session_costs_dialog())
    assert dialog.sessions.count() == 2
    assert dialog.category.currentText() == "External training facilitators"
    assert dialog.chosen_total.text() == "0 sessions ticked: £0.00 to record."
    assert not dialog.save_button.isEnabled()  # nothing is recorded unless ticked
    for i in range(2):
        dialog.sessions.item(i).setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen_total.text() == "2 sessions ticked: £900.00 to record."
    dialog.sessions.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.chosen_total.text() == "1 session ticked: £450.00 to record."
    click_save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    show(tab, page)
    assert table_texts(page, 3) == ["Kwame Mensah-Bonsu"]
    assert cell(page, "Amount") == "£450.00"
    assert cell(page, "For").startswith("Working with fathers, 14 May 2024")
    assert page.session_note.text().startswith("1 training session has a cost")
    assert [s.session_id for s in fin.session_costs_to_record(db)] == [second.id]
    assert first.id not in [s.session_id for s in fin.session_costs_to_record(db)]


def test_contributions_import_from_the_tab_checks_first_then_imports_and_lists_bad_rows(tab, qtbot, db, tmp_path,
                                                                                        monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tests.importers.test_finance_imports import CONTRIBUTION_COLUMNS, write_csv

    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    good = write_csv(tmp_path / "contributions.csv", [
        CONTRIBUTION_COLUMNS,
        ["2024/25", "Brent Council", "Cash", "£20,000.00", "01/05/2024", "£5,000", "20/05/2024"],
        ["2024/25", "Brent Youth Justice Service", "Cash", "1,250.50", "", "", ""],
    ], encoding="cp1252")
    chosen = {"path": good}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(chosen["path"]), "")))
    page = tab.contributions
    show(tab, page)
    importer = page.importer
    importer.choose_file()
    qtbot.waitUntil(lambda: importer.result_dialog is not None and importer.result_dialog.isVisible(), timeout=30000)
    check = importer.result_dialog
    assert "will add 2 contributions" in check.summary.text()
    assert "Brent Youth Justice Service" in check.details.toPlainText()  # a new organisation, named first
    assert fin.list_contributions(db) == []
    check.confirm_button.click()
    qtbot.waitUntil(lambda: importer.result_dialog is not None and importer.result_dialog is not check
                    and importer.result_dialog.isVisible(), timeout=30000)
    assert "2 added" in importer.result_dialog.summary.text()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2, timeout=10000)
    assert "agreed £21,250.50, received £5,000.00" in page.totals.text()

    chosen["path"] = write_csv(tmp_path / "bad.csv", [
        CONTRIBUTION_COLUMNS,
        ["2024/25", "Brent Council", "Cash", "12.345", "", "", ""],
        ["2024/25", "Brent Council", "Cash", "-5", "", "", ""],
    ])
    done = importer.result_dialog
    assert "1 organisation not yet in Memberships was added" in done.details.toPlainText()
    importer.choose_file()
    qtbot.waitUntil(lambda: importer.result_dialog is not None and importer.result_dialog is not done
                    and importer.result_dialog.isVisible(), timeout=30000)
    assert importer.result_dialog.confirm_button is None  # nothing to import
    details = importer.result_dialog.details.toPlainText()
    assert "Agreed" in details and "more than two decimal places" in details and "negative" in details
    assert len(fin.list_contributions(db)) == 2


def test_a_saved_finance_record_opens_its_own_history(demo_tab, qtbot, demo_db):
    from bscp_desktop.db.base import Base
    from bscp_desktop.ui.finance import dialogs

    page = demo_tab.contributions
    show(demo_tab, page)
    select_row(page)
    dialog = open_dialog(qtbot, page.edit_dialog(page, page.selected()))
    assert dialog.history_button is not None and dialog.history_button.isVisible()
    new = open_dialog(qtbot, page.new_dialog(page))
    assert getattr(new, "history_button", None) is None  # nothing saved yet, no history
    tables = {d.history_table for d in (dialogs.ContributionDialog, dialogs.PaymentDialog, dialogs.ExpenseDialog,
                                        dialogs.IncomeDialog, dialogs.YearDialog)}
    assert tables <= set(Base.metadata.tables)


@pytest.mark.slow
def test_the_summary_is_added_up_off_the_ui_thread_and_only_the_latest_answer_shows(demo_tab, qtbot, monkeypatch):
    import threading

    page = demo_tab.summary
    demo_tab.sections.setCurrentWidget(page)
    settle(page)
    threads = []
    real = fin.summary
    monkeypatch.setattr(fin, "summary", lambda db, period: threads.append(threading.current_thread()) or real(db, period))
    page.year.setCurrentIndex(page.year.findData(2024))
    page.year.setCurrentIndex(page.year.findData(2023))  # asked again before the first answer arrived
    assert page.loading() and page.reading_label.isVisibleTo(page)
    settle(page)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert page.summary.label == "2023/24" and page.year.currentData() == 2023
    assert page.texts("Contributions")[-1] == ["TOTAL", "£65,619.75"]
    assert not page.reading_label.isVisibleTo(page)


def test_finance_settings_set_the_overdue_days_and_the_expense_categories(tab, qtbot, db, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from bscp_desktop.ui.finance.dialogs import FinanceSettingsDialog

    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    fin.create_contribution(db, fin.ContributionFields("2024/25", org.id, ContributionKind.CASH, "9,000",
                                                       invoiced_on=TODAY - timedelta(days=40)), today=TODAY)
    show(tab, tab.chase)
    assert tab.chase.proxy.rowCount() == 1
    assert "30 days" in tab.chase.note.text()

    dialog = open_dialog(qtbot, FinanceSettingsDialog(db, tab))
    buttons = dialog.category_buttons

    def enabled() -> set[str]:
        return {name for name, button in buttons.items() if button.isEnabled()}

    assert enabled() == {"Add"}  # nothing chosen: only adding does something
    answers = iter([("Independent scrutiny", True), ("Independent scrutiny and audit", True)])
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: next(answers)))
    dialog.add_category()
    names = [dialog.categories.item(i).text() for i in range(dialog.categories.count())]
    assert names[-1] == "Independent scrutiny"
    dialog.categories.setCurrentRow(len(names) - 1)
    assert enabled() == {"Add", "Rename", "Move up", "Archive"}  # the last, live: not down, not restore
    dialog.rename_category()
    dialog.move_category(-1)
    assert dialog.categories.currentItem().text() == "Independent scrutiny and audit"
    assert dialog.categories.currentRow() == len(names) - 2
    dialog.archive_category()
    assert dialog.categories.currentItem().text() == "Independent scrutiny and audit (archived)"
    assert enabled() == {"Add", "Rename", "Move up", "Move down", "Restore"}
    dialog.days.setValue(45)
    click_save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert fin.load_settings(db).overdue_days == 45
    assert "Independent scrutiny and audit" not in [c.name for c in fin.list_categories(db)]  # archived
    show(tab, tab.chase)
    assert tab.chase.proxy.rowCount() == 0  # 40 days unpaid is no longer overdue
    assert "45 days" in tab.chase.note.text()


def test_a_payment_recorded_by_mistake_is_archived_and_restored_from_the_panel(tab, qtbot, db, monkeypatch):
    from bscp_desktop.ui.finance import contributions

    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    c = fin.create_contribution(db, fin.ContributionFields("2024/25", org.id, ContributionKind.CASH, "8,000",
                                                           invoiced_on=TODAY - timedelta(days=10)), today=TODAY)
    fin.record_payment(db, fin.PaymentFields(c.id, TODAY, "3000", "BACS 1"))
    page = tab.contributions
    show(tab, page)
    select_row(page)
    panel = page.payments
    assert cell(page, "Status") == "Part paid"
    panel.table.selectRow(0)
    monkeypatch.setattr(contributions, "confirm", lambda *a, **k: True)
    panel.archive_button.click()
    show(tab, page)
    assert cell(page, "Status") == "Invoiced" and cell(page, "Received") == "£0.00"
    assert panel.table.rowCount() == 0  # archived payments are hidden, and no longer count
    panel.show_archived.setChecked(True)
    assert panel.table.rowCount() == 1 and panel.table.item(0, 3).text().startswith("(archived: not counted)")
    panel.table.selectRow(0)
    assert panel.restore_button.isEnabled() and not panel.archive_button.isEnabled()
    panel.restore_button.click()
    show(tab, page)
    assert cell(page, "Status") == "Part paid" and cell(page, "Received") == "£3,000.00"


def test_each_page_is_made_when_first_shown_with_its_records_and_the_workbook(demo_tab, qtbot):
    """Opening the tab makes the summary only; a page chosen in the bar is made then, shows its
    records, and (Contributions, Expenditure) offers the area's workbook beside them."""
    sections = demo_tab.sections
    qtbot.waitUntil(lambda: sections.built_page("summary") is not None)
    assert [sections.built_page(n) is not None for n in ("contributions", "chase", "expenditure", "years")] == [
        False, False, False, False]
    sections.setCurrentIndex(1)  # Contributions, as a click on the bar does
    qtbot.waitUntil(lambda: sections.built_page("contributions") is not None)
    page = sections.built_page("contributions")
    qtbot.waitUntil(lambda: page.isVisible() and not page.loading() and page.proxy.rowCount() > 0)
    assert "Finance workbook…" in [a.text() for a in page.toolbar.actions()]
    assert sections.built_page("expenditure") is None
    assert "Finance workbook…" in [a.text() for a in demo_tab.expenditure.toolbar.actions()]  # made when asked for


@pytest.mark.slow
def test_the_summary_is_shown_a_table_per_turn_and_ends_with_the_same_figures(demo_tab, qtbot, monkeypatch):
    from bscp_desktop.ui.finance.summary import summary_parts

    page = demo_tab.summary
    demo_tab.sections.setCurrentWidget(page)
    settle(page)
    seen = []  # after each part: the tables shown, and whether the page still said it was loading
    real_add = page._add
    monkeypatch.setattr(page, "_add", lambda blocks: (real_add(blocks), seen.append((list(page.tables), page.loading()))))
    page.year.setCurrentIndex(page.year.findData(2023))
    page.reload()
    settle(page)
    assert page.summary.label == "2023/24"
    parts = summary_parts(page.summary)
    names = [b.text for part in parts for b in part if b.kind == "table"]
    assert len(parts) >= 4 and all(sum(b.kind == "table" for b in part) == 1 for part in parts)
    assert [tables for tables, _loading in seen] == [names[:n] for n in range(1, len(names) + 1)]  # one a turn
    assert all(loading for _tables, loading in seen)  # the charts come last: loading until then
    assert list(page.tables) == names
    for name in names:  # every table shows exactly the figures worked out for it
        block = next(b for part in parts for b in part if b.kind == "table" and b.text == name)
        assert page.texts(name) == [list(row) for row in block.rows]
    assert page.texts("Contributions")[-1] == ["TOTAL", "£65,619.75"]
    assert dict(map(tuple, page.texts("Reserves")))["Underspend"] == "£38,131.75"
    assert page.income_view.chart is not None and page.spending_view.chart is not None


def test_a_year_made_by_a_date_typed_wrong_is_removed_from_the_years_page(tab, qtbot, db):
    from bscp_desktop.domain.finance import year_label, year_of
    from tests.ui.helpers import click_button, when_modal

    ahead = year_of(date.today()) + 1  # next year, typed for 2024
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    typo = fin.create_expense(db, fin.ExpenseFields(date(ahead, 5, 2), events, "Civic Centre", "Forum", "100"))
    fin.update_expense(db, typo.id, fin.ExpenseFields(date(2024, 5, 2), events, "Civic Centre", "Forum", "100"))
    page = tab.years
    show(tab, page)
    assert table_texts(page, 0) == [year_label(ahead), "2024/25"]
    page.select_id(fin.get_year(db, 2024).id)
    assert not page.remove_action.isEnabled()  # it holds the expense
    page.select_id(fin.get_year(db, ahead).id)
    assert page.remove_action.isEnabled()
    asked = []
    when_modal(click_button("Yes", asked), "Remove financial year")
    page.remove_action.trigger()
    assert asked and f"Remove the financial year {year_label(ahead)}?" in asked[0]
    qtbot.waitUntil(lambda: not page.loading() and table_texts(page, 0) == ["2024/25"])
    assert [y.start_year for y in fin.list_years(db)] == [2024]


def test_a_payment_dated_tomorrow_is_refused_beside_its_date(qtbot, db):
    from bscp_desktop.ui.finance.dialogs import PaymentDialog

    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    c = fin.create_contribution(db, fin.ContributionFields("2024/25", police.id, ContributionKind.CASH, "5000"))
    dialog = open_dialog(qtbot, PaymentDialog(db, c, None))
    tomorrow = date.today() + timedelta(days=1)
    dialog.received_on.set_value(tomorrow)
    assert not dialog.save_button.isEnabled()
    assert dialog.error_labels["received_on"].text() == f"Date received ({tomorrow:%d/%m/%Y}) cannot be in the future"
    dialog.received_on.set_value(date.today())
    click_save(qtbot, dialog)
    assert [p.amount for p in fin.list_payments(db, c.id)] == [Decimal("5000.00")]


def test_choosing_in_kind_keeps_every_field_beside_its_label(qtbot, db):
    """The in-kind fields' labels are as short as the others': the form does not break into
    labels above fields when the kind changes."""
    from PySide6.QtWidgets import QFormLayout

    from bscp_desktop.ui.finance.dialogs import ContributionDialog

    ms.create_organisation(db, ms.OrganisationFields("Brent Safeguarding Adults Board", OrganisationKind.RELEVANT_AGENCY))
    dialog = open_dialog(qtbot, ContributionDialog(db, None, None, today=TODAY))
    dialog.kind.setCurrentIndex(dialog.kind.findData(ContributionKind.IN_KIND))
    qtbot.wait(50)
    form = dialog.form
    below = []
    for row in range(form.rowCount()):
        label, field = (form.itemAt(row, role) for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole))
        if label is not None and field is not None and label.widget().isVisible():
            if field.geometry().top() >= label.geometry().bottom():
                below.append(label.widget().text())
    assert below == []
