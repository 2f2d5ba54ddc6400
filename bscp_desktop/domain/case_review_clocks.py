"""The clocks of a case review: which statutory and local deadlines apply to a case, when each
is due from the dates of its stages, its status on a given day, the colours the window and the
reports show those statuses in, and what the case waits for next. Pure Python; the deadline
rules themselves are in `deadlines`, the stages in `case_reviews`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bscp_desktop.domain.case_reviews import DUE_SOON_WORKING_DAYS, STAGE_BY_KEY, STAGE_KEYS, STAGES, CaseKind, Decision, Outcome
from bscp_desktop.domain.dates import format_date, is_working_day
from bscp_desktop.domain.deadlines import DeadlineRule, DeadlineStatus, anchor_date, compute_all_due, counts_from, deadline_status, working_days_late, working_days_left

# --------------------------------------------------------------------------- clocks

#: Anchors the case offers to deadline rules: every stage date by its key, plus "decision",
#: which is the decision date only when the decision is to hold an LCSPR.
ANCHOR_CHOICES: dict[str, str] = {
    "became_aware": "the date the local authority became aware",
    "notification_sent": "the date the notification was sent to the Panel",
    "decision": "the date of the decision to hold an LCSPR",
    "publication": "publication (the actual date once published, else the planned date)",
    "incident_date": "the incident date",
    "considered_on": "the date the Case Review Group considered the case",
    "partners_told": "the date the safeguarding partners were told",
    "sos_ofsted_notified": "the date the Secretary of State and Ofsted were told",
    "rapid_review_meeting": "the date of the rapid review meeting",
    "rapid_review_sent": "the date the rapid review was sent to the Panel",
    "panel_response": "the date of the Panel's response",
    "decision_date": "the decision date (whatever the decision)",
    "tor_agreed": "the date the terms of reference were agreed",
    "draft_report": "the date of the draft report",
    "final_report": "the date of the final report",
    "sent_to_panel_sos": "the date the report was sent to the Panel and Secretary of State",
    "planned_publication": "the planned publication date",
    "published": "the publication date",
}

#: Stages whose date can meet a deadline.
MET_BY_CHOICES: dict[str, str] = {
    s.key: s.label for s in STAGES if s.milestone and s.key not in ("incident_date", "became_aware")
}


def anchor_dates(dates: Mapping[str, date | None], decision: Decision | None) -> dict[str, date | None]:
    anchors: dict[str, date | None] = {key: dates.get(key) for key in STAGE_KEYS}
    anchors["decision"] = dates.get("decision_date") if decision is Decision.LCSPR else None
    anchors["publication"] = dates.get("published") or dates.get("planned_publication")
    return anchors


@dataclass(frozen=True)
class Clock:
    """One deadline of one case, worked out for a given day."""

    key: str
    label: str
    rule_text: str
    anchor_date: date | None
    due: date | None
    met_by: str
    done_on: date | None
    status: DeadlineStatus
    working_days_left: int | None
    note: str = ""
    working_days_late: int | None = None  # for a step done: working days after the due date
    on: date | None = None  # the day it was worked out for
    on_working_day: bool = False  # that day is a working day (the last one, when none is left)

    @property
    def left_text(self) -> str:
        """'3 working days left', 'Due today', 'Due Saturday 01/03/2025: today is the last
        working day', 'Due Sunday 02/03/2025: no working day left'."""
        return days_left_text(self.working_days_left, self.due, self.on, today_working=self.on_working_day)

    @property
    def last_working_day(self) -> bool:
        """Due after today, on a weekend or a bank holiday, and today is the last working day
        before it: the step is to be done today, though it is not due until then."""
        return (self.working_days_left == 0 and self.on_working_day and self.due is not None
                and self.on is not None and self.due > self.on)

    @property
    def open(self) -> bool:
        return self.status in (
            DeadlineStatus.NOT_YET_DUE,
            DeadlineStatus.DUE_SOON,
            DeadlineStatus.OVERDUE,
        )

    @property
    def met(self) -> bool:
        return self.status in (DeadlineStatus.MET_ON_TIME, DeadlineStatus.MET_LATE)

    def extra_text(self) -> str:
        """What to print beside the status: working days left or overdue, how late, or why the
        clock is stopped or not needed, with any note (a reason for delay)."""
        if self.open:
            text = self.left_text
            return f"{text}. {self.note}" if self.note else text
        if self.status is DeadlineStatus.MET_LATE and self.working_days_late:
            text = working_days_late_text(self.working_days_late)
            return f"{text}. {self.note}" if self.note else text
        return self.note


