"""What archiving leaves behind in the action log, in words, and the archived people,
organisations and groups a list's filter still offers while their records are listed."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

DUE = date(2030, 6, 1)


def action(db, description, status=ActionStatus.OPEN, links=None, person=None, organisation=None, archived=False):
    done = status is ActionStatus.DONE
    a = al.create_action(db, al.ActionFields(
        description, owner_person_id=person, owner_organisation_id=organisation, due_date=DUE, status=status,
        completed_on=date(2024, 1, 30) if done else None, evidence="Briefed" if done else ""), links)
    if archived:
        al.archive_action(db, a.id)
    return a


# ---------------------------------------------------------------- the open actions left behind

def test_an_owner_is_told_how_many_open_actions_it_owns_and_a_person_in_their_words(db, world):
    for status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED):
        action(db, f"Police {status.value}", status, organisation=world.police.id)
    action(db, "Police, archived", organisation=world.police.id, archived=True)
    action(db, "Morse's", person=world.inspector.id)

    police = al.open_actions_note(db, "owner_organisation_id", [world.police.id])
    assert police.startswith("It owns 2 open actions: “Police open” (Metropolitan Police, due 01/06/2030) and ")
    assert "They stay in the action log in its name: give them another owner, mark them done, or archive them there" in police
    morse = al.open_actions_note(db, "owner_person_id", [world.inspector.id])
    assert morse.startswith("They own 1 open action: “Morse's” (")
    assert "It stays in the action log in their name: give the action another owner, mark it done" in morse
    assert al.open_actions_note(db, "owner_organisation_id", [world.council.id]) == ""
    # the organisation's own question: its people and seats, then its actions
    note = ms.organisation_archive_note(db, world.police.id)
    assert "2 current people" in note and note.endswith(police)
    quiet = ms.create_organisation(db, ms.OrganisationFields("Brent Youth Offending Service", OrganisationKind.OTHER))
    action(db, "Youth Offending's", organisation=quiet.id)
    assert ms.organisation_archive_note(db, quiet.id).startswith("It owns 1 open action")


def test_a_record_is_told_the_open_actions_raised_from_it_or_from_its_recommendations(db, world):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    recs = [cr.create_recommendation(db, cr.RecommendationFields(case.id, text, world.council.id))
            for text in ("Invite schools to rapid reviews", "Update the guidance")]
    book = cr.RECOMMENDATIONS
    for rec, status in ((recs[0], ActionStatus.OPEN), (recs[0], ActionStatus.DONE), (recs[1], ActionStatus.IN_PROGRESS)):
        action(db, f"Raised from {rec.number}", status, {book.link: rec.id}, organisation=world.council.id)
    cr.archive_recommendation(db, recs[1].id)  # its action stays open in the log all the same

    first = al.open_actions_note(db, book.link, [recs[0].id])
    assert first.startswith("It has 1 open action: “Raised from 1” (")
    assert ("It stays in the action log: mark it done there, or archive it first if no longer to be done (an action "
            "archived by mistake cannot be restored while the recommendation is archived).") in first
    whole = al.open_actions_note(db, book.link, [case.id], through=(book.parent_key,))
    assert whole.startswith("It has 2 open actions: ") and "while the case review is archived" in whole
    other = cr.create_case_review(db, cr.CaseReviewFields("Child B", "death", date(2024, 1, 29)))
    assert al.open_actions_note(db, book.link, [other.id], through=(book.parent_key,)) == ""
    assert al.open_actions_note(db, book.link, []) == ""


@pytest.mark.slow
def test_an_audit_and_a_section_11_cycle_count_the_open_actions_of_their_recommendations_and_ratings(demo_db):
    from bscp_desktop.services.audits import case_audits as ca
    from bscp_desktop.services.audits import learning as le
    from bscp_desktop.services.audits import s11_ratings as sr
    from bscp_desktop.services.audits import section11 as s11

    for audit in ca.list_audits(demo_db, include_archived=True):
        note = al.open_actions_note(demo_db, le.RECOMMENDATIONS.link, [audit.id], (le.RECOMMENDATIONS.parent_key,))
        assert note.startswith(f"It has {audit.actions_open} open action") if audit.actions_open else note == ""
    counts = []
    for cycle in s11.list_cycles(demo_db, include_archived=True):
        note = al.open_actions_note(demo_db, "s11_rating_id", [cycle.id], through=("s11_agency_id", "cycle_id"))
        left = sr.open_action_count(sr.cycle_actions(demo_db, cycle.id))
        counts.append(left)
        assert note.startswith(f"It has {left} open action") if left else note == ""
    assert any(counts)


# ---------------------------------------------------------------- archived ones a filter offers

def test_a_filter_offers_the_archived_owners_and_groups_its_records_still_name(db, world):
    forum_meeting = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    action(db, "From the forum", links={"meeting_id": forum_meeting.id}, organisation=world.police.id)
    action(db, "Morse's, archived", person=world.inspector.id, archived=True)
    for org in (world.police, world.icb):  # the ICB owns nothing
        ms.archive_organisation(db, org.id)
    ms.archive_person(db, world.inspector.id)
    ms.archive_person(db, world.nurse.id)  # owns nothing
    for group in (world.forum, world.executive):  # the executive has seats, but no meeting
        ms.archive_group(db, group.id)

    def labels(choices):
        return [label for label, _id in choices]

    assert "Metropolitan Police (archived)" in labels(ms.organisation_choices(db, named_by=RecordKind.ACTIONS))
    assert "NWL Integrated Care Board (archived)" not in labels(ms.organisation_choices(db, named_by=RecordKind.ACTIONS))
    people = labels(ms.person_choices(db, named_by=RecordKind.ACTIONS))
    assert "Inspector Morse (Metropolitan Police) (archived)" in people  # its action archived too: Show archived
    assert not any(p.startswith("Nurse") for p in people)
    assert labels(ms.group_choices(db, named_by=RecordKind.ACTIONS)) == ["Safeguarding Children Forum (archived)"]
    assert labels(ms.group_choices(db, named_by=RecordKind.MEETINGS)) == ["Safeguarding Children Forum (archived)"]
    assert labels(ms.group_choices(db, named_by=RecordKind.MEMBERSHIPS)) == [
        "Executive Group (archived)", "Safeguarding Children Forum (archived)"]
    # a picker still offers the live ones only
    assert ms.group_choices(db) == [] and "Metropolitan Police (archived)" not in labels(ms.organisation_choices(db))
