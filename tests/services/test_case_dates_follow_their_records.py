"""A case review's dates and the records they bound stay in step. The date the local authority
became aware is the day the case's actions are raised on: moving it past an action's dates is
refused naming them (as a case audit's date is), and an action saved before that rule keeps
being worked on while its dates are left alone. A stage date taken from a meeting is the
meeting's day: it follows the meeting to another day (refused, naming the case, where the
case's rules would not take it), and a meeting a live case takes a date from is not archived;
a case linked to an archived meeting is told how to put that right."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime

import pytest
from sqlalchemy import update

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from bscp_desktop.db.models.case_reviews import CaseReview
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.meetings import meetings as mt
from bscp_desktop.services.meetings.dtos import MeetingFields
from tests.built_once import database_with

AWARE = date(2025, 3, 3)


@dataclasses.dataclass(frozen=True)
class Setup:
    org_id: int
    group_id: int
    rapid_meeting_id: int  # 10/03/2025, Child A's rapid review meeting
    considered_meeting_id: int  # 27/03/2025, where Child B was considered
    case_a: int
    case_b: int
    case_c: int  # with a recommendation and two actions
    protocol_id: int  # due 20/03/2025, done 18/03/2025
    training_id: int  # due 25/03/2025


def _meeting(group_id: int, day: date) -> MeetingFields:
    return MeetingFields(group_id, "Case Review Group", datetime.combine(day, datetime.min.time()).replace(hour=10))


def build(db) -> Setup:
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 3))
    rapid = mt.create_meeting(db, _meeting(group.id, date(2025, 3, 10)))
    considered = mt.create_meeting(db, _meeting(group.id, date(2025, 3, 27)))
    a = cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", AWARE, notification_sent=date(2025, 3, 4),
                                                      rapid_review_meeting_id=rapid.id))
    b = cr.create_case_review(db, cr.CaseReviewFields("Child B", "serious_harm", AWARE, outcome="notified",
                                                      notification_sent=date(2025, 3, 4),
                                                      considered_meeting_id=considered.id))
    c = cr.create_case_review(db, cr.CaseReviewFields("Child C", "serious_harm", AWARE))
    rec = cr.create_recommendation(db, cr.RecommendationFields(c.id, "Improve information sharing", org.id))
    protocol = cr.add_recommendation_action(db, rec.id, _action(org.id, "Write a protocol", date(2025, 3, 20),
                                                                status="done", completed_on=date(2025, 3, 18)))
    training = cr.add_recommendation_action(db, rec.id, _action(org.id, "Train staff", date(2025, 3, 25)))
    return Setup(org.id, group.id, rapid.id, considered.id, a.id, b.id, c.id, protocol.id, training.id)


def _action(org_id: int, text: str, due: date, **kw) -> action_log.ActionFields:
    evidence = "Protocol in use" if kw.get("status") == "done" else ""
    return action_log.ActionFields(text, owner_organisation_id=org_id, due_date=due, evidence=evidence, **kw)


db, setup = database_with("case-dates-follow-their-records", build, records="setup")


def _refused(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.errors


def _case_with(db, case_id: int, **changes):
    return lambda: cr.update_case_review(db, case_id, dataclasses.replace(cr.get_case_review(db, case_id).to_fields(),
                                                                           **changes))


def test_moving_the_day_the_case_was_known_past_its_actions_is_refused_naming_them(db, setup):
    assert _refused(_case_with(db, setup.case_c, became_aware=date(2025, 4, 1))) == {
        "became_aware": "2 actions raised from this case's recommendations would be due or done before the date the "
                        "local authority became aware (01/04/2025), the day the case's actions are raised on: "
                        "recommendation 1's 'Write a protocol' (due 20/03/2025, done 18/03/2025); recommendation 1's "
                        "'Train staff' (due 25/03/2025). Change the dates of those actions first, or keep the date the "
                        "local authority became aware (03/03/2025)"}
    assert _refused(_case_with(db, setup.case_c, became_aware=date(2025, 3, 19)))["became_aware"].startswith(
        "An action raised from this case's recommendations would be due or done before the date the local authority "
        "became aware (19/03/2025), the day the case's actions are raised on: recommendation 1's 'Write a protocol' "
        "(done 18/03/2025). Change the dates of that action first")
    assert cr.get_case_review(db, setup.case_c).became_aware == AWARE  # nothing saved
    assert _case_with(db, setup.case_c, became_aware=date(2025, 3, 4))().became_aware == date(2025, 3, 4)
    action_log.update_action(db, setup.protocol_id, _action(setup.org_id, "Write a protocol", date(2025, 4, 20),
                                                            status="done", completed_on=date(2025, 4, 18)))
    action_log.update_action(db, setup.training_id, _action(setup.org_id, "Train staff", date(2025, 4, 25)))
    assert _case_with(db, setup.case_c, became_aware=date(2025, 4, 1))().became_aware == date(2025, 4, 1)


def test_an_action_left_before_the_day_it_was_raised_is_worked_on_while_its_dates_stay(db, setup):
    with db.unit_of_work() as session:  # moved so by an earlier version, which did not refuse it
        session.execute(update(CaseReview).where(CaseReview.id == setup.case_c).values(became_aware=date(2025, 4, 1)))
    done = _action(setup.org_id, "Write a protocol", date(2025, 3, 20), status="done", completed_on=date(2025, 3, 18))
    saved = action_log.update_action(db, setup.protocol_id, dataclasses.replace(done, evidence="Used by every agency"))
    assert (saved.evidence, saved.completed_on) == ("Used by every agency", date(2025, 3, 18))
    assert _refused(lambda: action_log.update_action(db, setup.protocol_id, dataclasses.replace(
        done, completed_on=date(2025, 3, 19)))) == {
        "completed_on": "Completed on (19/03/2025) cannot be before the day the action was raised (01/04/2025)"}


def test_a_meeting_moved_to_another_day_carries_the_case_dates_taken_from_it(db, setup):
    mt.update_meeting(db, setup.rapid_meeting_id, _meeting(setup.group_id, date(2025, 3, 12)))
    mt.update_meeting(db, setup.considered_meeting_id, _meeting(setup.group_id, date(2025, 4, 3)))
    a, b = cr.get_case_review(db, setup.case_a), cr.get_case_review(db, setup.case_b)
    assert (a.rapid_review_meeting, a.rapid_review_meeting_title) == (date(2025, 3, 12), "Case Review Group (12/03/2025)")
    assert (b.considered_on, b.considered_meeting_title) == (date(2025, 4, 3), "Case Review Group (03/04/2025)")
    assert _case_with(db, setup.case_a, rapid_review_sent=date(2025, 3, 20))().rapid_review_sent == date(2025, 3, 20)


def test_a_move_the_case_could_not_take_is_refused_naming_the_case(db, setup):
    assert _refused(lambda: mt.update_meeting(db, setup.rapid_meeting_id, _meeting(setup.group_id, date(2025, 3, 1)))) == {
        "starts_at": "This meeting is linked to case review BSCP-2025-01 (Child A) as its rapid review meeting, whose "
                     "date would follow it: Rapid review meeting (01/03/2025) cannot be before the date the local "
                     "authority became aware (03/03/2025). Change that case first, or keep the meeting's date "
                     "(10/03/2025)"}
    assert mt.get_meeting(db, setup.rapid_meeting_id).starts_at.date() == date(2025, 3, 10)
    assert cr.get_case_review(db, setup.case_a).rapid_review_meeting == date(2025, 3, 10)


def test_a_meeting_a_live_case_takes_a_date_from_is_not_archived(db, setup):
    assert _refused(lambda: mt.archive_meeting(db, setup.considered_meeting_id)) == {
        "meeting": "This meeting is linked to case review BSCP-2025-02 (Child B) as the meeting it was considered at. "
                   "The case takes its date from it, so it stays: choose another meeting on that case (or none) "
                   "first, then archive this one"}
    assert mt.get_meeting(db, setup.considered_meeting_id).archived_at is None
    _case_with(db, setup.case_b, considered_meeting_id=None)()
    mt.archive_meeting(db, setup.considered_meeting_id)
    assert mt.get_meeting(db, setup.considered_meeting_id).archived_at is not None


def test_a_case_linked_to_an_archived_meeting_is_told_to_restore_it_or_choose_another(db, setup):
    cr.archive_case_review(db, setup.case_a)
    mt.archive_meeting(db, setup.rapid_meeting_id)  # no live case takes a date from it
    cr.restore_case_review(db, setup.case_a)
    assert _refused(_case_with(db, setup.case_a, rapid_review_sent=date(2025, 3, 20))) == {
        "rapid_review_meeting_id": "The meeting chosen for the rapid review meeting, Case Review Group (10/03/2025), "
                                   "has been archived: restore it on the Meetings tab, or choose another meeting "
                                   "(or none)"}
    mt.restore_meeting(db, setup.rapid_meeting_id)
    assert _case_with(db, setup.case_a, rapid_review_sent=date(2025, 3, 20))().rapid_review_sent == date(2025, 3, 20)


def test_an_officer_who_may_not_read_case_reviews_leaves_a_case_meeting_to_the_case_reviews_group(pg_address):
    """On a team database the case reviews are closed to officers outside their group: the server
    counts the cases a meeting gives a date to (and names none), so such an officer's move or
    archive of that meeting is refused, saying who can do it; the case would otherwise keep the
    old date. Other meetings move and archive as ever, and the case reviews group's move carries
    the case's date."""
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    logins = {}
    for name, groups in (("Olu Officer", ["officer"]), ("Cara Panel", ["officer", "case-reviews"])):
        role = f"p_{uuid.uuid4().hex[:10]}"
        flags = [arg for g in groups for arg in ("--group", g)]
        assert main(["team", "person", role, "--name", f"{name} {role}", *flags, "--db", pg_address]) == 0
        logins[name] = pg_address.replace("postgresql://bscp_test@", f"postgresql://{role}@", 1)
    with Database.open_target(pg_address) as owner:
        group = ms.create_group(owner, ms.GroupFields("Case Review Group", 3))
        meeting = mt.create_meeting(owner, _meeting(group.id, date(2025, 3, 10)))
        other = mt.create_meeting(owner, _meeting(group.id, date(2025, 3, 12)))
        case = cr.create_case_review(owner, cr.CaseReviewFields("Child A", "serious_harm", AWARE,
                                                                notification_sent=date(2025, 3, 4),
                                                                rapid_review_meeting_id=meeting.id))
    with Database.open_target(logins["Olu Officer"]) as officer:
        assert officer.access.unreadable
        said = _refused(lambda: mt.update_meeting(officer, meeting.id, _meeting(group.id, date(2025, 3, 11))))
        assert said == {"starts_at": "This meeting gives a case review a date, and only an officer in the case "
                                     "reviews group can see it: ask one of them to do this, or keep the meeting's "
                                     "date (10/03/2025)"}
        said = _refused(lambda: mt.archive_meeting(officer, meeting.id))
        assert said == {"meeting": "This meeting gives a case review a date, and only an officer in the case reviews "
                                   "group can see it: ask one of them to do this, or leave the meeting in view"}
        assert "Child A" not in str(said)
        assert mt.get_meeting(officer, meeting.id).starts_at.date() == date(2025, 3, 10)
        assert mt.update_meeting(officer, other.id, _meeting(group.id, date(2025, 3, 13))).starts_at.day == 13
        mt.archive_meeting(officer, other.id)
        assert mt.get_meeting(officer, other.id).archived_at is not None
    with Database.open_target(logins["Cara Panel"]) as panel:
        assert mt.update_meeting(panel, meeting.id, _meeting(group.id, date(2025, 3, 11))).starts_at.day == 11
        assert cr.get_case_review(panel, case.id).rapid_review_meeting == date(2025, 3, 11)


def test_the_groups_grants_let_every_group_count_a_meetings_cases_and_nobody_else():
    from bscp_desktop.db import roles

    script = roles.grant_script(roles.Schema(("meeting", "case_review"), {}))
    assert "REVOKE ALL ON FUNCTION bscp_meeting_case_links(integer) FROM PUBLIC" in script
    assert (f"GRANT EXECUTE ON FUNCTION bscp_meeting_case_links(integer) TO {', '.join(roles.GROUPS)}") in script
    older = roles.grant_script(roles.Schema(("meeting", "case_review"), {}, case_links=False))
    assert not [line for line in older if "bscp_meeting_case_links" in line]
