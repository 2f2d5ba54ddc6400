"""Training outputs from plain data: the training workbook, the summary PDF (figures against
the previous period, charts, year on year, evaluation results), a session's sign-in sheet, a
certificate of attendance and the statement of charges (PDF or Excel).

Rows are the services' frozen records, read by attribute only (this module never imports
the services); figures are the domain's `Figures`, so every rate carries its counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm

from bscp_desktop.domain.dates import financial_year_of, format_date, format_date_long, format_datetime
from bscp_desktop.domain.evaluations import score_text, shown_gain, shown_scores
from bscp_desktop.domain.money import format_money, total
from bscp_desktop.domain.training import FIGURE_FIELDS, Change, Figures, Period, Rate, compare, not_counted_yet, told_apart
from bscp_desktop.reports.charts import Chart, Orientation, Series, ValueKind, add_chart, year_series
from bscp_desktop.reports.pdf import DocumentBuilder
from bscp_desktop.reports.xlsx import Column, Section, WorkbookBuilder

MAX_CHART_ORGANISATIONS = 25


@dataclass(frozen=True)
class FigureLine:
    """One row of a figures table: a course, topic, organisation or sector."""

    label: str
    figures: Figures
    previous: Figures | None = None
    detail: str = ""


@dataclass(frozen=True)
class YearLine:
    label: str
    figures: Figures
    registrations: int | None = None


@dataclass(frozen=True)
class GainLine:
    course: str
    evaluations: int
    gain: Any  # domain.training.Gain
    by_outcome: tuple[tuple[str, Any], ...] = ()
    delegate_follow_ups: int = 0
    manager_follow_ups: int = 0


@dataclass(frozen=True)
class FiguresData:
    period: Period
    previous_period: Period | None
    total: FigureLine
    by_course: tuple[FigureLine, ...]
    by_topic: tuple[FigureLine, ...]
    by_organisation: tuple[FigureLine, ...]
    by_sector: tuple[FigureLine, ...]
    years: tuple[YearLine, ...] = ()
    registrations: int | None = None
    previous_registrations: int | None = None
    gains: tuple[GainLine, ...] = ()
    upcoming_sessions: int = 0
    upcoming_bookings: int = 0
    called_off: str = ""  # the sessions the partnership called off, left out of the figures ('' for none)


@dataclass(frozen=True)
class TrainingData:
    """Everything the training workbook holds."""

    partnership_name: str
    today: date
    courses: tuple[Any, ...]  # CourseDTO
    sessions: tuple[Any, ...]  # SessionDTO
    bookings: tuple[Any, ...]  # BookingDTO
    evaluations: tuple[Any, ...]  # EvaluationDTO
    figures: FiguresData
    charges: Any  # ChargesReport
    illustrative: bool = False


@dataclass(frozen=True)
class CertificateData:
    partnership_name: str
    delegate_name: str
    organisation: str
    course_title: str
    day: date
    length_text: str
    learning_outcomes: tuple[str, ...] = ()
    facilitator: str = ""


# --------------------------------------------------------------------------- figures as rows

COUNT_FIELDS = [(name, label) for name, label, rate in FIGURE_FIELDS if not rate]
RATE_FIELDS = [(name, label) for name, label, rate in FIGURE_FIELDS if rate]


def _rate_value(rate: Rate) -> Decimal | None:
    return rate.value


def figure_columns(first: str, detail: str | None) -> list[Column]:
    cols = [Column(first)]
    if detail:
        cols.append(Column(detail))
    cols += [Column(label, "int") for _n, label in COUNT_FIELDS]
    cols += [Column(label, "percent") for _n, label in RATE_FIELDS]
    return cols


def figure_cells(line: FigureLine, with_detail: bool) -> list:
    cells: list = [line.label] + ([line.detail] if with_detail else [])
    cells += [getattr(line.figures, name) for name, _l in COUNT_FIELDS]
    cells += [_rate_value(getattr(line.figures, name)) for name, _l in RATE_FIELDS]
    return cells


#: The columns of a charge's own details, from its course on, as both workbooks list it after
#: whose booking it is.
CHARGE_COLUMNS = (
    Column("Course"), Column("Session", "datetime"), Column("Charge"), Column("Cancelled on", "date"),
    Column("Amount", "money"), Column("Waived", "bool"), Column("Reason waived"), Column("Due", "money"),
)


REGISTRATIONS = "Registrations (new LMS accounts)"


@dataclass(frozen=True)
class KeyFigure:
    """One key figure of the period beside the previous period's, and its change in words."""

    label: str
    current: int | Rate | None
    previous: int | Rate | None
    change: str
    rate: bool = False


