"""Reading a date column's cell of an imported table, and telling a date Excel keeps as a number.

A date column's cell is a date as people type it (`parse_date_as_typed`), or a date with a time
of day: as `tabular.cell_text` writes a workbook's date cell holding one ("14/09/2019 13:05"), or
as systems export a timestamp ("01/02/2024 10:22:31", "2024-01-15T10:22:31"), the time on the
24-hour clock or on the 12-hour clock LMS exports write ("01/03/2024 10:00 AM", "2:30 pm",
"10:00am", "10:00 a.m."). On the 12-hour clock 12 AM is midnight and 12 PM noon; an hour of 0 or
past 12 before AM or PM ("13:00 PM", "0:30 AM") is refused, saying why. The names here are
importable from `tabular` too.
"""

from __future__ import annotations

import re
from datetime import date, time

from bscp_desktop.domain.dates import parse_date_as_typed, time_of_day

# A date with a time of day (see above), with AM or PM in any case, with or without a space
# before it and full stops in it.
_DATE_AND_TIME = re.compile(
    r"(\d{1,2}/\d{1,2}/\d{2,4}(?= )|\d{4}-\d{1,2}-\d{1,2})[ T](\d{1,2}):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?"
    r"(?: ?([ap])\.?m\.?)?",
    re.IGNORECASE,
)


#: The whole numbers Excel keeps a date of 03/10/1954 to 11/01/2119 as (days from 1900), shown in a
#: date column whose cells are not formatted as dates (in a workbook and a CSV file saved from it).
_EXCEL_SERIALS = range(20_000, 80_001)
EXCEL_NUMBER_HINT = ("(this looks like a date stored as an Excel number: format the column as a date in Excel "
                     "and save again)")
EXCEL_MOMENT_HINT = ("(this looks like a date and time stored as an Excel number: format the column as a date and "
                     "time in Excel and save again)")  # a date-time column's: the time of day is the fraction


def excel_serial(text: str, fraction: bool = False) -> bool:
    """Whether `text` is a whole number Excel keeps a date as (45748 for 01/04/2025), or with
    `fraction` one with the time of day after its point too (46266.395833 for 01/09/2026 09:30)."""
    whole, point, part = text.strip().partition(".")
    return (len(whole) == 5 and whole.isascii() and whole.isdigit() and int(whole) in _EXCEL_SERIALS
            and (not point or fraction and part.isascii() and part.isdigit()))


def cell_date_and_time(text: str) -> tuple[date, time | None]:
    """A date column's cell: its date, and the time of day it gives too (None for a date alone).
    Raises ValueError in plain words, saying what to do with an Excel serial."""
    shown = " ".join(text.split())
    match = _DATE_AND_TIME.fullmatch(shown)
    moment = None
    if match:
        moment = time_of_day(shown, int(match[2]), int(match[3]), int(match[4] or 0), match[5])
        if moment is None:
            match = None
    try:
        return parse_date_as_typed(match[1] if match else text), moment
    except ValueError as exc:
        if excel_serial(text):
            raise ValueError(f"{exc} {EXCEL_NUMBER_HINT}") from exc
        raise


def cell_date(text: str) -> date:
    """A date column's cell: what `parse_date_as_typed` reads, or a date with a time of day (a
    spreadsheet date cell, shown as the date alone in Excel, or an exported timestamp), whose
    date it is. Raises ValueError in plain words, saying what to do with an Excel serial."""
    return cell_date_and_time(text)[0]

