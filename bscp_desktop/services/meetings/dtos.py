"""What the meetings services take and give: input fields and frozen DTOs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from bscp_desktop.domain.actions import decision_gaps, gaps_text
from bscp_desktop.domain.dates import financial_year_label, format_date, format_date_long
from bscp_desktop.domain.meetings import ApprovalMethod, ItemKind, MeetingKind, MeetingStatus, MinutesStatus
from bscp_desktop.domain.text import first_line
from bscp_desktop.services.common import ArchivedAt, CommandFields, OwnedBy, Versioned

MAX_MINUTES_CHARS = 200_000
# Big reads (every agenda item, for workbooks) load rows in chunks, so a worker thread never
# holds Python's lock for long and the window stays responsive while it exports.
CHUNK = 500

# ---------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class MeetingDTO(ArchivedAt, Versioned):
    id: int
    group_id: int
    group_name: str
    series_id: int | None
    title: str
    kind: MeetingKind
    starts_at: datetime
    ends_at: datetime | None
    place: str
    online_link: str
    status: MeetingStatus
    chair_person_id: int | None
    chair_name: str
    minute_taker_person_id: int | None
    minute_taker_name: str
    minutes_status: MinutesStatus
    minutes_circulated_on: date | None
    minutes_approved_on: date | None
    approved_at_meeting_id: int | None
    approved_at_date: date | None
    notes: str
    item_count: int = 0
    updated_at: datetime | None = None
    minutes_approval_method: ApprovalMethod | None = None
    minutes_approved_by: str = ""
    key_focus: str = ""  # key areas of focus, one a line (the yearly report's activity table)

    @property
    def date(self) -> date:
        return self.starts_at.date()

    @property
    def name(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.group_name}, {format_date_long(self.date)}"

    @property
    def time_text(self) -> str:
        start = self.starts_at.strftime("%H:%M")
        return f"{start} to {self.ends_at.strftime('%H:%M')}" if self.ends_at else start

    @property
    def where(self) -> str:
        return ", ".join(p for p in (self.place, self.online_link) if p)

    @property
    def locked(self) -> bool:
        return self.minutes_status.locked

    @property
    def minutes_state(self) -> str:
        """"Approved on 14/12/2023 at the meeting of 14/12/2023", "Circulated on ...", "Draft"."""
        if self.minutes_status is MinutesStatus.APPROVED:
            text = f"Approved on {format_date(self.minutes_approved_on)}"
            if self.approved_at_date:
                text += f" at the meeting of {format_date(self.approved_at_date)}"
            elif self.minutes_approval_method is ApprovalMethod.CHAIRS_ACTION:
                text += f" by chair's action ({self.minutes_approved_by})"
            elif self.minutes_approval_method is ApprovalMethod.EMAIL:
                text += f" by e-mail ({self.minutes_approved_by})"
            return text
        if self.minutes_status is MinutesStatus.CIRCULATED:
            return f"Circulated on {format_date(self.minutes_circulated_on)}"
        return "Draft"


@dataclass(frozen=True)
class AgendaItemDTO(ArchivedAt, Versioned):
    id: int
    meeting_id: int
    position: int
    kind: ItemKind
    title: str
    presenter: str
    paper_ref: str
    minutes_allotted: int | None
    confidential: bool
    key_focus: bool
    key_focus_summary: str
    minutes: str

    @property
    def number_title(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def name(self) -> str:
        return f"item {self.number_title}"


def decision_line(text: str, owner: str = "", due: date | None = None) -> str:
    """A decision as the minutes give it: "Agreed X — owner: Brent Council, due 30/04/2024"
    (its text alone when it has neither an owner nor a due date)."""
    bits = [b for b in (f"owner: {owner}" if owner else "", f"due {format_date(due)}" if due else "") if b]
    return f"{text} — {', '.join(bits)}" if bits else text


@dataclass(frozen=True)
class DecisionFields(CommandFields):
    """A decision with its owner (a person and/or an organisation), due date and evidence of
    impact; a decision typed during the meeting may have its text alone (it is then flagged)."""

    text: str
    owner_person_id: int | None = None
    owner_organisation_id: int | None = None
    due_date: date | None = None
    evidence: str = ""


@dataclass(frozen=True)
class DecisionDTO(ArchivedAt, OwnedBy, Versioned):
    id: int
    meeting_id: int
    agenda_item_id: int
    item_position: int
    item_title: str
    text: str
    due_date: date | None = None
    evidence: str = ""

    @property
    def name(self) -> str:
        return first_line(self.text)

    @property
    def line(self) -> str:
        """As the minutes give it: "Agreed X — owner: Brent Council, due 30/04/2024"."""
        return decision_line(self.text, self.owner, self.due_date)

    def gaps_on(self, today: date) -> dict[str, str]:
        """{field: message} for an owner or a due date missing, and evidence of impact once the
        due date is past (`domain.actions.decision_gaps`)."""
        return decision_gaps(self.owner_person_id, self.owner_organisation_id, self.due_date, self.evidence, today)

    @property
    def gaps(self) -> dict[str, str]:
        """What it is missing today (see `gaps_on`)."""
        return self.gaps_on(date.today())

    @property
    def gaps_text(self) -> str:
        """'No owner, no due date'; '' when complete."""
        return gaps_text(self.gaps)


@dataclass(frozen=True)
class AmendmentDTO:
    id: int
    meeting_id: int
    agenda_item_id: int | None
    decision_id: int | None
    reason: str
    old_text: str
    new_text: str
    made_at: datetime


@dataclass(frozen=True)
class SeriesDTO:
    id: int
    group_id: int
    group_name: str
    title: str
    financial_year: int
    rule: str
    meeting_ids: tuple[int, ...]

    @property
    def label(self) -> str:
        return f"{self.title} ({financial_year_label(self.financial_year)})"


@dataclass(frozen=True)
class StandingItemDTO:
    position: int
    kind: ItemKind
    title: str
    minutes_allotted: int | None


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class MeetingFields(CommandFields):
    group_id: int | None
    title: str
    starts_at: datetime | None
    ends_at: datetime | None = None
    kind: MeetingKind | str = MeetingKind.ORDINARY
    place: str = ""
    online_link: str = ""
    status: MeetingStatus | str = MeetingStatus.PLANNED
    chair_person_id: int | None = None
    minute_taker_person_id: int | None = None
    notes: str = ""
    key_focus: str = ""  # key areas of focus, one a line, for the yearly report


@dataclass(frozen=True)
class AgendaItemFields(CommandFields):
    title: str
    presenter: str = ""
    paper_ref: str = ""
    minutes_allotted: int | None = None
    confidential: bool = False
    key_focus: bool = False
    key_focus_summary: str = ""
    kind: ItemKind | str = ItemKind.ORDINARY


@dataclass(frozen=True)
class SeriesFields(CommandFields):
    group_id: int | None
    title: str
    financial_year: int
    first_month: int = 4
    every_months: int = 3
    weekday: int = 3  # Thursday
    nth: int = 2
    start_time: time = time(10, 0)
    end_time: time | None = time(12, 0)
    place: str = ""
    online_link: str = ""
    kind: MeetingKind | str = MeetingKind.ORDINARY
    standing_items: bool = True


# ---------------------------------------------------------------- everything, for workbooks and reports


@dataclass(frozen=True)
class MeetingRow:
    """One agenda item with its meeting, for the workbook."""

    meeting_id: int
    meeting_date: date
    group_name: str
    item: AgendaItemDTO


