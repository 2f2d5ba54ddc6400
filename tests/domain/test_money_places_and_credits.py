"""Decimal places are counted as typed: "45.900" (45,900 written with a full stop between
thousands) is refused like "3.719", never read as £45.90; a refund's sign is in
tests/services/test_expense_refund_message.py."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bscp_desktop.domain.money import MoneyError, parse_money


@pytest.mark.parametrize("typed", ["45.900", "1.000", "12.500", "£12.500", "0.500", "1,234.500"])
def test_three_decimal_places_are_refused_even_when_they_end_in_nought(typed):
    with pytest.raises(MoneyError, match="has more than two decimal places"):
        parse_money(typed, "Agreed")


def test_a_full_stop_that_may_separate_thousands_is_named_with_the_amount_written_both_ways():
    with pytest.raises(MoneyError) as refused:
        parse_money("45.900", "Agreed")
    assert str(refused.value) == (
        "Agreed '45.900' has more than two decimal places: if the full stop separates thousands, write it "
        "45,900 or 45900; otherwise give pounds and pence, for example 12.50")
    with pytest.raises(MoneyError) as refused:  # a nought before the full stop is pence, not thousands
        parse_money("0.500", "Agreed")
    assert str(refused.value) == "Agreed '0.500' has more than two decimal places; give pounds and pence, for example 12.50"
    read = [parse_money(typed, "Amount") for typed in ("12.50", "12.5", "12", "£1,000.00", "0.00", "50p", 12.5, Decimal("45.900"))]
    assert read == [Decimal(a) for a in ("12.50", "12.50", "12.00", "1000.00", "0.00", "0.50", "12.50", "45.90")]


@pytest.mark.parametrize(("typed", "written"), [("1.000,00", "1,000.00 or 1000.00"), ("£1.000,5", "1,000.50 or 1000.50"),
                                                ("1.000.000", "1,000,000 or 1000000")])
def test_full_stops_between_thousands_are_refused_with_the_amount_as_written_here(typed, written):
    with pytest.raises(MoneyError) as refused:
        parse_money(typed, "Amount")
    assert str(refused.value) == f"Amount '{typed}' has full stops between thousands; write it {written}"
