"""Statutory clocks for serious incidents and reviews, as editable data. Pure Python.

A `DeadlineRule` says "`amount` `unit` after (or before) `anchor`", and is met by the date
recorded for the stage `met_by` (e.g. the notification rule is met on the ``notification_sent``
date). The anchor is either

* a **stage date** recorded on the case, named by a plain key such as ``"became_aware"``,
  ``"notification_sent"`` or ``"decision"``; or
* **another rule's due date**, written ``"due:<rule key>"``, e.g. ``"due:lcspr_publication"``.

`compute_due` looks the anchor up in a mapping, so a caller resolving one rule passes stage dates
and, where needed, ``"due:<key>"`` entries. `compute_all_due` does this for a whole rule set:
it resolves rules in dependency order and feeds each due date back in as ``"due:<key>"``.

Working-day rules count as in `dates`: the anchor date is day 0. Month and calendar-day rules are
not moved off weekends or bank holidays (the statutory clock is the calendar date).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any

from bscp_desktop.domain.dates import add_months, add_working_days, working_days_between

UNITS: dict[str, tuple[str, str]] = {
    "working_days": ("working day", "working days"),
    "months": ("month", "months"),
    "calendar_days": ("calendar day", "calendar days"),
}
MAX_AMOUNT = 400
DUE_PREFIX = "due:"

#: How each anchor reads in a sentence ("5 working days after <this>").
ANCHOR_LABELS: dict[str, str] = {
    "became_aware": "the date the local authority became aware",
    "notification_sent": "the date the notification was sent to the Panel",
    "decision": "the date of the decision to hold an LCSPR",
    "due:lcspr_publication": "the LCSPR publication due date",
}

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_FIELDS = ("label", "anchor", "amount", "unit", "direction")
_OPTIONAL_FIELDS = ("met_by",)


class DeadlineRuleError(ValueError):
    """A rule is not valid. ``field`` names the field (``"rapid_review.amount"`` from
    `rules_from_dict`); ``message`` is the plain-English reason."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    label: str
    anchor: str
    amount: int
    unit: str
    direction: int
    met_by: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not _KEY.match(self.key):
            raise DeadlineRuleError(
                "key", "use lower-case letters, digits and underscores, starting with a letter"
            )
        if not isinstance(self.label, str) or not self.label.strip():
            raise DeadlineRuleError("label", "a label is required")
        anchor_key = self.anchor.removeprefix(DUE_PREFIX) if isinstance(self.anchor, str) else ""
        if not _KEY.match(anchor_key):
            raise DeadlineRuleError(
                "anchor",
                "must be a stage name such as 'became_aware' or another rule's due date "
                "written 'due:<rule key>'",
            )
        if (
            isinstance(self.amount, bool)
            or not isinstance(self.amount, int)
            or not 0 <= self.amount <= MAX_AMOUNT
        ):
            raise DeadlineRuleError("amount", f"must be a whole number from 0 to {MAX_AMOUNT}")
        if not isinstance(self.unit, str) or self.unit not in UNITS:
            raise DeadlineRuleError("unit", f"must be one of {', '.join(UNITS)}")
        if type(self.direction) is not int or self.direction not in (1, -1):
            raise DeadlineRuleError("direction", "must be 1 (after) or -1 (before)")
        if not isinstance(self.met_by, str) or (self.met_by and not _KEY.match(self.met_by)):
            raise DeadlineRuleError(
                "met_by", "must be the name of the stage whose date meets the deadline"
            )

    @property
    def anchor_rule(self) -> str | None:
        """The rule key whose due date is the anchor, or None for a stage date."""
        return self.anchor.removeprefix(DUE_PREFIX) if self.anchor.startswith(DUE_PREFIX) else None

    def describe(self, anchor_labels: Mapping[str, str] | None = None) -> str:
        """Plain English, e.g. "5 working days after the date the local authority became aware".

        ``anchor_labels`` overrides or adds to `ANCHOR_LABELS`; an anchor in neither reads
        "the <anchor> date" or "the due date for <rule key>".
        """
        anchor_text = (anchor_labels or {}).get(self.anchor) or ANCHOR_LABELS.get(self.anchor)
        if not anchor_text:
            anchor_text = _fallback_anchor_label(self.anchor)
        if self.amount == 0:
            return f"On {anchor_text}"
        singular, plural = UNITS[self.unit]
        unit_text = singular if self.amount == 1 else plural
        side = "after" if self.direction > 0 else "before"
        return f"{self.amount} {unit_text} {side} {anchor_text}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "anchor": self.anchor,
            "amount": self.amount,
            "unit": self.unit,
            "direction": self.direction,
            "met_by": self.met_by,
        }


