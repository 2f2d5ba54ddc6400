"""A data protection officer answering a subject access request searches a professional's name
or email: training bookings (the delegate as recorded) and the names typed on attendance
registers (a guest, a deputy) were never searched, so "No records mention Hamza Iqbal" was
said of a name a booking held."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from sqlalchemy import select, update

from bscp_desktop.db import bulk
from bscp_desktop.db import search as index
from bscp_desktop.db.database import Database
from bscp_desktop.db.models.meetings import Attendance
from bscp_desktop.db.models.training import TrainingBooking, TrainingSession
from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from bscp_desktop.domain.training import Outcome
from bscp_desktop.services import attendance as att
from bscp_desktop.services import search as finder
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from tests.meetings_world import meeting

RAN = datetime(2024, 3, 11, 9, 30)


def _session(db, when=RAN, title="Neglect basics"):
    course = cs.create_course(db, cs.CourseFields(title=title, topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=20))


def _hamza(db, session):
    return bk.create_booking(db, bk.BookingFields(
        session_id=session.id, delegate_name="Hamza Iqbal", email="hamza.iqbal@example.org",
        job_title="Early help practitioner", organisation_name="Preston Manor School", booked_on=date(2024, 2, 1),
        notes="Asked for the slides in large print")).booking


def _tables(result) -> list[str]:
    return [h.table for h in result.hits]


def test_a_booking_is_found_by_the_delegates_name_email_job_organisation_and_notes(db):
    booking = _hamza(db, _session(db))
    for typed in ("Hamza Iqbal", "hamza.iqbal@example.org", "early help practitioner", "Preston Manor", "large print"):
        [hit] = finder.search(db, typed).hits
        assert (hit.table, hit.record_id, hit.area, hit.kind) == ("training_booking", booking.id, "training", "Booking")
        assert hit.title == "Booking: Hamza Iqbal, Neglect basics on 11/03/2024"
        assert hit.record == "Preston Manor School" and hit.on == date(2024, 3, 11)
        assert (hit.open_kind, hit.open_id) == ("training_booking", booking.id)
    assert _tables(finder.search(db, "Hamza", area="training")) == ["training_booking"]
    assert "training" in finder.areas()
    # dated by its session, as listed, and found with the session itself
    assert sorted(_tables(finder.search(db, "11/03/2024"))) == ["training_booking", "training_session"]


def test_a_booking_changed_is_found_by_its_new_name_and_not_its_old(db):
    booking = _hamza(db, _session(db))
    with db.unit_of_work() as session:
        session.get(TrainingBooking, booking.id).delegate_name = "Hamza Iqbal-Shah"
    assert _tables(finder.search(db, "Iqbal-Shah")) == ["training_booking"]
    assert finder.search(db, "Hamza Iqbal-Shah").hits[0].title.startswith("Booking: Hamza Iqbal-Shah, ")
    bk.update_booking(db, booking.id, bk.BookingFields(session_id=booking.session_id, delegate_name="H. Iqbal",
                                                        booked_on=date(2024, 2, 1), email="h@example.org"))
    assert finder.search(db, "Hamza").hits == () and _tables(finder.search(db, "Iqbal")) == ["training_booking"]


def test_bookings_added_in_bulk_by_an_import_are_indexed(db):
    session = _session(db)
    rows = [dict(session_id=session.id, delegate_name=f"Delegate {n} Okonkwo", email=f"d{n}@example.org",
                 delegate_key=f"d{n}@example.org", booked_on=date(2024, 2, 1), outcome=Outcome.BOOKED.value)
            for n in range(3)]
    with db.unit_of_work() as s:
        ids = bulk.add_new(s, TrainingBooking, rows)
    found = finder.search(db, "Okonkwo")
    assert sorted(h.record_id for h in found.hits) == ids and found.total == 3
    assert [h.record_id for h in finder.search(db, "d2@example.org").hits] == [ids[2]]


def test_bookings_of_an_archived_session_are_found_only_with_archived_records_and_say_so(db):
    session = _session(db)
    booking = _hamza(db, session)
    with db.unit_of_work() as s:
        s.execute(update(TrainingSession).where(TrainingSession.id == session.id).values(archived_at=datetime(2025, 1, 1)))
    result = finder.search(db, "Hamza Iqbal")
    assert result.hits == () and result.archived == 1
    [hit] = finder.search(db, "Hamza Iqbal", include_archived=True).hits
    assert hit.record_id == booking.id and hit.title.endswith(" (archived)")


def test_a_file_made_before_bookings_were_searched_finds_them_once_opened(db_path):
    """An existing database's index was built from the older declarations: opened by this
    version it is built again, and the bookings are in it."""
    with Database.open(db_path) as db:
        booking = _hamza(db, _session(db))
    con = sqlite3.connect(db_path)
    with con:  # as an earlier version left it: no booking in the index, its declarations another
        con.execute(f"DELETE FROM {index.INDEX} WHERE rowid IN (SELECT id FROM {index.ENTRIES} "
                    "WHERE table_name = 'training_booking')")
        con.execute(f"DELETE FROM {index.ENTRIES} WHERE table_name = 'training_booking'")
        con.execute(f"UPDATE {index.META} SET value = 'an earlier version' WHERE key = 'signature'")
    con.close()
    with Database.open(db_path) as db:
        assert [h.record_id for h in finder.search(db, "hamza.iqbal@example.org").hits] == [booking.id]


def test_a_guest_typed_on_a_register_is_found_and_opens_the_meeting(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    guest = att.add_attendee(db, m.id, att.AttendeeFields(name="Keith Makinn (observer)", status="guest"))
    [hit] = finder.search(db, "Makinn").hits
    assert (hit.table, hit.record_id, hit.area, hit.kind) == ("attendance", guest.id, "meetings", "Register entry")
    assert hit.title == "Register of Forum meeting 14/03/2024: Keith Makinn (observer)"
    assert hit.record == "Safeguarding Children Forum, 14/03/2024" and hit.on == date(2024, 3, 14)
    assert (hit.open_kind, hit.open_id) == ("meeting", m.id)
    assert _tables(finder.search(db, "Makinn", area="meetings")) == ["attendance"]


def test_a_deputy_typed_for_a_member_is_found_and_names_the_member(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    att.prefill_attendance(db, m.id)
    row = next(r for r in att.list_attendance(db, m.id) if r.person_id == world.inspector.id)
    att.set_attendance(db, [row.id], AttendanceStatus.DEPUTY, deputy_name="Sam Okafor")
    [hit] = finder.search(db, "Sam Okafor").hits
    assert hit.table == "attendance" and hit.title == ("Register of Forum meeting 14/03/2024: Sam Okafor, "
                                                       "deputy for Inspector Morse")


def test_a_members_register_entry_with_nothing_typed_is_not_indexed(db, world):
    """The meeting's date finds the meeting, not one register entry for each member."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    att.prefill_attendance(db, m.id)
    with db.unit_of_work() as s:
        assert s.scalars(select(Attendance.id).where(Attendance.meeting_id == m.id)).all()
        entries = s.connection().exec_driver_sql(
            f"SELECT count(*) FROM {index.ENTRIES} WHERE table_name = 'attendance'").scalar()
    assert entries == 0
    assert "attendance" not in _tables(finder.search(db, "14/03/2024"))
    with db.unit_of_work() as s:  # nor where the declared columns are read instead (a team database)
        assert index._scan(s.connection(), ["14/03/2024"], ["attendance"], False, 100) == ([], 0)
    row = att.list_attendance(db, m.id)[0]
    att.set_attendance_notes(db, row.id, "Left at 11:00 for a strategy discussion")
    assert _tables(finder.search(db, "strategy discussion")) == ["attendance"]
    att.set_attendance_notes(db, row.id, "")
    assert finder.search(db, "strategy discussion").hits == ()
    with db.unit_of_work() as s:
        assert s.connection().exec_driver_sql(
            f"SELECT count(*) FROM {index.ENTRIES} WHERE table_name = 'attendance'").scalar() == 0


