"""Partner engagement: for each organisation and a period, what it took part in, each figure
through the owning area's own services: meetings expected and attended per group (the rate and
the threshold flag), training bookings, attendance, no-shows and charges, its Section 11 return
and ratings as they stood at the period's end (`audits.s11_as_on`, as the yearly report counts
them), its case audit returns on time and late, its cash contribution agreed and received and its
contributions in kind (what each is, its financial years and notional value, as the finance
summary states them: `FinanceSummary.in_kind`, which the finance report, the Summary page and the
yearly report print).

`engagement(db, start, end)` gives every organisation's row (one pass over each area);
`partner_details(db, organisation_id, start, end)` adds the rows behind one organisation's
figures for its own workbook: its people's attendance (the register rows its meeting figures
count: held meetings, never one cancelled or postponed), its bookings and charges, its Section 11
ratings and actions, its contributions (cash and in kind). Nothing in the details names another organisation's
people or any case review, and audit returns are counted, never listed (they name cases). A login
a team database keeps case audits from has no audit return figures (None, `AUDITS_NOT_READ`), never 0.

Training bookings, attendance and no-shows are of the sessions run so far, as the Training tab's
figures count them. Late cancellations and charges due are of the charges of the period's
sessions, as the Training tab's charges statement counts them (`charges_report`): a late
cancellation already made is chargeable whatever its session's date, so it is counted, and
charged, before its session runs, and the Charges sheet lists each one the figures count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bscp_desktop.db.database import Database
from bscp_desktop.domain.finance import Period as FinancePeriod
from bscp_desktop.domain.finance import year_label
from bscp_desktop.domain.money import format_money
from bscp_desktop.domain.section11 import RatingCounts, RatingScale, average_text
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.validation import NotFoundError, ValidationError
from bscp_desktop.domain.yearly_report import check_period
from bscp_desktop.services.common import same_as
from bscp_desktop.services.no_child_named import children_named, without_children

ZERO = Decimal("0.00")
#: Said in place of the audit return figures when the login may not read case audits (a team database).
AUDITS_NOT_READ = "Your login may not read audits: audit returns are not counted here"
#: The tables the audit return figures are counted from.
AUDIT_RETURN_TABLES = ("case_audit", "audit_case", "audit_return")


@dataclass(frozen=True)
class GroupAttendance:
    group: str
    expected: int
    attended: int
    apologies: int
    rate_percent: float | None
    below_threshold: bool


@dataclass(frozen=True)
class S11Return:
    cycle: str
    status: str
    due_on: date
    returned_on: date | None
    green: int
    amber: int
    red: int
    not_rated: int
    scale: RatingScale = RatingScale.RAG  # the cycle's own: red, amber, green or a score from 0 to 3
    counts: RatingCounts = RatingCounts()

    @property
    def ratings_text(self) -> str:
        """Its ratings on the cycle's own scale, highest first: "green 3, amber 2, red 0", or
        "score 3: 2, score 2: 1, score 1: 0, score 0: 1; average 2.0"; "" when none is rated."""
        rated = list(zip(self.scale.count_headers, self.counts.on_scale(self.scale), strict=True))
        rated = rated[:len(self.scale.ratings) - 1][::-1]  # not applicable and not rated left out
        if not any(n for _label, n in rated):
            return ""
        if self.scale is RatingScale.SCORE:
            return ", ".join(f"score {label}: {n}" for label, n in rated) + f"; average {average_text(self.counts)}"
        return ", ".join(f"{label.lower()} {n}" for label, n in rated)


@dataclass(frozen=True)
class InKind:
    """A contribution in kind as the finance summary states it: what it is, its financial years
    and its notional value (None when none was given). Not cash: never in the agreed or received figures."""

    description: str
    years: str
    notional_value: Decimal | None

    @property
    def text(self) -> str:
        """"Strategic Partnerships Team staff, 2025/26 (notional value £120,000.00)"."""
        value = ("no notional value given" if self.notional_value is None
                 else f"notional value {format_money(self.notional_value)}")
        return f"{self.description.removesuffix('.')}, {self.years} ({value})"


@dataclass(frozen=True)
class Engagement:
    organisation_id: int
    organisation: str
    archived: bool
    groups: tuple[GroupAttendance, ...]
    bookings: int
    attended: int
    no_shows: int
    late_cancellations: int
    charges_due: Decimal
    s11: tuple[S11Return, ...]
    audit_returns_on_time: int | None  # None: not counted, the login may not read audits (`AUDITS_NOT_READ`)
    audit_returns_late: int | None
    audit_returns_outstanding: int | None
    contribution_agreed: Decimal
    contribution_received: Decimal
    in_kind: tuple[InKind, ...] = ()  # its contributions in kind, which the cash figures leave out

    id = same_as("organisation_id")
    name = same_as("organisation")

    @property
    def audit_returns_counted(self) -> bool:
        """False when the login may not read audits: the audit return figures are not available, never 0."""
        return self.audit_returns_on_time is not None

    @property
    def meetings_expected(self) -> int:
        return sum(g.expected for g in self.groups)

    @property
    def meetings_attended(self) -> int:
        return sum(g.attended for g in self.groups)

    @property
    def attendance_rate(self) -> float | None:
        """Attended / expected in per cent, unrounded (printed with `format_percent`, whole per
        cent with halves up: 5 of 8 is 63%, as the Attendance tab shows it)."""
        return 100 * self.meetings_attended / self.meetings_expected if self.meetings_expected else None

    @property
    def below_threshold(self) -> bool:
        """Below the attendance threshold at one of its groups or more, whatever the rate over
        all of them (`attendance_rate`): outputs say "below the threshold in a group"."""
        return any(g.below_threshold for g in self.groups)

    @property
    def s11_text(self) -> str:
        return "; ".join(
            f"{r.cycle}: {r.status}" + (f" ({r.ratings_text})" if r.ratings_text else "") for r in self.s11
        ) or "Not asked"

    @property
    def in_kind_text(self) -> str:
        """Its contributions in kind in words (`InKind.text`), "" when it gave none."""
        return "; ".join(k.text for k in self.in_kind)

    @property
    def in_kind_value(self) -> Decimal | None:
        """The notional value of its contributions in kind; None when it gave none or none has a value."""
        values = [k.notional_value for k in self.in_kind if k.notional_value is not None]
        return sum(values, ZERO) if values else None

    @property
    def has_anything(self) -> bool:
        return bool(self.groups or self.bookings or self.late_cancellations or self.charges_due or self.s11
                    or self.audit_returns_on_time or self.audit_returns_late or self.audit_returns_outstanding
                    or self.contribution_agreed or self.contribution_received or self.in_kind)


def _period(start: date | None, end: date | None, covering: str = "Partner engagement") -> tuple[date, date]:
    """The period asked for, or a ValidationError naming the date field and, when it is too long,
    the output (`covering`) that covers at most three years."""
    errors = check_period(start, end, covering)
    if errors:
        raise ValidationError({("date_from" if k == "period_start" else "date_to"): v for k, v in errors.items()})
    assert start is not None and end is not None
    return start, end


def _bookings_run(db: Database, start: date, end: date, today: date) -> list:
    """The period's bookings on sessions that have run (up to `today`), as the Training tab's
    figures count them: a session still to come has no attendance or no-shows yet."""
    from bscp_desktop.services.training import bookings as tb

    return tb.list_bookings(db, start=start, end=min(end, today)) if start <= today else []


def _counted(b) -> bool:
    """A booking as the training figures count them: a place held, not one on the waiting list
    nor the cancellation of a delegate who left it, nor one called off with its session by the
    partnership."""
    from bscp_desktop.domain.training import Outcome

    return b.outcome not in (Outcome.WAITLISTED, Outcome.CALLED_OFF) and b.gave_up_place


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def _audit_returns(db: Database, start: date, end: date) -> dict[int, list[int]] | None:
    """Each organisation's case audit returns of the period's audits: on time, late, outstanding.
    None when the login may not read case audits (a team database keeps them from it): not
    counted, which is not the same as none."""
    from bscp_desktop.services import access
    from bscp_desktop.services.audits import case_audits as ca
    from bscp_desktop.services.audits import samples as sa

    returns: dict[int, list[int]] = {}
    try:
        if access.unreadable(db, AUDIT_RETURN_TABLES):
            return None
        for audit in ca.list_audits(db):
            if not _in(audit.audit_date, start, end):
                continue
            live = {c.id for c in sa.list_cases(db, audit.id)}  # an archived case, or return, is no longer asked for
            for r in sa.list_returns(db, audit.id):
                if r.archived or r.audit_case_id not in live or r.not_requested:  # not asked: not outstanding
                    continue
                tally = returns.setdefault(r.organisation_id, [0, 0, 0])
                if r.received_on is None:
                    tally[2] += 1
                elif r.due_on is None or r.received_on <= r.due_on:  # its own due date: later if asked late
                    tally[0] += 1
                else:
                    tally[1] += 1
    except PermissionError:  # the grants refused a read of them all the same
        return None
    return returns


def _in_kind(db: Database, summary) -> dict[int, list[InKind]]:
    """Each organisation's contributions in kind (organisation id -> rows), as the finance
    summary states them (`summary.in_kind`, which names the organisation): its contributions in
    kind of the summary's years say which organisation each is, so a later one of an archived
    one's name is not credited with it. Where two organisations of one name gave the same, each
    has its own contributions' years and notional value."""
    from bscp_desktop.domain.finance import ContributionKind
    from bscp_desktop.services.finance import contributions as fc

    years = set(summary.period.years)
    given: dict[tuple[str, str], dict[int, list]] = {}
    for c in sorted(fc.list_contributions(db), key=lambda c: c.id):  # as the summary reads them
        if c.kind is ContributionKind.IN_KIND and c.start_year in years:
            given.setdefault((c.organisation_name, c.in_kind_description), {}).setdefault(c.organisation_id, []).append(c)
    result: dict[int, list[InKind]] = {}
    for k in summary.in_kind:
        owners = given.get((k.organisation, k.description), {})
        for org_id, items in owners.items():
            if len(owners) == 1:
                row = InKind(k.description, k.years, k.notional_value)
            else:
                values = [c.notional_value for c in items if c.notional_value is not None]
                row = InKind(k.description, ", ".join(year_label(c.start_year) for c in items),
                             sum(values, ZERO) if values else None)
            result.setdefault(org_id, []).append(row)
    return result


