"""Statutory clocks for serious incidents and reviews, as editable data. Pure Python.

A `DeadlineRule` says "`amount` `unit` after (or before) `anchor`", and is met by the date
recorded for the stage `met_by` (e.g. the notification rule is met on the ``notification_sent``
date). The anchor is either

* a **stage date** recorded on the case, named by a plain key such as ``"became_aware"``,
  ``"notification_sent"`` or ``"decision"``; or
* **another rule's due date**, written ``"due:<rule key>"``, e.g. ``"due:lcspr_publication"``;
* **alternatives**, written with ``|``: the first one known is used, e.g.
  ``"publication|due:lcspr_publication"`` counts from the publication date (actual, else
  planned) and, until either is known, from the publication due date.

`compute_due` looks the anchor up in a mapping, so a caller resolving one rule passes stage dates
and, where needed, ``"due:<key>"`` entries. `compute_all_due` does this for a whole rule set:
it resolves rules in dependency order and feeds each due date back in as ``"due:<key>"``.

A rule may apply to some kinds of case only (``applies_to``: kind keys; empty means every kind),
and some rules are requirements rather than local choices (`FIXED_RULE_KEYS`): the team cannot
change or remove them.

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

ANCHOR_SEPARATOR = "|"

#: How each anchor reads in a sentence ("5 working days after <this>").
ANCHOR_LABELS: dict[str, str] = {
    "became_aware": "the date the local authority became aware",
    "notification_sent": "the date the notification was sent to the Panel",
    "decision": "the date of the decision to hold an LCSPR",
    "publication": "publication (the actual date once published, else the planned date)",
    "due:lcspr_publication": "the LCSPR publication due date",
}

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_FIELDS = ("label", "anchor", "amount", "unit", "direction")
_OPTIONAL_FIELDS = ("met_by", "applies_to")


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
    applies_to: tuple[str, ...] = ()  # kinds of case it applies to; empty: every kind

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not _KEY.match(self.key):
            raise DeadlineRuleError(
                "key", "use lower-case letters, digits and underscores, starting with a letter"
            )
        if not isinstance(self.label, str) or not self.label.strip():
            raise DeadlineRuleError("label", "a label is required")
        parts = self.anchor.split(ANCHOR_SEPARATOR) if isinstance(self.anchor, str) else [""]
        if not all(_KEY.match(part.removeprefix(DUE_PREFIX)) for part in parts):
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
        if isinstance(self.applies_to, list):
            object.__setattr__(self, "applies_to", tuple(self.applies_to))
        if not isinstance(self.applies_to, tuple) or not all(
            isinstance(k, str) and _KEY.match(k) for k in self.applies_to
        ):
            raise DeadlineRuleError("applies_to", "must be a list of kinds of case")

    @property
    def anchor_parts(self) -> tuple[str, ...]:
        """The anchor's alternatives, first choice first (one part for a plain anchor)."""
        return tuple(self.anchor.split(ANCHOR_SEPARATOR))

    @property
    def anchor_rules(self) -> tuple[str, ...]:
        """Keys of the rules whose due dates the anchor uses."""
        return tuple(p.removeprefix(DUE_PREFIX) for p in self.anchor_parts if p.startswith(DUE_PREFIX))

    @property
    def anchor_rule(self) -> str | None:
        """The rule key whose due date is the whole anchor, or None for any other anchor."""
        if len(self.anchor_parts) == 1 and self.anchor.startswith(DUE_PREFIX):
            return self.anchor.removeprefix(DUE_PREFIX)
        return None

    @property
    def fixed(self) -> bool:
        """A requirement, not a local choice: the team cannot change or remove it."""
        return self.key in FIXED_RULE_KEYS

    def applies(self, kind: str | None) -> bool:
        """Whether the rule applies to a case of ``kind`` (every rule applies when unknown)."""
        return not self.applies_to or kind is None or kind in self.applies_to

    def describe(self, anchor_labels: Mapping[str, str] | None = None) -> str:
        """Plain English, e.g. "5 working days after the date the local authority became aware".

        ``anchor_labels`` overrides or adds to `ANCHOR_LABELS`; an anchor in neither reads
        "the <anchor> date" or "the due date for <rule key>".
        """
        labels = {**ANCHOR_LABELS, **(anchor_labels or {})}
        texts = [labels.get(part) or _fallback_anchor_label(part) for part in self.anchor_parts]
        anchor_text = labels.get(self.anchor) or ", or until it is known, ".join(texts)
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
            "applies_to": list(self.applies_to),
        }


