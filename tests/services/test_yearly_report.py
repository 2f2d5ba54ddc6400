"""Yearly reports through the service: period, sections, saving as typed, refreshing built
sections, the checklist, and a report for a period with nothing in it."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.domain.yearly_report import SECTION_KEYS, CheckState
from bscp_desktop.services import yearly_report as yr

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))


def new_report(db, title="Yearly report 2023/24"):
    return yr.create_report(db, yr.ReportFields(title, *PERIOD))


def write_every_section(db, report_id: int) -> None:
    """The team's words in every section it writes that is still blank, as a report marked final has."""
    for s in yr.get_report(db, report_id).sections:
        if not s.built and not s.text.strip():
            words = "- Embed Working Together 2023: Under way" if s.key == "priorities" else f"Our words on {s.title.lower()}."
            yr.save_section_text(db, report_id, s.key, words)


def test_a_report_has_every_section_in_order_and_a_title(db):
    r = yr.create_report(db, yr.ReportFields("", *PERIOD))
    assert r.title.endswith("yearly report April 2023 to March 2024")
    assert [s.key for s in r.sections] == list(SECTION_KEYS)
    assert r.status == "Draft" and [x.id for x in yr.list_reports(db)] == [r.id]


def test_a_second_report_of_the_same_title_is_refused(db):
    first = yr.create_report(db, yr.ReportFields("", *PERIOD))  # the title made from the period
    with pytest.raises(ValidationError) as e:
        yr.create_report(db, yr.ReportFields(first.title.upper(), *PERIOD))
    assert e.value.errors == {"title": f"There is already a yearly report called '{first.title.upper()}': open it, "
                                       "or give this one another title"}
    other = yr.create_report(db, yr.ReportFields("Draft for the Executive", *PERIOD))
    with pytest.raises(ValidationError, match="already a yearly report"):
        yr.update_report(db, other.id, yr.ReportFields(first.title, *PERIOD))
    assert yr.update_report(db, first.id, yr.ReportFields(first.title, *PERIOD)).title == first.title  # itself
    assert sorted(r.title for r in yr.list_reports(db)) == sorted([first.title, "Draft for the Executive"])


def test_a_bad_period_names_the_field_and_writes_nothing(db):
    with pytest.raises(ValidationError) as e:
        yr.create_report(db, yr.ReportFields("x", date(2024, 3, 31), date(2023, 4, 1)))
    assert "period_end" in e.value.errors
    with pytest.raises(ValidationError) as e:
        yr.create_report(db, yr.ReportFields("x", None, date(2023, 4, 1)))
    assert "period_start" in e.value.errors
    assert yr.list_reports(db, include_archived=True) == []


def test_text_is_saved_as_typed_and_a_final_report_refuses_changes(db):
    r = new_report(db)
    saved = yr.save_section_text(db, r.id, "foreword", "The **Forum** met. 王芳 Żółć")
    assert saved.changed
    assert not yr.save_section_text(db, r.id, "foreword", "The **Forum** met. 王芳 Żółć").changed
    assert yr.get_report(db, r.id).section("foreword").text == "The **Forum** met. 王芳 Żółć"
    write_every_section(db, r.id)
    yr.set_final(db, r.id, True, on=date(2024, 6, 1))
    with pytest.raises(ValidationError) as e:
        yr.save_section_text(db, r.id, "foreword", "changed")
    assert "final" in e.value.errors
    assert yr.get_report(db, r.id).section("foreword").text == "The **Forum** met. 王芳 Żółć"
    yr.set_final(db, r.id, False)
    assert yr.save_section_text(db, r.id, "foreword", "changed").changed


def test_refreshing_keeps_the_teams_own_words(db):
    r = new_report(db)
    s = yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1))
    assert s.built_at is not None and not s.has_data
    assert s.blocks[0].text.startswith("No meetings were held between 1 April 2023 and 31 March 2024")
    yr.save_section_text(db, r.id, "finance", "Our own words on the money.")
    yr.refresh_section(db, r.id, "finance", today=date(2024, 6, 1))
    assert yr.get_report(db, r.id).section("finance").text == "Our own words on the money."


