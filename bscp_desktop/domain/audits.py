"""Multi-agency case audits. Pure Python.

A themed sample of cases (alias and reference only), a return from each agency involved per
case, graded on the four-point scale (outstanding, good, requires improvement, inadequate), and
an agreed grading after the joint discussion. An audit moves through its statuses one step at
a time (`check_status_change`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bscp_desktop.domain.dates import format_date

# --------------------------------------------------------------------------- case audits

DEFAULT_AUDIT_THEMES: tuple[str, ...] = (
    "Domestic abuse",
    "Neglect",
    "Exploitation",
    "Child sexual abuse",
    "Parental mental health",
    "Parental substance misuse",
    "Harmful sexual behaviour",
    "Children missing from home or education",
    "Early help",
    "Voice of the child",
    "Neurodiversity and disability",
)

DEFAULT_AUDIT_QUESTIONS: tuple[str, ...] = (
    "Was the child's lived experience understood and recorded?",
    "Was the child's voice heard, and did it shape decisions?",
    "Were risks identified and assessed in good time?",
    "Was information shared promptly with the right agencies?",
    "Did agencies work together well, including at strategy discussions and meetings?",
    "Was management oversight and supervision evident?",
    "Did the help given make a difference to the child?",
)


class Grading(enum.StrEnum):
    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"

    @property
    def label(self) -> str:
        return {
            "outstanding": "Outstanding",
            "good": "Good",
            "requires_improvement": "Requires improvement",
            "inadequate": "Inadequate",
        }[self.value]

    @property
    def rank(self) -> int:
        return {"inadequate": 0, "requires_improvement": 1, "good": 2, "outstanding": 3}[self.value]


GRADING_COLOURS: dict[Grading | None, str] = {
    Grading.OUTSTANDING: "#8FCB8B",
    Grading.GOOD: "#C6E8C6",
    Grading.REQUIRES_IMPROVEMENT: "#FFD98A",
    Grading.INADEQUATE: "#F4A6A6",
    None: "#FFFFFF",
}

NOT_GRADED = "Not graded"

_GRADING_WORDS = {
    Grading.OUTSTANDING: ("outstanding", "o"),
    Grading.GOOD: ("good", "g"),
    Grading.REQUIRES_IMPROVEMENT: ("requires improvement", "requires_improvement", "ri", "r i"),
    Grading.INADEQUATE: ("inadequate", "i"),
}


def parse_grading(value: object) -> Grading | None:
    """'Good', 'requires improvement', 'RI' -> the grading; blank -> None; ValueError else."""
    if value is None:
        return None
    if isinstance(value, Grading):
        return value
    text = " ".join(str(value).strip().casefold().replace("-", " ").split())
    if not text:
        return None
    for grading, words in _GRADING_WORDS.items():
        if text in words:
            return grading
    raise ValueError(
        f"'{str(value).strip()}' is not a grading; use Outstanding, Good, Requires improvement or Inadequate"
    )


def count_gradings(gradings: Iterable[Grading | None]) -> dict[Grading | None, int]:
    tally: dict[Grading | None, int] = {g: 0 for g in Grading}
    tally[None] = 0
    for grading in gradings:
        tally[grading] += 1
    return tally


class AuditStatus(enum.StrEnum):
    PLANNED = "planned"
    RETURNS_REQUESTED = "returns_requested"
    RETURNS_IN = "returns_in"
    DISCUSSED = "discussed"
    REPORTED = "reported"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "planned": "Planned",
            "returns_requested": "Returns requested",
            "returns_in": "Returns in",
            "discussed": "Discussed",
            "reported": "Reported",
            "closed": "Closed",
        }[self.value]

    @property
    def step(self) -> int:
        return AUDIT_FLOW.index(self)


AUDIT_FLOW: tuple[AuditStatus, ...] = tuple(AuditStatus)


@dataclass(frozen=True)
class AuditFacts:
    """What the status rules need to know about an audit."""

    cases: int = 0
    returns_requested: int = 0
    returns_outstanding: Sequence[str] = ()  # "Agency for Child A", one per return not received
    cases_without_agreed_grading: Sequence[str] = ()  # aliases
    discussed_on: date | None = None
    reported_on: date | None = None
    closed_on: date | None = None
    open_actions: int = 0


def _names(items: Sequence[str], limit: int = 3) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def check_status_change(current: AuditStatus, new: AuditStatus, facts: AuditFacts) -> str | None:
    """None if the audit may move from `current` to `new`, else the reason in one sentence.

    An audit moves one step forward at a time, each step needing what it stands for; it may go
    back one step to correct a mistake.
    """
    if new == current:
        return None
    if new.step < current.step:
        if current.step - new.step > 1:
            return (
                f"An audit goes back one step at a time: from {current.label} the step back is "
                f"{AUDIT_FLOW[current.step - 1].label}"
            )
        return None
    if new.step - current.step > 1:
        return (
            f"An audit moves one step at a time: from {current.label} the next step is "
            f"{AUDIT_FLOW[current.step + 1].label}"
        )
    if new is AuditStatus.RETURNS_REQUESTED:
        if facts.cases == 0:
            return "Add the sample of cases before requesting returns"
        if facts.returns_requested == 0:
            return "Choose the agencies involved in each case before requesting returns"
    if new is AuditStatus.RETURNS_IN and facts.returns_outstanding:
        n = len(facts.returns_outstanding)
        return (
            f"{n} return{'s are' if n != 1 else ' is'} still outstanding "
            f"({_names(facts.returns_outstanding)}): record {'them' if n != 1 else 'it'} as received first"
        )
    if new is AuditStatus.DISCUSSED:
        if facts.discussed_on is None:
            return "Enter the date of the joint discussion first"
        if facts.cases_without_agreed_grading:
            return (
                "Record the agreed grading of every case first (missing for "
                f"{_names(facts.cases_without_agreed_grading)})"
            )
    if new is AuditStatus.REPORTED and facts.reported_on is None:
        return "Enter the date the findings were reported first"
    if new is AuditStatus.CLOSED:
        if facts.closed_on is None:
            return "Enter the date the audit closed first"
        if facts.open_actions:
            n = facts.open_actions
            return (
                f"{n} action{'s' if n != 1 else ''} from this audit {'are' if n != 1 else 'is'} "
                f"still open: complete or drop {'them' if n != 1 else 'it'} before closing the audit"
            )
    return None


#: The dates an audit's status stands on: from that status on, each must be given and past.
_STATUS_DATES = (
    (AuditStatus.DISCUSSED, "discussed_on", "Joint discussion", "of the joint discussion"),
    (AuditStatus.REPORTED, "reported_on", "Reported", "the findings were reported"),
    (AuditStatus.CLOSED, "closed_on", "Closed", "the audit closed"),
)


def status_date_problems(status: AuditStatus, facts: AuditFacts, today: date) -> dict[str, str]:
    """What is wrong, by field, with the dates the audit's `status` stands on (see
    `_STATUS_DATES`): a date cleared while the status still says it happened, or one still to
    come. Holds whenever the audit is saved, not only when it moves on."""
    problems: dict[str, str] = {}
    for since, field, label, words in _STATUS_DATES:
        if status.step < since.step:
            break
        value = getattr(facts, field)
        if value is None:
            problems[field] = (f"An audit marked {status.label.lower()} needs the date {words}: "
                               "enter it, or move the audit back a step first")
        elif value > today:
            problems[field] = (f"{label} ({value:%d/%m/%Y}) is still to come: an audit is marked "
                               f"{status.label.lower()} only once that has happened")
    return problems


def next_status(current: AuditStatus) -> AuditStatus | None:
    return AUDIT_FLOW[current.step + 1] if current.step + 1 < len(AUDIT_FLOW) else None


def check_audit_dates(dates: Mapping[str, date | None]) -> dict[str, str]:
    """Later dates of an audit cannot come before earlier ones (returns may still be due after
    the discussion, so the due date is only compared with the audit date)."""
    labels = {
        "audit_date": "Audit date",
        "returns_due": "Returns due",
        "discussed_on": "Joint discussion",
        "reported_on": "Reported",
        "closed_on": "Closed",
    }
    compare_with = {
        "returns_due": ("audit_date",),
        "discussed_on": ("audit_date",),
        "reported_on": ("discussed_on", "audit_date"),
        "closed_on": ("reported_on", "discussed_on", "audit_date"),
    }
    phrases = {"audit_date": "the audit date", "discussed_on": "the joint discussion", "reported_on": "the report"}
    errors: dict[str, str] = {}
    for key, label in labels.items():
        value = dates.get(key)
        if value is None:
            continue
        for earlier_key in compare_with.get(key, ()):
            earlier = dates.get(earlier_key)
            if earlier is not None and value < earlier:
                errors[key] = (
                    f"{label} ({format_date(value)}) cannot be before {phrases[earlier_key]} "
                    f"({format_date(earlier)})"
                )
                break
    return errors


#: The days an agency has to send its return when it is asked only after the audit's
#: returns-due date has passed: counted from the day it was asked (three weeks, the time a case
#: audit usually gives its agencies). The audit's own date still holds for every agency asked
#: on or before it.
LATE_REQUEST_DAYS = 21


def return_due_on(returns_due: date | None, requested_on: date | None) -> date | None:
    """The day an agency's return for a case is due: the audit's returns-due date, or, for an
    agency asked only after that date (a case or an agency added late), `LATE_REQUEST_DAYS`
    after the day it was asked. None while the audit has no returns-due date."""
    if returns_due is None:
        return None
    if requested_on is not None and requested_on > returns_due:
        return requested_on + timedelta(days=LATE_REQUEST_DAYS)
    return returns_due


def late_request_text(returns_due: date | None, requested_on: date) -> str:
    """What the officer is told on asking for returns on `requested_on` after the audit's
    returns-due date: which day they are now due; "" when asked in time (or with no due date)."""
    due = return_due_on(returns_due, requested_on)
    if due is None or due == returns_due:
        return ""
    return (f"The audit's returns were due {format_date(returns_due)}, so a return requested on "
            f"{format_date(requested_on)} is due {format_date(due)}, {LATE_REQUEST_DAYS} days after it was requested.")


class SharedVia(enum.StrEnum):
    MEETING = "meeting"
    BRIEFING = "briefing"
    TRAINING = "training"
    NEWSLETTER = "newsletter"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "meeting": "A meeting",
            "briefing": "A briefing",
            "training": "The training programme",
            "newsletter": "A newsletter or bulletin",
            "other": "Other",
        }[self.value]


class MeetingRole(enum.StrEnum):
    PLANNED = "planned"
    DISCUSSED = "discussed"
    FOLLOW_UP = "follow_up"

    @property
    def label(self) -> str:
        return {"planned": "Planned at", "discussed": "Discussed at", "follow_up": "Followed up at"}[self.value]


AUDIT_ALIAS_REMINDER = (
    "Use an alias (for example Child A) and the audit's own reference; never a child's or family "
    "member's name, and never a case number from an agency's own system."
)
