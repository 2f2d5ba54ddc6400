"""Audits outputs read back: the workbook's sheets and fills, the Section 11 summary (landscape,
words in every cell), the case audit report and the change log, OFFICIAL-SENSITIVE where due."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bscp_desktop import cli, jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import RATING_COLOURS, Rating
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from tests.built_once import database_with
from tests.reports.pdf_fonts import unembedded_fonts

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

MARK = "OFFICIAL-SENSITIVE"


def build_data(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Żółć Police", OrganisationKind.POLICE))
    old = s11.create_cycle(db, s11.CycleFields("2022-24", date(2022, 4, 1), date(2022, 6, 30)))
    new = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    for cycle, rating in ((old, "Red"), (new, "Green")):
        parts = s11.add_agencies(db, cycle.id, [council.id, police.id])
        standard = s11.list_standards(db, cycle.id)[0]
        sr.save_rating(db, parts[0].id, standard.id, sr.RatingFields(rating, evidence="+44 board report",
                                                                     action="Annual report to the board",
                                                                     action_due=date(2024, 9, 30)))
    s11.update_participant(db, parts[0].id, s11.ParticipantFields("", date(2024, 4, 1), date(2024, 7, 8)))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1), theme="Neglect"))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(council.id,), agreed_grading="Good"))
    sa.update_return(db, case.returns[0].id, sa.ReturnFields(date(2023, 2, 2), date(2023, 2, 20), "=SUM(A1)",
                                                              "Voice of the child", "Good"))
    le.create_learning(db, le.LearningFields(audit.id, "Use chronologies", "Neglect", "training"))
    rec = le.create_recommendation(db, le.RecommendationFields(audit.id, "Neglect toolkit", council.id))
    le.add_recommendation_action(db, rec.id, action_log.ActionFields("Relaunch the toolkit", owner_organisation_id=council.id,
                                                                          due_date=date(2023, 6, 30)))
    return {"old": old, "new": new, "audit": audit}


db, data = database_with("audits-outputs", build_data, records="data")


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_audits_workbook(db, data, tmp_path):
    path = jobs.export_workbook(db, "audits", tmp_path / "audits.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["S11 cycles", "S11 ratings", "Case audits", "Audit returns", "Learning log", "Actions"]
    assert MARK in wb.properties.keywords
    ratings = wb["S11 ratings"]
    header = [c.value for c in ratings[1]]
    assert header[4:9] == ["Self-assessed", "Moderated", "Rating used", "Earlier cycle", "Change"]
    green = [row for row in ratings.iter_rows(min_row=2) if row[6].value == "Green"]
    assert green and green[0][6].fill.start_color.rgb.endswith(RATING_COLOURS[Rating.GREEN].lstrip("#").upper())
    assert green[0][8].value == "Improved" and green[0][7].value == "Red"
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert "=SUM(A1)" in {c.value for c in cells} and "+44 board report" in {c.value for c in cells}
    actions = [r[1].value for r in wb["Actions"].iter_rows(min_row=2) if r[1].value]  # the day counted on under them
    assert sorted(actions) == ["Annual report to the board", "Annual report to the board", "Relaunch the toolkit"]


@pytest.mark.slow
def test_s11_summary_is_landscape_with_words(db, data, tmp_path):
    path = jobs.write_report(db, "s11-summary", tmp_path / "s11.pdf", cycle="2024-26")
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = _text(path)
    for words in ("Section 11 self-assessment 2024-26", "Green", "Improved", "Not rated", "Counts per standard",
                  "Returned 6 working days late", "Annual report to the board", "Żółć Police", "The earlier cycle, 2022-24"):
        assert words in text
    assert MARK not in text
    assert unembedded_fonts(path) == []  # the coloured grid's cells are in the house font


def test_audit_report_is_official_sensitive(db, data, tmp_path):
    path = jobs.write_report(db, "audit", tmp_path / "audit.pdf", record_id=data["audit"].id)
    text = _text(path)
    assert MARK in text and MARK in PdfReader(path).metadata.get("/Subject", "")
    for words in ("MAA-2023-01", "Child A", "Good", "Voice of the child", "=SUM(A1)", "Use chronologies",
                  "Relaunch the toolkit", "Neglect toolkit"):
        assert words in text


@pytest.mark.slow
@pytest.mark.sqlite_only  # the file itself
def test_change_log_report_from_the_command_line(db, db_path, data, tmp_path, capsys):
    db.close()
    today = date.today().strftime("%d/%m/%Y")
    pdf = tmp_path / "log.pdf"
    assert cli.main(["report", "change-log", "--from", today, "--to", today, "--area", "audits", "--db", str(db_path),
                     "-o", str(pdf)]) == 0
    text = _text(pdf)
    assert MARK in text and "Audits" in text and "Section 11 rating" in text
    book = tmp_path / "log.xlsx"
    assert cli.main(["report", "change-log", "--from", today, "--to", today, "--db", str(db_path), "-o", str(book)]) == 0
    ws = load_workbook(book)["Change log"]
    assert [c.value for c in ws[1]] == ["When", "Who", "Area", "Record", "What happened", "Field", "Old value",
                                        "New value"]
    records = {row[3].value for row in ws.iter_rows(min_row=2)}
    assert {row[2].value for row in ws.iter_rows(min_row=2)} >= {"Audits", "Memberships", "Action log"}
    narrowed = tmp_path / "audits-log.xlsx"
    assert cli.main(["report", "change-log", "--area", "audits", "--db", str(db_path), "-o", str(narrowed)]) == 0
    assert {row[2].value for row in load_workbook(narrowed)["Change log"].iter_rows(min_row=2)} == {"Audits"}
    assert {"Organisation: Żółć Police", "Section 11 rating: Brent Council: standard 1 (2024-26)"} <= records
    capsys.readouterr()
    assert cli.main(["report", "change-log", "--area", "nowhere", "--db", str(db_path), "-o", str(book)]) == 2
    assert "There is no area called 'nowhere'" in capsys.readouterr().err
    assert cli.main(["report", "s11-summary", "--db", str(db_path), "-o", str(pdf)]) == 2
    assert "--cycle" in capsys.readouterr().err



def test_a_change_log_is_marked_as_the_area_it_covers_is():
    """Every area's changes, case reviews', audits' or meetings' (confidential items) are marked;
    memberships', finance's or training's alone are not."""
    from bscp_desktop.jobs.audits import area_is_marked

    assert area_is_marked(None) and area_is_marked("audits") and area_is_marked("case_reviews")
    assert area_is_marked("meetings") and area_is_marked("actions") and area_is_marked("offline")
    assert not any(area_is_marked(a) for a in ("memberships", "finance", "training", "yearly_report"))


@pytest.mark.slow
def test_a_change_log_narrowed_to_an_area_is_marked_as_that_area_is(db, data, tmp_path):
    members = jobs.write_report(db, "change-log", tmp_path / "members.xlsx", area="memberships")
    book = load_workbook(members)
    assert book.properties.keywords != MARK and "Organisation: Brent Council" in {
        row[3].value for row in book["Change log"].iter_rows(min_row=2)}
    assert MARK in _text(jobs.write_report(db, "change-log", tmp_path / "audits.pdf", area="audits"))
    assert load_workbook(jobs.write_report(db, "change-log", tmp_path / "all.xlsx")).properties.keywords == MARK
