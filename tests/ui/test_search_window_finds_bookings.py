"""The Search window said "Nothing in everything mentions 'Hamza Iqbal'" although a training
booking held the name: it finds the booking now, in everything and in the Training tab's
records, and opening the hit shows the booking, selected on the Training tab's Bookings page
(its session's day taken into the period shown)."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.app import make_application, open_database
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from tests.ui.helpers import start_window


def results(dialog):
    proxy = dialog.proxy
    return [[proxy.index(r, c).data() for c in range(proxy.columnCount())] for r in range(proxy.rowCount())]


def test_the_search_window_finds_a_booking_and_opens_the_training_tab(qtbot, db_file):
    make_application()
    db = open_database(db_file)
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2022, 5, 23, 9, 30),
                                                     capacity=20))
    booked = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Hamza Iqbal",
                                           email="hamza.iqbal@example.org", organisation_name="Preston Manor School",
                                           booked_on=date(2022, 5, 1)))
    window = start_window(qtbot, db, size=(1280, 800))
    try:
        dialog = window.search(None, "Hamza Iqbal")
        qtbot.waitUntil(lambda: dialog.result is not None and not dialog.loading(), timeout=10_000)
        assert [row[:4] for row in results(dialog)] == [
            ["23/05/2022", "Booking", "Preston Manor School", "Booking: Hamza Iqbal, Neglect basics on 23/05/2022"]]
        assert dialog.status.text().startswith("1 record(s) in everything mention 'hamza' and 'iqbal'")
        assert dialog.scope.findData("training") > 0  # the Training tab's records are searched on their own
        dialog.open_selected()
        assert window.tabs.tabText(window.tabs.currentIndex()) == "Training"
        page = window.tabs.currentWidget().sections.currentWidget()
        qtbot.waitUntil(lambda: page.selected() is not None, timeout=10_000)
        assert page.selected().id == booked.booking.id and page.period_bar.period.contains(date(2022, 5, 23))

        dialog = window.search(None, "Keith Makinn")
        qtbot.waitUntil(lambda: not dialog.loading(), timeout=10_000)
        assert results(dialog) == []
        assert dialog.status.text().startswith("No record searched mentions 'Keith Makinn'. Check the spelling")
        assert "Not searched: attendance escalations, " in dialog.status.text()
        assert "training evaluations" in dialog.status.text()
        dialog.close()
    finally:
        window.db.close()
