"""The case reviews summary for any period (see `domain.case_summary` for what is counted)."""

from __future__ import annotations

from datetime import date

from bscp_desktop.db.database import Database
from bscp_desktop.domain.case_summary import CaseSummary, SummaryCase, summarise
from bscp_desktop.domain.dates import financial_year_bounds, financial_year_of, format_date
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.case_review_settings import settings_in
from bscp_desktop.services.case_reviews import CaseReviewDTO, case_dtos_in


def default_period(today: date | None = None) -> tuple[date, date]:
    """The financial year so far: 1 April to today."""
    today = today or date.today()
    return financial_year_bounds(financial_year_of(today))[0], today


def check_period(date_from: date | None, date_to: date | None, today: date | None = None) -> tuple[date, date]:
    """The period asked for; a missing end is filled from the financial year so far. An end
    before the start is refused naming both dates."""
    start, end = default_period(today)
    date_from = date_from or (financial_year_bounds(financial_year_of(date_to))[0] if date_to else start)
    date_to = date_to or max(end, date_from)
    if date_to < date_from:
        raise ValidationError({
            "date_to": f"The end of the period ({format_date(date_to)}) is before its start ({format_date(date_from)})"
        })
    return date_from, date_to


def _facts(case: CaseReviewDTO) -> SummaryCase:
    return SummaryCase(
        reference=case.reference,
        alias=case.alias,
        became_aware=case.became_aware,
        dates=case.stage_dates(),
        incident_type=case.incident_type,
        harm=case.harm,
        sex=case.sex,
        age_band=case.age_band,
        outcome=case.outcome,
        decision=case.decision,
        kind=case.kind,
        themes=case.themes,
        not_published_reason=case.not_published_reason,
        delay_reason=case.delay_reason,
    )


def case_summary(
    db: Database, date_from: date | None = None, date_to: date | None = None, today: date | None = None
) -> CaseSummary:
    """Cases considered, notifications, rapid reviews, local reviews, timeliness per clock and
    who the cases were about, for the period (archived cases are left out). A period ending
    after ``today`` (default: the computer's date) has its clocks judged as at today."""
    today = today or date.today()
    date_from, date_to = check_period(date_from, date_to, today)
    with db.unit_of_work() as session:
        settings = settings_in(session)
        cases = case_dtos_in(session, include_archived=False)
    return summarise(
        [_facts(c) for c in cases], date_from, date_to, settings.rules, settings.closure_dates, settings.themes,
        today=today,
    )
