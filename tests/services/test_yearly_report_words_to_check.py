"""A refresh that changes the built draft of a section whose words the team edited keeps their
words and flags them to check ("met once" above a table of two meetings): the checklist says
so, the report is not marked final, and the flag stays until the team edits its words, takes
the new draft or keeps its words. Bold added to the draft is the team's edit too."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.validation import RecordChanged, ValidationError
from bscp_desktop.domain.yearly_report import SECTION_KEYS, CheckState, checklist
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.meetings import archive_meeting
from tests.meetings_world import meeting
from tests.services.test_yearly_report import new_report, write_every_section

TODAY = date(2024, 6, 1)
OUR_WORDS = " We also held a development day."


def _held(db, world, day: datetime):
    return meeting(db, world.forum, day, status=MeetingStatus.HELD)


def _edited_then_refreshed(db, world) -> int:
    """A report whose activity section the team added a sentence to, refreshed after a second
    meeting was held: its id."""
    _held(db, world, datetime(2023, 6, 8, 10))
    r = new_report(db)
    s = yr.refresh_section(db, r.id, "activity", today=TODAY)
    assert "met once " in s.draft
    yr.save_section_text(db, r.id, "activity", s.text + OUR_WORDS, version=s.version)
    _held(db, world, datetime(2023, 9, 8, 10))
    yr.refresh_section(db, r.id, "activity", today=TODAY)
    return r.id


def _state(db, report_id: int, key: str = "activity"):
    return yr.section_states(db, yr.get_report(db, report_id), today=TODAY)[key]


def test_a_refresh_changing_the_draft_under_the_teams_words_flags_them(db, world):
    report_id = _edited_then_refreshed(db, world)
    s = yr.get_report(db, report_id).section("activity")
    assert "met once " in s.text and s.text.endswith(OUR_WORDS)  # their words kept
    assert "met twice " in s.draft  # the new built draft, shown beside them
    assert s.words_to_check.startswith("The built draft changed on refresh: ")
    assert "met once" in s.words_to_check and "met twice" in s.words_to_check
    assert _state(db, report_id) is yr.WordsState.TO_CHECK
    states = {**dict.fromkeys(SECTION_KEYS, CheckState.DONE), "activity": _state(db, report_id)}
    line = next(line for line in checklist(states) if line.text == "What the partnership did in the period")
    assert not line.ticked
    assert line.detail == "Partnership activity: check your words, as the figures changed on refresh"


def test_an_unedited_section_takes_the_new_draft_and_is_not_flagged(db, world):
    _held(db, world, datetime(2023, 6, 8, 10))
    r = new_report(db)
    yr.refresh_section(db, r.id, "activity", today=TODAY)
    _held(db, world, datetime(2023, 9, 8, 10))
    s = yr.refresh_section(db, r.id, "activity", today=TODAY)
    assert "met twice " in s.text and s.text == s.draft and s.words_to_check == ""
    assert _state(db, r.id) is CheckState.DONE


def test_the_flag_stays_over_another_refresh_and_goes_when_the_draft_is_back_as_they_saw_it(db, world):
    report_id = _edited_then_refreshed(db, world)
    yr.refresh_all(db, report_id, today=TODAY)
    assert "met once" in yr.get_report(db, report_id).section("activity").words_to_check  # as they last saw it
    third = _held(db, world, datetime(2023, 10, 8, 10))
    yr.refresh_section(db, report_id, "activity", today=TODAY)
    assert "met 3 times" in yr.get_report(db, report_id).section("activity").words_to_check
    archive_meeting(db, third.id)
    assert yr.refresh_section(db, report_id, "activity", today=TODAY).words_to_check  # two meetings, their words one
    second = next(m for m in mt.list_meetings(db) if m.starts_at == datetime(2023, 9, 8, 10))
    archive_meeting(db, second.id)
    s = yr.refresh_section(db, report_id, "activity", today=TODAY)
    assert "met once " in s.draft and s.words_to_check == ""  # the figures their words were written for
    assert _state(db, report_id) is CheckState.DONE


def test_a_report_is_not_marked_final_while_words_are_to_check(db, world):
    report_id = _edited_then_refreshed(db, world)
    write_every_section(db, report_id)
    yr.refresh_all(db, report_id, today=TODAY)
    report = yr.get_report(db, report_id)
    refused = yr.final_refusal(report, yr.section_states(db, report, today=TODAY), today=TODAY)
    assert refused is not None and refused.errors["final"].startswith(
        "Check your words in 'Partnership activity' before marking the report final: its figures changed when it "
        "was refreshed, and your words were kept")
    with pytest.raises(ValidationError, match="Check your words in 'Partnership activity'"):
        yr.set_final(db, report_id, True, on=TODAY)
    assert not yr.get_report(db, report_id).final
    s = yr.keep_my_words(db, report_id, "activity", version=yr.get_report(db, report_id).section("activity").version)
    assert s.words_to_check == "" and s.text.endswith(OUR_WORDS)
    assert _state(db, report_id) is CheckState.DONE
    assert yr.set_final(db, report_id, True, on=TODAY).final


def test_taking_the_new_draft_puts_it_in_place_of_their_words(db, world):
    report_id = _edited_then_refreshed(db, world)
    s = yr.take_built_draft(db, report_id, "activity")
    assert s.text == s.draft and "met twice " in s.text and s.words_to_check == ""
    assert _state(db, report_id) is CheckState.DONE
    # the figures change again: the text is the draft again, so it follows without a flag
    _held(db, world, datetime(2023, 10, 8, 10))
    s = yr.refresh_section(db, report_id, "activity", today=TODAY)
    assert "met 3 times " in s.text and s.words_to_check == ""


def test_editing_the_words_deals_with_the_flag(db, world):
    report_id = _edited_then_refreshed(db, world)
    s = yr.get_report(db, report_id).section("activity")
    yr.save_section_text(db, report_id, "activity", s.text.replace("met once ", "met twice "), version=s.version)
    s = yr.get_report(db, report_id).section("activity")
    assert s.words_to_check == "" and "met twice" in s.text
    assert _state(db, report_id) is CheckState.DONE


def test_keeping_or_taking_is_refused_once_final_and_against_a_colleagues_later_text(db, world):
    report_id = _edited_then_refreshed(db, world)
    opened = yr.get_report(db, report_id).section("activity").version
    yr.save_section_text(db, report_id, "activity", "A colleague's words on 2 meetings.", version=opened)
    with pytest.raises(RecordChanged) as e:
        yr.take_built_draft(db, report_id, "activity", version=opened)
    assert "the section “Partnership activity”" in str(e.value)
    assert yr.get_report(db, report_id).section("activity").text == "A colleague's words on 2 meetings."


def test_a_conflict_names_the_section_by_its_title(db):
    r = new_report(db)
    opened = yr.save_section_text(db, r.id, "foreword", "First words.").version
    yr.save_section_text(db, r.id, "foreword", "A colleague's words.", version=opened)
    with pytest.raises(RecordChanged) as e:
        yr.save_section_text(db, r.id, "foreword", "My words.", version=opened)
    assert "changed the section “Foreword” on " in str(e.value)
    assert "“foreword”" not in str(e.value)


def test_bold_added_to_the_draft_is_kept_and_flagged_when_the_draft_changes(db, world):
    _held(db, world, datetime(2023, 6, 8, 10))
    r = new_report(db)
    s = yr.refresh_section(db, r.id, "activity", today=TODAY)
    bold = s.text.replace("met once", "met **once**")
    yr.save_section_text(db, r.id, "activity", bold, version=s.version)
    s = yr.refresh_section(db, r.id, "activity", today=TODAY)  # the same figures: the bold stays
    assert s.text == bold and s.words_to_check == ""
    _held(db, world, datetime(2023, 9, 8, 10))
    s = yr.refresh_section(db, r.id, "activity", today=TODAY)
    assert s.text == bold and "met twice" in s.draft and s.words_to_check
    assert _state(db, r.id) is yr.WordsState.TO_CHECK


def test_words_written_before_a_section_was_ever_built_are_checked_against_its_first_draft(db, world):
    _held(db, world, datetime(2023, 6, 8, 10))
    r = new_report(db)
    write_every_section(db, r.id)
    yr.save_section_text(db, r.id, "activity", "The groups met often.")
    with pytest.raises(ValidationError, match="'Partnership activity' has not been built from the records yet"):
        yr.set_final(db, r.id, True, on=TODAY)
    s = yr.refresh_section(db, r.id, "activity", today=TODAY)
    assert s.text == "The groups met often."
    assert s.words_to_check == "The figures were built from the records after your words were written."


@pytest.mark.slow
def test_a_new_period_does_not_mark_final_a_report_whose_words_count_another_periods_sessions(demo_db):
    """The demo's report: the training section's words say 37 sessions ran; the period made
    shorter and refreshed, its table counts fewer, so marking final is refused naming it."""
    report = yr.list_reports(demo_db)[0]
    yr.refresh_all(demo_db, report.id)
    s = yr.get_report(demo_db, report.id).section("training")
    assert s.text.startswith("37 sessions ran")
    yr.save_section_text(demo_db, report.id, "training", s.text + " Practitioners valued it.", version=s.version)
    yr.update_report(demo_db, report.id, yr.ReportFields(report.title, date(2023, 4, 1), date(2024, 3, 31)))
    yr.refresh_all(demo_db, report.id)
    s = yr.get_report(demo_db, report.id).section("training")
    assert s.text.startswith("37 sessions ran") and not s.draft.startswith("37 sessions ran")
    assert s.words_to_check == "The built draft changed on refresh, in several places."
    with pytest.raises(ValidationError, match="Check your words in 'Learning and development'"):
        yr.set_final(demo_db, report.id, True)
    assert not yr.get_report(demo_db, report.id).final
