"""A course typed in the program with a word processor's marks ("Children’s needs – neglect",
as pasted from a document) is the course an LMS export names with plain ones ("Children's needs
- neglect"): a bookings import adds its bookings to that course's session instead of making a
second course and session at the same time, and an evaluations import finds the course and its
learning outcomes written either way. The window keeps one live course of a title read the same
way, so a file never has two courses to choose between."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import run_import
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from tests.importers.test_training_import import write_csv

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

TYPED = "Children’s needs – neglect"
PLAIN = "Children's needs - neglect"
OUTCOME = "Spot a child’s “unmet” needs"
EVALUATION_HEADER = ["Course", "Session start", "Delegate", "Email", "Learning outcome", "Before", "After", "Comments",
                     "Delegate follow-up", "Manager follow-up"]


@pytest.fixture
def session(db):
    course = cs.create_course(db, cs.CourseFields(title=TYPED, topic="Neglect", learning_outcomes=(OUTCOME,)))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2024, 4, 15, 10, 0),
                                                  capacity=10))


def test_bookings_for_the_plainly_written_title_go_to_the_course_on_record(db, session, tmp_path):
    row = [PLAIN, "15/04/2024 10:00", "10", "Bo Chan", "bo@example.org", "", "", "01/03/2024", "Attended", ""]
    report = run_import(db, "bookings", write_csv(tmp_path / "b.csv", [row]))
    assert report.added == 1
    assert not any("create" in note for note in report.notes)
    assert [c.title for c in cs.list_courses(db)] == [TYPED]
    assert [s.id for s in cs.list_sessions(db)] == [session.id]
    assert [(b.session_id, b.delegate_name) for b in bk.list_bookings(db)] == [(session.id, "Bo Chan")]


def test_evaluations_find_the_course_and_its_outcome_written_plainly(db, session, tmp_path):
    booking = [PLAIN, "15/04/2024 10:00", "", "Bo Chan", "bo@example.org", "", "", "01/03/2024", "Attended", ""]
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", [booking]))
    rows = [[PLAIN, "15/04/2024 10:00", "Bo Chan", "bo@example.org", "", "2", "4", "Useful", "", ""],
            [PLAIN, "15/04/2024 10:00", "Bo Chan", "bo@example.org", 'Spot a child\'s "unmet" needs', "1", "5", "", "",
             ""]]
    report = run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, header=EVALUATION_HEADER))
    assert (report.added, report.bad_rows) == (1, [])
    [evaluation] = ev.list_evaluations(db)
    assert evaluation.session_id == session.id
    assert [(s.outcome_number, s.before, s.after) for s in evaluation.scores] == [(0, 2, 4), (1, 1, 5)]


def test_the_window_keeps_one_live_course_of_a_title_however_its_marks_are_typed(db, session):
    with pytest.raises(ValidationError) as refused:
        cs.create_course(db, cs.CourseFields(title="CHILDREN'S NEEDS - NEGLECT", topic="Neglect"))
    assert refused.value.errors == {"title": "There is already a course called 'CHILDREN'S NEEDS - NEGLECT'; "
                                             "choose another title"}
    assert [c.title for c in cs.list_courses(db)] == [TYPED]
