"""A session the partnership called off never ran: no evaluation is taken from its delegates,
in the window or from an evaluations file, so none is counted in the learning gains; and a session
with an evaluation on record ran, so it is not called off."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import evaluations as ev
from tests.services.test_training_called_off import RAN, _book, _session


def _evaluation(session, booking):
    return ev.EvaluationFields(session_id=session.id, booking_id=booking.id,
                               scores=(ev.ScoreFields(0, 2, 4),))


def test_no_evaluation_is_taken_from_a_delegate_of_a_session_called_off(db):
    session = _session(db, when=RAN)
    amy = _book(db, session, "Amy Pond")
    _book(db, session, "Rory Williams")
    co.call_off_session(db, session.id, "The facilitator was ill")
    with pytest.raises(ValidationError) as refused:
        ev.create_evaluation(db, _evaluation(session, amy))
    assert "Amy Pond did not attend this session (called off by the partnership)" in " ".join(
        refused.value.errors.values())
    assert ev.list_evaluations(db) == []


def test_a_session_with_an_evaluation_on_record_is_not_called_off(db):
    session = _session(db, when=RAN)
    amy = _book(db, session, "Amy Pond")
    _book(db, session, "Rory Williams")
    ev.create_evaluation(db, _evaluation(session, amy))  # came in before the register was marked
    with pytest.raises(ValidationError) as refused:
        co.call_off_session(db, session.id, "The facilitator was ill")
    assert "ran: 1 evaluation of it is on record, so it cannot be called off" in refused.value.errors["session_id"]
    assert {b.outcome for b in bk.list_bookings(db, session_id=session.id)} == {Outcome.BOOKED}  # nothing changed