def test_refreshing_replaces_a_draft_only_re_wrapped_by_the_editor(db, world):
    """The editor saves the draft with its lines wrapped: the same words, so a refresh brings
    the new figures; a word of the team's own is kept."""
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from tests.meetings_world import meeting

    meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD)
    r = new_report(db)
    draft = yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1)).draft
    assert "met once" in draft
    words = draft.split(" ")
    wrapped = " ".join(words[:6]) + "\n" + "  ".join(words[6:]) + "\n\n"
    yr.save_section_text(db, r.id, "activity", wrapped)
    meeting(db, world.forum, datetime(2023, 9, 8, 10), status=MeetingStatus.HELD)
    s = yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1))
    assert "met twice" in s.draft and s.text == s.draft
    yr.save_section_text(db, r.id, "activity", s.text.replace("met twice", "met on two occasions"))
    meeting(db, world.forum, datetime(2023, 10, 8, 10), status=MeetingStatus.HELD)
    assert "met on two occasions" in yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1)).text


@pytest.mark.slow
def test_a_period_with_no_training_is_flagged_and_the_pdf_says_so_in_words(db, tmp_path):
    r = new_report(db)
    yr.refresh_all(db, r.id, today=date(2024, 6, 1))
    lines = {line.text: line for line in yr.report_checklist(db, r.id, today=date(2024, 6, 1))}
    training = lines["The impact of training on practice"]
    assert training.state is CheckState.EMPTY and "Learning and development" in training.detail
    out = jobs.write_report(db, "yearly", tmp_path / "empty.pdf", record_id=r.id)
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "No multi-agency training ran between 1 April 2023 and 31 March 2024" in text
    assert "Training figures" not in text  # no empty table


@pytest.mark.slow
def test_a_built_section_is_out_of_date_once_its_records_change(db):
    from bscp_desktop.services import memberships as ms

    r = new_report(db)
    yr.refresh_all(db, r.id, today=date(2024, 6, 1))
    states = yr.section_states(db, yr.get_report(db, r.id), today=date(2024, 6, 1))
    assert states["membership"] is CheckState.EMPTY
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    person = ms.create_person(db, ms.PersonFields("Amara Okafor", organisation_id=org.id))
    group = ms.create_group(db, ms.GroupFields("Safeguarding Children Forum"))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, "member", date(2023, 1, 1), organisation_id=org.id))
    states = yr.section_states(db, yr.get_report(db, r.id), today=date(2024, 6, 1))
    assert states["membership"] is CheckState.OUT_OF_DATE
    yr.refresh_section(db, r.id, "membership", today=date(2024, 6, 1))
    states = yr.section_states(db, yr.get_report(db, r.id), today=date(2024, 6, 1))
    assert states["membership"] is CheckState.DONE


@pytest.mark.slow
def test_a_report_whose_built_sections_are_out_of_date_cannot_be_marked_final(db):
    """Built for 2022/23, then its period changed to 2023/24: marked final, its cover would say
    2023/24 and its figures 2022/23, and it could not be refreshed any more."""
    r = yr.create_report(db, yr.ReportFields("2022/23 report", date(2022, 4, 1), date(2023, 3, 31)))
    yr.refresh_all(db, r.id, today=date(2024, 6, 1))
    yr.update_report(db, r.id, yr.ReportFields("2023/24 report", *PERIOD))
    write_every_section(db, r.id)
    with pytest.raises(ValidationError) as e:
        yr.set_final(db, r.id, True, on=date(2024, 6, 1))
    message = e.value.errors["final"]
    assert message.startswith("Refresh 'Membership of the groups', ") and "'Partnership activity'" in message
    assert message.endswith("and 'Learning and development' from the records first: their figures are out of date "
                            "for 01/04/2023 to 31/03/2024, and a final report cannot be refreshed")
    assert not yr.get_report(db, r.id).final
    yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1))
    with pytest.raises(ValidationError) as e:
        yr.set_final(db, r.id, True, on=date(2024, 6, 1))
    assert "'Partnership activity'" not in e.value.errors["final"]
    yr.refresh_all(db, r.id, today=date(2024, 6, 1))
    assert yr.set_final(db, r.id, True, on=date(2024, 6, 1)).final
    assert not yr.set_final(db, r.id, False).final  # reopening asks nothing


