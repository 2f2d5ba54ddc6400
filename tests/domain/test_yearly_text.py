"""The yearly report's simple formatting (`domain.yearly_text`): long runs of punctuation, and
text saved by earlier versions of the editor read as the editor shows it."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.yearly_text import Run, TextBullets, TextPara, format_text, parse_text, prepare_for_editor, unwrap_markers


def words(blocks) -> list[str]:
    """Each paragraph's and each bullet's words."""
    out = []
    for b in blocks:
        for runs in [b.runs] if isinstance(b, TextPara) else b.items:
            out.append(" ".join("".join(r.text for r in runs).split()))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("char", ["_", "—", "😀", ".", "-", "*"])
@pytest.mark.parametrize("bold", [False, True])
def test_a_very_long_run_of_punctuation_is_written_and_read_back(char, bold):
    runs = (Run("Signature line: ", bold=bold), Run(char * 100_000, bold=bold), Run(" end", italic=True))
    text = format_text([TextPara(runs)])
    assert words(parse_text(text)) == ["Signature line: " + char * 100_000 + " end"]


@pytest.mark.parametrize("saved", [
    "- Signed: ___\n- Date: ___\n", "- Rated 5 *\n- Rated 4 *\n", "Signed: ___\nDate: ___\n",
    "Rated 5 *\n\nRated 4 *\n", "Rating *\n1. see note\n",
])
def test_lines_ending_in_markers_are_not_joined_to_the_next(saved):
    assert unwrap_markers(saved) == saved


def test_a_marker_wrapped_away_from_its_words_is_put_back():
    assert unwrap_markers("*italic **\nbold-italic***\n") == "*italic **bold-italic***\n"
    assert words(parse_text("- Signed: ___\n- Date: ___\n")) == ["Signed: ___", "Date: ___"]
    assert parse_text("- Rated 5 *\n- Rated 4 *\n") == [TextBullets(((Run("Rated 5 *"),), (Run("Rated 4 *"),)))]


@pytest.mark.parametrize("saved", [
    "    We indented this paragraph: x\\*y & A\\&E and C:\\\\temp and **bold** words\n\n",
    "\tWe indented this paragraph: x\\*y & A\\&E and C:\\\\temp and **bold** words\n",
    "Intro\n\n        We indented this paragraph: x\\*y & A\\&E and C:\\\\temp and **bold** words\n",
])
def test_an_indented_paragraph_is_read_as_words_not_code(saved):
    prepared = prepare_for_editor(saved)
    assert "\n    We" not in "\n" + prepared and "\tWe" not in prepared
    assert words(parse_text(saved))[-1] == "We indented this paragraph: x*y & A&E and C:\\temp and bold words"


def test_list_items_keep_their_lines_when_prepared():
    saved = "- first\n  carried on\n- second\n    - nested\n-     indented words\n"
    assert prepare_for_editor(saved) == "- first\n  carried on\n- second\n    - nested\n- indented words\n"
    assert words(parse_text(saved)) == ["first carried on", "second", "nested", "indented words"]


def test_a_number_or_hash_inside_a_paragraph_prints_as_typed():
    saved = "Total meetings:\n15. That is more than last year.\n\nHashtags used:\n#BrentSafeguarding\n\n"
    assert words(parse_text(saved)) == ["Total meetings: 15. That is more than last year.",
                                        "Hashtags used: #BrentSafeguarding"]
    assert words(parse_text("- Total meetings:\n  15. That is more.\n")) == ["Total meetings: 15. That is more."]
    assert words(parse_text("Steps:\n1. first\n2. second\n")) == ["Steps:", "first", "second"]
    assert words(parse_text("15. first\n16. second\n")) == ["first", "second"]
    assert words(parse_text("# Our year\nText")) == ["Our year", "Text"]


def test_quotations_and_underlined_headings_print_their_words():
    assert words(parse_text("Quote from a parent:\n> they listened\n")) == ["Quote from a parent:", "they listened"]
    assert parse_text("Views of young people\n---\nThey want more youth clubs.\n") == [
        TextPara((Run("Views of young people", bold=True),)), TextPara((Run("They want more youth clubs."),))]
    assert words(parse_text("Line\n===\n\n***\n\nEnd\n")) == ["Line", "End"]


@pytest.mark.parametrize("name", [
    "Multi-agency *Audit* Group_x [see](http://e.x) <i>", "**Bold** & &amp; <b>x</b>", "- a list? 1. no",
    "3) Group", "# heading", "Back\\slash `code` ~~struck~~",
])
def test_escaped_words_read_back_as_they_are_spelt(name):
    from bscp_desktop.domain.yearly_text import escape

    sentence = f"The groups met ({name})."
    for text in (sentence, name):
        (para,) = parse_text(escape(text))
        assert "".join(r.text for r in para.runs) == text
        assert not any(r.bold or r.italic for r in para.runs)
