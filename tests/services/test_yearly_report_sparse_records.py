"""A yearly report built on a new database with few records says only what they show, in plain
words: a held meeting whose register marks nobody present is named and left out of the
percentages, the finance section says what was still owed at the period's end, a year still
running is spoken of up to today, and no count reads "0 rapid reviews" or "met 1 time"."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.domain.yearly_report import Para, Table
from bscp_desktop.services import attendance as at
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import finance as fin
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.yearly_report.meeting_sections import times
from bscp_desktop.services.yearly_report.sections import _local_reviews

pytestmark = pytest.mark.slow  # each builds sections from records made through the services

YEAR = (date(2025, 4, 1), date(2026, 3, 31))
RUNNING = (date(2026, 4, 1), date(2027, 3, 31))
TODAY = date(2026, 12, 7)
NOBODY_PRESENT = ("1 held meeting has a register with nobody marked present, so nobody's attendance at it is "
                  "counted: Executive Group, {day}. Mark who attended on its register (or, if it did not take "
                  "place, mark it cancelled).")


def _paras(section) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Para)]


def _rows(section) -> list[tuple[str, ...]]:
    return [row for b in section.blocks if isinstance(b, Table) for row in b.rows]


def _executive(db):
    """Three organisations with a member each on the Executive Group: the group."""
    group = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                       ("Metropolitan Police", OrganisationKind.POLICE),
                       ("NWL Integrated Care Board", OrganisationKind.ICB)):
        org = ms.create_organisation(db, ms.OrganisationFields(name, kind))
        person = ms.create_person(db, ms.PersonFields(f"Member for {name}", organisation_id=org.id))
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2024, 4, 1),
                                                     organisation_id=org.id))
    return group


def _held(db, group, when: datetime):
    """A held meeting whose register was filled in from the members, nobody marked yet."""
    m = mt.create_meeting(db, mt.MeetingFields(group.id, "Executive Group", when, None, status=MeetingStatus.HELD))
    at.prefill_attendance(db, m.id)
    return m


def _mark_present(db, meeting, organisation: str) -> None:
    at.set_attendance(db, [a.id for a in at.list_attendance(db, meeting.id) if a.organisation_name == organisation],
                      "present")


def test_a_held_meeting_whose_register_marks_nobody_present_is_named_not_counted(db):
    june = _held(db, _executive(db), datetime(2025, 6, 12, 10))
    built = yr.build_section(db, "attendance", *YEAR, today=TODAY)
    assert not built.has_data and not _rows(built)  # no partner at 0%, "Below 75%"
    assert _paras(built) == ["No attendance was recorded at meetings held between 1 April 2025 and 31 March 2026.",
                             NOBODY_PRESENT.format(day="12/06/2025")]
    _mark_present(db, june, "Metropolitan Police")  # one person present: counted as before
    built = yr.build_section(db, "attendance", *YEAR, today=TODAY)
    assert _paras(built) == []
    assert _rows(built) == [("Brent Council", "1", "0", "0", "0%", "Below 75%"),
                            ("Metropolitan Police", "1", "1", "0", "100%", ""),
                            ("NWL Integrated Care Board", "1", "0", "0", "0%", "Below 75%")]


def test_only_the_meeting_with_nobody_present_is_left_out_of_the_percentages(db):
    group = _executive(db)
    _mark_present(db, _held(db, group, datetime(2025, 6, 12, 10)), "Brent Council")
    _held(db, group, datetime(2025, 9, 11, 10))  # filled in, never marked
    built = yr.build_section(db, "attendance", *YEAR, today=TODAY)
    assert built.draft.startswith("2 meetings were held. ")  # it was held: only its register is in doubt
    assert _rows(built) == [("Brent Council", "1", "1", "0", "100%", ""),
                            ("Metropolitan Police", "1", "0", "0", "0%", "Below 75%"),
                            ("NWL Integrated Care Board", "1", "0", "0", "0%", "Below 75%")]
    assert _paras(built) == [NOBODY_PRESENT.format(day="11/09/2025")]
    assert built.draft.endswith("2 organisations were below it in a group.")


def test_the_finance_section_says_what_was_still_owed_at_the_end_of_the_year(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    fin.create_contribution(db, fin.ContributionFields("2025/26", council.id, ContributionKind.CASH, "50000"))
    built = yr.build_section(db, "finance", *YEAR, today=TODAY)
    assert built.draft == ("Income of £50,000.00 and expenditure of £0.00 in 2025/26: underspend of £50,000.00. "
                           "£0.00 of the contributions had been received by 31 March 2026; £50,000.00 was still "
                           "owed on 31 March 2026. The underspend of £50,000.00 is carried into the reserves.")
    running = yr.build_section(db, "finance", date(2025, 4, 1), date(2026, 3, 31), today=date(2026, 1, 5))
    assert "£0.00 of the contributions has been received so far; £50,000.00 is still owed." in running.draft


def test_a_year_still_running_is_spoken_of_up_to_today(db):
    group = _executive(db)
    assert _paras(yr.build_section(db, "activity", *RUNNING, today=TODAY)) == [
        "No meetings were held between 1 April 2026 and 7 December 2026."]
    assert _paras(yr.build_section(db, "attendance", *RUNNING, today=TODAY)) == [
        "No attendance was recorded at meetings held between 1 April 2026 and 7 December 2026."]
    assert _paras(yr.build_section(db, "audits", *RUNNING, today=TODAY)) == [
        "No multi-agency case audits or Section 11 self-assessments took place between 1 April 2026 and "
        "7 December 2026."]
    _mark_present(db, _held(db, group, datetime(2026, 6, 11, 10)), "Brent Council")
    assert yr.build_section(db, "activity", *RUNNING, today=TODAY).draft == (
        "The partnership's groups met once between 1 April 2026 and 7 December 2026 (Executive Group).")


def test_counts_of_nothing_and_of_one_or_two_are_said_in_words(db):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2026, 2, 20),
                                                  notification_sent=date(2026, 2, 23)))
    year = yr.build_section(db, "case_reviews", *YEAR, today=TODAY).draft
    assert ("In the period 1 notification was sent to the Child Safeguarding Practice Review Panel and no rapid "
            "reviews were completed. No local child safeguarding practice review was started or published.") in year
    running = yr.build_section(db, "case_reviews", *RUNNING, today=TODAY).draft
    assert running.startswith("Between 1 April 2026 and 7 December 2026 the Case Review Group considered no cases")
    assert ("In the period no notifications were sent to the Child Safeguarding Practice Review Panel and no rapid "
            "reviews were completed.") in running
    group = _executive(db)
    _held(db, group, datetime(2025, 6, 12, 10))
    assert "groups met once between" in yr.build_section(db, "activity", *YEAR, today=TODAY).draft
    _held(db, group, datetime(2025, 9, 11, 10))
    assert "groups met twice between" in yr.build_section(db, "activity", *YEAR, today=TODAY).draft


def test_local_reviews_and_meetings_are_counted_in_words():
    assert _local_reviews(1, 0) == "1 local child safeguarding practice review was started, and none was published."
    assert _local_reviews(0, 1) == "No local child safeguarding practice review was started, and 1 was published."
    assert _local_reviews(2, 1) == "2 local child safeguarding practice reviews were started and 1 published."
    assert (times(1), times(2), times(5)) == ("once", "twice", "5 times")
