"""What the case review outputs say of what did not happen. The summary workbook's Considered on
column holds the Case Review Group's date alone, empty for a case not considered yet; the date a
case counts on for the period has a column of its own, named as such, and the summary PDF says
how the cases considered are counted. The single-case PDF of a case with no clocks says so in a
sentence, with no empty clocks table under it."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.domain.case_reviews import CaseKind, Outcome
from bscp_desktop.domain.case_summary import SummaryCase, summarise
from bscp_desktop.domain.deadlines import DEFAULT_RULES
from bscp_desktop.reports.case_review_period import COUNTED_ON_HEADING, summary_workbook, write_summary_pdf
from bscp_desktop.services import case_reviews as cr
from tests.built_once import database_with

TODAY = date(2025, 6, 2)
CLOCKS_HEADER = "Deadline Rule Counts from Due Done on Status Working days / note"


def _words(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _summary():
    waiting = SummaryCase("BSCP-2024-01", "Child A", date(2024, 5, 2), {"became_aware": date(2024, 5, 2)},
                          kind=CaseKind.SERIOUS_HARM)
    considered = SummaryCase(
        "BSCP-2024-02", "Child B", date(2024, 6, 3), {"became_aware": date(2024, 6, 3), "considered_on": date(2024, 6, 10)},
        kind=CaseKind.SERIOUS_HARM, outcome=Outcome.NOT_NOTIFIABLE,
    )
    return summarise([waiting, considered], date(2024, 4, 1), date(2025, 3, 31), DEFAULT_RULES, today=TODAY)


@pytest.mark.slow
def test_the_workbook_leaves_considered_on_empty_for_a_case_not_considered_yet(tmp_path):
    sheet = load_workbook(summary_workbook(_summary(), "Brent").save(tmp_path / "s.xlsx"))["Cases considered"]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    considered, counted, outcome = (header.index(h) for h in ("Considered on", COUNTED_ON_HEADING, "Outcome"))
    by_alias = {row[1]: row for row in rows}
    waiting, done = by_alias["Child A"], by_alias["Child B"]
    assert waiting[considered] is None and waiting[outcome] == "Not decided yet"
    assert waiting[counted].date() == date(2024, 5, 2)  # counted on the date the local authority became aware
    assert done[considered].date() == date(2024, 6, 10) and done[counted].date() == date(2024, 6, 10)


@pytest.mark.slow
def test_the_summary_pdf_says_a_case_not_considered_yet_counts_on_the_date_the_la_became_aware(tmp_path):
    text = _words(write_summary_pdf(_summary(), "Brent", tmp_path / "s.pdf"))
    assert "else the date the local authority became aware, so a case not considered yet counts too" in text
    assert "Not decided yet: 1" in text


def build(db):
    found = cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 3, 25)))
    cr.close_as_not_notifiable(db, found.id, considered_on=date(2024, 3, 26))
    notified = cr.create_case_review(
        db, cr.CaseReviewFields("Child B", "serious_harm", date(2024, 4, 2), notification_sent=date(2024, 4, 4)))
    return found.id, notified.id


db, cases = database_with("case-pdf-no-clocks", build, records="cases")


@pytest.mark.slow
def test_the_case_pdf_of_a_case_without_clocks_has_the_sentence_and_no_empty_table(db, cases, tmp_path):
    not_notifiable, notified = cases
    text = _words(jobs.write_report(db, "case", tmp_path / "nn.pdf", record_id=not_notifiable, today=TODAY))
    clocks = text[text.index("Statutory clocks"):text.index("Stage dates")]
    assert clocks == "Statutory clocks No clocks: the case was found not notifiable. "
    text = _words(jobs.write_report(db, "case", tmp_path / "n.pdf", record_id=notified, today=TODAY))
    clocks = text[text.index("Statutory clocks"):text.index("Stage dates")]
    assert CLOCKS_HEADER in clocks and "Serious incident notification to the Panel" in clocks
    assert "No clocks" not in clocks
