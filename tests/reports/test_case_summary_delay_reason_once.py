"""The case summary prints a long reason for delaying publication once, in its own row: the
Statutory clocks table's narrow last column says only that publication was delayed, with the
reason's first words, instead of wrapping the whole reason over pages."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.domain.case_reviews import Decision, IncidentType
from bscp_desktop.services import case_reviews as cr

D = date
ENDING = "Quarterdeck"  # the reason's last word: far past the words the clock's note quotes
LONG_REASON = ("The criminal trial of the child's father was adjourned twice and the police asked that nothing be "
               "published until the jury returned its verdict. " * 25) + ENDING


def test_a_long_reason_for_delay_is_printed_once_in_its_own_row(db, tmp_path):
    case = cr.create_case_review(db, cr.CaseReviewFields(
        "Child PG", IncidentType.SERIOUS_HARM, D(2025, 3, 3), notification_sent=D(2025, 3, 4),
        partners_told=D(2025, 3, 4), rapid_review_sent=D(2025, 3, 20), decision=Decision.LCSPR,
        decision_date=D(2025, 3, 24), published=D(2026, 6, 25), delay_reason=LONG_REASON))
    jobs.load_all()
    path = jobs.write_report(db, "case", tmp_path / "case.pdf", record_id=case.id, today=D(2026, 7, 1))
    reader = PdfReader(str(path))
    text = "".join(page.extract_text() for page in reader.pages)
    assert text.count(ENDING) == 1  # the Reason for delay row, not the clocks table too
    assert "Delayed: The criminal trial" in " ".join(text.split())
