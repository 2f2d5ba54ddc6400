"""A date whose day and month are each in the calendar but do not go together (31/02/2026,
29/02/2025 outside a leap year, a 13th month) is refused saying why, in the sentence every date
refusal has, naming the field or column as before; what is no date at all is refused as before."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from bscp_desktop.domain.dates import parse_date, parse_date_as_typed, parse_date_entry, parse_datetime_as_typed
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.tabular import cell_date
from bscp_desktop.services import finance as fin
from tests.importers.test_training_import import COLUMNS, COURSE


@pytest.mark.parametrize(("text", "why"), [
    ("31/02/2026", "February 2026 has no 31st"),
    ("29/02/2025", "February 2025 has no 29th"),
    ("29/2/25", "February 2025 has no 29th"),
    ("31/04/2024", "April 2024 has no 31st"),
    ("30 February 2024", "February 2024 has no 30th"),
    ("2023-02-29", "February 2023 has no 29th"),
    ("13/13/2024", "there is no 13th month"),
    ("01/22/2024", "there is no 22nd month"),
])
def test_a_day_the_month_does_not_have_is_refused_saying_why(text, why):
    with pytest.raises(ValueError) as refused:
        parse_date_as_typed(text)
    assert str(refused.value) == f"'{text}' is not a date ({why}); use dd/mm/yyyy"
    with pytest.raises(ValueError) as refused:
        cell_date(text)  # as every import reads a date column
    assert str(refused.value) == f"'{text}' is not a date ({why}); use dd/mm/yyyy"


@pytest.mark.parametrize("text", ["32/01/2024", "99/99/2024", "00/01/2024", "15/00/2024", "someday", "1/1/0000"])
def test_what_is_no_day_and_month_at_all_is_refused_as_before(text):
    with pytest.raises(ValueError) as refused:
        parse_date_as_typed(text)
    assert str(refused.value) == f"'{text}' is not a date; use dd/mm/yyyy"


def test_a_field_named_first_keeps_its_name_and_the_reason_follows():
    with pytest.raises(ValueError) as refused:
        parse_date("29/02/2025", "Became aware")
    assert str(refused.value) == "Became aware '29/02/2025' is not a date (February 2025 has no 29th); use dd/mm/yyyy"


def test_a_date_and_time_on_a_day_the_month_does_not_have_says_why():
    with pytest.raises(ValueError) as refused:
        parse_datetime_as_typed("31/02/2026 10:00")
    assert str(refused.value) == ("'31/02/2026 10:00' is not a date and time (February 2026 has no 31st); use "
                                  "dd/mm/yyyy HH:MM")
    with pytest.raises(ValueError) as refused:
        parse_datetime_as_typed("31/02/2026 25:00")  # a wrong time as well: the day is said first
    assert "(February 2026 has no 31st)" in str(refused.value)
    with pytest.raises(ValueError) as refused:
        parse_datetime_as_typed("30/01/2026 25:00")  # a real day: nothing said of it
    assert str(refused.value) == "'30/01/2026 25:00' is not a date and time; use dd/mm/yyyy HH:MM"


def test_a_date_typed_in_a_form_says_why_too():
    with pytest.raises(ValueError) as refused:
        parse_date_entry("29/02/2027")
    assert str(refused.value) == ("'29/02/2027' is not a date (February 2027 has no 29th); type it as 14/01/2027, "
                                  "14 Jan 2027 or today")


def test_an_expenditure_row_names_its_column_and_says_why(db, tmp_path):
    path = tmp_path / "spend.csv"
    path.write_text("Date,Category,Payee,Description,Amount\n29/02/2025,Events,Civic Centre,Forum,100\n"
                    "13/13/2024,Events,Civic Centre,Forum,100\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path)
    assert refused.value.report.bad_rows == [
        "Row 2: Date: '29/02/2025' is not a date (February 2025 has no 29th); use dd/mm/yyyy.",
        "Row 3: Date: '13/13/2024' is not a date (there is no 13th month); use dd/mm/yyyy."]
    assert fin.list_expenses(db) == []


def test_a_booking_s_session_start_and_booked_on_say_why(db, tmp_path):
    wb = Workbook()
    wb.active.append(COLUMNS)
    wb.active.append([COURSE, "31/02/2024 10:00", 20, "Ann Lee", "ann@example.org", "", "", "31/09/2023", "", ""])
    path = tmp_path / "bookings.xlsx"
    wb.save(path)
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", path)
    (line,) = refused.value.report.bad_rows
    assert ("Session start: '31/02/2024 10:00' is not a date and time (February 2024 has no 31st); use dd/mm/yyyy "
            "HH:MM") in line
    assert "Booked on: '31/09/2023' is not a date (September 2023 has no 31st); use dd/mm/yyyy" in line
