"""How the change log names records that their own name cannot tell apart (every meeting of a
group has the same title, every register mark its delegate's name) or that have no name at all
(an amendment of minutes, an escalation, a charge rate, a score), and the records a link points
at (a decision, an action) in words rather than as a number."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.db.models.actions import Action, ActionUpdate
from bscp_desktop.db.models.meetings import AgendaItem, AttendanceEscalation, Decision, Meeting, MinutesAmendment
from bscp_desktop.db.models.memberships import Group, Organisation
from bscp_desktop.db.models.training import TrainingBooking, TrainingChargeRate, TrainingCourse, TrainingEvaluation, TrainingScore, TrainingSession
from bscp_desktop.db.models.yearly_report import YearlyReport, YearlyReportSection
from bscp_desktop.services import history as hs
from bscp_desktop.services.history_names import names_missing, record_names


@pytest.fixture
def records(db):
    """Two meetings of one group with the same title, each with 'Any other business'; one
    delegate marked on two sessions of different courses; a yearly report's section; and the
    records without a name: an amendment, an escalation, a charge rate, a score."""
    with db.unit_of_work() as s:
        council = Organisation(name="Brent Council", kind="local_authority")
        group = Group(name="Executive Group", quorum=1)
        s.add_all([council, group])
        s.flush()
        may, july = (Meeting(group_id=group.id, title="Executive Group meeting", starts_at=datetime(2023, m, d, 10))
                     for m, d in ((5, 17), (7, 26)))
        s.add_all([may, july])
        s.flush()
        aob, budget, secret = (AgendaItem(meeting_id=july.id, title=t, confidential=c) for t, c in (
            ("Any other business", False), ("Budget contributions 2023/24", False), ("Child C", True)))
        s.add_all([AgendaItem(meeting_id=may.id, title="Any other business"), aob, budget, secret])
        s.flush()
        decision = Decision(meeting_id=july.id, agenda_item_id=budget.id, text="Contributions for 2023/24 confirmed.")
        hidden = Decision(meeting_id=july.id, agenda_item_id=secret.id, text="Refer the family to the MASH.")
        action = Action(description="Write to every partner about the new rates", meeting_id=july.id,
                        agenda_item_id=budget.id)
        s.add_all([decision, hidden, action])
        s.flush()
        s.add_all([MinutesAmendment(meeting_id=july.id, agenda_item_id=budget.id, decision_id=decision.id,
                                    reason="Rates misquoted", old_text="a", new_text="b"),
                   MinutesAmendment(meeting_id=july.id, agenda_item_id=secret.id, decision_id=hidden.id,
                                    reason="Typo", old_text="c", new_text="d"),
                   ActionUpdate(action_id=action.id, on=date(2023, 8, 1), note="Letters sent"),
                   AttendanceEscalation(organisation_id=council.id, group_id=group.id, raised_on=date(2024, 1, 10),
                                        raised_with="Head of Safeguarding"),
                   TrainingChargeRate(financial_year=2023)])
        neglect, abuse = TrainingCourse(title="Neglect"), TrainingCourse(title="Domestic abuse")
        s.add_all([neglect, abuse])
        s.flush()
        first, second = (TrainingSession(course_id=c.id, starts_at=when, capacity=20)
                         for c, when in ((neglect, datetime(2024, 1, 12, 9)), (abuse, datetime(2024, 2, 8, 9))))
        s.add_all([first, second])
        s.flush()
        bookings = [TrainingBooking(session_id=x.id, delegate_name="Jane Okafor", delegate_key="jane okafor",
                                    booked_on=date(2023, 12, 1), outcome="attended") for x in (first, second)]
        evaluation = TrainingEvaluation(session_id=first.id, delegate_name="Jane Okafor", delegate_key="jane okafor")
        report = YearlyReport(title="Yearly report 2023/24", period_start=date(2023, 4, 1), period_end=date(2024, 3, 31))
        s.add_all([*bookings, evaluation, report])
        s.flush()
        s.add_all([TrainingScore(evaluation_id=evaluation.id, outcome_number=n, before=2, after=4) for n in (0, 2)])
        s.add(YearlyReportSection(report_id=report.id, key="case_reviews"))
    return db


def _page(db) -> list[hs.ChangeDTO]:
    return list(hs.change_page(db, hs.ChangeQuery(), limit=1000).rows)


def test_records_whose_own_name_tells_them_apart_too_little_are_named_with_their_meeting_session_or_report(records):
    rows = _page(records)
    with records.unit_of_work() as s:
        names = names_missing(s, rows)
    shown = {(table, name) for (table, _id), name in names.items()}
    assert {("meeting", "Executive Group meeting (17/05/2023)"), ("meeting", "Executive Group meeting (26/07/2023)"),
            ("agenda_item", "Any other business at Executive Group meeting (17/05/2023)"),
            ("agenda_item", "Any other business at Executive Group meeting (26/07/2023)"),
            ("training_booking", "Jane Okafor on Neglect (12/01/2024)"),
            ("training_booking", "Jane Okafor on Domestic abuse (08/02/2024)"),
            ("yearly_report_section", "Case reviews and learning in Yearly report 2023/24")} <= shown
    meetings = {r.record_id for r in rows if r.table_name == "meeting"}
    assert {hs.record_name(records, "meeting", m) for m in meetings} == {  # the title of a record's own history
        "Executive Group meeting (17/05/2023)", "Executive Group meeting (26/07/2023)"}


def test_records_without_a_name_are_named_in_words(records):
    named = {(r.table_name, r.record_name) for r in _page(records)}
    assert {("minutes_amendment", "Budget contributions 2023/24 at Executive Group meeting (26/07/2023)"),
            ("attendance_escalation", "Brent Council at Executive Group, raised 10/01/2024"),
            ("training_charge_rate", "2023/24"),
            ("training_score", "Jane Okafor on Neglect (12/01/2024): overall confidence"),
            ("training_score", "Jane Okafor on Neglect (12/01/2024): learning outcome 2")} <= named
    assert not {table for table, name in named if not name} & {
        "minutes_amendment", "attendance_escalation", "training_charge_rate", "training_score"}


def test_a_link_to_a_decision_or_an_action_is_named_by_what_it_says_but_not_under_a_confidential_item(records):
    links = {(r.table_name, r.field_label, r.new_text) for r in _page(records) if r.field in ("decision_id", "action_id")}
    assert links == {
        ("minutes_amendment", "Decision", "Contributions for 2023/24 confirmed."),
        ("minutes_amendment", "Decision", "Decision under the confidential item 'Child C'"),
        ("action_update", "Action", "Write to every partner about the new rates"),
    }
    with records.unit_of_work() as s:
        long = Action(description="Ask every agency for its figures " * 4)
        s.add(long)
        s.flush()
        assert record_names(s, "action", {long.id})[long.id] == ("Ask every agency for its figures " * 2)[:59] + "…"
