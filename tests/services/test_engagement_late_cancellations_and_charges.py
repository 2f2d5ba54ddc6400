"""Partner engagement counts the late cancellations its charges due are for: a late cancellation
already made is chargeable whatever its session's date, so it is counted, and charged, before
its session runs. Bookings, attendance and no-shows stay those of the sessions run so far, and
the partner workbook's Charges sheet lists each late cancellation and no-show the figures count."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from bscp_desktop.domain.dates import financial_year_bounds, financial_year_of
from bscp_desktop.domain.training import ChargeRates, Outcome
from bscp_desktop.services import engagement as en
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st

pytestmark = pytest.mark.both_engines

PERIOD = (date(2025, 4, 1), date(2026, 3, 31))
TODAY = date(2025, 12, 1)  # a Monday: the session of Wednesday 3 December is still to come
RATES = ChargeRates(2025, Decimal("50.00"), Decimal("25.00"))


def _booked(db, session_id: int, name: str, organisation_id: int, booked_on: date = date(2025, 10, 1)):
    return bk.create_booking(db, bk.BookingFields(session_id, name, f"{name.lower()}@example.org",
                                                  organisation_id=organisation_id, booked_on=booked_on)).booking


def _records(db):
    """Brent Council's delegates on a session run in November (Ann attended, Ben did not come,
    Cat cancelled late) and on one still to come on 3 December (Dee cancelled late today, Eve's
    late cancellation waived, Fay cancelled in time); Sufra's one delegate cancelled late on the
    session still to come, its only part in the period."""
    st.save_charge_rates(db, [RATES])
    course = cs.create_course(db, cs.CourseFields(title="Exploitation", topic="Exploitation"))
    run = cs.create_session(db, cs.SessionFields(course.id, datetime(2025, 11, 5, 9, 30), 10))
    ahead = cs.create_session(db, cs.SessionFields(course.id, datetime(2025, 12, 3, 9, 30), 10))
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", ms.OrganisationKind.LOCAL_AUTHORITY))
    sufra = ms.create_organisation(db, ms.OrganisationFields("Sufra NW London", "voluntary"))
    ann, ben, cat = (_booked(db, run.id, n, council.id) for n in ("Ann", "Ben", "Cat"))
    assert bk.cancel_booking(db, cat.id, date(2025, 11, 4)).booking.late_cancellation
    bk.mark_register(db, run.id, {ann.id: Outcome.ATTENDED, ben.id: Outcome.NO_SHOW})
    dee, eve, fay = (_booked(db, ahead.id, n, council.id) for n in ("Dee", "Eve", "Fay"))
    assert bk.cancel_booking(db, dee.id, TODAY).booking.late_cancellation
    assert bk.cancel_booking(db, eve.id, date(2025, 11, 28)).booking.late_cancellation
    bk.waive_charge(db, eve.id, "Off sick")
    assert not bk.cancel_booking(db, fay.id, date(2025, 11, 3)).booking.late_cancellation
    zed = _booked(db, ahead.id, "Zed", sufra.id)
    assert bk.cancel_booking(db, zed.id, TODAY).booking.late_cancellation
    return council, sufra


@pytest.mark.slow
def test_a_late_cancellation_already_made_is_counted_with_its_charge_before_its_session_runs(db):
    council, sufra = _records(db)
    rows = {r.organisation_id: r for r in en.engagement(db, *PERIOD, today=TODAY)}
    brent = rows[council.id]
    assert (brent.bookings, brent.attended, brent.no_shows) == (3, 1, 1)  # the session run so far
    assert brent.late_cancellations == 3  # Cat's, and Dee's and Eve's before their session runs
    assert brent.charges_due == Decimal("100.00")  # Ben 50, Cat 25, Dee 25; Eve's waived
    assert (rows[sufra.id].bookings, rows[sufra.id].late_cancellations, rows[sufra.id].charges_due) == (
        0, 1, Decimal("25.00"))
    assert rows[sufra.id].has_anything


@pytest.mark.slow
def test_the_charges_sheet_lists_each_late_cancellation_and_no_show_the_figures_count(db):
    council, sufra = _records(db)
    for org in (council, sufra):
        details = en.partner_details(db, org.id, *PERIOD, today=TODAY)
        row = details.engagement
        kinds = [kind for _d, _c, _who, kind, _a, _w in details.charges]
        assert kinds.count("Late cancellation") == row.late_cancellations
        assert kinds.count("No-show") == row.no_shows
        assert sum(amount for *_rest, amount, waived in details.charges if not waived) == row.charges_due
        assert len(details.bookings) == row.bookings  # the Bookings sheet: the sessions run so far


@pytest.mark.slow
def test_the_yearly_partner_engagement_sheet_shows_an_organisation_whose_only_part_is_a_late_cancellation(db):
    from bscp_desktop.jobs.engagement import engagement_workbook

    _records(db)
    table = dict(engagement_workbook(db, today=TODAY).sheet_values())["Partner engagement"]
    header = table[0]
    rows = {r[header.index("Organisation")]: r for r in table[1:]}
    sufra = rows["Sufra NW London"]  # left out before: no booking of a session run, so "nothing"
    assert sufra[header.index("Late cancellations")] == 1 and sufra[header.index("Charges due")] == Decimal("25.00")
    assert rows["Brent Council"][header.index("Late cancellations")] == 3


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_report_partner_counts_the_late_cancellation_of_a_session_still_to_come(db_file, tmp_path):
    """From the command line, on today's date: cancelled late today, its session tomorrow."""
    today = date.today()
    tomorrow = today + timedelta(days=1)
    start, end = financial_year_bounds(financial_year_of(tomorrow))
    with Database.open(db_file) as db:
        st.save_charge_rates(db, [ChargeRates(financial_year_of(tomorrow), Decimal("50.00"), Decimal("25.00"))])
        course = cs.create_course(db, cs.CourseFields(title="Exploitation", topic="Exploitation"))
        ahead = cs.create_session(db, cs.SessionFields(course.id, datetime.combine(tomorrow, datetime.min.time()), 5))
        council = ms.create_organisation(db, ms.OrganisationFields("Brent Council",
                                                                   ms.OrganisationKind.LOCAL_AUTHORITY))
        zed = _booked(db, ahead.id, "Zed", council.id, booked_on=today)
        assert bk.cancel_booking(db, zed.id, today).booking.late_cancellation
    out = tmp_path / "brent.xlsx"
    assert main(["report", "partner", "--organisation", "Brent Council", "--from", f"{start:%d/%m/%Y}",
                 "--to", f"{end:%d/%m/%Y}", "--db", str(db_file), "-o", str(out)]) == 0
    sheet = [list(r) for r in load_workbook(out)["Engagement"].iter_rows(values_only=True)]
    at = sheet.index(["Training bookings", "Training attended", "No-shows", "Late cancellations", "Charges due"])
    assert sheet[at + 1] == [0, 0, 0, 1, 25]
    assert [r[3] for r in load_workbook(out)["Charges"].iter_rows(min_row=2, values_only=True)] == ["Late cancellation"]
