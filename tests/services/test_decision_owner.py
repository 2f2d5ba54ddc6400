"""A decision recorded at a meeting has an owner, a due date and evidence of impact (DOMAIN.md:
every decision, recommendation and action needs them). Typed during the meeting it may have
its text alone: it is saved and flagged until they are given."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from bscp_desktop.db.models.meetings import Decision, Meeting
from bscp_desktop.domain.actions import DECISION_NEEDS_DUE_DATE, DECISION_NEEDS_EVIDENCE, DECISION_NEEDS_OWNER, decision_gaps
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import history as hs
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines


@pytest.fixture
def item(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    return mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))


def test_a_decision_typed_during_the_meeting_is_saved_with_its_text_alone_and_flagged(db, item):
    d = mt.add_decision(db, item.id, "  Adopt the neglect strategy ")
    assert (d.text, d.owner_person_id, d.owner_organisation_id, d.due_date, d.evidence) == (
        "Adopt the neglect strategy", None, None, None, "")
    assert d.gaps == {"owner_person_id": DECISION_NEEDS_OWNER, "due_date": DECISION_NEEDS_DUE_DATE}
    assert d.gaps_text == "No owner, no due date"
    assert d.line == "Adopt the neglect strategy"
    with pytest.raises(ValidationError) as err:
        mt.add_decision(db, item.id, "   ")
    assert err.value.errors == {"text": "Decision is required"}


def test_a_decision_with_its_owner_due_date_and_evidence(db, world, item):
    d = mt.add_decision(db, item.id, mt.DecisionFields(
        "Adopt the neglect strategy", world.chair.id, world.council.id, date(2024, 4, 30), " Training booked "))
    assert (d.owner_person_name, d.owner_organisation_name, d.due_date, d.evidence) == (
        world.chair.name, "Brent Council", date(2024, 4, 30), "Training booked")
    assert d.gaps == {} and d.gaps_text == ""
    assert d.line == f"Adopt the neglect strategy — owner: {world.chair.name}, Brent Council, due 30/04/2024"
    (listed,) = mt.list_decisions(db, item.meeting_id)
    assert listed == d
    only_organisation = mt.add_decision(db, item.id, mt.DecisionFields("Fund the toolkit", None, world.police.id,
                                                                       date(2024, 3, 14)))
    assert only_organisation.owner == "Metropolitan Police" and only_organisation.gaps_on(date(2024, 3, 14)) == {}


def test_a_decision_refuses_an_unknown_owner_long_evidence_and_a_due_date_before_the_meeting(db, world, item):
    with pytest.raises(ValidationError) as err:
        mt.add_decision(db, item.id, mt.DecisionFields("Adopt it", 999999, 999998, date(2024, 3, 13), "x" * 10001))
    assert err.value.errors == {
        "owner_person_id": "Choose the owner from the list of people",
        "owner_organisation_id": "Choose the owning organisation from the list",
        "due_date": "Due date (13/03/2024) cannot be before the day of the meeting (14/03/2024)",
        "evidence": "Evidence of impact is too long (10001 characters; at most 10000)",
    }
    with pytest.raises(ValidationError) as err:
        mt.add_decision(db, item.id, mt.DecisionFields("Adopt it", world.chair.id, due_date=date(2201, 1, 1)))
    assert err.value.errors == {"due_date": "Due date 01/01/2201 is outside the years 1900 to 2200"}
    with pytest.raises(ValidationError) as err:
        mt.DecisionFields("Adopt it", due_date="31/02/2024")
    assert "due_date" in err.value.errors
    with db.unit_of_work() as s:
        assert s.scalar(select(func.count(Decision.id))) == 0


def test_changing_the_text_alone_keeps_the_owner_and_due_date(db, world, item):
    d = mt.add_decision(db, item.id, mt.DecisionFields("Adopt it", world.chair.id, None, date(2024, 4, 30)))
    changed = mt.update_decision(db, d.id, "Adopt the strategy")
    assert (changed.text, changed.owner_person_id, changed.due_date) == ("Adopt the strategy", world.chair.id,
                                                                       date(2024, 4, 30))
    given = mt.update_decision(db, d.id, mt.DecisionFields("Adopt the strategy", None, world.council.id, None, "Seen"))
    assert (given.owner_person_id, given.owner_organisation_name, given.due_date, given.evidence) == (
        None, "Brent Council", None, "Seen")
    assert given.gaps_text == "No due date"
    assert given.version > d.version


def test_a_due_date_before_the_meeting_is_refused_only_when_given_or_changed(db, world, item):
    d = mt.add_decision(db, item.id, mt.DecisionFields("Adopt it", world.chair.id, due_date=date(2024, 3, 20)))
    m = mt.get_meeting(db, item.meeting_id)
    with pytest.raises(ValidationError, match="A decision recorded at this meeting would be due before 28/03/2024"):
        mt.update_meeting(db, m.id, mt.MeetingFields(m.group_id, m.title, datetime(2024, 3, 28, 10),
                                                     status=MeetingStatus.HELD))
    with db.unit_of_work() as session:  # a meeting moved before the window refused it: a record kept from then
        session.get(Meeting, m.id).starts_at = datetime(2024, 3, 28, 10)
    kept = mt.update_decision(db, d.id, mt.DecisionFields("Adopt the strategy", world.chair.id,
                                                          due_date=date(2024, 3, 20)))
    assert kept.text == "Adopt the strategy"  # its due date as saved stays
    with pytest.raises(ValidationError) as err:
        mt.update_decision(db, d.id, mt.DecisionFields("Adopt the strategy", world.chair.id, due_date=date(2024, 3, 21)))
    assert err.value.errors == {"due_date": "Due date (21/03/2024) cannot be before the day of the meeting (28/03/2024)"}


def test_evidence_of_impact_is_flagged_once_the_due_date_has_passed():
    due = date(2024, 4, 30)
    assert decision_gaps(1, None, due, "", date(2024, 4, 30)) == {}
    assert decision_gaps(1, None, due, "  ", date(2024, 5, 1)) == {"evidence": DECISION_NEEDS_EVIDENCE}
    assert decision_gaps(None, 2, due, "Every school trained", date(2024, 5, 1)) == {}
    assert decision_gaps(None, None, None, "", date(2024, 5, 1)) == {
        "owner_person_id": DECISION_NEEDS_OWNER, "due_date": DECISION_NEEDS_DUE_DATE}


def test_a_past_due_decision_without_evidence_says_so(db, world, item):
    d = mt.add_decision(db, item.id, mt.DecisionFields("Adopt it", world.chair.id, due_date=date(2024, 4, 30)))
    assert d.gaps_on(date(2024, 5, 1)) == {"evidence": DECISION_NEEDS_EVIDENCE}
    assert d.gaps_text == "No evidence of impact"  # today is long after 30/04/2024


def test_approved_minutes_take_an_owner_or_due_date_change_as_an_amendment_and_evidence_freely(db, world, item):
    d = mt.add_decision(db, item.id, "Adopt the strategy")
    later = meeting(db, world.forum, datetime(2024, 5, 14, 10))
    mt.approve_minutes(db, item.meeting_id, later.id)
    owned = mt.DecisionFields("Adopt the strategy", None, world.council.id, date(2024, 6, 30))
    with pytest.raises(ValidationError) as err:
        mt.update_decision(db, d.id, owned)
    assert "reason" in err.value.errors and "locked" in err.value.errors["text"]
    assert mt.list_decisions(db, item.meeting_id)[0].owner == ""
    mt.update_decision(db, d.id, owned, reason="The owner was agreed at the next meeting")
    (amendment,) = mt.list_amendments(db, item.meeting_id)
    assert (amendment.decision_id, amendment.old_text, amendment.new_text) == (
        d.id, "Adopt the strategy", "Adopt the strategy — owner: Brent Council, due 30/06/2024")
    # evidence of impact is gathered afterwards: no amendment, no reason asked
    evidenced = mt.update_decision(db, d.id, mt.DecisionFields("Adopt the strategy", None, world.council.id,
                                                               date(2024, 6, 30), "Every school has the toolkit"))
    assert evidenced.evidence == "Every school has the toolkit"
    assert len(mt.list_amendments(db, item.meeting_id)) == 1
    # the text alone, as before
    with pytest.raises(ValidationError):
        mt.update_decision(db, d.id, "Adopt the revised strategy")
    kept = mt.update_decision(db, d.id, "Adopt the revised strategy", reason="A word was missed")
    assert (kept.owner_organisation_id, kept.due_date) == (world.council.id, date(2024, 6, 30))


def test_the_change_history_names_the_owner(db, world, item):
    d = mt.add_decision(db, item.id, "Adopt the strategy")
    mt.update_decision(db, d.id, mt.DecisionFields("Adopt the strategy", world.chair.id, world.council.id))
    rows = hs.change_page(db, hs.ChangeQuery(record=("decision", d.id))).rows
    named = {(r.field_label, r.new_text) for r in rows if r.field.startswith("owner_")}
    assert named == {("Owner", world.chair.name), ("Owning organisation", "Brent Council")}