def test_the_output_format_follows_the_extension(db, tmp_path):
    r = new_report(db)
    with pytest.raises(ValidationError) as e:
        jobs.write_report(db, "yearly", tmp_path / "report.txt", record_id=r.id)
    assert ".pdf or .docx" in e.value.sentence()
    assert not (tmp_path / "report.txt").exists()


def test_the_activity_table_takes_the_meetings_own_summary_then_its_key_agenda_items(db, world):
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.services import meetings as mt
    from tests.meetings_world import meeting

    m = meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD,
                key_focus="Working Together 2023\n\n  Neglect strategy  ")
    assert mt.get_meeting(db, m.id).key_focus == "Working Together 2023\nNeglect strategy"
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Item", key_focus=True, key_focus_summary="Ofsted visit"))
    meeting(db, world.forum, datetime(2023, 7, 8, 10), status=MeetingStatus.CANCELLED, key_focus="Not held")
    r = new_report(db)
    section = yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1))
    (table,) = section.blocks
    assert table.rows == (("8 June 2023", "Forum meeting", "• Working Together 2023\n• Neglect strategy\n• Ofsted visit"),)


def test_priorities_without_a_progress_word_are_flagged(db):
    r = new_report(db)
    yr.save_section_text(db, r.id, "priorities", "- Embed Working Together 2023: Under way\n- Neurodiversity")
    lines = {line.text: line for line in yr.report_checklist(db, r.id, today=date(2024, 6, 1))}
    line = lines["The priorities for the next twelve months"]
    assert line.state is CheckState.INCOMPLETE and line.detail == "The next twelve months: a priority has no progress word"
    yr.save_section_text(db, r.id, "priorities", "- Embed Working Together 2023: Under way\n- Neurodiversity: Planned")
    lines = {line.text: line for line in yr.report_checklist(db, r.id, today=date(2024, 6, 1))}
    assert lines["The priorities for the next twelve months"].ticked


def test_no_section_prints_a_childs_alias_or_a_case_reference_whatever_was_typed(db, world):
    from datetime import datetime

    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.services import case_reviews as cr
    from bscp_desktop.services.audits import case_audits as ca
    from bscp_desktop.services.audits import learning as le
    from bscp_desktop.services.audits import samples as sa
    from tests.meetings_world import meeting

    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", IncidentType.SERIOUS_HARM, date(2023, 5, 2)))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 9, 1), theme="Neglect"))
    audited = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child P"))
    le.create_learning(db, le.LearningFields(audit.id, f"Child P's school did not share the chronology; the case of "
                                                       f"Child A ({case.reference}) showed the same about child abuse "
                                                       "and childcare.", "Neglect"))
    meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD,
            key_focus=f"Rapid review of child a ({case.reference}) and {audited.reference} agreed")
    r = new_report(db)
    texts = []
    for key in ("activity", "audits"):
        section = yr.refresh_section(db, r.id, key, today=date(2024, 6, 1))
        texts += [cell for block in section.blocks for row in getattr(block, "rows", ()) for cell in row]
    text = " ".join(texts)
    import re

    for secret in ("Child A", "Child P", case.reference, audited.reference):
        assert not re.search(rf"(?<!\w){re.escape(secret)}(?!\w)", text, re.IGNORECASE), secret
    assert "Rapid review of the child (the child) and the child agreed" in text
    assert "the child's school did not share the chronology" in text
    assert "child abuse and childcare" in text  # ordinary words are left alone


def test_the_membership_section_leaves_out_archived_groups_and_people_as_the_members_report_does(db, world):
    """Archived before the period's last day: not current then (one archived after it was, see
    test_yearly_report_as_it_stood)."""
    from datetime import timedelta

    from bscp_desktop.services import memberships as ms

    today = date.today()
    r = yr.create_report(db, yr.ReportFields("This year", today - timedelta(days=200), today + timedelta(days=100)))
    before = yr.refresh_section(db, r.id, "membership", today=date(2024, 6, 1))
    titles = [b.title for b in before.blocks if hasattr(b, "rows")]
    assert any(t.startswith("Executive Group") for t in titles)
    ms.archive_group(db, world.executive.id)
    ms.archive_person(db, world.inspector.id)
    after = yr.refresh_section(db, r.id, "membership", today=date(2024, 6, 1))
    tables = {b.title.split(" on ")[0]: b.rows for b in after.blocks if hasattr(b, "rows")}
    assert "Executive Group" not in tables
    # the inspector's seat went with the inspector, and the sergeant's as their deputy ended that day
    assert [row for row in tables["Safeguarding Children Forum"] if row[0] == "Metropolitan Police"] == []


