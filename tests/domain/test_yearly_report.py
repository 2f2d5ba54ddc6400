"""The yearly report's rules without a database: sections, simple formatting, checklist."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bscp_desktop.domain.yearly_report import (
    EXPECTATIONS,
    SECTION_KEYS,
    SECTIONS,
    ChartBlock,
    CheckState,
    Para,
    Run,
    Table,
    TextBullets,
    TextPara,
    blocks_from_json,
    blocks_to_json,
    check_period,
    checklist,
    has_words,
    parse_text,
    plain_text,
)


def test_sections_follow_the_reference_report_and_every_expectation_points_at_one():
    assert SECTION_KEYS[0] == "foreword" and SECTION_KEYS[-1] == "priorities"
    assert SECTION_KEYS.index("activity") < SECTION_KEYS.index("partner_activity") < SECTION_KEYS.index("training")
    assert len(set(SECTION_KEYS)) == len(SECTIONS)
    assert all(k in SECTION_KEYS for e in EXPECTATIONS for k in e.sections)


def test_paragraphs_bold_italic_and_bullets():
    blocks = parse_text("The **Forum** met *twice*.\nSame paragraph.\n\n- one\n- two **bold**\n\nEnd")
    assert blocks[0] == TextPara((Run("The "), Run("Forum", bold=True), Run(" met "), Run("twice", italic=True),
                                  Run(". Same paragraph.")))
    assert blocks[1] == TextBullets(((Run("one"),), (Run("two "), Run("bold", bold=True))))
    assert blocks[2] == TextPara((Run("End"),))


def test_markers_without_a_partner_and_escapes_print_as_typed():
    assert plain_text(r"5 * 3 = 15 and a \*star\* <b>x</b> & y") == "5 * 3 = 15 and a *star* <b>x</b> & y"
    assert parse_text("**bold *both* bold**")[0] == TextPara(
        (Run("bold ", bold=True), Run("both", bold=True, italic=True), Run(" bold", bold=True)))


def test_an_underscore_inside_a_word_prints_as_typed():
    text = "Contact safeguarding_children_team@brent.gov.uk or read BSCP_annual_report_2024.pdf, _really_"
    assert parse_text(text)[0] == TextPara((
        Run("Contact safeguarding_children_team@brent.gov.uk or read BSCP_annual_report_2024.pdf, "),
        Run("really", italic=True)))
    assert plain_text("snake__case and __bold__") == "snake__case and bold"


@given(st.text(max_size=200))
def test_any_text_parses_and_keeps_its_letters(text):
    letters = [c for c in text if c.isalnum()]
    kept = plain_text(text)
    assert [c for c in kept if c.isalnum()] == letters


def test_has_words_ignores_formatting_only():
    assert not has_words("  \n\n- \n** **")
    assert has_words("- one")


def test_blocks_round_trip_through_json():
    blocks = (Table("T", ("A", "B"), (("1", "2"),), "none"), Para("p"),
              ChartBlock("C", ("x", "y"), (("s", (1.0, None)),), "v", "c", "alt", "count"))
    assert blocks_from_json(blocks_to_json(blocks)) == blocks


def test_period_checks_name_the_field():
    assert "period_start" in check_period(None, date(2024, 3, 31))
    assert "before its start" in check_period(date(2024, 3, 31), date(2024, 1, 1))["period_end"]
    assert check_period(date(2022, 10, 1), date(2024, 3, 31)) == {}


def test_checklist_ticks_and_flags():
    states = dict.fromkeys(SECTION_KEYS, CheckState.DONE)
    states["training"] = CheckState.EMPTY
    states["finance"] = CheckState.OUT_OF_DATE
    lines = {line.text: line for line in checklist(states)}
    assert lines["The impact of training on practice"].state is CheckState.EMPTY
    assert "Learning and development: empty" == lines["The impact of training on practice"].detail
    assert lines["Funding and the partners' contributions"].state is CheckState.OUT_OF_DATE
    assert lines["Areas of little or no progress"].ticked


def test_each_priority_ends_with_a_progress_word():
    from bscp_desktop.domain.yearly_report import priorities_without_progress

    text = "Our priorities:\n\n- **Conference**, December 2024: Under way\n- Neurodiversity: not started.\n- Data"
    assert priorities_without_progress(text) == ["Data"]
    assert priorities_without_progress("- Data: Achieved") == []
