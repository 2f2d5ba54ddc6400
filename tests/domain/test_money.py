"""Money: parsing what people type, formatting en-GB, pence and back, refusing bad amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bscp_desktop.domain.money import MAX_AMOUNT, MAX_PENCE, MoneyError, format_change, format_money, format_plain, from_pence, parse_money, to_pence, total

pence = st.integers(min_value=0, max_value=MAX_PENCE)
amounts = pence.map(from_pence)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1234.56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("£1,234.56", "1234.56"),
        (" £ 1,234.56 ", "1234.56"),
        ("£1234", "1234.00"),
        ("5,000", "5000.00"),
        ("45,900", "45900.00"),
        ("3719.75", "3719.75"),
        ("0.5", "0.50"),
        (".5", "0.50"),
        ("12.", "12.00"),
        ("12.50", "12.50"),
        ("0", "0.00"),
        ("-0", "0.00"),
        ("GBP 1,000", "1000.00"),
        ("1000 GBP", "1000.00"),
        ("+£5", "5.00"),
        ("50p", "0.50"),
        ("1\u00a0234.56", "1234.56"),  # a non-breaking space between thousands
        ("5 000", "5000.00"),  # a space between thousands
        ("£1 234 567.89", "1234567.89"),
        ("20,000,000", "20000000.00"),
        ("£20,000,000.00", "20000000.00"),
    ],
)
def test_reads_what_people_type(text, expected):
    assert parse_money(text, "Amount") == Decimal(expected)
    assert str(parse_money(text, "Amount")) == expected


@pytest.mark.parametrize(
    "value, reason",
    [
        ("-5", "cannot be negative"),
        ("-£5.00", "cannot be negative"),
        ("£-5", "cannot be negative"),
        ("\u22125", "cannot be negative"),
        ("(250.00)", "cannot be negative"),
        ("250.00-", "cannot be negative"),
        ("1.234", "more than two decimal places"),
        ("£0.001", "more than two decimal places"),
        ("abc", "is not an amount of money"),
        ("12,34", "commas in the wrong places"),
        ("1,2345.00", "commas in the wrong places"),
        ("+44 20", "space inside the number"),  # a telephone number, not £4,420
        ("12 34", "space inside the number"),
        ("1 2345.00", "space inside the number"),
        ("1.2 3", "space inside the number"),
        ("1e3", "is not an amount of money"),
        ("12-34", "is not an amount of money"),
        ("1.2.3", "is not an amount of money"),
        ("£", "is not an amount of money"),
        ("NaN", "is not an amount of money"),
        ("nan", "is not an amount of money"),
        ("inf", "is not an amount of money"),
        ("-Infinity", "is not an amount of money"),
        ("£Infinity", "is not an amount of money"),
        ("\u0663", "is not an amount of money"),  # an Arabic-Indic digit
        ("20,000,000.01", "more than £20 million"),
        ("21,474,836.48", "more than £20 million"),  # past what a team database keeps
        ("999999999999999999999999999999", "more than £20 million"),
        (Decimal("NaN"), "is not an amount of money"),
        (Decimal("Infinity"), "is not an amount of money"),
        (Decimal("-1"), "cannot be negative"),
        (Decimal("0.001"), "more than two decimal places"),
        (Decimal("1E+9"), "more than £20 million"),
        (float("nan"), "is not an amount of money"),
        (float("inf"), "is not an amount of money"),
        (0.001, "more than two decimal places"),
        (1e-05, "more than two decimal places"),
        (1e20, "more than £20 million"),
        (True, "not yes or no"),
        (-3, "cannot be negative"),
    ],
)
def test_refuses_bad_amounts_naming_the_field(value, reason):
    with pytest.raises(MoneyError) as error:
        parse_money(value, "Agreed amount")
    message = str(error.value)
    assert message.startswith("Agreed amount")
    assert reason in message


def test_blank_is_required_or_none():
    with pytest.raises(MoneyError, match="Received amount is required"):
        parse_money("  ", "Received amount")
    assert parse_money("", "Received amount", required=False) is None
    assert parse_money(None, "Received amount", required=False) is None


def test_spreadsheet_numbers_are_read_as_the_spreadsheet_shows_them():
    """To 15 significant digits, as a spreadsheet shows a number: a cell summing 0.1 and 0.2
    holds 0.30000000000000004 and shows 0.3; a column of pounds and pence summed is pounds and
    pence, never "more than two decimal places"."""
    assert parse_money(3719.75, "Amount") == Decimal("3719.75")
    assert parse_money(0.1 + 0.2, "Amount") == Decimal("0.30")
    assert parse_money(1050.1 + 2200.2, "Amount") == Decimal("3250.30")  # held as 3250.2999999999997
    assert parse_money(0.1 + 0.7, "Amount") == Decimal("0.80")  # held as 0.7999999999999999
    assert parse_money(19999999.99, "Amount") == Decimal("19999999.99")
    assert parse_money(45900, "Amount") == Decimal("45900.00")
    assert parse_money(45900.0, "Amount") == Decimal("45900.00")


def test_format_en_gb():
    assert format_money(Decimal("65619.75")) == "£65,619.75"
    assert format_money(Decimal("27488")) == "£27,488.00"
    assert format_money(Decimal("0")) == "£0.00"
    assert format_money(Decimal("-250")) == "-£250.00"
    assert format_money(None) == ""
    assert format_money(None, blank="—") == "—"
    assert format_plain(Decimal("1234.5")) == "1,234.50"
    assert format_change(Decimal("1000")) == "+£1,000.00"
    assert format_change(Decimal("-1")) == "-£1.00"
    assert format_change(Decimal("0")) == "£0.00"
    with pytest.raises(TypeError):
        format_money(1.5)  # type: ignore[arg-type]


def test_a_negative_amount_has_its_minus_before_the_pound_sign_in_pounds_and_pence_or_whole_pounds():
    assert format_money(Decimal("-5000"), pence=False) == "-£5,000"
    assert format_money(Decimal("-5000.50"), pence=False) == "-£5,001"  # halves away from nought
    assert format_money(Decimal("12345.49"), pence=False) == "£12,345"
    assert format_money(Decimal("-0.40"), pence=False) == "£0"  # no minus on nothing
    assert format_money(Decimal("-0.001")) == "£0.00"
    assert format_money(-7) == "-£7.00"


def test_pence_refuse_floats_and_fractions():
    with pytest.raises(TypeError):
        to_pence(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        to_pence(Decimal("0.005"))
    with pytest.raises(TypeError):
        from_pence(1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        total([Decimal("1"), 2.5])  # type: ignore[list-item]
    assert total([]) == Decimal("0.00")
    assert total([Decimal("5000"), None, Decimal("3719.75")]) == Decimal("8719.75")


@given(pence)
def test_pence_round_trip(p):
    amount = from_pence(p)
    assert amount.as_tuple().exponent == -2
    assert to_pence(amount) == p


@given(amounts)
def test_formatted_text_reads_back_exactly(amount):
    assert parse_money(format_money(amount), "Amount") == amount
    assert parse_money(format_plain(amount), "Amount") == amount
    assert parse_money(format(amount, "f"), "Amount") == amount


@given(amounts, st.booleans(), st.booleans(), st.sampled_from(["", " ", "  "]))
def test_any_written_form_reads_back(amount, pound_sign, commas, padding):
    text = f"{amount:,.2f}" if commas else f"{amount:.2f}"
    if pound_sign:
        text = "£" + text
    assert parse_money(padding + text + padding, "Amount") == amount


@given(amounts.filter(lambda a: a > 0))
def test_every_negative_amount_is_refused(amount):
    for text in (f"-{amount}", f"-£{amount:,.2f}", f"£-{amount}"):
        with pytest.raises(MoneyError, match="cannot be negative"):
            parse_money(text, "Amount")


@given(amounts, st.integers(min_value=1, max_value=9))
def test_a_third_decimal_place_is_refused(amount, digit):
    if amount >= MAX_AMOUNT:
        return
    with pytest.raises(MoneyError, match="more than two decimal places"):
        parse_money(f"{amount}{digit}", "Amount")


@given(st.integers(min_value=MAX_PENCE + 1, max_value=MAX_PENCE * 1000))
def test_more_than_twenty_million_is_refused(p):
    with pytest.raises(MoneyError, match="more than £20 million"):
        parse_money(format(Decimal(p) / 100, "f"), "Amount")


@given(st.lists(pence, max_size=50))
def test_total_is_the_sum_of_pence(values):
    assert to_pence(total(from_pence(p) for p in values)) == sum(values)


@given(st.text(max_size=20))
def test_any_text_is_either_an_amount_or_a_named_refusal(text):
    try:
        amount = parse_money(text, "Amount", required=False)
    except MoneyError as error:
        assert str(error).startswith("Amount")
    else:
        assert amount is None or (Decimal(0) <= amount <= MAX_AMOUNT and amount.as_tuple().exponent == -2)
