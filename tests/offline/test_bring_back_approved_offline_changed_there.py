"""Minutes approved in the offline copy while what they record changed on the team database:
the approval never stands over words, decisions or a title its approvers did not see (on a real
PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

import dataclasses
from datetime import date

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MinutesStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer

BOB = "Bob Manager"


def _item_fields(item, **changes):
    return dataclasses.replace(mt.AgendaItemFields(
        title=item.title, presenter=item.presenter, paper_ref=item.paper_ref, minutes_allotted=item.minutes_allotted,
        confidential=item.confidential, key_focus=item.key_focus, key_focus_summary=item.key_focus_summary,
        kind=item.kind), **changes)


def _approved_in_the_copy(path, m, items, amend=False):
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[0].id, "Apologies from the police.")
        mt.approve_minutes(local, m.id, None, on=date(2024, 3, 25), method="email", approved_by="Members by e-mail")
        if amend:
            mt.save_item_minutes(local, items[0].id, "Apologies from the police and health.",
                                 reason="Health's apologies were missed")


def _changed_by_a_colleague(server, m, items):
    as_officer(server, BOB)
    off.release_meeting(server, m.id, "laptop lost")
    mt.save_item_minutes(server, items[1].id, "Bob's account of the discussion.")
    mt.add_decision(server, items[1].id, "Bob's decision.")
    mt.update_agenda_item(server, items[2].id, _item_fields(items[2], title="Other business"))
    as_officer(server, ALICE)


def test_an_approval_made_offline_is_not_brought_back_over_changes_made_there_meanwhile(taken):
    server, _world, m, items, path = taken
    _approved_in_the_copy(path, m, items)
    _changed_by_a_colleague(server, m, items)

    plan = off.plan_bring_back(server, path)
    assert plan.conflicts == () and plan.problems == ()
    assert "The minutes were approved in the offline copy on 25/03/2024" in plan.summary
    for change in (f"Agenda item 2: {items[1].title} (minutes)", "Decision: Bob's decision. (added)",
                   "Agenda item 3: Other business (title)"):
        assert change in plan.summary
    assert "that approval is not brought back: the minutes stay in draft on the team database" in plan.summary
    assert "Check the minutes on the team database and approve them again." in plan.summary

    result = off.bring_back(server, path)
    assert "that approval was not brought back" in result.sentence
    meeting = mt.get_meeting(server, m.id)
    assert meeting.minutes_status is MinutesStatus.DRAFT and meeting.minutes_approved_on is None
    # everything else came back, and the colleague's changes stand
    assert mt.get_agenda_item(server, items[0].id).minutes == "Apologies from the police."
    assert mt.get_agenda_item(server, items[1].id).minutes == "Bob's account of the discussion."
    assert [d.text for d in mt.list_decisions(server, m.id)] == ["Bob's decision."]
    assert mt.get_agenda_item(server, items[2].id).title == "Other business"


def test_changes_made_there_by_the_officer_holding_the_copy_count_too(taken):
    server, _world, m, items, path = taken
    _approved_in_the_copy(path, m, items)
    mt.save_item_minutes(server, items[1].id, "Typed on the team database after taking the copy.")

    plan = off.plan_bring_back(server, path)
    assert f"Agenda item 2: {items[1].title} (minutes)" in plan.summary and "not brought back" in plan.summary
    off.bring_back(server, path)
    assert mt.get_meeting(server, m.id).minutes_status is MinutesStatus.DRAFT


def test_amendments_made_after_approving_in_the_copy_are_named_and_their_changes_come_back(taken):
    server, _world, m, items, path = taken
    _approved_in_the_copy(path, m, items, amend=True)
    _changed_by_a_colleague(server, m, items)

    plan = off.plan_bring_back(server, path)
    assert plan.problems == ()
    assert "Nor is the amendment made in the copy after approving them" in plan.summary
    assert f"(of Agenda item 1: {items[0].title}, giving the reason “Health's apologies were missed”)" in plan.summary
    result = off.bring_back(server, path)
    assert mt.list_amendments(server, m.id) == []
    assert mt.get_agenda_item(server, items[0].id).minutes == "Apologies from the police and health."
    assert mt.get_meeting(server, m.id).minutes_status is MinutesStatus.DRAFT
    assert "Nor was the amendment" in result.sentence


def test_an_approval_made_offline_comes_back_when_nothing_it_records_changed_there(taken):
    """A decision added there and withdrawn again changes nothing the approval records: it comes back."""
    server, _world, m, items, path = taken
    _approved_in_the_copy(path, m, items)
    as_officer(server, BOB)
    off.release_meeting(server, m.id, "laptop lost")
    mt.add_decision(server, items[1].id, "Added and withdrawn again.")
    mt.archive_decision(server, mt.list_decisions(server, m.id)[0].id)
    as_officer(server, ALICE)

    plan = off.plan_bring_back(server, path)
    assert "approved in the offline copy" not in plan.summary
    off.bring_back(server, path)
    meeting = mt.get_meeting(server, m.id)
    assert meeting.minutes_status is MinutesStatus.APPROVED and meeting.minutes_approved_on == date(2024, 3, 25)
