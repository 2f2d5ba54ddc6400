"""The yearly report's rules without a database: sections, simple formatting, checklist."""

from __future__ import annotations

import re
from datetime import date

import pytest
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
    format_inline,
    format_text,
    has_words,
    parse_inline,
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
    assert check_period(date(2020, 1, 1), date(2024, 12, 31)) == {
        "period_end": "A yearly report covers at most three years: the end of the period can be 31/12/2022 at the latest"}


def test_a_long_period_is_refused_naming_the_output_asked_for():
    assert check_period(date(2020, 1, 1), date(2024, 12, 31), "A partner's workbook") == {
        "period_end": "A partner's workbook covers at most three years: the end of the period can be 31/12/2022 at the "
                      "latest"}


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


@pytest.mark.parametrize(("item", "flagged"), [
    ("Neglect strategy: Incomplete", True),  # not "Complete"
    ("Voice of the child: Unplanned", True),  # not "Planned"
    ("Data: not on track yet", True),
    ("Exploitation: (Under way)", False),
    ("Data: Under way.", False),
    ("Training: **On track**", False),
    ("Audit: complete!", False),
    ("Transitions: \"Not  started\"", False),
])
def test_a_progress_word_is_a_whole_word_at_the_end_before_any_closing_punctuation(item, flagged):
    from bscp_desktop.domain.yearly_report import priorities_without_progress

    assert bool(priorities_without_progress(f"- {item}\n")) is flagged


def test_bold_and_italic_together_as_the_editors_buttons_write_them():
    both, bold, italic = (True, True), (True, False), (False, True)

    def runs(text):
        return [(r.text, (r.bold, r.italic)) for r in parse_inline(text)]

    assert runs("The ***most important*** point") == [("The ", (False, False)), ("most important", both),
                                                       (" point", (False, False))]
    assert runs("***a** b*") == [("a", both), (" b", italic)]
    assert runs("***a* b**") == [("a", both), (" b", bold)]
    assert runs("_**a**_") == runs("**_a_**") == runs("*__a__*") == [("a", both)]
    assert runs("**bold *italic***") == [("bold ", bold), ("italic", both)]
    assert runs("*a **b***") == [("a ", italic), ("b", both)]
    assert runs("**a***b*") == [("a", bold), ("b", italic)]
    # a longer paragraph is not scrambled after it, and a marker Qt left at the end of a line
    # (before the words it opens) still opens them
    text = ("The ***most important*** point, **bold *and italic* text** end. Also *italic **\n"
            "bold-italic***.")
    assert [(r.text, (r.bold, r.italic)) for r in parse_text(text)[0].runs] == [
        ("The ", (False, False)), ("most important", both), (" point, ", (False, False)), ("bold ", bold),
        ("and italic", both), (" text", bold), (" end. Also ", (False, False)), ("italic ", italic),
        ("bold-italic", both), (".", (False, False))]


def test_escapes_and_markers_print_as_typed():
    assert plain_text(r"a\\*b* and \**x** and 5 * 3") == "a\\b and *x* and 5 * 3"
    assert parse_inline(r"a\\*b*")[1] == Run("b", italic=True)
    assert plain_text(r"\<b>KCSIE\</b> \&amp; \# \[x\](y)") == "<b>KCSIE</b> &amp; # [x](y)"


def test_links_saved_by_earlier_versions_print_as_words():
    text = ("Contact [bscp@brent.gov.uk](mailto:bscp@brent.gov.uk) or visit <https://www.brent.gov.uk/bscp> "
            "or [www.brent.gov.uk](http://www.brent.gov.uk), <bscp@brent.gov.uk>, **[bold](bold)**")
    assert plain_text(text) == ("Contact bscp@brent.gov.uk or visit https://www.brent.gov.uk/bscp or "
                                "www.brent.gov.uk, bscp@brent.gov.uk, bold")
    assert plain_text("see [the report](https://x.org/r)") == "see the report (https://x.org/r)"
    assert plain_text(r"\[not a link](x) and \<https://x.org>") == "[not a link](x) and <https://x.org>"


def _chars(runs):
    """Each character with its formatting (a space shows none)."""
    return [(c, r.bold and c != " ", r.italic and c != " ") for r in runs for c in r.text]


def test_written_text_reads_back_as_written():
    runs = (Run("# 1. "), Run("Bold", bold=True), Run(" <b>x</b> &amp; &#65; [a](b) <https://x.org> _u_ *s* \\ "),
            Run("both", bold=True, italic=True), Run(" "), Run("and", bold=True), Run(" "), Run("italic", italic=True),
            Run("."))
    line = format_inline(runs)
    assert "\n" not in line and _chars(parse_inline(line)) == _chars(runs)
    blocks = [TextPara(runs), TextBullets(((Run("- one"),), (Run("> two", bold=True),)))]
    read = parse_text(format_text(blocks))
    assert _chars(read[0].runs) == _chars(runs) and read[1] == blocks[1]
    # spaces go outside the markers, where Markdown reads them
    assert format_inline((Run("a"), Run(" bold ", bold=True), Run("b"))) == "a **bold** b"


_FORMATTED = st.lists(st.tuples(st.text(max_size=12), st.booleans(), st.booleans()), max_size=8)


@given(_FORMATTED)
def test_any_formatted_text_is_written_so_its_words_read_back(parts):
    runs = [Run(t, b, i) for t, b, i in parts]
    read = parse_inline(format_inline(runs))
    written = re.sub(r"\s", " ", "".join(r.text for r in runs)).strip()
    assert re.sub(r"\s", " ", "".join(r.text for r in read)) == written


@given(st.lists(st.tuples(st.sampled_from(["KCSIE", "schools", "40%", "(audit)", "children's", "e.g.", "-"]),
                          st.booleans(), st.booleans()), min_size=1, max_size=8))
def test_formatting_of_whole_words_reads_back(words):
    runs = [Run(w + " ", b, i) for w, b, i in words]
    read = [(c, r.bold, r.italic) for r in parse_inline(format_inline(runs)) for c in r.text if c != " "]
    assert read == [(c, b, i) for w, b, i in words for c in w]


def test_a_default_title_keeps_within_the_length_a_title_may_have():
    from bscp_desktop.domain.yearly_report import MAX_TITLE_CHARS, default_title

    name = ("The Safeguarding Children Partnership of the London Borough of Brent, with the North West London "
            "Integrated Care Board and the Metropolitan Police North West Basic Command Unit, and partners")
    title = default_title(name, date(2023, 4, 1), date(2024, 3, 31))
    assert len(title) <= MAX_TITLE_CHARS
    assert title.startswith("The Safeguarding Children Partnership of the London Borough of Brent")
    assert title.endswith("… yearly report April 2023 to March 2024")
    assert default_title("Brent", date(2023, 4, 1), date(2024, 3, 31)) == "Brent yearly report April 2023 to March 2024"


@pytest.mark.slow
def test_the_length_of_a_section_counts_what_was_typed_not_the_editors_marks():
    from bscp_desktop.domain.yearly_report import MAX_TEXT_CHARS, format_text, typed_length

    typed = "Sign here: ____ and ____ _ " * 7000  # 189,000 characters
    saved = format_text([TextPara((Run(typed, bold=True),))])
    assert len(saved) > MAX_TEXT_CHARS
    assert typed_length(saved) == len(typed.strip())
    assert typed_length("A **short** one") == len("A **short** one")  # short texts are not read through