def engagement(db: Database, date_from: date | None, date_to: date | None, today: date | None = None,
               include_archived: bool = False) -> list[Engagement]:
    """Every current organisation's engagement in the period, in name order, and every archived
    one's that took part in anything in it (sat on a group, booked training, agreed a
    contribution...), as the yearly report's own tables count it; `include_archived`, every
    archived one's too."""
    from bscp_desktop.domain.training import ChargeKind, Outcome
    from bscp_desktop.services import attendance as at
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.services.audits.s11_as_on import cycles_in, grid_on
    from bscp_desktop.services.finance import summaries as fs
    from bscp_desktop.services.training import charges as tc

    start, end = _period(date_from, date_to)
    today = today or date.today()
    organisations = ms.list_organisations(db, include_archived=True)  # archived since, with their part in the period

    groups: dict[int, list[GroupAttendance]] = {}
    for r in at.attendance_monitoring(db, start, end).by_group:
        groups.setdefault(r.organisation_id, []).append(GroupAttendance(
            r.group_name, r.expected, r.attended, r.apologies, r.rate_percent, r.below_threshold))

    booked: dict[int, list] = {}
    for b in _bookings_run(db, start, end, today):
        if b.organisation_id is not None and _counted(b):
            booked.setdefault(b.organisation_id, []).append(b)
    # by the organisation the bookings are linked to, as they are counted; a late cancellation already
    # made is counted with its charge, whatever its session's date (`partner_details` lists the same lines)
    charges: dict[int, Decimal] = {}
    late: dict[int, int] = {}
    for line in tc.charges_report(db, start, end).lines:
        if line.organisation_id is not None:
            charges[line.organisation_id] = charges.get(line.organisation_id, ZERO) + line.due
            if line.kind is ChargeKind.LATE_CANCELLATION:
                late[line.organisation_id] = late.get(line.organisation_id, 0) + 1

    returns: dict[int, list[S11Return]] = {}
    for cycle in cycles_in(db, start, end):
        grid = grid_on(db, cycle.id, end)  # where its return had got to at the period's end
        for a in grid.agencies:
            counts = grid.counts_for_agency(a.id)
            returns.setdefault(a.organisation_id, []).append(S11Return(
                cycle.name, a.status.label, a.due_on, a.returned_on, counts.green, counts.amber, counts.red,
                counts.not_rated + counts.not_applicable, grid.scale, counts))

    audit_returns = _audit_returns(db, start, end)

    money: dict[int, tuple[Decimal, Decimal]] = {}
    finances = fs.summary(db, FinancePeriod(start, end))
    in_kind = _in_kind(db, finances)
    for p in finances.partners:
        org_id = p.organisation_id  # by the organisation itself: a later one of the same name is another
        if org_id is not None:
            agreed, received = money.get(org_id, (ZERO, ZERO))
            money[org_id] = (agreed + p.agreed, received + p.received_by_end)

    rows = []
    for o in organisations:
        bookings = booked.get(o.id, [])
        tally = [None, None, None] if audit_returns is None else audit_returns.get(o.id, [0, 0, 0])
        agreed, received = money.get(o.id, (ZERO, ZERO))
        row = Engagement(
            o.id, o.name, o.archived, tuple(sorted(groups.get(o.id, []), key=lambda g: alphabetical(g.group))),
            len(bookings), sum(1 for b in bookings if b.outcome is Outcome.ATTENDED),
            sum(1 for b in bookings if b.outcome is Outcome.NO_SHOW),
            late.get(o.id, 0), charges.get(o.id, ZERO), tuple(returns.get(o.id, [])),
            tally[0], tally[1], tally[2], agreed, received, tuple(in_kind.get(o.id, [])),
        )
        if include_archived or not o.archived or row.has_anything:
            rows.append(row)
    return sorted(rows, key=lambda r: alphabetical(r.organisation))


