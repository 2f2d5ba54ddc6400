"""Section 11 cycles, ratings, comparison, late returns and agency actions through the services."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from bscp_desktop.db.models import Action, ChangeRecord
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Change, Rating, ReturnStatus, Timeliness
from bscp_desktop.domain.validation import NotFoundError, ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from tests.built_once import database_with

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

D = date


def build_cycles(db):
    orgs = [
        ms.create_organisation(db, ms.OrganisationFields(name, kind))
        for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                           ("Metropolitan Police", OrganisationKind.POLICE),
                           ("Żółć Community Trust", OrganisationKind.VOLUNTARY))
    ]
    old = s11.create_cycle(db, s11.CycleFields("2022-24", D(2022, 4, 1), D(2022, 6, 30)))
    new = s11.create_cycle(db, s11.CycleFields("2024-26", D(2024, 4, 1), D(2024, 6, 28)))
    for cycle in (old, new):
        s11.add_agencies(db, cycle.id, [o.id for o in orgs])
    return {"orgs": orgs, "cycles": (old, new)}


db, built = database_with("section11", build_cycles, records="built")


@pytest.fixture
def orgs(built):
    return built["orgs"]


@pytest.fixture
def cycles(built):
    return built["cycles"]


def _ids(db, cycle):
    parts = {p.organisation_name: p for p in s11.list_participants(db, cycle.id)}
    standards = s11.list_standards(db, cycle.id)
    return parts, standards


def test_a_new_cycle_has_the_common_eight_and_the_next_copies_and_compares(db, cycles):
    old, new = cycles
    assert old.compare_with_id is None and new.compare_with_id == old.id
    assert new.compare_with_name == "2022-24"
    old_titles = [s.title for s in s11.list_standards(db, old.id)]
    assert len(old_titles) == 8 and old_titles[5] == "Safer recruitment"
    assert [s.title for s in s11.list_standards(db, new.id)] == old_titles
    assert all(s.questions for s in s11.list_standards(db, new.id))
    assert [c.name for c in s11.list_cycles(db)] == ["2024-26", "2022-24"]
    assert s11.find_cycle(db, "2024-26").id == new.id and s11.find_cycle(db, str(new.id)).id == new.id
    with pytest.raises(NotFoundError):
        s11.find_cycle(db, "1999-01")


def test_cycle_validation(db, cycles):
    with pytest.raises(ValidationError) as err:
        s11.create_cycle(db, s11.CycleFields("2024-26", D(2024, 5, 1), D(2024, 4, 1)))
    assert err.value.errors["name"] == ("There is already a cycle called '2024-26'; choose another name (the years "
                                        "it covers, with a word more if two share them: '2024-26 schools')")
    assert "cannot be before the cycle opens" in err.value.errors["due_on"]
    with pytest.raises(ValidationError) as err:
        s11.create_cycle(db, s11.CycleFields(" ", None, None))
    assert set(err.value.errors) == {"name", "opens_on", "due_on"}


def test_a_cycle_is_compared_with_an_earlier_one_only(db, cycles):
    old, new = cycles
    with pytest.raises(ValidationError) as err:
        s11.update_cycle(db, old.id, s11.CycleFields(old.name, old.opens_on, old.due_on, compare_with_id=new.id))
    assert err.value.errors == {"compare_with_id": "2024-26 opened on 01/04/2024, not before this cycle (01/04/2022): "
                                                   "a cycle is compared with an earlier one"}
    with pytest.raises(ValidationError) as err:  # nor moved after the cycle compared with it
        s11.update_cycle(db, old.id, s11.CycleFields(old.name, D(2024, 5, 1), D(2024, 7, 1)))
    assert err.value.errors == {"opens_on": "2024-26 (opening 01/04/2024) is compared with this cycle, so this one "
                                            "opens before it"}
    assert s11.get_cycle(db, old.id).compare_with_id is None and s11.get_cycle(db, old.id).opens_on == D(2022, 4, 1)


def test_standards_can_change_only_before_the_cycle_opens(db, cycles):
    _old, new = cycles
    before = D(2024, 3, 1)
    added = s11.add_standard(db, new.id, s11.StandardFields("Whistleblowing", "Staff know how to raise concerns"), today=before)
    assert added.number == 9 and added.questions == ("Staff know how to raise concerns",)
    s11.update_standard(db, added.id, s11.StandardFields("Whistleblowing and escalation", "a\nb", 9), today=before)
    with pytest.raises(ValidationError, match="already exists"):
        s11.add_standard(db, new.id, s11.StandardFields("Another", "", 9), today=before)
    with pytest.raises(ValidationError, match="opened on 01/04/2024"):
        s11.add_standard(db, new.id, s11.StandardFields("Too late"), today=D(2024, 4, 1))
    s11.archive_standard(db, added.id, today=before)
    assert len(s11.list_standards(db, new.id)) == 8


def test_rating_validation_and_nothing_half_saved(db, cycles):
    _old, new = cycles
    parts, standards = _ids(db, new)
    council = parts["Brent Council"]
    with pytest.raises(ValidationError) as err:
        sr.save_rating(db, council.id, standards[0].id, sr.RatingFields("Purple", action_due=D(2024, 9, 1)))
    assert "'Purple' is not a rating" in err.value.errors["self_rating"]
    assert "action" in err.value.errors
    with pytest.raises(ValidationError) as err:
        sr.save_rating(db, council.id, standards[0].id, sr.RatingFields("Not applicable"))
    assert "say why" in err.value.errors["not_applicable_reason"]
    with pytest.raises(ValidationError) as err:
        sr.save_rating(db, council.id, standards[0].id, sr.RatingFields("Green", moderated_rating="Amber"))
    assert "add a note saying why" in err.value.errors["moderation_note"]
    with db.unit_of_work() as s:
        assert s.scalar(select(func.count()).select_from(Action)) == 0
    assert sr.get_rating(db, council.id, standards[0].id).id is None


def test_an_improvement_action_is_not_due_before_its_cycle_opened(db, cycles):
    _old, new = cycles
    parts, standards = _ids(db, new)
    council = parts["Brent Council"]
    with pytest.raises(ValidationError) as err:
        sr.save_rating(db, council.id, standards[0].id, sr.RatingFields("Amber", action="Refresh the policy",
                                                                        action_due=D(1900, 1, 1)))
    assert err.value.errors == {"action_due": "Action due by (01/01/1900) cannot be before the cycle 2024-26 opened "
                                              "(01/04/2024)"}
    assert sr.get_rating(db, council.id, standards[0].id).id is None


def test_moderated_rating_wins_and_both_are_kept(db, cycles):
    _old, new = cycles
    parts, standards = _ids(db, new)
    council = parts["Brent Council"]
    saved = sr.save_rating(db, council.id, standards[4].id, sr.RatingFields(
        "Green", evidence="Training records", moderated_rating="Amber", moderation_note="Records incomplete"))
    assert (saved.self_rating, saved.moderated_rating, saved.effective) == (Rating.GREEN, Rating.AMBER, Rating.AMBER)
    grid = sr.grid(db, new.id)
    counts = grid.counts_for_standard(standards[4].id)
    assert (counts.amber, counts.green, counts.not_rated) == (1, 0, 2)
    assert grid.counts_for_agency(council.id).amber == 1


def test_not_applicable_keeps_its_reason_only_while_not_applicable(db, cycles):
    _old, new = cycles
    parts, standards = _ids(db, new)
    trust = parts["Żółć Community Trust"]
    saved = sr.save_rating(db, trust.id, standards[5].id, sr.RatingFields("N/A", not_applicable_reason="No staff"))
    assert saved.self_rating is Rating.NOT_APPLICABLE and saved.not_applicable_reason == "No staff"
    with pytest.raises(ValidationError) as refused:  # never dropped unsaid: the officer clears it
        sr.save_rating(db, trust.id, standards[5].id, sr.RatingFields("Red", not_applicable_reason="No staff"))
    assert refused.value.errors["not_applicable_reason"].startswith("Why not applicable is kept only for a rating of")
    assert sr.get_rating(db, trust.id, standards[5].id).not_applicable_reason == "No staff"
    saved = sr.save_rating(db, trust.id, standards[5].id, sr.RatingFields("Red", not_applicable_reason=""))
    assert saved.not_applicable_reason == ""


def test_grid_compares_with_the_earlier_cycle(db, cycles):
    old, new = cycles
    old_parts, old_standards = _ids(db, old)
    parts, standards = _ids(db, new)
    police_old, police = old_parts["Metropolitan Police"], parts["Metropolitan Police"]
    for i, (before, now) in enumerate([("Red", "Amber"), ("Green", "Green"), ("Green", "Red"), ("N/A", "Green")]):
        sr.save_rating(db, police_old.id, old_standards[i].id, sr.RatingFields(before, not_applicable_reason="n/a" if before == "N/A" else ""))
        sr.save_rating(db, police.id, standards[i].id, sr.RatingFields(now))
    # moderation of the earlier cycle counts there too
    sr.save_rating(db, police_old.id, old_standards[4].id, sr.RatingFields("Green", moderated_rating="Red",
                                                                           moderation_note="No evidence"))
    sr.save_rating(db, police.id, standards[4].id, sr.RatingFields("Amber"))
    sr.save_rating(db, police.id, standards[5].id, sr.RatingFields("Amber"))
    grid = sr.grid(db, new.id)
    changes = [grid.cell(police.id, s.id).change for s in standards[:6]]
    assert changes == [Change.IMPROVED, Change.SAME, Change.DECLINED, Change.NOT_COMPARABLE, Change.IMPROVED, Change.NEW]
    assert grid.cell(police.id, standards[4].id).previous is Rating.RED
    assert grid.previous.name == "2022-24" and grid.previous_grid is not None
    assert grid.change_counts()[Change.IMPROVED] == 2
    assert [a.organisation_name for a in grid.agencies] == ["Brent Council", "Metropolitan Police", "Żółć Community Trust"]


@pytest.mark.slow
def test_every_cycle_read_at_once_is_each_cycle_read_alone(db, cycles, orgs):
    """The workbook reads every cycle's grid and actions in one go: the same as one by one."""
    old, new = cycles
    old_parts, old_standards = _ids(db, old)
    parts, standards = _ids(db, new)
    s11.archive_participant(db, old_parts["Żółć Community Trust"].id)
    sr.save_rating(db, old_parts["Brent Council"].id, old_standards[0].id, sr.RatingFields("Red"))
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields(
        "Green", action="Audit the training records", action_due=D(2024, 12, 31)))
    sr.save_rating(db, parts["Metropolitan Police"].id, standards[3].id, sr.RatingFields(
        "Amber", action="Name a lead", action_due=D(2025, 1, 31)))
    third = s11.create_cycle(db, s11.CycleFields("2026-28", D(2026, 4, 1), D(2026, 6, 30)))  # no agencies yet
    ids = [new.id, old.id, third.id]
    assert sr.grids(db, ids) == {i: sr.grid(db, i) for i in ids}
    assert sr.every_cycle_actions(db, ids) == {i: sr.cycle_actions(db, i) for i in ids}
    assert [row.organisation_name for row in sr.every_cycle_actions(db, ids)[new.id]] == [
        "Brent Council", "Metropolitan Police"]
    assert [a.organisation_name for a in sr.grids(db, ids)[old.id].agencies] == ["Brent Council", "Metropolitan Police"]


