"""The case reviews summary for a period, from plain data (`domain.case_summary.CaseSummary`):
a PDF, or a workbook whose sheet Summary holds each figure. Marked OFFICIAL-SENSITIVE, as
every case review output (`reports.case_reviews` names them all)."""

from __future__ import annotations

import os
from pathlib import Path

from bscp_desktop.domain.case_reviews import ALIAS_REMINDER
from bscp_desktop.domain.case_summary import MISSED_HEADING, CaseSummary
from bscp_desktop.domain.dates import format_date, format_date_long
from bscp_desktop.domain.percent import format_percent
from bscp_desktop.reports.pdf import DocumentBuilder
from bscp_desktop.reports.xlsx import Column, WorkbookBuilder

FOOTNOTE = (
    "OFFICIAL-SENSITIVE. Cases are identified by reference and alias only. "
    "Do not forward outside the partnership's case review arrangements."
)
#: the date a case counts on for the period (`SummaryCase.considered_on`), named for what it is
COUNTED_ON_HEADING = "Counted on (Considered on, else became aware)"
#: how the cases considered are counted, as the window's summary page says it
COUNTING_RULE = (
    "A case counts as considered on its Considered on date (else the date the local authority "
    "became aware, so a case not considered yet counts too); the other figures count the step's own date."
)


# --------------------------------------------------------------------------- summary for a period


def _period_text(summary: CaseSummary) -> str:
    return f"{format_date_long(summary.date_from)} to {format_date_long(summary.date_to)}"


def _average(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _summary_rows(summary: CaseSummary) -> list[list]:
    """The Summary sheet's rows, the figures as the window lists them: a count or an average in
    column B (an average of nothing late left empty, as the Timeliness sheet leaves it); a
    theme's share of the cases considered beside its count, in column C, as a percentage."""
    shares = {f"Theme: {theme}": (f"Theme: {theme} (share of cases considered)", share)
              for theme, _n, share in summary.themes}
    shown_beside = {label for label, _share in shares.values()}
    rows: list[list] = []
    for label, number in summary.figures():
        if label in shown_beside:
            continue
        share = shares[label][1] if label in shares else None
        rows.append([label, number, share])
    return rows


def summary_workbook(summary: CaseSummary, partnership_name: str) -> WorkbookBuilder:
    """Sheet Summary (label in column A, number in column B, a theme's share beside its count in
    column C), then the figures behind it: Timeliness, Incident and harm, Sex, Age band,
    Themes, Cases."""
    wb = WorkbookBuilder(
        title=f"Case review summary, {format_date(summary.date_from)} to {format_date(summary.date_to)}",
        author=partnership_name,
        subject="Case reviews summary for a period",
    )
    wb.add_sheet("Summary", [Column("Figure", width=70), Column("Number", "number"),
                             Column("Share of cases considered", "percent")], _summary_rows(summary))
    wb.add_sheet(
        "Timeliness",
        [Column("Clock"), Column("Met on time", "int"), Column("Met late", "int"),
         Column("Average working days late", "number"), Column(summary.overdue_heading, "int"),
         Column(MISSED_HEADING, "int")],
        [[t.label, t.on_time, t.late, t.average_working_days_late, t.overdue_at_end, t.missed]
         for t in summary.timeliness],
    )
    wb.add_sheet(
        "Incident and harm",
        [Column("Incident type")] + [Column(h, "int") for h in summary.harm_labels] + [Column("Total", "int")],
        [[label, *counts, sum(counts)] for label, counts in summary.by_incident_and_harm],
    )
    wb.add_sheet("Sex", [Column("Sex"), Column("Cases", "int")], [list(r) for r in summary.by_sex])
    wb.add_sheet("Age band", [Column("Age band"), Column("Cases", "int")], [list(r) for r in summary.by_age_band])
    wb.add_sheet(
        "Themes", [Column("Theme"), Column("Cases", "int"), Column("Share of cases considered", "percent")],
        [list(r) for r in summary.themes],
    )
    wb.add_sheet(  # Considered on is the Case Review Group's date alone: empty for a case not considered yet
        "Cases considered",
        [Column("Reference"), Column("Alias"), Column(COUNTED_ON_HEADING, "date"), Column("Considered on", "date"),
         Column("Outcome"), Column("Incident type"), Column("Harm"), Column("Sex"), Column("Age band"),
         Column("Themes")],
        [
            [c.reference, c.alias, c.considered_on, c.dates.get("considered_on"),
             c.outcome.label if c.outcome else "Not decided yet",
             c.incident_type.label if c.incident_type else "", c.harm.label if c.harm else "",
             c.sex.label if c.sex else "", c.age_band.label if c.age_band else "", "; ".join(c.themes)]
            for c in summary.considered
        ],
    )
    return wb


def write_summary_pdf(summary: CaseSummary, partnership_name: str, path: str | os.PathLike[str]) -> Path:
    doc = DocumentBuilder(
        path, title="Case review summary", partnership_name=partnership_name, draft=False,
        subject="Case reviews summary for a period",
    )
    doc.heading("Case review summary", 1)
    doc.para(
        f"Cases considered and the work of the statutory route from {_period_text(summary)}. {COUNTING_RULE} "
        "Lateness is in working days (weekends, England and Wales bank holidays and local "
        "closure days are not counted). " + FOOTNOTE
    )
    doc.table(["Figure", "Number"], [list(r) for r in summary.headline_figures()])
    if summary.by_outcome:
        doc.para("Of the cases considered: " + "; ".join(f"{label}: {n}" for label, n in summary.by_outcome) + ".")
    doc.heading("Timeliness of each statutory clock", 2)
    doc.para(
        "Clocks met in the period, on time or late, with the average working days late of those met "
        f"late; clocks overdue {summary.overdue_wording}; and clocks due in the period that a case "
        "closed without meeting (missed).", "small",
    )
    doc.table(
        ["Clock", "Met on time", "Met late", "Average working days late", summary.overdue_heading, MISSED_HEADING],
        [[t.label, t.on_time, t.late, _average(t.average_working_days_late), t.overdue_at_end, t.missed]
         for t in summary.timeliness],
        align=["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"],
    )
    doc.heading("Cases considered by incident type and harm", 2)
    doc.table(
        ["Incident type", *summary.harm_labels, "Total"],
        [[label, *counts, sum(counts)] for label, counts in summary.by_incident_and_harm],
    )
    doc.heading("By sex", 2)
    doc.table(["Sex", "Cases"], [list(r) for r in summary.by_sex])
    doc.heading("By age band", 2)
    doc.table(["Age band", "Cases"], [list(r) for r in summary.by_age_band])
    doc.heading("Themes", 2)
    if summary.themes:
        doc.table(
            ["Theme", "Cases", "Share of cases considered"],
            [[theme, n, format_percent(share)] for theme, n, share in summary.themes],
            align=["LEFT", "RIGHT", "RIGHT"],
        )
    else:
        doc.para("No themes recorded on the cases considered.")
    doc.para(ALIAS_REMINDER, "small")
    return doc.build()
