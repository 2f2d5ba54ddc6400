"""Outputs come from the registry: each job declares its title, sensitivity, file names and
menu texts; the window's menus are built from those declarations."""

from __future__ import annotations

from bscp_desktop import jobs
from bscp_desktop.domain.kinds import RecordKind


def test_every_job_declares_itself_and_workbooks_are_named_by_kinds():
    jobs.load_all()
    for job in (*jobs.XLSX_AREAS.values(), *jobs.REPORTS.values()):
        assert job.title and "OFFICIAL-SENSITIVE" not in job.title, job.name  # marking is not a title
        for output in job.outputs:
            assert output.menu.endswith("…") and output.suffix in (".pdf", ".xlsx", ".ics", ".csv", ".docx"), job.name
    assert set(jobs.XLSX_AREAS) - {"all", "history"} <= {k.value for k in RecordKind}
    assert all(job.build is not None for job in jobs.XLSX_AREAS.values())


def test_sensitivity_is_decided_once_from_the_area_unless_the_job_says():
    jobs.load_all()
    marked = {name: job.marked for name, job in {**jobs.REPORTS, **jobs.XLSX_AREAS}.items()}
    assert marked["case-reviews"] and marked["case"] and marked["case-tracker"] and marked["case-themes"]
    assert marked["history"]  # every area's changes are in it
    assert not marked["change-log"]  # marked by the area it covers, as it is written (jobs.audits.area_is_marked)
    assert marked["actions"]  # the one action log holds case review and audit actions
    assert not marked["memberships"] and not marked["meetings"]  # the meetings workbook keeps to meetings' actions
    assert not marked["s11-summary"]  # an audits output the team shares


def test_a_sensitive_job_marks_its_file_without_the_builder_being_told(db, tmp_path):
    from openpyxl import load_workbook

    path = jobs.export_workbook(db, "case-reviews", tmp_path / "cases.xlsx")
    assert load_workbook(path).properties.keywords == "OFFICIAL-SENSITIVE"
    path = jobs.export_workbook(db, "memberships", tmp_path / "members.xlsx")
    assert load_workbook(path).properties.keywords != "OFFICIAL-SENSITIVE"


def test_menus_are_built_from_the_declarations(qtbot, db):
    from bscp_desktop.ui.meetings.tab import MeetingsTab

    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    expected = [o.menu for j in jobs.area_jobs(RecordKind.MEETINGS) if not j.needs for o in j.outputs]
    assert [a.text() for a in tab.export_actions()] == expected
    assert expected[0] == "Meetings workbook…"
