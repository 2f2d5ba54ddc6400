"""Money: `Decimal` pounds and pence from the keyboard to the database and back. Never a float.

* In code an amount is a `Decimal` with exactly two places (``Decimal("3719.75")``).
* In the database it is whole pence in an integer column (`to_pence` / `from_pence`; the
  column type lives in ``db/money.py``).
* People type ``1234.56``, ``1,234.56`` or ``£1,234.56`` (a trailing "p" or "GBP", spaces
  around the number, and commas or spaces between thousands are fine; "£5p", both pounds and
  pence, is refused rather than guessed); `parse_money` reads all
  of them and refuses, with a message that names the field, anything that is not a plain
  amount of money: a negative amount, more than two decimal places (as typed: "45.900" is refused,
  not read as £45.90, as it may be 45,900 written with a full stop between thousands), text that is not a number,
  a space or comma inside the number anywhere but between thousands ("+44 20" is a telephone
  number, not £4,420), NaN, infinity, and more than £20 million (`MAX_AMOUNT`: a team database's money columns
  hold at most £21,474,836.47, so a file and a team database take the same amounts).
* Shown as ``£1,234.56`` (`format_money`); a shortfall as ``-£250.00``, the minus before the £
  (on a chart's axis too, in whole pounds: ``-£5,000``).

Money adds up with `total`, which starts from ``Decimal("0.00")`` so an empty list is £0.00.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from bscp_desktop.domain.validation import number_as_shown

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("20000000.00")  # £20 million: anything bigger is a typing mistake
MAX_PENCE = int(MAX_AMOUNT * 100)

# 1234.56 | 1,234.56 | 1234 | .5 | 1,234 (commas only between groups of three)
_PLAIN = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?$")
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
_SPACE_IN_NUMBER = re.compile(r"(?<=\d)[\s\u00a0\u2009\u202f]+(?=\d)")  # "5 000": read as "5,000"
# 45.900 | 1.000,00 | 1.000.000: full stops between thousands (a comma before the pence), never guessed
_STOPS_BETWEEN_THOUSANDS = re.compile(r"([1-9]\d{0,2}(?:\.\d{3})+)(?:,(\d{1,2}))?")
_MINUS_SIGNS = ("-", "\u2212", "\u2012", "\u2013", "\u2014", "\ufe63", "\uff0d")
_NOT_FINITE = {"nan", "snan", "qnan", "inf", "infinity", "+inf", "-inf", "+infinity", "-infinity"}


class MoneyError(ValueError):
    """An amount that cannot be used; ``str(error)`` is one sentence naming the field."""


class NegativeMoney(MoneyError):
    """An amount refused for its minus sign alone: a field whose sign another field gives (an
    adjustment that adds to or takes from the reserves) says which choice to make instead.
    ``shown`` is the amount as typed, quoted as the message quotes it."""

    def __init__(self, message: str, shown: str):
        super().__init__(message)
        self.shown = shown


def _shown(text: str) -> str:
    text = text if len(text) <= 40 else text[:37] + "…"
    return f"'{text}'"


def parse_money(value: object, label: str = "Amount", *, required: bool = True) -> Decimal | None:
    """Read an amount of money as typed or as held in a spreadsheet cell.

    Returns a `Decimal` with exactly two places, or None for a blank value when not
    ``required``. Raises `MoneyError` ("Agreed amount '-5' cannot be negative") otherwise.
    ``label`` is the field's name as the person sees it.
    """
    if value is None or (isinstance(value, str) and not _SPACES.sub("", value)):
        if required:
            raise MoneyError(f"{label} is required: enter an amount such as 1,234.56")
        return None
    if isinstance(value, bool):
        raise MoneyError(f"{label} must be an amount of money, not yes or no")
    if isinstance(value, Decimal):
        return _checked(value, label, format(value, "f") if value.is_finite() else str(value))
    if isinstance(value, int):
        return _checked(Decimal(value), label, str(value))
    if isinstance(value, float):
        # A spreadsheet's number is read as the spreadsheet shows it, to 15 significant digits:
        # a cell summing 0.1 and 0.2 holds 0.30000000000000004 and shows 0.3, so it is £0.30.
        # The amount is read from that text, so no binary fraction ever reaches the Decimal.
        return parse_money(number_as_shown(value), label, required=required)
    return _parse_text(str(value), label)


def _parse_text(text: str, label: str) -> Decimal:
    original = text.strip()
    grouped = _SPACE_IN_NUMBER.sub(",", original)  # then held to the same groups of three as commas
    spaced = grouped != original
    cleaned = _SPACES.sub("", grouped)
    lowered = cleaned.casefold()
    if lowered.lstrip("£").replace("gbp", "") in _NOT_FINITE:
        raise MoneyError(f"{label} {_shown(original)} is not an amount of money; enter pounds and pence, for example 1,234.56")
    negative = False
    pounds = False  # written as pounds (£ or GBP), so a "p" after it cannot also mean pence
    if cleaned.startswith("(") and cleaned.endswith(")"):  # accountants' brackets
        negative, cleaned = True, cleaned[1:-1]
    for _ in range(2):  # a sign and a currency in either order: -£5, £-5, +£5, GBP 5
        if cleaned[:1] in _MINUS_SIGNS:
            negative, cleaned = True, cleaned[1:]
        elif cleaned[:1] == "+":
            cleaned = cleaned[1:]
        if cleaned[:3].casefold() == "gbp":
            pounds, cleaned = True, cleaned[3:]
        elif cleaned[:1] == "£":
            pounds, cleaned = True, cleaned[1:]
    if cleaned[-3:].casefold() == "gbp":
        pounds, cleaned = True, cleaned[:-3]
    if cleaned[-1:] in _MINUS_SIGNS:  # "250.00-" as some finance systems print a credit
        negative, cleaned = True, cleaned[:-1]
    if pounds and cleaned.endswith(("p", "P")):  # "£5p": £5 or 5p? Neither is guessed
        raise MoneyError(
            f"{label} {_shown(original)} is not an amount of money: it is marked as both pounds "
            "and pence (£ and p); give pounds (£1,234.56) or pence (50p), not both"
        )
    if cleaned.endswith(("p", "P")) and "." not in cleaned and "," not in cleaned:
        digits = cleaned[:-1]  # "50p": pence
        if digits.isdigit() and digits.isascii():
            cleaned = str(Decimal(digits) / 100)
    if not cleaned or cleaned == "." or not cleaned.isascii() or not _PLAIN.match(cleaned):
        if _STOPS_BETWEEN_THOUSANDS.fullmatch(cleaned):
            raise _places(label, original, cleaned)
        if "," in cleaned and re.fullmatch(r"[\d,]*\.?[\d,]*", cleaned or "x"):
            if spaced:
                raise MoneyError(
                    f"{label} {_shown(original)} has a space inside the number; "
                    "leave spaces out, or put them only between thousands (1 234.56)"
                )
            raise MoneyError(
                f"{label} {_shown(original)} has commas in the wrong places; "
                "put them between thousands (1,234.56) or leave them out"
            )
        raise MoneyError(f"{label} {_shown(original)} is not an amount of money; enter pounds and pence, for example 1,234.56")
    try:
        amount = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern above already refused it
        raise MoneyError(f"{label} {_shown(original)} is not an amount of money") from exc
    if negative and amount != 0:
        raise _negative(label, original)
    if len(cleaned.partition(".")[2]) > 2:  # the places typed: "45.900" is as refused as "45.901"
        raise _places(label, original, cleaned)
    return _checked(amount, label, original)


def _places(label: str, typed: str, cleaned: str) -> MoneyError:
    """More than two decimal places typed; where the full stops may separate thousands (45.900,
    1.000,00), the message gives the amount written that way, as this program reads it."""
    found = _STOPS_BETWEEN_THOUSANDS.fullmatch(cleaned)
    if found is None:
        return MoneyError(f"{label} {_shown(typed)} has more than two decimal places; give pounds and pence, for example 12.50")
    pounds = int(found[1].replace(".", ""))
    pence = f".{found[2]:0<2}" if found[2] else ""
    written = f"{pounds:,}{pence} or {pounds}{pence}"
    if found[2] or found[1].count(".") > 1:  # "1.000,00", "1.000.000": the full stops can only be thousands
        return MoneyError(f"{label} {_shown(typed)} has full stops between thousands; write it {written}")
    return MoneyError(f"{label} {_shown(typed)} has more than two decimal places: if the full stop separates "
                      f"thousands, write it {written}; otherwise give pounds and pence, for example 12.50")


def _negative(label: str, typed: str) -> NegativeMoney:
    return NegativeMoney(f"{label} {_shown(typed)} cannot be negative; enter the amount without a minus sign", _shown(typed))


def _checked(amount: Decimal, label: str, shown: str) -> Decimal:
    if not amount.is_finite():
        raise MoneyError(f"{label} {_shown(shown)} is not an amount of money; enter pounds and pence, for example 1,234.56")
    if amount < 0:
        raise _negative(label, shown)
    if amount > MAX_AMOUNT:
        raise MoneyError(f"{label} {_shown(shown)} is more than £20 million; check the amount")
    if amount != amount.quantize(PENNY, rounding=ROUND_HALF_UP):
        raise MoneyError(f"{label} {_shown(shown)} has more than two decimal places; give pounds and pence, for example 12.50")
    return amount.quantize(PENNY) + ZERO  # + ZERO turns -0.00 into 0.00


def check_amount(amount: object, label: str = "Amount") -> Decimal:
    """An amount the program already holds (a Decimal), checked like a typed one."""
    result = parse_money(amount, label)
    assert result is not None
    return result


# --------------------------------------------------------------------------- pence


def to_pence(amount: Decimal) -> int:
    """``Decimal("12.34")`` -> 1234. Refuses floats and amounts finer than a penny."""
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise TypeError(f"Money must be a Decimal, not {type(amount).__name__}")
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError("Money must be a finite amount")
    pence = value * 100
    if pence != pence.to_integral_value():
        raise ValueError(f"{value} is not a whole number of pence")
    return int(pence)


def from_pence(pence: int) -> Decimal:
    """1234 -> ``Decimal("12.34")``. A number of pence too large to be pounds and pence (more
    digits than a `Decimal` holds, as another program may have stored) is a ValueError."""
    if isinstance(pence, bool) or not isinstance(pence, int):
        raise TypeError(f"Pence must be a whole number, not {type(pence).__name__}")
    try:
        return (Decimal(pence) / 100).quantize(PENNY)
    except InvalidOperation:
        raise ValueError("The number of pence is too large to be an amount of money") from None


def total(amounts: Iterable[Decimal | None]) -> Decimal:
    """The sum of the amounts (blanks skipped); £0.00 for none."""
    result = ZERO
    for amount in amounts:
        if amount is not None:
            if not isinstance(amount, Decimal):
                raise TypeError(f"Money must be a Decimal, not {type(amount).__name__}")
            result += amount
    return result.quantize(PENNY)


# --------------------------------------------------------------------------- text


def format_money(amount: Decimal | None, blank: str = "", *, pence: bool = True) -> str:
    """``Decimal("1234.5")`` -> ``"£1,234.50"``; a negative amount -> ``"-£250.00"`` (the
    minus before the £, as amounts are written in the UK, never ``"£-250.00"``). Without
    `pence`, rounded to whole pounds (halves up): ``"-£5,000"``, as a chart's axis marks them."""
    if amount is None:
        return blank
    if not isinstance(amount, Decimal | int) or isinstance(amount, bool):
        raise TypeError(f"Money must be a Decimal, not {type(amount).__name__}")
    value = Decimal(amount).quantize(PENNY if pence else Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.{2 if pence else 0}f}"


def format_plain(amount: Decimal | None) -> str:
    """``"1,234.56"``: the amount as typed into a box (no £), '' for None."""
    if amount is None:
        return ""
    return format_money(amount).replace("£", "")


def format_change(amount: Decimal) -> str:
    """A difference with its sign: ``"+£1,000.00"``, ``"-£250.00"``, ``"£0.00"``."""
    text = format_money(amount)
    return f"+{text}" if amount > 0 else text
