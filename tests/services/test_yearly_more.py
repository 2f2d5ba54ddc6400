"""The yearly report's built sections say what the records hold and no more: the funding of the
years that have finance records (a year never set up is named as such, with no reserves made up
for it), each member's organisation and job title or service with no one named, and
evaluation figures that add up as shown."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))


def _table(section, title: str):
    return next(b for b in section.blocks if getattr(b, "title", "") == title)


def _words(section) -> str:
    return " ".join([section.draft] + [getattr(b, "text", "") for b in section.blocks]
                    + [getattr(b, "title", "") for b in section.blocks]
                    + [" ".join(cell for row in getattr(b, "rows", ()) for cell in row) for b in section.blocks])


@pytest.mark.slow
def test_the_funding_of_a_period_names_only_the_years_with_finance_records(demo_db):
    """The demo's records start in 2023/24: October 2022 to March 2024 said "Contributions for
    2022/23 and 2023/24" and "The reserves were £0.00 on 1 April 2022", a year never set up."""
    built = yr.build_section(demo_db, "finance", date(2022, 10, 1), date(2024, 3, 31), today=date(2024, 6, 1))
    titles = [getattr(b, "title", "") for b in built.blocks]
    assert "Contributions for 2023/24" in titles and "Contributions for 2022/23 and 2023/24" not in titles
    assert built.draft.startswith("Contributions for 2023/24 of £65,619.75;")
    assert ("There are no finance records for 2022/23 (it is not set up in Finance), so the contributions and "
            "reserves are those of 2023/24.") in built.draft
    assert "1 April 2022" not in _words(built)
    assert [row[0] for row in _table(built, "Reserves").rows] == ["Reserves on 1 April 2023", "Reserves on 31 March 2024"]
    assert "The reserves were £0.00 on 1 April 2023 and £38,131.75 on 31 March 2024." in built.draft


@pytest.mark.slow
def test_a_period_with_no_finance_records_gives_no_reserves_of_its_own(demo_db):
    before = yr.build_section(demo_db, "finance", date(2021, 4, 1), date(2022, 3, 31), today=date(2024, 6, 1))
    assert [b.text for b in before.blocks] == [
        "No contributions or expenditure were recorded between 1 April 2021 and 31 March 2022. There are no finance "
        "records for 2021/22: it is not set up in Finance."]
    after = yr.build_section(demo_db, "finance", date(2026, 4, 1), date(2027, 3, 31), today=date(2027, 6, 1))
    (said,) = [b.text for b in after.blocks]
    assert "There are no finance records for 2026/27: it is not set up in Finance." in said
    assert said.endswith("The reserves were £38,131.75 on 31 March 2025, at the end of 2024/25, the last financial "
                         "year with finance records.")
    assert "on 1 April 2026" not in said and "on 31 March 2027" not in said


@pytest.mark.slow
def test_a_period_with_no_year_set_up_gives_the_reserves_in_the_finance_summarys_words(db):
    """The section kept its own copy of the sentence, which gave reserves below nought as
    "-£400.00" where the Finance summary of the same period says "£400.00 overdrawn"."""
    from bscp_desktop.domain.finance import Period
    from bscp_desktop.services import finance as fin

    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    fin.create_expense(db, fin.ExpenseFields(date(2022, 9, 1), events, "Civic Centre", "Forum", "400"))  # 2022/23
    start, end = date(2023, 10, 1), date(2024, 9, 30)
    built = yr.build_section(db, "finance", start, end, today=date(2024, 10, 1))
    (said,) = [b.text for b in built.blocks]
    summary = fin.summary(db, Period(start, end))
    assert summary.years_set_up == () and summary.not_set_up_text in said and said.endswith(summary.reserves_text)
    assert said == ("No contributions or expenditure were recorded between 1 October 2023 and 30 September 2024. "
                    "There are no finance records for 2023/24 and 2024/25: they are not set up in Finance. The reserves "
                    "were £400.00 overdrawn on 31 March 2023, at the end of 2022/23, the last financial year with "
                    "finance records.")


@pytest.mark.slow
def test_members_are_shown_by_organisation_and_job_title_without_names(db):
    """Six rows of "Brent Council | Member" said nothing, and a co-chair with no organisation
    read "Independent | Chair"."""
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    group = ms.create_group(db, ms.GroupFields("Learning and Development Group", 2))
    start = date(2023, 1, 1)

    def seat(name, job_title, role, organisation=None):
        person = ms.create_person(db, ms.PersonFields(name, job_title=job_title,
                                                      organisation_id=organisation.id if organisation else None))
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, role, start,
                                                     organisation_id=organisation.id if organisation else None))

    seat("Ann Qorvath", "Co-chair, Learning and Development Group", Role.CHAIR)
    seat("Ben Xylander", "Independent Chair and Scrutineer", Role.INDEPENDENT_SCRUTINEER)
    seat("Cara Zimwick", "Housing Needs", Role.MEMBER, council)
    seat("Dev Quillon", "Public Health", Role.MEMBER, council)
    seat("Eve Jorvik", "Lay member", Role.LAY_MEMBER)
    built = yr.build_section(db, "membership", *PERIOD, today=date(2024, 6, 1))
    table = _table(built, "Learning and Development Group on 31 March 2024")
    assert table.headers == ("Organisation", "Job title or service", "Role")
    assert set(table.rows) == {
        ("No organisation", "Co-chair, Learning and Development Group", "Chair"),
        ("Independent", "Independent Chair and Scrutineer", "Independent scrutineer"),
        ("Brent Council", "Housing Needs", "Member"),
        ("Brent Council", "Public Health", "Member"),
        ("Lay member", "", "Lay member"),  # its job title says only what the row says
    }
    assert not any(name in _words(built) for name in ("Qorvath", "Xylander", "Zimwick", "Quillon", "Jorvik"))


@pytest.mark.slow
def test_the_evaluation_gain_is_the_difference_of_the_figures_shown(db):
    """Seven delegates scored 2,2,2,2,2,2,3 before and 4,4,4,4,4,4,3 after: means 2.14 and 3.86,
    shown 2.1 and 3.9, so the gain shown is +1.8 (the unrounded gain, 1.71, rounded alone is 1.7)."""
    from bscp_desktop.domain.training import Outcome
    from bscp_desktop.services.training import bookings as bk
    from bscp_desktop.services.training import courses as cs
    from bscp_desktop.services.training import evaluations as ev

    course = cs.create_course(db, cs.CourseFields(title="Neglect basics"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2023, 6, 8, 9, 30),
                                                     capacity=10))
    for n, (before, after) in enumerate([(2, 4)] * 6 + [(3, 3)]):
        booking = bk.create_booking(db, bk.BookingFields(session.id, f"Delegate {n}", booked_on=date(2023, 6, 1))).booking
        bk.mark_register(db, session.id, {booking.id: Outcome.ATTENDED})
        ev.create_evaluation(db, ev.EvaluationFields(session.id, booking_id=booking.id,
                                                     scores=(ev.ScoreFields(0, before, after),)))
    built = yr.build_section(db, "training", *PERIOD, today=date(2024, 6, 1))
    assert _table(built, "Evaluations").rows == (("Neglect basics", "7", "2.1", "3.9", "+1.8"),)