def key_figures(f: FiguresData) -> list[KeyFigure]:
    """The key figures of the summary PDF and workbook (`key_figures_of`)."""
    return key_figures_of(f.total.figures, f.total.previous, f.registrations, f.previous_registrations)


def key_figures_of(now: Figures, previous: Figures | None, registrations: int | None,
                   previous_registrations: int | None) -> list[KeyFigure]:
    """The key figures as the Figures page, the summary PDF and its workbook list them: every
    figure of `FIGURE_FIELDS`, then the new LMS accounts (registrations) when either period has
    them recorded, each with its change from the previous period ("up 48% (from 168)")."""
    before = previous or Figures()
    changes = compare(now, before)
    rows = [KeyFigure(label, getattr(now, n), getattr(before, n), changes[n].text, rate)
            for n, label, rate in FIGURE_FIELDS]
    if registrations is not None or previous_registrations is not None:
        rows.append(KeyFigure(REGISTRATIONS, registrations, previous_registrations,
                              Change(registrations, previous_registrations).text))
    return rows


NO_EVALUATIONS = "No evaluations were recorded for sessions in this period."
EVALUATIONS_EXPLAINED = (
    "Confidence is scored from 1 to 5 before and after the session for each learning outcome; the learning gain is "
    "after minus before, averaged over the scores that have both. Follow-ups are 6 to 12 weeks after the session, "
    "from the delegate and their line manager.")
EVALUATION_COLUMNS = (
    Column("Course"), Column("Evaluations", "int"), Column("Before", "number"), Column("After", "number"),
    Column("Learning gain", "number"), Column("Follow-ups (delegate)", "int"), Column("Follow-ups (manager)", "int"),
)


def gain_cells(g: GainLine) -> list:
    """A course's evaluation results under `EVALUATION_COLUMNS`: the scores as numbers, as the
    summary PDF shows them (2.1 before, 3.8 after, gain 1.7); empty where none are known."""
    before, after = (None if v is None else Decimal(score_text(v)) for v in (g.gain.mean_before, g.gain.mean_after))
    return [g.course, g.evaluations, before, after, shown_gain(g.gain), g.delegate_follow_ups, g.manager_follow_ups]


def charge_cells(line: Any) -> list:
    """A charge line's (`ChargeLine`) cells under `CHARGE_COLUMNS`."""
    return [line.course_title, line.starts_at, line.kind.label, line.cancelled_on, line.amount, line.waived,
            line.waiver_reason, line.due]


# --------------------------------------------------------------------------- Excel


