"""Case review outputs from plain data: the tracker workbook, the tracker PDF, a case summary
PDF and the themes summary (PDF or Excel); the summary for a period (PDF or Excel) is built in
`case_review_period` and named here too. Every one is marked OFFICIAL-SENSITIVE in its header,
footer and document properties; statuses are printed as words, with a colour beside.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from bscp_desktop.domain.case_review_clocks import STATUS_COLOURS, Clock
from bscp_desktop.domain.case_reviews import ALIAS_REMINDER
from bscp_desktop.domain.dates import format_date, format_date_long
from bscp_desktop.domain.deadlines import DeadlineStatus
from bscp_desktop.domain.text import isolate
from bscp_desktop.reports.actions import actions_table, overdue_counted_note, printed_status
from bscp_desktop.reports.case_review_period import FOOTNOTE, summary_workbook, write_summary_pdf  # noqa: F401 - the area's outputs, named here
from bscp_desktop.reports.pdf import FONT, DocumentBuilder, paragraph
from bscp_desktop.reports.pdf.styles import text_width
from bscp_desktop.reports.pdf.tables import PADDING, fit, measure
from bscp_desktop.reports.xlsx import Column, WorkbookBuilder

OVERDUE_FILL = STATUS_COLOURS[DeadlineStatus.OVERDUE]
STATUS_FILLS = {status.label: colour.lstrip("#").upper() for status, colour in STATUS_COLOURS.items()}
ACTION_FILLS = {"Done": STATUS_FILLS["Met on time"]}
OVERDUE_FILLS = {"Yes": OVERDUE_FILL.lstrip("#").upper()}  # the Overdue column's Yes/No, as the action log has it


@dataclass(frozen=True)
class CaseLine:
    reference: str
    alias: str
    incident_type: str
    age_band: str
    looked_after: bool
    became_aware: date
    financial_year: str
    stage: str
    decision: str
    decision_date: date | None
    themes: tuple[str, ...]
    agencies: tuple[str, ...]
    stage_dates: tuple[tuple[str, date | None], ...]
    clocks: tuple[Clock, ...]
    next: Clock | None
    reviewer: str = ""
    family_involvement: str = ""
    not_published_reason: str = ""
    summary: str = ""
    closed: date | None = None
    sex: str = ""
    harm: str = ""
    outcome: str = ""
    considered_on: date | None = None
    considered_at: str = ""
    case_kind: str = ""
    crg_recommendation: str = ""
    panel_view: str = ""
    rapid_review_meeting: str = ""
    planned_publication: date | None = None
    delay_reason: str = ""
    next_step: str = ""  # what the case waits for, in words
    dates: tuple[tuple[str, date | None], ...] = ()  # (stage key, date) for every stage

    def date_of(self, key: str) -> date | None:
        return dict(self.dates).get(key)

    @property
    def status_word(self) -> str:
        if self.next is not None:
            return self.next.status.label
        if self.outcome == "Not notifiable":
            return "Not notifiable"
        return "Closed" if self.closed else "No open deadline"

    @property
    def next_text(self) -> str:
        """The next deadline, or the next step in words when no clock is running."""
        return self.next.label if self.next is not None else self.next_step


@dataclass(frozen=True)
class RecommendationLine:
    case_reference: str
    case_alias: str
    number: int
    text: str
    lead: str
    actions_total: int
    actions_open: int
    actions_overdue: int
    #: archived, yet listed: an open action of it is still to do and counts as open for its case
    archived: bool = False

    @property
    def label(self) -> str:
        return f"{self.case_reference} R{self.number}"


@dataclass(frozen=True)
class ActionLine:
    case_reference: str
    recommendation: str  # "BSCP-2024-01 R1"
    description: str
    owner: str
    due: date | None
    status: str  # "Open", "In progress", "Done" or "Dropped"
    completed_on: date | None
    evidence: str
    overdue: bool = False  # not done or dropped and past its due date

    @property
    def status_text(self) -> str:
        """The status as a printed table says it: "Overdue (In progress)" once overdue."""
        return printed_status(self.status, self.overdue)


@dataclass(frozen=True)
class ThemesTable:
    year_labels: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    cases_per_year: tuple[int, ...]

    @property
    def total_cases(self) -> int:
        return sum(self.cases_per_year)


@dataclass(frozen=True)
class CaseReviewReport:
    partnership_name: str
    today: date
    rules: tuple[tuple[str, str], ...]  # (deadline, rule in words)
    closures: tuple[tuple[date, str], ...]
    cases: tuple[CaseLine, ...]
    recommendations: tuple[RecommendationLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    themes: ThemesTable = field(default_factory=lambda: ThemesTable((), (), ()))
    #: a sentence for each setting that could not be read (its default used), naming it and why
    notes: tuple[str, ...] = ()


def actions_of(report: CaseReviewReport, recommendation: RecommendationLine) -> list[ActionLine]:
    """The actions of `report` raised from `recommendation`, in their order."""
    return [a for a in report.actions if a.recommendation == recommendation.label]


def overdue_deadlines(report: CaseReviewReport) -> list[tuple[CaseLine, Clock]]:
    """Every overdue deadline of every case, not only each case's next one: the clocks the
    tracker workbook's Deadlines sheet shows as overdue, case by case in the report's order, each
    case's by due date (two due the same day in rule order)."""
    return [
        (c, k)
        for c in report.cases
        for k in sorted((k for k in c.clocks if k.status is DeadlineStatus.OVERDUE), key=lambda k: k.due or date.min)
    ]


