"""The tracker import reads the date of every step the case dialog records (partners told,
Secretary of State and Ofsted told, rapid review meeting, Panel response, terms of reference,
draft report, planned publication), checked as the dialog and the service check them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.deadlines import DeadlineStatus
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import case_reviews as cr
from tests.importers.test_case_review_tracker import write_csv

COLUMNS = [
    "Reference", "Alias", "Incident type", "Looked after", "Became aware", "Notification sent",
    "Safeguarding partners told", "Secretary of State and Ofsted told", "Rapid review meeting", "Rapid review sent",
    "Panel response", "Decision", "Decision date", "Terms of reference agreed", "Draft report", "Planned publication",
]
# a looked-after child's death: every clock met on time (aware Thu 01/02/2024, five working days: Thu 08/02)
CASE = ["CR-01", "Child P", "Death", "Yes", "01/02/2024", "05/02/2024", "05/02/2024", "06/02/2024", "12/02/2024",
        "20/02/2024", "01/03/2024", "LCSPR", "20/02/2024", "15/03/2024", "01/07/2024", "20/08/2024"]


def test_the_dates_of_the_other_steps_are_imported_and_stop_their_clocks(db, tmp_path):
    report = run_import(db, "case-reviews", write_csv(tmp_path / "t.csv", [CASE], COLUMNS))
    assert (report.added, report.bad_rows) == (1, [])
    case = cr.find_case_review(db, "CR-01")
    assert (case.partners_told, case.sos_ofsted_notified, case.rapid_review_meeting, case.panel_response) == (
        date(2024, 2, 5), date(2024, 2, 6), date(2024, 2, 12), date(2024, 3, 1))
    assert (case.tor_agreed, case.draft_report, case.planned_publication) == (
        date(2024, 3, 15), date(2024, 7, 1), date(2024, 8, 20))
    row = cr.tracker_row(db, case.id, today=date(2024, 7, 15))
    status = {k.key: k.status for k in row.clocks}
    assert status["partners_told"] is status["sos_ofsted"] is DeadlineStatus.MET_ON_TIME
    assert not any(k.status is DeadlineStatus.OVERDUE for k in row.clocks)
    assert row.next_step == "Awaiting the final report"
    # importing it again changes nothing, and a file without those columns clears none of them
    assert run_import(db, "case-reviews", tmp_path / "t.csv").unchanged == 1
    short = write_csv(tmp_path / "short.csv", [["CR-01", "Child P", "Death"]], COLUMNS[:3])
    assert run_import(db, "case-reviews", short).unchanged == 1
    assert cr.find_case_review(db, "CR-01").partners_told == date(2024, 2, 5)


def test_a_planned_publication_may_be_in_the_future_but_a_step_done_may_not(db, tmp_path):
    later = format_date(date.today() + timedelta(days=60))
    planned = ["CR-02", "Child Q", "Death", "No", "01/02/2024", "05/02/2024", "", "", "", "20/02/2024", "",
               "LCSPR", "20/02/2024", "", "", later]
    # later than six months after the decision: the reason for the delay is recorded
    delayed = write_csv(tmp_path / "plan.csv", [[*planned, "Criminal proceedings"]], [*COLUMNS, "Reason for delay"])
    assert run_import(db, "case-reviews", delayed).added == 1
    told = ["CR-03", "Child R", "Death", "No", "01/02/2024", "", later] + [""] * 9
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", write_csv(tmp_path / "told.csv", [told], COLUMNS))
    assert caught.value.report.bad_rows == [f"Row 2: Safeguarding partners told ({later}) cannot be in the future."]


def test_the_dates_of_the_other_steps_are_checked_as_the_dialog_checks_them(db, tmp_path):
    def row(reference, **cells):
        values = dict.fromkeys(COLUMNS, "")
        values.update({"Reference": reference, "Alias": f"Child {reference[-1]}", "Incident type": "Death",
                       "Became aware": "01/02/2024"})
        values.update({name.replace("_", " "): text for name, text in cells.items()})
        return [values[c] for c in COLUMNS]

    rows = [
        row("CR-11", Safeguarding_partners_told="31/01/2024"),
        row("CR-12", Rapid_review_meeting="31/02/2024"),
        row("CR-13", Rapid_review_meeting="20/02/2024", Rapid_review_sent="10/02/2024"),
        row("CR-14", Notification_sent="05/02/2024", Decision="No LCSPR", Decision_date="20/02/2024",
            **{"Terms of reference agreed": "01/03/2024"}),
    ]
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", write_csv(tmp_path / "bad.csv", rows, COLUMNS))
    bad = caught.value.report.bad_rows
    assert bad == [
        "Row 2: Safeguarding partners told (31/01/2024) cannot be before the date the local authority became "
        "aware (01/02/2024).",
        "Row 3: Rapid review meeting: '31/02/2024' is not a date (February 2024 has no 31st); use dd/mm/yyyy.",
        "Row 4: Rapid review sent to the Panel (10/02/2024) cannot be before the rapid review meeting (20/02/2024). "
        "Notification sent is blank while Rapid review sent to the Panel (10/02/2024) is "
        "recorded: the rapid review and the partners' decision follow the notification to the Panel. Enter the date "
        "the notification was sent, or clear that date first.",
        "Row 5: Terms of reference agreed is only for an LCSPR: set the decision to LCSPR first, or clear this date.",
    ]
    assert cr.list_case_reviews(db) == []
