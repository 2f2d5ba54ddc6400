"""`report yearly --id TITLE` given a title no report has: the refusal names the titles --id
takes (as Reports > Yearly report lists them, latest first, at most six), so an officer at the
command line can give one; on a database with no yearly report at all it says so and where to
start one, rather than asking for a title no report has."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from bscp_desktop.domain.validation import NotFoundError
from bscp_desktop.jobs.yearly_report import find_yearly_report
from bscp_desktop.services import yearly_report as yr
from tests.safety.helpers import assert_refused, cli


def _report(db, title: str, year: int) -> yr.ReportDTO:
    return yr.create_report(db, yr.ReportFields(title, date(year - 1, 4, 1), date(year, 3, 31)))


def test_a_title_no_report_has_is_refused_naming_the_reports_titles(db):
    _report(db, "Yearly report 2023/24", 2024)
    _report(db, "Yearly report 2024/25", 2025)
    with pytest.raises(NotFoundError) as refused:
        find_yearly_report(db, "Yearly report 2022/23")
    assert str(refused.value) == ("There is no yearly report called 'Yearly report 2022/23': give its title as Reports > "
                                  "Yearly report lists it ('Yearly report 2024/25'; 'Yearly report 2023/24').")


def test_at_most_six_titles_are_named_then_how_many_more(db):
    for year in range(2016, 2026):
        _report(db, f"Report {year}", year)
    with pytest.raises(NotFoundError) as refused:
        find_yearly_report(db, "Report 1999")
    assert str(refused.value).endswith("('Report 2025'; 'Report 2024'; 'Report 2023'; 'Report 2022'; 'Report 2021'; "
                                       "'Report 2020'; and 4 more).")


def test_with_no_yearly_report_at_all_it_says_so_and_where_to_start_one(db, empty_file, tmp_path):
    with pytest.raises(NotFoundError) as refused:
        find_yearly_report(db, "1")
    assert str(refused.value) == ("There is no yearly report numbered 1 or called '1': this database has no yearly "
                                  "report yet; start one in the window (Reports > Yearly report…, then New report).")
    copy = shutil.copyfile(empty_file, tmp_path / "new.sqlite3")
    line = assert_refused(cli("report", "yearly", "--id", "Yearly report", "-o", tmp_path / "y.pdf", "--db", copy,
                              data_dir=tmp_path / "data"),
                          "this database has no yearly report yet")
    assert "give its title" not in line and not (tmp_path / "y.pdf").exists()