# --------------------------------------------------------------------------- Excel


def _clock_extra(clock: Clock) -> str:
    return clock.extra_text()


def _days_left(clock: Clock | None) -> int | None:
    """Working days left: none once the clock is overdue (its count goes under Working days overdue)."""
    left = clock.working_days_left if clock is not None else None
    return left if left is None or left >= 0 else None


def _days_overdue(clock: Clock | None) -> int | None:
    left = clock.working_days_left if clock is not None else None
    return -left if left is not None and left < 0 else None


#: The steps' dates the Cases sheet carries after its first columns, under the case review
#: import's own headings, so the tracker reads back in as the import template filled in:
#: (heading, stage key).
STEP_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Incident date", "incident_date"), ("Safeguarding partners told", "partners_told"),
    ("Notification sent", "notification_sent"), ("Secretary of State and Ofsted told", "sos_ofsted_notified"),
    ("Rapid review meeting", "rapid_review_meeting"), ("Rapid review sent", "rapid_review_sent"),
    ("Panel response", "panel_response"), ("Terms of reference agreed", "tor_agreed"),
    ("Draft report", "draft_report"), ("Final report", "final_report"),
    ("Sent to Panel and Secretary of State", "sent_to_panel_sos"), ("Panel told of the delay", "delay_told_panel"),
    ("Published", "published"),
)


def working_days_sentence(report: CaseReviewReport) -> str:
    """How the working days of the report's counts are counted, as its PDF and workbook say it."""
    if not report.closures:
        return "Working days skip weekends and England and Wales bank holidays."
    return ("Working days skip weekends, England and Wales bank holidays and these local closure days: "
            + "; ".join(f"{format_date(d)}" + (f" ({reason})" if reason else "") for d, reason in report.closures) + ".")


