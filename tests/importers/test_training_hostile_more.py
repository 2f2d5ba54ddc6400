"""Training imports against what the team archived, and files as other programs write them: an
archived evaluation is left as it is (a live one always wins); rows on an archived course or
session that match what is held there are left as they are, and only rows that would add or
change something are refused; Excel's "Apr-24" is a month; every bad score of a row is named;
and counts in the notes carry thousands separators."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bscp_desktop.db.models.training import TrainingEvaluation, TrainingScore
from bscp_desktop.domain.delegates import delegate_key
from bscp_desktop.domain.training import session_label
from bscp_desktop.importers import ImportRejected, run_import, template_columns
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.services.training import figures as fg
from tests.importers.test_training_import import COURSE, ROWS, write_csv

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

START = "15/04/2024 10:00"
EVALUATION_HEADER = ["Course", "Session start", "Delegate", "Email", "Learning outcome", "Before", "After", "Comments",
                     "Delegate follow-up", "Manager follow-up"]
ARCHIVED_NOTE = ("1 evaluation (row 2) matches an evaluation archived in the program: left as it is (restore it to "
                 "update from the file).")


def _evaluations_csv(tmp_path, name: str, rows) -> object:
    return write_csv(tmp_path / name, rows, header=EVALUATION_HEADER)


def _zoe(before: str, after: str, comments: str) -> list[str]:
    return [COURSE, START, "Zoë Żółć", "zoe@brent.gov.uk", "", before, after, comments, "", ""]


def _scores(evaluation) -> list[tuple[int | None, int | None]]:
    return [(s.before, s.after) for s in evaluation.scores]


@pytest.fixture
def booked(db, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))


def test_an_archived_evaluation_is_left_as_it_is_not_updated_from_the_file(db, booked, tmp_path):
    run_import(db, "evaluations", _evaluations_csv(tmp_path, "e.csv", [_zoe("2", "4", "Useful")]))
    ev.archive_evaluation(db, ev.list_evaluations(db)[0].id)
    path = _evaluations_csv(tmp_path, "e2.csv", [_zoe("2", "5", "Changed in the LMS")])
    checked = run_import(db, "evaluations", path, dry_run=True)
    assert (checked.added, checked.updated, checked.unchanged) == (0, 0, 1)
    report = run_import(db, "evaluations", path)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    assert ARCHIVED_NOTE in report.notes
    [kept] = ev.list_evaluations(db, include_archived=True)
    assert kept.archived_at is not None and kept.comments == "Useful" and _scores(kept) == [(2, 4)]


def test_a_live_evaluation_is_updated_rather_than_an_archived_one_of_the_same_delegate(db, booked, tmp_path):
    """Zoë's archived evaluation is linked to her booking; a live one names her without her
    address (as older records may hold). A row naming her without it updates the live one."""
    run_import(db, "evaluations", _evaluations_csv(tmp_path, "e.csv", [_zoe("2", "4", "First")]))
    first = ev.list_evaluations(db)[0]
    ev.archive_evaluation(db, first.id)
    with db.unit_of_work() as s:
        old = s.get(TrainingEvaluation, first.id)
        live = TrainingEvaluation(session_id=old.session_id, delegate_key=delegate_key("Zoë Żółć", ""),
                                  delegate_name="Zoë Żółć", booking_id=None, comments="Second")
        s.add(live)
        s.flush()
        s.add(TrainingScore(evaluation_id=live.id, outcome_number=0, before=1, after=3))
        live_id = live.id
    row = [COURSE, START, "Zoë Żółć", "", "", "1", "5", "Second", "", ""]
    report = run_import(db, "evaluations", _evaluations_csv(tmp_path, "e2.csv", [row]))
    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    assert ARCHIVED_NOTE not in report.notes
    evaluations = {e.id: e for e in ev.list_evaluations(db, include_archived=True)}
    assert _scores(evaluations[live_id]) == [(1, 5)]
    assert _scores(evaluations[first.id]) == [(2, 4)] and evaluations[first.id].comments == "First"


def _archived_course_and_session(db, tmp_path) -> tuple[str, str]:
    """Zoë's evaluation on record for COURSE (then archived), and another course with its
    session archived: (the course's refusal, the session's)."""
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))
    run_import(db, "evaluations", _evaluations_csv(tmp_path, "e.csv", [_zoe("2", "4", "Useful")]))
    course = next(c for c in cs.list_courses(db) if c.title == COURSE)
    cs.archive_course(db, course.id)
    other = next(s for s in cs.list_sessions(db) if s.course_title == "Domestic abuse briefing")
    cs.archive_session(db, other.id)
    return (f"Course: The course {COURSE} is archived: restore it first (Courses, Show archived) to add or change "
            "its evaluations, then import again.",
            f"Session start: The session {session_label('Domestic abuse briefing', datetime(2024, 5, 1, 13, 30))} is "
            "archived: restore it first (Sessions, Show archived) to add or change its evaluations, then import again.")


def test_evaluations_on_an_archived_course_or_session_are_refused_when_they_add_or_change(db, tmp_path):
    course, session = _archived_course_and_session(db, tmp_path)
    rows = [_zoe("2", "5", "Useful"),  # changes Zoë's score
            [COURSE, START, "Dee Eve", "dee@example.org", "", "3", "4", "", "", ""],  # a new evaluation
            ["Domestic abuse briefing", "01/05/2024 13:30", "Ann Lee", "ann@example.org", "", "3", "4", "", "", ""]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "evaluations", _evaluations_csv(tmp_path, "e2.csv", rows))
    assert err.value.report.bad_rows == [f"Row 2: {course}", f"Row 3: {course}", f"Row 4: {session}"]
    assert [(e.delegate_name, _scores(e)) for e in ev.list_evaluations(db, include_archived=True)] == \
        [("Zoë Żółć", [(2, 4)])]


def test_evaluations_on_an_archived_course_as_held_are_left_as_they_are(db, tmp_path):
    _archived_course_and_session(db, tmp_path)
    report = run_import(db, "evaluations", _evaluations_csv(tmp_path, "e2.csv", [_zoe("2", "4", "Useful")]))
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    assert "1 evaluation (row 2) on archived courses or sessions is as held: left as it is." in report.notes


def test_bookings_on_an_archived_course_as_held_are_left_and_only_changes_refused(db, tmp_path):
    """The whole LMS export imported again once an old course is archived: its rows as held
    are left as they are; a row changing a booking there is refused, naming the row."""
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))
    cs.archive_course(db, next(c for c in cs.list_courses(db) if c.title == COURSE).id)
    checked = run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS), dry_run=True)
    assert (checked.added, checked.updated, checked.unchanged) == (0, 0, 6)
    assert ("5 rows (2, 3, 4, 5, 6) on archived courses or sessions match the bookings held there: left as they are."
            in checked.notes)
    changed = [list(r) for r in ROWS]
    changed[3][7] = "01/02/2024"  # Dee Eve booked on another day
    changed.append([COURSE, START, "", "New Delegate", "new@example.org", "", "", "01/03/2024", "", ""])
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "c.csv", changed))
    course = (f"Course: The course {COURSE} is archived: restore it first (Courses, Show archived) to book on its "
              "sessions, then import again.")
    assert err.value.report.bad_rows == [f"Row 5: {course}", f"Row 8: {course}"]
    assert {b.delegate_name: b.booked_on for b in bk.list_bookings(db)}["Dee Eve"] == date(2024, 3, 3)


def test_a_changed_capacity_on_an_archived_session_is_refused(db, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))
    session = next(s for s in cs.list_sessions(db) if s.course_title == "Domestic abuse briefing")
    cs.archive_session(db, session.id)
    rows = [[*ROWS[5][:2], "25", *ROWS[5][3:]]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "c.csv", rows))
    assert [line[:28] for line in err.value.report.bad_rows] == ["Row 2: Session start: The se"]
    assert run_import(db, "bookings", write_csv(tmp_path / "d.csv", [ROWS[5]])).unchanged == 1


@pytest.mark.parametrize("text", ["Apr-24", "Apr 24", "apr-24", "April 24"])
def test_a_month_written_as_excel_shows_mmm_yy_is_read(db, tmp_path, text):
    path = write_csv(tmp_path / "r.csv", [[text, "30"]], header=["Month", "Registrations"])
    assert run_import(db, "registrations", path).added == 1
    assert fg.list_registrations(db) == [(date(2024, 4, 1), 30)]


@pytest.mark.parametrize("text", ["04/24", "24/04", "24-Apr"])
def test_a_month_given_in_two_numbers_of_two_digits_is_still_refused(db, tmp_path, text):
    path = write_csv(tmp_path / "r.csv", [[text, "30"]], header=["Month", "Registrations"])
    with pytest.raises(ImportRejected) as err:
        run_import(db, "registrations", path)
    assert err.value.report.bad_rows == [f"Row 2: Month '{text}' is not a month; write it as April 2024 or 04/2024."]


def test_every_bad_score_of_a_row_is_named(db, booked, tmp_path):
    with pytest.raises(ImportRejected) as err:
        run_import(db, "evaluations", _evaluations_csv(tmp_path, "e.csv", [_zoe("0", "9", "")]))
    assert err.value.report.bad_rows == [
        "Row 2: Before '0' is not a score; give a whole number from 1 to 5. "
        "After '9' is not a score; give a whole number from 1 to 5."]


def test_the_report_says_its_counts_are_of_evaluations_not_rows(db, booked, tmp_path):
    course = next(c for c in cs.list_courses(db) if c.title == COURSE)
    cs.update_course(db, course.id, cs.CourseFields(COURSE, learning_outcomes=("Spot neglect", "Make a referral")))
    rows = [[COURSE, START, "Zoë Żółć", "zoe@brent.gov.uk", str(n), "2", "4", "", "", ""] for n in (0, 1, 2)]
    report = run_import(db, "evaluations", _evaluations_csv(tmp_path, "e.csv", rows))
    assert (report.rows, report.added) == (3, 1)
    assert "The counts are of evaluations (one for each delegate and session): the file's 3 rows hold 1." in report.notes
    assert template_columns("evaluations") == EVALUATION_HEADER


def test_counts_in_the_notes_of_a_bookings_import_have_thousands_separators(db, tmp_path):
    when = datetime.combine(date.today() + timedelta(days=30), datetime.min.time()).replace(hour=9, minute=30)
    course = cs.create_course(db, cs.CourseFields(title="Big hall"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=1))
    for name in ("Ann Holder", "Wes Waiting"):
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name, booked_on=date.today()))
    start = when.strftime("%d/%m/%Y %H:%M")
    rows = [["Big hall", start, "1500", "Ann Holder", "", "", "", "", "", ""]]
    report = run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows), dry_run=True)
    assert f"Capacity changed for 1 session: Big hall, {start} to 1,500." in report.notes
    assert any(note.startswith(f"Big hall, {start}: 1,499 places would be free and 1 delegate waits") for note in report.notes)