def partner_named(db: Database, text: str):
    """The organisation `text` names (its name, other name or short name, as Memberships finds
    one): a current one, else an archived one, whose part in earlier periods is kept. None when
    none, or more than one, has the name."""
    from bscp_desktop.services import memberships as ms

    with db.unit_of_work() as session:
        matcher = ms.organisation_matcher_in(session)
        return matcher.match(text) or matcher.archived_match(text)


def partner_not_named(db: Database, text: str) -> str:
    """Why `text` names no one organisation (`partner_named` found none), in one sentence: the
    organisations it could mean, where more than one has the name; no organisation recorded yet;
    or none called so."""
    from bscp_desktop.services import memberships as ms

    with db.unit_of_work() as session:
        matcher = ms.organisation_matcher_in(session)
        found = matcher.candidates(text)
        if len(found) > 1:
            names = "; ".join(f"{o.name} (id {o.id})" for o in sorted(found, key=lambda o: (alphabetical(o.name), o.id)))
            return f"'{text}' could mean more than one organisation ({names}): give its full name or its id"
        if not ms.organisations_in(session, include_archived=True):
            return (f"There is no organisation called '{text}': this database has no organisations yet; "
                    "add them in the Memberships tab")
    return f"There is no organisation called '{text}': give its name, short name or id as the Memberships tab lists it"


