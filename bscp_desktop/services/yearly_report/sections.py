"""The yearly report's built sections: each filled from the records of the period through the
owning area's own services (never its tables), as plain-data blocks (`domain.yearly_report`).

`BUILDERS` maps a section key to its builder, `build(db, start, end, today) -> BuiltSection`.
A section with nothing in the period says so in words (`has_data` is False), never with an
empty table. No section prints a child's alias or a case reference: `build_section` takes every
case's (a review's, an audited case's) out of the words of what a builder made
(`without_children`), whatever a learning point or a meeting's key area of focus was typed with.
A name put into a sentence of a block (a partner contributing in kind, a group with lay members)
is isolated (`domain.text.isolate`), as the finance PDF isolates one: a name in Arabic script keeps the
sentence English and left to right, and the brackets, years and full stop after it in place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from bscp_desktop.db.database import Database
from bscp_desktop.domain.actions import ActionStatus, is_overdue
from bscp_desktop.domain.audits import count_gradings
from bscp_desktop.domain.case_summary import MISSED_HEADING
from bscp_desktop.domain.dates import EARLIEST_YEAR, format_date
from bscp_desktop.domain.evaluations import shown_scores
from bscp_desktop.domain.finance import long_date
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.money import format_money
from bscp_desktop.domain.section11 import RatingScale, average_text
from bscp_desktop.domain.text import alphabetical, counted, isolate
from bscp_desktop.domain.training import not_counted_yet, told_apart
from bscp_desktop.domain.validation import local_time
from bscp_desktop.domain.yearly_report import Block, BuiltSection, ChartBlock, Para, Table
from bscp_desktop.services.history import values_on
from bscp_desktop.services.no_child_named import without_children as _without_children
from bscp_desktop.services.yearly_report.as_it_stood import actions_as_they_stood, seats_as_they_stood
from bscp_desktop.services.yearly_report.cases_considered import considered_sentences, figure_rows
from bscp_desktop.services.yearly_report.meeting_sections import activity, attendance
from bscp_desktop.services.yearly_report.period_words import between as _period
from bscp_desktop.services.yearly_report.period_words import so_far as _so_far

Builder = Callable[[Database, date, date, date], BuiltSection]
BUILDERS: dict[str, Builder] = {}


def builds(key: str):
    def register(fn: Builder) -> Builder:
        BUILDERS[key] = fn
        return fn

    return register


def _nothing(key: str, sentence: str) -> BuiltSection:
    return BuiltSection(key, (Para(sentence),), "", False)


# ---------------------------------------------------------------- memberships


_ROLE_ORDER = {role: i for i, role in enumerate(Role)}


@builds("membership")
def membership(db: Database, start: date, end: date, today: date) -> BuiltSection:
    """Each group's members on the last day of the period: organisation, the person's job title
    or service as their record has it (never their name: the reference report names no one) and
    role. Lay members sit without an organisation and are listed as such; another seat without
    one says so in plain words ("No organisation"; "Independent" only for the independent
    scrutineer's seat). Secretariat are left out. A group archived after the period ended was
    still current then, so it is listed (its meetings are in the other sections); one archived
    by then is not. Each organisation's name and each job title are as they stood that day
    (`seats_as_they_stood`): a trust renamed or a person given a new post since leaves a past year as it was."""
    from bscp_desktop.services import memberships as ms

    current = {g.id for g in ms.list_groups(db, include_archived=True)
               if g.archived_at is None or local_time(g.archived_at).date() > end}
    rows = [m for m in ms.list_memberships(db, on=end, seated=True)
            if m.role is not Role.SECRETARIAT and m.group_id in current]
    if not rows:
        return _nothing("membership", f"No group had members on {long_date(end)}.")
    rows, posts = seats_as_they_stood(db, rows, {p.id: p.job_title for p in ms.list_people(db, include_archived=True)}, end)
    groups: dict[str, list] = {}
    for m in rows:
        groups.setdefault(m.group_name, []).append(m)
    blocks = []
    for group in sorted(groups, key=alphabetical):
        members = sorted(groups[group], key=lambda m: (_ROLE_ORDER[m.role], alphabetical(m.organisation_name),
                                                        alphabetical(posts.get(m.person_id, "")),
                                                        alphabetical(m.person_name)))
        table_rows = tuple(_member_row(m, posts.get(m.person_id, "")) for m in members)
        lay = sum(1 for m in members if m.role is Role.LAY_MEMBER)
        blocks.append(Table(f"{isolate(group)} on {long_date(end)}", ("Organisation", "Job title or service", "Role"),
                            table_rows))
        if lay:
            blocks.append(Para(f"The {isolate(group)} has {lay} lay member{'s' if lay != 1 else ''}."))
    draft = f"The membership of each group on {long_date(end)}, the last day of the period."
    return BuiltSection("membership", tuple(blocks), draft, True)


def _member_row(m, post: str) -> tuple[str, str, str]:
    """(organisation, job title or service, role) of a seat; the job title left out where it
    only says again what the other two say ("Lay member")."""
    if m.role is Role.LAY_MEMBER:
        organisation = "Lay member"
    elif m.organisation_name:
        organisation = m.organisation_name
    else:
        organisation = "Independent" if m.role is Role.INDEPENDENT_SCRUTINEER else "No organisation"
    if post.casefold() in (organisation.casefold(), m.role.label.casefold()):
        post = ""
    return organisation, post, m.role.label


# ---------------------------------------------------------------- meetings


builds("activity")(activity)  # meeting_sections: the meetings held, and attendance at them
builds("attendance")(attendance)


# ---------------------------------------------------------------- case reviews


def without_children(section: BuiltSection, names: Sequence[str]) -> BuiltSection:
    """A built section with every alias and case reference in its words taken out (a learning
    point, a meeting's key area of focus, a recommendation typed with a child's alias in it)."""
    if not names:
        return section
    return replace(section, blocks=blocks_without_children(section.blocks, names),
                   draft=_without_children(section.draft, names))


def blocks_without_children(blocks: Sequence[Block], names: Sequence[str]) -> tuple[Block, ...]:
    """`blocks` with every alias and case reference taken out of their words: tables' titles and
    cells, paragraphs, charts' titles, categories and the words read out in place of a chart."""
    if not names:
        return tuple(blocks)
    scrubbed: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            block = replace(block, title=_without_children(block.title, names), rows=tuple(
                tuple(_without_children(cell, names) for cell in row) for row in block.rows))
        elif isinstance(block, Para):
            block = replace(block, text=_without_children(block.text, names))
        elif isinstance(block, ChartBlock):
            block = replace(block, title=_without_children(block.title, names),
                            alt_text=_without_children(block.alt_text, names),
                            categories=tuple(_without_children(c, names) for c in block.categories))
        scrubbed.append(block)
    return tuple(scrubbed)


@builds("case_reviews")
def case_reviews(db: Database, start: date, end: date, today: date) -> BuiltSection:
    """Cases considered (and those of the period still to be: `cases_considered`), notified, rapid
    reviews, local reviews, timeliness against each clock, themes, and the actions from
    recommendations, with no alias or reference."""
    from bscp_desktop.services import case_review_summary as crs
    from bscp_desktop.services import case_reviews as cr

    summary = crs.case_summary(db, start, end, today)
    linked = cr.case_review_actions(db, today=today)
    # actions of cases the partnership knew of by the period's end, as they stood at its end
    known = {c.id for c in cr.list_case_reviews(db, include_archived=True) if c.became_aware <= end}
    as_of = min(end, today)
    # what each was, when it was due and who owned it too: a due date put back since leaves it overdue then
    then, stood = actions_as_they_stood(db, [a.action for a in linked if a.record.parent_id in known], end)
    ids = list(then)
    eve = start - timedelta(days=1) if start > date.min else start  # how each stood as the period began
    before = values_on(db, "action", ids, ("status", "completed_on"), eve)
    ever_changed = {i for i, _field in values_on(db, "action", ids, ("status",), date(EARLIEST_YEAR, 1, 1))}
    in_period = []
    for a in linked:
        if a.record.parent_id not in known:
            continue
        action = then[a.action.id]
        status, done_on = _status_on(action, end, stood)
        if (not status.closed or (status is ActionStatus.DONE and done_on and start <= done_on <= end)
                or _closed_in(action, start, end, eve, before, ever_changed)):
            in_period.append((a.record, action, status))  # open on the last day (however long overdue), or closed in the period
    missed = any(t.missed for t in summary.timeliness)  # a column only where a case closed without one
    clocks = tuple(
        (t.label, str(t.on_time), str(t.late), str(t.overdue_at_end), *((str(t.missed),) if missed else ()))
        for t in summary.timeliness if t.met or t.not_met
    )
    # a year may publish a review or send a rapid review of a case considered the year before
    if not any(n for _label, n in summary.headline_figures()) and not clocks and not in_period:
        return _nothing("case_reviews", f"No serious incidents were considered between {_so_far(start, end, today)}, "
                                        "no review step was taken or overdue, and no actions from review "
                                        "recommendations fell in the period.")
    blocks = [Table("Cases in the period", ("Figure", "Number"), figure_rows(summary))]
    if clocks:
        blocks.append(Table("Timeliness", ("Deadline", "Met on time", "Met late", summary.overdue_heading,
                                           *((MISSED_HEADING,) if missed else ())), clocks))
    if summary.themes:
        blocks.append(Table("Themes", ("Theme", "Cases"), tuple((theme, str(n)) for theme, n, _share in summary.themes)))
    if in_period:
        rows = []
        for rec, action, status in in_period:
            rows.append((
                f"{rec.number}. {rec.text}",  # aliases and references are taken out by build_section
                action.description,
                action.owner,  # the person or organisation owning it, as the action log says
                format_date(action.due_date),
                "Overdue" if is_overdue(status, action.due_date, as_of) else status.label,
            ))
        blocks.append(Table("Actions from review recommendations",
                            ("Recommendation", "Action", "Owner", "Due", "Status"), tuple(rows)))
    # each figure after the first counts what happened in the period, whichever period its case was considered in
    draft = (f"{considered_sentences(summary, _so_far(start, end, today))} "
             f"In the period {_were(summary.notifications_sent, 'notification', 'sent')} to the Child Safeguarding "
             f"Practice Review Panel and {_were(summary.rapid_reviews_completed, 'rapid review', 'completed')}. "
             + _local_reviews(summary.local_reviews_started, summary.local_reviews_published))
    return BuiltSection("case_reviews", tuple(blocks), draft, True)


def _were(n: int, word: str, done: str) -> str:
    """'no notifications were sent', '1 notification was sent', '3 notifications were sent'."""
    return f"no {word}s were {done}" if not n else f"{counted(n, word)} {'was' if n == 1 else 'were'} {done}"


def _local_reviews(started: int, published: int) -> str:
    """'No local child safeguarding practice review was started or published.', or the counts in
    words ("1 local child safeguarding practice review was started, and none was published.")."""
    review = "local child safeguarding practice review"
    if not started and not published:
        return f"No {review} was started or published."
    if not started:
        return f"No {review} was started, and {published:,} {'was' if published == 1 else 'were'} published."
    begun = f"{counted(started, review)} {'was' if started == 1 else 'were'} started"
    return f"{begun}, and none was published." if not published else f"{begun} and {published:,} published."


def _closed_in(action, start: date, end: date, eve: date, before: dict, ever_changed: set[int]) -> bool:
    """Whether an action closed by the period's end (done or dropped) was closed in the period, not
    before it began: it stood open on the day before (`eve`; `before`, from `history.values_on`). One whose
    closing no record dates (added already dropped, or done with no completion date, its status
    never changed since: not in `ever_changed`) counts in the period its due date falls in."""
    status, done_on = _status_on(action, eve, before)
    if not status.closed:
        return True
    if action.id not in ever_changed and (status is ActionStatus.DROPPED or done_on is None):
        return action.due_date is not None and start <= action.due_date <= end
    return False


def _status_on(action, end: date, stood: dict[tuple[int, str], str | None]) -> tuple[ActionStatus, date | None]:
    """An action's status and completion date at the end of the period's last day. One done by
    then (its completion date, however late it was recorded) is done; otherwise as the change
    history has them where they changed since (`stood`, from `history.values_on`: dropped or
    reopened after the period), else as they are now. One completed after that day was open."""
    status, done_on = action.status, action.completed_on
    if status is ActionStatus.DONE and done_on is not None and done_on <= end:
        return status, done_on
    if stood.get((action.id, "status")) in tuple(ActionStatus):
        status = ActionStatus(stood[action.id, "status"])
    if (action.id, "completed_on") in stood:
        then = stood[action.id, "completed_on"]
        done_on = date.fromisoformat(then) if then else None
    if status is ActionStatus.DONE and done_on is not None and done_on > end:
        return ActionStatus.OPEN, done_on
    return status, done_on


# ---------------------------------------------------------------- audits


@builds("audits")
def audits(db: Database, start: date, end: date, today: date) -> BuiltSection:
    """Case audits in the period by theme, with their gradings and learning, and the summary
    of each Section 11 cycle opened or due in the period as it stood at the period's end, or
    `today` while the period runs (the returns in by then and their ratings: `s11_as_on.grid_on`)."""
    from bscp_desktop.services.audits import case_audits as ca
    from bscp_desktop.services.audits import learning as le
    from bscp_desktop.services.audits import samples as sa
    from bscp_desktop.services.audits.s11_as_on import cycles_in, grid_on

    found = [a for a in ca.list_audits(db) if start <= a.audit_date <= end]
    cycles = cycles_in(db, start, end)
    if not found and not cycles:
        return _nothing("audits", f"No multi-agency case audits or Section 11 self-assessments took place between "
                                  f"{_so_far(start, end, today)}.")
    as_of = min(end, today)  # a year not over speaks of the day so far, never one still to come
    blocks = []
    if found:
        rows = []
        for a in sorted(found, key=lambda a: (a.theme.casefold(), a.audit_date)):
            # in the grading scale's order, so one year's row reads against another's
            tally = count_gradings(case.agreed_grading for case in sa.list_cases(db, a.id))
            grading_text = ", ".join(f"{g.label}: {n}" for g, n in tally.items() if g is not None and n) or "Not graded yet"
            rows.append((a.theme or a.title, long_date(a.audit_date), str(a.cases), grading_text))
        blocks.append(Table("Case audits", ("Theme", "Date", "Cases", "Gradings"), tuple(rows)))
        learning = [p for p in le.list_learning(db) if p.audit_id in {a.id for a in found}]
        if learning:
            blocks.append(Table("Learning", ("Theme", "Learning", "Shared"),
                                tuple((p.theme, p.text, _shared_by(p, as_of)) for p in learning)))
    for c in cycles:
        grid = grid_on(db, c.id, as_of)
        scored = grid.scale is RatingScale.SCORE  # counted per score, with the average score
        rows = []
        for s in grid.standards:
            counts = grid.counts_for_standard(s.id)
            rows.append((f"{s.number}. {s.title}", *map(str, counts.on_scale(grid.scale)), average_text(counts))
                        if scored else
                        (f"{s.number}. {s.title}", str(counts.green), str(counts.amber), str(counts.red),
                         str(counts.not_applicable + counts.not_rated)))
        headings = (("Standard", *grid.scale.count_headers, "Average score") if scored else
                    ("Standard", "Green", "Amber", "Red", "Not rated or not applicable"))
        returns = f"{grid.cycle.returned} of {grid.cycle.agencies} returns in by {long_date(as_of)}"
        blocks.append(Table(f"Section 11: {c.name} ({returns})", headings, tuple(rows),
                            empty_text="No standards are set for this cycle."))
    draft = (f"{len(found)} multi-agency case audit{'s' if len(found) != 1 else ''} and "
             f"{len(cycles)} Section 11 cycle{'s' if len(cycles) != 1 else ''} in the period.")
    return BuiltSection("audits", tuple(blocks), draft, True)


def _shared_by(point, end: date) -> str:
    """Where a learning point was shared, as it stood at `end` (the period's end, or today while
    it runs): one shared after that was not shared yet then, as one never shared is not."""
    if (point.shared_on is not None and point.shared_on > end) or not point.where_shared:
        return f"Not shared by {long_date(end)}"
    return point.where_shared


# ---------------------------------------------------------------- training


def _rate(rate) -> str:
    return rate.text if rate.denominator else "n/a"


@builds("training")
def training(db: Database, start: date, end: date, today: date) -> BuiltSection:
    """The figures with both denominators, attendance by topic and by organisation (the two
    charts), the years on record and the evaluations. A period still running is counted up to
    `today` and compared with the period before up to the same point, each labelled with its
    last day as the training summary labels them; the sessions later in the period, not counted
    yet, are said."""
    from bscp_desktop.services.training import figures as fg

    report = fg.figures_report(db, start, end, today=today)
    # FiguresReport's defaults where a report gives none: counted to its end, nothing still to come
    counted_to = report.counted_to
    later = tuple(Para(s) for s in [not_counted_yet(report.upcoming_sessions, report.upcoming_bookings),
                                     report.called_off_note] if s)
    if report.empty:
        nothing = (f"No multi-agency training has run yet: the period starts on {long_date(start)}." if today < start
                   else f"No multi-agency training ran between {_so_far(start, end, today)}, so there are no "
                        "training figures for this report.")
        return BuiltSection("training", (Para(nothing), *later), "", False)
    this_period, period_before = _compared(report, counted_to)
    t, p = report.total.figures, report.total.previous
    # bookings on sessions held whose register is not marked: a row, so the outcomes add up to the bookings
    unmarked = (("booked", NOT_RECORDED_ROW),) if t.booked or p.booked else ()
    rows = tuple(
        (label, f"{getattr(t, name) or 0:,}", f"{getattr(p, name) or 0:,}")
        for name, label in (("sessions", "Sessions run"), ("places", "Places"), ("bookings", "Bookings"),
                            ("attended", "Attended"), ("no_shows", "No-shows"), ("cancellations", "Cancellations"),
                            *unmarked)
    ) + tuple(
        (label, _rate(getattr(t, name)), _rate(getattr(p, name)))
        for name, label in (("attendance_rate", "Attendance rate (attended / bookings)"),
                            ("take_up", "Take-up (attended / places)"), ("no_show_rate", "No-show rate"),
                            ("cancellation_rate", "Cancellation rate"))
    )
    not_recorded = tuple(Para(s) for s in (_not_recorded(t.booked, this_period),
                                           _not_recorded(p.booked, period_before)) if s)
    blocks: list = [Table(FIGURES_TABLE, ("Figure", this_period, period_before), rows), *not_recorded, *later]
    topics = _bars(sorted(report.by_topic, key=lambda r: r.label.casefold()))
    if topics:
        blocks.append(_attendance_chart("Attendance by course topic", topics, "Course topic", "each course topic",
                                        this_period, period_before if report.previous_period is not None else ""))
    orgs = _bars(sorted((r for r in _told_apart(report.by_organisation) if r.figures.has_attendance),
                        key=lambda r: (-r.figures.attended, alphabetical(r.label))))
    if len(orgs) > MOST_BARS:  # the rest in one bar, so every delegate is counted
        rest = orgs[MOST_BARS - 1:]
        orgs = orgs[:MOST_BARS - 1] + [(f"Other organisations ({len(rest)})", sum(b[1] for b in rest),
                                        sum(b[2] for b in rest))]
    if orgs:
        blocks.append(_attendance_chart("Attendance by partner agency", orgs, "Organisation", "each organisation",
                                        this_period))
    if report.years:
        blocks.append(Table("Year on year", ("Financial year", "Sessions", "Bookings", "Attended", "Attendance rate"),
                            tuple((y.label, f"{y.figures.sessions:,}", f"{y.figures.bookings:,}", f"{y.figures.attended:,}",
                                   _rate(y.figures.attendance_rate)) for y in report.years)))
    if report.gains:
        blocks.append(Table("Evaluations", ("Course", "Evaluations", "Confidence before", "After", "Gain"),
                            tuple((g.course_title, str(g.evaluations), *shown_scores(g.gain)) for g in report.gains)))
    so_far = f"Between {_period(start, counted_to)}, " if counted_to else ""
    draft = (f"{so_far}{counted(t.sessions, 'session')} ran with {counted(t.bookings, 'booking')}; "
             f"{counted(t.attended, 'delegate')} attended "
             f"(attendance rate {_rate(t.attendance_rate)}, take-up {_rate(t.take_up)}).")
    return BuiltSection("training", tuple(blocks), draft, True)


#: The training section's table of figures, and its row of bookings with no attendance recorded.
FIGURES_TABLE = "Training figures"
NOT_RECORDED_ROW = "Attendance not recorded"


def _not_recorded(n: int, period: str) -> str:
    """What `n` bookings on sessions already held with no attendance recorded (registers not
    marked) do to the figures of `period` (its label), or '' for none."""
    if not n:
        return ""
    return (f"{period}: {counted(n, 'booking')} on sessions already held {'has' if n == 1 else 'have'} no attendance "
            f"recorded (the register is not marked). Until {'it is' if n == 1 else 'they are'} marked, the attendance "
            f"rate counts {'it' if n == 1 else 'them'} as not attended.")


#: The most bars the chart by organisation has: beyond them, the rest are one bar.
MOST_BARS = 25


def _bars(rows) -> list[tuple[str, int, int]]:
    """Each topic's or organisation's delegates who attended, this period and the period before."""
    return [(r.label, r.figures.attended, r.previous.attended if r.previous else 0) for r in rows]


def _told_apart(rows) -> list:
    """The organisations' rows, a name typed in bookings beside an organisation of that name
    labelled apart from it ("Zeta Nursery (typed, not linked)"), as the training summary does."""
    return [replace(r, label=label) for r, label in zip(rows, told_apart([(r.label, r.detail) for r in rows]),
                                                         strict=True)]


def _attendance_chart(title: str, bars: Sequence[tuple[str, int, int]], category: str, each: str,
                      this_period: str, period_before: str = "") -> ChartBlock:
    """Delegates who attended, per topic or organisation, in `this_period` (its label); with
    `period_before` (its label), the period before beside this one."""
    now = (this_period, tuple(float(attended) for _label, attended, _before in bars))
    series = (now,)
    words = "; ".join(f"{label} {attended}" for label, attended, _before in bars)
    if period_before:
        series = ((period_before, tuple(float(before) for _label, _attended, before in bars)), now)
        words += f". {period_before}: " + "; ".join(f"{label} {before}" for label, _attended, before in bars)
    return ChartBlock(title, tuple(label for label, _attended, _before in bars), series, "Delegates who attended",
                      category, f"Bar chart of delegates who attended {each}, {this_period[:1].lower()}{this_period[1:]}: "
                                f"{words}.")


def _compared(report, counted_to: date | None) -> tuple[str, str]:
    """The labels of this period's figures and the period before's: while the period runs, each
    with the part counted as the training summary labels it ("This period (2023/24 to
    01/10/2023)", "The period before (2022/23 to 01/10/2022)": `FiguresReport.period_label` and
    the label of the period before cut at the same point)."""
    if counted_to is None:
        return "This period", "The period before"
    return f"This period ({report.period_label})", f"The period before ({report.previous_period.label})"


# ---------------------------------------------------------------- finance


@builds("finance")
def finance(db: Database, start: date, end: date, today: date) -> BuiltSection:
    """Contributions by partner and expenditure by category with totals, and the reserves. The
    financial years the figures are for are those the finance summary counts as set up in
    Finance (`domain.finance.years_set_up`): a year of the period never set up is named as such
    in the summary's words, the contributions and reserves are those of the years set up, and
    no reserves are given for a year that is not."""
    from bscp_desktop.domain.finance import Period, not_set_up_text
    from bscp_desktop.services.finance import costs_not_recorded_in, costs_not_recorded_sentence
    from bscp_desktop.services.finance import summaries as fs

    s = fs.summary(db, Period(start, end))
    with db.unit_of_work() as session:  # as the finance summary says them: its balance leaves them out
        missing = costs_not_recorded_sentence(costs_not_recorded_in(session, s.period))
    period = _period(start, end)
    not_set_up = not_set_up_text(s.period, s.years_set_up, "contributions and reserves")
    unrecorded = f" {not_set_up}" if not_set_up else ""
    if not s.partners and not s.spending and not s.other_income and not s.in_kind:
        # years set up with nothing in them and no reserves: the reserves are not worth a sentence
        said = _reserves_said(s) if not s.years_set_up or s.reserves_start or s.reserves_end else ""
        return _nothing("finance", f"No contributions or expenditure were recorded between {period}.{unrecorded}"
                                   f"{f' {said}' if said else ''}")
    blocks: list = []
    if s.partners:  # each financial year's contributions count whole: the heading names the years
        rows = [(p.organisation, format_money(p.agreed), format_money(p.received_by_end)) for p in s.partners]
        rows.append(("Total", format_money(s.contributions_total), format_money(s.received_by_end_total)))
        blocks.append(Table(s.contributions_heading, ("Financial contribution", "Agreed", s.received_heading(today)),
                            tuple(rows)))  # payments dated after the period are not counted
    else:
        blocks.append(Para(f"No cash contributions were recorded for {s.years_label}."))
    for k in s.in_kind:  # a description typed with its full stop has one, the sentence's
        description = k.description.removesuffix(".")
        blocks.append(Para(f"{isolate(k.organisation)} contributes in kind ({k.years}): {isolate(description)}."))
    if s.other_income:
        rows = [(r.label, format_money(r.amount)) for r in s.other_income]  # the label names the source
        rows.append(("Total", format_money(s.other_income_total)))
        blocks.append(Table(f"Other income, {s.label}", ("Income", "Amount"), tuple(rows)))  # its own period, as in Finance
    if s.spending:
        rows = [(r.label, format_money(r.amount)) for r in s.spending]
        rows.append(("Total", format_money(s.spending_total)))
        blocks.append(Table(s.spending_heading, ("Expense", "Amount"), tuple(rows)))
    else:
        blocks.append(Para(f"No expenditure was recorded between {period}."))
    if missing:
        blocks.append(Para(missing))
    if s.reserves_rows:
        blocks.append(Table("Reserves", ("", "Amount"),
                            tuple((label, format_money(amount)) for label, amount in s.reserves_rows)))
    if s.period.is_year:  # income and spending of the same year: the difference is the year's
        draft = (f"Income of {format_money(s.income_total)} and expenditure of {format_money(s.spending_total)} "
                 f"in {s.label}: {s.net_text.lower()}.{_owed(s, today)} {s.reserves_text}{f' {missing}' if missing else ''}")
    else:  # whole years' contributions beside the period's spending: no difference between them is drawn
        other = (f" and other income between {period} of {format_money(s.other_income_total)}"
                 if s.other_income else "")
        spent = (f"expenditure between {period} was {format_money(s.spending_total)}" if s.spending
                 else f"no expenditure was recorded between {period}")
        draft = (f"{s.contributions_heading} of {format_money(s.contributions_total)}{other}; "
                 f"{spent}.{_owed(s, today)}{unrecorded} {_reserves_said(s)}{f' {missing}' if missing else ''}").rstrip()
    return BuiltSection("finance", tuple(blocks), draft, True)


def _owed(s, today: date) -> str:
    """' £0.00 of the contributions had been received by 31 March 2026; £50,000.00 was still owed
    on 31 March 2026.' from the finance summary's own figures of the period's end (said as at
    `today` while the period runs), or '' when nothing was owed."""
    if not s.outstanding_at_end_total:
        return ""
    received, owed = format_money(s.received_by_end_total), format_money(s.outstanding_at_end_total)
    if s.period.end < today:
        end = long_date(s.period.end)
        return f" {received} of the contributions had been received by {end}; {owed} was still owed on {end}."
    return f" {received} of the contributions has been received so far; {owed} is still owed."


def _reserves_said(s) -> str:
    """The reserves at either end of the financial years set up in Finance; when no year of the
    period is, the reserves at the end of the last earlier year set up, in the finance summary's
    words, or '' when there is none."""
    if s.years_set_up:
        return _reserves(s)
    return s.reserves_text if s.reserves_rows else ""


def _reserves(s) -> str:
    """The reserves at either end of the financial years of the period set up in Finance, each with its day."""
    if s.reserves_start == s.reserves_end:
        return (f"The reserves stood at {format_money(s.reserves_end)} on {long_date(s.reserves_start_on)} "
                f"and on {long_date(s.reserves_end_on)}.")
    return (f"The reserves were {format_money(s.reserves_start)} on {long_date(s.reserves_start_on)} "
            f"and {format_money(s.reserves_end)} on {long_date(s.reserves_end_on)}.")
