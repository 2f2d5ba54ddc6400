"""What the case review work of any period adds up to. Pure Python.

Partnerships summarise a year as cases considered, notifications sent, rapid reviews completed
and local reviews started and published, with the timeliness of each statutory clock (in
working days) and who the cases were about. The counting rules:

* **Cases considered**: cases whose Considered on date is in the period; a case with no such
  date counts on the date the local authority became aware. The breakdowns (incident type and
  harm, sex, age band, themes) are of these cases.
* **Notifications sent**, **rapid reviews completed** (sent to the Panel), **local reviews
  started** (a decision to hold an LCSPR) and **local reviews published**: cases whose date for
  that step is in the period, whenever they were considered.
* **Timeliness** per clock, as things stood at the end of the period: clocks met in the period
  on time or late, the average working days late of those met late, and those overdue on the
  last day of the period. Steps done after the period are not done yet then; a plan (the
  planned publication date) is kept whenever it falls, as the tracker counts from it. A period
  that ends after today (the financial year so far, or the whole of the current one) is judged
  as at today: a deadline not yet come is not overdue, and the figures say "as at" today. A
  period that begins after today has no clock met or overdue in it yet.
* **Missed**: clocks whose due date is in the period, never met, on a case closed after that
  due date (by the end of the period). Closing a case never hides a deadline it had missed:
  a period that ends before it closed counts the clock overdue, one that ends after counts it
  missed; both count it as not met.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bscp_desktop.domain.case_review_clocks import clocks_for
from bscp_desktop.domain.case_reviews import STAGE_BY_KEY, AgeBand, CaseKind, Decision, Harm, IncidentType, Outcome, Sex, counted_on
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.deadlines import DeadlineRule, DeadlineStatus
from bscp_desktop.domain.percent import half_up
from bscp_desktop.domain.validation import clean_names

HEADLINES = (
    "Cases considered",
    "Notifications sent",
    "Rapid reviews completed",
    "Local reviews started",
    "Local reviews published",
)
NOT_RECORDED = "Not recorded"
NOT_DECIDED = "Not decided yet"

#: the column of clocks due in a period that a case closed without meeting
MISSED_HEADING = "Missed (case closed)"


@dataclass(frozen=True)
class SummaryCase:
    """The facts of one case the summary needs."""

    reference: str
    alias: str
    became_aware: date
    dates: Mapping[str, date | None]
    incident_type: IncidentType | None = None
    harm: Harm | None = None
    sex: Sex | None = None
    age_band: AgeBand | None = None
    outcome: Outcome | None = None
    decision: Decision | None = None
    kind: CaseKind | None = None
    themes: tuple[str, ...] = ()
    not_published_reason: str = ""
    delay_reason: str = ""

    @property
    def considered_on(self) -> date:
        return counted_on(self.became_aware, self.dates.get("considered_on"))


@dataclass(frozen=True)
class Timeliness:
    key: str
    label: str
    on_time: int
    late: int
    average_working_days_late: float | None  # of those met late; None when none was late
    overdue_at_end: int
    missed: int = 0  # due in the period, never met, the case closed after the due date

    @property
    def met(self) -> int:
        return self.on_time + self.late

    @property
    def not_met(self) -> int:
        """Clocks not met: overdue at the end of the period, or missed by a case closed since."""
        return self.overdue_at_end + self.missed


@dataclass(frozen=True)
class CaseSummary:
    date_from: date
    date_to: date
    considered: tuple[SummaryCase, ...]
    notifications_sent: int
    rapid_reviews_completed: int
    local_reviews_started: int
    local_reviews_published: int
    timeliness: tuple[Timeliness, ...]
    by_incident_and_harm: tuple[tuple[str, tuple[int, ...]], ...]  # incident type, counts per harm
    harm_labels: tuple[str, ...]
    by_sex: tuple[tuple[str, int], ...]
    by_age_band: tuple[tuple[str, int], ...]
    themes: tuple[tuple[str, int, float], ...]  # theme, cases, share of cases considered
    by_outcome: tuple[tuple[str, int], ...] = field(default=())
    # the day the clocks were judged on when the period ends after it (today), else None
    clocks_as_at: date | None = None

    @property
    def overdue_wording(self) -> str:
        """When the overdue figures stand: "at the end of the period", or "as at 05/12/2026" for a
        period that had not ended when the summary was made."""
        if self.clocks_as_at is None:
            return "at the end of the period"
        return f"as at {format_date(self.clocks_as_at)}"

    @property
    def overdue_heading(self) -> str:
        """A column heading for the overdue figures: "Overdue at the end of the period"..."""
        return f"Overdue {self.overdue_wording}"

    @property
    def cases_considered(self) -> int:
        return len(self.considered)

    @property
    def by_incident_type(self) -> tuple[tuple[str, int], ...]:
        return tuple((label, sum(counts)) for label, counts in self.by_incident_and_harm)

    @property
    def by_harm(self) -> tuple[tuple[str, int], ...]:
        return tuple(
            (label, sum(counts[i] for _, counts in self.by_incident_and_harm))
            for i, label in enumerate(self.harm_labels)
        )

    def headline_figures(self) -> list[tuple[str, int]]:
        return [
            ("Cases considered", self.cases_considered),
            ("Notifications sent", self.notifications_sent),
            ("Rapid reviews completed", self.rapid_reviews_completed),
            ("Local reviews started", self.local_reviews_started),
            ("Local reviews published", self.local_reviews_published),
        ]

    def figures(self) -> list[tuple[str, int | float | None]]:
        """Every figure as (label, number), the headline ones first: the Summary sheet. An
        average of nothing late is None (shown empty, as the Timeliness sheet shows it)."""
        rows: list[tuple[str, int | float | None]] = list(self.headline_figures())
        rows += [(f"Outcome: {label}", n) for label, n in self.by_outcome]
        for t in self.timeliness:
            rows += [
                (f"{t.label}: met on time", t.on_time),
                (f"{t.label}: met late", t.late),
                (f"{t.label}: average working days late", t.average_working_days_late),
                (f"{t.label}: overdue {self.overdue_wording}", t.overdue_at_end),
                (f"{t.label}: missed (due in the period, the case closed without it)", t.missed),
            ]
        rows += [(f"Incident type: {label}", n) for label, n in self.by_incident_type]
        rows += [(f"Harm: {label}", n) for label, n in self.by_harm]
        rows += [(f"Sex: {label}", n) for label, n in self.by_sex]
        rows += [(f"Age band: {label}", n) for label, n in self.by_age_band]
        for theme, n, share in self.themes:
            rows += [(f"Theme: {theme}", n), (f"Theme: {theme} (share of cases considered)", Share(share))]
        return rows


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def _known_at(key: str, day: date | None, date_to: date) -> date | None:
    """A case's date as it stood at the end of the period: a step done later (the Panel told of a
    delay too) was not done yet, but a plan (the planned publication date) is kept, since a plan
    is in the future by nature and the "before publication" clocks count back from it until the
    review is published."""
    if day is None:
        return None
    stage = STAGE_BY_KEY.get(key)
    if stage is not None and stage.plan:
        return day
    return day if day <= date_to else None


def _label(member, default: str = NOT_RECORDED) -> str:
    return member.label if member is not None else default


def _counts(labels: Iterable[str], values: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """Counts in the order of ``labels``, then "Not recorded" when any value is missing."""
    values = list(values)
    rows = [(label, values.count(label)) for label in labels]
    if NOT_RECORDED in values:
        rows.append((NOT_RECORDED, values.count(NOT_RECORDED)))
    return tuple(rows)


def _outcomes(cases: Sequence[SummaryCase]) -> tuple[tuple[str, int], ...]:
    rows = [(o.label, sum(1 for c in cases if c.outcome is o)) for o in Outcome]
    undecided = sum(1 for c in cases if c.outcome is None)
    return tuple(rows + ([(NOT_DECIDED, undecided)] if undecided else []))


class Share(float):
    """A theme's share of the cases considered, a fraction shown as a percentage (6.3%)."""


