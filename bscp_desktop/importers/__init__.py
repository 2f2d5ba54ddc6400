"""Importing lists (people, organisations, contributions, expenditure) from CSV or Excel files.

    report = run_import(db, "people", Path("staff.xlsx"), dry_run=True)
    print(report.summary())

`run_import` reads the file (see `tabular`), checks every row with the memberships service's
own checks, and writes all rows in one transaction, or none: any bad row raises
`ImportRejected` (a ValueError) whose `report.bad_rows` lists every problem by row number. A
file that cannot be read at all raises `ImportFileError` (also a ValueError) with one sentence.
`write_template(kind, out)` writes a blank file with the right column headings.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bscp_desktop import paths
from bscp_desktop.db.targets import check_target, ending_alone
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import audits
from bscp_desktop.importers import case_reviews as case_review_import
from bscp_desktop.importers.booking_own_columns import booking_differences
from bscp_desktop.importers.finance import CONTRIBUTION_FIELDS, EXPENDITURE_FIELDS, TEMPLATE_NOTES, import_contributions, import_expenditure
from bscp_desktop.importers.headings_again import note_headings_again
from bscp_desktop.importers.memberships import ORGANISATION_FIELDS, PEOPLE_FIELDS, import_organisations, import_people
from bscp_desktop.importers.own_columns import column_notes, own_columns
from bscp_desktop.importers.report import ImportRejected, ImportReport, formulas_alone, unread_sheets
from bscp_desktop.importers.tabular import MAX_BYTES, MAX_ROWS, ImportFileError, _heading_text, read_rows, read_table
from bscp_desktop.importers.total_lines import TOTAL_LINES
from bscp_desktop.importers.training import FIELDS as TRAINING_FIELDS
from bscp_desktop.importers.training import IMPORTERS as TRAINING_IMPORTERS
from bscp_desktop.importers.training import SHEETS as TRAINING_SHEETS
from bscp_desktop.importers.training import TEMPLATE_NOTES as TRAINING_NOTES
from bscp_desktop.importers.training_columns import chosen_fields, fields_for, found_in
from bscp_desktop.importers.workbook_sheets import INSTRUCTIONS
from bscp_desktop.memory import gc_paused
from bscp_desktop.reports.files import atomic_write_bytes
from bscp_desktop.reports.xlsx import Column, WorkbookBuilder

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportFileError",
    "ImportRejected",
    "ImportReport",
    "no_progress",
    "run_import",
    "template_columns",
    "write_template",
]

Progress = Callable[[int, int, str], None]

KINDS = ("people", "organisations", "s11", "audit-return", "bookings", "evaluations", "registrations",
         "contributions", "expenditure", "case-reviews")
_ALIASES = {"person": "people", "organisations": "organisations", "organisation": "organisations",
            "organizations": "organisations", "organization": "organisations", "people": "people",
            "s11": "s11", "section 11": "s11", "section11": "s11", "audit-return": "audit-return",
            "audit return": "audit-return", "audit_return": "audit-return",
            "bookings": "bookings", "booking": "bookings", "evaluations": "evaluations",
            "evaluation": "evaluations", "registrations": "registrations", "registration": "registrations",
            "contributions": "contributions", "contribution": "contributions",
            "expenditure": "expenditure", "expenses": "expenditure", "expense": "expenditure",
            "case-reviews": "case-reviews", "case reviews": "case-reviews", "case_reviews": "case-reviews",
            "case-review": "case-reviews", "tracker": "case-reviews"}
#: Returns written by the program for one agency and read back (see `importers.audits`).
_RETURNS = {"s11": audits.import_s11, "audit-return": audits.import_audit_return}
_FIELDS = {"people": PEOPLE_FIELDS, "organisations": ORGANISATION_FIELDS, **TRAINING_FIELDS,
           "contributions": CONTRIBUTION_FIELDS, "expenditure": EXPENDITURE_FIELDS,
           "case-reviews": case_review_import.FIELDS}
_SHEETS = {"people": "People", "organisations": "Organisations", **TRAINING_SHEETS,
           "contributions": "Contributions", "expenditure": "Expenditure",
           "case-reviews": case_review_import.SHEET}
_IMPORTERS = {"people": import_people, "organisations": import_organisations, **TRAINING_IMPORTERS,
              "contributions": import_contributions, "expenditure": import_expenditure,
              "case-reviews": case_review_import.import_case_reviews}
#: How an Archived column, where a file has one, is read (the template has none).
ARCHIVED_WORDS = ("In an Archived column, a blank or No is a current record; a date (dd/mm/yyyy), or Yes, marks an "
                  "archived record, and that row is left out. Anything else is reported as a bad row.")
#: Kinds whose rows' cells in the columns of the program's own workbook it does not change are
#: compared with the record (`own_columns`).
_DIFFERENCES = {"bookings": booking_differences}
#: Kinds whose column headings can be mapped once for another system's files (saved in the database).
MAPPABLE = tuple(TRAINING_FIELDS)


def no_progress(done: int, total: int, text: str = "") -> None:
    return None


def _kind(kind: str) -> str:
    found = _ALIASES.get(str(kind).strip().casefold())
    if found is None:
        raise ValueError(f"There is no import for '{kind}'; choose one of: {', '.join(KINDS)}")
    return found


def fields_of(db, kind: str, mapping: dict[str, str] | None = None):
    """The columns a kind understands. A kind whose columns can be mapped reads, with `mapping`
    (the columns chosen for this file, {heading: column}), those headings only: a column not in
    it is read from no heading; without it, the mapping saved in the database adds to the
    headings each column answers to."""
    kind = _kind(kind)
    if kind not in MAPPABLE:
        return _FIELDS[kind]
    if mapping is not None:
        return chosen_fields(kind, mapping)
    from bscp_desktop.services.training.settings import load_mapping

    return fields_for(kind, load_mapping(db, kind))


def run_import(
    db, kind: str, path: Path | str, dry_run: bool = False, progress: Progress = no_progress,
    mapping: dict[str, str] | None = None,
) -> ImportReport:
    """Import `path` (CSV or XLSX) as `kind` (one of KINDS).

    Returns the report of what was added, updated and left unchanged (with `dry_run`, what
    would be; nothing is written). Raises ImportRejected if any row is bad (nothing is
    written), ImportFileError if the file cannot be read. Bookings, evaluations and
    registrations also read the headings of the saved column mapping (or, with `mapping`, the
    columns chosen for this file only).
    """
    kind = _kind(kind)
    if dry_run:
        return _import(db, kind, Path(path), dry_run, progress, mapping)
    with db.one_import_at_a_time():  # a second import of the file finds the first's rows on record
        return _import(db, kind, Path(path), dry_run, progress, mapping)


def _import(db, kind: str, path: Path, dry_run: bool, progress: Progress, mapping: dict[str, str] | None) -> ImportReport:
    if kind in _RETURNS:
        return _RETURNS[kind](db, path, dry_run=dry_run, progress=progress)
    # the columns of the program's own workbook it does not change, read to compare them with the record
    compared = own_columns(kind).row_fields()
    table = read_table(path, (*fields_of(db, kind, mapping), *compared), prefer_sheet=_SHEETS[kind], progress=progress,
                       keep_going=True, left_out=TOTAL_LINES.get(kind))
    # the rows refused for a bad cell are refused with those the importer's checks find bad
    report = ImportReport(kind, table.source, rows=len(table.rows) + len(table.refused), dry_run=dry_run,
                          bad_rows=list(table.refused))
    why = "not chosen" if mapping is not None and kind in MAPPABLE else "not recognised"
    report.notes.extend(column_notes(kind, table, why))
    if table.no_value:  # a formula filled down past the rows filled in
        report.notes.append(formulas_alone(table.no_value))
    note_headings_again(table, report)  # a heading row repeated lower down, which `read_table` left out
    try:
        with gc_paused():  # tens of thousands of rows and entries, and no cycles among them
            _IMPORTERS[kind](db, table, report, dry_run, progress)
        if compared:  # a row whose cell there says otherwise than its record is named
            report.notes.extend(_DIFFERENCES[kind](db, table, report))
    finally:  # last, after the rows' notes, in a refused import's report too
        if table.unread_sheets:  # edits made there (a seat ended on the Memberships sheet) are not imported
            report.notes.append(unread_sheets(table.sheet, table.unread_sheets))
    return report


@dataclass(frozen=True)
class HeadingRow:
    """The first row of a file, as read for its headings: the headings, which of them each
    column of the kind would be read from ({field key: heading or None}), and where the row is
    ("row 1", or "row 1 of the sheet 'Report'" in a workbook of several sheets)."""

    headings: list[str]
    found: dict[str, str | None]
    where: str

    @property
    def holds(self) -> str:
        """What the row holds, as an import refused for its headings says it."""
        return ", ".join(_heading_text(h) for h in self.headings) or "nothing"


def read_headings(db, kind: str, path: Path | str, mapping: dict[str, str] | None = None) -> HeadingRow:
    """The headings in the first row of `path`, matched with the saved (or chosen) mapping."""
    kind = _kind(kind)
    rows = read_rows(Path(path), _SHEETS[kind])
    headings = [h.strip() for h in (rows[0][1] if rows else []) if h.strip()]
    where = f"row {rows[0][0] if rows else 1}" + (f" of the sheet '{rows.sheet}'" if rows.sheet and rows.sheets > 1 else "")
    return HeadingRow(headings, found_in(fields_of(db, kind, mapping), headings), where)


def match_headings(db, kind: str, path: Path | str, mapping: dict[str, str] | None = None) -> tuple[list[str], dict[str, str | None]]:
    """The headings in the first row of `path`, and which of them each column of the kind
    would be read from ({field key: heading or None}), with the saved (or chosen) mapping."""
    row = read_headings(db, kind, path, mapping)
    return row.headings, row.found


def headings_found(kind: str, headings: list[str], saved: dict[str, str]) -> dict[str, str | None]:
    """Which of `headings` each column of a mappable kind would be read from with `saved`."""
    return found_in(fields_for(_kind(kind), saved), headings)


def field_labels(kind: str) -> list[tuple[str, str, bool]]:
    """(key, label, required) of every column a kind reads, template columns first."""
    return [(spec.key, spec.label, spec.required) for spec in _FIELDS[_kind(kind)]]


def template_columns(kind: str) -> list[str]:
    return [spec.label for spec in _FIELDS[_kind(kind)] if not spec.key.startswith("_")]


_TEMPLATE_NOTES = {
    "people": [
        "People: one row per person. Only Name is required.",
        "Organisation: the organisation's name or short name, exactly as it is in BSCP Desktop "
        "(add or import the organisations first).",
        "Importing the same file again adds nobody twice: a person is matched by email address, "
        "or, without one, by name and organisation. Matching people are updated where a value "
        "differs; a blank cell never clears a value already held.",
        "The program's own Memberships workbook can be imported too: its People sheet has an Archived column, "
        f"which this template does not have (one may be added). {ARCHIVED_WORDS}",
        "If any row has a problem, nothing is imported and every problem is listed by row number.",
    ],
    "organisations": [
        "Organisations: one row per organisation. Only Name is required.",
        "Kind: one of " + ", ".join(k.label for k in OrganisationKind)
        + ". A new organisation with no kind is recorded as Other.",
        "Importing the same file again adds nothing twice: organisations are matched by name.",
        "The program's own Memberships workbook can be imported too: its Organisations sheet also has Part of, "
        f"Other names and Archived columns, which this template does not have (they may be added). {ARCHIVED_WORDS}",
        "If any row has a problem, nothing is imported and every problem is listed by row number.",
    ],
    **TRAINING_NOTES,
    **TEMPLATE_NOTES,
    "case-reviews": case_review_import.TEMPLATE_NOTES,
}


def write_template(kind: str, out: Path | str) -> Path:
    """A blank import file with the column headings: CSV or XLSX by the suffix of `out`.
    (Section 11 and audit returns are written for one agency: `importers.audits`.)"""
    kind = _kind(kind)
    if kind in _RETURNS:
        raise ValueError(f"A {kind} template is written for one agency: give the database and the agency")
    out = check_target(out, backup_folder=paths.backup_dir())
    columns = template_columns(kind)
    suffix = out.suffix.lower()
    if suffix == ".csv":
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\r\n").writerow(columns)
        # a byte order mark makes Excel read the file as UTF-8, so names keep their accents
        return atomic_write_bytes(out, buffer.getvalue().encode("utf-8-sig"))
    if suffix == ".xlsx":
        wb = WorkbookBuilder(title=f"{_SHEETS[kind]} import template")
        wb.add_sheet(_SHEETS[kind], [Column(c, width=max(18, len(c) + 6)) for c in columns], [])
        wb.add_notes_sheet(_TEMPLATE_NOTES[kind], name=INSTRUCTIONS[0])
        return wb.save(out)
    if ending_alone(out) in (".csv", ".xlsx"):
        raise ValueError(f"'{out.name}' has no name before its ending: name the template file (-o), for example "
                         f"{kind}-template{ending_alone(out)}")
    raise ValueError(f"Choose a file name (-o) ending in .csv or .xlsx for the template, not '{out.name}'")
