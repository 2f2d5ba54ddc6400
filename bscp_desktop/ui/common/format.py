"""en-GB display of values in tables and labels."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from bscp_desktop.domain.money import format_money
from bscp_desktop.domain.text import alphabetical


def display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    # written out rather than with strftime, which goes through the import machinery at each call
    if isinstance(value, datetime):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d} {value.hour:02d}:{value.minute:02d}"
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if isinstance(value, Decimal):
        return format_money(value)  # the one way money is written, on screen and in every output
    if isinstance(value, enum.Enum):
        return getattr(value, "label", str(value.value))
    return str(value)


def sort_key(value: object) -> object:
    """A raw value Qt can compare: dates as ISO text, None first, text in the order names are
    listed (`alphabetical`: any case, accents as search reads them, "Émile" under E)."""
    if type(value) is str:  # most columns' values: asked first (a long list makes a key per row)
        return value.lower() if value.isascii() else alphabetical(value)  # as `alphabetical`, without a call
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, enum.Enum):
        return alphabetical(display(value))
    if isinstance(value, str):
        return alphabetical(value)
    return value
