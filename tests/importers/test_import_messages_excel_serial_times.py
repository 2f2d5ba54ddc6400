"""A session's start given as the number Excel keeps a date and time as (46266.395833 for
01/09/2026 09:30), in a column not formatted as dates, is refused with the hint a date column's
whole number gets, saying how to make dates of it; as a whole number is, it is not read as one."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.tabular import EXCEL_NUMBER_HINT, cell_date
from bscp_desktop.importers.training_evaluations import session_start
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from tests.importers.test_training_import import COLUMNS, COURSE

HINT = ("(this looks like a date and time stored as an Excel number: format the column as a date and time in Excel "
        "and save again)")


@pytest.mark.parametrize("text", ["46266.395833", "46266.3958333333", "45748.5", "46266"])
def test_a_number_excel_keeps_a_date_and_time_as_is_refused_with_the_hint(text):
    with pytest.raises(ValueError) as refused:
        session_start(text, "")
    assert str(refused.value) == f"'{text}' is not a date and time; use dd/mm/yyyy HH:MM {HINT}"


@pytest.mark.parametrize("text", ["46266.", "4626.5", "19999.5", "80001.25", "46266.5x", "1/9/2026 9:30x"])
def test_other_text_that_is_no_date_and_time_gets_no_hint(text):
    with pytest.raises(ValueError) as refused:
        session_start(text, "")
    assert "Excel number" not in str(refused.value)


def test_a_date_column_keeps_its_own_hint_for_a_whole_number_alone():
    with pytest.raises(ValueError) as refused:
        cell_date("45748")
    assert str(refused.value) == f"'45748' is not a date; use dd/mm/yyyy {EXCEL_NUMBER_HINT}"


def _bookings(tmp_path, start) -> object:
    wb = Workbook()
    wb.active.append(COLUMNS)
    wb.active.append([COURSE, start, 20, "Ann Lee", "ann@example.org", "", "", "", "", ""])
    path = tmp_path / "bookings.xlsx"
    wb.save(path)
    return path


def test_a_booking_whose_session_start_is_a_number_with_a_fraction_is_refused_with_the_hint(db, tmp_path):
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", _bookings(tmp_path, 46266.395833333336))  # a number cell, as Excel keeps it
    assert refused.value.report.bad_rows == [
        f"Row 2: Session start: '46266.3958333333' is not a date and time; use dd/mm/yyyy HH:MM {HINT}."]
    assert bk.list_bookings(db) == []


def test_an_evaluation_whose_session_start_is_a_number_with_a_fraction_is_refused_with_the_hint(db, tmp_path):
    cs.create_course(db, cs.CourseFields(COURSE))  # else the row names the course not on record too
    path = tmp_path / "evaluations.csv"
    path.write_text(f"Course,Session start,Delegate,Learning outcome,Before,After\n{COURSE},46266.395833,Ann Lee,1,2,4\n",
                    encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "evaluations", path)
    assert refused.value.report.bad_rows == [
        f"Row 2: Session start: '46266.395833' is not a date and time; use dd/mm/yyyy HH:MM {HINT}."]
