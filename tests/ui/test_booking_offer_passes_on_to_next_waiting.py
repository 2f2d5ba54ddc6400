"""The Bookings page, when the delegate a free place was offered to leaves the waiting list
without taking it: the window asks whether to offer the place to the next delegate waiting."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bscp_desktop.domain.training import Outcome
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.training.bookings_page import BookingsPage
from tests.ui.helpers import click_button, when_modal

NEXT_MONTH = datetime.combine(date.today() + timedelta(days=30), time(9, 30))


def _book(db, session_id: int, name: str, days_ago: int) -> bk.BookingDTO:
    return bk.create_booking(db, bk.BookingFields(session_id=session_id, delegate_name=name,
                                                  booked_on=date.today() - timedelta(days=days_ago))).booking


def test_cancelling_the_delegate_offered_the_place_asks_to_offer_it_to_the_next(qtbot, db):
    course = cs.create_course(db, cs.CourseFields(title="Exploitation", topic="Exploitation"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=NEXT_MONTH, capacity=1))
    ann = _book(db, session.id, "Ann Ash", 20)
    wendy, _will = _book(db, session.id, "Wendy Wood", 15), _book(db, session.id, "Will Webb", 10)
    offer = bk.cancel_booking(db, ann.id, date.today()).offer
    assert offer is not None and offer.booking_id == wendy.id  # the team answered "Not now"

    page = BookingsPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    page.select_id(wendy.id)
    asked: list[str] = []

    def cancel(dialog) -> None:
        dialog.fields["cancelled_on"].set_value(date.today())
        when_modal(click_button("Give them the place", asked), "A place is free")
        dialog.save_button.click()

    when_modal(cancel, "Cancel Wendy Wood's booking")
    page.cancel_booking()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert "Will Webb" in asked[0] and "Offer them the place?" in asked[0]
    outcomes = {b.delegate_name: b.outcome for b in bk.list_bookings(db, session_id=session.id)}
    assert outcomes == {"Ann Ash": Outcome.CANCELLED, "Wendy Wood": Outcome.CANCELLED, "Will Webb": Outcome.BOOKED}
