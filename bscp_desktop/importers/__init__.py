"""Importing lists of people and organisations from CSV or Excel files.

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
from pathlib import Path

from bscp_desktop import paths
from bscp_desktop.db.targets import check_target
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers.memberships import (
    ORGANISATION_FIELDS,
    PEOPLE_FIELDS,
    import_organisations,
    import_people,
)
from bscp_desktop.importers.report import ImportRejected, ImportReport
from bscp_desktop.importers.tabular import MAX_BYTES, MAX_ROWS, ImportFileError, read_table
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

KINDS = ("people", "organisations")
_ALIASES = {"person": "people", "organisations": "organisations", "organisation": "organisations",
            "organizations": "organisations", "organization": "organisations", "people": "people"}
_FIELDS = {"people": PEOPLE_FIELDS, "organisations": ORGANISATION_FIELDS}
_SHEETS = {"people": "People", "organisations": "Organisations"}
_IMPORTERS = {"people": import_people, "organisations": import_organisations}


def no_progress(done: int, total: int, text: str = "") -> None:
    return None


def _kind(kind: str) -> str:
    found = _ALIASES.get(str(kind).strip().casefold())
    if found is None:
        raise ValueError(f"There is no import for '{kind}'; choose people or organisations")
    return found


def run_import(
    db, kind: str, path: Path | str, dry_run: bool = False, progress: Progress = no_progress
) -> ImportReport:
    """Import `path` (CSV or XLSX) as `kind` ("people" or "organisations").

    Returns the report of what was added, updated and left unchanged (with `dry_run`, what
    would be; nothing is written). Raises ImportRejected if any row is bad (nothing is
    written), ImportFileError if the file cannot be read.
    """
    kind = _kind(kind)
    table = read_table(Path(path), _FIELDS[kind], prefer_sheet=_SHEETS[kind], progress=progress)
    report = ImportReport(kind, table.source, rows=len(table.rows), dry_run=dry_run)
    if table.ignored_headers:
        report.notes.append(
            "Columns not imported (not recognised): " + ", ".join(table.ignored_headers) + "."
        )
    _IMPORTERS[kind](db, table, report, dry_run, progress)
    return report


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
        "If any row has a problem, nothing is imported and every problem is listed by row number.",
    ],
    "organisations": [
        "Organisations: one row per organisation. Only Name is required.",
        "Kind: one of " + ", ".join(k.label for k in OrganisationKind)
        + ". A new organisation with no kind is recorded as Other.",
        "Importing the same file again adds nothing twice: organisations are matched by name.",
        "If any row has a problem, nothing is imported and every problem is listed by row number.",
    ],
}


def write_template(kind: str, out: Path | str) -> Path:
    """A blank import file with the column headings: CSV or XLSX by the suffix of `out`."""
    kind = _kind(kind)
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
        wb.add_notes_sheet(_TEMPLATE_NOTES[kind], name="How to fill this in")
        return wb.save(out)
    raise ValueError(f"Choose a file name ending in .csv or .xlsx for the template, not '{out.name}'")
