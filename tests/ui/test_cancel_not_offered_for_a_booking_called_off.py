"""A booking called off with its session by the partnership is not offered "Cancel booking…"
(saving it would only be refused: such a booking changes only when its session is reinstated);
the tooltip says what to do instead. A booking still booked is offered it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.training.bookings_page import BookingsPage

SOON = datetime.combine(date.today() + timedelta(days=9), time(9, 30))


def test_cancel_is_not_offered_for_a_booking_called_off(qtbot, db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    off, on = (cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=SOON + timedelta(days=d), capacity=5))
               for d in (0, 1))
    called, booked = (bk.create_booking(db, bk.BookingFields(session_id=s.id, delegate_name="Ann Lee",
                                                             booked_on=date.today() - timedelta(days=3))).booking
                      for s in (off, on))
    co.call_off_session(db, off.id, "The facilitator is ill")
    page = BookingsPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading())
    page.update_actions(bk.get_booking(db, called.id))
    assert not page.cancel_action.isEnabled()
    assert page.cancel_action.toolTip() == ("The partnership called its session off: reinstate the session first "
                                            "(Sessions, Reinstate session) to change the booking.")
    page.update_actions(bk.get_booking(db, booked.id))
    assert page.cancel_action.isEnabled()