def test_the_attendance_section_counts_the_meetings_the_activity_section_lists(db, world):
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingKind, MeetingStatus
    from bscp_desktop.services import attendance as at
    from tests.meetings_world import meeting

    held = [meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD),
            meeting(db, world.forum, datetime(2023, 9, 8, 10), status=MeetingStatus.HELD, kind=MeetingKind.WORKSHOP)]
    for m in held:
        at.prefill_attendance(db, m.id)
    at.set_attendance(db, [a.id for a in at.list_attendance(db, held[0].id)], "present")  # a register marked
    r = new_report(db)
    assert "met twice" in yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1)).draft
    attendance = yr.refresh_section(db, r.id, "attendance", today=date(2024, 6, 1))
    assert attendance.draft.startswith("1 meeting was held, and 1 meeting of a kind not counted for attendance (")
    assert "workshop" in attendance.draft


def test_a_case_recorded_after_a_section_was_built_is_not_named_in_the_report_written(db, world):
    """A final report cannot be refreshed: the report written takes every alias out as the
    records stand then, from the tables, the words, and the charts' titles and words read out."""
    from datetime import datetime

    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.jobs.yearly_report import document
    from bscp_desktop.services import case_reviews as cr
    from tests.meetings_world import meeting

    meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD,
            key_focus="The serious incident concerning Child E")
    r = new_report(db)
    yr.refresh_all(db, r.id, today=date(2024, 6, 1))
    write_every_section(db, r.id)
    yr.set_final(db, r.id, True, on=date(2024, 6, 1))
    cr.create_case_review(db, cr.CaseReviewFields("Child E", IncidentType.SERIOUS_HARM, date(2024, 5, 2)))
    written = document(db, r.id, today=date(2024, 6, 1))
    words = []
    for s in written.sections:
        words.append(s.text)
        for b in s.blocks:
            words += [getattr(b, "title", ""), getattr(b, "text", ""), getattr(b, "alt_text", "")]
            words += [c for row in getattr(b, "rows", ()) for c in row] + list(getattr(b, "categories", ()))
    text = " ".join(words)
    assert "the serious incident concerning the child" in text.casefold()
    assert "child e" not in text.casefold()


def test_a_chart_says_no_childs_alias_in_its_words_read_out(db):
    from bscp_desktop.domain.yearly_report import ChartBlock
    from bscp_desktop.services.yearly_report.sections import blocks_without_children

    chart = ChartBlock("Attendance: Child A review briefing", ("Child A review briefing",), (("2023/24", (3.0,)),),
                       "Delegates", "Topic", "Child A review briefing 3")
    (clean,) = blocks_without_children((chart,), ["Child A"])
    assert "Child A" not in " ".join((clean.title, clean.alt_text, *clean.categories))


def test_the_case_reviews_section_lists_actions_of_cases_known_by_the_periods_end_as_they_stood_then(db):
    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.services import actions as al
    from bscp_desktop.services import case_reviews as cr

    def case_with_action(alias: str, aware: date, due: date) -> None:
        case = cr.create_case_review(db, cr.CaseReviewFields(alias, IncidentType.SERIOUS_HARM, aware))
        rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, f"Learning from {alias}"))
        cr.add_recommendation_action(db, rec.id, al.ActionFields(f"Act on {alias}", due_date=due,
                                                                 owner_organisation_id=_org(db)))

    case_with_action("Child A", date(2022, 6, 1), date(2023, 6, 30))  # known in the year, due after it: open then
    case_with_action("Child C", date(2023, 11, 6), date(2024, 9, 30))  # known only after the year ended
    built = yr.build_section(db, "case_reviews", date(2022, 4, 1), date(2023, 3, 31), today=date(2026, 12, 1))
    actions = next(b for b in built.blocks if getattr(b, "title", "") == "Actions from review recommendations")
    assert [(row[1], row[4]) for row in actions.rows] == [("Act on the child", "Open")]  # not overdue on 31/03/2023


def _org(db) -> int:
    from bscp_desktop.services import memberships as ms

    found = [o for o in ms.list_organisations(db) if o.name == "Brent Council"]
    return found[0].id if found else ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority")).id


