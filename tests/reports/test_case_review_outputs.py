"""Every case review output, read back: OFFICIAL-SENSITIVE in header, footer and properties;
statuses as words with a colour; user text never a formula."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.case_review_clocks import STATUS_COLOURS
from bscp_desktop.domain.deadlines import DeadlineStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from tests.built_once import database_with

TODAY = date(2024, 2, 1)
MARK = "OFFICIAL-SENSITIVE"


def build_cases(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    a = cr.create_case_review(
        db,
        cr.CaseReviewFields(
            "Child A", "serious_harm", date(2023, 1, 16), age_band="14_to_15",
            themes=("Suicide and self-harm",), agency_ids=(org.id,),
            notification_sent=date(2023, 1, 20), partners_told=date(2023, 1, 20), rapid_review_sent=date(2023, 2, 13),
            decision="no_lcspr", decision_date=date(2023, 2, 6),
            summary="=HYPERLINK(\"http://x\") <b>not markup</b>",
        ),
    )
    b = cr.create_case_review(
        db, cr.CaseReviewFields("Child B", "serious_harm", date(2024, 1, 29), age_band="under_1",
                                themes=("Abusive head trauma",))
    )
    c = cr.create_case_review(
        db, cr.CaseReviewFields("Child C", "death", date(2024, 1, 2), themes=("Abusive head trauma", "Neglect"))
    )
    rec = cr.create_recommendation(db, cr.RecommendationFields(a.id, "+Invite schools to rapid reviews", org.id))
    cr.add_recommendation_action(
        db, rec.id, action_log.ActionFields("Write to DSLs", owner_organisation_id=org.id, due_date=date(2024, 1, 5))
    )
    cr.add_recommendation_action(
        db, rec.id, action_log.ActionFields("Update guidance", owner_organisation_id=org.id, due_date=date(2023, 6, 30),
                                            status=ActionStatus.DONE, completed_on=date(2023, 6, 1),
                                            evidence="-Used at two reviews")
    )
    cr.save_settings(
        db, dataclasses.replace(cr.load_settings(db), closures=(cr.ClosureDay(date(2023, 12, 27), "Office closed"),))
    )
    return a, b, c


db, cases = database_with("case-review-outputs", build_cases, records="cases")


def sensitive_workbook(path):
    wb = load_workbook(path)
    props = wb.properties
    assert MARK in props.title and MARK in props.keywords and MARK in props.subject
    assert any(p.name == "Classification" and p.value == MARK for p in wb.custom_doc_props)
    for ws in wb.worksheets:
        assert ws.oddHeader.center.text == MARK, ws.title
        assert ws.oddFooter.center.text == MARK, ws.title
    return wb


def sensitive_pdf(path) -> str:
    reader = PdfReader(str(path))
    meta = reader.metadata
    assert MARK in (meta.subject or "") and MARK in str(meta.get("/Keywords", ""))
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        # top and bottom of every page
        assert text.count(MARK) >= 2, f"page {number}"
    return " ".join(" ".join(texts).split())  # table cells wrap: compare words, not lines


def test_tracker_workbook(db, cases, tmp_path):
    jobs.load_all()
    path = jobs.XLSX_AREAS["case-reviews"].run(db, tmp_path / "tracker.xlsx", today=TODAY)
    wb = sensitive_workbook(path)
    assert wb.sheetnames[:4] == ["Cases", "Deadlines", "Recommendations", "Actions"]
    cases_sheet = wb["Cases"]
    header = [c.value for c in cases_sheet[1]]
    rows = {r[0].value: r for r in cases_sheet.iter_rows(min_row=2)}
    status = rows["BSCP-2024-01"][header.index("Status")]  # Child B: notification due Mon 5 Feb
    assert status.value == "Due soon"
    assert status.fill.fgColor.rgb.endswith(STATUS_COLOURS[DeadlineStatus.DUE_SOON].lstrip("#").upper())
    assert rows["BSCP-2024-01"][header.index("Due")].value.date() == date(2024, 2, 5)
    assert rows["BSCP-2024-01"][header.index("Working days left")].value == 2
    assert rows["BSCP-2024-02"][header.index("Status")].value == "Overdue"  # Child C, aware 2 Jan
    assert rows["BSCP-2023-01"][header.index("Status")].value == "No open deadline"

    deadlines = wb["Deadlines"]
    dh = [c.value for c in deadlines[1]]
    late = [r for r in deadlines.iter_rows(min_row=2, values_only=True) if r[dh.index("Status")] == "Met late"]
    # due Fri 10 Feb 2023, sent Mon 13 Feb: one working day late (not three calendar days)
    assert [(r[0], r[dh.index("Deadline")], r[dh.index("Working days late")]) for r in late] == [
        ("BSCP-2023-01", "Rapid review sent to the Panel", 1)
    ]
    actions = wb["Actions"]
    ah = [c.value for c in actions[1]]
    statuses = {r[ah.index("Action")].value: r[ah.index("Status")] for r in actions.iter_rows(min_row=2)}
    overdue = {r[ah.index("Action")].value: r[ah.index("Overdue")].value for r in actions.iter_rows(min_row=2)}
    assert (statuses["Write to DSLs"].value, overdue["Write to DSLs"]) == ("Open", "Yes")
    assert statuses["Update guidance"].value == "Done"
    # user text that looks like a formula stays text
    recs = wb["Recommendations"]
    cell = recs.cell(row=2, column=4)
    assert cell.value == "+Invite schools to rapid reviews" and cell.data_type == "s"
    evidence = [r[ah.index("Evidence of impact")] for r in actions.iter_rows(min_row=2) if r[ah.index("Evidence of impact")].value]
    assert evidence[0].value == "-Used at two reviews" and evidence[0].data_type == "s"


def test_tracker_workbook_counts_an_overdue_clock_as_working_days_overdue_never_as_days_left_below_nought(
        db, cases, tmp_path):
    jobs.load_all()
    wb = load_workbook(jobs.XLSX_AREAS["case-reviews"].run(db, tmp_path / "tracker.xlsx", today=TODAY))
    header = [c.value for c in wb["Cases"][1]]
    rows = {r[0]: r for r in wb["Cases"].iter_rows(min_row=2, values_only=True)}
    # Child C, aware Tue 2 Jan 2024: notification due Tue 9 Jan; on Thu 1 Feb 17 working days overdue
    child_c = rows["BSCP-2024-02"]
    assert child_c[header.index("Status")] == "Overdue"
    assert (child_c[header.index("Working days left")], child_c[header.index("Working days overdue")]) == (None, 17)
    assert (rows["BSCP-2024-01"][header.index("Working days left")],
            rows["BSCP-2024-01"][header.index("Working days overdue")]) == (2, None)
    sheet = wb["Deadlines"]
    dh = [c.value for c in sheet[1]]
    clocks = list(sheet.iter_rows(min_row=2, values_only=True))
    assert all(r[dh.index("Working days left")] is None or r[dh.index("Working days left")] >= 0 for r in clocks)
    overdue = [(r[0], r[dh.index("Deadline")], r[dh.index("Working days overdue")]) for r in clocks
               if r[dh.index("Status")] == "Overdue"]
    assert ("BSCP-2024-02", "Serious incident notification to the Panel", 17) in overdue
    assert all(days > 0 for _ref, _clock, days in overdue)


def test_tracker_pdf(db, cases, tmp_path):
    path = jobs.write_report(db, "case-tracker", tmp_path / "tracker.pdf", today=TODAY)
    text = sensitive_pdf(path)
    assert "Case review tracker" in text
    assert "BSCP-2024-01" in text and "Child B" in text
    assert "Due soon" in text and "Overdue" in text
    assert "5 working days after the date the local authority became aware" in text
    assert "27/12/2023 (Office closed)" in text


def test_case_summary_pdf(db, cases, tmp_path):
    a = cases[0]
    path = jobs.write_report(db, "case", tmp_path / "case.pdf", record_id=a.id, today=TODAY)
    text = sensitive_pdf(path)
    assert "Case summary: BSCP-2023-01 (Child A)" in text
    assert "Met late" in text and "Met on time" in text
    assert "<b>not markup</b>" in text  # user text printed literally
    assert "+Invite schools to rapid reviews" in text
    assert "Write to DSLs" in text and "Used at two reviews" in text


def test_case_summary_needs_an_id(db, cases, tmp_path):
    from bscp_desktop.domain.validation import NotFoundError, ValidationError

    with pytest.raises(ValidationError):
        jobs.write_report(db, "case", tmp_path / "case.pdf")
    with pytest.raises(NotFoundError):
        jobs.write_report(db, "case", tmp_path / "case.pdf", record_id=999)


def test_themes_pdf_and_workbook(db, cases, tmp_path):
    text = sensitive_pdf(jobs.write_report(db, "case-themes", tmp_path / "themes.pdf", today=TODAY))
    assert "Abusive head trauma" in text and "2023/24" in text and "2022/23" in text
    wb = sensitive_workbook(jobs.write_report(db, "case-themes", tmp_path / "themes.xlsx", xlsx=True, today=TODAY))
    rows = {r[0]: r[1:] for r in wb["Themes"].iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in wb["Themes"][1]]
    assert header == ["Theme", "2022/23", "2023/24", "Total"]
    assert rows["Abusive head trauma"] == (0, 2, 2)
    assert rows["Suicide and self-harm"] == (1, 0, 1)
    # the cases of each year stand after the filtered rows, in bold after a blank row, not among the themes
    sheet = wb["Themes"]
    [total] = [r for r in sheet.iter_rows(min_row=2) if str(r[0].value).startswith("Cases in the year")]
    last_filtered = int(sheet.auto_filter.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    assert total[0].row > last_filtered + 1 and total[0].font.bold
    assert sheet.cell(total[0].row - 1, 1).value is None


def test_empty_database_outputs_are_still_marked(db, tmp_path):
    sensitive_workbook(jobs.export_workbook(db, "case-reviews", tmp_path / "t.xlsx"))
    sensitive_pdf(jobs.write_report(db, "case-tracker", tmp_path / "t.pdf"))
    sensitive_pdf(jobs.write_report(db, "case-themes", tmp_path / "th.pdf"))


@pytest.mark.slow  # runs the program in new processes
def test_command_line(db_path, db, cases, tmp_path):
    db.close()
    for args, name in (
        (["export", "xlsx", "--area", "case-reviews"], "cli.xlsx"),
        (["report", "case", "--id", str(cases[1].id)], "case.pdf"),
        (["report", "case-tracker"], "tracker.pdf"),
        (["report", "case-themes", "--xlsx"], "themes.xlsx"),
    ):
        out = tmp_path / name
        result = subprocess.run(
            [sys.executable, "-m", "bscp_desktop", "--db", str(db_path), *args, "-o", str(out)],
            capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        if name.endswith(".xlsx"):
            sensitive_workbook(out)
        else:
            sensitive_pdf(out)
    refused = subprocess.run(
        [sys.executable, "-m", "bscp_desktop", "--db", str(db_path), "report", "case-tracker", "--id", "1",
         "-o", str(tmp_path / "x.pdf")],
        capture_output=True, text=True, timeout=120,
    )
    assert refused.returncode == 2 and "does not take" in refused.stderr


def test_a_case_summary_without_recommendations_says_archived_ones_are_not_listed(db, cases, tmp_path):
    text = sensitive_pdf(jobs.write_report(db, "case", tmp_path / "case.pdf", record_id=cases[1].id, today=TODAY))
    assert "No recommendations recorded (archived ones are not listed)." in " ".join(text.split())
