"""The case tracker PDF's Overdue section lists every overdue deadline of every case, not only
each case's next one, case by case and by due date: the same deadlines the tracker workbook's
Deadlines sheet shows as overdue."""

from __future__ import annotations

import re
from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.services import case_reviews as cr

TODAY = date(2026, 12, 7)
BULLET = re.compile(r"(\S+) \((.+?)\): (.+?), due (\d\d/\d\d/\d{4}) \(")


def _overdue_bullets(path) -> list[tuple[str, str, str]]:
    """(reference, deadline, due) of each bullet under the PDF's Overdue heading."""
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())
    start = text.index("Overdue Every deadline past its due date")
    section = text[start:text.index("Deadline rules used", start)]
    return [BULLET.match(bullet.strip()).group(1, 3, 4) for bullet in section.split("•")[1:]]


def _workbook(db, tmp_path) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The references in the tracker workbook's Cases sheet, in its order, and (reference,
    deadline, due) of each row of its Deadlines sheet that is overdue."""
    jobs.load_all()
    wb = load_workbook(jobs.XLSX_AREAS["case-reviews"].run(db, tmp_path / "t.xlsx", today=TODAY))
    references = [row[0] for row in wb["Cases"].iter_rows(min_row=2, values_only=True)]
    header, *rows = list(wb["Deadlines"].iter_rows(values_only=True))
    ref, deadline, due, status = (header.index(h) for h in ("Reference", "Deadline", "Due", "Status"))
    return references, [(r[ref], r[deadline], f"{r[due]:%d/%m/%Y}") for r in rows if r[status] == "Overdue"]


def _day(text: str) -> date:
    day, month, year = map(int, text.split("/"))
    return date(year, month, day)


def _lcspr_case(db, alias):
    """Aware and notified 29/02/2024, rapid review sent and an LCSPR decided 20/03/2024, the
    safeguarding partners' telling never recorded: three deadlines overdue by 07/12/2026."""
    return cr.create_case_review(db, cr.CaseReviewFields(
        alias, "death", date(2024, 2, 29), notification_sent=date(2024, 2, 29),
        rapid_review_sent=date(2024, 3, 20), decision="lcspr", decision_date=date(2024, 3, 20),
    ))


def test_the_overdue_section_names_every_overdue_deadline_of_a_case_not_only_its_next(db, tmp_path):
    case = _lcspr_case(db, "Child A")
    bullets = _overdue_bullets(jobs.write_report(db, "case-tracker", tmp_path / "t.pdf", today=TODAY))
    assert bullets == [
        (case.reference, "Safeguarding partners told", "07/03/2024"),
        (case.reference, "LCSPR report and improvement plan sent to the Panel and Secretary of State", "11/09/2024"),
        (case.reference, "LCSPR published", "20/09/2024"),
    ]


def test_the_overdue_section_lists_what_the_workbook_counts_overdue_by_case_then_due_date(db, tmp_path):
    _lcspr_case(db, "Child B")
    _lcspr_case(db, "Child A")
    cr.create_case_review(db, cr.CaseReviewFields("Child C", "serious_harm", date(2026, 11, 2)))  # two overdue
    bullets = _overdue_bullets(jobs.write_report(db, "case-tracker", tmp_path / "t.pdf", today=TODAY))
    references, overdue = _workbook(db, tmp_path)
    assert sorted(bullets) == sorted(overdue) and len(bullets) == 8
    assert bullets == sorted(overdue, key=lambda row: (references.index(row[0]), _day(row[2])))
