"""The actions tables of a case summary and of the audit outputs are sized from what their
columns hold: a long action gets the room a short evidence column does not need, and the
other way round, and every recommendation's table in one case summary has the same columns.
Before, the Action column had a fixed fifth of the page, and a case of 150 long actions ran
to more than twice the pages the action log takes for them."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from bscp_desktop.reports import case_reviews as out
from bscp_desktop.reports.actions import actions_table
from bscp_desktop.reports.pdf import DocumentBuilder

LONG = ("Agree and share a multi-agency chronology template with every partner agency's front door team, "
        "then audit its use in three months") * 3


def _case(actions: list[tuple[int, str, str]]) -> out.CaseReviewReport:
    case = out.CaseLine("BSCP-2024-01", "Child A", "Serious harm", "", False, date(2024, 1, 2), "2023-24",
                        "Notified", "", None, (), (), (), (), None)
    recs = tuple(out.RecommendationLine("BSCP-2024-01", "Child A", n, f"Recommendation {n}", "Brent Council", 1, 1, 0)
                 for n in (1, 2))
    lines = tuple(out.ActionLine("BSCP-2024-01", f"BSCP-2024-01 R{rec}", text, "Brent Council", date(2024, 6, 28),
                                 "Done", date(2024, 6, 1), evidence) for rec, text, evidence in actions)
    return out.CaseReviewReport("Brent", date(2024, 3, 1), (), (), (case,), recommendations=recs, actions=lines)


@pytest.fixture
def tables(monkeypatch):
    """The (headings, widths) of every table the documents written in the test draw."""
    drawn = []
    table = DocumentBuilder.table

    def recording(self, headers, rows, col_widths=None, align=None):
        drawn.append((list(headers), list(col_widths or [])))
        return table(self, headers, rows, col_widths, align)

    monkeypatch.setattr(DocumentBuilder, "table", recording)
    return drawn


def _actions_tables(drawn) -> list[dict[str, float]]:
    return [dict(zip(headers, widths, strict=True)) for headers, widths in drawn if "Evidence of impact" in headers]


def test_long_actions_with_short_evidence_get_the_wider_column_in_every_table_alike(tables, tmp_path):
    pdf = out.write_case_pdf(_case([(1, LONG, "Shared"), (1, "Brief the teams", "Notes sent"),
                                    (2, "Train health visitors", "Done")]), tmp_path / "case.pdf")
    first, second = _actions_tables(tables)
    assert first == second  # the second table's short actions are measured with the case's others
    assert first["Action"] > 2 * first["Evidence of impact"]
    assert sum(first.values()) == pytest.approx(DocumentBuilder(tmp_path / "x.pdf", "x", "Brent").content_width)
    assert "then audit its use in three months" in " ".join(PdfReader(pdf).pages[1].extract_text().split())


def test_long_evidence_with_short_actions_gets_the_wider_column(tables, tmp_path):
    out.write_case_pdf(_case([(1, "Brief the teams", LONG), (2, "Train health visitors", "Done")]), tmp_path / "case.pdf")
    widths = _actions_tables(tables)[0]
    assert widths["Evidence of impact"] > 2 * widths["Action"]


def test_a_case_of_many_long_actions_takes_no_more_pages_than_their_text_needs(tmp_path):
    many = [(1 + i % 2, f"{LONG} {i}", "Briefing notes shared") for i in range(60)]
    pages = len(PdfReader(out.write_case_pdf(_case(many), tmp_path / "case.pdf")).pages)
    assert pages <= 20  # 40 with the Action column a fifth of the page


def test_an_audits_actions_table_is_sized_from_its_own_actions(tables, tmp_path):
    class Line:
        def __init__(self, description, evidence):
            self.source, self.description, self.owner, self.due = "Recommendation 1", description, "Brent Council", None
            self.status_text, self.evidence = "Open", evidence

    doc = DocumentBuilder(tmp_path / "audit.pdf", "Audit", "Brent")
    columns = (("From", "source"), ("Action", "description"), ("Owner", "owner"), ("Due", "due"),
               ("Status", "status_text"), ("Evidence of impact", "evidence"))
    actions_table(doc, [Line(LONG, "")], columns, "No actions yet.")
    actions_table(doc, [Line("Brief", LONG)], columns, "No actions yet.")
    long_action, long_evidence = _actions_tables(tables)
    assert long_action["Action"] > long_action["Evidence of impact"]
    assert long_evidence["Evidence of impact"] > long_evidence["Action"]