def _fallback_anchor_label(anchor: str) -> str:
    if anchor.startswith(DUE_PREFIX):
        return f"the due date for {anchor.removeprefix(DUE_PREFIX).replace('_', ' ')}"
    return f"the {anchor.replace('_', ' ')} date"


DEFAULT_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        key="notification",
        label="Serious incident notification to the Panel",
        anchor="became_aware",
        amount=5,
        unit="working_days",
        direction=1,
        met_by="notification_sent",
    ),
    DeadlineRule(
        key="rapid_review",
        label="Rapid review sent to the Panel",
        anchor="notification_sent",
        amount=15,
        unit="working_days",
        direction=1,
        met_by="rapid_review_sent",
    ),
    DeadlineRule(
        key="lcspr_publication",
        label="LCSPR published",
        anchor="decision",
        amount=6,
        unit="months",
        direction=1,
        met_by="published",
    ),
    DeadlineRule(
        key="panel_report",
        label="LCSPR report and improvement plan sent to the Panel and Secretary of State",
        anchor="due:lcspr_publication",
        amount=7,
        unit="working_days",
        direction=-1,
        met_by="sent_to_panel_sos",
    ),
)


_DEFAULT_MET_BY = {rule.key: rule.met_by for rule in DEFAULT_RULES}


# --------------------------------------------------------------------------- stored form


def rules_to_dict(rules: Iterable[DeadlineRule]) -> dict[str, dict[str, Any]]:
    """JSON-compatible form:
    ``{rule key: {"label", "anchor", "amount", "unit", "direction", "met_by"}}``."""
    return {rule.key: rule.to_dict() for rule in rules}


def rules_from_dict(data: Mapping[str, Any]) -> tuple[DeadlineRule, ...]:
    """Rules back from `rules_to_dict` output, checked.

    Raises `DeadlineRuleError` (a ValueError) whose ``field`` is ``"<rule key>.<field>"``: a
    missing or unknown field, an amount that is not a whole number 0..400, an unknown unit, a
    direction other than 1 or -1, or an anchor ``"due:<key>"`` naming no rule or going round in
    a circle. ``met_by`` may be missing (rules stored by earlier versions): a default rule's key
    takes the default's stage, any other rule none.
    """
    if not isinstance(data, Mapping):
        raise DeadlineRuleError("rules", "must be a mapping of rule key to rule")
    rules: list[DeadlineRule] = []
    for key, fields in data.items():
        if not isinstance(fields, Mapping):
            raise DeadlineRuleError(key, "must be a mapping of field to value")
        for name in _FIELDS:
            if name not in fields:
                raise DeadlineRuleError(f"{key}.{name}", "is missing")
        for name in fields:
            if name not in _FIELDS and name not in _OPTIONAL_FIELDS:
                raise DeadlineRuleError(f"{key}.{name}", "is not a known field")
        amount = fields["amount"]
        if isinstance(amount, float) and amount.is_integer():
            amount = int(amount)
        try:
            rules.append(
                DeadlineRule(
                    key=key,
                    label=fields["label"],
                    anchor=fields["anchor"],
                    amount=amount,
                    unit=fields["unit"],
                    direction=fields["direction"],
                    met_by=fields.get("met_by", _DEFAULT_MET_BY.get(key, "")),
                )
            )
        except DeadlineRuleError as error:
            raise DeadlineRuleError(f"{key}.{error.field}", error.message) from None
    _resolution_order(rules)
    return tuple(rules)


