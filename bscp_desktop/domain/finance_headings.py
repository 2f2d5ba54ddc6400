"""The headings of the Received and Outstanding columns of the finance outputs. Each says the
day its figures are as at, so what had come in by the end of a year and what has come in since
are never read as one figure. Pure Python; `today` is always given, never looked up here.
"""

from __future__ import annotations

from datetime import date

#: The heading of every payment recorded, whatever its date, where the day is said elsewhere (the
#: finance workbook's Contributions sheet, whose Received column imports again under it)
RECEIVED_SO_FAR = "Received so far"


def received_at_heading(today: date) -> str:
    """'Received so far (at 07/12/2026)': every payment recorded by `today`, whatever its date."""
    return f"{RECEIVED_SO_FAR} (at {today:%d/%m/%Y})"


def outstanding_at_heading(today: date) -> str:
    """'Outstanding at 07/12/2026': what was still owed on `today`."""
    return f"Outstanding at {today:%d/%m/%Y}"


def received_heading(end: date, today: date) -> str:
    """The heading of what had been received by `end`, a period's last day: 'Received by
    31/03/2026' once the period has ended; while it runs (`today` on or before its end), what has
    been received so far, as at `today`."""
    return f"Received by {end:%d/%m/%Y}" if end < today else received_at_heading(today)


def outstanding_heading(end: date, today: date) -> str:
    """'Outstanding on 31/03/2026' once the period ending on `end` has ended; while it runs,
    what is still owed as at `today`."""
    return f"Outstanding on {end:%d/%m/%Y}" if end < today else outstanding_at_heading(today)
