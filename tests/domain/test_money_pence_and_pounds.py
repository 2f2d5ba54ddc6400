"""An amount marked as both pounds and pence ("£5p") is refused, not guessed as either."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bscp_desktop.domain.money import MoneyError, parse_money


@pytest.mark.parametrize("typed", ["£5p", "£5P", "£ 5 p", "GBP5p", "5p GBP", "£50p", "£5.50p", "(£5p)", "-£5p"])
def test_an_amount_with_both_a_pound_sign_and_a_pence_suffix_is_refused(typed):
    with pytest.raises(MoneyError) as error:
        parse_money(typed, "Agreed")
    message = str(error.value)
    assert message.startswith(f"Agreed '{typed}' is not an amount of money")
    assert "give pounds (£1,234.56) or pence (50p), not both" in message


@pytest.mark.parametrize(("typed", "amount"), [("50p", "0.50"), ("5P", "0.05"), ("£5", "5.00"), ("5 GBP", "5.00")])
def test_pence_alone_and_pounds_alone_are_still_read(typed, amount):
    assert parse_money(typed) == Decimal(amount)
