"""A case summary PDF lists the same action plan as the tracker workbook: the open actions of an
archived recommendation (still to do, counted open for the case) under that recommendation,
marked archived, as the case audit report marks one; an archived recommendation whose actions
are all done or dropped is left out of both."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.reports import case_reviews as out
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from tests.built_once import database_with

TODAY = date(2024, 3, 1)


def build(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 2)))
    recs = [cr.create_recommendation(db, cr.RecommendationFields(case.id, text, org.id))
            for text in ("Share chronologies", "Train health visitors", "Review the front door")]
    action = lambda rec, text, **kw: cr.add_recommendation_action(  # noqa: E731
        db, rec.id, action_log.ActionFields(text, owner_organisation_id=org.id, **kw))
    action(recs[0], "Agree a chronology template", due_date=date(2024, 1, 30))  # open, overdue on TODAY
    action(recs[0], "Brief the teams", due_date=date(2024, 1, 20), status=ActionStatus.DONE,
           completed_on=date(2024, 1, 19), evidence="Teams briefed")
    action(recs[1], "Run two training sessions", due_date=date(2024, 6, 28))
    action(recs[2], "Map the front door", due_date=date(2024, 1, 25), status=ActionStatus.DONE,
           completed_on=date(2024, 1, 24), evidence="Map shared")
    cr.archive_recommendation(db, recs[0].id)  # an open action left: still listed
    cr.archive_recommendation(db, recs[2].id)  # every action done: left out
    return case.id


db, case_id = database_with("case-pdf-archived-recommendation", build, records="case_id")


def _pdf_words(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.mark.slow
def test_the_case_pdf_lists_the_open_actions_of_an_archived_recommendation_as_the_workbook_does(db, case_id, tmp_path):
    text = _pdf_words(jobs.write_report(db, "case", tmp_path / "case.pdf", record_id=case_id, today=TODAY))
    sheet = load_workbook(jobs.XLSX_AREAS["case-reviews"].run(db, tmp_path / "tracker.xlsx", today=TODAY))["Actions"]
    listed = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True) if row[2]]  # not the note under the table
    assert listed == ["Agree a chronology template", "Run two training sessions"]
    for action in listed:  # the same action plan in both
        assert action in text
    plan = text[text.index("Recommendations and actions"):text.index("Deadline rules used")]
    assert "Recommendation 2 (lead: Brent Council) Train health visitors" in plan
    archived = plan[plan.index("Recommendation 1 (archived)"):]
    assert "Agree a chronology template" in archived and "Overdue" in archived
    assert plan.index("Recommendation 1 (archived)") > plan.index("Run two training sessions")  # after the live ones
    assert "Brief the teams" not in plan and "Map the front door" not in plan and "Recommendation 3" not in plan


def test_each_recommendation_lists_the_actions_raised_from_it_an_archived_one_too():
    line = lambda rec, text: out.ActionLine("BSCP-2024-01", rec, text, "Brent Council", None, "Open", None, "")  # noqa: E731
    recs = (out.RecommendationLine("BSCP-2024-01", "Child A", 2, "Train", "", 1, 1, 0),
            out.RecommendationLine("BSCP-2024-01", "Child A", 1, "Share", "", 2, 2, 0, archived=True))
    report = out.CaseReviewReport(
        "Brent", TODAY, (), (), (), recommendations=recs,
        actions=(line("BSCP-2024-01 R1", "a"), line("BSCP-2024-01 R2", "b"), line("BSCP-2024-01 R1", "d")),
    )
    assert {r.label: [a.description for a in out.actions_of(report, r)] for r in recs} == {
        "BSCP-2024-01 R2": ["b"], "BSCP-2024-01 R1": ["a", "d"]}
