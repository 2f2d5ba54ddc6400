"""Two delegates of one name at one organisation, both charged, are told apart on the charges
statement by their email (or, with none, their booking's id), so the statement never reads as
one delegate charged twice; names and emails print as the plain text they are."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pypdf

from bscp_desktop import jobs
from bscp_desktop.domain.training import ChargeRates, Outcome
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st

NAME = "Sam <b>Smith</b> & Co"  # as typed: printed as it reads, never as markup


def _text(path) -> str:
    return " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in pypdf.PdfReader(path).pages)


def namesakes(db) -> dict[str, int]:
    """Three no-shows of one name at Acme Nursery: two emails, and one with none."""
    st.save_charge_rates(db, [ChargeRates(2024, Decimal("40.00"), Decimal("20.00"))])
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    ids = {}
    for n, email in enumerate(("sam.smith@acme-nursery.example.org", "s.smith.deputy.manager@acme-nursery.example.org", "")):
        session = cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 5, 1 + n, 9, 30), 10))
        ids[email] = bk.create_booking(db, bk.BookingFields(session.id, NAME, email, organisation_name="ACME NURSERY",
                                                            booked_on=date(2024, 4, 1), outcome=Outcome.NO_SHOW)).booking.id
    return ids


def test_each_charge_line_names_the_delegates_email_or_else_the_booking(db):
    ids = namesakes(db)
    lines = ch.charges_report(db, date(2024, 5, 1), date(2024, 5, 31)).lines
    assert [ln.delegate_contact for ln in lines] == [
        "sam.smith@acme-nursery.example.org", "s.smith.deputy.manager@acme-nursery.example.org",
        f"No email (booking {ids['']})"]


def test_the_pdf_statement_tells_namesakes_apart_by_email_or_booking(db, tmp_path):
    ids = namesakes(db)
    out = jobs.write_report(db, "charges", tmp_path / "acme.pdf", date_from=date(2024, 5, 1), date_to=date(2024, 5, 31),
                            organisation="ACME NURSERY")
    text = _text(out)
    assert "Statement: ACME NURSERY" in text and "Email" in text
    squeezed = text.replace(" ", "")  # a long email wraps in its column: read it whole
    assert "sam.smith@acme-nursery.example.org" in squeezed
    assert "s.smith.deputy.manager@acme-nursery.example.org" in squeezed
    assert f"Noemail(booking{ids['']})" in squeezed
    assert "Sam<b>Smith</b>&Co" in squeezed  # plain text, not bold


def test_the_excel_statement_tells_namesakes_apart_as_the_pdf_does(db, tmp_path):
    import openpyxl

    ids = namesakes(db)
    out = jobs.write_report(db, "charges", tmp_path / "acme.xlsx", date_from=date(2024, 5, 1), date_to=date(2024, 5, 31),
                            xlsx=True)
    sheet = openpyxl.load_workbook(out)["Charges"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    emails = [row[header.index("Email")] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1] == NAME]
    assert emails == ["sam.smith@acme-nursery.example.org", "s.smith.deputy.manager@acme-nursery.example.org",
                      f"No email (booking {ids['']})"]
