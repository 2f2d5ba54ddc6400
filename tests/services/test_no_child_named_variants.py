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
