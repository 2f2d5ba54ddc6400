"""Case review outputs: the tracker workbook (`export xlsx --area case-reviews`), the case
summary PDF (`report case --id ID`), the tracker PDF (`report case-tracker`), the themes
summary (`report case-themes`, PDF or Excel with --xlsx) and the summary for any period
(`report case-summary --from --to`, PDF or Excel with --xlsx or a .xlsx name). All are
OFFICIAL-SENSITIVE.

Each job gathers DTOs through the services in a handful of queries and hands plain data to
`reports.case_reviews`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bscp_desktop.domain.case_review_clocks import ANCHOR_CHOICES
from bscp_desktop.domain.case_reviews import STAGE_KEYS, STAGES, CaseKind, counted_on
from bscp_desktop.domain.dates import financial_year_label, financial_year_of
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.jobs import Output, Progress, archived_left_out, gather_then_write, no_progress, report, workbook
from bscp_desktop.services import case_review_summary
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services.settings import partnership_name

if TYPE_CHECKING:
    from bscp_desktop.reports import case_reviews as out
    from bscp_desktop.reports.xlsx import WorkbookBuilder


def _case_line(row: cr.TrackerRow) -> out.CaseLine:
    from bscp_desktop.reports import case_reviews as out
    c = row.case
    return out.CaseLine(
        reference=c.reference,
        alias=c.alias,
        incident_type=c.incident_type.label,
        age_band=c.age_band.label if c.age_band else "",
        looked_after=c.looked_after,
        became_aware=c.became_aware,
        financial_year=financial_year_label(financial_year_of(counted_on(c.became_aware, c.considered_on))),  # as the summary counts
        stage=row.stage,
        decision=c.decision.label if c.decision else "",
        decision_date=c.decision_date,
        themes=c.themes,
        agencies=c.agency_names,
        stage_dates=tuple((s.label, getattr(c, s.key)) for s in STAGES),
        clocks=row.clocks,
        next=row.next,
        next_step=row.next_step,
        reviewer=c.reviewer,
        family_involvement=c.family_involvement,
        not_published_reason=c.not_published_reason,
        summary=c.summary,
        closed=c.closed,
        sex=c.sex.label if c.sex else "",
        harm=c.harm.label if c.harm else "",
        outcome=c.outcome.label if c.outcome else "",
        considered_on=c.considered_on,
        considered_at=c.considered_meeting_title,
        case_kind=c.kind.label if c.kind else "",
        crg_recommendation=c.crg_recommendation.label if c.crg_recommendation else "",
        panel_view=c.panel_view.label if c.panel_view else "",
        rapid_review_meeting=c.rapid_review_meeting_title,
        planned_publication=c.planned_publication,
        delay_reason=c.delay_reason,
        dates=tuple((key, getattr(c, key)) for key in STAGE_KEYS),
    )


def rule_lines(rules) -> tuple[tuple[str, str], ...]:
    """(deadline, the rule in words, with the kinds of case it applies to) for every rule."""
    labels = dict(ANCHOR_CHOICES)
    labels.update({f"due:{r.key}": f"the due date for '{r.label}'" for r in rules})
    lines = []
    for r in rules:
        text = r.describe(labels)
        if r.applies_to:
            text += " (only for: " + ", ".join(CaseKind(k).label.lower() for k in r.applies_to) + ")"
        if r.fixed:
            text += " (a requirement of Working Together 2023, not a local choice)"
        lines.append((r.label, text))
    return tuple(lines)


def _recommendations(db, data: cr.CaseReviewData, case_id: int | None) -> tuple[out.RecommendationLine, ...]:
    """The live recommendations and, in its place among them, each archived one an open action
    of which is listed (`data.actions`): still to do and counted open for its case, so the
    workbook and the case summary list it, marked archived."""
    from bscp_desktop.reports import case_reviews as out
    shown = {r.id for r in data.recommendations} | {a.recommendation.id for a in data.actions}
    return tuple(
        out.RecommendationLine(
            r.case_reference, r.case_alias, r.number, r.text, r.lead_organisation_name,
            r.actions_total, r.actions_open, r.actions_overdue, archived=r.archived,
        )
        for r in cr.list_recommendations(db, case_id, include_archived=True, today=data.today)
        if r.id in shown
    )


def build_report(db, today: date | None = None, case_id: int | None = None) -> out.CaseReviewReport:
    from bscp_desktop.reports import case_reviews as out
    data = cr.gather(db, today=today, case_id=case_id)
    return out.CaseReviewReport(
        partnership_name=partnership_name(db),
        today=data.today,
        rules=rule_lines(data.settings.rules),
        closures=tuple((c.day, c.reason) for c in data.settings.closures),
        cases=tuple(_case_line(r) for r in data.rows),
        recommendations=_recommendations(db, data, case_id),
        actions=tuple(
            out.ActionLine(
                a.recommendation.case_reference,
                a.recommendation.label,
                a.action.description,
                a.action.owner,
                a.action.due_date,
                a.action.status.label,
                a.action.completed_on,
                a.action.evidence,
                overdue=a.action.overdue_on(data.today),  # beside the status, as the action log has it
            )
            for a in data.actions
        ),
        themes=out.ThemesTable(
            data.themes.year_labels,
            tuple((r.theme, r.counts) for r in data.themes.rows),
            data.themes.cases_per_year,
        ),
        notes=data.settings.warnings,  # a setting another program spoilt, read as its default
    )


@workbook(RecordKind.CASE_REVIEWS, "Case review tracker",
          outputs=(Output("Case review tracker (Excel)…", "Case review tracker.xlsx"),))
def case_reviews_workbook(db, progress: Progress = no_progress, today: date | None = None) -> WorkbookBuilder:
    from bscp_desktop.reports import case_reviews as out
    progress(0, 2, "Gathering case reviews")
    data = build_report(db, today)
    progress(1, 2, "Writing the workbook")
    archived = sum(c.archived for c in cr.list_case_reviews(db, include_archived=True))  # left out, as the reports leave them
    return out.tracker_workbook(data, left_out=archived_left_out("case reviews", archived))


@report("case-tracker", "Case review tracker", outputs=(Output("Case review tracker (PDF)…", "Case review tracker.pdf"),))
def case_tracker(db, path: Path, progress: Progress = no_progress, today: date | None = None) -> Path:
    from bscp_desktop.reports import case_reviews as out
    return gather_then_write(progress, "Gathering case reviews", lambda: build_report(db, today),
                             "Writing the tracker", lambda data: out.write_tracker_pdf(data, path))


@report("case", "Case review summary", options=("record_id",), needs="record_id",
        missing="Say which case: give its reference or id with --id",
        find={"record_id": cr.find_case_review}, outputs=(Output("Case summary of the selected case (PDF)…", "Case summary.pdf"),))
def case_summary(
    db, path: Path, progress: Progress = no_progress, record_id: int | None = None, today: date | None = None
) -> Path:
    from bscp_desktop.reports import case_reviews as out
    return gather_then_write(progress, "Gathering the case", lambda: build_report(db, today, case_id=int(record_id)),
                             "Writing the case summary", lambda data: out.write_case_pdf(data, path))


@report("case-themes", "Case review themes", options=("xlsx",), outputs=(
    Output("Case review themes (PDF)…", "Case review themes.pdf"),
    Output("Case review themes (Excel)…", "Case review themes.xlsx", {"xlsx": True}),
))
def case_themes(
    db, path: Path, progress: Progress = no_progress, xlsx: bool | None = None, today: date | None = None
) -> Path:
    from bscp_desktop.reports import case_reviews as out
    return gather_then_write(
        progress, "Counting cases by theme", lambda: build_report(db, today), "Writing the themes summary",
        lambda data: out.themes_workbook(data).save(path) if xlsx else out.write_themes_pdf(data, path),
    )


@report("case-summary", "Case reviews summary for a period", options=("date_from", "date_to", "xlsx"),
        needs="date_from", outputs=(
    Output("Case reviews summary (PDF)…", "Case reviews summary.pdf"),
    Output("Case reviews summary (Excel)…", "Case reviews summary.xlsx", {"xlsx": True}),
))
def case_reviews_summary(
    db, path: Path, progress: Progress = no_progress, date_from: date | None = None, date_to: date | None = None,
    xlsx: bool | None = None,
) -> Path:
    """Cases considered, notifications, rapid reviews, local reviews started and published,
    timeliness of every clock in working days, and who the cases were about (PDF, or Excel with
    a sheet Summary of label and number when `xlsx` or the file name ends .xlsx). Without dates:
    the financial year so far."""
    from bscp_desktop.reports import case_reviews as out

    def write(summary) -> Path:
        if xlsx or Path(path).suffix.lower() == ".xlsx":
            return out.summary_workbook(summary, partnership_name(db)).save(path)
        return out.write_summary_pdf(summary, partnership_name(db), path)

    return gather_then_write(progress, "Counting the cases",
                             lambda: case_review_summary.case_summary(db, date_from, date_to),
                             "Writing the summary", write)