def test_the_register_of_an_archived_meeting_is_found_only_with_archived_records(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    att.add_attendee(db, m.id, att.AttendeeFields(name="Keith Makinn (observer)", status="guest"))
    from bscp_desktop.db.models.meetings import Meeting

    with db.unit_of_work() as s:
        s.get(Meeting, m.id).archived_at = datetime(2025, 1, 1)
    assert finder.search(db, "Makinn").hits == ()
    hits = finder.search(db, "Makinn", include_archived=True).hits
    register = [h for h in hits if h.table == "attendance"]
    assert len(register) == 1 and register[0].record.endswith(" (archived)")


def test_a_booking_archived_and_a_guest_taken_off_the_register_are_marked_when_found(db, world):
    booking = _hamza(db, _session(db))
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    guest = att.add_attendee(db, m.id, att.AttendeeFields(name="Keith Makinn (observer)", status="guest"))
    bk.archive_booking(db, booking.id)
    att.remove_attendee(db, guest.id)
    assert finder.search(db, "Hamza").hits == () and finder.search(db, "Makinn").hits == ()
    [found] = finder.search(db, "Hamza", include_archived=True).hits
    assert found.title == "Booking: Hamza Iqbal, Neglect basics on 11/03/2024 (archived)"
    [found] = finder.search(db, "Makinn", include_archived=True).hits
    assert found.title == "Register of Forum meeting 14/03/2024: Keith Makinn (observer) (archived)"
    assert found.record == "Safeguarding Children Forum, 14/03/2024"
