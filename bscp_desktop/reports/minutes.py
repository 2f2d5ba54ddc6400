"""The minutes of a meeting as a PDF, from plain data.

Group, date, time and place; who was present (with deputies), who sent apologies, who was
absent and who was in attendance, each with the register's note (arrived late, left early);
each agenda item with its minutes, decisions and actions; and an actions table. DRAFT is
printed across every page until the minutes are approved. A version for circulation leaves
confidential items out (and says how many).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.text import isolate
from bscp_desktop.reports.agenda import meeting_paper
from bscp_desktop.reports.pdf import DocumentBuilder


@dataclass(frozen=True)
class Attendee:
    name: str
    organisation: str = ""
    role: str = ""
    deputy_for: str = ""  # when this person deputised for a member
    deputy_for_organisation: str = ""  # the member's seat's, when the deputy is from another organisation
    note: str = ""  # the register's note: "arrived 10:45", "left after item 4"

    @property
    def line(self) -> str:
        """'Jane Smith (Member, Brent Council), deputising for Tom Lee: arrived 10:45', or for a
        deputy from another organisation than the member's seat 'Jo Bloggs (Brent Council),
        deputising for Tom Lee (NWL ICB)', as typed (the PDF escapes it, as all user text). Each name is isolated (`isolate`): a line
        starting with a name in Arabic script or Hebrew still reads left to right, name first."""
        text = isolate(self.name)
        extras = [x for x in (self.role, isolate(self.organisation) if self.organisation else "") if x]
        if extras:
            text += f" ({', '.join(extras)})"
        if self.deputy_for:
            text += f", deputising for {isolate(self.deputy_for)}"
            if self.deputy_for_organisation:
                text += f" ({isolate(self.deputy_for_organisation)})"
        if self.note.strip():
            text += f": {self.note.strip()}"
        return text


@dataclass(frozen=True)
class ActionLine:
    description: str
    owner: str = ""
    due: date | None = None
    status: str = ""
    item_number: int | None = None
    source: str = ""
    confidential: bool = False  # raised under a confidential agenda item (left out for circulation)


def _sentence(text: str, owner: str = "", due: date | None = None) -> str:
    """A decision's or an action's words as typed, closed with a full stop where they do not
    end in one already (nor "!", "?" or "…"), then its owner (isolated, as every name in a
    sentence) and due date: "Agreed X. Owner: Brent Council. Due 30/04/2024." Nothing inside the
    words is changed."""
    owner_text = f" Owner: {_closed_name(owner)}" if owner else ""
    due_text = f" Due {format_date(due)}." if due else ""
    return f"{_closed(text)}{owner_text}{due_text}"


def _as_typed(minutes: str) -> str:
    """An item's minutes as they print: the blank lines before and after them left out, the
    first line's indentation kept as typed (an indented list, a table pasted from Word)."""
    lines = minutes.replace("\r\n", "\n").replace("\r", "\n").rstrip().split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


_ENDS = (".", "!", "?", "…")


