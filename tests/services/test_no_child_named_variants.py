"""An alias or a case reference is taken out however the parts of it were joined (a hyphen, an
underscore, nothing) and in Unicode's compatibility forms (full-width letters), while ordinary
words that only look like it stay as they were typed."""

from __future__ import annotations

import pytest

from bscp_desktop.services.no_child_named import without_children

NAMES = ["Child A", "Child S", "BSCP-2022-01", "Baby Hope"]


@pytest.mark.parametrize("typed", [
    "Child-A", "Child_A", "ChildA", "CHILDA", "child-a", "Child\\_A",  # the last as the report editor saves it
    "BSCP 2022 01", "BSCP2022-01", "BSCP_2022_01", "bscp202201", "BSCP\u20112022 01",
    "\uff23\uff48\uff49\uff4c\uff44 \uff21",  # full-width "Ｃｈｉｌｄ Ａ"
    "\uff22\uff33\uff23\uff30\uff0d\uff12\uff10\uff12\uff12\uff0d\uff10\uff11",  # full-width "ＢＳＣＰ－２０２２－０１"
    "Baby-Hope", "baby_hope",
])
def test_a_name_is_taken_out_however_its_parts_were_joined(typed):
    assert without_children(f"Learning from {typed} changed practice", NAMES) == "Learning from the child changed practice"


def test_a_full_width_alias_goes_and_the_rest_of_the_text_is_kept_as_typed():
    text = "ｔｈｅ Ｃｈｉｌｄ Ａ's review, caf\u0065\u0301 and ﬁles; Ｃｈｉｌｄｒｅｎ Ａ stay"
    assert without_children(text, NAMES) == "the child's review, caf\u0065\u0301 and ﬁles; Ｃｈｉｌｄｒｅｎ Ａ stay"


@pytest.mark.parametrize("text", [
    "Childhood, children a voice, and the childs needs",  # "childs" is a word mistyped, not "Child S"
    "childa", "babyhope", "gave the baby hope", "Childs", "BSCP-2022-011 and BSCP 2022 011",
    "Child-Adolescent services", "Child Abuse_Act",
])
def test_ordinary_words_are_still_left_alone(text):
    assert without_children(text, NAMES) == text


@pytest.mark.parametrize(("typed", "kept"), [
    ("**Child** A", "**the child**"),
    ("Child *A*", "*the child*"),
    ("*Child A*", "*the child*"),
    ("*Child* *A*", "*the child*"),
    ("**Child**A", "**the child**"),
    ("_Child_ _A_", "_the child_"),
    ("***Child* A**", "***the child***"),
    ("BSCP-*2022*-01", "*the child*"),
    ("**BSCP**\\-2022\\-01", "**the child**"),  # as the report editor saves it
    ("the **Child** A", "**the child**"),
])
def test_a_name_is_taken_out_whatever_bold_or_italic_it_was_typed_with(typed, kept):
    """The marks go with the name: whatever was bold or italic about it makes "the child" so,
    and no mark is left without its partner."""
    assert without_children(f"Learning from {typed} changed practice", NAMES) == f"Learning from {kept} changed practice"


def test_a_name_in_part_bold_or_italic_never_prints():
    """As the report editor saves a word of an alias made bold or italic (kept as typed in
    Markdown): the name prints as "the child", in the same bold or italic."""
    from bscp_desktop.domain.yearly_text import Run, TextPara, format_text, parse_text

    saved = format_text([TextPara((Run("We reviewed the case of "), Run("Child", bold=True), Run(" A and of Child "),
                                   Run("S", italic=True), Run(" and "), Run("Baby Hope", bold=True, italic=True), Run(".")))])
    assert parse_text(without_children(saved, NAMES)) == [TextPara((
        Run("We reviewed the case of "), Run("the child", bold=True), Run(" and of "), Run("the child", italic=True),
        Run(" and "), Run("the child", bold=True, italic=True), Run(".")))]


@pytest.mark.parametrize("text", [
    "give every child *a* voice", "gave the *baby* hope", "Child *Abuse*", "Child__A",
    "Child " + "*_" * 2000 + "A",  # a long row of marks is looked through at once
])
def test_ordinary_words_in_bold_or_italic_are_left_alone(text):
    assert without_children(text, NAMES + ["Child I"]) == text