def clocks_for(
    rules: Sequence[DeadlineRule],
    dates: Mapping[str, date | None],
    decision: Decision | None,
    today: date,
    closures: Iterable[date] = (),
    not_published_reason: str = "",
    *,
    kind: CaseKind | str | None = None,
    outcome: Outcome | None = None,
    delay_reason: str = "",
) -> list[Clock]:
    """Every clock of a case, in rule order.

    * A case considered not notifiable has no clocks at all.
    * Only the rules for the case's ``kind`` apply (a rule with no kinds applies to every case).
    * A clock whose stage no longer applies stops: the LCSPR clocks after a decision other than
      an LCSPR, publication once a reason for not publishing is recorded; and, once the case is
      closed, every clock not yet met whose due date had not passed when it closed. Each says why
      in its note.
    * A clock not met whose due date passed before the case closed was missed: closing the case
      does not hide it (a reminder aside, which no date meets: it stops).
    * A reminder (a rule no stage date meets) is never overdue for ever: it stops once the case
      has moved on to a later stage on or after its due date, or waits only to be closed.
    * A reason for delaying publication (e.g. criminal proceedings) is shown beside the
      publication clock, which keeps running: a long one only its first words (`delay_quoted`).
    """
    if outcome is Outcome.NOT_NOTIFIABLE:
        return []
    closed = frozenset(closures)
    anchors = anchor_dates(dates, decision)
    due = compute_all_due(rules, anchors, closed)
    labels = dict(ANCHOR_CHOICES)
    by_key = {rule.key: rule for rule in rules}
    for rule in rules:
        labels.setdefault(f"due:{rule.key}", f"the due date for '{rule.label}'")
    case_closed = dates.get("closed")
    clocked = clocked_stages(rules, kind)
    anchors_now = {**anchors, **{f"due:{k}": v for k, v in due.items()}}
    clocks: list[Clock] = []
    for rule in rules:
        if not rule.applies(str(kind) if kind else None):
            continue
        due_on = due[rule.key]
        done_on = dates.get(rule.met_by) if rule.met_by else None
        note = ""
        starts = counts_from(rule, anchors_now)
        status = deadline_status(due_on, done_on, today, closed, DUE_SOON_WORKING_DAYS, starts=starts)
        roots = _root_anchors(rule, by_key)
        if "decision" in roots and decision is not None and decision is not Decision.LCSPR and done_on is None:
            status = DeadlineStatus.NOT_REQUIRED
            note = f"Not needed: the decision was {decision.short_label}"
        elif (
            rule.met_by == "published"
            and done_on is None
            and not_published_reason.strip()
            and due_on is not None
        ):
            status = DeadlineStatus.NOT_REQUIRED
            note = f"Not published: {not_published_reason.strip()}"
        elif case_closed is not None and done_on is None and rule.met_by and due_on is not None and due_on < case_closed:
            status = DeadlineStatus.MISSED
            note = f"Missed: due {format_date(due_on)}, not done when the case was closed on {format_date(case_closed)}"
        elif case_closed is not None and done_on is None:
            status = DeadlineStatus.STOPPED
            note = f"Stopped: the case was closed on {format_date(case_closed)}"
        elif not rule.met_by and (passed := _reminder_passed(due_on, today, dates, decision, not_published_reason,
                                                               clocked)):
            status = DeadlineStatus.STOPPED
            note = passed
        elif status is DeadlineStatus.NOT_APPLICABLE and due_on is not None and done_on and starts:
            note = f"Not counted: the date recorded ({format_date(done_on)}) is before the date it counts from ({format_date(starts)})"
        elif status is DeadlineStatus.NOT_APPLICABLE and rule.anchor_rule is not None:
            note = "Starts when the date it counts from is known"
        elif status is DeadlineStatus.NOT_APPLICABLE:
            note = f"Starts from {labels.get(rule.anchor_parts[0], rule.anchor_parts[0].replace('_', ' '))}"
        if rule.met_by == "published" and delay_reason.strip() and status is not DeadlineStatus.NOT_REQUIRED:
            delay = f"Delayed: {delay_quoted(delay_reason)}"
            if dates.get("delay_told_panel"):
                delay += f" (Panel told {format_date(dates['delay_told_panel'])})"
            note = f"{note}. {delay}" if note else delay
        left = working_days_left(today, due_on, closed) if status in (
            DeadlineStatus.NOT_YET_DUE,
            DeadlineStatus.DUE_SOON,
            DeadlineStatus.OVERDUE,
        ) else None
        clocks.append(
            Clock(
                key=rule.key,
                label=rule.label,
                rule_text=rule.describe(labels),
                anchor_date=anchor_date(rule, anchors_now),
                due=due_on,
                met_by=rule.met_by,
                done_on=done_on,
                status=status,
                working_days_left=left,
                note=note,
                working_days_late=working_days_late(due_on, done_on, closed)
                if status in (DeadlineStatus.MET_ON_TIME, DeadlineStatus.MET_LATE) else None,
                on=today,
                on_working_day=is_working_day(today, closed),
            )
        )
    return clocks


