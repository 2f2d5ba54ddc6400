"""A PDF table goes on over a page between its rows: a row that does not fit at the foot of a
page starts the next one whole, under the header row, and the header row is printed once at the
top of each page the table goes on to, never part way down a page. Only a row taller than a whole
page is split, and it still prints in full."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pypdf
import pytest
from reportlab.platypus import Spacer

from bscp_desktop import cli
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.jobs import case_reviews as case_jobs
from bscp_desktop.reports import pdf
from bscp_desktop.reports.audits import _coloured_table
from bscp_desktop.reports.pdf import DocumentBuilder
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa

D = date
ROOM = pdf.PAGE_HEIGHT - pdf.MARGIN_TOP - pdf.MARGIN_BOTTOM  # a page's room for text


def _squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _pages(path) -> list[str]:
    """Each page's text, whitespace left out: the body first, then the page's header and footer."""
    return [_squeezed(page.extract_text() or "") for page in pypdf.PdfReader(str(path)).pages]


def _header_only_at_the_tops_of_pages(pages: list[str], header: str) -> None:
    """The table's header row: once on the page where the table starts, and on each later page
    it goes on to at the very top, before any row."""
    header = _squeezed(header)
    holding = [n for n, page in enumerate(pages) if header in page]
    assert holding, pages
    assert all(pages[n].count(header) == 1 for n in holding), [pages[n] for n in holding]
    assert all(_after_continued(pages[n]).startswith(header) for n in holding[1:]), [pages[n] for n in holding[1:]]
    assert holding == list(range(holding[0], holding[-1] + 1))


def _after_continued(page: str) -> str:
    """A page's text after the line naming what a table goes on with ("... (continued)"), if it starts with one."""
    head, found, rest = page.partition("(continued)")
    return rest if found and len(head) < 200 else page


def _on_one_page(pages: list[str], row: str) -> None:
    row = _squeezed(row)
    assert any(row in page for page in pages), (row, pages)


def _builder(tmp_path) -> DocumentBuilder:
    return DocumentBuilder(tmp_path / "out.pdf", "Rows kept whole", "Brent Safeguarding Children Partnership",
                           sensitive=False)


@pytest.mark.slow  # a case written and its summary read back
def test_the_case_summary_prints_each_statutory_clock_whole_and_its_header_only_at_the_top_of_a_page(db, tmp_path):
    case = cr.create_case_review(db, cr.CaseReviewFields(
        alias="Child E", incident_type="death", became_aware=D(2026, 8, 24), notification_sent=D(2026, 8, 27),
        partners_told=D(2026, 8, 27), rapid_review_sent=D(2026, 8, 28), decision="lcspr",
        decision_date=D(2026, 8, 31)))
    path = case_jobs.case_summary(db, tmp_path / "case.pdf", record_id=case.id, today=D(2026, 12, 7))
    pages = _pages(path)
    _header_only_at_the_tops_of_pages(pages, "Deadline Rule Counts from Due Done on Status Working days / note")
    _on_one_page(pages, "LCSPR report and improvement plan sent to the Panel and Secretary of State "
                        "7 working days before publication (the actual date once published, else the planned "
                        "date), or until it is known, the due date for 'LCSPR published' "
                        "28/02/2027 18/02/2027 Not yet due 50 working days left")
    _on_one_page(pages, "LCSPR published 6 months after the date of the decision to hold an LCSPR "
                        "31/08/2026 28/02/2027 Not yet due 56 working days left")


SENTENCE = "The worker saw the child alone and recorded their wishes. "


def _finding(n: int) -> str:
    return f"Return {n} starts. " + SENTENCE * (2 + 3 * (n % 4)) + f"Return {n} ends."


