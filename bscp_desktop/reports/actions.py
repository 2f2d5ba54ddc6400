"""The action log as PDF and Excel, from plain data."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bscp_desktop.domain.dates import format_date_long
from bscp_desktop.reports.pdf import DocumentBuilder
from bscp_desktop.reports.xlsx import Column, WorkbookBuilder


@dataclass(frozen=True)
class ActionRow:
    description: str
    source: str
    group: str
    owner: str
    due: date | None
    status: str
    overdue: bool
    completed_on: date | None
    evidence: str = ""
    missing: str = ""  # an older action saved without an owner, a due date or (done) evidence


def actions_pdf(rows: Sequence[ActionRow], out: str | os.PathLike[str] | None, partnership_name: str,
                today: date) -> DocumentBuilder:
    title = f"Action log on {format_date_long(today)}"
    pdf = DocumentBuilder(out, title=title, partnership_name=partnership_name, subject="Action log")
    pdf.heading(title, 1)
    open_rows = [r for r in rows if r.status not in ("Done", "Dropped")]
    overdue = sum(1 for r in rows if r.overdue)
    missing = sum(1 for r in rows if r.missing)
    pdf.para(
        f"{len(rows)} action{'s' if len(rows) != 1 else ''}: {len(open_rows)} open or in progress, "
        f"{overdue} overdue (not done and past the due date)."
        + (f" {missing} saved without an owner, a due date or evidence of impact (marked MISSING)." if missing else "")
    )
    if not rows:
        pdf.para("There are no actions.")
        return pdf
    pdf.table(
        ["Action", "From", "Owner", "Due", "Status", "Completed"],
        [[r.description + (f" (MISSING: {r.missing.lower()})" if r.missing else ""), r.source, r.owner, r.due,
          ("OVERDUE: " if r.overdue else "") + r.status, r.completed_on]
         for r in rows],
        col_widths=[170, 120, 80, 50, 60, 50],
    )
    return pdf


def write_actions_pdf(rows: Sequence[ActionRow], out: str | os.PathLike[str], partnership_name: str,
                      today: date) -> Path:
    return actions_pdf(rows, out, partnership_name, today).build()


ACTION_COLUMNS = [
    Column("Action"), Column("From"), Column("Group"), Column("Owner"), Column("Due", "date"),
    Column("Status"), Column("Overdue", "bool"), Column("Completed on", "date"), Column("Evidence of impact"),
    Column("Missing"),
]


def action_values(r: ActionRow) -> list:
    return [r.description, r.source, r.group, r.owner, r.due, r.status, r.overdue, r.completed_on, r.evidence,
            r.missing]


def write_actions_xlsx(rows: Sequence[ActionRow], out: str | os.PathLike[str], today: date) -> Path:
    wb = WorkbookBuilder(title="Action log", subject=f"Action log on {format_date_long(today)}")
    wb.add_sheet("Actions", ACTION_COLUMNS, (action_values(r) for r in rows))
    return wb.save(out)
