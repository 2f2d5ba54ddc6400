"""Referrals considered but not notifiable, meetings linked to a case, the Case Review Group's
recommendation and the Panel's view, and the clocks a closed case no longer runs."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from bscp_desktop.domain.case_reviews import CaseKind, Decision, Harm, IncidentType, Outcome, PanelView, Sex
from bscp_desktop.domain.deadlines import DeadlineStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.meetings import MeetingFields, create_meeting

D = date
TODAY = D(2024, 6, 3)


def fields(**changes) -> cr.CaseReviewFields:
    base = cr.CaseReviewFields(alias="Child A", incident_type=IncidentType.SERIOUS_HARM, became_aware=D(2024, 1, 29))
    return dataclasses.replace(base, **changes)


@pytest.fixture
def crg_meeting(db):
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 3, needs_agreement=True))
    return create_meeting(db, MeetingFields(group.id, "Case Review Group", datetime(2024, 2, 6, 10, 0)))


def test_new_fields_are_kept(db):
    case = cr.create_case_review(
        db, fields(sex=Sex.FEMALE, harm="neglect", crg_recommendation="No LCSPR", outcome="notified",
                   notification_sent=D(2024, 2, 1), rapid_review_sent=D(2024, 2, 20),
                   decision=Decision.NO_LCSPR, decision_date=D(2024, 2, 20), panel_view="Agrees"),
    )
    assert (case.sex, case.harm, case.crg_recommendation, case.panel_view) == (
        Sex.FEMALE, Harm.NEGLECT, Decision.NO_LCSPR, PanelView.AGREES
    )
    assert case.outcome is Outcome.NOTIFIED and case.kind is CaseKind.SERIOUS_HARM


def test_a_notification_sent_means_the_case_was_notified(db):
    assert cr.create_case_review(db, fields(notification_sent=D(2024, 2, 1))).outcome is Outcome.NOTIFIED


def test_not_notifiable_needs_the_date_considered_and_closes_the_case(db):
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, fields(outcome=Outcome.NOT_NOTIFIABLE))
    assert "considered" in err.value.errors["considered_on"]
    case = cr.create_case_review(db, fields(outcome="Not notifiable", considered_on=D(2024, 2, 6)))
    assert case.closed == D(2024, 2, 6)
    row = cr.tracker_row(db, case.id, today=TODAY)
    assert row.clocks == () and row.next is None
    assert row.stage == "Closed: not notifiable"


def test_not_notifiable_with_a_notification_is_refused_naming_the_field(db):
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(
            db, fields(outcome=Outcome.NOT_NOTIFIABLE, considered_on=D(2024, 2, 6), notification_sent=D(2024, 2, 1))
        )
    assert "only for a notified case" in err.value.errors["notification_sent"]
    assert cr.list_case_reviews(db) == []


def test_close_as_not_notifiable_stops_every_clock(db, crg_meeting):
    case = cr.create_case_review(db, fields())
    assert cr.tracker_row(db, case.id, today=TODAY).next.status is DeadlineStatus.OVERDUE
    closed = cr.close_as_not_notifiable(db, case.id, None, crg_meeting.id)
    assert closed.considered_on == D(2024, 2, 6) and closed.closed == D(2024, 2, 6)
    assert closed.considered_meeting_title == "Case Review Group (06/02/2024)"
    row = cr.tracker_row(db, case.id, today=TODAY)
    assert row.clocks == () and row.next is None


def test_close_as_not_notifiable_refuses_a_notified_case(db):
    case = cr.create_case_review(db, fields(notification_sent=D(2024, 2, 1)))
    with pytest.raises(ValidationError) as err:
        cr.close_as_not_notifiable(db, case.id, D(2024, 2, 6))
    assert "notification_sent" in err.value.errors
    assert cr.get_case_review(db, case.id).closed is None


def test_meeting_link_fills_the_date_and_a_different_date_is_refused(db, crg_meeting):
    case = cr.create_case_review(
        db, fields(notification_sent=D(2024, 2, 1), rapid_review_meeting_id=crg_meeting.id)
    )
    assert case.rapid_review_meeting == D(2024, 2, 6)
    assert case.rapid_review_meeting_title == "Case Review Group (06/02/2024)"
    with pytest.raises(ValidationError) as err:
        cr.update_case_review(db, case.id, dataclasses.replace(case.to_fields(), rapid_review_meeting=D(2024, 2, 7)))
    message = err.value.errors["rapid_review_meeting"]
    assert "07/02/2024" in message and "06/02/2024" in message


def test_closing_a_notified_case_stops_its_open_clocks(db):
    case = cr.create_case_review(db, fields(notification_sent=D(2024, 2, 1), partners_told=D(2024, 2, 1)))
    cr.update_case_review(db, case.id, dataclasses.replace(case.to_fields(), closed=D(2024, 3, 1)))
    row = cr.tracker_row(db, case.id, today=TODAY)
    clocks = {c.key: c for c in row.clocks}
    assert clocks["notification"].status is DeadlineStatus.MET_ON_TIME
    assert clocks["rapid_review"].status is DeadlineStatus.MISSED  # due 22/02/2024, before the case closed
    assert row.next is None and row.stage == "Closed"


def test_panel_view_needs_the_rapid_review_and_delay_reason_an_lcspr(db):
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, fields(panel_view=PanelView.DISAGREES, delay_reason="Criminal proceedings"))
    assert set(err.value.errors) == {"panel_view", "delay_reason"}


def test_looked_after_death_has_the_secretary_of_state_clock(db):
    case = cr.create_case_review(
        db, fields(incident_type=IncidentType.DEATH, looked_after=True, age_band="14_to_15")
    )
    keys = [c.key for c in cr.tracker_row(db, case.id, today=D(2024, 1, 30)).clocks]
    assert "sos_ofsted" in keys
    other = cr.create_case_review(db, fields(alias="Child B"))
    assert "sos_ofsted" not in [c.key for c in cr.tracker_row(db, other.id, today=D(2024, 1, 30)).clocks]


def lcspr(**changes) -> cr.CaseReviewFields:
    return fields(notification_sent=D(2024, 1, 30), rapid_review_sent=D(2024, 2, 16), decision=Decision.LCSPR,
                  decision_date=D(2024, 2, 20), final_report=D(2024, 8, 30), **changes)


def test_the_report_to_the_panel_counts_back_from_the_planned_then_the_actual_publication(db):
    # sent Tue 01/10/2024, 7 working days before the planned Thu 10/10/2024: on time (publication was due
    # 20/08/2024, six months after the decision, so the reason for the delay is recorded)
    case = cr.create_case_review(db, lcspr(sent_to_panel_sos=D(2024, 10, 1), planned_publication=D(2024, 10, 10),
                                           delay_reason="Criminal proceedings"))
    report = {c.key: c for c in cr.tracker_row(db, case.id, today=D(2024, 10, 2)).clocks}["panel_report"]
    assert report.due == D(2024, 10, 1) and report.status is DeadlineStatus.MET_ON_TIME
    # publication delayed after the report was sent: still on time, counted from the actual date
    case = cr.update_case_review(db, case.id, dataclasses.replace(
        case.to_fields(), published=D(2024, 11, 20), delay_reason="Criminal proceedings"))
    report = {c.key: c for c in cr.tracker_row(db, case.id, today=D(2024, 11, 21)).clocks}["panel_report"]
    assert report.due == D(2024, 11, 11) and report.status is DeadlineStatus.MET_ON_TIME
    # published earlier than planned, the report sent one working day before: late, in working days
    case = cr.update_case_review(db, case.id, dataclasses.replace(
        case.to_fields(), published=D(2024, 10, 2)))
    report = {c.key: c for c in cr.tracker_row(db, case.id, today=D(2024, 10, 3)).clocks}["panel_report"]
    assert report.status is DeadlineStatus.MET_LATE and report.working_days_late == 6
    assert "6 working days late" in report.extra_text()


def test_a_report_sent_after_publication_is_refused_naming_both_dates(db):
    case = cr.create_case_review(db, lcspr(planned_publication=D(2024, 10, 10), delay_reason="Criminal proceedings"))
    with pytest.raises(ValidationError) as err:
        cr.update_case_review(db, case.id, dataclasses.replace(
            case.to_fields(), published=D(2024, 10, 10), sent_to_panel_sos=D(2024, 10, 11)))
    assert err.value.errors["sent_to_panel_sos"] == (
        "Sent to the Panel and Secretary of State (11/10/2024) cannot be after publication (10/10/2024)")
    assert cr.get_case_review(db, case.id).published is None  # nothing saved
