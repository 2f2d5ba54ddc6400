"""The action log as PDF and Excel, from plain data."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bscp_desktop.domain.dates import format_date_long
from bscp_desktop.domain.deadlines import working_days_late
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
    origin: str = ""  # where it came from, for grouping: a group's meetings, case reviews, audits
    missing: str = ""  # an older action saved without an owner, a due date or (done) evidence

    def status_words(self, today: date, closures: Iterable[date] = ()) -> str:
        """The status, with an overdue action said in words: "Overdue by 12 working days (Open)"
        (weekends, bank holidays and the team's closure days left out, as for every other deadline)."""
        if not self.overdue or self.due is None:
            return self.status
        days = working_days_late(self.due, today, closures) or 0
        return f"Overdue by {days} working day{'s' if days != 1 else ''} ({self.status})"


def actions_pdf(rows: Sequence[ActionRow], out: str | os.PathLike[str] | None, partnership_name: str,
                today: date, closures: Iterable[date] = ()) -> DocumentBuilder:
    """The action log on landscape pages, one table per place the actions came from (each
    group's meetings, case reviews, audits), overdue actions said in words (in working days, the
    team's `closures` not counted)."""
    closures = frozenset(closures)
    title = f"Action log on {format_date_long(today)}"
    pdf = DocumentBuilder(out, title=title, partnership_name=partnership_name, subject="Action log", landscape=True)
    pdf.heading(title, 1)
    open_rows = [r for r in rows if r.status not in ("Done", "Dropped")]
    overdue = sum(1 for r in rows if r.overdue)
    missing = sum(1 for r in rows if r.missing)
    pdf.para(
        f"{len(rows)} action{'s' if len(rows) != 1 else ''}: {len(open_rows)} open or in progress, "
        f"{overdue} overdue (not done and past the due date), grouped by where each came from."
        + (f" {missing} saved without an owner, a due date or evidence of impact (marked MISSING)." if missing else "")
    )
    if not rows:
        pdf.para("There are no actions.")
        return pdf
    groups: dict[str, list[ActionRow]] = {}
    for r in rows:
        groups.setdefault(r.origin or r.group or "Other actions", []).append(r)
    for origin in sorted(groups, key=lambda o: (o == "Other actions", o.casefold())):
        members = sorted(groups[origin], key=lambda r: (r.due is None, r.due or date.max, r.description.casefold()))
        late = sum(1 for r in members if r.overdue)
        pdf.heading(f"{origin} ({len(members)} action{'s' if len(members) != 1 else ''}"
                    + (f", {late} overdue)" if late else ")"), 2)
        pdf.table(
            ["Action", "From", "Owner", "Due", "Status", "Completed"],
            [[r.description + (f" (MISSING: {r.missing.lower()})" if r.missing else ""), r.source, r.owner, r.due, r.status_words(today, closures), r.completed_on] for r in members],
            col_widths=[300, 170, 110, 60, 110, 60],
        )
    return pdf


def write_actions_pdf(rows: Sequence[ActionRow], out: str | os.PathLike[str], partnership_name: str,
                      today: date, closures: Iterable[date] = ()) -> Path:
    return actions_pdf(rows, out, partnership_name, today, closures).build()


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
