"""The agenda of a meeting as a PDF, from plain data, with a running timetable."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bscp_desktop.domain.dates import format_date_long
from bscp_desktop.reports.pdf import DocumentBuilder


@dataclass(frozen=True)
class AgendaLine:
    number: int
    title: str
    presenter: str = ""
    paper_ref: str = ""
    minutes_allotted: int | None = None
    confidential: bool = False


@dataclass(frozen=True)
class AgendaDocument:
    partnership_name: str
    group_name: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    where: str
    chair: str = ""
    items: Sequence[AgendaLine] = ()


def timetable(doc: AgendaDocument) -> list[str]:
    """The start time of each item, running on from the meeting's start; '' once an item
    has no time allotted."""
    times, at, known = [], doc.starts_at, True
    for item in doc.items:
        times.append(f"{at:%H:%M}" if known else "")
        if item.minutes_allotted:
            at += timedelta(minutes=item.minutes_allotted)
        else:
            known = False
    return times


def agenda_pdf(doc: AgendaDocument, out: str | os.PathLike[str] | None) -> DocumentBuilder:
    heading = f"Agenda: {doc.group_name}, {format_date_long(doc.starts_at.date())}"
    pdf = DocumentBuilder(out, title=heading, partnership_name=doc.partnership_name,
                          subject=f"Agenda of the {doc.group_name}")
    pdf.heading(heading, 1)
    if doc.title and doc.title.casefold() != doc.group_name.casefold():
        pdf.para(doc.title)
    when = f"{doc.starts_at:%A} {format_date_long(doc.starts_at.date())}, {doc.starts_at:%H:%M}"
    if doc.ends_at:
        when += f" to {doc.ends_at:%H:%M}"
    facts = [("Date and time", when), ("Place", doc.where or "To be confirmed")]
    if doc.chair:
        facts.append(("Chair", doc.chair))
    pdf.key_values(facts)
    if not doc.items:
        pdf.para("The agenda has no items yet.")
        return pdf
    rows = []
    for line, start in zip(doc.items, timetable(doc), strict=True):
        title = line.title + (" (confidential)" if line.confidential else "")
        rows.append([line.number, title, line.presenter, line.paper_ref,
                     f"{line.minutes_allotted} min" if line.minutes_allotted else "", start])
    pdf.table(["No.", "Item", "Presenter", "Paper", "Time", "From"], rows,
              col_widths=[26, 230, 100, 60, 44, 40], align=["RIGHT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT"])
    return pdf


def write_agenda(doc: AgendaDocument, out: str | os.PathLike[str]) -> Path:
    return agenda_pdf(doc, out).build()