def tracker_workbook(report: CaseReviewReport, left_out: str = "") -> WorkbookBuilder:
    """Sheets Cases, Deadlines, Recommendations, Actions and Rules. The Cases sheet holds every
    column the case review import reads, so its cases import back into the program; the import
    reads that sheet only (its report names the Recommendations and Actions sheets as not read).
    `left_out` (the archived case reviews left out) is said under the tables of the first four,
    on the Cases sheet under Kind of case, a column the import does not read; under the Cases and
    Deadlines tables, too, the day their working days left and overdue were counted on, and under
    the Recommendations and Actions tables the day their overdue actions were counted on. The
    Recommendations sheet lists an archived recommendation with an open action as the case summary
    does (marked archived, its open actions counted); the Actions sheet gives each action's status
    and, beside it, whether it is overdue, as the action log workbook does. The Rules sheet says
    how working days are counted."""
    counted = " ".join(filter(None, (left_out, f"Working days counted on {format_date(report.today)}.")))
    overdue = " ".join(filter(None, (left_out, overdue_counted_note(report.today))))
    wb = WorkbookBuilder(
        title=f"Case review tracker, {format_date(report.today)}",
        author=report.partnership_name,
        subject="Case review tracker",
    )
    wb.add_sheet(
        "Cases",
        [
            Column("Reference"), Column("Alias"), Column("Incident"), Column("Harm"), Column("Age band"),
            Column("Sex"), Column("Looked after", "bool"), Column("Kind of case"), Column("Became aware", "date"),
            Column("Financial year"), Column("Outcome"), Column("Considered on", "date"), Column("Current stage"),
            Column("Next deadline"), Column("Due", "date"), Column("Status", fills=STATUS_FILLS),
            Column("Working days left", "int"), Column("Working days overdue", "int"), Column("Rule"),
            Column("Case Review Group recommended"),
            Column("Decision"), Column("Decision date", "date"), Column("Panel's view"),
            Column("Planned publication", "date"), Column("Reason for delay"), Column("Themes"),
            Column("Agencies involved"), Column("Closed", "date"), Column("Next step"),
            *(Column(heading, "date") for heading, _key in STEP_COLUMNS), Column("Reason not published"),
        ],
        [
            [
                c.reference, c.alias, c.incident_type, c.harm, c.age_band, c.sex, c.looked_after, c.case_kind,
                c.became_aware, c.financial_year, c.outcome, c.considered_on, c.stage,
                c.next.label if c.next else "", c.next.due if c.next else None,
                c.status_word, _days_left(c.next), _days_overdue(c.next),
                c.next.rule_text if c.next else "", c.crg_recommendation, c.decision, c.decision_date,
                c.panel_view, c.planned_publication, c.delay_reason, "; ".join(c.themes),  # as the import reads them
                "; ".join(c.agencies), c.closed, c.next_step,
                *(c.date_of(key) for _heading, key in STEP_COLUMNS), c.not_published_reason,
            ]
            for c in report.cases
        ],
        note=counted, note_at=7,  # Kind of case
    )
    wb.add_sheet(
        "Deadlines",
        [
            Column("Reference"), Column("Alias"), Column("Deadline"), Column("Rule"),
            Column("Counts from", "date"), Column("Due", "date"), Column("Done on", "date"),
            Column("Status", fills=STATUS_FILLS), Column("Working days left", "int"),
            Column("Working days overdue", "int"), Column("Working days late", "int"), Column("Note"),
        ],
        [
            [
                c.reference, c.alias, k.label, k.rule_text, k.anchor_date, k.due, k.done_on,
                k.status.label, _days_left(k), _days_overdue(k), k.working_days_late, k.note,
            ]
            for c in report.cases
            for k in c.clocks
        ],
        note=counted,
    )
    wb.add_sheet(
        "Recommendations",
        [
            Column("Reference"), Column("Alias"), Column("No.", "int"), Column("Recommendation"),
            Column("Lead agency"), Column("Actions", "int"), Column("Open", "int"), Column("Overdue", "int"),
            Column("Archived", "bool"),
        ],
        [
            [r.case_reference, r.case_alias, r.number, r.text, r.lead, r.actions_total, r.actions_open,
             r.actions_overdue, r.archived]
            for r in report.recommendations
        ],
        note=overdue,
    )
    wb.add_sheet(
        "Actions",
        [
            Column("Reference"), Column("Recommendation"), Column("Action"), Column("Owner"),
            Column("Due", "date"), Column("Status", fills=ACTION_FILLS), Column("Overdue", "bool", fills=OVERDUE_FILLS),
            Column("Completed", "date"), Column("Evidence of impact"),
        ],
        [
            [a.case_reference, a.recommendation, a.description, a.owner, a.due, a.status, a.overdue, a.completed_on,
             a.evidence]
            for a in report.actions
        ],
        note=overdue,
    )
    wb.add_sheet(
        "Rules",
        [Column("Deadline or closure day"), Column("Rule or reason")],
        [list(rule) for rule in report.rules]
        + [["Working days", working_days_sentence(report)]]
        + [[format_date(day), reason or "Local closure day"] for day, reason in report.closures]
        + [["Setting not read", note] for note in report.notes],
    )
    return wb