def _average(days_late: Sequence[int]) -> float | None:
    """The average of working days late, to one place, a half rounded up as every figure shown
    is (1, 1, 1 and 2 days late average 1.3); None for none."""
    return float(half_up(Decimal(sum(days_late)) / len(days_late), "0.1")) if days_late else None


def theme_key(theme: str) -> str:
    """What two spellings of one theme share: capitals and spaces aside ('neglect ' is 'Neglect')."""
    return " ".join(str(theme).split()).casefold()


def theme_spelling(configured: Iterable[str]) -> Callable[[str], str]:
    """How a theme is shown and kept: in the configured spelling where it is a configured theme
    but for capitals and spaces ('neglect' is 'Neglect'), else as written, its spaces folded. The rule
    of every page: the Themes page, the summary for a period, the yearly report and the tracker import."""
    spelling = {theme_key(name): name for name in clean_names(configured)}

    def spelt(theme: str) -> str:
        return spelling.get(theme_key(theme), " ".join(str(theme).split()))

    return spelt


def summarise(
    cases: Sequence[SummaryCase],
    date_from: date,
    date_to: date,
    rules: Sequence[DeadlineRule],
    closures: Iterable[date] = (),
    theme_order: Sequence[str] = (),
    today: date | None = None,
) -> CaseSummary:
    """The summary of ``cases`` for the period ``date_from`` to ``date_to`` (both included). The
    clocks are judged at the end of the period, or on ``today`` when the period ends after it."""
    if date_to < date_from:
        raise ValueError("The end of the period is before its start")
    as_at = min(date_to, today) if today is not None else date_to
    closed_days = frozenset(closures)
    considered = tuple(
        sorted((c for c in cases if _in(c.considered_on, date_from, date_to)),
               key=lambda c: (c.considered_on, c.reference))
    )

    def count(stage: str, decision: Decision | None = None) -> int:
        return sum(
            1 for c in cases
            if _in(c.dates.get(stage), date_from, date_to) and (decision is None or c.decision is decision)
        )

    # timeliness as things stood at the end of the period (or today, if sooner): later dates are not known yet;
    # a period not begun by then (as at a day before it) has nothing met nor overdue in it
    tallies: dict[str, list] = {r.key: [0, 0, [], 0, 0] for r in rules}
    for c in cases if as_at >= date_from else ():
        if c.became_aware > as_at:
            continue
        known = {k: _known_at(k, v, as_at) for k, v in c.dates.items()}
        for clock in clocks_for(
            rules, known, c.decision, as_at, closed_days, c.not_published_reason,
            kind=c.kind, outcome=c.outcome, delay_reason=c.delay_reason,
        ):
            tally = tallies[clock.key]
            if clock.status is DeadlineStatus.OVERDUE:
                tally[3] += 1
            elif clock.status is DeadlineStatus.MISSED and _in(clock.due, date_from, date_to):
                tally[4] += 1
            elif clock.met and _in(clock.done_on, date_from, date_to):
                if clock.status is DeadlineStatus.MET_ON_TIME:
                    tally[0] += 1
                else:
                    tally[1] += 1
                    tally[2].append(clock.working_days_late or 0)
    timeliness = tuple(
        Timeliness(r.key, r.label, tallies[r.key][0], tallies[r.key][1], _average(tallies[r.key][2]), tallies[r.key][3],
                   tallies[r.key][4])
        for r in rules
    )

    harm_labels = tuple(h.label for h in Harm) + (
        (NOT_RECORDED,) if any(c.harm is None for c in considered) else ()
    )
    by_incident = tuple(
        (t.label, tuple(sum(1 for c in considered if c.incident_type is t and _label(c.harm) == h) for h in harm_labels))
        for t in IncidentType
    )
    theme_counts: dict[str, int] = {}
    spelt = theme_spelling(theme_order)
    spelling: dict[str, str] = {}  # a theme not configured: in the spelling met first
    for c in considered:
        for theme in clean_names(c.themes):
            name = spelling.setdefault(spelt(theme).casefold(), spelt(theme))
            theme_counts[name] = theme_counts.get(name, 0) + 1
    total = len(considered)
    themes = tuple(  # the exact share: each output rounds it once, as it shows it
        (theme, n, n / total if total else 0.0)
        for theme, n in sorted(theme_counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    )
    return CaseSummary(
        date_from=date_from,
        date_to=date_to,
        considered=considered,
        notifications_sent=count("notification_sent"),
        rapid_reviews_completed=count("rapid_review_sent"),
        local_reviews_started=count("decision_date", Decision.LCSPR),
        local_reviews_published=count("published"),
        timeliness=timeliness,
        by_incident_and_harm=by_incident,
        harm_labels=harm_labels,
        by_sex=_counts((s.label for s in Sex), (_label(c.sex) for c in considered)),
        by_age_band=_counts((a.label for a in AgeBand), (_label(c.age_band) for c in considered)),
        themes=themes,
        by_outcome=_outcomes(considered),
        clocks_as_at=as_at if as_at < date_to else None,
    )


