"""How the yearly report's built sections speak of their period: from its first day to its last,
or, while it is still running, to the day the section is built, so a report of a year not over
never speaks of days still to come ("No meetings were held between 1 April 2026 and 7 December
2026", not "... and 31 March 2027")."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.finance import long_date


def between(start: date, end: date) -> str:
    """'1 April 2025 and 31 March 2026'."""
    return f"{long_date(start)} and {long_date(end)}"


def so_far(start: date, end: date, today: date) -> str:
    """The period up to its last day, or up to `today` while it runs: '1 April 2026 and 7 December
    2026'. A period not begun yet is given whole."""
    return between(start, end if today < start else min(end, today))