def training_workbook(data: TrainingData) -> WorkbookBuilder:
    """Sheets Courses, Sessions, Bookings, Evaluations, Figures by course, Figures by
    organisation and Charges; each figures sheet (and Charges) ends with a Total row."""
    period = data.figures.period
    wb = WorkbookBuilder(
        title=f"Training programme, {format_date(data.today)}",
        author=data.partnership_name,
        subject=f"Training programme: figures for {period.label}"
        + (" (illustrative demo data)" if data.illustrative else ""),
    )
    wb.add_sheet(
        "Courses",
        [Column("Title"), Column("Topic"), Column("Audience"), Column("Format"), Column("Length (minutes)", "int"),
         Column("Learning outcomes"), Column("Facilitator"), Column("Facilitated by"), Column("Cost", "money"),
         Column("Sessions", "int"), Column("Archived", "bool")],
        [[c.title, c.topic, c.audience, c.format, c.length_minutes, "\n".join(c.learning_outcomes), c.facilitator,
          c.facilitator_name, c.cost, c.sessions, c.archived] for c in data.courses],
    )
    wb.add_sheet(
        "Sessions",
        [Column("Course"), Column("Topic"), Column("Series"), Column("Starts", "datetime"), Column("Ends", "datetime"),
         Column("Venue or link"), Column("Online", "bool"), Column("Capacity", "int"), Column("Places held", "int"),
         Column("Attended", "int"), Column("No-shows", "int"), Column("Cancelled", "int"), Column("Waitlisted", "int"),
         Column("Facilitator"), Column("Cost", "money"), Column("Archived", "bool")],
        [[s.course_title, s.topic, s.series_title, s.starts_at, s.ends_at, s.venue, s.online, s.capacity, s.held,
          s.attended, s.no_shows, s.cancelled, s.waitlisted, s.facilitator, s.cost, s.archived] for s in data.sessions],
    )
    wb.add_sheet(
        "Bookings",
        [Column("Course"), Column("Session starts", "datetime"), Column("Delegate"), Column("Email"), Column("Job title"),
         Column("Organisation (as booked)"), Column("Organisation"), Column("Sector"), Column("Booked on", "date"),
         Column("Outcome"), Column("Cancelled on", "date"), Column("Late cancellation", "bool"),
         Column("Reason for not attending"), Column("Followed up on", "date"), Column("Charge waived", "bool"),
         Column("Reason waived")],
        [[b.course_title, b.starts_at, b.delegate_name, b.email, b.job_title, b.organisation_name, b.organisation,
          b.sector, b.booked_on, b.outcome.label, b.cancelled_on, b.late_cancellation, b.non_attendance_reason,
          b.followed_up_on, b.charge_waived, b.waiver_reason] for b in data.bookings],
    )
    emails = {b.id: b.email for b in data.bookings}  # a delegate's address: two of one name are two delegates

    def anonymous(e) -> int | None:  # found again by its number: no delegate names it
        return e.id if not e.delegate_name.strip() and e.booking_id is None else None

    wb.add_sheet(  # imports again as it is (`importers.training_evaluations`), changing nothing
        "Evaluations",
        [Column("Course"), Column("Session starts", "datetime"), Column("Delegate"), Column("Learning outcome"),
         Column("Before", "int"), Column("After", "int"), Column("Gain", "int"), Column("Comments"),
         Column("Delegate follow-up"), Column("Manager follow-up"), Column("Email"),
         Column("Anonymous evaluation", "int")],
        [[e.course_title, e.starts_at, e.delegate_name, s.outcome, s.before, s.after, s.gain,
          e.comments if i == 0 else "", e.delegate_follow_up if i == 0 else "", e.manager_follow_up if i == 0 else "",
          emails.get(e.booking_id) or e.email, anonymous(e)]
         for e in data.evaluations for i, s in enumerate(e.scores or [_NoScore()])],
    )
    _figures_sheet(wb, "Figures by course", "Course", "Topic", data.figures.by_course, data.figures.total)
    _figures_sheet(wb, "Figures by organisation", "Organisation", "Sector", data.figures.by_organisation,
                   data.figures.total)
    charges = data.charges
    lines = list(charges.lines)
    wb.add_sheet(
        "Charges",
        [Column("Organisation"), Column("Sector"), Column("Delegate"), *CHARGE_COLUMNS],
        [[ln.organisation, ln.sector, ln.delegate_name, *charge_cells(ln)] for ln in lines],
        total_row=["Total", "", f"{len(lines):,} chargeable booking{'s' if len(lines) != 1 else ''}", "", None, "",
                   None, total(ln.amount for ln in lines), None, "", charges.total_due],
    )
    return wb


class _NoScore:
    outcome = ""
    before = after = gain = None


def _figures_sheet(wb: WorkbookBuilder, name: str, first: str, detail: str | None, lines: Sequence[FigureLine],
                   grand: FigureLine) -> None:
    """A figures table ending with its Total row (every booking and every place of the period)."""
    rows = [figure_cells(line, detail is not None) for line in lines]
    wb.add_sheet(name, figure_columns(first, detail), rows,  # outside the filter: sorting leaves it last
                 total_row=figure_cells(FigureLine("Total", grand.figures, detail=""), detail is not None))