def test_late_returns_and_the_chase_list(db, cycles):
    _old, new = cycles
    parts, _ = _ids(db, new)
    council, police, trust = parts["Brent Council"], parts["Metropolitan Police"], parts["Żółć Community Trust"]
    s11.mark_sent(db, [p.id for p in parts.values()], D(2024, 4, 2))
    s11.update_participant(db, council.id, s11.ParticipantFields("Head of QA", D(2024, 4, 2), D(2024, 6, 20)))
    s11.update_participant(db, police.id, s11.ParticipantFields("", D(2024, 4, 2), D(2024, 7, 10), D(2024, 7, 30)))
    today = D(2024, 8, 1)
    by_name = {p.organisation_name: p for p in s11.list_participants(db, new.id)}
    assert by_name["Brent Council"].status is ReturnStatus.RETURNED
    assert by_name["Brent Council"].timeliness(today) is Timeliness.ON_TIME
    assert by_name["Metropolitan Police"].status is ReturnStatus.MODERATED
    assert by_name["Metropolitan Police"].lateness(today) == "Returned 8 working days late"  # 28/06 -> 10/07
    assert by_name["Żółć Community Trust"].status is ReturnStatus.SENT
    assert by_name["Żółć Community Trust"].timeliness(today) is Timeliness.OVERDUE
    assert [p.organisation_name for p in s11.chase_list(db, new.id, today)] == ["Żółć Community Trust"]
    with pytest.raises(ValidationError, match="cannot be before the return was sent"):
        s11.update_participant(db, trust.id, s11.ParticipantFields("", D(2024, 4, 2), D(2024, 4, 1)))
    ahead = date.today().replace(year=date.today().year + 1, day=1)
    with pytest.raises(ValidationError) as err:  # returned and moderated are steps done, not to come
        s11.update_participant(db, trust.id, s11.ParticipantFields("", D(2024, 4, 2), ahead, ahead))
    assert set(err.value.errors) == {"returned_on", "moderated_on"}
    assert s11.chase_list(db, new.id, today)[0].organisation_name == "Żółć Community Trust"  # still chased


