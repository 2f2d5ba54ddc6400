"""A session the partnership called off is said beside the figures wherever they are shown (the
Figures page, the training summary, the yearly report), never counted as an agency's booking in
partner engagement, and an LMS file imported again after it leaves its bookings called off: a
row for a delegate not booked on it is refused, as the window refuses the booking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import figures as fg
from tests.importers.test_training_import import write_csv
from tests.services.test_training_called_off import TODAY, _book, _booked_and_waiting

CALLED_OFF = ("1 session was called off by the partnership (2 bookings): it is not counted, and no one is "
              "charged for it.")
AROUND = (TODAY - timedelta(days=30), TODAY + timedelta(days=30))


def _called_off(db):
    session = _booked_and_waiting(db)
    co.call_off_session(db, session.id, "The facilitator is ill", today=TODAY)
    return session


def test_the_figures_the_summary_and_the_yearly_report_say_how_many_sessions_were_called_off(db):
    from bscp_desktop.jobs.training import figures_data
    from bscp_desktop.services import yearly_report as yr

    _called_off(db)
    report = fg.figures_report(db, *AROUND, today=TODAY)
    assert report.called_off_note == CALLED_OFF
    assert figures_data(report).called_off == CALLED_OFF  # the training summary's line
    built = yr.build_section(db, "training", *AROUND, today=TODAY)
    assert CALLED_OFF in [getattr(b, "text", "") for b in built.blocks]


def test_partner_engagement_never_counts_a_booking_called_off():
    from types import SimpleNamespace

    from bscp_desktop.services.engagement import _counted

    assert _counted(SimpleNamespace(outcome=Outcome.BOOKED, gave_up_place=True))
    assert not _counted(SimpleNamespace(outcome=Outcome.CALLED_OFF, gave_up_place=True))


def _row(session, name, outcome="Booked", organisation="Agency One"):
    return [session.course_title, session.starts_at.strftime("%d/%m/%Y %H:%M"), "", name, "", "", organisation,
            (TODAY - timedelta(days=20)).strftime("%d/%m/%Y"), outcome, ""]


def test_the_lms_file_imported_again_leaves_the_bookings_called_off(db, tmp_path):
    session = _called_off(db)
    rows = [_row(session, "Ann Able"), _row(session, "Bob Baker", organisation="Agency Two"), _row(session, "Cara Cole", "Waitlisted")]
    try:
        report = run_import(db, "bookings", write_csv(tmp_path / "lms.csv", rows))
    except ImportRejected as exc:
        raise AssertionError(exc.report.bad_rows) from exc
    assert report.added == 0 and not report.bad_rows
    assert {b.outcome for b in bk.list_bookings(db, session_id=session.id)} == {Outcome.CALLED_OFF}


def test_a_new_delegate_on_a_called_off_session_is_a_bad_row_and_nothing_is_imported(db, tmp_path):
    session = _called_off(db)
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", write_csv(tmp_path / "lms.csv", [_row(session, "Dan Dunn")]))
    [bad] = refused.value.report.bad_rows
    assert bad.startswith("Row 2: ") and f"was called off by the partnership on {TODAY:%d/%m/%Y}" in bad
    assert len(bk.list_bookings(db, session_id=session.id)) == 3
    assert _book is not None and date.today() >= TODAY
