"""The action log as PDF and Excel, from plain data. Actions raised under confidential agenda
items are left out, as the minutes for circulation leave those items out; how many were left
out, and from where, is said (`LeftOut`), never their words."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bscp_desktop.domain.dates import format_date, format_date_long
from bscp_desktop.domain.deadlines import working_days_late
from bscp_desktop.domain.text import isolate
from bscp_desktop.domain.validation import and_list
from bscp_desktop.reports.pdf import DocumentBuilder
from bscp_desktop.reports.pdf.tables import column_widths
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


@dataclass(frozen=True)
class LeftOut:
    """Actions from one place (a group's meetings) left out of the log because they were raised
    under confidential agenda items: only counted."""

    origin: str
    actions: int
    overdue: int = 0

    @property
    def note(self) -> str:
        """What the log says under the place's table: '2 actions raised under confidential agenda
        items are left out of this log (1 of them overdue).'"""
        one = self.actions == 1
        late = _overdue(self.actions, self.overdue)
        return (f"{self.actions} action{'' if one else 's'} raised under confidential agenda items "
                f"{'is' if one else 'are'} left out of this log{late}.")


def _overdue(actions: int, overdue: int) -> str:
    return "" if not overdue else " (overdue)" if actions == 1 else f" ({overdue} of them overdue)"


def left_out_sentence(left_out: Sequence[LeftOut], printed: bool = False) -> str:
    """What the log says of the actions it leaves out, over every place; '' when none is.
    `printed` (the PDF): each place's name isolated (`isolate`), so the count after a group's
    name in Arabic script is not drawn into it."""
    n, late = sum(o.actions for o in left_out), sum(o.overdue for o in left_out)
    if not n:
        return ""
    named = isolate if printed else str
    places = and_list([f"{named(o.origin)} ({o.actions})" for o in sorted(left_out, key=lambda o: o.origin.casefold())])
    return (f"{n} action{'' if n == 1 else 's'} raised under confidential agenda items {'is' if n == 1 else 'are'} left "
            f"out of this log{_overdue(n, late)}, as confidential items are left out of "
            f"the minutes for circulation: from {places}. The Action log on the Meetings tab and the full minutes "
            "of their meetings list them.")


def actions_pdf(rows: Sequence[ActionRow], out: str | os.PathLike[str] | None, partnership_name: str,
                today: date, closures: Iterable[date] = (), left_out: Sequence[LeftOut] = ()) -> DocumentBuilder:
    """The action log on landscape pages, one table per place the actions came from (each
    group's meetings, case reviews, audits), overdue actions said in words (in working days, the
    team's `closures` not counted); `left_out`, the actions of confidential items counted."""
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
    if said := left_out_sentence(left_out, printed=True):
        pdf.para(said)
    elif not rows:
        pdf.para("There are no actions.")
    groups: dict[str, list[ActionRow]] = {o.origin: [] for o in left_out if o.actions}
    for r in rows:
        groups.setdefault(r.origin or r.group or "Other actions", []).append(r)
    counted = {o.origin: o for o in left_out if o.actions}
    for origin in sorted(groups, key=lambda o: (o == "Other actions", o.casefold())):
        members = sorted(groups[origin], key=lambda r: (r.due is None, r.due or date.max, r.description.casefold()))
        late = sum(1 for r in members if r.overdue)
        pdf.heading(f"{isolate(origin)} ({len(members)} action{'s' if len(members) != 1 else ''}"
                    + (f", {late} overdue)" if late else ")"), 2)
        if members:
            pdf.table(
                ["Action", "From", "Owner", "Due", "Status", "Completed"],
                [[r.description + (f" (MISSING: {r.missing.lower()})" if r.missing else ""), r.source, r.owner, r.due, r.status_words(today, closures), r.completed_on] for r in members],
                col_widths=[300, 170, 110, 60, 110, 60],
            )
        if origin in counted:
            pdf.para(counted[origin].note, "small")
    return pdf


def printed_status(status: str, overdue: bool) -> str:
    """An area's action's status as a printed table says it: "Overdue (In progress)" once
    overdue, its own status still read (a workbook gives an Overdue column beside it)."""
    return f"Overdue ({status})" if overdue else status


def actions_table(doc: DocumentBuilder, actions: Sequence[Any], columns: Sequence[tuple[str, str]],
                  empty: str, style: str = "body", among: Sequence[Any] | None = None) -> None:
    """An area's actions (a case review's, an audit's) as a table of `columns`: (heading, the
    field of each action it shows); the sentence `empty`, in `style`, when there are none. The
    columns are sized from what they hold: those of `among` (all the actions of the document, so
    that its tables line up), else those of `actions`; a long action gets the room a short
    evidence column does not need."""
    if not actions:
        doc.para(empty, style)
        return
    headings = [heading for heading, _field in columns]
    cells = lambda listed: [[getattr(action, name) for _heading, name in columns] for action in listed]  # noqa: E731
    doc.table(headings, cells(actions),
              col_widths=column_widths(headings, cells(actions if among is None else among), doc.content_width))


def write_actions_pdf(rows: Sequence[ActionRow], out: str | os.PathLike[str], partnership_name: str,
                      today: date, closures: Iterable[date] = (), left_out: Sequence[LeftOut] = ()) -> Path:
    return actions_pdf(rows, out, partnership_name, today, closures, left_out).build()


ACTION_COLUMNS = [
    Column("Action"), Column("From"), Column("Group"), Column("Owner"), Column("Due", "date"),
    Column("Status"), Column("Overdue", "bool"), Column("Completed on", "date"), Column("Evidence of impact"),
    Column("Missing"),
]


def action_values(r: ActionRow) -> list:
    return [r.description, r.source, r.group, r.owner, r.due, r.status, r.overdue, r.completed_on, r.evidence,
            r.missing]


def overdue_counted_note(today: date) -> str:
    """What a sheet with an Overdue column says under its table: the day overdue was judged on,
    "Overdue counted on 07/12/2026."."""
    return f"Overdue counted on {format_date(today)}."


def write_actions_xlsx(rows: Sequence[ActionRow], out: str | os.PathLike[str], today: date,
                       left_out: Sequence[LeftOut] = ()) -> Path:
    """The action log as one sheet; under it, after a blank row, how many actions of confidential
    items were left out (`left_out_sentence`), then the day overdue was judged on
    (`overdue_counted_note`)."""
    wb = WorkbookBuilder(title="Action log", subject=f"Action log on {format_date_long(today)}")
    said = left_out_sentence(left_out)
    wb.add_sheet("Actions", ACTION_COLUMNS, (action_values(r) for r in rows),
                 total_row=[said] + [None] * (len(ACTION_COLUMNS) - 1) if said else None,
                 note=overdue_counted_note(today))
    return wb.save(out)
