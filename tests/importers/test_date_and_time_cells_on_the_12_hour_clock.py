"""A date column holding a date and a time on the 12-hour clock, as LMS exports write them
("01/03/2024 10:00 AM", "01/03/2024 2:30 pm"), is read as its date, as one on the 24-hour clock
("01/03/2024 09:15") is: AM or PM in any case, with or without a space, "a.m." and "p.m." too;
12 AM is midnight and 12 PM noon. An hour the 12-hour clock does not have ("13:00 PM", "0:30 AM")
is refused, the row's problem naming the column and saying why."""

from __future__ import annotations

from datetime import date, time

import pytest

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.tabular import cell_date, cell_date_and_time
from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import bookings as bk
from tests.importers.test_finance_imports import EXPENDITURE_COLUMNS, write_csv
from tests.importers.test_training_import import COURSE
from tests.importers.test_training_import import write_csv as write_bookings


@pytest.mark.parametrize(("text", "moment"), [
    ("01/03/2024 10:00 AM", time(10, 0)),
    ("01/03/2024 2:30 pm", time(14, 30)),
    ("01/03/2024 10:00am", time(10, 0)),
    ("01/03/2024 2:30PM", time(14, 30)),
    ("01/03/2024 10:00 a.m.", time(10, 0)),
    ("01/03/2024 4:45 P.M.", time(16, 45)),
    ("01/03/2024 10:00:31 Am", time(10, 0, 31)),
    ("2024-03-01T09:15:00 pm", time(21, 15)),
    ("01/03/2024 12:00 AM", time(0, 0)),  # midnight
    ("01/03/2024 12:30 am", time(0, 30)),
    ("01/03/2024 12:00 PM", time(12, 0)),  # noon
    ("01/03/2024 12:45 pm", time(12, 45)),
    ("01/03/2024 09:15", time(9, 15)),  # as before: the 24-hour clock
])
def test_a_date_with_a_time_on_either_clock_is_its_date(text, moment):
    assert cell_date_and_time(text) == (date(2024, 3, 1), moment)
    assert cell_date(text) == date(2024, 3, 1)


@pytest.mark.parametrize(("text", "instead"), [
    ("01/03/2024 13:00 PM", "give 1:00 PM, or 13:00 without PM"),
    ("01/03/2024 0:30 AM", "give 12:30 AM, or 00:30 without AM"),
    ("01/03/2024 13:00 am", "give the time on the 24-hour clock (HH:MM) without AM"),
])
def test_an_hour_the_12_hour_clock_does_not_have_is_refused_saying_why(text, instead):
    with pytest.raises(ValueError, match="12-hour clock does not have") as refused:
        cell_date(text)
    assert str(refused.value).endswith(instead)


def test_an_lms_export_of_bookings_made_at_am_and_pm_times_imports(db, tmp_path):
    rows = [[COURSE, "15/04/2024 10:00", "3", "Ann Lee", "ann@example.org", "", "", "01/03/2024 10:00 AM", "", ""],
            [COURSE, "15/04/2024 10:00", "3", "Bo Chan", "bo@example.org", "", "", "02/03/2024 2:30 pm", "", ""],
            [COURSE, "15/04/2024 10:00", "3", "Cy Diaz", "cy@example.org", "", "", "03/03/2024 12:00 a.m.", "", ""]]

    report = run_import(db, "bookings", write_bookings(tmp_path / "lms.csv", rows))

    assert (report.added, report.bad_rows) == (3, [])
    assert sorted((b.delegate_name, b.booked_on) for b in bk.list_bookings(db)) == [
        ("Ann Lee", date(2024, 3, 1)), ("Bo Chan", date(2024, 3, 2)), ("Cy Diaz", date(2024, 3, 3))]


def test_expenditure_dated_with_an_am_or_pm_time_imports(db, tmp_path):
    rows = [EXPENDITURE_COLUMNS, ["01/05/2023 10:00 AM", "Events", "Venues", "Spring forum", "100"],
            ["01/06/2023 2:30PM", "Events", "Venues", "Summer forum", "100"]]

    report = run_import(db, "expenditure", write_csv(tmp_path / "spend.csv", rows))

    assert (report.added, report.bad_rows) == (2, [])
    assert sorted(e.spent_on for e in fin.list_expenses(db, 2023)) == [date(2023, 5, 1), date(2023, 6, 1)]


def test_a_time_the_12_hour_clock_does_not_have_refuses_the_row_naming_the_column(db, tmp_path):
    rows = [EXPENDITURE_COLUMNS, ["01/05/2023 13:00 PM", "Events", "Venues", "Spring forum", "100"],
            ["01/06/2023 0:30 AM", "Events", "Venues", "Summer forum", "100"]]

    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", write_csv(tmp_path / "spend.csv", rows))

    assert refused.value.report.bad_rows == [
        "Row 2: Date: '01/05/2023 13:00 PM' has the time 13:00 PM, which the 12-hour clock does not have (its hours "
        "are 1 to 12): give 1:00 PM, or 13:00 without PM.",
        "Row 3: Date: '01/06/2023 0:30 AM' has the time 0:30 AM, which the 12-hour clock does not have (its hours "
        "are 1 to 12): give 12:30 AM, or 00:30 without AM.",
    ]
