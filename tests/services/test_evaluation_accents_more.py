"""A delegate with no booking on a session evaluates it once, however the name is typed: by
the rule a row finds a delegate's booking (`matching_booking`), "jose alvarez" is José Álvarez,
and a name typed without an address is the delegate of that name with one. The second is
refused, naming the first; two delegates of one name told apart by their addresses are not."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev

RAN = datetime(2024, 4, 15, 10, 0)


@pytest.fixture
def session(db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=RAN, capacity=5))


def _evaluate(db, session, name, email=""):
    return ev.create_evaluation(db, ev.EvaluationFields(session_id=session.id, delegate_name=name, email=email))


def _refused(db, session, name, email="") -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        _evaluate(db, session, name, email)
    return refused.value.errors


def test_a_delegate_without_a_booking_named_without_accents_is_refused_naming_the_first(db, session):
    jose = _evaluate(db, session, "José Álvarez")
    assert jose.booking_id is None
    assert _refused(db, session, "jose alvarez") == {"delegate_name": (
        "jose alvarez is the same delegate as José Álvarez (case, spacing and accents do not matter), who has "
        "already evaluated this session; edit that evaluation")}
    assert _refused(db, session, "JOSE  ALVAREZ", "jose.alvarez@brent.gov.uk")  # the first has no address
    assert [e.delegate_name for e in ev.list_evaluations(db, session_id=session.id)] == ["José Álvarez"]
    ev.update_evaluation(db, jose.id, ev.EvaluationFields(session_id=session.id, delegate_name="José Álvarez",
                                                          comments="Useful"))  # not a clash with itself


def test_a_delegate_named_without_the_address_the_first_gave_is_the_same_delegate(db, session):
    _evaluate(db, session, "José Álvarez", "jose.alvarez@brent.gov.uk")
    assert _refused(db, session, "José Álvarez") == {"delegate_name": (
        "José Álvarez has already evaluated this session; edit that evaluation")}
    assert "José Álvarez (case, spacing and accents" in _refused(db, session, "jose alvarez")["delegate_name"]


def test_two_delegates_of_one_name_told_apart_by_their_addresses_each_evaluate(db, session):
    _evaluate(db, session, "José Álvarez", "jose.alvarez@brent.gov.uk")
    _evaluate(db, session, "Jose Alvarez", "j.alvarez@nhs.net")
    assert len(ev.list_evaluations(db, session_id=session.id)) == 2


def test_an_archived_evaluation_counts_under_another_spelling_as_under_the_same(db, session):
    old = _evaluate(db, session, "José Álvarez")
    ev.archive_evaluation(db, old.id)
    with pytest.raises(ValidationError, match="José Álvarez has already evaluated"):
        _evaluate(db, session, "José Álvarez")
    with pytest.raises(ValidationError, match="jose alvarez is the same delegate as José Álvarez"):
        _evaluate(db, session, "jose alvarez")  # restore that one instead


def test_an_evaluation_made_with_an_address_saves_and_restores_beside_a_namesake_with_another(db, session):
    jose = _evaluate(db, session, "José Álvarez", "jose.alvarez@brent.gov.uk")
    _evaluate(db, session, "Jose Alvarez", "j.alvarez@nhs.net")
    fields = ev.EvaluationFields(session_id=session.id, delegate_name="José Álvarez", comments="Useful")
    ev.update_evaluation(db, jose.id, fields)  # the window gives no address: the evaluation's own is meant
    ev.archive_evaluation(db, jose.id)
    ev.restore_evaluation(db, jose.id)
    assert len(ev.list_evaluations(db, session_id=session.id)) == 2
