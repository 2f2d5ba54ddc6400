"""Numbered lists in the yearly report's text (`domain.yearly_text`) are read as numbered lists,
counting from the first number given, and written back with their numbers; headings are not part
of the text's formatting and still print as bold paragraphs."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.yearly_text import Run, TextBullets, TextPara, format_text, parse_text


def _items(*words: str) -> tuple[tuple[Run, ...], ...]:
    return tuple((Run(w),) for w in words)


def test_a_numbered_list_is_read_as_numbered_not_as_bullets():
    assert parse_text("1. numbered one\n2. numbered two\n") == [
        TextBullets(_items("numbered one", "numbered two"), numbered=True, start=1)]
    assert parse_text("- one\n- two\n") == [TextBullets(_items("one", "two"))]
    assert not parse_text("- one\n")[0].numbered


def test_a_numbered_list_counts_from_its_first_number():
    assert parse_text("15. first\n16. second\n") == [TextBullets(_items("first", "second"), numbered=True, start=15)]
    assert parse_text("3) third\n9) fourth\n") == [TextBullets(_items("third", "fourth"), numbered=True, start=3)]


def test_a_numbered_list_after_a_paragraph_starts_only_at_one():
    assert parse_text("Steps:\n1. first\n2. second\n") == [
        TextPara((Run("Steps:"),)), TextBullets(_items("first", "second"), numbered=True, start=1)]
    assert parse_text("Total meetings:\n15. That is more.\n") == [TextPara((Run("Total meetings: 15. That is more."),))]


def test_a_change_of_marker_starts_a_new_list():
    assert parse_text("1. a\n2. b\n- c\n3) d\n4) e\n") == [
        TextBullets(_items("a", "b"), numbered=True, start=1),
        TextBullets(_items("c")),
        TextBullets(_items("d", "e"), numbered=True, start=3)]


def test_a_numbered_items_words_carry_on_and_keep_their_formatting():
    assert parse_text("1. a **bold**\n   carried on\n2. <b>x</b> \\*\n") == [TextBullets((
        (Run("a "), Run("bold", bold=True), Run(" carried on")),
        (Run("<b>x</b> *"),)), numbered=True, start=1)]


@pytest.mark.parametrize("block", [
    TextBullets(_items("numbered one", "numbered two"), numbered=True, start=1),
    TextBullets(_items("seventh", "eighth"), numbered=True, start=7),
    TextBullets(((Run("2. not a list "), Run("- *bold*", bold=True)),), numbered=True, start=4),
])
def test_a_numbered_list_is_written_with_its_numbers_and_read_back_the_same(block):
    saved = format_text([TextPara((Run("Before"),)), block])
    assert f"\n{block.start}. " in saved
    assert parse_text(saved) == [TextPara((Run("Before"),)), block]


def test_a_written_numbered_list_skips_empty_items_without_a_gap_in_its_numbers():
    saved = format_text([TextBullets(((Run("a"),), (Run("  "),), (Run("b"),)), numbered=True, start=2)])
    assert saved == "2. a\n3. b\n"


@pytest.mark.parametrize("saved", ["# Our year\nText\n", "## Our year\n\nText\n"])
def test_a_heading_still_prints_as_a_bold_paragraph(saved):
    assert parse_text(saved) == [TextPara((Run("Our year", bold=True),)), TextPara((Run("Text"),))]