def test_a_return_never_sent_is_not_requested_not_overdue(db, cycles):
    _old, new = cycles
    parts, _ = _ids(db, new)
    council, police, trust = parts["Brent Council"], parts["Metropolitan Police"], parts["Żółć Community Trust"]
    s11.mark_sent(db, [police.id], D(2024, 4, 2))
    s11.update_participant(db, trust.id, s11.ParticipantFields("", None, D(2024, 7, 10)))  # came in unasked
    today = D(2024, 8, 1)
    by_name = {p.organisation_name: p for p in s11.list_participants(db, new.id)}
    unsent = by_name["Brent Council"]
    assert unsent.status is ReturnStatus.NOT_SENT
    assert unsent.lateness(today) == "Not requested" and not unsent.timeliness(today).flagged
    assert by_name["Metropolitan Police"].timeliness(today) is Timeliness.OVERDUE
    assert by_name["Żółć Community Trust"].timeliness(today) is Timeliness.LATE  # given late all the same
    assert [p.organisation_name for p in s11.chase_list(db, new.id, today)] == ["Metropolitan Police", council.name]


def test_agency_actions_go_into_the_shared_action_log(db, cycles, orgs):
    _old, new = cycles
    parts, standards = _ids(db, new)
    council = parts["Brent Council"]
    sr.save_rating(db, council.id, standards[6].id, sr.RatingFields(
        "Amber", action="Refresh the escalation policy", action_due=D(2024, 12, 31)))
    [row] = sr.cycle_actions(db, new.id)
    assert row.organisation_name == "Brent Council" and row.standard_number == 7
    shared = action_log.list_actions(db)
    assert [a.description for a in shared] == ["Refresh the escalation policy"]
    assert shared[0].owner_organisation_id == orgs[0].id and shared[0].due_date == D(2024, 12, 31)
    action_log.update_action(db, shared[0].id, action_log.ActionFields(
        "Refresh the escalation policy", owner_organisation_id=orgs[0].id, due_date=D(2024, 12, 31),
        status=ActionStatus.DONE, completed_on=D(2024, 11, 1), evidence="Policy published"))
    again = sr.get_rating(db, council.id, standards[6].id)
    assert again.action.status is ActionStatus.DONE and again.action.evidence == "Policy published"
    # saving the rating with the same action text changes nothing in the log
    sr.save_rating(db, council.id, standards[6].id, again.to_fields())
    assert len(action_log.list_actions(db)) == 1
    # clearing the action archives it (its history stays)
    sr.save_rating(db, council.id, standards[6].id, sr.RatingFields("Amber"))
    assert action_log.list_actions(db) == [] and sr.cycle_actions(db, new.id) == []
    assert len(action_log.list_actions(db, include_archived=True)) == 1


