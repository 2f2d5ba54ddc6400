"""Yearly reports say how things stood in their period, and keep saying it once final: a final
report's figures, actions as they stood at the period's end, groups current then, every
organisation's delegates, each figure with its own period, names printed as spelt, the length
of what was typed and a title made within the limit."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bscp_desktop.domain.yearly_report import TextPara, parse_text, plain_text
from bscp_desktop.services import yearly_report as yr
from tests.services.test_yearly_report import write_every_section

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))


def new_report(db, title="Yearly report 2023/24", period=PERIOD, written=False):
    report = yr.create_report(db, yr.ReportFields(title, *period))
    if written:  # ready to be marked final
        write_every_section(db, report.id)
    return report


def _table(section, title: str):
    return next(b for b in section.blocks if getattr(b, "title", "") == title)


@pytest.mark.slow
def test_marking_final_keeps_every_built_section_so_the_report_written_never_changes(db, world):
    from bscp_desktop.jobs.yearly_report import document
    from bscp_desktop.services import memberships as ms

    r = new_report(db, written=True)
    assert all(s.built_at is None for s in r.sections if s.built)  # never refreshed
    final = yr.set_final(db, r.id, True, on=date(2024, 6, 1))
    assert final.final and all(s.built_at is not None for s in final.sections if s.built)

    def membership():
        written = document(db, r.id, today=date(2024, 6, 1))
        return next(s for s in written.sections if s.title == "Membership of the groups").blocks

    before = membership()
    assert any(b.title.startswith("Executive Group") for b in before)
    ms.create_membership(db, ms.MembershipFields(world.officer.id, world.executive.id, "member", date(2023, 1, 1),
                                                 organisation_id=world.council.id))
    assert membership() == before
    assert yr.get_report(db, r.id).final


def test_a_section_this_login_may_not_build_is_not_kept_as_a_refusal_in_a_final_report(db, monkeypatch):
    from bscp_desktop.domain.validation import ValidationError
    from bscp_desktop.services.yearly_report import sections

    def refused(*_args):
        raise PermissionError("This login may not read case reviews.")

    monkeypatch.setitem(sections.BUILDERS, "case_reviews", refused)
    r = new_report(db, written=True)
    with pytest.raises(ValidationError) as e:
        yr.set_final(db, r.id, True, on=date(2024, 6, 1))
    assert e.value.errors["final"].startswith("'Case reviews and learning' has not been built from the records yet")
    assert not yr.get_report(db, r.id).final
    assert all(s.built_at is None for s in yr.get_report(db, r.id).sections)  # nothing kept


def test_a_report_made_final_without_its_figures_says_so_rather_than_building_them(db):
    """A report marked final before marking final kept every section prints no fresh figures."""
    from sqlalchemy import update

    from bscp_desktop.db.models.yearly_report import YearlyReportSection
    from bscp_desktop.jobs.yearly_report import NOT_KEPT, document

    r = yr.set_final(db, new_report(db, written=True).id, True, on=date(2024, 6, 1))
    with db.unit_of_work() as session:
        session.execute(update(YearlyReportSection).where(YearlyReportSection.key == "activity")
                        .values(built_at=None, data=""))
    written = next(s for s in document(db, r.id).sections if s.title == "Partnership activity")
    assert [b.text for b in written.blocks] == [NOT_KEPT]


def _case_with_action(db, alias: str, aware: date, due: date):
    from bscp_desktop.services import actions as al
    from bscp_desktop.services import case_reviews as cr
    from bscp_desktop.services import memberships as ms

    org = ms.create_organisation(db, ms.OrganisationFields(f"Council of {alias}", "local_authority"))
    case = cr.create_case_review(db, cr.CaseReviewFields(alias, "serious_harm", aware))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, f"Learning from {alias}"))
    cr.add_recommendation_action(db, rec.id, al.ActionFields(f"Act on {alias}", due_date=due,
                                                             owner_organisation_id=org.id))
    return next(a.action for a in cr.case_review_actions(db) if a.action.description == f"Act on {alias}")


def _complete(db, a, on: date) -> None:
    from bscp_desktop.services import actions as al

    al.update_action(db, a.id, al.ActionFields(a.description, a.owner_person_id, a.owner_organisation_id, a.due_date,
                                               "done", on, "Launched; evidence recorded"))


@pytest.mark.parametrize("start, end, expected", [
    (date(2022, 4, 1), date(2023, 3, 31), [("Act on the child", "Open")]),  # open at the end, not yet due
    (date(2023, 4, 1), date(2023, 9, 30), [("Act on the child", "Overdue")]),  # due in it, done after it
    (date(2023, 4, 1), date(2024, 3, 31), [("Act on the child", "Done")]),  # done in it
])
def test_review_actions_are_shown_as_they_stood_at_the_end_of_the_period(db, start, end, expected):
    action = _case_with_action(db, "Child A", date(2022, 6, 1), date(2023, 6, 30))
    _complete(db, action, date(2024, 1, 10))
    built = yr.build_section(db, "case_reviews", start, end, today=date(2026, 12, 1))
    actions = _table(built, "Actions from review recommendations")
    assert [(row[1], row[4]) for row in actions.rows] == expected


@pytest.mark.slow
def test_the_chart_by_organisation_counts_every_delegate_with_the_rest_in_one_bar(db):
    from bscp_desktop.services.training import bookings, courses
    from bscp_desktop.services.training.booking_checks import BookingFields

    course = courses.create_course(db, courses.CourseFields("Neglect awareness", topic="Neglect"))
    session = courses.create_session(db, courses.SessionFields(course.id, datetime(2023, 6, 8, 10), 40,
                                                               datetime(2023, 6, 8, 12)))
    for n in range(30):
        organisation = "Brent Council" if n < 3 else f"Brent primary school no. {n:02d}"
        bookings.create_booking(db, BookingFields(session.id, f"Delegate {n}", organisation_name=organisation,
                                                  booked_on=date(2023, 6, 1), outcome="attended"))
    built = yr.build_section(db, "training", *PERIOD, today=date(2024, 6, 1))
    chart = _table(built, "Attendance by partner agency")
    assert len(chart.categories) == 25 and chart.categories[0] == "Brent Council"
    assert chart.categories[-1] == "Other organisations (4)"  # 28 organisations: 24 bars and the rest
    assert sum(chart.series[-1][1]) == 30 and chart.series[-1][1][-1] == 4
    assert "Other organisations (4) 4" in chart.alt_text


@pytest.mark.slow
def test_each_figure_of_the_funding_section_carries_its_own_period(demo_db):
    calendar = yr.build_section(demo_db, "finance", date(2023, 1, 1), date(2023, 12, 31), today=date(2024, 6, 1))
    titles = [getattr(b, "title", "") for b in calendar.blocks]
    assert "Contributions for 2023/24" in titles  # the demo's finance records start in 2023/24
    assert "There are no finance records for 2022/23" in calendar.draft
    assert "Expenditure" not in titles  # a table of "Total £0.00" alone is said in words
    words = [b.text for b in calendar.blocks if not hasattr(b, "rows")]
    assert "No expenditure was recorded between 1 January 2023 and 31 December 2023." in words
    assert "underspend" not in calendar.draft.casefold()  # whole years' money against part of them
    year = yr.build_section(demo_db, "finance", *PERIOD, today=date(2024, 6, 1))
    assert "Expenditure, 2023/24" in [getattr(b, "title", "") for b in year.blocks]
    assert "in 2023/24: underspend of" in year.draft
    quiet = yr.build_section(demo_db, "finance", date(2024, 4, 1), date(2025, 3, 31), today=date(2025, 6, 1))
    assert not quiet.has_data
    assert quiet.blocks[0].text == ("No contributions or expenditure were recorded between 1 April 2024 and "
                                    "31 March 2025. The reserves stood at £38,131.75 on 1 April 2024 and on "
                                    "31 March 2025.")


def test_a_group_archived_after_the_period_is_still_in_its_membership(db, world):
    from bscp_desktop.services import memberships as ms

    ms.archive_group(db, world.executive.id)
    built = yr.build_section(db, "membership", *PERIOD, today=date(2024, 6, 1))
    assert "Executive Group on 31 March 2024" in [getattr(b, "title", "") for b in built.blocks]


def test_names_in_a_built_draft_print_as_they_are_spelt(db, world):
    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.services import memberships as ms
    from tests.meetings_world import meeting

    name = "Multi-agency *Audit* Group_x [see](http://e.x) <i>"
    group = ms.create_group(db, ms.GroupFields(name, 2))
    meeting(db, group, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD)
    section = yr.refresh_section(db, new_report(db).id, "activity", today=date(2024, 6, 1))
    (para,) = parse_text(section.text)
    assert isinstance(para, TextPara) and not any(r.bold or r.italic for r in para.runs)
    assert f"({name})." in plain_text(section.text)


@pytest.mark.slow
def test_the_length_limit_counts_the_characters_typed_not_the_editors_backslashes(db):
    from bscp_desktop.domain.validation import ValidationError
    from bscp_desktop.domain.yearly_report import Run, format_text

    r = new_report(db)
    typed = "Sign here: ____ and ____ _ " * 5556  # 150,012 characters, 55,560 underscores
    saved = format_text([TextPara((Run(typed),))])
    assert len(saved) > 200_000
    assert yr.save_section_text(db, r.id, "feedback", saved).changed
    with pytest.raises(ValidationError, match="at most 200,000 characters"):
        yr.save_section_text(db, r.id, "feedback", "x" * 200_001)


def test_a_default_title_from_a_long_partnership_name_can_be_saved_again(db):
    from bscp_desktop.services import settings

    settings.set_partnership_name(db, "The Safeguarding Children Partnership of the London Borough of Brent, with "
                                      "the North West London Integrated Care Board and the Metropolitan Police "
                                      "North West Basic Command Unit, and partners")
    r = yr.create_report(db, yr.ReportFields("", *PERIOD))
    assert len(r.title) <= 200 and r.title.endswith("… yearly report April 2023 to March 2024")
    moved = yr.update_report(db, r.id, yr.ReportFields(r.title, PERIOD[0], PERIOD[1] - timedelta(days=1)))
    assert moved.title == r.title
