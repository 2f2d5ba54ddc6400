"""The change log as a workbook or a PDF (landscape), from plain data: when, who, area, record,
what happened, field, old value, new value. It records sensitive areas too, so its job marks
both OFFICIAL-SENSITIVE.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from bscp_desktop.domain.dates import format_date_long
from bscp_desktop.domain.validation import local_time
from bscp_desktop.reports.pdf import DocumentBuilder
from bscp_desktop.reports.xlsx import Column, WorkbookBuilder

#: A PDF of more entries than this would run to thousands of pages: use the workbook.
PDF_LIMIT = 20_000

COLUMNS = [
    Column("When", "datetime"),
    Column("Who"),
    Column("Area"),
    Column("Record"),
    Column("What happened"),
    Column("Field"),
    Column("Old value"),
    Column("New value"),
]


@dataclass(frozen=True)
class ChangeLine:
    changed_at: datetime  # UTC, naive, as stored
    changed_by: str
    area: str
    record: str
    action: str
    field: str
    old_value: str
    new_value: str

    @property
    def local_time(self) -> datetime:
        return local_time(self.changed_at)


@dataclass(frozen=True)
class ChangeLogReport:
    partnership_name: str
    made_on: date
    description: str  # the filter in words
    lines: Iterable[ChangeLine]


def change_log_workbook(report: ChangeLogReport) -> WorkbookBuilder:
    wb = WorkbookBuilder(title="Change log", author=report.partnership_name,
                         subject=f"Every change recorded: {report.description}")
    wb.add_sheet(
        "Change log", COLUMNS,
        ([c.local_time, c.changed_by, c.area, c.record, c.action, c.field, c.old_value, c.new_value]
         for c in report.lines),
    )
    wb.add_notes_sheet([
        f"Change log of {report.partnership_name}: {report.description}.",
        f"Made on {format_date_long(report.made_on)}. Times are this computer's local time, newest first.",
        "Every new record, change and archive made in BSCP Desktop is recorded; nobody can edit this record.",
    ], name="About")
    return wb


def write_change_log_pdf(report: ChangeLogReport, path: str | os.PathLike[str]) -> Path:
    lines = list(report.lines)
    if len(lines) > PDF_LIMIT:
        raise ValueError(
            f"The change log holds {len(lines):,} changes for this filter, too many for a PDF "
            f"(at most {PDF_LIMIT:,}): narrow the dates or the area, or save it as Excel."
        )
    doc = DocumentBuilder(path, title="Change log", partnership_name=report.partnership_name,
                          subject="Every change recorded", landscape=True)
    doc.heading("Change log", 1)
    doc.para(
        f"{len(lines):,} change{'s' if len(lines) != 1 else ''}: {report.description}. Newest first; times are "
        f"local. Made on {format_date_long(report.made_on)}. Every new record, change and archive made in "
        "BSCP Desktop is recorded, and nobody can edit this record."
    )
    if lines:
        doc.table(
            ["When", "Who", "Area", "Record", "What happened", "Field", "Old value", "New value"],
            [[c.local_time, c.changed_by, c.area, c.record, c.action, c.field, c.old_value, c.new_value]
             for c in lines],
            col_widths=[76, 60, 56, 120, 64, 72, 140, 140],
        )
    else:
        doc.para("No changes match.")
    return doc.build()