def summary_sections(f: FiguresData) -> list[Section]:
    """The Summary sheet: the key figures (`key_figures`) beside the previous period's, the counts as
    whole numbers and the rates as percentages (74.6%, as the figures sheets show them)."""
    previous = f.previous_period.label if f.previous_period else "Previous period"
    figures = key_figures(f)
    sections = []
    for title, kind, rate in (("Counts", "int", False), ("Rates", "percent", True)):
        columns = [Column("Figure"), Column(f.period.label, kind), Column(previous, kind), Column("Change")]
        rows = [[k.label, _cell(k.current), _cell(k.previous), k.change] for k in figures if k.rate is rate]
        sections.append(Section(title, columns, rows))
    return sections


def figures_workbook(data: TrainingData) -> WorkbookBuilder:
    """The summary as a workbook: figures against the previous period, by course, topic,
    organisation and sector, year on year, and the evaluation results by course."""
    f = data.figures
    wb = WorkbookBuilder(title=f"Training summary, {f.period.label}", author=data.partnership_name,
                         subject="Training summary")
    wb.add_sections_sheet("Summary", summary_sections(f))
    _figures_sheet(wb, "Figures by course", "Course", "Topic", f.by_course, f.total)
    _figures_sheet(wb, "Figures by topic", "Topic", None, f.by_topic, f.total)
    _figures_sheet(wb, "Figures by organisation", "Organisation", "Sector", f.by_organisation, f.total)
    _figures_sheet(wb, "Figures by sector", "Sector", None, f.by_sector, f.total)
    wb.add_sheet("Year on year", [Column("Financial year"), *figure_columns("", None)[1:], Column("Registrations", "int")],
                 [[y.label, *figure_cells(FigureLine(y.label, y.figures), False)[1:], y.registrations] for y in f.years])
    wb.add_sheet("Evaluations", EVALUATION_COLUMNS, [gain_cells(g) for g in f.gains],
                 note=EVALUATIONS_EXPLAINED if f.gains else NO_EVALUATIONS)
    return wb


def _cell(value):
    return value.value if isinstance(value, Rate) else value


def charges_workbook(partnership_name: str, charges) -> WorkbookBuilder:
    wb = WorkbookBuilder(title=f"Training charges, {charges.period.label}", author=partnership_name,
                         subject="No-show and late-cancellation charges")
    wb.add_sheet(
        "Totals",
        [Column("Organisation"), Column("Sector"), Column("No-shows", "int"), Column("Late cancellations", "int"),
         Column("Waived", "money"), Column("Due", "money")],
        [[s.organisation, s.sector, s.no_shows, s.late_cancellations, s.total_waived, s.total_due]
         for s in charges.statements],
        total_row=["Total", "", sum(s.no_shows for s in charges.statements),
                   sum(s.late_cancellations for s in charges.statements), charges.total_waived, charges.total_due],
    )
    wb.add_sheet(
        "Charges",
        [Column("Organisation"), Column("Delegate"), Column("Email"), *CHARGE_COLUMNS],
        [[ln.organisation, ln.delegate_name, ln.delegate_contact, *charge_cells(ln)] for ln in charges.lines],
    )
    return wb


# --------------------------------------------------------------------------- charts


def topic_chart(f: FiguresData) -> Chart:
    """Attended by course topic, this period beside the one before."""
    topics = sorted({line.label for line in f.by_topic}, key=str.casefold)
    now = {line.label: line.figures.attended for line in f.by_topic}
    before = {line.label: line.previous.attended if line.previous else 0 for line in f.by_topic}
    names = [f.previous_period.label, f.period.label] if f.previous_period else [f.period.label]
    values = [[before.get(t, 0) for t in topics], [now.get(t, 0) for t in topics]] if f.previous_period else [[now.get(t, 0) for t in topics]]
    return Chart(
        title=f"Attendance by course topic, {f.period.label}",
        categories=tuple(topics),
        series=year_series(names, values),
        value_label="Delegates who attended",
        category_label="Course topic",
    )