def test_changes_are_in_the_history(db, cycles):
    _old, new = cycles
    parts, standards = _ids(db, new)
    council = parts["Brent Council"]
    sr.save_rating(db, council.id, standards[0].id, sr.RatingFields("Amber"))
    sr.save_rating(db, council.id, standards[0].id, sr.RatingFields("Green"))
    with db.unit_of_work() as s:
        rows = s.execute(select(ChangeRecord.old_value, ChangeRecord.new_value).where(
            ChangeRecord.table_name == "s11_rating", ChangeRecord.field == "self_rating")).all()
    assert rows == [(None, "amber"), ("amber", "green")]


def test_agencies_taking_part(db, cycles, orgs):
    _old, new = cycles
    parts, _ = _ids(db, new)
    s11.archive_participant(db, parts["Brent Council"].id)
    assert [p.organisation_name for p in s11.list_participants(db, new.id)] == ["Metropolitan Police", "Żółć Community Trust"]
    assert ("Brent Council", orgs[0].id) in s11.organisation_choices_for_cycle(db, new.id)
    s11.add_agencies(db, new.id, [orgs[0].id])
    assert len(s11.list_participants(db, new.id)) == 3
    with pytest.raises(ValidationError):
        s11.add_agencies(db, new.id, [9999])
    with pytest.raises(ValidationError, match="removed from the cycle"):
        s11.archive_participant(db, parts["Brent Council"].id)
        sr.save_rating(db, parts["Brent Council"].id, s11.list_standards(db, new.id)[0].id, sr.RatingFields("Red"))


