"""Training outputs: workbook sheets and safety, the summary as Excel, sign-in sheet,
certificate, charges statement, and the command line's messages for bad options."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pypdf
import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.cli import main
from bscp_desktop.domain.training import ChargeRates
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.services.training import settings as st
from tests.built_once import database_with

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def _text(path) -> str:
    return " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in pypdf.PdfReader(path).pages)


def build_programme(db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority", "LBB"))
    course = cs.create_course(db, cs.CourseFields("=HYPERLINK(\"http://x\",\"Neglect\")", topic="Neglect",
                                                  learning_outcomes=("Spot neglect", "Refer"), length_minutes=150))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 4, 15, 9, 30), 3,
                                                     venue="Brent Civic Centre", facilitator="Amara Osei"))
    ids = {}
    for name, outcome, cancelled in (("Żaneta Ólafsdóttir", "Attended", None), ("王秀英", "No-show", None),
                                     ("Bo Chan", "Cancelled", date(2024, 4, 12)), ("Cy Diaz", "Booked", None),
                                     ("Dee Eve", None, None)):
        result = bk.create_booking(db, bk.BookingFields(session.id, name, organisation_name="LBB",
                                                        booked_on=date(2024, 3, 1), outcome=outcome, cancelled_on=cancelled))
        ids[name] = result.booking.id
    ev.create_evaluation(db, ev.EvaluationFields(session.id, booking_id=ids["Żaneta Ólafsdóttir"],
                                                 scores=(ev.ScoreFields(1, 2, 4),), comments="@SUM(A1) useful"))
    st.save_charge_rates(db, [ChargeRates(2024, Decimal("40.00"), Decimal("20.00"))])
    return course, session, ids


db, programme = database_with("training-outputs", build_programme, records="programme")


def test_workbook_sheets_keep_user_text_as_text(db, programme, tmp_path):
    out = jobs.export_workbook(db, "training", tmp_path / "t.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Courses", "Sessions", "Bookings", "Evaluations", "Figures by course",
                             "Figures by organisation", "Charges"]
    title = wb["Courses"]["A2"]
    assert title.value == '=HYPERLINK("http://x","Neglect")' and title.data_type == "s"
    bookings = list(wb["Bookings"].iter_rows(values_only=True))
    assert {r[2] for r in bookings[1:]} == {"Żaneta Ólafsdóttir", "王秀英", "Bo Chan", "Cy Diaz", "Dee Eve"}
    assert "@SUM(A1) useful" in [c.value for c in wb["Evaluations"]["H"]]
    charges = list(wb["Charges"].iter_rows(values_only=True))
    assert charges[-1][0] == "Total" and charges[-1][-1] == 60  # a no-show £40 and a late cancellation £20
    assert wb["Charges"].cell(row=wb["Charges"].max_row, column=11).number_format == '"£"#,##0.00'
    orgs = list(wb["Figures by organisation"].iter_rows(values_only=True))
    assert orgs[1][0] == "Brent Council" and orgs[-1][0] == "Total"


def test_summary_as_a_workbook(db, programme, tmp_path):
    out = jobs.write_report(db, "training-summary", tmp_path / "s.xlsx", date_from=date(2024, 4, 1),
                            date_to=date(2024, 6, 30))
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["Summary", "Figures by course"]
    summary = {r[0]: r for r in wb["Summary"].iter_rows(values_only=True)}
    assert summary["Places"][1] == 3 and summary["Bookings"][1] == 4
    assert summary["Take-up (attended / places)"][1] == pytest.approx(1 / 3)


def test_the_summary_sheet_shows_rates_as_percentages_and_counts_as_whole_numbers(db, programme, tmp_path):
    out = jobs.write_report(db, "training-summary", tmp_path / "s.xlsx", date_from=date(2024, 4, 1),
                            date_to=date(2024, 6, 30))
    cells = {row[0].value: row[1] for row in load_workbook(out)["Summary"].iter_rows() if row[0].value}
    assert cells["Take-up (attended / places)"].number_format == "0.0%"  # 33.3%, as the figures sheets show it
    assert cells["Attendance rate (attended / bookings)"].number_format == "0.0%"
    assert cells["Bookings"].value == 4 and cells["Bookings"].number_format == "0"


def test_sign_in_sheet_lists_those_holding_places(db, programme, tmp_path):
    _course, session, _ids = programme
    out = jobs.write_report(db, "session-register", tmp_path / "r.pdf", record_id=session.id)
    text = _text(out)
    assert "Sign-in sheet" in text and "Brent Civic Centre" in text and "Amara Osei" in text
    for name in ("Żaneta Ólafsdóttir", "王秀英", "Cy Diaz"):
        assert name in text
    assert "Bo Chan" not in text  # cancelled
    assert "On the waiting list" in text and "Dee Eve" in text
    with pytest.raises(ValidationError):
        jobs.write_report(db, "session-register", tmp_path / "x.pdf")


def test_certificate_only_for_those_who_attended(db, programme, tmp_path):
    _course, _session, ids = programme
    text = _text(jobs.write_report(db, "certificate", tmp_path / "c.pdf", booking=ids["Żaneta Ólafsdóttir"]))
    assert "Certificate of attendance" in text and "Żaneta Ólafsdóttir" in text
    assert "15 Apr 2024" in text and "2 h 30 min" in text and "Spot neglect" in text
    with pytest.raises(ValidationError, match="only for delegates who attended"):
        jobs.write_report(db, "certificate", tmp_path / "c2.pdf", booking=ids["王秀英"])


def test_charges_statement_pdf_and_excel(db, programme, tmp_path):
    _course, _session, ids = programme
    bk.waive_charge(db, ids["Bo Chan"], "Family emergency: agreed by the manager")
    text = _text(jobs.write_report(db, "charges", tmp_path / "c.pdf", date_from=date(2024, 4, 1),
                                   date_to=date(2024, 6, 30), organisation="Brent Council"))
    assert "Statement: Brent Council" in text
    assert "Family emergency: agreed by the manager" in text
    assert "£40.00" in text and "Total due" in text
    # the rates printed are the period's own year's, not the year before
    st.save_charge_rates(db, [ChargeRates(2023, Decimal("35.00"), Decimal("15.00")),
                              ChargeRates(2024, Decimal("40.00"), Decimal("20.00"))])
    text = _text(jobs.write_report(db, "charges", tmp_path / "april.pdf", date_from=date(2024, 4, 1),
                                   date_to=date(2024, 4, 30)))
    assert "Charges: 2024/25: no-show £40.00, late cancellation £20.00." in text and "2023/24" not in text
    wb = load_workbook(jobs.write_report(db, "charges", tmp_path / "c.xlsx", date_from=date(2024, 4, 1),
                                         date_to=date(2024, 6, 30)))
    totals = list(wb["Totals"].iter_rows(values_only=True))
    assert totals[-1][0] == "Total" and totals[-1][-1] == 40 and totals[-1][-2] == 20


def test_command_line_names_what_is_missing(db_file, capsys):

    assert main(["report", "training-summary", "--db", str(db_file), "-o", str(db_file.parent / "s.pdf")]) == 2
    err = capsys.readouterr().err
    assert "Give the first day of the period (--from dd/mm/yyyy)" in err and "Traceback" not in err
    assert main(["report", "certificate", "--db", str(db_file), "-o", str(db_file.parent / "c.pdf")]) == 2
    assert "--booking ID" in capsys.readouterr().err
    assert main(["report", "certificate", "--organisation", "x", "--booking", "1", "--db", str(db_file),
                 "-o", str(db_file.parent / "c.pdf")]) == 2
    assert "does not take --organisation" in capsys.readouterr().err
    assert main(["report", "charges", "--from", "01/04/2024", "--to", "30/06/2024", "--organisation", "Nowhere",
                 "--db", str(db_file), "-o", str(db_file.parent / "c.pdf")]) == 2
    assert "No organisation called 'Nowhere'" in capsys.readouterr().err
    assert main(["report", "session-register", "--id", "99", "--db", str(db_file), "-o", str(db_file.parent / "r.pdf")]) == 2
    assert "There is no session with id 99" in capsys.readouterr().err

