"""Reads that look back through the change history or the agreements of many records ask the
database the same number of times however many records there are: whether each approved
meeting's group asked its members to sign a confidentiality agreement on the meeting's day (one
read of the groups' changes of the setting, not one a meeting day), the actions open on a
meeting's day for its approved minutes (one read of the earlier actions' changes, not one an
action), and the members seated on a day with their agreements (only theirs are read, not every
agreement in the file). Each answers as it did when it read record by record."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event

from bscp_desktop.db.bulk import add_new
from bscp_desktop.db.models import Action, ConfidentialityAgreement, Group, Person
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.attendance_agreements import signing_meetings
from bscp_desktop.services.history import values_on
from bscp_desktop.services.history_batch import values_on_days
from bscp_desktop.services.memberships.memberships import agreement_held


def _statements(db, call):
    """(what `call` returns, how many SQL statements it sent)."""
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        result = call()
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return result, len(seen)


def _meetings(db, group_id: int, days: list[date], approved: bool = True) -> list[int]:
    """Meetings of the group at 10:00 on `days`, held, their minutes approved the next day."""
    with db.unit_of_work() as session:
        return add_new(session, Meeting, [
            {"group_id": group_id, "title": "Case review group", "starts_at": datetime.combine(day, datetime.min.time()) + timedelta(hours=10),
             "status": "held", "minutes_status": "approved" if approved else "draft",
             "minutes_approved_on": day + timedelta(days=1) if approved else None}
            for day in days])


def _tick(db, clock, group_id: int, signs: bool, when: datetime) -> None:
    clock.now = when
    g = next(g for g in ms.list_groups(db, include_archived=True) if g.id == group_id)
    ms.update_group(db, group_id, ms.GroupFields(g.name, g.tier, needs_agreement=signs))


def _as_values_on_reads_it(db, meeting_ids: list[int]) -> set[int]:
    """The meetings whose group's members signed an agreement, read a meeting day at a time by
    `history.values_on` (the approved ones), or by the setting today (the others)."""
    with db.unit_of_work() as session:
        rows = [(m.id, m.group_id, m.starts_at.date(), m.minutes_status, session.get(Group, m.group_id).needs_agreement)
                for m in session.query(Meeting).filter(Meeting.id.in_(meeting_ids))]
    signing = set()
    for meeting_id, group_id, day, status, now in rows:
        then = values_on(db, "partnership_group", [group_id], ("needs_agreement",), day) if status == "approved" else {}
        if then.get((group_id, "needs_agreement"), "yes" if now else "no") == "yes":
            signing.add(meeting_id)
    return signing


@pytest.mark.slow  # builds and reads back a group's meetings, actions or agreements
def test_meetings_signing_an_agreement_are_read_in_as_many_statements_however_many_meeting_days(db, clock):
    few = ms.create_group(db, ms.GroupFields("Few meetings"))
    many = ms.create_group(db, ms.GroupFields("Many meetings"))
    few_ids = _meetings(db, few.id, [date(2023, month, 14) for month in (1, 2, 3)])
    many_ids = _meetings(db, many.id, [date(2023, month, 14) for month in range(1, 13)])
    drafts = _meetings(db, many.id, [date(2024, 2, 14)], approved=False)
    # ticked on the April meeting's day after it, unticked and ticked again that day; unticked
    # on a day with no meeting; ticked again (with the other group) long after the last meeting
    for when, signs in ((datetime(2023, 4, 14, 12), True), (datetime(2023, 4, 14, 13), False),
                        (datetime(2023, 4, 14, 14), True), (datetime(2023, 8, 20, 12), False)):
        _tick(db, clock, many.id, signs, when)
    _tick(db, clock, few.id, True, datetime(2024, 1, 10, 12))
    _tick(db, clock, many.id, True, datetime(2024, 1, 10, 12))

    few_signing, few_reads = _statements(db, lambda: signing_meetings(db, few_ids))
    many_signing, many_reads = _statements(db, lambda: signing_meetings(db, many_ids + drafts))
    assert few_reads == many_reads
    assert few_signing == {}
    by_month = {day.month: meeting_id for meeting_id, day in many_signing.items() if day.year == 2023}
    assert sorted(by_month) == [4, 5, 6, 7, 8]  # as it stood at the end of each meeting's day
    assert set(many_signing) == _as_values_on_reads_it(db, many_ids + drafts)
    assert set(signing_meetings(db)) == _as_values_on_reads_it(db, few_ids + many_ids + drafts)


def test_the_setting_on_each_day_is_what_values_on_reads_for_that_day(db, clock):
    group = ms.create_group(db, ms.GroupFields("Case review group"))
    for when, signs in ((datetime(2023, 3, 1, 9), True), (datetime(2023, 3, 1, 16), False),
                        (datetime(2023, 3, 9, 0, 30), True), (datetime(2023, 5, 1, 23, 30), False),
                        (datetime(2023, 5, 2, 12), True)):
        _tick(db, clock, group.id, signs, when)
    days = [date(2023, 2, 20) + timedelta(days=n) for n in range(90)]
    with db.unit_of_work() as session:
        together = values_on_days(session, "partnership_group", ("needs_agreement",), {(group.id, day) for day in days})
    one_by_one = {(group.id, "needs_agreement", day): value for day in days
                  for (_id, _field), value in values_on(db, "partnership_group", [group.id], ("needs_agreement",), day).items()}
    assert together == one_by_one
    assert together[(group.id, "needs_agreement", date(2023, 3, 1))] == "no"  # unticked again that day
    assert (group.id, "needs_agreement", date(2023, 5, 2)) not in together  # not changed since


def _raised(db, clock, how_many: dict[str, int]) -> dict[str, int]:
    """For each group named, a meeting of 10/01/2023 raising so many actions (as an import adds
    them), three of them saved since, and a meeting of 01/03/2023 reviewing them: {name: the
    reviewing meeting's id}. Everything is saved in the order of its dates, as the history keeps it."""
    clock.now = datetime(2023, 1, 10, 12)
    reviews, raised = {}, {}
    for name, count in how_many.items():
        group = ms.create_group(db, ms.GroupFields(name))
        first, reviews[name] = _meetings(db, group.id, [date(2023, 1, 10), date(2023, 3, 1)])
        with db.unit_of_work() as session:
            raised[name] = add_new(session, Action, [
                {"description": f"Action {n}", "status": "open", "due_date": date(2023, 2, 28), "meeting_id": first}
                for n in range(count)])
    for when, changes in ((datetime(2023, 2, 1, 12), {0: ("done", date(2023, 2, 1)), 1: ("in_progress", None)}),
                          (datetime(2023, 4, 5, 12), {0: ("open", None), 2: ("dropped", None)})):
        clock.now = when
        with db.unit_of_work() as session:
            for ids in raised.values():
                for n, (status, completed_on) in changes.items():
                    action = session.get(Action, ids[n])
                    action.status, action.completed_on = status, completed_on
    return reviews


@pytest.mark.slow  # builds and reads back a group's meetings, actions or agreements
def test_the_actions_open_on_a_meetings_day_are_read_in_as_many_statements_however_many_actions(db, clock):
    reviews = _raised(db, clock, {"Few actions": 3, "Many actions": 12})
    few, few_reads = _statements(db, lambda: mt.open_actions_on_its_day(db, reviews["Few actions"]))
    many, many_reads = _statements(db, lambda: mt.open_actions_on_its_day(db, reviews["Many actions"]))
    assert few_reads == many_reads
    # done by then and reopened since: left out; in progress then; dropped only since: open then
    assert {a.description: a.status.value for a in few} == {"Action 1": "in_progress", "Action 2": "open"}
    assert {a.description: a.status.value for a in many} == {
        "Action 1": "in_progress", **{f"Action {n}": "open" for n in range(2, 12)}}


def _agreements_read(db, call):
    """(what `call` returns, how many SQL statements it sent, how many agreements it loaded)."""
    loaded: list[int] = []

    def note(target, context):
        loaded.append(target.id)

    event.listen(ConfidentialityAgreement, "load", note)
    try:
        result, reads = _statements(db, call)
    finally:
        event.remove(ConfidentialityAgreement, "load", note)
    return result, reads, len(loaded)


def _others_with_agreements(db, how_many: int) -> None:
    """People on no group, each with an agreement."""
    with db.unit_of_work() as session:
        people = add_new(session, Person, [{"name": f"Someone else {n}"} for n in range(how_many)])
        add_new(session, ConfidentialityAgreement, [{"person_id": p, "signed_on": date(2024, 1, 2), "review_due": date(2025, 1, 2)}
                                                    for p in people])


@pytest.mark.slow  # builds and reads back a group's meetings, actions or agreements
def test_the_members_seated_on_a_day_are_read_with_their_own_agreements_only(db):
    group = ms.create_group(db, ms.GroupFields("Case review group", needs_agreement=True))
    signed, unsigned, renewed = (ms.create_person(db, ms.PersonFields(name)) for name in ("Signed", "Unsigned", "Renewed"))
    for p in (signed, unsigned, renewed):
        ms.create_membership(db, ms.MembershipFields(p.id, group.id, Role.MEMBER, date(2024, 1, 1)))
    for person, signed_on in ((signed, date(2024, 1, 5)), (renewed, date(2023, 1, 1)), (renewed, date(2024, 2, 1))):
        ms.create_agreement(db, ms.AgreementFields(person.id, signed_on, signed_on + timedelta(days=365)))
    seated = lambda: ms.list_memberships(db, on=date(2024, 6, 1), group_id=group.id, seated=True)  # noqa: E731

    _others_with_agreements(db, 3)
    few, few_reads, few_loaded = _agreements_read(db, seated)
    _others_with_agreements(db, 9)
    many, many_reads, many_loaded = _agreements_read(db, seated)
    assert few_reads == many_reads
    assert few_loaded == many_loaded == 3  # the seated people's own three, not the others' twelve
    assert few == many
    assert {m.person_name: m.has_current_agreement for m in many} == {"Signed": True, "Unsigned": False, "Renewed": True}
    with db.unit_of_work() as session:
        held = agreement_held(session, None)  # everyone's agreements, as the list read them before
        assert all(m.has_current_agreement == held(m.person_id, date(2024, 6, 1)) for m in many)
    assert [m.person_id for m in ms.members_on(db, group.id, date(2024, 6, 1))] == [renewed.id, signed.id, unsigned.id]