def _fallback_anchor_label(anchor: str) -> str:
    if anchor.startswith(DUE_PREFIX):
        return f"the due date for {anchor.removeprefix(DUE_PREFIX).replace('_', ' ')}"
    return f"the {anchor.replace('_', ' ')} date"


#: Kinds of case a rule can be limited to (see `domain.case_reviews.CaseKind`).
SERIOUS_HARM = "serious_harm"
CHILD_DEATH = "child_death"
LOOKED_AFTER_DEATH = "looked_after_death"
CARE_LEAVER_DEATH = "care_leaver_death"

#: Requirements (Working Together 2023), not local choices: kept as they are in every rule set.
#: The notification within 5 working days (with telling the partners, and the Secretary of State
#: and Ofsted of a looked-after child's or a care leaver's death) and the report sent before
#: publication are; the rapid review's 15 working days (a Panel expectation) and the LCSPR's 6
#: months are local choices the team may change.
FIXED_RULE_KEYS = frozenset({"notification", "partners_told", "sos_ofsted", "panel_report"})

#: The partners' decision whether to hold an LCSPR is made with the rapid review: by default it
#: is due when the rapid review is (15 working days after the notification), for the cases that
#: have a rapid review. The team may change it, as it may change the rapid review's.
DECISION_RULE_KEY = "partners_decision"

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
        key="partners_told",
        label="Safeguarding partners told",
        anchor="became_aware",
        amount=5,
        unit="working_days",
        direction=1,
        met_by="partners_told",
    ),
    DeadlineRule(
        key="sos_ofsted",
        label="Death notified to the Secretary of State and Ofsted",
        anchor="became_aware",
        amount=5,
        unit="working_days",
        direction=1,
        met_by="sos_ofsted_notified",
        applies_to=(LOOKED_AFTER_DEATH, CARE_LEAVER_DEATH),
    ),
    DeadlineRule(
        key="rapid_review",
        label="Rapid review sent to the Panel",
        anchor="notification_sent",
        amount=15,
        unit="working_days",
        direction=1,
        met_by="rapid_review_sent",
        applies_to=(SERIOUS_HARM, CHILD_DEATH, LOOKED_AFTER_DEATH),
    ),
    DeadlineRule(
        key=DECISION_RULE_KEY,
        label="Decision whether to hold an LCSPR",
        anchor="notification_sent",
        amount=15,
        unit="working_days",
        direction=1,
        met_by="decision_date",
        applies_to=(SERIOUS_HARM, CHILD_DEATH, LOOKED_AFTER_DEATH),
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
        anchor="publication|due:lcspr_publication",
        amount=7,
        unit="working_days",
        direction=-1,
        met_by="sent_to_panel_sos",
    ),
)
DEFAULT_RULE_BY_KEY: dict[str, DeadlineRule] = {rule.key: rule for rule in DEFAULT_RULES}

#: Local rules added to the defaults after teams had saved their rule sets, each with the rule it
#: goes with: a set saved before it existed takes it once, just after that rule (`with_fixed_rules`).
#: A set saved since lists the added rules it was saved knowing of (`KNOWN_KEY` in its stored
#: form, `rules_to_store`), so one the team removed stays removed.
ADDED_RULES: dict[str, str] = {DECISION_RULE_KEY: "rapid_review"}
KNOWN_KEY = "_added_rules_known"


class RuleSet(tuple[DeadlineRule, ...]):
    """A rule set (a tuple of `DeadlineRule`) that knows which of `ADDED_RULES` it was saved
    knowing of (`known`): those are not added to it again. A plain tuple knows none."""

    known: frozenset[str]

    def __new__(cls, rules: Iterable[DeadlineRule] = (), known: Iterable[str] = ()) -> RuleSet:
        made = super().__new__(cls, rules)
        made.known = frozenset(known)
        return made