def organisation_chart(f: FiguresData) -> Chart:
    """Attended by organisation (the organisations with most attended; the rest together): those
    whose delegates attended or did not come this period, as the chart has no bars for the period
    before (one whose bookings were all waitlisted or cancelled has no attendance to show)."""
    lines = sorted((ln for ln in f.by_organisation if ln.figures.has_attendance),
                   key=lambda ln: (-ln.figures.attended, ln.label.casefold()))
    shown = lines[:MAX_CHART_ORGANISATIONS]
    rest = lines[MAX_CHART_ORGANISATIONS:]
    categories = told_apart([(ln.label, ln.detail) for ln in shown]) + ([f"{len(rest)} other organisations"] if rest else [])
    values = [ln.figures.attended for ln in shown] + ([sum(ln.figures.attended for ln in rest)] if rest else [])
    return Chart(
        title=f"Attendance by organisation, {f.period.label}",
        categories=tuple(categories),
        series=(Series("Attended", tuple(values)),),
        value_label="Delegates who attended",
        category_label="Organisation",
    )


def _year_on_year(f: FiguresData, title: str, series: Sequence[tuple[str, str]], value_label: str,
                  value_kind: ValueKind = ValueKind.COUNT) -> Chart:
    """Upright bars by financial year, a series for each (name, the figure it shows, as the
    attribute of a year's `Figures` holding it: "take_up.value")."""
    years = f.years
    return Chart(
        title=title,
        categories=tuple(y.label for y in years),
        series=tuple(Series(name, tuple(attrgetter(figure)(y.figures) for y in years)) for name, figure in series),
        value_label=value_label,
        category_label="Financial year",
        value_kind=value_kind,
        orientation=Orientation.VERTICAL,
    )


def year_chart(f: FiguresData) -> Chart:
    return _year_on_year(f, "Year on year: bookings and attendance by financial year", (
        ("Bookings", "bookings"), ("Attended", "attended"), ("No-shows", "no_shows"), ("Cancellations", "cancellations"),
    ), "Bookings")


def take_up_chart(f: FiguresData) -> Chart:
    return _year_on_year(f, "Year on year: attendance rate and take-up", (
        ("Attendance rate (attended / bookings)", "attendance_rate.value"), ("Take-up (attended / places)", "take_up.value"),
    ), "Per cent", ValueKind.PERCENT)


# --------------------------------------------------------------------------- PDF


def _figure_text(value) -> Any:
    if isinstance(value, Rate):
        return value.text
    return "" if value is None else value


def write_summary_pdf(data: TrainingData, path: Path) -> Path:
    f = data.figures
    doc = DocumentBuilder(path, title=f"Training summary: {f.period.label}", partnership_name=data.partnership_name,
                          subject="Multi-agency training programme", landscape=True)
    doc.heading("Multi-agency training programme", 1)
    doc.para(f"Figures for {f.period.label}"
             + (f", compared with {f.previous_period.label}" if f.previous_period else "")
             + f". Made on {format_date_long(data.today)}.")
    if data.illustrative:
        doc.para("The figures in this demo are illustrative: the partnership's yearly report gives none.", "small")
    if f.upcoming_sessions:
        doc.para(not_counted_yet(f.upcoming_sessions, f.upcoming_bookings), "small")
    if f.called_off:
        doc.para(f.called_off, "small")
    doc.para("Bookings are every booking except those on a waiting list or who left it. Attendance rate is attended / "
             "bookings; take-up is attended / places (capacity); no-show and cancellation rates are shares of "
             "bookings.", "small")
    doc.heading("Key figures", 2)
    rows = [[k.label, _figure_text(k.current), _figure_text(k.previous), k.change] for k in key_figures(f)]
    doc.table(["Figure", "This period", "Previous period", "Change"], rows, align=["LEFT", "RIGHT", "RIGHT", "LEFT"])
    add_chart(doc, topic_chart(f), table=False, heading="Attendance by course topic")
    _figure_table(doc, "Topic", f.by_topic, f.total)
    add_chart(doc, organisation_chart(f), table=False, heading="Attendance by organisation")
    _figure_table(doc, "Organisation", _labelled_apart(f.by_organisation), f.total, places=False)
    doc.heading("By sector of organisation", 2)
    _figure_table(doc, "Sector", f.by_sector, f.total, places=False)
    doc.heading("By course", 2)
    _figure_table(doc, "Course", f.by_course, f.total)
    if f.years:
        add_chart(doc, year_chart(f), table=False, heading="Year on year")
        add_chart(doc, take_up_chart(f), table=False)
        doc.table(["Financial year", "Sessions", "Places", "Bookings", "Attended", "No-shows", "Cancellations",
                   "Attendance rate", "Take-up", "Registrations"],
                  [[y.label, y.figures.sessions, y.figures.places, y.figures.bookings, y.figures.attended,
                    y.figures.no_shows, y.figures.cancellations, y.figures.attendance_rate.text, y.figures.take_up.text,
                    y.registrations if y.registrations is not None else ""] for y in f.years])
    doc.heading("Evaluation results", 2)
    if not f.gains:
        doc.para(NO_EVALUATIONS)
    else:
        doc.para(EVALUATIONS_EXPLAINED, "small")
        doc.table(["Course", "Evaluations", "Before", "After", "Learning gain", "Follow-ups (delegate / manager)"],
                  [[g.course, g.evaluations, *shown_scores(g.gain),
                    f"{g.delegate_follow_ups:,} / {g.manager_follow_ups:,}"] for g in f.gains],
                  align=["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"])
    return doc.build()