def organisation_engagement(db: Database, organisation_id: int, date_from: date | None, date_to: date | None,
                            today: date | None = None) -> Engagement:
    for row in engagement(db, date_from, date_to, today, include_archived=True):
        if row.organisation_id == organisation_id:
            return row
    raise NotFoundError(f"There is no organisation with id {organisation_id}.")


# ---------------------------------------------------------------- one partner's own records


@dataclass(frozen=True)
class PartnerDetails:
    engagement: Engagement
    period: tuple[date, date]
    attendance: tuple[tuple[date, str, str, str, str], ...]  # date, meeting, person, status, deputy
    bookings: tuple[tuple[date, str, str, str], ...]  # date, course, delegate, outcome
    charges: tuple[tuple[date, str, str, str, Decimal, bool], ...]  # date, course, delegate, kind, amount, waived
    s11_ratings: tuple[tuple[str, str, str, str], ...]  # cycle, standard, self rating, moderated
    s11_actions: tuple[tuple[str, str, str, date | None, str], ...]  # cycle, standard, action, due, status
    # what it is, its financial years, cash agreed, cash received, notional value (in kind)
    contributions: tuple[tuple[str, str, Decimal | None, Decimal | None, Decimal | None], ...]


def partner_details(db: Database, organisation_id: int, date_from: date | None, date_to: date | None,
                    today: date | None = None) -> PartnerDetails:
    """Everything one organisation's own workbook holds, and nothing about anyone else."""
    from bscp_desktop.services import meetings as mt
    from bscp_desktop.services.audits import s11_ratings as sr
    from bscp_desktop.services.audits.s11_as_on import cycles_in, grid_on
    from bscp_desktop.services.training import charges as tc

    start, end = _period(date_from, date_to, "A partner's workbook")
    today = today or date.today()
    row = organisation_engagement(db, organisation_id, start, end, today)
    meetings = {m.id: m for m in mt.list_meetings(db, date_from=start, date_to=end)}

    def in_order(row: tuple) -> tuple:  # by day, then the meeting or course and the person as names are listed
        return row[0], alphabetical(row[1]), alphabetical(row[2]), row

    attendance = sorted((
        (meetings[a.meeting_id].date, meetings[a.meeting_id].label, a.name, a.status.label, a.deputy_label)
        for a in _rows_counted(db, meetings) if a.organisation_id == organisation_id
    ), key=in_order)
    bookings = sorted((
        (b.starts_at.date(), b.course_title, b.delegate_name, b.outcome.label)
        for b in _bookings_run(db, start, end, today)
        if b.organisation_id == organisation_id and _counted(b)  # as the figure counts them
    ), key=in_order)
    charges = [  # the lines its charges due and late cancellations count (`engagement`): its own bookings, never
        # a name typed like its; a late cancellation of a session still to come among them
        (line.session_day, line.course_title, line.delegate_name, line.kind.label, line.amount, line.waived)
        for line in tc.charges_report(db, start, end).lines if line.organisation_id == organisation_id
    ]
    ratings, actions = [], []
    for cycle in cycles_in(db, start, end):
        grid = grid_on(db, cycle.id, end)  # its ratings as the figures count them
        mine = [a for a in grid.agencies if a.organisation_id == organisation_id]
        for a in mine:
            for s in grid.standards:
                r = grid.cell(a.id, s.id).rating
                ratings.append((cycle.name, f"{s.number}. {s.title}", _label(r.self_rating), _label(r.moderated_rating)))
        if mine:
            for act in sr.cycle_actions(db, cycle.id):
                if act.organisation_name == row.organisation:
                    a = act.action
                    actions.append((cycle.name, f"{act.standard_number}. {act.standard_title}", a.description,
                                    a.due_date, "Overdue" if a.overdue_on(today) else a.status.label))
    cash = [("Cash contribution", FinancePeriod(start, end).years_label, row.contribution_agreed,
             row.contribution_received, None)] if row.contribution_agreed or row.contribution_received else []
    contributions = cash + [(f"In kind: {k.description}", k.years, None, None, k.notional_value) for k in row.in_kind]
    names = children_named(db)  # a meeting, course or action may have been named with a child's alias

    def scrubbed(rows: list) -> tuple:
        return tuple(tuple(without_children(v, names) if isinstance(v, str) else v for v in r) for r in rows)

    return PartnerDetails(row, (start, end), scrubbed(attendance), scrubbed(bookings), scrubbed(charges),
                          scrubbed(ratings), scrubbed(actions), scrubbed(contributions))


def _rows_counted(db: Database, meetings: dict) -> list:
    """The register rows of `meetings` (id -> meeting) that the meeting figures count, by attendance
    monitoring's own rule (`RegisterEntry.counted`): a member's seat at a held meeting of a kind the
    team counts, never a meeting cancelled or postponed (nor the secretariat, an adviser or a guest),
    and no row of a held meeting whose register marks nobody present, which monitoring leaves out."""
    from bscp_desktop.domain.meetings import RegisterEntry
    from bscp_desktop.services import attendance as at

    uncounted = at.get_uncounted_kinds(db)
    rows = [a for a in at.list_attendance(db) if a.meeting_id in meetings]
    present = {a.meeting_id for a in rows if a.status.in_the_room}

    def counted(a) -> bool:
        m = meetings[a.meeting_id]
        return a.meeting_id in present and RegisterEntry(
            a.meeting_id, m.status, m.group_id, a.organisation_id, a.status, a.expected, a.role or "", m.kind,
        ).counted(uncounted)

    return [a for a in rows if counted(a)]


def _label(value) -> str:
    return "" if value is None else getattr(value, "label", str(value))