def themes_workbook(report: CaseReviewReport) -> WorkbookBuilder:
    themes = report.themes
    wb = WorkbookBuilder(
        title=f"Case review themes, {format_date(report.today)}",
        author=report.partnership_name,
        subject="Case reviews by theme and financial year",
    )
    columns = [Column("Theme")] + [Column(y, "int") for y in themes.year_labels] + [Column("Total", "int")]
    rows = [[theme, *counts, sum(counts)] for theme, counts in themes.rows]
    # the cases of each year, not a sum of the themes (a case may have several): stated, after the filtered rows
    wb.add_sheet("Themes", columns, rows, total_row=["Cases in the year (a case may have several themes)",
                                                     *themes.cases_per_year, themes.total_cases])
    return wb


# --------------------------------------------------------------------------- PDF


def _document(path, report: CaseReviewReport, title: str, subject: str) -> DocumentBuilder:
    return DocumentBuilder(
        path,
        title=title,
        partnership_name=report.partnership_name,
        draft=False,
        subject=subject,
    )


def _status_cell(doc: DocumentBuilder, status: DeadlineStatus | None, text: str):
    colour = STATUS_COLOURS.get(status) if status is not None else None
    if colour is None:
        return text
    style = ParagraphStyle(
        f"status-{status.value}", parent=doc.styles["cell"], backColor=colors.HexColor(colour),
        borderPadding=(1, 2, 1, 2),
    )
    return paragraph(text, style)


def _notes(doc: DocumentBuilder, report: CaseReviewReport) -> None:
    """Each setting that could not be read, said before the figures it changes."""
    for note in report.notes:
        doc.para(note)


def _rules_section(doc: DocumentBuilder, report: CaseReviewReport) -> None:
    doc.heading("Deadline rules used", 2)
    doc.table(["Deadline", "Rule"], [list(r) for r in report.rules])
    doc.para(working_days_sentence(report), "small")


TRACKER_HEADERS = ("Reference", "Alias", "Current stage", "Next deadline or step", "Due", "Status", "Working days")
_TRACKER_SHARES = (72, 44, 74, 126, 58, 62, 57)  # preferred proportions
ALIAS_WORD_MOST = 72.0  # points: a longer word of an alias (no spaces to wrap at) breaks inside its column
_STATUS_BOX = 4.0  # the coloured box's padding either side of a status word


def _tracker_widths(doc: DocumentBuilder, rows: list[list], coloured: Sequence[bool]) -> list[float]:
    """The tracker's column widths, measured as the table measures them, but: an alias's long
    word (`=HYPERLINK(...)` typed as one) is given at most ALIAS_WORD_MOST points and breaks
    inside its own column rather than squeezing the others, and a coloured status keeps its
    whole word ("Overdue", "Met on time") on one line, box and all."""
    width = doc.content_width
    _natural, floor = measure(TRACKER_HEADERS, rows, width)
    floor[1] = min(floor[1], ALIAS_WORD_MOST + PADDING)
    status = [text_width(row[5], FONT) + 2 * _STATUS_BOX + PADDING for row, boxed in zip(rows, coloured, strict=True)
              if boxed]
    floor[5] = max([floor[5], *status])
    total = sum(_TRACKER_SHARES)
    return fit([share * width / total for share in _TRACKER_SHARES], floor, width)