def _labelled_apart(lines: Sequence[FigureLine]) -> list[FigureLine]:
    """The lines, each labelled apart from any other written the same (`told_apart`)."""
    labels = told_apart([(ln.label, ln.detail) for ln in lines])
    return [FigureLine(label, ln.figures, ln.previous, ln.detail) for label, ln in zip(labels, lines, strict=True)]


def _figure_table(doc: DocumentBuilder, first: str, lines: Sequence[FigureLine], grand: FigureLine,
                  places: bool = True) -> None:
    if not lines:
        doc.para("No sessions or bookings in this period.")
        return
    headers = [first, "Sessions", "Places", "Bookings", "Attended", "No-shows", "Cancelled (late)", "Waitlisted",
               "Attendance rate", "Take-up", "No-show rate"]
    if not places:
        headers = [h for h in headers if h not in ("Places", "Take-up")]

    def row(line: FigureLine) -> list:
        x = line.figures
        cells = [line.label, x.sessions, x.places, x.bookings, x.attended, x.no_shows,
                 f"{x.cancellations:,} ({x.late_cancellations:,})", x.waitlisted, x.attendance_rate.text, x.take_up.text,
                 x.no_show_rate.text]
        if not places:
            cells = [c for i, c in enumerate(cells) if i not in (2, 9)]
        return cells

    doc.table(headers, [row(ln) for ln in lines] + [row(FigureLine("Total", grand.figures))])


def write_register_pdf(partnership_name: str, session: Any, bookings: Sequence[Any], path: Path, blank_rows: int = 5) -> Path:
    """A sign-in sheet: every delegate holding a place, with room to sign, and blank rows."""
    doc = DocumentBuilder(path, title=f"Sign-in sheet: {session.course_title}", partnership_name=partnership_name,
                          subject="Training session sign-in sheet", landscape=True)
    doc.heading(f"Sign-in sheet: {session.course_title}", 1)
    doc.key_values([
        ("When", session.times),
        ("Where", session.where or "Not recorded"),
        ("Facilitator", session.facilitator or "Not recorded"),
        ("Places", f"{session.capacity:,} ({session.held:,} booked)"),
    ], key_width=0.18)
    holding = sorted((b for b in bookings if b.outcome.holds_place), key=lambda b: b.delegate_name.casefold())
    rows = [[i, b.delegate_name, b.organisation, b.job_title, ""] for i, b in enumerate(holding, start=1)]
    rows += [[len(holding) + i, "", "", "", ""] for i in range(1, blank_rows + 1)]
    doc.table(["No.", "Delegate", "Organisation", "Job title", "Signature"], rows,
              col_widths=[10 * mm, 70 * mm, 70 * mm, 55 * mm, 60 * mm])
    waiting = [b for b in bookings if b.outcome.value == "waitlisted"]
    if waiting:
        doc.heading("On the waiting list", 3)
        doc.table(["Delegate", "Organisation", "Booked on"], [[b.delegate_name, b.organisation, b.booked_on] for b in waiting])
    doc.para("Please print your name clearly if it is not listed, and sign beside it.", "small")
    return doc.build()


