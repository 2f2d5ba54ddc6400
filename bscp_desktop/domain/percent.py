"""Percentages as people read them: whole per cent, halves rounded up (150 of 212 is 71%),
and one decimal place below ten per cent, where a whole number would hide the difference
between 0.4% and 4%. Every figure shown rounds a half up (`half_up`), as Excel's ROUND does."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def format_percent(fraction: Decimal | float | int | None) -> str:
    """``0.7075`` -> ``"71%"``; ``0.045`` -> ``"4.5%"``; ``0.04`` -> ``"4%"``; '' for None."""
    if fraction is None:
        return ""
    exact = fraction if isinstance(fraction, Decimal) else Decimal(str(fraction))
    percent = exact * 100
    places = Decimal("0.1") if percent != 0 and abs(percent) < 10 else Decimal("1")
    shown = percent.quantize(places, rounding=ROUND_HALF_UP)
    if shown == shown.to_integral_value():
        shown = shown.quantize(Decimal("1"))
    return f"{shown}%"


def half_up(value: Decimal, places: str = "1") -> Decimal:
    """`value` to `places` ("1", "0.1"), a half rounded up: 2.25 to one place is 2.3."""
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
