"""Case reviews through the service layer, against a real SQLite file."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from bscp_desktop.db.models import Action, ChangeRecord
from bscp_desktop.db.models.case_reviews import CaseReview, CaseReviewTheme
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.case_reviews import Decision, IncidentType
from bscp_desktop.domain.deadlines import DEFAULT_RULE_BY_KEY as RULE_BY_KEY
from bscp_desktop.domain.deadlines import DEFAULT_RULES, DeadlineStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import NotFoundError, ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

D = date


@pytest.fixture
def orgs(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    return council, police


def fields(**changes) -> cr.CaseReviewFields:
    base = cr.CaseReviewFields(
        alias="Child A",
        incident_type=IncidentType.SERIOUS_HARM,
        became_aware=D(2024, 1, 29),
        age_band="14_to_15",
        themes=("Suicide and self-harm",),
    )
    return dataclasses.replace(base, **changes)


def count(db, model) -> int:
    with db.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(model))


# ---------------------------------------------------------------- cases


def test_create_generates_references_per_year(db, orgs):
    a = cr.create_case_review(db, fields(agency_ids=(orgs[0].id, orgs[1].id)))
    b = cr.create_case_review(db, fields(alias="Child B", became_aware=D(2024, 3, 2)))
    c = cr.create_case_review(db, fields(alias="Child C", became_aware=D(2023, 12, 30)))
    assert (a.reference, b.reference, c.reference) == ("BSCP-2024-01", "BSCP-2024-02", "BSCP-2023-01")
    assert a.agency_names == ("Brent Council", "Metropolitan Police")
    assert a.themes == ("Suicide and self-harm",)
    assert [x.reference for x in cr.list_case_reviews(db)] == ["BSCP-2023-01", "BSCP-2024-01", "BSCP-2024-02"]


def test_reference_keeps_its_number_when_dates_change(db):
    a = cr.create_case_review(db, fields())
    updated = cr.update_case_review(db, a.id, fields(became_aware=D(2024, 1, 30)))
    assert updated.reference == a.reference


def test_reference_prefix_is_a_setting(db):
    cr.save_settings(db, dataclasses.replace(cr.load_settings(db), reference_prefix="LSCP"))
    assert cr.create_case_review(db, fields()).reference == "LSCP-2024-01"


def test_required_fields_and_bad_choices_name_the_field(db):
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, fields(alias=" ", incident_type=None, became_aware=None, decision="maybe"))
    assert set(err.value.errors) == {"alias", "incident_type", "became_aware", "decision"}
    assert count(db, CaseReview) == 0


def test_out_of_order_date_is_refused_with_both_dates_and_nothing_saved(db):
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(
            db, fields(notification_sent=D(2024, 2, 5), rapid_review_sent=D(2024, 2, 3))
        )
    assert err.value.errors == {
        "rapid_review_sent": "Rapid review sent to the Panel (03/02/2024) cannot be before "
        "notification sent (05/02/2024)"
    }
    assert count(db, CaseReview) == 0
    assert count(db, CaseReviewTheme) == 0


def test_a_step_dated_after_today_is_refused_but_a_planned_date_may_be(db):
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, fields(became_aware=date.today() - timedelta(days=3), notification_sent=tomorrow))
    assert err.value.errors == {
        "notification_sent": f"Notification sent to the Panel ({tomorrow:%d/%m/%Y}) cannot be in the future"}
    assert count(db, CaseReview) == 0
    planned = cr.create_case_review(db, fields(notification_sent=D(2024, 1, 30), decision="lcspr", decision_date=D(2024, 3, 1),
                                               planned_publication=date.today() + timedelta(days=90),
                                               delay_reason="Criminal proceedings"))  # later than six months
    assert planned.planned_publication == date.today() + timedelta(days=90)


def test_a_case_not_notifiable_left_open_closes_on_its_last_step(db):
    case = cr.create_case_review(db, fields(outcome="not_notifiable", became_aware=D(2024, 12, 2),
                                            considered_on=D(2024, 12, 3), partners_told=D(2024, 12, 4)))
    assert case.closed == D(2024, 12, 4)  # not the day considered: that would be before the partners were told


def test_out_of_order_update_leaves_the_record_unchanged(db):
    a = cr.create_case_review(db, fields(notification_sent=D(2024, 2, 5)))
    with pytest.raises(ValidationError) as err:
        cr.update_case_review(
            db, a.id, fields(notification_sent=D(2024, 2, 5), rapid_review_sent=D(2024, 2, 1), themes=("Neglect",))
        )
    assert "rapid_review_sent" in err.value.errors
    again = cr.get_case_review(db, a.id)
    assert again.rapid_review_sent is None and again.themes == ("Suicide and self-harm",)


def test_decision_and_its_date_go_together(db):
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, fields(decision=Decision.LCSPR))
    assert "decision_date" in err.value.errors
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, fields(decision_date=D(2024, 2, 20)))
    assert err.value.errors["decision"] == "Choose the decision made on 20/02/2024"


def test_lcspr_dates_need_the_lcspr_decision(db):
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, fields(decision="no_lcspr", decision_date=D(2024, 2, 20), final_report=D(2024, 6, 1)))
    assert "only for an LCSPR" in err.value.errors["final_report"]


def test_not_published_reason_excludes_a_publication_date(db):
    lcspr = {"decision": "lcspr", "decision_date": D(2024, 2, 20)}
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, fields(**lcspr, final_report=D(2024, 7, 1), published=D(2024, 8, 1),
                                         not_published_reason="Criminal trial"))
    assert "not_published_reason" in err.value.errors


def test_alias_must_be_unique_among_live_cases(db):
    a = cr.create_case_review(db, fields())
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, fields(alias="child a"))
    assert a.reference in err.value.errors["alias"]
    with pytest.raises(ValidationError) as err:  # two spaces inside look the same in every list
        cr.create_case_review(db, fields(alias="Child  A"))
    assert a.reference in err.value.errors["alias"]
    cr.archive_case_review(db, a.id)
    assert cr.create_case_review(db, fields(alias="Child A")).reference == "BSCP-2024-02"


def test_unknown_agency_refused(db):
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, fields(agency_ids=(999,)))
    assert "agency_ids" in err.value.errors


def test_themes_and_agencies_replace_and_history_is_kept(db, orgs):
    a = cr.create_case_review(db, fields(agency_ids=(orgs[0].id,), themes=("Neglect", "neglect", "Domestic abuse")))
    assert a.themes == ("Neglect", "Domestic abuse")
    b = cr.update_case_review(db, a.id, fields(agency_ids=(orgs[1].id,), themes=("Domestic abuse", "Exploitation")))
    assert b.themes == ("Domestic abuse", "Exploitation")
    assert b.agency_names == ("Metropolitan Police",)
    with db.unit_of_work() as s:
        changes = s.execute(select(ChangeRecord.table_name, ChangeRecord.action)).all()
    assert ("case_review_theme", "delete") in changes
    assert ("case_review", "insert") in changes


def test_archive_and_restore(db):
    a = cr.create_case_review(db, fields())
    cr.archive_case_review(db, a.id)
    assert cr.list_case_reviews(db) == []
    assert cr.list_case_reviews(db, include_archived=True)[0].archived
    cr.restore_case_review(db, a.id)
    assert len(cr.list_case_reviews(db)) == 1
    with pytest.raises(NotFoundError):
        cr.get_case_review(db, 12345)


# ---------------------------------------------------------------- tracker


def test_tracker_shows_stage_next_deadline_status_and_days_left(db):
    cr.create_case_review(db, fields())  # aware Mon 29 Jan 2024: notification due Mon 5 Feb
    row = cr.tracker(db, today=D(2024, 2, 1))[0]
    assert row.stage == "Awaiting notification"
    assert row.next.key == "notification"
    assert row.next.due == D(2024, 2, 5)
    assert row.next.status is DeadlineStatus.DUE_SOON
    assert row.next.working_days_left == 2
    row = cr.tracker(db, today=D(2024, 2, 6))[0]
    assert row.next.status is DeadlineStatus.OVERDUE and row.next.working_days_left == -1


def test_tracker_moves_on_once_the_notification_is_sent(db):
    a = cr.create_case_review(db, fields(notification_sent=D(2024, 2, 2), partners_told=D(2024, 2, 2)))
    row = cr.tracker_row(db, a.id, today=D(2024, 2, 6))
    assert row.stage == "Notification sent"
    assert row.clocks[0].status is DeadlineStatus.MET_ON_TIME
    assert row.next.key == "rapid_review"
    assert row.next.due == D(2024, 2, 23)  # 15 working days after Fri 2 Feb


def test_closure_days_and_edited_rules_change_the_clocks(db):
    a = cr.create_case_review(db, fields(notification_sent=D(2024, 1, 29), partners_told=D(2024, 1, 29)))
    settings = cr.load_settings(db)
    # the rapid review's 15 working days are a local choice (the notification's 5 are not)
    rules = [dataclasses.replace(r, amount=3) if r.key == "rapid_review" else r for r in settings.rules]
    cr.save_settings(
        db,
        dataclasses.replace(settings, rules=tuple(rules), closures=(cr.ClosureDay(D(2024, 1, 30), "Council closure"),)),
    )
    row = cr.tracker_row(db, a.id, today=D(2024, 1, 29))
    assert row.next.key == "rapid_review"
    assert row.next.due == D(2024, 2, 2)  # 31 Jan, 1 Feb, 2 Feb with 30 Jan closed
    assert row.next.rule_text.startswith("3 working days after")
    assert cr.load_settings(db).closures == (cr.ClosureDay(D(2024, 1, 30), "Council closure"),)
    for day, why in ((D(2024, 4, 6), "a Saturday"), (D(2024, 4, 1), "Easter Monday")):  # no working day anyway
        with pytest.raises(ValidationError) as err:
            cr.save_settings(db, dataclasses.replace(settings, closures=(cr.ClosureDay(day, "Office move"),)))
        assert err.value.errors == {"closures": f"{day:%d/%m/%Y} is {why}, not a working day anyway: a closure day "
                                                "is a weekday that is not a bank holiday"}
    assert cr.load_settings(db).closures == (cr.ClosureDay(D(2024, 1, 30), "Council closure"),)


def test_bad_settings_are_refused_and_nothing_is_written(db):
    settings = cr.load_settings(db)
    bad_rule = dataclasses.replace(RULE_BY_KEY["rapid_review"], anchor="strategy_meeting")
    with pytest.raises(ValidationError) as err:
        cr.save_settings(
            db, dataclasses.replace(settings, rules=(DEFAULT_RULES[0], bad_rule), reference_prefix="B-S")
        )
    assert set(err.value.errors) == {"rules.rapid_review.anchor", "reference_prefix"}
    assert cr.load_settings(db) == settings
    circle = (
        RULE_BY_KEY["notification"],
        dataclasses.replace(RULE_BY_KEY["lcspr_publication"], anchor="due:panel_report"),
        RULE_BY_KEY["panel_report"],
    )
    with pytest.raises(ValidationError) as err:
        cr.save_settings(db, dataclasses.replace(settings, rules=circle))
    assert "circle" in next(iter(err.value.errors.values()))


def test_themes_setting_and_known_themes(db):
    cr.save_settings(db, dataclasses.replace(cr.load_settings(db), themes=("Neglect", " Neglect", "Online harm")))
    assert cr.load_settings(db).themes == ("Neglect", "Online harm")
    cr.create_case_review(db, fields(themes=("Bullying",)))
    assert cr.known_themes(db) == ["Neglect", "Online harm", "Bullying"]
    read = dataclasses.replace(cr.load_settings(db), themes=("Online harm",))
    assert cr.known_themes(db, read) == ["Online harm", "Bullying"]  # the settings given, not read again


def test_themes_summary_counts_cases_by_financial_year(db):
    cr.create_case_review(db, fields(alias="Child A", became_aware=D(2023, 3, 1), themes=("Neglect",)))
    cr.create_case_review(db, fields(alias="Child B", became_aware=D(2023, 6, 1), themes=("Neglect", "Domestic abuse")))
    cr.create_case_review(db, fields(alias="Child C", became_aware=D(2024, 2, 1), themes=()))
    summary = cr.themes_summary(db)
    assert summary.year_labels == ("2022/23", "2023/24")
    assert summary.cases_per_year == (1, 2)
    rows = {r.theme: r.counts for r in summary.rows}
    assert rows["Neglect"] == (1, 1)
    assert rows["Domestic abuse"] == (0, 1)
    assert rows["Exploitation"] == (0, 0)  # configured themes always have a row
    assert rows["No theme recorded"] == (0, 1)
    assert summary.rows[-1].theme == "No theme recorded"


# ---------------------------------------------------------------- recommendations and actions


def test_recommendations_are_numbered_per_case_and_carry_actions(db, orgs):
    a = cr.create_case_review(db, fields())
    b = cr.create_case_review(db, fields(alias="Child B"))
    r1 = cr.create_recommendation(db, cr.RecommendationFields(a.id, "Schools to join rapid reviews", orgs[0].id))
    r2 = cr.create_recommendation(db, cr.RecommendationFields(a.id, "Safety planning guidance"))
    r3 = cr.create_recommendation(db, cr.RecommendationFields(b.id, "ICON training for health visitors"))
    assert (r1.number, r2.number, r3.number) == (1, 2, 1)
    assert r1.lead_organisation_name == "Brent Council" and r1.label == "BSCP-2024-01 R1"

    done = cr.add_recommendation_action(
        db, r1.id,
        action_log.ActionFields("Invite DSLs to rapid reviews", owner_organisation_id=orgs[0].id,
                                due_date=D(2024, 4, 1), status=ActionStatus.DONE, completed_on=D(2024, 3, 20),
                                evidence="Two schools attended the last rapid review"),
    )
    late = cr.add_recommendation_action(
        db, r1.id, action_log.ActionFields("Update the guidance", owner_organisation_id=orgs[1].id, due_date=D(2024, 5, 1))
    )
    assert done.links["recommendation_id"] == r1.id and done.owner == "Brent Council"
    assert [x.id for x in cr.recommendation_actions(db, r1.id)] == [done.id, late.id]

    rec = cr.list_recommendations(db, a.id, today=D(2024, 6, 1))[0]
    assert (rec.actions_total, rec.actions_open, rec.actions_overdue) == (2, 1, 1)
    rows = cr.case_review_actions(db, today=D(2024, 6, 1))
    assert [(r.recommendation.label, r.action.description) for r in rows] == [
        ("BSCP-2024-01 R1", "Invite DSLs to rapid reviews"),
        ("BSCP-2024-01 R1", "Update the guidance"),
    ]
    # actions of other areas are not case review actions
    action_log.create_action(db, action_log.ActionFields("Not from a case review", owner_organisation_id=orgs[0].id,
                                                         due_date=D(2024, 5, 1)))
    assert len(cr.case_review_actions(db)) == 2


def test_bad_action_saves_nothing(db):
    a = cr.create_case_review(db, fields())
    r = cr.create_recommendation(db, cr.RecommendationFields(a.id, "Do something"))
    with pytest.raises(ValidationError):
        cr.add_recommendation_action(db, r.id, action_log.ActionFields(" "))
    assert count(db, Action) == 0
    cr.archive_recommendation(db, r.id)
    with pytest.raises(ValidationError):
        cr.add_recommendation_action(db, r.id, action_log.ActionFields("Too late"))


def test_recommendation_checks(db):
    with pytest.raises(ValidationError) as err:
        cr.create_recommendation(db, cr.RecommendationFields(None, " "))
    assert set(err.value.errors) == {"case_review_id", "text"}
    a = cr.create_case_review(db, fields())
    b = cr.create_case_review(db, fields(alias="Child B"))
    r = cr.create_recommendation(db, cr.RecommendationFields(a.id, "One"))
    with pytest.raises(ValidationError):
        cr.update_recommendation(db, r.id, cr.RecommendationFields(b.id, "One"))
    assert cr.update_recommendation(db, r.id, cr.RecommendationFields(a.id, "One, reworded")).text == "One, reworded"


def test_gather_for_one_case(db):
    a = cr.create_case_review(db, fields())
    b = cr.create_case_review(db, fields(alias="Child B"))
    cr.create_recommendation(db, cr.RecommendationFields(a.id, "One"))
    cr.create_recommendation(db, cr.RecommendationFields(b.id, "Two"))
    cr.archive_case_review(db, b.id)
    data = cr.gather(db, today=D(2024, 3, 1), case_id=b.id)
    assert [r.case.alias for r in data.rows] == ["Child B"]
    assert [r.text for r in data.recommendations] == ["Two"]
    everything = cr.gather(db, today=D(2024, 3, 1))
    assert [r.case.alias for r in everything.rows] == ["Child A"]


def test_an_archived_case_takes_no_new_recommendation_or_action(db, orgs):
    a = cr.create_case_review(db, fields())
    r = cr.create_recommendation(db, cr.RecommendationFields(a.id, "Improve chronologies"))
    cr.archive_case_review(db, a.id)
    said = {"case_review_id": f"Case review {a.reference} is archived: restore it first"}
    with pytest.raises(ValidationError) as err:
        cr.create_recommendation(db, cr.RecommendationFields(a.id, "New on an archived case"))
    assert err.value.errors == said
    action = action_log.ActionFields("Do it", owner_organisation_id=orgs[0].id, due_date=D(2027, 1, 31))
    with pytest.raises(ValidationError) as err:
        cr.add_recommendation_action(db, r.id, action)
    assert err.value.errors == {"recommendation_id": said["case_review_id"]}
    assert [x.text for x in cr.list_recommendations(db, a.id, include_archived=True)] == ["Improve chronologies"]
    assert count(db, Action) == 0
    # what it already has can still be corrected; once restored it takes new ones again
    assert cr.update_recommendation(db, r.id, cr.RecommendationFields(a.id, "Improve chronologies (all agencies)")).text \
        == "Improve chronologies (all agencies)"
    cr.archive_recommendation(db, r.id)  # nor does one of its own come back while the case is archived
    with pytest.raises(ValidationError) as err:
        cr.restore_recommendation(db, r.id)
    assert err.value.errors == said
    cr.restore_case_review(db, a.id)
    cr.restore_recommendation(db, r.id)
    assert cr.create_recommendation(db, cr.RecommendationFields(a.id, "Now it may")).number == 2
    assert cr.add_recommendation_action(db, r.id, action).description == "Do it"


def test_an_archived_action_stays_so_while_its_recommendation_or_case_is_archived(db, orgs):
    a = cr.create_case_review(db, fields())
    r = cr.create_recommendation(db, cr.RecommendationFields(a.id, "Improve chronologies"))
    action = cr.add_recommendation_action(
        db, r.id, action_log.ActionFields("Audit chronologies", owner_organisation_id=orgs[0].id, due_date=D(2027, 1, 31)))
    action_log.archive_action(db, action.id)
    cr.archive_recommendation(db, r.id)
    with pytest.raises(ValidationError) as err:
        action_log.restore_action(db, action.id)
    assert err.value.errors == {"recommendation_id": "Recommendation 1 this action was raised from is archived: "
                                                     "restore it first"}
    cr.restore_recommendation(db, r.id)
    cr.archive_case_review(db, a.id)
    with pytest.raises(ValidationError) as err:
        action_log.restore_action(db, action.id)
    assert err.value.errors == {"recommendation_id": f"Case review {a.reference} is archived: restore it first"}
    assert action_log.list_actions(db, include_archived=True)[0].archived
    cr.restore_case_review(db, a.id)
    action_log.restore_action(db, action.id)
    assert not action_log.list_actions(db)[0].archived


# ---------------------------------------------------------------- real names where aliases belong


def test_a_name_in_the_reason_for_delay_is_warned_about_as_in_the_summary():
    f = fields(delay_reason="The trial of Kevin SMITH is listed for 2025")
    assert cr.case_name_warnings(f) == ["The reason for delay mentions 'Kevin SMITH', which looks like a real name"]


def test_the_organisations_abbreviations_are_no_surnames_in_the_name_check(db):
    ms.create_organisation(db, ms.OrganisationFields("West London WLMHT Trust", OrganisationKind.RELEVANT_AGENCY, "BHBT",
                                                     aliases=("Kilburn (QXT) Clinic",)))
    known = cr.known_abbreviations(db)
    assert {"wlmht", "bhbt", "qxt"} <= known and "west" not in known
    f = fields(summary="Child A was referred by Kilburn QXT and Park BHBT.")
    assert cr.case_name_warnings(f) and cr.case_name_warnings(f, known) == []
