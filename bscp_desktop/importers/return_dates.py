"""The dates a returned Section 11 workbook gives (its improvement actions' Action due by), read
as every import reads a date (`tabular.cell_date`: a two-digit year is 2000 to 2099), and the
due dates refused as too far ahead of the return's cycle to be meant."""

from __future__ import annotations

import re
from datetime import date

from bscp_desktop.db.models.audits import S11Cycle
from bscp_desktop.domain.dates import DateRefused, add_months, format_date
from bscp_desktop.importers.tabular import cell_date

_MONTHS = frozenset(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
_IN_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+) (\d{2}|\d{4})")

#: How many years after its cycle opened an improvement action from a return may fall due: a later
#: day is a year mistyped, or a two-digit year meant as last century ('1/4/99' is read as 01/04/2099).
DUE_WITHIN_YEARS = 10


def read_date(text: str) -> date | None:
    """A date as people type it: 01/04/2024, 1/4/24, 2024-04-01, 1 April 2024, 1 Apr 24, or with
    its month's name misspelt after the first three letters (1 Aprl 2024); None for a blank.
    Raises ValueError with a plain message, and `DateRefused` for a year outside 1900 to 2200."""
    text = " ".join(str(text).replace(",", " ").split())
    if not text:
        return None
    try:
        return cell_date(text)  # a date cell holding a time of day too is its date
    except DateRefused:  # a date, refused for the reason it gives (a year outside 1900 to 2200)
        raise
    except ValueError as exc:
        refused = exc  # what is said if it is no date in any other way (with a hint for an Excel number)
    match = _IN_WORDS.fullmatch(text)
    if match and match[2][:3].lower() in _MONTHS:  # read by its first three letters, years as ever
        try:
            return cell_date(f"{match[1]} {match[2][:3]} {match[3]}")
        except DateRefused:
            raise
        except ValueError:
            pass
    raise refused


def far_due_problem(typed: str, due: date | None, cycle: S11Cycle) -> str | None:
    """Why an improvement action's due date read from a return (`typed` in its cell) is refused as
    too far ahead: more than DUE_WITHIN_YEARS years after the cycle opened. None for a date within them."""
    if due is None or due <= add_months(cycle.opens_on, 12 * DUE_WITHIN_YEARS):
        return None
    shown = format_date(due)
    read = f"{shown} is" if typed.strip() == shown else f"'{typed.strip()}' is read as {shown}, which is"
    return (f"Action due by: {read} more than {DUE_WITHIN_YEARS} years after the cycle {cycle.name} opened "
            f"({format_date(cycle.opens_on)}), too far ahead for an improvement action: correct the date, typing "
            "the year in full (dd/mm/yyyy), then import the return again")