def _resolution_order(rules: Iterable[DeadlineRule]) -> list[DeadlineRule]:
    """Rules ordered so that each comes after the rule whose due date it is anchored to."""
    by_key = {rule.key: rule for rule in rules}
    ordered: list[DeadlineRule] = []
    state: dict[str, str] = {}  # key -> "visiting" | "done"

    def visit(rule: DeadlineRule) -> None:
        if state.get(rule.key) == "done":
            return
        if state.get(rule.key) == "visiting":
            raise DeadlineRuleError(
                f"{rule.key}.anchor",
                "rules anchored to each other's due dates go round in a circle",
            )
        state[rule.key] = "visiting"
        target = rule.anchor_rule
        if target is not None:
            if target not in by_key:
                raise DeadlineRuleError(f"{rule.key}.anchor", f"there is no rule called '{target}'")
            visit(by_key[target])
        state[rule.key] = "done"
        ordered.append(rule)

    for rule in by_key.values():
        visit(rule)
    return ordered


# --------------------------------------------------------------------------- due dates


def compute_due(
    rule: DeadlineRule,
    anchors: Mapping[str, date | None],
    closures: Iterable[date] = (),
) -> date | None:
    """Due date for ``rule``, or None while its anchor date (``anchors[rule.anchor]``) is unknown."""
    start = anchors.get(rule.anchor)
    if start is None:
        return None
    signed = rule.amount * rule.direction
    if rule.unit == "working_days":
        return add_working_days(start, signed, closures)
    if rule.unit == "months":
        return add_months(start, signed)
    return start + timedelta(days=signed)


def compute_all_due(
    rules: Iterable[DeadlineRule],
    stage_dates: Mapping[str, date | None],
    closures: Iterable[date] = (),
) -> dict[str, date | None]:
    """Due date for every rule (rule key -> date or None), following ``"due:<key>"`` anchors."""
    closed = frozenset(closures)
    anchors: dict[str, date | None] = dict(stage_dates)
    due: dict[str, date | None] = {}
    for rule in _resolution_order(rules):
        due[rule.key] = anchors[DUE_PREFIX + rule.key] = compute_due(rule, anchors, closed)
    return due


# --------------------------------------------------------------------------- status


class DeadlineStatus(Enum):
    NOT_APPLICABLE = "not_applicable"
    NOT_REQUIRED = "not_required"
    NOT_YET_DUE = "not_yet_due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET_ON_TIME = "met_on_time"
    MET_LATE = "met_late"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    DeadlineStatus.NOT_APPLICABLE: "Not started",
    DeadlineStatus.NOT_REQUIRED: "Not required",
    DeadlineStatus.NOT_YET_DUE: "Not yet due",
    DeadlineStatus.DUE_SOON: "Due soon",
    DeadlineStatus.OVERDUE: "Overdue",
    DeadlineStatus.MET_ON_TIME: "Met on time",
    DeadlineStatus.MET_LATE: "Met late",
}


def deadline_status(
    due: date | None,
    done_on: date | None,
    today: date,
    closures: Iterable[date] = (),
    due_soon_working_days: int = 2,
) -> DeadlineStatus:
    """Where a deadline stands on ``today``.

    No due date (anchor not recorded yet) -> NOT_APPLICABLE, even if ``done_on`` is set.
    Done -> MET_ON_TIME when done on or before the due date, else MET_LATE.
    Not done -> OVERDUE after the due date; DUE_SOON when at most ``due_soon_working_days``
    working days are left (the due date itself included); otherwise NOT_YET_DUE.
    """
    if due is None:
        return DeadlineStatus.NOT_APPLICABLE
    if done_on is not None:
        return DeadlineStatus.MET_ON_TIME if done_on <= due else DeadlineStatus.MET_LATE
    if today > due:
        return DeadlineStatus.OVERDUE
    if working_days_between(today, due, closures) <= due_soon_working_days:
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.NOT_YET_DUE


def working_days_left(today: date, due: date | None, closures: Iterable[date] = ()) -> int | None:
    """Working days from ``today`` to ``due`` (0 on the due date); None without a due date.

    Negative once overdue, and at least 1 day overdue from the day after the due date even
    when the due date fell on a weekend.
    """
    if due is None:
        return None
    left = working_days_between(today, due, closures)
    return min(left, -1) if today > due else left
