"""Give the place on the Bookings page: given to a delegate others are before on the waiting
list, the officer is asked first, naming those passed over (No changes nothing, Yes gives it);
given to the first in turn, nothing is asked."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from tests.ui.helpers import click_button, start_window, when_modal

pytestmark = pytest.mark.slow  # the whole window, then the Training tab's bookings

TO_COME = datetime.combine(date.today() + timedelta(days=30), time(9, 30))
QUESTION = "Others are waiting before them"


def _queue(db, capacity: int) -> dict[str, int]:
    """Ann Ash holds the one place; Bob Birch (3 May), Cat Cole (2 May), Dee Dale (4 May) and
    Eve Early (5 May) wait; the places are then raised to `capacity`. Each name's booking id."""
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=TO_COME, capacity=1))
    ids = {}
    for name, day in (("Ann Ash", 1), ("Bob Birch", 3), ("Cat Cole", 2), ("Dee Dale", 4), ("Eve Early", 5)):
        ids[name] = bk.create_booking(db, bk.BookingFields(session.id, name, booked_on=date(2026, 5, day))).booking.id
    cs.update_session(db, session.id, cs.SessionFields(course.id, TO_COME, capacity))
    return ids


def _bookings_page(qtbot, db):
    window = start_window(qtbot, db)
    tab = window.tab("Training")
    window.tabs.setCurrentWidget(tab)
    tab.sections.setCurrentWidget(tab.bookings)
    qtbot.waitUntil(lambda: not tab.bookings.loading(), timeout=10_000)
    return tab.bookings


def _give(qtbot, page, booking_id: int, answer: str) -> list[str]:
    """Choose the booking and press Give the place, answering `answer` to a question; what was asked."""
    page.select_id(booking_id)
    assert page.selected().id == booking_id and page.offer_action.isEnabled()
    assert "to the selected delegate" in page.offer_action.toolTip()
    asked: list[str] = []
    when_modal(click_button(answer, asked), QUESTION)
    page.offer_action.trigger()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    return asked


def _outcomes(db, ids: dict[str, int]) -> dict[str, Outcome]:
    return {name: bk.get_booking(db, i).outcome for name, i in ids.items()}


def test_giving_the_place_out_of_turn_asks_naming_those_passed_over_and_no_changes_nothing(qtbot, db):
    ids = _queue(db, capacity=2)
    before = _outcomes(db, ids)
    page = _bookings_page(qtbot, db)
    asked = _give(qtbot, page, ids["Eve Early"], "No")
    assert asked == [
        "Cat Cole, Bob Birch and Dee Dale are before Eve Early on the waiting list for "
        f"{bk.get_booking(db, ids['Eve Early']).session_name}. A place that comes free normally goes to the first "
        "in turn, Cat Cole.\n\nGive the place to Eve Early all the same, ahead of them?"]
    assert _outcomes(db, ids) == before
    assert bk.get_booking(db, ids["Eve Early"]).notes == ""


def test_yes_gives_the_place_out_of_turn_and_the_first_in_turn_is_asked_nothing(qtbot, db):
    ids = _queue(db, capacity=3)
    page = _bookings_page(qtbot, db)
    asked = _give(qtbot, page, ids["Bob Birch"], "Yes")
    assert len(asked) == 1 and asked[0].startswith("Cat Cole is before Bob Birch on the waiting list")
    assert _outcomes(db, ids)["Bob Birch"] is Outcome.BOOKED
    assert "Cat Cole was before them" in bk.get_booking(db, ids["Bob Birch"]).notes
    assert _give(qtbot, page, ids["Cat Cole"], "No") == []  # first in turn: given at once
    assert _outcomes(db, ids) == {"Ann Ash": Outcome.BOOKED, "Bob Birch": Outcome.BOOKED, "Cat Cole": Outcome.BOOKED,
                                  "Dee Dale": Outcome.WAITLISTED, "Eve Early": Outcome.WAITLISTED}
