"""No child is named in what the partnership publishes: an alias or a case reference is taken
out however its spaces and hyphens were typed or pasted."""

from __future__ import annotations

import pytest

from bscp_desktop.services.no_child_named import without_children

NAMES = ["Child A", "Child B", "BSCP-2022-01"]


@pytest.mark.parametrize("typed", [
    "Child\u00a0A",  # a no-break space, pasted from an e-mail
    "Child  A",  # two spaces
    "Child\nA",  # a line break between the words
    "Child \t A",
    "child\u2009a",  # a thin space, in lower case
])
def test_an_alias_is_taken_out_whatever_spaces_are_between_its_words(typed):
    assert without_children(f"Rapid review for {typed} agreed", NAMES) == "Rapid review for the child agreed"


@pytest.mark.parametrize("typed", [
    "BSCP\u20112022\u201101",  # Word's non-breaking hyphen
    "BSCP\u20102022\u201001",  # a hyphen
    "BSCP\u20132022\u201301",  # an en dash
    "BSCP\u22122022-01",  # a minus sign beside a hyphen-minus
])
def test_a_reference_is_taken_out_whatever_hyphens_it_was_typed_with(typed):
    assert without_children(f"The review ({typed}) reported", NAMES) == "The review (the child) reported"


def test_ordinary_words_are_left_alone():
    text = "Child abuse, childcare and Child Bs; BSCP-2022-011 and the children"
    assert without_children(text, NAMES) == text
    assert without_children("The Child\u00a0B review", NAMES) == "The child review"