def _closed(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith(_ENDS) else text + "."


def _closed_name(name: str) -> str:
    """A name ending a sentence: isolated, its full stop after it (outside its run)."""
    name = name.rstrip()
    return isolate(name) if name.endswith(_ENDS) else isolate(name) + "."


@dataclass(frozen=True)
class DecisionLine:
    """A decision with its owner and due date where they were given."""

    text: str
    owner: str = ""
    due: date | None = None

    @property
    def line(self) -> str:
        """"Decision: Agreed X. Owner: Brent Council. Due 30/04/2024." (its text alone when it has
        neither an owner nor a due date)."""
        if not self.owner and self.due is None:
            return f"Decision: {self.text}"
        return "Decision: " + _sentence(self.text, self.owner, self.due)


@dataclass(frozen=True)
class MinutesItem:
    number: int
    title: str
    presenter: str = ""
    paper_ref: str = ""
    confidential: bool = False
    minutes: str = ""
    decisions: tuple[DecisionLine | str, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    review_actions: tuple[ActionLine, ...] = ()  # earlier meetings' actions open when it began (review item)
    is_action_review: bool = False
    review_known: bool = True  # False: which actions were open then is not known, and nothing is said of it


@dataclass(frozen=True)
class AmendmentLine:
    """An amendment after approval as the minutes list it: its date, the item it changed and its
    reason, "07/12/2026, item 3 (Ofsted action plan): Correction requested by the chair" (`made`)."""

    text: str
    confidential: bool = False  # to a confidential item (left out for circulation)

    @classmethod
    def made(cls, made_on: date, reason: str, item_number: int | None = None, item_title: str = "",
             confidential: bool = False) -> AmendmentLine:
        """The amendment made on `made_on` for `reason`, naming the agenda item it changed by its
        number and title as these minutes number the items; an item since taken off the agenda has
        no number and is named by its title ("item taken off the agenda (...)"). An amendment to the
        meeting's details or its register changed no item and names none."""
        title = isolate(item_title.strip())
        if item_number is not None:
            item = f", item {item_number} ({title})" if title else f", item {item_number}"
        else:
            item = f", item taken off the agenda ({title})" if title else ""
        return cls(f"{format_date(made_on)}{item}: {reason}", confidential)


@dataclass(frozen=True)
class MinutesDocument:
    partnership_name: str
    group_name: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    where: str
    status_text: str  # "Draft", "Circulated on 20/12/2023", "Approved on ..."
    approved: bool
    chair: str = ""
    minute_taker: str = ""
    kind: str = ""
    meeting_status: str = ""
    quorum: str = ""
    present: Sequence[Attendee] = ()
    apologies: Sequence[Attendee] = ()
    absent: Sequence[Attendee] = ()
    in_attendance: Sequence[Attendee] = ()
    items: Sequence[MinutesItem] = ()
    amendments: Sequence[AmendmentLine] = field(default_factory=tuple)
    group_confidential: bool = False  # its members sign a confidentiality agreement

    def sensitive(self, circulation: bool = False) -> bool:
        """OFFICIAL-SENSITIVE: the minutes of a group whose members sign a confidentiality
        agreement, and full minutes with confidential items or reviewing actions raised under
        them (the version for circulation leaves those out)."""
        return self.group_confidential or (not circulation and any(
            i.confidential or any(a.confidential for a in i.review_actions) for i in self.items))


def _actions_left_out(n: int) -> str:
    """What the version for circulation says of the `n` actions it leaves out with their
    confidential agenda items: only how many, never their words ('' when none is)."""
    if not n:
        return ""
    if n == 1:
        return "1 action raised under a confidential agenda item is left out of this version for circulation."
    return f"{n} actions raised under confidential agenda items are left out of this version for circulation."


def _review_status(status: str) -> str:
    """An action's status as the action log review gives it: one listed there done was open when
    the meeting began and closed at it ("Done (closed at this meeting)")."""
    return f"{status} (closed at this meeting)" if status == ActionStatus.DONE.label else status


def minutes_pdf(doc: MinutesDocument, out: str | os.PathLike[str] | None, circulation: bool = False) -> DocumentBuilder:
    """Lay out the minutes (not yet written: call `.build()` or `.to_bytes()`)."""
    items = [i for i in doc.items if not (circulation and i.confidential)]
    left_out = len(doc.items) - len(items)
    pdf, facts = meeting_paper("Minutes", doc, out, "Not recorded", doc.sensitive(circulation), draft=not doc.approved)
    if doc.kind:
        facts.append(("Kind of meeting", doc.kind))
    if doc.meeting_status and doc.meeting_status.lower() != "held":
        facts.append(("Meeting status", doc.meeting_status))
    if doc.chair:
        facts.append(("Chair", doc.chair))
    if doc.minute_taker:
        facts.append(("Minutes taken by", doc.minute_taker))
    facts.append(("Status of these minutes", doc.status_text))
    if doc.quorum:
        facts.append(("Quorum", doc.quorum))
    if circulation:
        facts.append(("Version", "For circulation: confidential items are left out"))
    pdf.key_values(facts)

    for label, people in (
        ("Present", doc.present),
        ("Apologies", doc.apologies),
        ("Absent", doc.absent),
        ("In attendance", doc.in_attendance),
    ):
        pdf.heading(label, 3)
        if people:
            pdf.bullets([p.line for p in people])
        else:
            pdf.para("None recorded.", "small")

    pdf.heading("Minutes", 2)
    if left_out:
        pdf.para(
            f"{left_out} confidential item{'s are' if left_out != 1 else ' is'} left out of this version "
            "for circulation.", "small",
        )
    if not items:
        pdf.para("There are no agenda items.")
    for item in items:
        title = f"{item.number}. {item.title}"
        if item.confidential:
            title += " (confidential)"
        pdf.heading(title, 3)
        bits = [b for b in (
            f"Presented by {isolate(item.presenter)}" if item.presenter else "",
            f"Paper {item.paper_ref}" if item.paper_ref else "",
        ) if b]
        if bits:
            pdf.para(". ".join(bits) + ".", "small")
        if item.is_action_review and item.review_known:
            review = [a for a in item.review_actions if not (circulation and a.confidential)]
            hidden = len(item.review_actions) - len(review)
            if review:
                pdf.para("Open actions from earlier meetings:", "small")
                pdf.table(
                    ["Action", "From", "Owner", "Due", "Status"],
                    [[a.description, a.source, a.owner, a.due, _review_status(a.status)] for a in review],
                )
            elif not hidden:
                pdf.para("There were no open actions from earlier meetings.", "small")
            if hidden:
                under = ("open action raised under a confidential item is" if hidden == 1 else
                         "open actions raised under confidential items are")
                pdf.para(f"{hidden} {under} left out of this version for circulation.", "small")
        if item.minutes.strip():
            pdf.para(_as_typed(item.minutes))
        elif not item.decisions and not item.actions:
            pdf.para("No minutes recorded.", "small")
        for d in item.decisions:
            pdf.para(d.line if isinstance(d, DecisionLine) else f"Decision: {d}")
        for a in item.actions:
            pdf.para("Action: " + _sentence(a.description, a.owner, a.due))

    actions = [(i.number, a) for i in items for a in i.actions]
    hidden_actions = sum(len(i.actions) for i in doc.items if circulation and i.confidential)
    pdf.heading("Actions", 2)
    if actions:
        if doc.approved:  # a record of the meeting: the action log has each action's status now
            # said under the heading, before the table: never left alone on a page after it
            pdf.para("Each action's status is as it stood on the day of the meeting; the action log has its "
                     "status now.", "small")
        pdf.table(
            ["Item", "Action", "Owner", "Due", "Status"],
            [[n, a.description, a.owner, a.due, a.status] for n, a in actions],
            col_widths=[30, 260, 110, 55, 60],
        )
    elif not hidden_actions:
        pdf.para("No actions were recorded at this meeting.")
    if hidden_actions:
        pdf.para(_actions_left_out(hidden_actions), "small")
    amendments = [a.text for a in doc.amendments if not (circulation and a.confidential)]
    hidden = len(doc.amendments) - len(amendments)
    if doc.amendments:
        pdf.heading("Amendments after approval", 2)
        if amendments:
            pdf.bullets(amendments)
        if hidden:
            pdf.para(f"{hidden} amendment{'s to confidential items are' if hidden != 1 else ' to a confidential item is'} "
                     "left out of this version for circulation.", "small")
    return pdf


def write_minutes(doc: MinutesDocument, out: str | os.PathLike[str], circulation: bool = False) -> Path:
    return minutes_pdf(doc, out, circulation).build()