def test_the_change_log_names_a_built_section_and_its_figures_in_words(db):
    from bscp_desktop.services import history

    r = new_report(db)
    yr.refresh_section(db, r.id, "finance", today=date(2024, 6, 1))
    changes = [c for c in history.list_changes(db, "yearly_report_section") if c.field in ("data", "fingerprint")]
    assert changes
    shown = {(c.record_label.split(" (#")[0], c.field_label, c.new_text) for c in changes}
    title = yr.get_report(db, r.id).title
    from bscp_desktop.domain.yearly_report import section_spec

    named = f"{section_spec('finance').title} in {title}"
    assert shown == {(named, "Figures built from the records", "the figures as built then"),
                     (named, "Check of the figures", "the check of the figures then")}
    assert not any("{" in text or len(text) >= 64 and all(ch in "0123456789abcdef" for ch in text)
                   for _name, _label, text in shown)


def test_the_activity_draft_says_one_meeting_in_the_singular(db, world):
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from tests.meetings_world import meeting

    meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD)
    r = new_report(db)
    assert "groups met once between" in yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1)).draft
    meeting(db, world.forum, datetime(2023, 9, 8, 10), status=MeetingStatus.HELD)
    assert "groups met twice between" in yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1)).draft


@pytest.mark.slow
def test_the_case_reviews_section_reports_a_year_that_published_a_review_of_a_case_considered_before_it(db):
    """Considered in 2022/23; its rapid review sent late and its local review decided in 2023/24,
    then published in it: no case considered in 2023/24, but the year has figures to report."""
    from bscp_desktop.services import case_review_summary as crs
    from bscp_desktop.services import case_reviews as cr

    cr.create_case_review(db, cr.CaseReviewFields(
        "Child Q", "serious_harm", date(2023, 3, 1), harm="abuse", outcome="notified", considered_on=date(2023, 3, 1),
        notification_sent=date(2023, 3, 6), partners_told=date(2023, 3, 6), rapid_review_sent=date(2023, 4, 20),
        decision="lcspr", decision_date=date(2023, 4, 20), final_report=date(2024, 1, 2),
        sent_to_panel_sos=date(2024, 1, 3), published=date(2024, 1, 31), themes=("Neglect",),
        delay_reason="Criminal proceedings"))  # published after it was due
    built = yr.build_section(db, "case_reviews", *PERIOD, today=date(2024, 6, 1))
    summary = crs.case_summary(db, *PERIOD, date(2024, 6, 1))
    assert built.has_data
    tables = {b.title: b.rows for b in built.blocks if hasattr(b, "rows")}
    assert tables["Cases in the period"] == tuple((label, str(n)) for label, n in summary.headline_figures())
    assert ("Rapid reviews completed", "1") in tables["Cases in the period"]
    assert ("Local reviews published", "1") in tables["Cases in the period"]
    assert ("Rapid review sent to the Panel", "0", "1", "0") in tables["Timeliness"]
    assert "1 rapid review was completed. 1 local child safeguarding practice review was started and 1 published." \
        in built.draft
    nothing = yr.build_section(db, "case_reviews", date(2021, 4, 1), date(2022, 3, 31), today=date(2024, 6, 1))
    assert not nothing.has_data and nothing.blocks[0].text.startswith("No serious incidents were considered")


def test_the_case_reviews_section_lists_an_action_still_open_whatever_its_due_date(db):
    """Due before the period and still open on its last day: listed as overdue, as the action log
    shows it; one done before the period is not."""
    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.services import actions as al
    from bscp_desktop.services import case_reviews as cr

    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", IncidentType.SERIOUS_HARM, date(2022, 3, 1)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Improve information sharing"))
    for text, due in (("Long-overdue action", date(2022, 6, 30)), ("Action due in the year", date(2023, 6, 30)),
                      ("Done long ago", date(2022, 5, 31))):
        cr.add_recommendation_action(db, rec.id, al.ActionFields(text, due_date=due, owner_organisation_id=_org(db)))
    done = next(a for a in cr.case_review_actions(db) if a.action.description == "Done long ago")
    al.update_action(db, done.action.id, al.ActionFields("Done long ago", due_date=date(2022, 5, 31),
                                                         owner_organisation_id=_org(db), status="done",
                                                         completed_on=date(2022, 5, 20),
                                                         evidence="Shared at the Forum"))
    built = yr.build_section(db, "case_reviews", *PERIOD, today=date(2024, 6, 1))
    actions = next(b for b in built.blocks if getattr(b, "title", "") == "Actions from review recommendations")
    assert sorted((row[1], row[3], row[4]) for row in actions.rows) == [
        ("Action due in the year", "30/06/2023", "Overdue"), ("Long-overdue action", "30/06/2022", "Overdue")]


