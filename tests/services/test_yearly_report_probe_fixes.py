"""The yearly report says what the records said at its period's end, and nothing else: training
bookings whose attendance was never recorded are said (and keep the report from being marked
final), the case reviews' sentence counts each figure as the case summary does, learning shared
after the period is not shared in it, an action closed before the period is not listed again, an
in-kind description typed with its full stop has one, and a final report keeps the partnership's
name of the day it was marked final."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.domain.audits import SharedVia
from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.domain.yearly_report import Para, Table
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import settings as st
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from tests.services.test_yearly_report import write_every_section

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))
AFTER = date(2024, 6, 1)  # a day after the period, when the report is built and marked final


def _table(section, title: str):
    return next((b for b in section.blocks if isinstance(b, Table) and b.title == title), None)


def _paras(section) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Para)]


# ---------------------------------------------------------------- training registers not marked


def _session_not_marked(db):
    """A session of 10/06/2023 with 2 delegates marked attended and 3 whose attendance was never recorded."""
    course = cs.create_course(db, cs.CourseFields("Neglect awareness", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2023, 6, 10, 10), 20))
    for n in range(5):
        bk.create_booking(db, bk.BookingFields(session.id, f"Delegate {n}", organisation_name="Brent Council",
                                               booked_on=date(2023, 6, 1), outcome="attended" if n < 2 else "booked"))
    return session


def test_bookings_with_no_attendance_recorded_are_counted_and_said_until_the_register_is_marked(db):
    session = _session_not_marked(db)
    built = yr.build_section(db, "training", *PERIOD, today=AFTER)
    rows = {row[0]: row[1] for row in _table(built, "Training figures").rows}
    assert (rows["Bookings"], rows["Attended"], rows["Attendance not recorded"]) == ("5", "2", "3")
    assert _paras(built) == ["This period: 3 bookings on sessions already held have no attendance recorded (the "
                             "register is not marked). Until they are marked, the attendance rate counts them as "
                             "not attended."]
    bk.mark_register(db, session.id, {b.id: "no_show" for b in bk.list_bookings(db, session_id=session.id)
                                      if b.outcome.value == "booked"})
    built = yr.build_section(db, "training", *PERIOD, today=AFTER)
    assert "Attendance not recorded" not in [row[0] for row in _table(built, "Training figures").rows]
    assert _paras(built) == []


@pytest.mark.slow
def test_a_report_counting_registers_not_marked_is_not_marked_final_until_they_are(db):
    session = _session_not_marked(db)
    r = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    write_every_section(db, r.id)
    # never built: built as it is marked final, and refused before anything is kept
    with pytest.raises(ValidationError) as e:
        yr.set_final(db, r.id, True, on=AFTER)
    said = e.value.errors["final"]
    assert said.startswith("'Learning and development' counts 3 bookings on training sessions already held with no "
                           "attendance recorded")
    assert "Mark the registers of those sessions in Training" in said
    assert not yr.get_report(db, r.id).final and all(s.built_at is None for s in yr.get_report(db, r.id).sections)
    # built: the window is told before it asks (`final_refusal` with the checklist), and so is set_final
    yr.refresh_all(db, r.id, today=AFTER)
    report = yr.get_report(db, r.id)
    assert yr.final_refusal(report, yr.section_states(db, report, AFTER), AFTER).errors["final"] == said
    with pytest.raises(ValidationError):
        yr.set_final(db, r.id, True, on=AFTER)
    # the registers marked and the section refreshed: marked final
    bk.mark_register(db, session.id, {b.id: "attended" for b in bk.list_bookings(db, session_id=session.id)})
    yr.refresh_section(db, r.id, "training", today=AFTER)
    assert yr.set_final(db, r.id, True, on=AFTER).final


# ---------------------------------------------------------------- case reviews


@pytest.mark.slow
def test_the_case_reviews_sentence_counts_notifications_as_the_case_summary_does(demo_db):
    from bscp_desktop.services import case_review_summary as crs

    start, end = date(2022, 11, 15), date(2023, 3, 31)
    summary = crs.case_summary(demo_db, start, end, AFTER)
    assert (summary.cases_considered, summary.notifications_sent) == (2, 2)
    built = yr.build_section(demo_db, "case_reviews", start, end, today=AFTER)
    # the demo's cases of the period were considered the day they were notified
    assert built.draft == ("Between 15 November 2022 and 31 March 2023 the Case Review Group considered 2 cases. In "
                           "the period 2 notifications were sent to the Child Safeguarding Practice Review Panel and 2 "
                           "rapid reviews were completed. No local child safeguarding practice review was started or "
                           "published.")
    assert "were notified" not in built.draft


# ---------------------------------------------------------------- learning shared after the period


def test_learning_shared_after_the_period_is_not_shared_in_it(db):
    from bscp_desktop.services.audits import case_audits as ca
    from bscp_desktop.services.audits import learning as le

    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 2, 1), theme="Neglect"))
    for text, shared_on in (("Chronologies were missing", date(2024, 3, 5)), ("Voice of the child", date(2024, 4, 20)),
                            ("Escalation came late", None)):
        le.create_learning(db, le.LearningFields(audit.id, text, "Neglect", SharedVia.BRIEFING if shared_on else None,
                                                 shared_on))
    built = yr.build_section(db, "audits", *PERIOD, today=AFTER)
    shared = {row[1]: row[2] for row in _table(built, "Learning").rows}
    assert shared == {"Chronologies were missing": "A briefing",
                      "Voice of the child": "Not shared by 31 March 2024",  # shared on 20/04/2024
                      "Escalation came late": "Not shared by 31 March 2024"}
    after = yr.build_section(db, "audits", date(2024, 4, 1), date(2025, 3, 31), today=date(2025, 6, 1))
    assert not after.has_data  # the audit was in 2023/24


# ---------------------------------------------------------------- actions closed before the period


def _action(db, description: str, due: date, status: str = "open"):
    org = ms.create_organisation(db, ms.OrganisationFields(f"Council for {description}", "local_authority"))
    case = cr.create_case_review(db, cr.CaseReviewFields(f"Child {description}", "serious_harm", date(2022, 6, 1)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, f"Learning for {description}"))
    cr.add_recommendation_action(db, rec.id, al.ActionFields(description, due_date=due, status=status,
                                                             owner_organisation_id=org.id))
    return next(a.action for a in cr.case_review_actions(db) if a.action.description == description)


def _set(db, a, status: str, completed_on: date | None = None, evidence: str = ""):
    return al.update_action(db, a.id, al.ActionFields(a.description, a.owner_person_id, a.owner_organisation_id,
                                                      a.due_date, status, completed_on, evidence))


def _listed(db, start: date, end: date) -> list[tuple[str, str]]:
    built = yr.build_section(db, "case_reviews", start, end, today=date(2026, 12, 1))
    table = _table(built, "Actions from review recommendations")
    return sorted((row[1], row[4]) for row in table.rows) if table else []


@pytest.mark.slow
def test_an_action_closed_before_the_period_is_not_listed_in_it_again(db, clock):
    clock.now = datetime(2023, 1, 2, 12)
    dropped = _action(db, "Dropped in 2023/24", date(2029, 3, 31))
    done = _action(db, "Done in 2023/24", date(2025, 3, 31))
    _action(db, "Added dropped", date(2024, 6, 30), status="dropped")  # no change of status dates its dropping
    clock.now = datetime(2023, 6, 1, 12)
    _set(db, dropped, "dropped")
    _set(db, done, "done", date(2023, 6, 1), "Briefing given to every agency")
    assert _listed(db, *PERIOD) == [("Done in 2023/24", "Done"), ("Dropped in 2023/24", "Dropped")]
    # the year "Done in 2023/24" falls due, and "Added dropped" is due: only the action due in it
    assert _listed(db, date(2024, 4, 1), date(2025, 3, 31)) == [("Added dropped", "Dropped")]
    # the year "Dropped in 2023/24" falls due, and every year between
    for year in range(2025, 2029):
        assert _listed(db, date(year, 4, 1), date(year + 1, 3, 31)) == []


# ---------------------------------------------------------------- in-kind description with its full stop


def _squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.slow
def test_an_in_kind_description_typed_with_its_full_stop_ends_with_one(db, tmp_path):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    fin.create_contribution(db, fin.ContributionFields("2023/24", council.id, ContributionKind.IN_KIND,
                                                       in_kind_description="Officer support for the partnership.",
                                                       notional_value="500.00"))
    built = yr.build_section(db, "finance", *PERIOD, today=AFTER)
    assert "Brent Council contributes in kind (2023/24): Officer support for the partnership." in _paras(built)
    pdf = jobs.write_report(db, "finance", tmp_path / "finance.pdf", year="2023/24", today=AFTER)
    body = _squeezed("\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages))
    assert _squeezed("Officer support for the partnership (notional value £500.00). A contribution") in body
    assert ".." not in body


# ---------------------------------------------------------------- the partnership's name of a final report


@pytest.mark.slow
def test_a_final_report_keeps_the_partnerships_name_it_was_marked_final_under(db):
    from bscp_desktop.jobs.yearly_report import document

    st.set_partnership_name(db, "Brent Safeguarding Children Partnership")
    r = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    write_every_section(db, r.id)
    yr.set_final(db, r.id, True, on=AFTER)
    st.set_partnership_name(db, "Brent Safeguarding Partnership")
    assert document(db, r.id, AFTER).partnership_name == "Brent Safeguarding Children Partnership"
    kept = yr.get_report(db, r.id)
    assert kept.kept_partnership_name == "Brent Safeguarding Children Partnership"
    assert not any(s.unreadable for s in kept.sections)  # kept beside the figures, which read as before
    # reopened as a draft, the name now; marked final again, the name of that day
    yr.set_final(db, r.id, False)
    assert document(db, r.id, AFTER).partnership_name == "Brent Safeguarding Partnership"
    yr.set_final(db, r.id, True, on=AFTER)
    st.set_partnership_name(db, "Brent Children's Partnership")
    assert document(db, r.id, AFTER).partnership_name == "Brent Safeguarding Partnership"
