"""The finance summary (PDF and workbook) says when training sessions of its period have a cost
not in the expenditure yet, as the Finance tab's Expenditure page warns: its expenditure and
balance leave that cost out. Once the cost is recorded, nothing is said."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import courses as cs

SAID = ("1 training session in this period has a cost not in the expenditure yet (£450.00): the expenditure and "
        "the balance leave it out until it is recorded (Finance tab, Expenditure, Training session costs).")


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def _summary_sheet(path) -> str:
    sheet = load_workbook(path)["Summary"]
    return " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)


def test_a_sessions_cost_not_recorded_is_said_until_it_is(db, tmp_path):
    jobs.load_all()
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    held = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2023, 11, 8, 9, 30),
                                                  capacity=20, facilitator="Trainer Ltd", cost=Decimal("450")))
    cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2024, 5, 8, 9, 30), capacity=20,
                                           cost=Decimal("300")))  # the next year's: not this summary's
    pdf = jobs.write_report(db, "finance", tmp_path / "finance.pdf", year="2023/24", today=date(2024, 6, 3))
    assert SAID in _text(pdf)
    xlsx = jobs.write_report(db, "finance", tmp_path / "finance.xlsx", year="2023/24", xlsx=True, today=date(2024, 6, 3))
    assert SAID in _summary_sheet(xlsx)

    fin.record_session_costs(db, [held.id], fin.default_training_category(db), today=date(2024, 6, 3))
    pdf = jobs.write_report(db, "finance", tmp_path / "after.pdf", year="2023/24", today=date(2024, 6, 3))
    assert "not in the expenditure yet" not in _text(pdf)


def test_the_sentence_counts_and_adds_up_the_costs():
    cost = lambda amount: fin.SessionCost(1, "Neglect basics", date(2023, 11, 8), "", Decimal(amount))  # noqa: E731
    assert fin.costs_not_recorded_sentence([]) == ""
    assert fin.costs_not_recorded_sentence([cost("450"), cost("300.50")]).startswith(
        "2 training sessions in this period have a cost not in the expenditure yet (£750.50)")