#: The most of a reason for delay a clock's note quotes: the whole reason is in its own field
#: (Reason for delay), so a long one is not printed twice.
DELAY_QUOTED_MOST = 70


def delay_quoted(reason: str, most: int = DELAY_QUOTED_MOST) -> str:
    """A reason for delay as the publication clock's note quotes it: on one line, whole when it
    is at most `most` characters, else its first words cut at a word and ended with "…"."""
    words = " ".join(reason.split())
    if len(words) <= most:
        return words
    cut = words[:most].rsplit(" ", 1)[0] if " " in words[:most] else words[:most - 1]
    return cut.rstrip(" ,;:.-–(") + "…"


def _reminder_passed(
    due_on: date | None, today: date, dates: Mapping[str, date | None], decision: Decision | None,
    not_published_reason: str, clocked: Collection[str] | None = None,
) -> str:
    """Why a reminder no longer runs ('' while it does): once its due date has passed, the case
    reached a later stage on or after that date, or every step of the case is done. Until then
    it runs as any clock does (due soon, due today, then overdue while the case stands still)."""
    if due_on is None or today <= due_on:
        return ""
    if next_step(dates, decision, not_published_reason, clocked=clocked).startswith(AWAITING_CLOSURE):
        return "Reminder only: every step of the case is done"
    later = sorted(
        (day, STAGE_BY_KEY[key].label) for key in MET_BY_CHOICES
        if (day := dates.get(key)) is not None and day >= due_on
    )
    if not later:
        return ""
    day, label = later[0]
    return f"Reminder only: the case moved on ({label}, {format_date(day)})"


def _root_anchors(rule: DeadlineRule, by_key: Mapping[str, DeadlineRule]) -> set[str]:
    """The stage anchors a rule finally counts from, through other rules' due dates."""
    roots: set[str] = set()
    seen: set[str] = set()
    pending = [rule]
    while pending:
        current = pending.pop()
        if current.key in seen:
            continue
        seen.add(current.key)
        for part in current.anchor_parts:
            if part.startswith("due:"):
                target = by_key.get(part.removeprefix("due:"))
                if target is not None:
                    pending.append(target)
            else:
                roots.add(part)
    return roots


def next_clock(clocks: Iterable[Clock]) -> Clock | None:
    """The open clock due first (overdue ones come first by date), or None; of two due the same
    day, the first in rule order (the rapid review before the decision made with it)."""
    open_clocks = [c for c in clocks if c.open and c.due is not None]
    return min(open_clocks, key=lambda c: c.due) if open_clocks else None


# --------------------------------------------------------------------------- status colours

#: Background colours for statuses; always shown together with the status word.
STATUS_COLOURS: dict[DeadlineStatus, str] = {
    DeadlineStatus.NOT_APPLICABLE: "#eeeeee",
    DeadlineStatus.NOT_REQUIRED: "#eeeeee",
    DeadlineStatus.NOT_YET_DUE: "#dbe9f6",
    DeadlineStatus.DUE_SOON: "#ffe08a",
    DeadlineStatus.OVERDUE: "#f4b6b6",
    DeadlineStatus.MET_ON_TIME: "#c6e8c6",
    DeadlineStatus.MET_LATE: "#f7d3a8",
    DeadlineStatus.STOPPED: "#eeeeee",
    DeadlineStatus.MISSED: "#e8c4c4",
}


#: What a clock due after today on a day off says on the last working day before it.
LAST_WORKING_DAY = "today is the last working day"


def days_left_text(left: int | None, due: date | None = None, today: date | None = None, *,
                   today_working: bool = False) -> str:
    """'3 working days left', 'Due today', '2 working days overdue', '' for None. No working day
    left is "Due today" only on the due date itself: a due date on a weekend or a bank holiday
    reads 'Due Saturday 01/03/2025: today is the last working day' on the working day before it
    (`today_working`), and '...: no working day left' on a day off before it."""
    if left is None:
        return ""
    if left == 0:
        if due is not None and today is not None and due > today:
            return f"Due {due:%A} {format_date(due)}: {LAST_WORKING_DAY if today_working else 'no working day left'}"
        return "Due today"
    if left > 0:
        return f"{left} working day{'s' if left != 1 else ''} left"
    return f"{-left} working day{'s' if left != -1 else ''} overdue"


# --------------------------------------------------------------------------- what comes next

#: How `next_step` begins once every step of the case is done and only closing it is left.
AWAITING_CLOSURE = "Awaiting closure"
#: How `next_step` begins once every step is done while actions of the case are still to do.
ACTION_PLAN_IN_PROGRESS = "Action plan in progress"

