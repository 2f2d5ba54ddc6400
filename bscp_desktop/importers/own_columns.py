"""Columns of the program's own workbooks that the matching import does not change.

A sheet of the program's own workbook read back (the training workbook's Bookings, the finance
workbook's Contributions) has columns its import does not change: those the program works out
itself (a booking's Sector, a contribution's Status) and those the team changes in the window
only (a waiver and its reason). An import's report names each kind apart from the columns it
does not know at all (`column_notes`), and says where the second kind are changed.

Where an import can tell what is on record for a row (bookings: `booking_own_columns`), a row
whose cell in such a column says something else than the record is named, so an edit made in
the workbook is never dropped without a word. Those columns are read as fields (`row_fields`)
whose keys begin with "_": they are not columns of the blank template.
"""

from __future__ import annotations

from dataclasses import dataclass

from bscp_desktop.importers.tabular import FieldSpec, Table, normalise_header


@dataclass(frozen=True)
class OwnColumns:
    """What a kind's sheet in the program's own workbook holds that its import does not change."""

    worked_out: tuple[str, ...] = ()  # headings of what the program works out itself
    dated: tuple[str, ...] = ()  # worked out too, the heading followed by the day ("Outstanding at 07/12/2026")
    kept: tuple[FieldSpec, ...] = ()  # columns the team changes in the window, never by an import
    where: str = ""  # where those are changed
    compared: bool = False  # `kept` are read and compared with the record, row by row

    def row_fields(self) -> tuple[FieldSpec, ...]:
        """The fields read besides the kind's own, to compare with the record."""
        return self.kept if self.compared else ()


def _kept(*labels: str) -> tuple[FieldSpec, ...]:
    return tuple(FieldSpec("_kept_" + normalise_header(label).replace(" ", "_"), label) for label in labels)


BOOKINGS_KEPT = _kept("Reason for not attending", "Followed up on", "Charge waived", "Reason waived")

#: {kind of import: the columns its sheet in the program's own workbook has that it does not change}
OWN_COLUMNS: dict[str, OwnColumns] = {
    "bookings": OwnColumns(worked_out=("Sector", "Late cancellation"), kept=BOOKINGS_KEPT,
                           where="the window, Training tab, Bookings", compared=True),
    "evaluations": OwnColumns(worked_out=("Gain",)),
    "contributions": OwnColumns(worked_out=("Status",), dated=("Outstanding at",), kept=_kept("Agreed at"),
                                where="the window, Finance tab, Contributions"),
    "expenditure": OwnColumns(worked_out=("Financial year",), kept=_kept("For (training session or case review)"),
                              where="the window, Finance tab, Expenditure"),
    "case-reviews": OwnColumns(worked_out=("Kind of case", "Financial year", "Current stage", "Next deadline", "Due",
                                           "Status", "Working days left", "Working days overdue", "Rule", "Next step")),
}


def own_columns(kind: str) -> OwnColumns:
    return OWN_COLUMNS.get(kind, OwnColumns())


def column_notes(kind: str, table: Table, why: str = "not recognised") -> list[str]:
    """The report's notes on the file's columns the import does not change: those it does not
    know at all (`why` they are not imported), those the program works out itself, and those
    the team changes in the window, saying where."""
    own = own_columns(kind)
    worked_out = {normalise_header(h) for h in own.worked_out}
    dated = tuple(normalise_header(h) + " " for h in own.dated)
    kept_names = {name for spec in own.kept for name in spec.names()}
    unknown: list[str] = []
    figured: list[str] = []
    kept = [spec.label for spec in own.kept if spec.key in table.columns]  # read, to compare row by row
    for heading in table.ignored_headers:
        name = normalise_header(heading)
        if name in kept_names:
            kept.append(heading)
        elif name in worked_out or name.startswith(dated):
            figured.append(heading)
        else:
            unknown.append(heading)
    notes = []
    if unknown:
        notes.append(f"Columns not imported ({why}): " + ", ".join(unknown) + ".")
    if figured:
        notes.append(f"Column{'s' if len(figured) > 1 else ''} worked out by the program, not imported: {', '.join(figured)}.")
    if kept:
        them = "them" if len(kept) > 1 else "it"
        notes.append(f"Not changed by this import (change {them} in {own.where}): {', '.join(kept)}.")
    return notes
