"""An evaluation says something: one from no delegate with no score, comment or follow-up is
refused, naming what to fill in; an anonymous one with any of them, or a named delegate's, is kept."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev

RAN = datetime(2024, 3, 11, 9, 30)


@pytest.fixture
def session(db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect: recognising and responding", topic="Neglect",
                                                  learning_outcomes=("Spot neglect",)))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=RAN, capacity=5))


def test_an_evaluation_from_no_one_saying_nothing_is_refused_naming_what_to_fill_in(db, session):
    with pytest.raises(ValidationError) as refused:
        ev.create_evaluation(db, ev.EvaluationFields(session.id, "  ", comments=" \n ",
                                                     scores=(ev.ScoreFields(1, None, None),)))
    assert refused.value.errors == {"delegate_name": ev.NOTHING_GIVEN}
    assert "confidence score, a comment or a follow-up" in ev.NOTHING_GIVEN and "delegate" in ev.NOTHING_GIVEN
    assert ev.list_evaluations(db) == []


@pytest.mark.parametrize("given", [
    {"scores": (ev.ScoreFields(0, 2, 4),)},
    {"scores": (ev.ScoreFields(1, None, 3),)},
    {"comments": "Very practical"},
    {"delegate_follow_up": "I now use the checklist", "delegate_follow_up_on": date(2024, 5, 1)},
    {"manager_follow_up": "More confident making referrals"},
])
def test_an_anonymous_evaluation_with_a_score_a_comment_or_a_follow_up_is_kept(db, session, given):
    saved = ev.create_evaluation(db, ev.EvaluationFields(session.id, **given))
    assert saved.delegate_name == "" and saved.follow_up is None


def test_a_named_delegates_evaluation_is_kept_for_its_follow_up(db, session):
    saved = ev.create_evaluation(db, ev.EvaluationFields(session.id, "Ann Lee"))
    assert saved.delegate_name == "Ann Lee" and saved.follow_up is not None


def test_an_anonymous_evaluation_emptied_is_not_saved(db, session):
    saved = ev.create_evaluation(db, ev.EvaluationFields(session.id, comments="Good use of local cases"))
    with pytest.raises(ValidationError) as refused:
        ev.update_evaluation(db, saved.id, ev.EvaluationFields(session.id))
    assert refused.value.errors == {"delegate_name": ev.NOTHING_GIVEN}
    assert ev.list_evaluations(db)[0].comments == "Good use of local cases"
