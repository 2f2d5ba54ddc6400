"""`bscp-desktop search "Hamza Iqbal"` printed "No records mention Hamza Iqbal." although a
training booking held that name and email: bookings are searched now, and when nothing is found
the records not searched are named instead of denied."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from bscp_desktop.services.search_names import unsearched_sentence
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs


def _booked(db_path) -> None:
    with Database.open(db_path) as db:
        course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
        session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2022, 5, 23, 9, 30),
                                                         capacity=20))
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Hamza Iqbal",
                                               email="hamza.iqbal@example.org", organisation_name="Preston Manor School",
                                               booked_on=date(2022, 5, 1)))


def test_search_prints_the_booking_of_a_name_or_an_email(db_path, capsys):
    _booked(db_path)
    for typed in (["Hamza", "Iqbal"], ["hamza.iqbal@example.org"]):
        assert main(["search", *typed, "--db", str(db_path)]) == 0
        said = capsys.readouterr()
        assert said.err == ""
        [line] = said.out.splitlines()
        assert line.split("\t")[:4] == ["23/05/2022", "Booking", "Preston Manor School",
                                        "Booking: Hamza Iqbal, Neglect basics on 23/05/2022"]
    assert main(["search", "Hamza", "--area", "training", "--db", str(db_path)]) == 0
    assert "Booking: Hamza Iqbal" in capsys.readouterr().out


def test_finding_nothing_names_the_records_not_searched(db_path, capsys):
    _booked(db_path)
    assert main(["search", "Keith", "Makinn", "--db", str(db_path)]) == 0
    said = capsys.readouterr()
    assert said.out == "" and said.err == f"No record searched mentions Keith Makinn. {unsearched_sentence()}\n"
    assert "training evaluations" in said.err
    assert main(["search", "Makinn", "--area", "memberships", "--db", str(db_path)]) == 0
    assert capsys.readouterr().err == "No records mention Makinn.\n"  # every record there that holds a name is searched
