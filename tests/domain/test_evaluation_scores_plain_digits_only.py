"""A confidence score is a whole number 1 to 5 in plain digits ("4", or "4.0" as a spreadsheet may
show it): one with an exponent ("1e0"), a sign or a digit of another script ("٣", "４") is refused
as any other text is, naming the field, never read as the number it might stand for."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bscp_desktop.domain.evaluations import check_score


@pytest.mark.parametrize(("value", "score"), [("4", 4), (" 5 ", 5), ("4.0", 4), ("3.", 3), (2, 2), (3.0, 3),
                                              (Decimal("1"), 1)])
def test_a_score_in_plain_digits_is_read(value, score):
    assert check_score(value, "Before") == score


@pytest.mark.parametrize("text", ["1e0", "2E0", "0.3e1", "\u0663", "\u06f4", "\uff14", "\u0967", "+4", "4_0", "--4"])
def test_a_score_in_other_forms_is_refused_naming_the_field(text):
    with pytest.raises(ValueError) as refused:
        check_score(text, "After")
    assert str(refused.value) == f"After '{text}' is not a score; give a whole number from 1 to 5"
