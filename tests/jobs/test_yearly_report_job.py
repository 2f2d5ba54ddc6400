"""`report yearly --id` takes the report's title, as the Yearly report window lists it: its
number was shown nowhere, so "--id takes the record's number" left officers stuck."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.validation import NotFoundError
from bscp_desktop.jobs.yearly_report import find_yearly_report
from bscp_desktop.services import yearly_report as yr


def _report(db, title: str, year: int = 2024) -> yr.ReportDTO:
    return yr.create_report(db, yr.ReportFields(title, date(year - 1, 4, 1), date(year, 3, 31)))


def test_a_yearly_report_is_found_by_its_title_whatever_its_case_and_spacing(db):
    wanted = _report(db, "Yearly report 2023/24")
    _report(db, "Yearly report 2024/25", 2025)
    for text in ("Yearly report 2023/24", "  yearly   REPORT 2023/24 ", "Yearly report 2023/24 (draft)", str(wanted.id)):
        assert find_yearly_report(db, text).id == wanted.id, text
    job = jobs.find("report", "yearly")
    assert jobs.find_records(db, job, {"record_id": "yearly report 2023/24"}) == {"record_id": wanted.id}
    with pytest.raises(NotFoundError, match="There is no yearly report called 'Yearly report 2022/23': give its title"):
        find_yearly_report(db, "Yearly report 2022/23")


def test_an_archived_report_is_found_only_when_no_current_one_has_its_title(db):
    old = _report(db, "Draft report", 2023)
    yr.archive_report(db, old.id)
    assert find_yearly_report(db, "draft report").id == old.id
    current = _report(db, "Draft report")
    assert find_yearly_report(db, "draft report").id == current.id


def test_report_help_says_what_each_record_option_takes(capsys):
    from bscp_desktop.cli import main

    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    assert "the yearly report: its title" in out and "Training > Sessions" in out and "Training > Bookings" in out
    assert "  the record (required)" not in out  # a bare "the record": what does it take?