def with_fixed_rules(rules: Iterable[DeadlineRule], known: Iterable[str] | None = None) -> tuple[DeadlineRule, ...]:
    """``rules`` with every fixed rule exactly as required: a stored copy that differs (from an
    earlier version, or edited by hand) is replaced in place; a missing one (removed in an
    earlier version) is put back before the first rule that follows it among the defaults, or
    at the end.

    The partners' decision goes with the rapid review: a rule set with the rapid review clock
    but no decision clock, saved before the decision had one, takes the default one just after
    the rapid review; the team may change it or remove it as it may the rapid review's. A set
    that knows of it (`known`: the added rules it was saved knowing of; by default the `RuleSet`'s
    own, none for a plain tuple) takes none, and neither does a set without the rapid review
    clock. The result knows of every added rule: passed here again, it is kept as it is."""
    known = frozenset(getattr(rules, "known", ()) if known is None else known)
    result = [DEFAULT_RULE_BY_KEY[r.key] if r.key in FIXED_RULE_KEYS else r for r in rules]
    order = [rule.key for rule in DEFAULT_RULES]
    for key in [k for k in order if k in FIXED_RULE_KEYS]:
        if any(r.key == key for r in result):
            continue
        after = set(order[order.index(key) + 1:])
        at = next((i for i, r in enumerate(result) if r.key in after), len(result))
        result.insert(at, DEFAULT_RULE_BY_KEY[key])
    for key, after in ADDED_RULES.items():
        keys = [r.key for r in result]
        if key not in known and key not in keys and after in keys:
            result.insert(keys.index(after) + 1, DEFAULT_RULE_BY_KEY[key])
    return RuleSet(result, ADDED_RULES)


_DEFAULT_MET_BY = {rule.key: rule.met_by for rule in DEFAULT_RULES}
_DEFAULT_APPLIES_TO = {rule.key: rule.applies_to for rule in DEFAULT_RULES}


# --------------------------------------------------------------------------- stored form


def rules_to_dict(rules: Iterable[DeadlineRule]) -> dict[str, dict[str, Any]]:
    """JSON-compatible form:
    ``{rule key: {"label", "anchor", "amount", "unit", "direction", "met_by"}}``."""
    return {rule.key: rule.to_dict() for rule in rules}


def rules_to_store(rules: Iterable[DeadlineRule]) -> dict[str, Any]:
    """The stored form of a rule set saved now (`rules_to_dict`), saying it was saved knowing of
    every added rule (`KNOWN_KEY`): one left out was left out by the team, and stays out."""
    return {**rules_to_dict(rules), KNOWN_KEY: sorted(ADDED_RULES)}


def rules_from_dict(data: Mapping[str, Any]) -> RuleSet:
    """Rules back from `rules_to_dict` (or `rules_to_store`) output, checked: a `RuleSet` that
    knows the added rules its stored form lists under `KNOWN_KEY` (none where it has none).

    Raises `DeadlineRuleError` (a ValueError) whose ``field`` is ``"<rule key>.<field>"``: a
    missing or unknown field, an amount that is not a whole number 0..400, an unknown unit, a
    direction other than 1 or -1, or an anchor ``"due:<key>"`` naming no rule or going round in
    a circle. ``met_by`` and ``applies_to`` may be missing (rules stored by earlier versions): a
    default rule's key takes the default's, any other rule none (every kind of case).
    """
    if not isinstance(data, Mapping):
        raise DeadlineRuleError("rules", "must be a mapping of rule key to rule")
    known = data.get(KNOWN_KEY, [])
    if not isinstance(known, list) or not all(isinstance(key, str) for key in known):
        raise DeadlineRuleError(KNOWN_KEY, "must be a list of the names of rules")
    rules: list[DeadlineRule] = []
    for key, fields in data.items():
        if key == KNOWN_KEY:
            continue
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
                    applies_to=tuple(fields.get("applies_to", _DEFAULT_APPLIES_TO.get(key, ())) or ()),
                )
            )
        except DeadlineRuleError as error:
            raise DeadlineRuleError(f"{key}.{error.field}", error.message) from None
    _resolution_order(rules)
    return RuleSet(rules, known)


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
        for target in rule.anchor_rules:
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
    """Due date for ``rule``, or None while its anchor date is unknown (for alternatives
    ``"a|b"``: the first of ``anchors["a"]``, ``anchors["b"]`` that is known)."""
    start = anchor_date(rule, anchors)
    if start is None:
        return None
    signed = rule.amount * rule.direction
    try:
        if rule.unit == "working_days":
            return add_working_days(start, signed, closures)
        if rule.unit == "months":
            return add_months(start, signed)
        return start + timedelta(days=signed)
    except (OverflowError, ValueError):  # a far date kept by an earlier version: no due date
        return None