@pytest.mark.slow  # an audit written, its report made on the command line and read back
def test_the_audit_report_prints_each_agency_return_whole_and_its_header_only_at_the_top_of_a_page(
        db, db_path, tmp_path):
    agencies = [ms.create_organisation(db, ms.OrganisationFields(f"Agency {n}", OrganisationKind.OTHER))
                for n in range(1, 10)]
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", D(2023, 2, 1), returns_due=D(2023, 2, 24)))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=tuple(a.id for a in agencies)))
    sa.request_returns(db, audit.id, D(2023, 2, 2))
    names = {a.id: a.name for a in agencies}
    for ret in sa.get_case(db, case.id).returns:
        n = int(names[ret.organisation_id].split()[-1])
        sa.update_return(db, ret.id, sa.ReturnFields(D(2023, 2, 2), D(2023, 3, 3), _finding(n), _finding(n), "Good"))
    out = tmp_path / "audit.pdf"
    assert cli.main(["report", "audit", "--id", audit.reference, "--db", str(db_path), "-o", str(out)]) == 0
    pages = _pages(out)
    assert len(pages) >= 3
    _header_only_at_the_tops_of_pages(pages, "Case Agency Received Agency's grading Good practice Areas for development")
    for n in range(1, 10):
        _on_one_page(pages, f"MAA-2023-01-C1 (Child A) Agency {n} 03/03/2023 (late: due 24/02/2023) Good "
                            f"{_finding(n)} {_finding(n)}")
    [returns] = [page for page in pages if "Agencyreturns" in page]  # the heading with the table's start
    assert _squeezed("Agency returns 9 returns are late or overdue. Case Agency Received") in returns


def _action(n: int) -> str:
    return f"Action {n} begins. " + "The owner will report back to the group. " * 16 + f"Action {n} ends."


def test_a_row_that_does_not_fit_at_the_foot_of_a_page_starts_the_next_page_whole(tmp_path):
    doc = _builder(tmp_path)
    doc.add(Spacer(1, ROOM - 200))  # room for the header row, a row and part of the next
    doc.table(["Action", "Owner", "Due"], [[_action(n), f"Owner {n}", D(2026, 3, n)] for n in range(1, 6)],
              col_widths=[300, 100, 80])
    pages = _pages(doc.build())
    assert len(pages) == 2
    _header_only_at_the_tops_of_pages(pages, "Action Owner Due")
    for n in range(1, 6):
        _on_one_page(pages, f"{_action(n)} Owner {n} 0{n}/03/2026")
    assert "Action2" not in pages[0]


def test_a_coloured_table_keeps_its_rows_whole_as_a_data_table_does(tmp_path):
    doc = _builder(tmp_path)
    doc.add(Spacer(1, ROOM - 120))
    _coloured_table(doc, ["Agency", "Grading", "Good practice"],
                    [[(f"Agency {n}", None), ("Good", "#C6E8C6"), (_finding(n), None)] for n in range(1, 6)],
                    [98, 72, 160])
    pages = _pages(doc.build())
    assert len(pages) >= 2
    _header_only_at_the_tops_of_pages(pages, "Agency Grading Good practice")
    for n in range(1, 6):
        _on_one_page(pages, f"Agency {n} Good {_finding(n)}")


def test_a_label_and_its_value_are_kept_on_one_page(tmp_path):
    doc = _builder(tmp_path)
    doc.add(Spacer(1, ROOM - 200))
    doc.key_values([(f"Label {n}", _action(n)) for n in range(1, 4)])
    pages = _pages(doc.build())
    assert len(pages) == 2
    for n in range(1, 4):
        _on_one_page(pages, f"Label {n} {_action(n)}")


def test_a_row_taller_than_a_page_starts_where_it_falls_and_prints_in_full(tmp_path):
    doc = _builder(tmp_path)
    long = "Long row begins. " + " ".join(f"Point {n:03d} noted." for n in range(700)) + " Long row ends."
    doc.table(["Item", "Note"], [["Short 1", "Agreed"], ["Short 2", "Agreed"], ["Long", long], ["Short 3", "Agreed"]])
    pages = _pages(doc.build())
    assert len(pages) >= 2
    _header_only_at_the_tops_of_pages(pages, "Item Note")
    assert _squeezed("Short 2 Agreed Long Long row begins.") in pages[0]  # straight under the row before
    assert re.findall(r"Point(\d{3})noted\.", "".join(pages)) == [f"{n:03d}" for n in range(700)]
    assert _squeezed("Long row ends. Short 3 Agreed") in pages[-1]


def test_a_heading_and_the_sentence_under_it_go_with_a_first_row_too_long_for_the_foot_of_the_page(tmp_path):
    doc = _builder(tmp_path)
    doc.add(Spacer(1, ROOM - 160))
    doc.heading("Agency returns", 2)
    doc.para("2 returns are late or overdue.", keep_with_next=True)
    doc.table(["Agency", "Good practice"], [["Police", _finding(3)], ["Health", _finding(1)]])
    pages = _pages(doc.build())
    assert len(pages) == 2 and "Agencyreturns" not in pages[0] and "returnsarelate" not in pages[0]
    assert pages[1].startswith(_squeezed("Agency returns 2 returns are late or overdue. Agency Good practice Police"))
