"""The program's own case review tracker workbook is the import template filled in: its Cases
sheet imports into a new database with every value the import reads and every clock as it was,
and into its own database without changing anything."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.case_reviews import Decision, IncidentType, PanelView
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, match_headings, run_import
from bscp_desktop.importers.case_reviews import DATE_KEYS, FIELDS
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms

TODAY = date(2024, 6, 3)
COMMA = "Barnet, Enfield and Haringey Mental Health NHS Trust"  # a name holding a comma

#: What the import reads, as the case holds it (Agencies involved: the organisations' names).
READ = tuple("agency_names" if spec.key == "agencies" else spec.key for spec in FIELDS)


def _add_an_lcspr(db) -> None:
    """A case with what the demo's cases lack: an LCSPR's steps, a delay and an agency whose name
    holds a comma."""
    org = ms.create_organisation(db, ms.OrganisationFields(COMMA, OrganisationKind.RELEVANT_AGENCY))
    brent = ms.find_organisation(db, "Brent Council")
    cr.create_case_review(db, cr.CaseReviewFields(
        "Child E", IncidentType.DEATH, date(2023, 5, 2), incident_date=date(2023, 4, 28), looked_after=True,
        considered_on=date(2023, 5, 4), outcome="notified", notification_sent=date(2023, 5, 5),
        partners_told=date(2023, 5, 5), sos_ofsted_notified=date(2023, 5, 8), rapid_review_meeting=date(2023, 5, 18),
        rapid_review_sent=date(2023, 5, 24), panel_response=date(2023, 6, 20), crg_recommendation=Decision.LCSPR,
        panel_view=PanelView.AGREES, decision=Decision.LCSPR, decision_date=date(2023, 6, 1),
        tor_agreed=date(2023, 7, 3), draft_report=date(2023, 10, 2), final_report=date(2023, 11, 1),
        sent_to_panel_sos=date(2023, 11, 20), planned_publication=date(2024, 9, 2),
        delay_reason="Criminal proceedings", delay_told_panel=date(2023, 11, 21),
        themes=("Neglect", "Parental mental health"), agency_ids=(org.id, brent.id),
    ))


def _tracker(db, path):
    jobs.load_all()
    return jobs.XLSX_AREAS["case-reviews"].run(db, path, today=TODAY)


def _read(case) -> dict:
    return {key: getattr(case, key) for key in READ}


def _clocks(db) -> dict:
    return {row.case.reference: row.clocks for row in cr.tracker(db, today=TODAY)}


@pytest.mark.slow
def test_the_tracker_imports_into_a_new_database_with_every_value_and_clock(demo_db, db, tmp_path):
    _add_an_lcspr(demo_db)
    path = _tracker(demo_db, tmp_path / "tracker.xlsx")
    _headings, found = match_headings(db, "case-reviews", path)
    assert [key for key, heading in found.items() if heading is None] == []  # every column the import reads
    for name in {n for c in cr.list_case_reviews(demo_db) for n in c.agency_names}:
        ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.OTHER))

    report = run_import(db, "case-reviews", path)

    before = {c.reference: _read(c) for c in cr.list_case_reviews(demo_db)}
    assert (report.added, report.bad_rows) == (len(before), [])
    assert not [n for n in report.notes if "Agencies" in n or "steps' dates" in n]
    assert {c.reference: _read(c) for c in cr.list_case_reviews(db)} == before
    assert before["BSCP-2024-01"]["notification_sent"] == date(2024, 2, 7)
    assert before["BSCP-2023-03"]["agency_names"] == ("Barnet, Enfield and Haringey Mental Health NHS Trust",
                                                      "Brent Council")
    assert _clocks(db) == _clocks(demo_db)  # a case notified on time is not shown overdue


@pytest.mark.slow
def test_the_tracker_imported_into_its_own_database_changes_nothing(demo_db, tmp_path):
    _add_an_lcspr(demo_db)
    before = cr.list_case_reviews(demo_db, include_archived=True)
    report = run_import(demo_db, "case-reviews", _tracker(demo_db, tmp_path / "tracker.xlsx"))
    assert (report.added, report.updated, report.unchanged, report.bad_rows) == (0, 0, len(before), [])
    assert cr.list_case_reviews(demo_db, include_archived=True) == before


@pytest.mark.slow
def test_an_agency_not_on_record_is_warned_of_once_and_the_cases_are_imported(demo_db, db, tmp_path):
    report = run_import(db, "case-reviews", _tracker(demo_db, tmp_path / "tracker.xlsx"))
    assert (report.added, report.bad_rows) == (4, [])
    brent = [n for n in report.notes if "'Brent Council'" in n]
    assert brent == [
        "Rows 2, 3, 4, 5: Agencies involved: Organisation 'Brent Council' is not in the database; add it (or import "
        "organisations) first, or correct the name. The cases are imported without that agency; add the "
        "organisation and import the file again to link it."
    ]
    assert all(c.agency_ids == () for c in cr.list_case_reviews(db))
    assert cr.find_case_review(db, "BSCP-2024-01").notification_sent == date(2024, 2, 7)


@pytest.mark.slow
def test_a_tracker_written_before_it_held_the_steps_dates_is_warned_of(demo_db, db, tmp_path):
    path = _tracker(demo_db, tmp_path / "tracker.xlsx")
    wb = load_workbook(path)
    sheet = wb["Cases"]
    first_step = [c.value for c in sheet[1]].index("Next step") + 2  # the columns after Next step
    sheet.delete_cols(first_step, sheet.max_column - first_step + 1)
    wb.save(path)
    # the Panel's view without the date the rapid review was sent, and a decision date without the
    # notification's, are refused: the note says why
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", path)
    report = caught.value.report
    assert len(report.bad_rows) == 4 and all("Notification sent is blank (the file has no Notification sent column)" in line for line in report.bad_rows)
    assert sum("rapid review was sent" in line for line in report.bad_rows) == 3
    warned = [n for n in report.notes if "no columns for the steps' dates" in n]
    assert len(warned) == 1 and "Notification sent" in warned[0] and "Write the tracker again" in warned[0]
    assert cr.list_case_reviews(db) == []


def test_every_date_the_import_reads_has_its_column_in_the_tracker():
    from bscp_desktop.reports.case_reviews import STEP_COLUMNS

    labels = {spec.key: spec.label for spec in FIELDS}
    others = {"became_aware", "considered_on", "decision_date", "planned_publication", "closed"}  # from the start
    assert {key for _h, key in STEP_COLUMNS} == set(DATE_KEYS) - others
    assert all(labels[key] == heading for heading, key in STEP_COLUMNS)  # under the import's own headings
