"""The case review tracker workbook lists an archived recommendation whose actions are still open
as the case summary PDF does: marked archived, its open actions counted. Its Actions sheet keeps
each action's own status (Open, In progress) with an Overdue Yes/No column beside it, as the
action log workbook does, and heads the owner column "Owner", as the case summary does. In the
case summary, a recommendation's heading stays on the page where its actions table starts."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.reports import case_reviews as out
from bscp_desktop.reports.actions import ACTION_COLUMNS
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
    action(recs[0], "Audit the chronologies", due_date=date(2024, 2, 20), status=ActionStatus.IN_PROGRESS)  # overdue
    action(recs[0], "Brief the teams", due_date=date(2024, 1, 20), status=ActionStatus.DONE,
           completed_on=date(2024, 1, 19), evidence="Teams briefed")
    action(recs[1], "Run two training sessions", due_date=date(2024, 6, 28), status=ActionStatus.IN_PROGRESS)
    action(recs[2], "Map the front door", due_date=date(2024, 1, 25), status=ActionStatus.DONE,
           completed_on=date(2024, 1, 24), evidence="Map shared")
    cr.archive_recommendation(db, recs[0].id)  # two open actions left: still listed, counted open
    cr.archive_recommendation(db, recs[2].id)  # every action done: left out
    return case.id


db, case_id = database_with("case-workbook-archived-recommendation", build, records="case_id")


def _sheet(wb, name: str) -> list[dict]:
    rows = list(wb[name].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:] if row[2] is not None]  # not the note under it


@pytest.fixture
def workbook(db, case_id, tmp_path):
    jobs.load_all()
    return load_workbook(jobs.XLSX_AREAS["case-reviews"].run(db, tmp_path / "tracker.xlsx", today=TODAY))


def test_the_recommendations_sheet_lists_an_archived_recommendation_with_open_actions_marked_archived(workbook):
    recs = _sheet(workbook, "Recommendations")
    assert [(r["No."], r["Recommendation"], r["Archived"]) for r in recs] == [
        (1, "Share chronologies", "Yes"), (2, "Train health visitors", "No")]  # R3, all done, left out
    archived = recs[0]
    assert (archived["Actions"], archived["Open"], archived["Overdue"]) == (3, 2, 2)
    listed = [a["Action"] for a in _sheet(workbook, "Actions") if a["Recommendation"] == "BSCP-2024-01 R1"]
    assert listed == ["Agree a chronology template", "Audit the chronologies"]  # the two counted open


def test_the_actions_sheet_keeps_the_status_and_says_overdue_beside_it_as_the_action_log_does(workbook):
    sheet = workbook["Actions"]
    header = [c.value for c in sheet[1]]
    log = [c.header for c in ACTION_COLUMNS]
    assert header[header.index("Status"):header.index("Status") + 2] == log[log.index("Status"):log.index("Status") + 2]
    assert "Owner" in header and "Owner agency" not in header
    actions = {a["Action"]: (a["Status"], a["Overdue"]) for a in _sheet(workbook, "Actions")}
    assert actions == {
        "Agree a chronology template": ("Open", "Yes"),
        "Audit the chronologies": ("In progress", "Yes"),
        "Run two training sessions": ("In progress", "No"),
    }
    overdue = [row[header.index("Overdue")] for row in sheet.iter_rows(min_row=2) if row[header.index("Overdue")].value]
    assert {cell.value: cell.fill.fgColor.rgb[-6:] for cell in overdue} == {
        "Yes": out.OVERDUE_FILL.lstrip("#").upper(), "No": "000000"}


def _pages(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.mark.slow
def test_the_case_summary_heads_the_owner_column_owner_and_says_an_overdue_actions_status(db, case_id, tmp_path):
    text = " ".join(_pages(jobs.write_report(db, "case", tmp_path / "case.pdf", record_id=case_id, today=TODAY)))
    plan = text[text.index("Recommendations and actions"):text.index("Deadline rules used")]
    assert "Action Owner Due Status" in plan and "Owner agency" not in plan
    archived = plan[plan.index("Recommendation 1 (archived)"):]
    assert "Share chronologies" in archived
    assert "Overdue (Open)" in archived and "Overdue (In progress)" in archived


def _case_report(summary_words: int) -> out.CaseReviewReport:
    case = out.CaseLine("BSCP-2024-01", "Child A", "Serious harm", "", False, date(2024, 1, 2), "2023-24",
                        "Notified", "", None, (), (), (), (), None, summary=" ".join(["Chronology"] * summary_words))
    line = lambda number, text, archived=False: out.RecommendationLine(  # noqa: E731
        "BSCP-2024-01", "Child A", number, text, "Brent Council", 1, 1, 0, archived=archived)
    action = lambda number, text: out.ActionLine(  # noqa: E731
        "BSCP-2024-01", f"BSCP-2024-01 R{number}", text, "Brent Council", date(2024, 6, 28), "Open", None, "")
    return out.CaseReviewReport(
        "Brent", TODAY, (), (), (case,),
        recommendations=(line(2, "Train health visitors"), line(1, "Share chronologies", archived=True)),
        actions=(action(2, "Run two training sessions"), action(1, "Agree a chronology template")),
    )


@pytest.mark.slow
@pytest.mark.parametrize("summary_words", range(540, 820, 20))  # a page's worth: each heading meets a page's foot
def test_a_recommendations_heading_stays_on_the_page_its_actions_table_starts(summary_words, tmp_path):
    pages = _pages(out.write_case_pdf(_case_report(summary_words), tmp_path / "case.pdf"))
    for heading, first_action in (("Recommendation 2 (lead: Brent Council)", "Run two training sessions"),
                                  ("Recommendation 1 (archived)", "Agree a chronology template")):
        on = [n for n, page in enumerate(pages) if heading in page]
        assert on == [n for n, page in enumerate(pages) if first_action in page], heading
