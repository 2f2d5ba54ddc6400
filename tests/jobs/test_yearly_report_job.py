"""`report yearly --id` takes the report's title, as the Yearly report window lists it: its
number was shown nowhere, so "--id takes the record's number" left officers stuck."""

from __future__ import annotations

from datetime import date

import openpyxl
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


@pytest.mark.slow
def test_no_child_is_named_in_the_title_or_a_narrative_section_of_the_report_written(db, tmp_path):
    """The team's own words, and the report's title, are written out as the built figures are:
    with every alias and case reference taken out, however its spaces and hyphens were typed."""
    import docx

    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.jobs.yearly_report import document
    from bscp_desktop.services import case_reviews as cr

    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", IncidentType.SERIOUS_HARM, date(2023, 5, 2)))
    other = cr.create_case_review(db, cr.CaseReviewFields("Child B", IncidentType.SERIOUS_HARM, date(2023, 6, 2)))
    r = _report(db, "Yearly report incl. Child B")
    reference = case.reference.replace("-", "\u2011")  # pasted from Word
    yr.save_section_text(db, r.id, "impact", f"Learning from the Child\u00a0A review ({reference}) changed practice."
                                             f"\n\n- {other.alias}: **Under way**\n")
    yr.save_section_text(db, r.id, "priorities", "- Embed learning from Child  B's review: Under way\n")

    written = document(db, r.id, today=date(2024, 6, 1))
    text = " ".join([written.title, *(s.text for s in written.sections)])
    assert written.title == "Yearly report incl. the child"
    assert "Learning from the child review (the child) changed practice." in text
    assert "- the child: **Under way**" in text and "learning from the child's review" in text
    out = jobs.write_report(db, "yearly", tmp_path / "report.docx", record_id=r.id)
    word = docx.Document(out)
    body = "\n".join(p.text for p in word.paragraphs)
    for secret in ("Child A", "Child B", case.reference, other.reference):
        assert secret.casefold() not in " ".join((text, body, word.core_properties.title)).casefold(), secret
    assert yr.get_report(db, r.id).title == "Yearly report incl. Child B"  # as typed, in the window
    assert [p.title for p in yr.published_reports(db)] == ["Yearly report incl. the child"]
    sheet = openpyxl.load_workbook(jobs.export_workbook(db, "yearly-report", tmp_path / "yr.xlsx"))["Yearly reports"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]] == ["Yearly report incl. the child"]


@pytest.mark.slow
def test_a_report_titled_with_a_number_no_report_has_is_found_by_its_title(db, tmp_path):
    first = _report(db, "Yearly report 2023/24")
    titled = _report(db, "2024", 2025)
    assert find_yearly_report(db, "2024").id == titled.id
    assert find_yearly_report(db, str(first.id)).id == first.id  # a number still names its report
    assert find_yearly_report(db, str(titled.id)).id == titled.id
    with pytest.raises(NotFoundError, match="There is no yearly report numbered 2023 or called '2023'"):
        find_yearly_report(db, "2023")
    job = jobs.find("report", "yearly")
    options = jobs.find_records(db, job, {"record_id": "2024"})  # an all-digit option is taken as a number
    from bscp_desktop.jobs.yearly_report import yearly_report

    out = yearly_report(db, tmp_path / "2024.docx", **options, today=date(2025, 6, 1))
    import docx

    assert docx.Document(out).core_properties.title == "2024"


@pytest.mark.slow
def test_a_draft_whose_period_changed_prints_the_new_periods_figures_not_the_old(db, world):
    """Built for 2022/23, then its period changed to 2023/24: the draft written printed 2022/23's
    figures under a 2023/24 cover. Out of date as the checklist judges it, it is built fresh for
    the output (not saved); the team's own words are kept, an old draft is not."""
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.domain.yearly_report import CheckState
    from bscp_desktop.jobs.yearly_report import document
    from tests.meetings_world import meeting

    meeting(db, world.forum, datetime(2022, 6, 8, 10), "Forum in 2022", status=MeetingStatus.HELD)
    meeting(db, world.forum, datetime(2023, 6, 8, 10), "Forum in 2023", status=MeetingStatus.HELD)
    r = _report(db, "Yearly report", 2023)
    yr.refresh_all(db, r.id, today=date(2024, 6, 1))
    yr.save_section_text(db, r.id, "membership", "Our own words on the membership.")
    yr.update_report(db, r.id, yr.ReportFields("Yearly report", date(2023, 4, 1), date(2024, 3, 31)))
    states = yr.section_states(db, yr.get_report(db, r.id), today=date(2024, 6, 1))
    assert states["activity"] is CheckState.OUT_OF_DATE  # the window's checklist says so

    written = {s.title: s for s in document(db, r.id, today=date(2024, 6, 1)).sections}
    activity = written["Partnership activity"]
    assert [row[1] for row in activity.blocks[0].rows] == ["Forum in 2023"]
    assert "between 1 April 2023 and 31 March 2024" in activity.text and "2022" not in activity.text
    membership = written["Membership of the groups"]
    assert membership.text == "Our own words on the membership."
    assert membership.blocks[0].title.endswith("on 31 March 2024")
    kept = yr.get_report(db, r.id).section("activity")  # nothing saved
    assert [row[1] for row in kept.blocks[0].rows] == ["Forum in 2022"]
