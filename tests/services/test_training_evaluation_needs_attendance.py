"""An evaluation comes from a delegate who attended: one whose booking is marked a no-show is
refused, in the window and in the evaluations import; one still only booked is taken (evaluations
often come in before the register is marked), and once the register says attended it cannot be
set back to booked while the evaluation stands. A score for a learning outcome of a course that
has none says to give the overall confidence score only."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import ImportRejected, run_import, template_columns
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from tests.importers.test_training_import import COURSE, ROWS, write_csv

NO_SHOW = "Zoe Zed did not attend this session (no-show): an evaluation comes from a delegate who did"


def _session(db, outcomes=()):
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect", learning_outcomes=outcomes))
    return cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 6, 3, 9, 30), 10))


def _booked(db, session, name="Zoe Zed"):
    return bk.create_booking(db, bk.BookingFields(session.id, name, booked_on=date(2024, 5, 1))).booking


def _refused(db, fields) -> dict[str, str]:
    with pytest.raises(ValidationError) as err:
        ev.create_evaluation(db, fields)
    return err.value.errors


def test_an_evaluation_of_a_no_show_is_refused_and_of_a_booked_delegate_taken(db):
    session = _session(db)
    zoe = _booked(db, session)
    bk.mark_register(db, session.id, {zoe.id: Outcome.NO_SHOW})
    scores = (ev.ScoreFields(0, 1, 5),)
    assert _refused(db, ev.EvaluationFields(session.id, "Zoe Zed", booking_id=zoe.id, scores=scores)) == {
        "booking_id": NO_SHOW}
    assert _refused(db, ev.EvaluationFields(session.id, "zoe  zed", scores=scores)) == {"delegate_name": NO_SHOW}
    assert ev.list_evaluations(db) == []
    bk.mark_register(db, session.id, {zoe.id: Outcome.BOOKED})
    made = ev.create_evaluation(db, ev.EvaluationFields(session.id, "Zoe Zed", booking_id=zoe.id, scores=scores))
    assert made.booking_id == zoe.id


def test_once_the_register_says_attended_the_evaluation_is_kept_and_attendance_stays(db):
    session = _session(db)
    zoe = _booked(db, session)
    bk.mark_register(db, session.id, {zoe.id: Outcome.ATTENDED})
    made = ev.create_evaluation(db, ev.EvaluationFields(session.id, booking_id=zoe.id, scores=(ev.ScoreFields(0, 1, 5),)))
    assert made.booking_id == zoe.id
    with pytest.raises(ValidationError, match="cannot be marked booked while .* archive the evaluation first"):
        bk.mark_register(db, session.id, {zoe.id: Outcome.BOOKED})
    assert bk.get_booking(db, zoe.id).outcome is Outcome.ATTENDED


def test_a_score_for_a_learning_outcome_of_a_course_with_none_says_to_give_overall_confidence_only(db):
    session = _session(db)
    zoe = _booked(db, session)
    bk.mark_register(db, session.id, {zoe.id: Outcome.ATTENDED})
    errors = _refused(db, ev.EvaluationFields(session.id, booking_id=zoe.id, scores=(ev.ScoreFields(3, 2, 4),)))
    assert errors == {"scores": "This course has no learning outcomes: give the overall confidence score only"}
    with_two = cs.create_course(db, cs.CourseFields("Neglect further", topic="Neglect",
                                                    learning_outcomes=("Spot neglect", "Make a referral")))
    other = cs.create_session(db, cs.SessionFields(with_two.id, datetime(2024, 6, 4, 9, 30), 10))
    ann = _booked(db, other, "Ann Able")
    bk.mark_register(db, other.id, {ann.id: Outcome.ATTENDED})
    errors = _refused(db, ev.EvaluationFields(other.id, booking_id=ann.id, scores=(ev.ScoreFields(3, 2, 4),)))
    assert errors == {"scores": "Learning outcome 3 is not one of this course's 2 learning outcomes"}


def test_the_evaluations_import_refuses_a_no_show_and_adds_none(db, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))  # Zoë attended, Dee Eve still booked
    (dee,) = [b for b in bk.list_bookings(db) if b.delegate_name == "Dee Eve"]
    bk.mark_register(db, dee.session_id, {dee.id: Outcome.NO_SHOW})
    rows = [[COURSE, "15/04/2024 10:00", "Zoë Żółć", "zoe@brent.gov.uk", "", "2", "4", "", "", ""],
            [COURSE, "15/04/2024 10:00", "Dee Eve", "dee@example.org", "", "3", "5", "", "", ""]]
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, header=template_columns("evaluations")))
    assert refused.value.report.bad_rows == [
        "Row 3: Dee Eve did not attend this session (no-show): an evaluation comes from a delegate who did."]
    assert ev.list_evaluations(db) == []
