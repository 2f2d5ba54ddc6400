"""Audits outputs from plain data: the audits workbook (Section 11 and case audits), the
Section 11 summary PDF (the coloured grid, counts, late returns, actions; landscape) and one
case audit's PDF (OFFICIAL-SENSITIVE). Ratings and gradings are printed as words, with a colour.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from bscp_desktop.domain.audits import AUDIT_ALIAS_REMINDER, GRADING_COLOURS, NOT_GRADED, Grading
from bscp_desktop.domain.dates import format_date, format_date_long
from bscp_desktop.domain.section11 import (
    CHANGE_COLOURS,
    NOT_RATED,
    RATING_COLOURS,
    TIMELINESS_COLOURS,
    Change,
    Rating,
    RatingScale,
    Timeliness,
    average_text,
    count_ratings,
    effective_rating,
    opened_word,
)
from bscp_desktop.reports.actions import actions_table, overdue_counted_note, printed_status
from bscp_desktop.reports.pdf import DocumentBuilder, paragraph
from bscp_desktop.reports.pdf.builder import cell_text
from bscp_desktop.reports.pdf.styles import CELL_FONT, GRID, NAVY
from bscp_desktop.reports.pdf.whole_rows import rows_table
from bscp_desktop.reports.xlsx import Column, WorkbookBuilder

RATING_FILLS = {r.label: RATING_COLOURS[r].lstrip("#").upper() for r in Rating}
GRADING_FILLS = {g.label: GRADING_COLOURS[g].lstrip("#").upper() for g in Grading}
CHANGE_FILLS = {c.label: CHANGE_COLOURS[c].lstrip("#").upper() for c in Change}
LATE_FILLS = {t.label: TIMELINESS_COLOURS[t].lstrip("#").upper() for t in Timeliness}
ACTION_FILLS = {"Done": "C6E8C6"}
OVERDUE_FILLS = {"Yes": "F4B6B6"}  # the Overdue column's Yes/No, as the action log has it
PADDING = 3  # points between a coloured table's cell text and its cell's sides
FOOTNOTE = (
    "OFFICIAL-SENSITIVE. Audited cases are identified by the audit's reference and an alias only. "
    "Do not forward outside the partnership's audit arrangements."
)


def rating_word(rating: Rating | None) -> str:
    return rating.label if rating else NOT_RATED


def grading_word(grading: Grading | None) -> str:
    return grading.label if grading else NOT_GRADED


# --------------------------------------------------------------------------- plain data


@dataclass(frozen=True)
class S11CellLine:
    self_rating: Rating | None
    moderated: Rating | None
    previous: Rating | None = None
    change: Change = Change.NOT_COMPARABLE
    reason: str = ""
    evidence: str = ""
    note: str = ""

    @property
    def effective(self) -> Rating | None:
        return effective_rating(self.self_rating, self.moderated)


@dataclass(frozen=True)
class S11AgencyLine:
    name: str
    status: str
    sent_on: date | None
    returned_on: date | None
    moderated_on: date | None
    timeliness: Timeliness
    lateness: str
    contact: str = ""


@dataclass(frozen=True)
class ActionLine:
    source: str  # "2024-26: Brent Council, standard 3" or "MAA-2023-01 R1"
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
class S11CycleReport:
    name: str
    opens_on: date
    due_on: date
    previous_name: str
    standards: tuple[tuple[int, str], ...]  # (number, title)
    agencies: tuple[S11AgencyLine, ...]
    cells: tuple[tuple[S11CellLine, ...], ...]  # per agency, per standard
    actions: tuple[ActionLine, ...] = ()
    previous_cells: tuple[tuple[S11CellLine | None, ...], ...] = ()  # the earlier cycle, same shape
    rating_scale: RatingScale | None = None  # the cycle's; None: read from its ratings
    previous_open_actions: int = 0  # improvement actions still open in the earlier cycle (`previous_name`)

    @property
    def earlier_actions_sentence(self) -> str:
        """'Open improvement actions from 2024-26: 3, in the action log.' ('' when none are open)."""
        if not (self.previous_name and self.previous_open_actions):
            return ""
        return f"Open improvement actions from {self.previous_name}: {self.previous_open_actions}, in the action log."

    @property
    def scale(self) -> RatingScale:
        """The cycle's rating scale: as given, else that of the first rating on a scale (red,
        amber, green when none is)."""
        if self.rating_scale is not None:
            return self.rating_scale
        return next((c.effective.scale for row in self.cells for c in row
                     if c.effective is not None and c.effective.scale is not None), RatingScale.RAG)


@dataclass(frozen=True)
class AuditReturnLine:
    case_reference: str
    alias: str
    agency: str
    requested_on: date | None
    received_on: date | None
    grading: Grading | None
    good_practice: str
    areas_for_development: str
    timeliness: Timeliness = Timeliness.NO_DUE_DATE
    received_text: str = ""  # what the window says under Received: "07/12/2026 (late: due 17/11/2026)", "Overdue"
    lateness: str = ""  # in a Section 11 return's words: "Returned 3 working days late", "Overdue by 2 working days"

    @property
    def overdue(self) -> bool:
        return self.timeliness is Timeliness.OVERDUE

    @property
    def not_received(self) -> str:
        """What the window says of it while not in: "Not requested", "Overdue", "Not yet" ("" once in)."""
        return "" if self.received_on else self.received_text or "Not yet"

    @property
    def received_cell(self) -> tuple[str, str | None]:
        """The Received cell as the window shows it: its words, coloured when late or overdue."""
        return (self.received_text or format_date(self.received_on) or self.not_received,
                TIMELINESS_COLOURS[self.timeliness] if self.timeliness.flagged else None)


@dataclass(frozen=True)
class AuditCaseLine:
    reference: str
    alias: str
    age_band: str
    agencies: tuple[str, ...]
    agreed_grading: Grading | None
    agreed_note: str
    summary: str = ""


@dataclass(frozen=True)
class LearningLine:
    audit_reference: str
    text: str
    theme: str
    where_shared: str
    shared_on: date | None


@dataclass(frozen=True)
class CaseAuditReport:
    reference: str
    title: str
    theme: str
    status: str
    audit_date: date
    returns_due: date | None
    discussed_on: date | None
    reported_on: date | None
    closed_on: date | None
    questions: tuple[str, ...]
    scope: str
    findings: str
    meetings: tuple[str, ...]  # "Discussed at: 20/04/2023 Multi-agency Audit Group"
    cases: tuple[AuditCaseLine, ...]
    returns: tuple[AuditReturnLine, ...]
    learning: tuple[LearningLine, ...]
    recommendations: tuple[tuple[str, str, str], ...]  # (label, "(archived)" after one archived; text, lead)
    actions: tuple[ActionLine, ...]


@dataclass(frozen=True)
class AuditsReport:
    partnership_name: str
    today: date
    cycles: tuple[S11CycleReport, ...] = ()
    audits: tuple[CaseAuditReport, ...] = ()
    s11_actions: tuple[ActionLine, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- the workbook


def audits_workbook(report: AuditsReport) -> WorkbookBuilder:
    """Sheets S11 cycles, S11 ratings, Case audits, Audit returns, Learning log, Actions."""
    wb = WorkbookBuilder(
        title=f"Audits, {format_date(report.today)}", author=report.partnership_name,
        subject="Section 11 self-assessments and multi-agency case audits",
    )
    wb.add_sheet(
        "S11 cycles",
        [Column("Cycle"), Column("Opens", "date"), Column("Returns due", "date"), Column("Compared with"),
         Column("Agency"), Column("Return"), Column("Sent", "date"), Column("Returned", "date"),
         Column("Moderated", "date"), Column("On time?", fills=LATE_FILLS), Column("Lateness"),
         Column("Completed by"), Column("Rating scale")],
        [  # a row per agency; a cycle with none yet has one row of its own, as an audit with no cases does
            row for c in report.cycles
            for row in [
                [c.name, c.opens_on, c.due_on, c.previous_name, a.name, a.status, a.sent_on, a.returned_on,
                 a.moderated_on, a.timeliness.label, a.lateness, a.contact, c.scale.label] for a in c.agencies
            ] or [[c.name, c.opens_on, c.due_on, c.previous_name, "", "", None, None, None, "", "", "", c.scale.label]]
        ],
    )
    wb.add_sheet(
        "S11 ratings",
        [Column("Cycle"), Column("Agency"), Column("No.", "int"), Column("Standard"),
         Column("Self-assessed", fills=RATING_FILLS), Column("Moderated", fills=RATING_FILLS),
         Column("Rating used", fills=RATING_FILLS), Column("Earlier cycle", fills=RATING_FILLS),
         Column("Change", fills=CHANGE_FILLS), Column("Reason not applicable"), Column("Evidence"),
         Column("Moderation note")],
        [
            [c.name, agency.name, number, title, rating_word(cell.self_rating),
             cell.moderated.label if cell.moderated else "", rating_word(cell.effective),
             cell.previous.label if cell.previous else "", cell.change.label if c.previous_name else "",
             cell.reason, cell.evidence, cell.note]
            for c in report.cycles
            for agency, row in zip(c.agencies, c.cells, strict=True)
            for (number, title), cell in zip(c.standards, row, strict=True)
        ],
    )
    wb.add_sheet(
        "Case audits",
        [Column("Reference"), Column("Title"), Column("Theme"), Column("Status"), Column("Audit date", "date"),
         Column("Returns due", "date"), Column("Discussed", "date"), Column("Reported", "date"),
         Column("Closed", "date"), Column("Case"), Column("Alias"), Column("Age band"),
         Column("Agencies involved"), Column("Agreed grading", fills=GRADING_FILLS), Column("Note of the discussion")],
        [
            [a.reference, a.title, a.theme, a.status, a.audit_date, a.returns_due, a.discussed_on, a.reported_on,
             a.closed_on, c.reference, c.alias, c.age_band, ", ".join(c.agencies), grading_word(c.agreed_grading),
             c.agreed_note]
            for a in report.audits for c in a.cases
        ] + [
            [a.reference, a.title, a.theme, a.status, a.audit_date, a.returns_due, a.discussed_on, a.reported_on,
             a.closed_on]
            for a in report.audits if not a.cases
        ],
    )
    wb.add_sheet(
        "Audit returns",
        [Column("Audit"), Column("Case"), Column("Alias"), Column("Agency"), Column("Requested", "date"),
         Column("Received", "date"), Column("On time?", fills=LATE_FILLS), Column("Lateness"),
         Column("Grading", fills=GRADING_FILLS), Column("Good practice"), Column("Areas for development")],
        [  # on time or late as a Section 11 return is, on the S11 cycles sheet
            [a.reference, r.case_reference, r.alias, r.agency, r.requested_on, r.received_on, r.timeliness.label,
             r.lateness, grading_word(r.grading) if r.received_on else "Not received", r.good_practice,
             r.areas_for_development]
            for a in report.audits for r in a.returns
        ],
    )
    wb.add_sheet(
        "Learning log",
        [Column("Audit"), Column("Learning point"), Column("Theme"), Column("Where shared"),
         Column("Shared on", "date")],
        [[p.audit_reference, p.text, p.theme, p.where_shared, p.shared_on] for a in report.audits for p in a.learning],
    )
    wb.add_sheet(
        "Actions",
        [Column("From"), Column("Action"), Column("Owner"), Column("Due", "date"),
         Column("Status", fills=ACTION_FILLS), Column("Overdue", "bool", fills=OVERDUE_FILLS), Column("Completed", "date"),
         Column("Evidence of impact")],
        [
            [x.source, x.description, x.owner, x.due, x.status, x.overdue, x.completed_on, x.evidence]
            for x in (*report.s11_actions, *(x for a in report.audits for x in a.actions))
        ],
        note=overdue_counted_note(report.today),
    )
    return wb


# --------------------------------------------------------------------------- PDF helpers


def _coloured_table(doc: DocumentBuilder, headers: Sequence[str], rows: Sequence[Sequence[tuple[str, str | None]]],
                    widths: Sequence[float]) -> None:
    """A table whose cells are (text, background colour or None); header repeated on each page, rows
    kept whole as in every data table (`whole_rows`)."""
    styles = doc.styles
    scale = min(1.0, doc.content_width / sum(widths))
    columns = [w * scale for w in widths]
    data = [[paragraph(h, styles["cell_head"]) for h in headers]]
    data += [[cell_text(text, styles["cell"], columns[c] - PADDING - PADDING) for c, (text, _colour) in enumerate(row)]
             for row in rows]
    commands = [
        CELL_FONT,
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    for r, row in enumerate(rows, start=1):
        for c, (_text, colour) in enumerate(row):
            if colour and colour.upper() != "#FFFFFF":
                commands.append(("BACKGROUND", (c, r), (c, r), colors.HexColor(colour)))
    doc.add(rows_table(data, columns, commands))
    doc.add(Spacer(1, 4 * mm))


def _grid_rows(cycle: S11CycleReport, cells, compare: bool) -> list[list[tuple[str, str | None]]]:
    rows = []
    for agency, row in zip(cycle.agencies, cells, strict=True):
        line = [(agency.name, None)]
        for cell in row:
            if cell is None:
                line.append(("", None))
                continue
            text = rating_word(cell.effective)
            if cell.moderated is not None and cell.moderated != cell.self_rating:
                text += f" (own: {rating_word(cell.self_rating)})"
            if compare and cell.change in (Change.IMPROVED, Change.SAME, Change.DECLINED):
                text += f"\n{cell.change.label}"
            line.append((text, RATING_COLOURS[cell.effective]))
        rows.append(line)
    return rows


def _counts_rows(labels: Sequence[str], ratings: Sequence[Sequence[Rating | None]], scale: RatingScale) -> list[list]:
    """Per label, the count of each rating of `scale`, not applicable, not rated; on a scored
    cycle the average score as well."""
    rows = []
    for label, items in zip(labels, ratings, strict=True):
        counts = count_ratings(items)
        rows.append([label, *counts.on_scale(scale)]
                    + ([average_text(counts) or "None scored"] if scale is RatingScale.SCORE else []))
    return rows


def _counts_table(doc: DocumentBuilder, scale: RatingScale, labels: Sequence[str],
                  ratings: Sequence[Sequence[Rating | None]]) -> None:
    heads = ["", *scale.count_headers] + (["Average score"] if scale is RatingScale.SCORE else [])
    counts = len(heads) - 1
    doc.table(heads, _counts_rows(labels, ratings, scale),
              col_widths=[330 - 60 * (counts - 5)] + [60] * (counts - 2) + [80, 70])


def late_sentence(timeliness: Iterable[Timeliness]) -> str:
    """What a report says above its list of returns: "2 returns are late or overdue." or "No return is late."."""
    late = sum(1 for t in timeliness if t.flagged)
    return f"{late} return{'s are' if late != 1 else ' is'} late or overdue." if late else "No return is late."


#: The printed actions tables' columns: (heading, the ActionLine's field), sized from what they hold.
ACTION_TABLE = (("From", "source"), ("Action", "description"), ("Owner", "owner"), ("Due", "due"),
                ("Status", "status_text"), ("Evidence of impact", "evidence"))


# --------------------------------------------------------------------------- Section 11 summary


def write_s11_summary(report: AuditsReport, path: str | os.PathLike[str]) -> Path:
    """The summary of the one cycle in ``report.cycles``: landscape, the grid in colour and words."""
    if len(report.cycles) != 1:
        raise ValueError("A Section 11 summary needs exactly one cycle")
    cycle = report.cycles[0]
    doc = DocumentBuilder(path, title=f"Section 11 summary {cycle.name}", partnership_name=report.partnership_name,
                          subject=f"Section 11 self-assessment {cycle.name}", landscape=True)
    doc.heading(f"Section 11 self-assessment {cycle.name}", 1)
    returned = sum(1 for a in cycle.agencies if a.returned_on)
    opened = opened_word(cycle.opens_on, report.today).capitalize()
    doc.para(
        f"{opened} {format_date_long(cycle.opens_on)}; returns due {format_date_long(cycle.due_on)}. "
        f"{returned} of {len(cycle.agencies)} agencies have returned, as on {format_date_long(report.today)}. "
        + ("Each cell shows the rating used (the moderated rating where the partnership moderated it, with the "
           "agency's own rating beside it)"
           + (f" and how it changed since {cycle.previous_name}." if cycle.previous_name else ".")
           if cycle.standards else
           f"The cycle {cycle.name} has no standards, so its agencies have nothing to rate and there are no "
           "ratings to show.")
    )
    if not cycle.agencies:
        doc.para(" ".join(filter(None, ("No agencies are taking part yet.", cycle.earlier_actions_sentence))))
        return doc.build()
    if cycle.standards:
        _s11_ratings(doc, cycle)
    doc.heading("Returns", 2)
    doc.para(late_sentence(a.timeliness for a in cycle.agencies), keep_with_next=True)
    _coloured_table(
        doc, ["Agency", "Return", "Sent", "Returned", "Moderated", "On time?"],
        [[(a.name, None), (a.status, None), (format_date(a.sent_on), None), (format_date(a.returned_on), None),
          (format_date(a.moderated_on), None), (a.lateness, TIMELINESS_COLOURS[a.timeliness])]
         for a in cycle.agencies],
        [200, 80, 70, 70, 70, 150],
    )
    doc.heading("Agencies' improvement actions", 2)
    actions_table(doc, cycle.actions, ACTION_TABLE, "No improvement actions recorded.")
    if cycle.earlier_actions_sentence:  # kept under the earlier cycle, not moved to this one
        doc.para(cycle.earlier_actions_sentence)
    return doc.build()


def _s11_ratings(doc: DocumentBuilder, cycle: S11CycleReport) -> None:
    """The cycle's grid beside the earlier cycle's, its standards and the counts of its ratings."""
    numbers = [str(n) for n, _ in cycle.standards]
    widths = [120] + [max(60.0, (doc.content_width - 120) / max(len(numbers), 1))] * len(numbers)
    doc.heading("Ratings by agency and standard", 2)
    _coloured_table(doc, ["Agency", *numbers], _grid_rows(cycle, cycle.cells, bool(cycle.previous_name)), widths)
    doc.para("Standards: " + "; ".join(f"{n}. {t}" for n, t in cycle.standards) + ".", "small")
    if cycle.previous_cells:
        doc.heading(f"The earlier cycle, {cycle.previous_name}", 2)
        _coloured_table(doc, ["Agency", *numbers], _grid_rows(cycle, cycle.previous_cells, False), widths)
    scale = cycle.scale
    doc.heading("Counts per standard", 2)
    if scale is RatingScale.SCORE:
        doc.para("Scored from 0 to 3: " + scale.guide + " The average leaves out Not applicable and Not rated.",
                 "small")
    _counts_table(doc, scale, [f"{n}. {t}" for n, t in cycle.standards],
                  [[row[i].effective for row in cycle.cells] for i in range(len(cycle.standards))])
    doc.heading("Counts per agency", 2)
    _counts_table(doc, scale, [a.name for a in cycle.agencies], [[c.effective for c in row] for row in cycle.cells])


# --------------------------------------------------------------------------- one case audit


def write_audit_pdf(report: AuditsReport, path: str | os.PathLike[str]) -> Path:
    """The findings, gradings, learning and actions of the one audit in ``report.audits``."""
    if len(report.audits) != 1:
        raise ValueError("An audit report needs exactly one audit")
    a = report.audits[0]
    doc = DocumentBuilder(path, title=f"Case audit {a.reference}", partnership_name=report.partnership_name,
                          subject=f"Multi-agency case audit {a.reference}")
    doc.heading(f"Multi-agency case audit {a.reference}: {a.title}", 1)
    doc.para(f"As on {format_date_long(report.today)}. {FOOTNOTE}", "small")
    doc.key_values(
        [("Reference", a.reference), ("Theme", a.theme or "Not recorded"), ("Status", a.status),
         ("Audit date", a.audit_date), ("Returns due", a.returns_due or "Not set"),
         ("Joint discussion", a.discussed_on or "Not yet"), ("Reported", a.reported_on or "Not yet")]
        + ([("Closed", a.closed_on)] if a.closed_on else [])
        + ([("Meetings", "\n".join(a.meetings))] if a.meetings else [])
        + ([("Scope", a.scope)] if a.scope else [])
    )
    doc.heading("Questions", 2)
    doc.bullets(a.questions)
    doc.heading("Findings", 2)
    doc.para(a.findings or "No findings recorded yet.")
    doc.heading("Cases and agreed gradings", 2)
    if a.cases:
        _coloured_table(
            doc, ["Case", "Alias", "Age band", "Agencies involved", "Agreed grading", "Note of the discussion"],
            [[(c.reference, None), (c.alias, None), (c.age_band, None), (", ".join(c.agencies), None),
              (grading_word(c.agreed_grading), GRADING_COLOURS[c.agreed_grading]), (c.agreed_note, None)]
             for c in a.cases],
            [98, 50, 60, 110, 70, 130],
        )
        tally: dict[str, int] = {}
        for c in a.cases:
            tally[grading_word(c.agreed_grading)] = tally.get(grading_word(c.agreed_grading), 0) + 1
        doc.para("Agreed gradings: " + "; ".join(f"{k} {v}" for k, v in tally.items()) + ".", "small")
    else:
        doc.para("No cases in the sample yet.")
    doc.heading("Agency returns", 2)
    if a.returns:
        doc.para(late_sentence(r.timeliness for r in a.returns), keep_with_next=True)
        _coloured_table(
            doc, ["Case", "Agency", "Received", "Agency's grading", "Good practice", "Areas for development"],
            [[(f"{r.case_reference} ({r.alias})", None), (r.agency, None), r.received_cell,
              (grading_word(r.grading) if r.received_on else "", GRADING_COLOURS[r.grading] if r.received_on else None),
              (r.good_practice, None), (r.areas_for_development, None)]
             for r in a.returns],
            [98, 74, 74, 68, 108, 108],
        )
    else:
        doc.para("No returns requested yet.")
    doc.heading("Learning log", 2)
    if a.learning:
        doc.table(["Learning point", "Theme", "Where shared", "Shared on"],
                  [[p.text, p.theme, p.where_shared, p.shared_on] for p in a.learning], col_widths=[220, 70, 150, 60])
    else:
        doc.para("No learning recorded yet.")
    doc.heading("Recommendations and actions", 2)
    if a.recommendations:
        doc.table(["No.", "Recommendation", "Lead agency"], [list(r) for r in a.recommendations],
                  col_widths=[70, 320, 110])
    else:
        doc.para("No recommendations recorded (archived ones are listed only while an action of theirs is open).")
    actions_table(doc, a.actions, ACTION_TABLE, "No actions yet.")
    doc.para(AUDIT_ALIAS_REMINDER, "small")
    return doc.build()
