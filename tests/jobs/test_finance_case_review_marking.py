"""Finance outputs that name a case review (an expense spent on one) are OFFICIAL-SENSITIVE, as
the case tracker is: the finance workbook, the finance summary workbook and the change log of
finance. Without such a link they are not marked; the summary PDF prints no expense lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.jobs.audits import area_is_marked
from bscp_desktop.reports.marking import file_is_marked
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import finance as fin


def _expense(db, case_review_id: int | None = None) -> fin.ExpenseDTO:
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    return fin.create_expense(db, fin.ExpenseFields(date(2023, 12, 1), events, "Independent reviewer",
                                                    "Review author fee", Decimal("3000"),
                                                    case_review_id=case_review_id))


def _outputs(db, tmp_path) -> dict[str, bool]:
    written = {
        "workbook": jobs.export_workbook(db, "finance", tmp_path / "Finance.xlsx"),
        "summary workbook": jobs.write_report(db, "finance", tmp_path / "Finance summary.xlsx", year="2023/24"),
        "summary PDF": jobs.write_report(db, "finance", tmp_path / "Finance summary.pdf", year="2023/24"),
        "change log": jobs.write_report(db, "change-log", tmp_path / "Change log.xlsx", area="finance"),
    }
    return {name: file_is_marked(path) for name, path in written.items()}


@pytest.mark.slow
def test_finance_outputs_naming_a_case_review_are_marked(db, tmp_path):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child C", IncidentType.SERIOUS_HARM, date(2023, 5, 2)))
    _expense(db, case.id)
    marked = _outputs(db, tmp_path)
    expenditure = load_workbook(tmp_path / "Finance.xlsx")["Expenditure"]
    assert any("Child C" in str(v) for r in expenditure.iter_rows(values_only=True) for v in r)
    assert marked == {"workbook": True, "summary workbook": True, "summary PDF": False, "change log": True}


@pytest.mark.slow
def test_finance_outputs_without_a_case_review_are_not_marked(db, tmp_path):
    _expense(db)
    assert _outputs(db, tmp_path) == {"workbook": False, "summary workbook": False, "summary PDF": False,
                                      "change log": False}


def test_a_change_log_of_finance_stays_marked_after_the_link_is_taken_off(db):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child C", IncidentType.SERIOUS_HARM, date(2023, 5, 2)))
    e = _expense(db, case.id)
    fin.update_expense(db, e.id, fin.ExpenseFields(e.spent_on, e.category_id, e.payee, e.description, e.amount))
    fin.archive_expense(db, e.id)
    assert area_is_marked("finance", db)  # its history still names the case review
    assert not area_is_marked("finance")  # without the records, as the area registry says
