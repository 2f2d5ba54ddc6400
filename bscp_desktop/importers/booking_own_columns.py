"""A bookings row whose reason, follow-up or waiver says something else than its booking.

The training workbook's Bookings sheet holds each booking's Reason for not attending, Followed up
on, Charge waived and Reason waived, which the team changes in the window (Follow-up…, Waive
charge…), never by an import (`own_columns`). Once the import has run, each row is found as the
import finds its booking (by the row it last described, else on its session by e-mail address or
name), and a row whose cell in one of those columns differs from the booking is named: an edit
made in the workbook is never dropped without a word. A dry run compares with the bookings as
they are, and a row adding a booking with what a new booking has (nothing, and no waiver).
"""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.dates import format_date
from bscp_desktop.importers.own_columns import BOOKINGS_KEPT, own_columns
from bscp_desktop.importers.report import ImportReport
from bscp_desktop.importers.tabular import Table, cell_date
from bscp_desktop.importers.training import _by_memory, _existing_bookings, _plan_sessions, _remembered
from bscp_desktop.importers.training_booking_rows import CellReader, parse_booking

#: {column's field key: (the booking's attribute, how its cell is read)}
_ATTRIBUTES = dict(zip((spec.key for spec in BOOKINGS_KEPT), (
    ("non_attendance_reason", "text"), ("followed_up_on", "date"), ("charge_waived", "yes or no"),
    ("waiver_reason", "text")), strict=True))
_LABELS = {spec.key: spec.label for spec in BOOKINGS_KEPT}
_YES = ("yes", "y", "true", "1")
_NO = ("", "no", "n", "false", "0")
#: The most rows named one by one; the rest are counted, with their numbers.
ROWS_NAMED = 20


def _read(how: str, text: str) -> object:
    """A cell as the booking would hold it; the text itself where it cannot be read so."""
    text = text.strip()
    if how == "text":
        return " ".join(text.split())
    if how == "yes or no":
        word = text.casefold()
        return True if word in _YES else False if word in _NO else text
    if not text:
        return None
    try:
        return cell_date(text)
    except ValueError:
        return text


def _shown(value: object) -> str:
    if value is True or value is False:
        return "Yes" if value else "No"
    if isinstance(value, date):
        return format_date(value)
    return f"'{value}'" if value else "blank"


def _held(booking, attribute: str, how: str) -> object:
    value = getattr(booking, attribute) if booking is not None else None
    if how == "text":
        return " ".join(str(value or "").split())
    if how == "yes or no":
        return bool(value)
    return value


def booking_differences(db, table: Table, report: ImportReport) -> list[str]:
    """One note for each row whose Reason for not attending, Followed up on, Charge waived or
    Reason waived differs from its booking's (the first `ROWS_NAMED`; then the others' numbers)."""
    keys = [key for key in _ATTRIBUTES if key in table.columns]
    if not keys:
        return []
    columns, today, read = set(table.columns), date.today(), CellReader()
    rows, cells_of = [], {}
    for number, cells in table.rows:
        row, _errors = parse_booking(number, cells, columns, today, read)
        if row is not None:  # every row is, once the import has taken the file
            rows.append(row)
            cells_of[number] = cells
    said: list[tuple[int, list[str], bool]] = []
    with db.unit_of_work() as session:
        plans = _plan_sessions(session, rows, ImportReport(report.kind, report.source))
        existing = _existing_bookings(session, [p.id for p in plans.values() if p.id is not None])
        found = _by_memory(plans, existing, _remembered(session, plans))
        for row in rows:
            booking = found[id(row)]
            differs = []
            for key in keys:
                attribute, how = _ATTRIBUTES[key]
                given, held = _read(how, cells_of[row.number].get(key, "")), _held(booking, attribute, how)
                if given != held:
                    differs.append(f"{_LABELS[key]} is {_shown(given)} in the file but {_shown(held)}")
            if differs:
                said.append((row.number, differs, booking is not None))
    said.sort()
    where = own_columns("bookings").where
    notes = []
    for number, differs, held in said[:ROWS_NAMED]:
        record = "on record" if held else "for the new booking"
        these, them = ("these", "them") if len(differs) > 1 else ("it", "it")
        notes.append(f"Row {number}: " + "; ".join(f"{d} {record}" for d in differs)
                     + f". An import does not change {these}: change {them} in {where}.")
    if len(said) > ROWS_NAMED:
        rest = [str(number) for number, _differs, _held in said[ROWS_NAMED:]]
        notes.append(f"{len(rest):,} more row{'s' if len(rest) > 1 else ''} differ from their bookings in the same "
                     f"columns, which an import does not change (rows {', '.join(rest[:12])}"
                     + (f" and {len(rest) - 12:,} more" if len(rest) > 12 else "") + ").")
    return notes