#: The steps of the statutory route, in order, with what a case without that date waits for.
_ROUTE = (
    ("notification_sent", "Awaiting notification to the Panel"),
    ("rapid_review_meeting", "Awaiting the rapid review meeting"),
    ("rapid_review_sent", "Awaiting the rapid review to be sent to the Panel"),
)
#: The stage whose deadline rules say whether a step of the route is taken by a kind of case:
#: the rapid review meeting belongs to the rapid review, which a care leaver's death has not.
_STEP_RULED_BY = {"notification_sent": "notification_sent", "rapid_review_meeting": "rapid_review_sent",
                  "rapid_review_sent": "rapid_review_sent"}


def clocked_stages(rules: Iterable[DeadlineRule], kind: CaseKind | str | None) -> frozenset[str]:
    """The stages whose dates meet a clock of a case of ``kind`` (the rules that apply to it), for
    `next_step`."""
    return frozenset(r.met_by for r in rules if r.met_by and r.applies(str(kind) if kind else None))
_LCSPR_ROUTE = (
    ("tor_agreed", "Awaiting agreed terms of reference"),
    ("draft_report", "Awaiting the draft report"),
    ("final_report", "Awaiting the final report"),
    ("sent_to_panel_sos", "Awaiting sending to the Panel and the Secretary of State"),
)
#: The milestones of the route in the order a case reaches them: a step left without its date
#: is behind the case once any later one is recorded (a decision made with no meeting date).
_ROUTE_ORDER = (
    "notification_sent", "rapid_review_meeting", "rapid_review_sent", "panel_response", "decision_date",
    "tor_agreed", "draft_report", "final_report", "sent_to_panel_sos", "published",
)


def _moved_past(key: str, dates: Mapping[str, date | None]) -> bool:
    later = _ROUTE_ORDER[_ROUTE_ORDER.index(key) + 1:]
    return any(dates.get(k) is not None for k in later)


def _first_waiting(steps: Sequence[tuple[str, str]], dates: Mapping[str, date | None]) -> str:
    """What the case waits for among ``steps`` ('' when none): the first without its date that
    the case has not already moved past."""
    for key, words in steps:
        if dates.get(key) is None and not _moved_past(key, dates):
            return words
    return ""


def next_step(
    dates: Mapping[str, date | None], decision: Decision | None, not_published_reason: str = "",
    outcome: Outcome | None = None, clocked: Collection[str] | None = None, *, open_actions: int = 0,
) -> str:
    """What the case is waiting for, in words, whether or not a statutory clock is running:
    "Awaiting the partners' decision", "Awaiting publication", "Closed"... A step whose date was
    never recorded is not waited for once a later step's date is. With ``clocked`` (the stages
    meeting the clocks of the case's kind, `clocked_stages`), a step of the route whose deadline
    does not apply to the case (the rapid review of a care leaver's death) is not waited for,
    as the case has no clock for it. Once every step is done, a case with ``open_actions`` (the
    actions raised from its recommendations still to do) waits for them, not for closure: it
    cannot be closed until they are done or dropped ("Action plan in progress: 2 actions open")."""
    step = _waiting_for(dates, decision, not_published_reason, outcome, clocked)
    if open_actions > 0 and step.startswith(AWAITING_CLOSURE):
        return f"{ACTION_PLAN_IN_PROGRESS}: {open_actions} action{'s' if open_actions != 1 else ''} open"
    return step


def _waiting_for(
    dates: Mapping[str, date | None], decision: Decision | None, not_published_reason: str,
    outcome: Outcome | None, clocked: Collection[str] | None,
) -> str:
    """`next_step` of a case, its actions aside."""
    if dates.get("closed"):
        return "Closed"
    if outcome is Outcome.NOT_NOTIFIABLE:
        return f"{AWAITING_CLOSURE}: not notifiable"
    route = _ROUTE if clocked is None else tuple(step for step in _ROUTE if _STEP_RULED_BY[step[0]] in clocked)
    if waiting := _first_waiting(route, dates):
        return waiting
    if decision is None or dates.get("decision_date") is None:
        return "Awaiting the partners' decision"
    if decision is not Decision.LCSPR:
        return f"{AWAITING_CLOSURE}: the decision is made"
    if waiting := _first_waiting(_LCSPR_ROUTE, dates):
        return waiting
    if dates.get("published") is None and not not_published_reason.strip():
        return "Awaiting publication"
    return f"{AWAITING_CLOSURE}: the review is complete"


def working_days_late_text(late: int | None) -> str:
    """'1 working day late', '12 working days late', '' when on time or unknown."""
    if not late:
        return ""
    return f"{late} working day{'s' if late != 1 else ''} late"
