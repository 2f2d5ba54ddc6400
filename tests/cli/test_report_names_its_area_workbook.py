"""A report asked for an Excel file it cannot write, where its area has a workbook (the Case
review tracker the window offers in Excel is the case reviews workbook): the refusal names the
command that writes that workbook, read from the job registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from bscp_desktop import jobs
from bscp_desktop.cli import main
from bscp_desktop.domain.validation import ValidationError


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_case_tracker_as_excel_names_the_case_reviews_workbook_command(tmp_path, capsys, db_file):
    code, _out, err = run(capsys, "report", "case-tracker", "--db", db_file, "-o", tmp_path / "r.xlsx")
    assert code == 2
    assert ("The case-tracker report writes PDF (.pdf): name the output file (-o) .pdf, not 'r.xlsx'. "
            "The case review tracker workbook is written by: bscp-desktop export xlsx --area case-reviews.") in err
    assert not (tmp_path / "r.xlsx").exists()


def test_the_command_named_writes_that_workbook(tmp_path, capsys, db_file):
    code, out, err = run(capsys, "export", "xlsx", "--area", "case-reviews", "--db", db_file, "-o", tmp_path / "r.xlsx")
    assert code == 0, err
    assert (tmp_path / "r.xlsx").is_file() and "Written" in out


@pytest.mark.parametrize("report,area", [("minutes", "meetings"), ("s11-summary", "audits"),
                                         ("session-register", "training"), ("members", "memberships")])
def test_every_report_names_its_own_areas_workbook(report, area):
    with pytest.raises(ValidationError) as refused:
        jobs.check_format(jobs.find("report", report), Path("out.xlsx"))
    assert refused.value.sentence().endswith(f"is written by: bscp-desktop export xlsx --area {area}.")


@pytest.mark.parametrize("report,out", [("case-tracker", "r.docx"), ("yearly", "r.xlsx")])
def test_no_workbook_is_named_where_it_would_not_help(report, out):
    """Another kind of file than the workbook's, or a report with no area of its own."""
    with pytest.raises(ValidationError) as refused:
        jobs.check_format(jobs.find("report", report), Path(out))
    assert "export xlsx" not in refused.value.sentence()
