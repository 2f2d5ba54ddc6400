"""The Action due by of a Section 11 return is read as every import reads a date (a two-digit
year is 2000 to 2099), and a due date more than ten years after the cycle opened (a year
mistyped, or '99' meant as 1999) is refused naming the row, the column and the reason."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.dates import DateRefused
from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.services.audits import s11_ratings as sr
from tests.importers.s11_returns import returned

TODAY = date(2024, 7, 1)  # the cycle of tests/importers/conftest.py opened on 01/04/2024


def _due(due) -> dict[int, dict[str, object]]:
    return {2: {"Rating": "Amber", "Evidence": "Policy reviewed", "Your improvement action": "Train all staff",
                "Action due by": due}}


@pytest.mark.slow
@pytest.mark.parametrize(("typed", "said"), [
    ("1/4/99", "'1/4/99' is read as 01/04/2099, which is"),
    ("02/04/2034", "02/04/2034 is"),
    (date(2040, 1, 31), "31/01/2040 is"),  # a date cell, as Excel shows it
])
def test_an_action_due_decades_after_the_cycle_is_refused(db, cycle, tmp_path, typed, said):
    out = tmp_path / "return.xlsx"
    header = returned(db, cycle, out, _due(typed))
    with pytest.raises(ImportRejected) as refused:
        imp.import_s11(db, out, today=TODAY)
    assert refused.value.report.bad_rows == [
        f"Row {header + 2}: Action due by: {said} more than 10 years after the cycle 2024-26 opened (01/04/2024), too "
        "far ahead for an improvement action: correct the date, typing the year in full (dd/mm/yyyy), then import "
        "the return again."]
    assert all(r.action is None for r in sr.list_ratings(db, cycle.id))


@pytest.mark.slow
@pytest.mark.parametrize(("typed", "due"), [("1/4/27", date(2027, 4, 1)), ("01/04/2034", date(2034, 4, 1))])
def test_an_action_due_within_ten_years_of_the_cycle_is_imported(db, cycle, tmp_path, typed, due):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, _due(typed))
    report = imp.import_s11(db, out, today=TODAY)
    assert report.added == 1
    (rating,) = [r for r in sr.list_ratings(db, cycle.id) if r.action is not None]
    assert rating.action.due_date == due


def test_a_month_misspelt_after_its_first_three_letters_is_read_with_the_same_rules():
    assert imp.read_date("1 Aprl 24") == date(2024, 4, 1)
    assert imp.read_date("1st Septembr 2025") == date(2025, 9, 1)
    with pytest.raises(DateRefused, match="outside the years 1900 to 2200"):
        imp.read_date("1 Aprl 2300")
    with pytest.raises(ValueError, match="is not a date"):
        imp.read_date("31 Febr 2024")
