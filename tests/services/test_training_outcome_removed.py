"""A scored learning outcome is not removed from a course's list: the outcome after it would
take its place, and its evaluation scores would count under that outcome. Rewording it in its
place, or removing an outcome nobody scored, stays allowed."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev

OUTCOMES = ("Spot neglect", "Make a referral", "Record decisions")


def _scored_course(db):
    """Outcomes 1 and 2 scored: by two evaluations and by one."""
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", learning_outcomes=OUTCOMES))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2024, 3, 5, 10, 0),
                                                     capacity=10))
    ev.create_evaluation(db, ev.EvaluationFields(session_id=session.id, delegate_name="Ann Lee",
                                                 scores=(ev.ScoreFields(1, 2, 4), ev.ScoreFields(2, 1, 5))))
    ev.create_evaluation(db, ev.EvaluationFields(session_id=session.id, delegate_name="Bo Chan",
                                                 scores=(ev.ScoreFields(1, 3, 4),)))
    return course, cs.get_course(db, course.id).to_fields()


def _outcomes(db, course_id):
    return [(g.course_title, g.by_outcome) for g in ev.course_gains(db) if g.course_id == course_id]


@pytest.mark.slow
def test_removing_a_scored_outcome_that_another_would_replace_is_refused(db):
    course, fields = _scored_course(db)
    gains = _outcomes(db, course.id)
    with pytest.raises(ValidationError) as refused:
        cs.update_course(db, course.id, dataclasses.replace(fields, learning_outcomes=("Spot neglect",
                                                                                       "Record decisions")))
    assert refused.value.errors == {"learning_outcomes": (
        "1 evaluation has scores for 'Make a referral' (learning outcome 2), so it cannot be removed: 'Record "
        "decisions' would take its place, and the scores with it. It keeps its place in the list (reword it there "
        "if need be), and new outcomes go at the end")}
    with pytest.raises(ValidationError) as refused:  # the first, scored by two
        cs.update_course(db, course.id, dataclasses.replace(fields, learning_outcomes=("Make a referral",
                                                                                       "Make a referral")))
    assert refused.value.errors["learning_outcomes"].startswith(
        "2 evaluations have scores for 'Spot neglect' (learning outcome 1), so it cannot be removed: 'Make a "
        "referral' would take its place")
    assert cs.get_course(db, course.id).learning_outcomes == OUTCOMES
    assert _outcomes(db, course.id) == gains  # the scores stay with their outcomes
    # rewording a scored outcome in its place, or removing one nobody scored, is allowed
    reworded = ("Spot neglect", "Make a referral to children's social care")
    assert cs.update_course(db, course.id, dataclasses.replace(fields, learning_outcomes=reworded)
                            ).learning_outcomes == reworded
    after = dict(_outcomes(db, course.id)[0][1])
    assert list(after) == list(reworded) and after[reworded[1]].pairs == 1


def test_a_scored_outcome_removed_from_the_end_is_refused_naming_its_evaluations(db):
    course, fields = _scored_course(db)
    with pytest.raises(ValidationError) as refused:
        cs.update_course(db, course.id, dataclasses.replace(fields, learning_outcomes=("Spot neglect",)))
    assert refused.value.errors["learning_outcomes"].startswith(
        "1 evaluation has scores for 'Make a referral' (learning outcome 2), so it cannot be removed from the list.")