def write_tracker_pdf(report: CaseReviewReport, path: str | os.PathLike[str]) -> Path:
    doc = _document(path, report, "Case review tracker", "Case review tracker")
    doc.heading("Case review tracker", 1)
    doc.para(
        f"Position on {format_date_long(report.today)}: {len(report.cases)} "
        f"case{'s' if len(report.cases) != 1 else ''}. Each case's next statutory deadline, its status "
        "and the working days left. " + FOOTNOTE
    )
    _notes(doc, report)
    if report.cases:
        rows = [
            [
                c.reference, c.alias, c.stage,
                f"{c.next.label} ({c.next.rule_text})" if c.next else c.next_step,
                c.next.due if c.next else None, c.status_word,
                c.next.left_text if c.next else "",
            ]
            for c in report.cases
        ]
        widths = _tracker_widths(doc, rows, [c.next is not None for c in report.cases])
        for row, c in zip(rows, report.cases, strict=True):
            row[1] = paragraph(c.alias, doc.styles["cell"])  # measured above: its long words break in its column
            row[5] = _status_cell(doc, c.next.status if c.next else None, c.status_word)
        doc.table(TRACKER_HEADERS, rows, col_widths=widths)
        overdue = overdue_deadlines(report)
        if overdue:
            doc.heading("Overdue", 2)
            doc.para("Every deadline past its due date and not met, not only each case's next one, listed case by "
                     "case and by due date.", "small")
            doc.bullets(
                f"{c.reference} ({c.alias}): {k.label}, due {format_date(k.due)} ({k.rule_text}); {k.left_text}"
                for c, k in overdue
            )
    else:
        doc.para("No case reviews are recorded.")
    _rules_section(doc, report)
    return doc.build()


#: The printed actions tables' columns: (heading, the ActionLine's field), sized from what the
#: case's actions hold, the same in each recommendation's table.
ACTION_TABLE = (("Action", "description"), ("Owner", "owner"), ("Due", "due"),
                ("Status", "status_text"), ("Completed", "completed_on"), ("Evidence of impact", "evidence"))