def test_an_agencys_archived_improvement_action_comes_back_only_as_its_one_action(db, cycles):
    _old, new = cycles
    parts, standards = _ids(db, new)
    police, standard = parts["Metropolitan Police"], standards[0]
    first = sr.save_rating(db, police.id, standard.id, sr.RatingFields("Amber", action="Refresh the policy",
                                                                       action_due=D(2024, 9, 30))).action
    sr.save_rating(db, police.id, standard.id, sr.RatingFields("Amber"))  # cleared: archived
    sr.save_rating(db, police.id, standard.id, sr.RatingFields("Amber", action="Train supervisors",
                                                               action_due=D(2024, 10, 31)))
    with pytest.raises(ValidationError) as err:
        action_log.restore_action(db, first.id)
    assert err.value.errors == {"s11_rating_id": "The agency has another improvement action for this standard "
                                                 "now; change that one instead"}
    assert sr.get_rating(db, police.id, standard.id).action.description == "Train supervisors"
    sr.save_rating(db, police.id, standard.id, sr.RatingFields("Amber"))
    s11.archive_cycle(db, new.id)
    with pytest.raises(ValidationError, match="The cycle 2024-26 is archived: restore it first"):
        action_log.restore_action(db, first.id)
    s11.restore_cycle(db, new.id)
    action_log.restore_action(db, first.id)
    assert sr.get_rating(db, police.id, standard.id).action.description == "Refresh the policy"


def test_an_improvement_action_needs_its_due_date(db, cycles):
    _old, new = cycles
    parts, standards = _ids(db, new)
    police = parts["Metropolitan Police"]
    with pytest.raises(ValidationError) as err:
        sr.save_rating(db, police.id, standards[0].id, sr.RatingFields("Amber", action="Refresh the escalation policy"))
    assert err.value.errors == {"action_due": "An improvement action needs a due date: fill in Action due by"}
    assert sr.get_rating(db, police.id, standards[0].id).action is None  # nothing saved


