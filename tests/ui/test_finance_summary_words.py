"""The Finance summary on screen says what the PDF says: a year spent in without budgets totals as
"No budget", and an opening balance adjusted is explained in the same words. Training session
costs offer, and the Expenditure page counts, no session after the end of next financial year."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import courses
from bscp_desktop.ui.finance.dialogs import SessionCostsDialog
from bscp_desktop.ui.finance.pages import ExpenditurePage
from bscp_desktop.ui.finance.summary import summary_parts

TODAY = date(2024, 6, 3)  # next financial year ends on 31/03/2026


def blocks(db, year: str):
    return [block for part in summary_parts(fin.year_summary(db, year)) for block in part]


@pytest.mark.slow
def test_the_summary_says_no_budget_and_the_opening_balance_adjustment_as_the_pdf_does(db):
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    fin.create_expense(db, fin.ExpenseFields(date(2024, 7, 1), events, "Venue", "", "2464.30"))
    budget = next(b for b in blocks(db, "2024/25") if b.text == "Budget against actual")
    assert budget.rows[-1] == ("Total", "No budget", "£2,464.30", "£2,464.30 over (no budget)")
    assert budget.rows[0] == ("Events", "No budget", "£2,464.30", "£2,464.30 over (no budget)")

    year = fin.get_year(db, "2024/25")
    fin.update_year(db, year.id, fin.YearFields("1,234.56", "subtract", "Audited reserves lower"))
    notes = [b.text for b in blocks(db, "2024/25") if b.kind == "note"]
    assert "The opening balance of 2024/25 was adjusted by -£1,234.56: Audited reserves lower" in notes
    assert fin.year_summary(db, "2024/25").reserves_text in notes


@pytest.mark.slow
def test_sessions_after_the_end_of_next_financial_year_are_not_offered_nor_counted(qtbot, db):
    course = courses.create_course(db, courses.CourseFields("Working with fathers"))
    for day in (date(2025, 6, 1), date(2026, 6, 1)):
        courses.create_session(db, courses.SessionFields(course.id, datetime(day.year, day.month, day.day, 10), 20,
                                                         cost="500", facilitator="Ann Mensah"))
    dialog = SessionCostsDialog(db, None, today=TODAY)
    qtbot.addWidget(dialog)
    offered = [dialog.sessions.item(i).text() for i in range(dialog.sessions.count())]
    assert offered == ["Working with fathers, 1 Jun 2025 10:00: £500.00 (2025/26)"]
    dialog.sessions.item(0).setCheckState(Qt.CheckState.Checked)
    assert [e.spent_on for e in dialog.save()] == [date(2025, 6, 1)]

    def note(today: date) -> str:
        page = ExpenditurePage(db, None, today=today)
        qtbot.addWidget(page)
        page.reload()
        qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
        return page.session_note.text()

    assert note(TODAY) == ""
    assert note(date(2025, 4, 1)).startswith(  # a year on, the 2026 session is near
        "1 training session has a cost that is not in the expenditure yet (£500.00)")


def test_a_period_over_a_year_not_set_up_names_only_the_years_set_up(db):
    """The Finance tab's summary of April 2022 to March 2024, with records in 2023/24 alone,
    said "Contributions for 2022/23 and 2023/24" and "Reserves on 1 April 2022 £0.00"."""
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    fin.create_expense(db, fin.ExpenseFields(date(2023, 7, 1), events, "Venue", "", "250"))
    period = fin.period_for(date_from=date(2022, 4, 1), date_to=date(2024, 3, 31))
    shown = [block for part in summary_parts(fin.summary(db, period)) for block in part]
    assert shown[0].text == "Contributions for 2023/24"
    assert ("There are no finance records for 2022/23 (it is not set up in Finance), so the contributions, budgets "
            "and reserves are those of 2023/24.") in [b.text for b in shown if b.kind == "note"]
    reserves = next(b for b in shown if b.text == "Reserves")
    assert [row for row in reserves.rows if row[0].startswith("Reserves on")] == [
        ("Reserves on 1 April 2023", "£0.00"), ("Reserves on 31 March 2024", "-£250.00")]
    assert next(b for b in shown if b.text.startswith("Budget against actual,")).text == "Budget against actual, 2023/24"