def anchor_date(rule: DeadlineRule, anchors: Mapping[str, date | None]) -> date | None:
    """The date ``rule`` counts from: its first anchor alternative that is known."""
    return next((anchors[p] for p in rule.anchor_parts if anchors.get(p) is not None), None)


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
    STOPPED = "stopped"
    MISSED = "missed"  # not done by the due date, and the case closed after it without it

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
    DeadlineStatus.STOPPED: "Stopped",
    DeadlineStatus.MISSED: "Missed",
}


def counts_from(rule: DeadlineRule, anchors: Mapping[str, date | None]) -> date | None:
    """The recorded date a rule's clock starts on, which the step meeting it cannot come before:
    the anchor date of a rule counting forward from a stage date (the date the local authority
    became aware, for the notification). None for a rule counting back (the report to the Panel
    is sent before publication) or from another rule's due date (a step may be done before it)."""
    part = next((p for p in rule.anchor_parts if anchors.get(p) is not None), None)
    if part is None or rule.direction < 0 or part.startswith(DUE_PREFIX):
        return None
    return anchors[part]


def deadline_status(
    due: date | None,
    done_on: date | None,
    today: date,
    closures: Iterable[date] = (),
    due_soon_working_days: int = 2,
    *,
    starts: date | None = None,
) -> DeadlineStatus:
    """Where a deadline stands on ``today``.

    No due date (anchor not recorded yet) -> NOT_APPLICABLE, even if ``done_on`` is set.
    Done before ``starts`` (the date the clock counts from, `counts_from`) -> NOT_APPLICABLE: the
    dates are out of order, and a step dated before its clock started meets nothing.
    Done -> MET_ON_TIME when done on or before the due date, else MET_LATE.
    Not done -> OVERDUE after the due date; DUE_SOON when at most ``due_soon_working_days``
    working days are left (the due date itself included); otherwise NOT_YET_DUE.
    """
    if due is None or (done_on is not None and starts is not None and done_on < starts):
        return DeadlineStatus.NOT_APPLICABLE
    if done_on is not None:
        return DeadlineStatus.MET_ON_TIME if done_on <= due else DeadlineStatus.MET_LATE
    if today > due:
        return DeadlineStatus.OVERDUE
    if working_days_between(today, due, closures) <= due_soon_working_days:
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.NOT_YET_DUE


def working_days_late(due: date | None, done_on: date | None, closures: Iterable[date] = ()) -> int | None:
    """Working days a step was done after its due date (0 when on time or early); None until
    both dates are known. Done the working day after the due date is 1 working day late."""
    if due is None or done_on is None:
        return None
    return max(working_days_between(due, done_on, closures), 1) if done_on > due else 0


def working_days_left(today: date, due: date | None, closures: Iterable[date] = ()) -> int | None:
    """Working days from ``today`` to ``due`` (0 on the due date); None without a due date.

    Negative once overdue, counted as `working_days_late` counts a step done today: the working
    days after the due date up to today, and at least 1 from the day after the due date even
    when the due date fell on a weekend (due Saturday 31 August: 2 working days overdue on
    Tuesday 3 September, as the same step done that day is 2 working days late).
    """
    if due is None:
        return None
    if today > due:
        return -working_days_late(due, today, closures)
    return working_days_between(today, due, closures)
