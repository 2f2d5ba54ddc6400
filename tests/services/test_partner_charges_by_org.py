"""A partner's own workbook follows one rule for training: the bookings linked to the
organisation. Its Charges sheet lists the charges its Engagement sheet adds up, never those of
bookings that only typed its name; and where such typed bookings stand beside the organisation
in the training summary, the two rows are told apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from bscp_desktop.domain.training import ChargeRates, Figures, Outcome, Period
from bscp_desktop.reports import training as out
from bscp_desktop.services import engagement as en
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st

pytestmark = pytest.mark.both_engines

PERIOD = (date(2025, 4, 1), date(2026, 3, 31))
TODAY = date(2025, 12, 1)


def _typed_and_linked(db):
    """Four delegates booked as "Brent Council" before the organisation was on record (so not
    linked to it): Ann attended, Ben did not come, Cat cancelled late; then the organisation is
    added and Ann's booking, and a new one of Dee's, who did not come, are linked to it."""
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2025, 5, 14, 9, 30),
                                                     capacity=10))
    st.save_charge_rates(db, [ChargeRates(2025, Decimal("50.00"), Decimal("25.00"))])
    typed = {n: bk.create_booking(db, bk.BookingFields(session.id, n, f"{n.lower()}@brent.gov.uk",
                                                       organisation_name="Brent Council",
                                                       booked_on=date(2025, 4, 1))).booking for n in ("Ann", "Ben", "Cat")}
    assert all(b.organisation_id is None for b in typed.values())
    assert bk.cancel_booking(db, typed["Cat"].id, date(2025, 5, 13)).booking.late_cancellation
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", ms.OrganisationKind.LOCAL_AUTHORITY))
    ann = bk.get_booking(db, typed["Ann"].id)
    bk.update_booking(db, ann.id, replace(ann.to_fields(), organisation_id=council.id))
    dee = bk.create_booking(db, bk.BookingFields(session.id, "Dee", "dee@brent.gov.uk", organisation_id=council.id,
                                                 booked_on=date(2025, 4, 2))).booking
    bk.mark_register(db, session.id, {ann.id: Outcome.ATTENDED, typed["Ben"].id: Outcome.NO_SHOW,
                                      dee.id: Outcome.NO_SHOW})
    return council


@pytest.mark.slow
def test_the_partner_workbook_lists_the_charges_of_its_own_bookings_only(db):
    council = _typed_and_linked(db)
    details = en.partner_details(db, council.id, *PERIOD, today=TODAY)
    row = details.engagement
    assert (row.bookings, row.attended, row.no_shows, row.late_cancellations) == (2, 1, 1, 0)
    assert sorted(delegate for _d, _c, delegate, _o in details.bookings) == ["Ann", "Dee"]
    assert [(delegate, kind, amount) for _d, _c, delegate, kind, amount, _w in details.charges] == [
        ("Dee", "No-show", Decimal("50.00"))]  # not Ben's or Cat's: they only typed its name
    assert row.charges_due == sum(amount for *_rest, amount, waived in details.charges if not waived)


@pytest.mark.slow
def test_the_charges_sheet_lists_every_charge_the_engagement_sheet_adds_up(db):
    """A late cancellation of a session still to come is a charge due before any booking of the
    organisation's has run: the Charges sheet lists it as the figure counts it."""
    council = _typed_and_linked(db)
    course = cs.list_courses(db)[0]
    later = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2026, 2, 10, 9, 30),
                                                   capacity=10))
    eve = bk.create_booking(db, bk.BookingFields(later.id, "Eve", "eve@brent.gov.uk", organisation_id=council.id,
                                                 booked_on=date(2025, 11, 3))).booking
    assert bk.cancel_booking(db, eve.id, date(2026, 2, 9)).booking.late_cancellation  # the working day before
    start, end = date(2026, 1, 1), PERIOD[1]  # the later session only, run by neither day
    details = en.partner_details(db, council.id, start, end, today=TODAY)
    assert details.engagement.bookings == 0 and details.engagement.charges_due == Decimal("25.00")
    assert [(delegate, kind) for _d, _c, delegate, kind, _a, _w in details.charges] == [("Eve", "Late cancellation")]


def test_typed_bookings_beside_the_organisation_of_their_name_are_told_apart_in_the_summary():
    lines = (out.FigureLine("Brent Council", Figures(sessions=1, attended=2), detail=st.NOT_MATCHED),
             out.FigureLine("Brent Council", Figures(sessions=1, attended=1), detail="Statutory partner: local authority"),
             out.FigureLine("Sufra NW London", Figures(sessions=1, attended=1), detail=st.NOT_MATCHED))
    f = out.FiguresData(Period(*PERIOD), None, out.FigureLine("Total", Figures()), (), (), lines, ())
    assert out.organisation_chart(f).categories == ("Brent Council (typed, not linked)", "Brent Council",
                                                    "Sufra NW London")  # one typed with no namesake stays as it is