def write_certificate_pdf(data: CertificateData, path: Path) -> Path:
    doc = DocumentBuilder(path, title="Certificate of attendance", partnership_name=data.partnership_name,
                          subject="Certificate of attendance")
    doc.spacer(25)
    doc.heading("Certificate of attendance", 1)
    doc.spacer(6)
    doc.para("This is to certify that")
    doc.heading(data.delegate_name, 2)
    if data.organisation:
        doc.para(data.organisation)
    doc.para("attended the multi-agency safeguarding course")
    doc.heading(data.course_title, 2)
    doc.para(f"on {format_date_long(data.day)}" + (f" ({data.length_text})" if data.length_text else "")
             + f", run by {data.partnership_name}.")
    if data.learning_outcomes:
        doc.heading("Learning outcomes", 3)
        doc.bullets(data.learning_outcomes)
    doc.spacer(20)
    doc.para("Signed: ______________________________    Date: ______________")
    doc.para(f"Facilitator: {data.facilitator}" if data.facilitator else "Learning and Development Officer", "small")
    return doc.build()


def write_charges_pdf(partnership_name: str, charges, path: Path) -> Path:
    doc = DocumentBuilder(path, title=f"Training charges: {charges.period.label}", partnership_name=partnership_name,
                          subject="No-show and late-cancellation charges", landscape=True)
    doc.heading("No-show and late-cancellation charges", 1)
    doc.para(f"Sessions from {format_date_long(charges.period.start)} to {format_date_long(charges.period.end)}.")
    years = range(financial_year_of(charges.period.start), financial_year_of(charges.period.end) + 1)
    rates = [r for r in charges.rates if r.financial_year in years]  # the rates of the period's own years
    if rates:
        doc.para("Charges: " + "; ".join(f"{r.label}: no-show {format_money(r.no_show)}, late cancellation "
                                         f"{format_money(r.late_cancellation)}" for r in rates) + ".", "small")
    if charges.missing_rates_note:
        doc.para(charges.missing_rates_note, "small")
    if not charges.statements:
        doc.para("No chargeable bookings (no-shows or late cancellations) in this period.")
        return doc.build()
    doc.heading("Totals by organisation", 2)
    doc.table(["Organisation", "No-shows", "Late cancellations", "Waived", "Due"],
              [[name, s.no_shows, s.late_cancellations, format_money(s.total_waived), format_money(s.total_due)]
               for name, s in zip(told_apart([(s.organisation, s.sector) for s in charges.statements]),
                                  charges.statements, strict=True)]
              + [["Total", sum(s.no_shows for s in charges.statements), sum(s.late_cancellations for s in charges.statements),
                  format_money(charges.total_waived), format_money(charges.total_due)]],
              align=["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"])
    for statement in charges.statements:
        doc.page_break()
        doc.heading(f"Statement: {statement.organisation}", 2)
        if statement.sector:
            doc.para(statement.sector, "small")
        if not statement.lines:
            doc.para("No chargeable bookings in this period.")
            continue
        # each delegate with their email (or booking id): two of one name are told apart
        doc.table(["Delegate", "Email", "Course", "Session", "Charge", "Cancelled on", "Amount", "Waived (reason)", "Due"],
                  [[ln.delegate_name, ln.delegate_contact, ln.course_title, format_datetime(ln.starts_at), ln.kind.label,
                    format_date(ln.cancelled_on), format_money(ln.amount), ln.waiver_reason if ln.waived else "",
                    format_money(ln.due)] for ln in statement.lines]
                  + [["Total due", "", "", "", "", "", "", "", format_money(statement.total_due)]],
                  align=["LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "LEFT", "RIGHT"])
    return doc.build()
