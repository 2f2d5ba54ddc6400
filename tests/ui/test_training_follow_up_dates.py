"""A no-show is followed up (why they did not come) once the session has run, as an evaluation's
follow-ups are: a follow-up dated before the session's day is refused by the services (saving
the booking, moving its session later, restoring it onto a session moved) and by the follow-up
window, beside its date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.training.booking_dialogs import FollowUpDialog

RAN = datetime(2024, 4, 17, 9, 30)


def _booking(db, outcome=Outcome.NO_SHOW, **kw):
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, RAN, 10))
    return session, bk.create_booking(db, bk.BookingFields(session.id, "Mei Absent", booked_on=date(2024, 3, 1),
                                                           outcome=outcome, **kw)).booking


@pytest.mark.slow
def test_a_no_show_followed_up_before_the_session_is_refused_naming_the_date(db):
    session, booking = _booking(db)
    with pytest.raises(ValidationError) as refused:
        bk.record_follow_up(db, booking.id, "Was ill on the day", date(2024, 4, 16))
    assert refused.value.errors == {"followed_up_on": "Followed up on (16/04/2024) cannot be before the session on "
                                                      "17/04/2024"}
    assert bk.get_booking(db, booking.id).followed_up_on is None
    assert bk.record_follow_up(db, booking.id, "Was ill on the day", RAN.date()).followed_up_on == RAN.date()
    # a cancellation is still followed up from the day it was made
    cancelled = bk.create_booking(db, bk.BookingFields(session.id, "Cy Cancelled", booked_on=date(2024, 3, 1),
                                                       outcome=Outcome.CANCELLED, cancelled_on=date(2024, 4, 2))).booking
    assert bk.record_follow_up(db, cancelled.id, "Court date", date(2024, 4, 3)).followed_up_on == date(2024, 4, 3)


@pytest.mark.slow
def test_a_session_moves_to_no_day_after_a_no_shows_follow_up_nor_is_the_booking_restored_onto_it(db):
    session, booking = _booking(db)
    bk.record_follow_up(db, booking.id, "Was ill on the day", date(2024, 4, 19))
    fields = cs.get_session(db, session.id).to_fields()
    with pytest.raises(ValidationError) as refused:
        cs.update_session(db, session.id, replace(fields, starts_at=datetime(2024, 4, 24, 9, 30)))
    assert refused.value.errors == {"starts_at": "Mei Absent did not come and was followed up on 19/04/2024, before "
                                                 "24/04/2024: the session cannot move to a day after its no-shows' "
                                                 "follow-ups"}
    assert cs.update_session(db, session.id, replace(fields, starts_at=datetime(2024, 4, 19, 9, 30))).day == date(2024, 4, 19)
    bk.archive_booking(db, booking.id)
    cs.update_session(db, session.id, replace(fields, starts_at=datetime(2024, 4, 24, 9, 30)))
    with pytest.raises(ValidationError) as refused:
        bk.restore_booking(db, booking.id)
    assert refused.value.errors == {"followed_up_on": (
        "The booking cannot be restored. Mei Absent did not come and was followed up on 19/04/2024, before the "
        "session, now on 24/04/2024: move the session back to a day on or before 19/04/2024 to restore it")}


def test_the_follow_up_window_refuses_a_day_before_the_session_beside_its_date(qtbot, db):
    _session, booking = _booking(db)
    dialog = FollowUpDialog(db, booking)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields["followed_up_on"].set_value(date(2024, 4, 16))
    assert not dialog.save_button.isEnabled()
    assert dialog.error_labels["followed_up_on"].text() == ("Followed up on (16/04/2024) cannot be before the session "
                                                            "on 17/04/2024")
    dialog.fields["followed_up_on"].set_value(date(2024, 4, 18))
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert bk.get_booking(db, booking.id).followed_up_on == date(2024, 4, 18)