def test_a_standard_added_without_a_number_takes_a_free_one_up_to_999(db):
    cycle = s11.create_cycle(db, s11.CycleFields("2030-32", D(2030, 4, 1), D(2030, 6, 28)))
    before = D(2030, 3, 1)
    last = s11.add_standard(db, cycle.id, s11.StandardFields("Late addition", "", 999), today=before)
    assert last.number == 999
    added = s11.add_standard(db, cycle.id, s11.StandardFields("Another"), today=before)
    taken = [s.number for s in s11.list_standards(db, cycle.id) if s.id != added.id]
    assert 1 <= added.number <= 999 and added.number not in taken  # never 1,000, which a typed number cannot be


def test_a_returns_lateness_leaves_out_the_teams_closure_days(db, cycles):
    import dataclasses
    from datetime import timedelta

    from bscp_desktop.services import case_reviews as cr

    _old, new = cycles
    parts, _standards = _ids(db, new)
    trust = parts["Żółć Community Trust"]
    due = new.due_on  # a working day after it, then two closure days
    after = [d for d in (due + timedelta(days=n) for n in range(1, 8)) if d.weekday() < 5][:3]
    s11.update_participant(db, trust.id, s11.ParticipantFields("", new.opens_on, after[2]))
    assert s11.get_participant(db, trust.id).lateness(after[2]) == "Returned 3 working days late"
    settings = cr.load_settings(db)
    cr.save_settings(db, dataclasses.replace(settings, closures=(cr.ClosureDay(after[0], "Office move"),
                                                                 cr.ClosureDay(after[1], "Office move"))))
    assert s11.get_participant(db, trust.id).lateness(after[2]) == "Returned 1 working day late"


def test_a_return_written_again_after_it_came_back_records_no_sent_date(db, cycles):
    _old, new = cycles
    parts, _ = _ids(db, new)
    council, police = parts["Brent Council"], parts["Metropolitan Police"]
    s11.update_participant(db, council.id, s11.ParticipantFields("", None, D(2024, 7, 1)))  # came in unasked
    assert s11.mark_sent(db, [council.id, police.id], D(2024, 7, 5)) == [police.id]
    back = s11.get_participant(db, council.id)
    assert (back.sent_on, back.returned_on) == (None, D(2024, 7, 1))
    assert s11.update_participant(db, council.id, back.to_fields()).returned_on == D(2024, 7, 1)  # saves unchanged
    assert s11.mark_sent(db, [police.id], D(2024, 7, 9)) == []  # sent already: kept
    assert s11.get_participant(db, police.id).sent_on == D(2024, 7, 5)


def test_a_cycles_opens_date_does_not_move_after_its_returns_or_ratings(db, cycles):
    _old, new = cycles
    parts, standards = _ids(db, new)
    council, police = parts["Brent Council"], parts["Metropolitan Police"]
    later = replace(new.to_fields(), opens_on=D(2027, 1, 4), due_on=D(2027, 3, 31))
    s11.update_participant(db, police.id, s11.ParticipantFields("", D(2024, 4, 2), D(2024, 7, 12)))
    s11.update_participant(db, council.id, s11.ParticipantFields("", None, D(2024, 4, 1)))  # came in unasked, on the day
    with pytest.raises(ValidationError) as err:
        s11.update_cycle(db, new.id, later)
    assert err.value.errors == {"opens_on": "Opens (04/01/2027) cannot be after the day the return was returned by "
                                            "Brent Council (01/04/2024): the cycle had opened by then"}
    for part in (council, police):
        s11.update_participant(db, part.id, s11.ParticipantFields())
    # rated with no dates recorded: entering a rating records the return as returned that day
    sr.save_rating(db, police.id, standards[0].id, sr.RatingFields("Amber"), today=D(2024, 5, 1))
    with pytest.raises(ValidationError) as err:
        s11.update_cycle(db, new.id, later)
    assert err.value.errors == {"opens_on": "Opens (04/01/2027) cannot be after the day the return was returned by "
                                            "Metropolitan Police (01/05/2024): the cycle had opened by then"}
    assert s11.get_cycle(db, new.id).opens_on == D(2024, 4, 1)  # nothing saved
    assert s11.update_cycle(db, new.id, replace(new.to_fields(), opens_on=D(2024, 3, 1))).opens_on == D(2024, 3, 1)  # earlier: still opened before them