@pytest.mark.slow
def test_the_attendance_draft_counts_an_organisation_below_the_threshold_in_two_groups_once(db, world):
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.services import attendance as at
    from tests.meetings_world import meeting

    forum = meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD)
    executive = meeting(db, world.executive, datetime(2023, 6, 9, 10), "Executive meeting", status=MeetingStatus.HELD)
    for m in (forum, executive):
        at.prefill_attendance(db, m.id)  # everyone absent
    present = [a.id for a in at.list_attendance(db, forum.id) if a.person_id in (world.nurse.id, world.head.id)]
    at.set_attendance(db, present, "present")
    # a guest in the room at the Executive Group: its register is marked, the council's chair absent
    at.add_attendee(db, executive.id, at.AttendeeFields(name="Visiting Speaker", status="present"))
    built = yr.build_section(db, "attendance", *PERIOD, today=date(2024, 6, 1))
    flagged = [row for b in built.blocks for row in getattr(b, "rows", ()) if row[5]]
    assert len(flagged) == 3  # the council in both groups, the police in the Forum
    assert "2 organisations were below it in a group." in built.draft


@pytest.mark.slow
def test_a_report_with_sections_not_written_yet_cannot_be_marked_final(db):
    """Marked final, its PDF would print "This section has not been written yet." under them."""
    r = new_report(db)
    write_every_section(db, r.id)
    yr.save_section_text(db, r.id, "partner_activity", "")
    yr.save_section_text(db, r.id, "priorities", "  \n\n ")  # only blank lines: nothing written
    with pytest.raises(ValidationError) as e:
        yr.set_final(db, r.id, True, on=date(2024, 6, 1))
    assert e.value.errors == {"final": "Write 'Partner activity' and 'The next twelve months' before marking the "
                                       "report final: they have not been written yet, and nothing in a final report "
                                       "can change"}
    report = yr.get_report(db, r.id)
    assert not report.final and all(s.built_at is None for s in report.sections)  # nothing kept
    yr.save_section_text(db, r.id, "partner_activity", "The police led on exploitation.")
    with pytest.raises(ValidationError, match=r"^final: Write 'The next twelve months' before .*: it has not been"):
        yr.set_final(db, r.id, True, on=date(2024, 6, 1))
    yr.save_section_text(db, r.id, "priorities", "- Embed Working Together 2023: Under way")
    assert yr.set_final(db, r.id, True, on=date(2024, 6, 1)).final


@pytest.mark.slow
def test_the_training_draft_says_one_session_booking_and_delegate_in_the_singular(db):
    from datetime import datetime

    from bscp_desktop.services.training import bookings, courses
    from bscp_desktop.services.training.booking_checks import BookingFields

    course = courses.create_course(db, courses.CourseFields("Neglect awareness", topic="Neglect"))
    session = courses.create_session(db, courses.SessionFields(course.id, datetime(2023, 6, 8, 10), 40,
                                                               datetime(2023, 6, 8, 12)))
    bookings.create_booking(db, BookingFields(session.id, "Delegate One", organisation_name="Brent Council",
                                              booked_on=date(2023, 6, 1), outcome="attended"))
    draft = yr.build_section(db, "training", *PERIOD, today=date(2024, 6, 1)).draft
    assert draft.startswith("1 session ran with 1 booking; 1 delegate attended (attendance rate ")
    bookings.create_booking(db, BookingFields(session.id, "Delegate Two", organisation_name="Brent Council",
                                              booked_on=date(2023, 6, 1), outcome="no_show"))
    draft = yr.build_section(db, "training", *PERIOD, today=date(2024, 6, 1)).draft
    assert draft.startswith("1 session ran with 2 bookings; 1 delegate attended (attendance rate ")