def write_case_pdf(report: CaseReviewReport, path: str | os.PathLike[str]) -> Path:
    """The summary of the one case in ``report.cases``."""
    if len(report.cases) != 1:
        raise ValueError("A case summary needs exactly one case")
    c = report.cases[0]
    doc = _document(path, report, f"Case summary {c.reference}", f"Case review summary {c.reference}")
    doc.heading(f"Case summary: {c.reference} ({c.alias})", 1)
    doc.para(f"As on {format_date_long(report.today)}. {FOOTNOTE}", "small")
    _notes(doc, report)
    doc.key_values(
        [
            ("Reference", c.reference),
            ("Alias", c.alias),
            ("Incident type", c.incident_type),
            ("Harm", c.harm or "Not recorded"),
            ("Age band", c.age_band or "Not recorded"),
            ("Sex", c.sex or "Not recorded"),
            ("Looked-after child", c.looked_after),
            ("Kind of case", c.case_kind or "Not known yet"),
            ("Date the local authority became aware", c.became_aware),
            ("Financial year", c.financial_year),
            ("Outcome", (f"{c.outcome}" + (f", considered {format_date(c.considered_on)}" if c.considered_on else "")
                         + (f" at {c.considered_at}" if c.considered_at else "")) if c.outcome else "Not considered yet"),
            ("Current stage", c.stage),
        ]
        + ([("Rapid review held at", c.rapid_review_meeting)] if c.rapid_review_meeting else [])
        + ([("Case Review Group recommended", c.crg_recommendation)] if c.crg_recommendation else [])
        + [
            ("Partners' decision", (f"{c.decision} ({format_date(c.decision_date)})" if c.decision else "Not decided yet")),
        ]
        + ([("Panel's view", c.panel_view)] if c.panel_view else [])
        + ([("Planned publication", c.planned_publication)] if c.planned_publication else [])
        + ([("Reason for delay", c.delay_reason)] if c.delay_reason else [])
        + [
            ("Themes", ", ".join(c.themes) or "None recorded"),
            ("Agencies involved", ", ".join(c.agencies) or "None recorded"),
        ]
        + ([("Reviewer", c.reviewer)] if c.reviewer else [])
        + ([("Family involvement", c.family_involvement)] if c.family_involvement else [])
        + ([("Reason not published", c.not_published_reason)] if c.not_published_reason else [])
        + ([("Summary", c.summary)] if c.summary else [])
    )
    doc.heading("Statutory clocks", 2)
    if not c.clocks:
        doc.para("No clocks: " + ("the case was found not notifiable." if c.outcome == "Not notifiable"
                                  else "none apply to this case yet."))
    else:
        doc.table(
            ["Deadline", "Rule", "Counts from", "Due", "Done on", "Status", "Working days / note"],
            [
                [k.label, k.rule_text, k.anchor_date, k.due, k.done_on, _status_cell(doc, k.status, k.status.label),
                 _clock_extra(k)]
                for k in c.clocks
            ],
            col_widths=[84, 104, 58, 58, 58, 62, 69],
        )
    doc.heading("Stage dates", 2)
    recorded = [(label, value) for label, value in c.stage_dates if value is not None]
    if recorded:
        doc.key_values(recorded)
    else:
        doc.para("No stage dates recorded yet.")
    doc.heading("Recommendations and actions", 2)
    if not report.recommendations:
        doc.para("No recommendations recorded (archived ones are not listed).")
    # the live recommendations, then the archived ones with open actions, marked as the case audit
    # report marks them; each heading and what it says kept on the page of its actions table's start
    listed = [a for r in report.recommendations for a in actions_of(report, r)]
    for r in sorted(report.recommendations, key=lambda r: r.archived):
        if r.archived:
            doc.heading(f"Recommendation {r.number} (archived)", 3)
            doc.para(r.text, keep_with_next=True)
            doc.para("Archived, with actions still open: they are still to do and count as open for the case.",
                     "small", keep_with_next=True)
        else:
            doc.heading(f"Recommendation {r.number}" + (f" (lead: {isolate(r.lead)})" if r.lead else ""), 3)
            doc.para(r.text, keep_with_next=True)
        actions_table(doc, actions_of(report, r), ACTION_TABLE, "No actions yet.", "small", among=listed)
    _rules_section(doc, report)
    doc.para(ALIAS_REMINDER, "small")
    return doc.build()


def write_themes_pdf(report: CaseReviewReport, path: str | os.PathLike[str]) -> Path:
    themes = report.themes
    doc = _document(path, report, "Case review themes", "Case reviews by theme and financial year")
    doc.heading("Case review themes", 1)
    doc.para(
        "Cases by theme and by the financial year (1 April to 31 March) in which the Case Review Group "
        "considered them (a case not yet considered: the year the local authority became aware), as on "
        f"{format_date_long(report.today)}. A case counts once under each of its themes. " + FOOTNOTE
    )
    _notes(doc, report)
    if not themes.total_cases:
        doc.para("No case reviews are recorded.")
        return doc.build()
    rows: list[Sequence] = [[theme, *counts, sum(counts)] for theme, counts in themes.rows]
    rows.append(["Cases in the year", *themes.cases_per_year, themes.total_cases])
    doc.table(["Theme", *themes.year_labels, "Total"], rows)
    used = [(theme, sum(counts)) for theme, counts in themes.rows if sum(counts)]
    if used:
        doc.chart("Cases by theme (all years)", [t for t, _ in used], [n for _, n in used])
    return doc.build()
