"""E-mail addresses and counts in the training imports: an address is cleaned as the booking
window cleans it (invisible characters and a "mailto:" gone), so one delegate is one booking and
one evaluation; a comma in a number is read only between thousands."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bscp_desktop.domain.validation import Checker, clean_email, email_problem, is_valid_email, whole_number
from bscp_desktop.importers import ImportRejected, run_import, template_columns
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.services.training import figures as fg

COLUMNS = ["Course", "Session start", "Capacity", "Delegate", "Email", "Job title", "Organisation",
           "Booked on", "Outcome", "Cancelled on"]
COURSE = "Safeguarding adults"
START = "01/02/2024 10:00"


def write_csv(path: Path, rows, header=COLUMNS) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def booked(name: str, email: str, capacity: str = "", outcome: str = "") -> list[str]:
    return [COURSE, START, capacity, name, email, "", "Brent Council", "01/01/2024", outcome, ""]


# ------------------------------------------------------------------ the address, as the window has it


def test_an_address_is_cleaned_of_invisible_characters_and_a_mailto():
    assert clean_email("pat.lee\u200b@brent.gov.uk") == "pat.lee@brent.gov.uk"
    assert clean_email("sam.roe\u00ad@brent.gov.uk") == "sam.roe@brent.gov.uk"  # a soft hyphen
    assert clean_email(" \u00ad MAILTO: pat.lee@brent.gov.uk\u00a0") == "pat.lee@brent.gov.uk"
    assert clean_email("mailto:pat.lee@brent.gov.uk") == "pat.lee@brent.gov.uk"
    assert clean_email("mailtopat@brent.gov.uk") == "mailtopat@brent.gov.uk"


def test_an_address_still_holding_an_invisible_character_a_space_or_a_colon_is_refused():
    for address in ("o'neil@x.org", "first.last+tag@sub.nhs.uk", "Zoë@example.org", "name@brent.gov.uk"):
        assert is_valid_email(address), address
    for address in ("pat.lee\u200b@brent.gov.uk", "sam.roe\u00ad@brent.gov.uk", "pat.lee\u00a0@brent.gov.uk",
                    "mailto:pat.lee@brent.gov.uk", "pat:lee@brent.gov.uk", "", "x", "a..b@x.org"):
        assert not is_valid_email(address), address
    assert email_problem("pat.lee\u200b@brent.gov.uk") == (
        "Email 'pat.lee\u200b@brent.gov.uk' is not a valid email address: it holds an invisible character "
        "(U+200B zero width space); type it again (for example name@brent.gov.uk)")
    assert email_problem("pat:lee@brent.gov.uk", "Work email").startswith(
        "Work email 'pat:lee@brent.gov.uk' is not a valid email address: it has a ':' before the @")
    assert email_problem("pat.lee\u00a0@brent.gov.uk").endswith(
        ": it holds a space (U+00A0 no-break space) inside it (for example name@brent.gov.uk)")
    assert email_problem("pat lee@brent.gov.uk") == (
        "Email 'pat lee@brent.gov.uk' is not a valid email address (for example name@brent.gov.uk)")
    assert email_problem("x") == "Email 'x' is not a valid email address (for example name@brent.gov.uk)"
    assert email_problem("") == ""
    c = Checker()
    assert c.email("email", "mailto:pat.lee\u200b@brent.gov.uk") == "pat.lee@brent.gov.uk" and not c.errors


# ------------------------------------------------------------------ bookings and evaluations


def test_an_address_with_an_invisible_character_or_a_mailto_is_one_booking(db, tmp_path):
    first = [booked("Pat Lee", "pat.lee\u200b@brent.gov.uk", "5"), booked("Sam Roe", "sam.roe\u00ad@brent.gov.uk"),
             booked("Kim Ode", "MailTo:kim.ode@brent.gov.uk")]
    assert run_import(db, "bookings", write_csv(tmp_path / "a.csv", first)).added == 3
    plain = [booked("Pat Lee", "pat.lee@brent.gov.uk", outcome="Attended"),
             booked("Sam Roe", "sam.roe@brent.gov.uk", outcome="Attended"),
             booked("Kim Ode", "kim.ode@brent.gov.uk", outcome="Attended")]
    again = run_import(db, "bookings", write_csv(tmp_path / "b.csv", plain))
    assert (again.added, again.updated) == (0, 3)
    assert sorted((b.delegate_name, b.email, b.outcome.label) for b in bk.list_bookings(db)) == [
        ("Kim Ode", "kim.ode@brent.gov.uk", "Attended"), ("Pat Lee", "pat.lee@brent.gov.uk", "Attended"),
        ("Sam Roe", "sam.roe@brent.gov.uk", "Attended")]


def test_a_bookings_address_with_a_colon_before_the_at_is_a_bad_row(db, tmp_path):
    rows = [booked("Pat Lee", "pat.lee@brent.gov.uk", "5"), booked("Sam Roe", "Sam Roe:sam.roe@brent.gov.uk")]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "a.csv", rows))
    assert err.value.report.bad_rows == [
        "Row 3: Email 'Sam Roe:sam.roe@brent.gov.uk' is not a valid email address: it has a ':' before the @; give "
        "the address alone, without 'mailto:' or a name before it (for example name@brent.gov.uk)."]
    rows[1][4] = "sam:roe@brent.gov.uk"
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "a.csv", rows))
    assert "Row 3: Email 'sam:roe@brent.gov.uk' is not a valid email address: it has a ':' before the @" in (
        err.value.report.bad_rows[0])
    assert bk.list_bookings(db) == []


def test_an_evaluations_address_with_an_invisible_character_or_a_mailto_is_the_delegates(db, tmp_path):
    plain = [booked("Pat Lee", "pat.lee@brent.gov.uk", "5", "Attended"),
             booked("Kim Ode", "kim.ode@brent.gov.uk", outcome="Attended")]
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", plain))
    header = template_columns("evaluations")
    rows = [[COURSE, START, "", "pat.lee\u200b@brent.gov.uk", "", "2", "4", "", "", ""],
            [COURSE, START, "", "mailto:kim.ode@brent.gov.uk", "", "3", "5", "", "", ""]]
    assert run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, header=header)).added == 2
    bookings = {b.email: b.id for b in bk.list_bookings(db)}
    assert sorted((e.delegate_name, e.booking_id) for e in ev.list_evaluations(db)) == [
        ("kim.ode@brent.gov.uk", bookings["kim.ode@brent.gov.uk"]), ("pat.lee@brent.gov.uk", bookings["pat.lee@brent.gov.uk"])]
    again = [[COURSE, START, "", "pat.lee@brent.gov.uk", "", "2", "4", "", "", ""],
             [COURSE, START, "", "kim.ode@brent.gov.uk", "", "3", "5", "", "", ""]]
    report = run_import(db, "evaluations", write_csv(tmp_path / "e2.csv", again, header=header))
    assert (report.added, report.unchanged) == (0, 2) and len(ev.list_evaluations(db)) == 2


# ------------------------------------------------------------------ commas in numbers


def test_a_comma_is_read_only_between_thousands():
    assert [whole_number(t) for t in ("0", "7", "10.0", "1,000", "12,345,678", "999,999")] == [0, 7, 10, 1000, 12345678, 999999]
    for text in ("1,0", "2,5", "1,2,3", "1,00", "1,0000", ",100", "100,", "0,500", "1,,000", "1.5", "", "²"):
        with pytest.raises(ValueError):
            whole_number(text)


def test_a_capacity_with_a_decimal_comma_is_a_bad_row(db, tmp_path):
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "a.csv", [booked("Pat Lee", "", "1,0")]))
    assert err.value.report.bad_rows == [
        "Row 2: Capacity '1,0' is not a whole number: a comma goes only between thousands, as in 1,000."]
    assert cs.list_sessions(db) == [] and bk.list_bookings(db) == []
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", [booked("Pat Lee", "", "1,000")]))
    assert [s.capacity for s in cs.list_sessions(db)] == [1000]


def test_registrations_with_commas_not_between_thousands_are_bad_rows(db, tmp_path):
    header = ["Month", "Registrations"]
    path = write_csv(tmp_path / "r.csv", [["April 2024", "1,2,3"], ["May 2024", "2,5"], ["June 2024", "1,000"]], header)
    with pytest.raises(ImportRejected) as err:
        run_import(db, "registrations", path)
    assert err.value.report.bad_rows == [
        "Row 2: Registrations '1,2,3' is not a whole number: a comma goes only between thousands, as in 1,000.",
        "Row 3: Registrations '2,5' is not a whole number: a comma goes only between thousands, as in 1,000.",
    ]
    assert fg.list_registrations(db) == []
    run_import(db, "registrations", write_csv(tmp_path / "ok.csv", [["June 2024", "1,000"], ["July 2024", "12.0"]], header))
    assert [count for _month, count in fg.list_registrations(db)] == [1000, 12]
