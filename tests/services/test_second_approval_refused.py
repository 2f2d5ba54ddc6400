"""Two officers approving the same minutes: the second approval never silently replaces the
first. From the meeting as the officer opened it (its version) the save is refused as every
stale save is (RecordChanged, naming who and when); without a version it is refused with a
sentence saying when, how and by whom they were approved. The same holds for marking minutes
circulated twice and taking them back to draft twice. On a file and on a team database."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import ApprovalMethod, MinutesStatus
from bscp_desktop.domain.validation import RecordChanged, ValidationError
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

pytestmark = pytest.mark.both_engines

CHAIR = {"method": "chairs_action", "approved_by": "Keith Makin (chair)"}
EMAIL = {"method": "email", "approved_by": "Members by e-mail"}


def _other_officer(db):
    """The second officer: another program on a team database, the same one on a file (which
    one program holds at a time)."""
    return Database.open_target(db.url) if db.path is None else db


def _circulated(db, world) -> mt.MeetingDTO:
    m = meeting(db, world.forum, datetime(2024, 2, 22, 10))
    return mt.circulate_minutes(db, m.id, date(2024, 2, 26))


@pytest.mark.slow
def test_the_second_approval_from_the_same_view_is_refused_and_the_first_stands(db, world):
    opened = _circulated(db, world)  # both officers open Approve minutes on these
    other = _other_officer(db)
    try:
        mt.approve_minutes(other, opened.id, None, date(2024, 3, 1), version=opened.version, **CHAIR)
        with pytest.raises(RecordChanged) as refused:
            mt.approve_minutes(db, opened.id, None, date(2024, 3, 5), version=opened.version, **EMAIL)
        assert "minutes_status" in {change.field for change in refused.value.later}
        # reloaded, or with no version at all: still refused, saying what stands
        with pytest.raises(ValidationError) as err:
            mt.approve_minutes(db, opened.id, None, date(2024, 3, 5), version=refused.value.current, **EMAIL)
        sentence = err.value.errors["minutes"]
        assert sentence.startswith("These minutes were approved on 01/03/2024 by the chair's action "
                                   "(Keith Makin (chair)")
        assert sentence.endswith("while you had them open: nothing was changed")
        with pytest.raises(ValidationError, match="approved on 01/03/2024 by the chair's action"):
            mt.approve_minutes(db, opened.id, None, date(2024, 3, 5), **EMAIL)
    finally:
        if other is not db:
            other.close()
    now = mt.get_meeting(db, opened.id)
    assert (now.minutes_status, now.minutes_approved_on, now.minutes_approval_method, now.minutes_approved_by) == (
        MinutesStatus.APPROVED, date(2024, 3, 1), ApprovalMethod.CHAIRS_ACTION, "Keith Makin (chair)")


@pytest.mark.slow
def test_a_second_approval_names_who_recorded_the_first_on_a_file(db, world):
    if db.path is None:
        pytest.skip("on a team database the server names who saved")
    opened = _circulated(db, world)
    db.user = "Dee Officer"
    mt.approve_minutes(db, opened.id, None, date(2024, 3, 1), **CHAIR)
    db.user = "Olu Officer"
    with pytest.raises(ValidationError) as err:
        mt.approve_minutes(db, opened.id, None, date(2024, 3, 5), **EMAIL)
    assert err.value.errors == {"minutes": "These minutes were approved on 01/03/2024 by the chair's action "
                                           "(Keith Makin (chair)), recorded by Dee Officer, while you had them "
                                           "open: nothing was changed"}


@pytest.mark.slow
def test_circulating_twice_and_draft_twice_are_refused_too(db, world):
    opened = _circulated(db, world)
    with pytest.raises(ValidationError, match="marked circulated on 26/02/2024.*nothing was changed"):
        mt.circulate_minutes(db, opened.id, date(2024, 2, 28))
    assert mt.get_meeting(db, opened.id).minutes_circulated_on == date(2024, 2, 26)
    mt.return_minutes_to_draft(db, opened.id, version=opened.version)
    with pytest.raises(RecordChanged):  # taken back to draft by someone else since it was opened
        mt.return_minutes_to_draft(db, opened.id, version=opened.version)
    with pytest.raises(ValidationError, match="already in draft.*nothing was changed"):
        mt.return_minutes_to_draft(db, opened.id)
    # a change to the meeting's other details does not stop the minutes moving on
    m = mt.get_meeting(db, opened.id)
    mt.update_meeting(db, m.id, mt.MeetingFields(m.group_id, "Renamed forum", m.starts_at, m.ends_at,
                                                   status=m.status))
    assert mt.circulate_minutes(db, m.id, date(2024, 2, 28), version=m.version).minutes_status is MinutesStatus.CIRCULATED
