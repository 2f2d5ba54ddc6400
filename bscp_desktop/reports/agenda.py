"""The agenda of a meeting as a PDF, from plain data, with a running timetable."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bscp_desktop.domain.dates import format_date_long
from bscp_desktop.domain.meetings import agenda_overrun
from bscp_desktop.domain.text import isolate
from bscp_desktop.reports.pdf import DocumentBuilder

if TYPE_CHECKING:
    from bscp_desktop.reports.minutes import MinutesDocument


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
    group_confidential: bool = False  # its members sign a confidentiality agreement
    overrun: str = ""  # how far the items' times run past the meeting's end, in one sentence

    @property
    def sensitive(self) -> bool:
        """OFFICIAL-SENSITIVE: a confidential group's agenda, or one with confidential items."""
        return self.group_confidential or any(i.confidential for i in self.items)


def printed_order(doc: AgendaDocument) -> list[int]:
    """The places in `doc.items` in the order the agenda prints them: the open business (Part A),
    then the confidential items (Part B), each in the agenda's order."""
    return sorted(range(len(doc.items)), key=lambda n: doc.items[n].confidential)


def timetable(doc: AgendaDocument) -> list[str]:
    """The start time of each item of `doc.items`, running on from the meeting's start in the
    order the agenda prints them (Part A, then Part B); '' once an item before it has no time
    allotted. A time on a later day than the meeting's start says so: "01:10 (next day)"."""
    times = [""] * len(doc.items)
    at = doc.starts_at
    for n in printed_order(doc):
        days = (at.date() - doc.starts_at.date()).days
        times[n] = f"{at:%H:%M}" + ("" if not days else " (next day)" if days == 1 else f" ({days} days later)")
        if not doc.items[n].minutes_allotted:
            break
        at += timedelta(minutes=doc.items[n].minutes_allotted)
    return times


def overrun_note(doc: AgendaDocument) -> str:
    """The note under the timetable when the items' times run past the meeting's end (its own
    end time: none without one): from which item, then `doc.overrun`; '' when they fit."""
    order = printed_order(doc)
    over = agenda_overrun(doc.starts_at, doc.ends_at, [doc.items[n].minutes_allotted for n in order])
    if over is None or doc.ends_at is None:
        return ""
    late = over[2]
    where = (f"item {doc.items[order[late]].number} and the items listed after it start at or after the end"
             if late is not None else "the last item runs beyond it")
    return " ".join(filter(None, (f"These times run past the meeting's end at {doc.ends_at:%H:%M}: {where}.", doc.overrun)))


def meeting_paper(paper: str, doc: AgendaDocument | MinutesDocument, out: str | os.PathLike[str] | None,
                  no_place: str, sensitive: bool, draft: bool = False) -> tuple[DocumentBuilder, list[tuple[str, str]]]:
    """A meeting's `paper` ("Agenda", "Minutes") begun: its document, headed with the group's
    name and the meeting's date, and the meeting's own title under that where it is not the
    group's name; with the paper's first facts, the meeting's day, date and times ("Thursday
    14 Mar 2024, 10:00 to 12:00") and its place (`no_place` where none is recorded)."""
    # the group's name isolated: the date after a name in Arabic script is not drawn into it
    heading = f"{paper}: {isolate(doc.group_name)}, {format_date_long(doc.starts_at.date())}"
    pdf = DocumentBuilder(out, title=heading, partnership_name=doc.partnership_name, draft=draft,
                          subject=f"{paper} of the {doc.group_name}", sensitive=sensitive)
    pdf.heading(heading, 1)
    if doc.title and doc.title.casefold() != doc.group_name.casefold():
        pdf.para(doc.title)
    when = f"{doc.starts_at:%A} {format_date_long(doc.starts_at.date())}, {doc.starts_at:%H:%M}"
    if doc.ends_at:
        when += f" to {doc.ends_at:%H:%M}"
    return pdf, [("Date and time", when), ("Place", doc.where or no_place)]


def agenda_pdf(doc: AgendaDocument, out: str | os.PathLike[str] | None) -> DocumentBuilder:
    """The agenda; confidential items are listed apart, as Part B, after the open business."""
    pdf, facts = meeting_paper("Agenda", doc, out, "To be confirmed", doc.sensitive)
    if doc.chair:
        facts.append(("Chair", doc.chair))
    pdf.key_values(facts)
    if not doc.items:
        pdf.para("The agenda has no items yet.")
        return pdf
    starts = timetable(doc)
    later_day = any("(" in start for start in starts)  # "01:10 (next day)": both parts' From columns wider
    open_items = [(i, starts[n]) for n, i in enumerate(doc.items) if not i.confidential]
    part_b = [(i, starts[n]) for n, i in enumerate(doc.items) if i.confidential]
    if part_b:
        pdf.heading("Part A: open business", 2)
    if open_items:
        _items_table(pdf, open_items, later_day)
    elif part_b:
        pdf.para("There is no open business.", "small")
    if part_b:
        pdf.heading("Part B: confidential items", 2)
        pdf.para("Not for circulation: these items are taken in private and left out of the minutes for "
                 "circulation.", "small")
        _items_table(pdf, part_b, later_day)
    if note := overrun_note(doc):
        pdf.para(note)
    return pdf


def _items_table(pdf: DocumentBuilder, items: Sequence[tuple[AgendaLine, str]], later_day: bool = False) -> None:
    """The items, each with the time it starts at (`later_day`: some on a later day, which say so)."""
    rows = [
        [line.number, line.title, line.presenter, line.paper_ref,
         f"{line.minutes_allotted} min" if line.minutes_allotted else "", start]
        for line, start in items
    ]
    pdf.table(["No.", "Item", "Presenter", "Paper", "Time", "From"], rows,
              col_widths=[26, 186 if later_day else 230, 100, 60, 44, 84 if later_day else 40], align=["RIGHT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT"])


def write_agenda(doc: AgendaDocument, out: str | os.PathLike[str]) -> Path:
    return agenda_pdf(doc, out).build()
