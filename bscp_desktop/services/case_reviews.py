"""Case reviews: serious incident cases on their statutory clocks, recommendations and actions.

Commands (`create_case_review`, `update_case_review`, `archive_case_review`, ...) each run in one
unit of work and raise `ValidationError` naming the field; queries return frozen DTOs. The
team's deadline rules, local closure days, themes list and reference prefix are settings
(`load_settings` / `save_settings`, one transaction for all of them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Organisation, Setting
from bscp_desktop.db.models.case_reviews import (
    CaseReview,
    CaseReviewAgency,
    CaseReviewTheme,
    Recommendation,
)
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.case_reviews import (
    ANCHOR_CHOICES,
    DEFAULT_REFERENCE_PREFIX,
    DEFAULT_THEMES,
    MET_BY_CHOICES,
    STAGE_KEYS,
    AgeBand,
    Clock,
    Decision,
    IncidentType,
    check_reference_prefix,
    check_stage_dates,
    clean_themes,
    clocks_for,
    count_by_theme_and_year,
    current_stage,
    lcspr_dates_without_decision,
    next_clock,
    next_reference,
    parse_enum,
)
from bscp_desktop.domain.dates import (
    financial_year_label,
    financial_year_of,
    format_date,
    parse_date,
)
from bscp_desktop.domain.deadlines import (
    DEFAULT_RULES,
    DeadlineRule,
    DeadlineRuleError,
    rules_from_dict,
    rules_to_dict,
)
from bscp_desktop.domain.validation import Checker, ValidationError, clean_text
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.common import get_or_raise, set_archived

RULES_SETTING = "case_reviews.deadline_rules"
THEMES_SETTING = "case_reviews.themes"
PREFIX_SETTING = "case_reviews.reference_prefix"
CLOSURES_SETTING = "closure_days"

ALIAS_MAX = 60
MAX_THEME_LENGTH = 100

# ---------------------------------------------------------------- settings


@dataclass(frozen=True)
class ClosureDay:
    day: date
    reason: str = ""


@dataclass(frozen=True)
class CaseReviewSettings:
    rules: tuple[DeadlineRule, ...] = DEFAULT_RULES
    closures: tuple[ClosureDay, ...] = ()
    themes: tuple[str, ...] = DEFAULT_THEMES
    reference_prefix: str = DEFAULT_REFERENCE_PREFIX

    @property
    def closure_dates(self) -> frozenset[date]:
        return frozenset(c.day for c in self.closures)


def _read(session: Session, key: str, default: Any) -> Any:
    row = session.get(Setting, key)
    return default if row is None else json.loads(row.value)


def _write(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, default=str)  # key order kept: the rules are listed in it
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    elif row.value != text:
        row.value = text


def _closures_from(value: Any) -> tuple[ClosureDay, ...]:
    days: dict[date, ClosureDay] = {}
    for item in value or []:
        if isinstance(item, str):
            item = {"date": item}
        try:
            day = parse_date(item.get("date", ""))
        except (ValueError, AttributeError):
            continue  # a hand-edited setting with a bad date is skipped, not fatal
        days[day] = ClosureDay(day, clean_text(item.get("reason", "")))
    return tuple(sorted(days.values(), key=lambda c: c.day))


def _settings_in(session: Session) -> CaseReviewSettings:
    stored_rules = _read(session, RULES_SETTING, None)
    rules = DEFAULT_RULES if stored_rules is None else rules_from_dict(stored_rules)
    themes = _read(session, THEMES_SETTING, None)
    return CaseReviewSettings(
        rules=rules,
        closures=_closures_from(_read(session, CLOSURES_SETTING, [])),
        themes=DEFAULT_THEMES if themes is None else tuple(clean_themes(themes)),
        reference_prefix=_read(session, PREFIX_SETTING, DEFAULT_REFERENCE_PREFIX),
    )


def load_settings(db: Database) -> CaseReviewSettings:
    with db.unit_of_work() as session:
        return _settings_in(session)


def check_rules(rules: Sequence[DeadlineRule]) -> dict[str, str]:
    """{"<rule key>.<field>": message} for rules that cannot be used; {} when all are fine."""
    errors: dict[str, str] = {}
    keys = [r.key for r in rules]
    if not rules:
        errors["rules"] = "Keep at least one deadline rule"
    for rule in rules:
        if keys.count(rule.key) > 1:
            errors.setdefault(f"{rule.key}.key", f"Two rules are called '{rule.key}'")
        if rule.anchor_rule is None and rule.anchor not in ANCHOR_CHOICES:
            errors.setdefault(f"{rule.key}.anchor", f"'{rule.anchor}' is not a date the case records")
        if rule.met_by and rule.met_by not in MET_BY_CHOICES:
            errors.setdefault(f"{rule.key}.met_by", f"'{rule.met_by}' is not a stage of the case")
    if not errors:
        try:
            rules_from_dict(rules_to_dict(rules))
        except DeadlineRuleError as exc:
            errors[exc.field] = f"{exc.message[0].upper()}{exc.message[1:]}"
    return errors


def save_settings(db: Database, new: CaseReviewSettings) -> CaseReviewSettings:
    """Check and store every case review setting in one transaction."""
    errors = {f"rules.{k}": v for k, v in check_rules(new.rules).items()}
    themes = clean_themes(new.themes)
    for theme in themes:
        if len(theme) > MAX_THEME_LENGTH:
            errors.setdefault("themes", f"The theme '{theme[:30]}…' is too long (at most {MAX_THEME_LENGTH} characters)")
    prefix = clean_text(new.reference_prefix)
    message = check_reference_prefix(prefix)
    if message:
        errors["reference_prefix"] = message
    closures: dict[date, ClosureDay] = {}
    for closure in new.closures:
        if not isinstance(closure.day, date):
            errors.setdefault("closures", "Every closure day needs a date")
            continue
        reason = clean_text(closure.reason)
        if len(reason) > 200:
            errors.setdefault("closures", f"The reason for {format_date(closure.day)} is too long (at most 200 characters)")
        closures[closure.day] = ClosureDay(closure.day, reason)
    if errors:
        raise ValidationError(errors)
    with db.unit_of_work() as session:
        _write(session, RULES_SETTING, rules_to_dict(new.rules))
        _write(session, THEMES_SETTING, themes)
        _write(session, PREFIX_SETTING, prefix)
        _write(
            session,
            CLOSURES_SETTING,
            [{"date": c.day.isoformat(), "reason": c.reason} for c in sorted(closures.values(), key=lambda c: c.day)],
        )
        return _settings_in(session)


# ---------------------------------------------------------------- cases: inputs and DTOs


@dataclass(frozen=True)
class CaseReviewFields:
    alias: str
    incident_type: IncidentType | str | None
    became_aware: date | None
    age_band: AgeBand | str | None = None
    looked_after: bool = False
    summary: str = ""
    incident_date: date | None = None
    notification_sent: date | None = None
    partners_told: date | None = None
    rapid_review_meeting: date | None = None
    rapid_review_sent: date | None = None
    panel_response: date | None = None
    decision: Decision | str | None = None
    decision_date: date | None = None
    reviewer: str = ""
    tor_agreed: date | None = None
    family_involvement: str = ""
    draft_report: date | None = None
    final_report: date | None = None
    sent_to_panel_sos: date | None = None
    published: date | None = None
    not_published_reason: str = ""
    closed: date | None = None
    themes: tuple[str, ...] = ()
    agency_ids: tuple[int, ...] = ()

    def stage_dates(self) -> dict[str, date | None]:
        return {key: getattr(self, key) for key in STAGE_KEYS}


@dataclass(frozen=True)
class CaseReviewDTO:
    id: int
    reference: str
    alias: str
    age_band: AgeBand | None
    incident_type: IncidentType
    looked_after: bool
    summary: str
    incident_date: date | None
    became_aware: date
    notification_sent: date | None
    partners_told: date | None
    rapid_review_meeting: date | None
    rapid_review_sent: date | None
    panel_response: date | None
    decision: Decision | None
    decision_date: date | None
    reviewer: str
    tor_agreed: date | None
    family_involvement: str
    draft_report: date | None
    final_report: date | None
    sent_to_panel_sos: date | None
    published: date | None
    not_published_reason: str
    closed: date | None
    themes: tuple[str, ...]
    agency_ids: tuple[int, ...]
    agency_names: tuple[str, ...]
    archived_at: datetime | None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def name(self) -> str:
        return f"{self.reference} ({self.alias})"

    @property
    def financial_year(self) -> str:
        return financial_year_label(financial_year_of(self.became_aware))

    def stage_dates(self) -> dict[str, date | None]:
        return {key: getattr(self, key) for key in STAGE_KEYS}

    def to_fields(self) -> CaseReviewFields:
        """The record as input for `update_case_review` (for edits of one field)."""
        names = {f.name for f in fields(CaseReviewFields)}
        return CaseReviewFields(**{n: getattr(self, n) for n in names})


@dataclass(frozen=True)
class TrackerRow:
    """One row of the tracker: the case, its current stage and its clocks on a given day."""

    case: CaseReviewDTO
    stage: str
    clocks: tuple[Clock, ...]
    next: Clock | None
    today: date

    @property
    def id(self) -> int:
        return self.case.id

    @property
    def archived(self) -> bool:
        return self.case.archived

    @property
    def name(self) -> str:
        return self.case.name


# ---------------------------------------------------------------- cases: commands


def _enum_value(c: Checker, enum_type, value, field_name: str, label: str, required: bool):
    try:
        member = parse_enum(enum_type, value)
    except ValueError:
        c.add(field_name, f"'{value}' is not a choice for {label.lower()}; choose from the list")
        return None
    if member is None and required:
        c.add(field_name, f"Choose the {label.lower()}")
    return member


def check_case_fields(f: CaseReviewFields) -> tuple[Checker, dict[str, Any]]:
    """Every check that needs no database. Returns the checker (errors so far) and clean values."""
    c = Checker()
    alias = c.required("alias", f.alias, "Alias", ALIAS_MAX)
    incident_type = _enum_value(c, IncidentType, f.incident_type, "incident_type", "Incident type", True)
    age_band = _enum_value(c, AgeBand, f.age_band, "age_band", "Age band", False)
    decision = _enum_value(c, Decision, f.decision, "decision", "Decision", False)
    if f.became_aware is None:
        c.add("became_aware", "The date the local authority became aware is required: the clocks start from it")
    dates = f.stage_dates()
    for key, message in check_stage_dates(dates).items():
        c.add(key, message)
    for key, message in lcspr_dates_without_decision(decision, dates).items():
        c.add(key, message)
    if decision is not None and f.decision_date is None:
        c.add("decision_date", "Enter the date of the decision")
    if decision is None and f.decision_date is not None and "decision" not in c.errors:
        c.add("decision", f"Choose the decision made on {format_date(f.decision_date)}")
    not_published = c.optional("not_published_reason", f.not_published_reason, "Reason not published", 5000)
    if not_published and f.published is not None:
        c.add("not_published_reason", "The review has a publication date: clear either the date or the reason it was not published")
    if not_published and decision is not Decision.LCSPR:
        c.add("not_published_reason", "A reason for not publishing is only for an LCSPR")
    reviewer = c.optional("reviewer", f.reviewer, "Reviewer", 200)
    themes = clean_themes(f.themes)
    for theme in themes:
        if len(theme) > MAX_THEME_LENGTH:
            c.add("themes", f"The theme '{theme[:30]}…' is too long (at most {MAX_THEME_LENGTH} characters)")
    values = {
        "alias": alias,
        "incident_type": incident_type.value if incident_type else None,
        "age_band": age_band.value if age_band else "",
        "looked_after": bool(f.looked_after),
        "summary": c.optional("summary", f.summary, "Summary", 20000),
        "decision": decision.value if decision else "",
        "reviewer": reviewer,
        "family_involvement": c.optional("family_involvement", f.family_involvement, "Family involvement", 10000),
        "not_published_reason": not_published,
        **dates,
    }
    return c, {"values": values, "themes": themes, "agency_ids": list(dict.fromkeys(f.agency_ids))}


def _check_case(session: Session, f: CaseReviewFields, record_id: int | None) -> dict[str, Any]:
    c, checked = check_case_fields(f)
    alias = checked["values"]["alias"]
    if alias:
        clash = session.scalar(
            select(CaseReview.reference).where(
                func.lower(CaseReview.alias) == alias.lower(),
                CaseReview.archived_at.is_(None),
                CaseReview.id != (record_id or 0),
            )
        )
        if clash:
            c.add("alias", f"The alias '{alias}' is already used by case {clash}; choose another (for example Child B)")
    agency_ids = checked["agency_ids"]
    if agency_ids:
        found = set(session.scalars(select(Organisation.id).where(Organisation.id.in_(agency_ids))))
        if set(agency_ids) - found:
            c.add("agency_ids", "Choose the agencies from the list of organisations")
    c.raise_if_any()
    return checked


def _set_links(session: Session, case: CaseReview, themes: list[str], agency_ids: list[int]) -> None:
    current_themes = {t.theme: t for t in session.scalars(select(CaseReviewTheme).where(CaseReviewTheme.case_review_id == case.id))}
    for name, row in current_themes.items():
        if name not in themes:
            session.delete(row)
    for name in themes:
        if name not in current_themes:
            session.add(CaseReviewTheme(case_review_id=case.id, theme=name))
    current_agencies = {
        a.organisation_id: a
        for a in session.scalars(select(CaseReviewAgency).where(CaseReviewAgency.case_review_id == case.id))
    }
    for org_id, row in current_agencies.items():
        if org_id not in agency_ids:
            session.delete(row)
    for org_id in agency_ids:
        if org_id not in current_agencies:
            session.add(CaseReviewAgency(case_review_id=case.id, organisation_id=org_id))
    session.flush()


def _new_reference(session: Session, became_aware: date) -> str:
    prefix = _read(session, PREFIX_SETTING, DEFAULT_REFERENCE_PREFIX)
    existing = session.scalars(
        select(CaseReview.reference).where(CaseReview.reference.like(f"{prefix}-{became_aware.year:04d}-%"))
    )
    return next_reference(prefix, became_aware.year, existing)


def create_case_review(db: Database, fields: CaseReviewFields) -> CaseReviewDTO:
    with db.unit_of_work() as session:
        checked = _check_case(session, fields, None)
        values = checked["values"]
        case = CaseReview(reference=_new_reference(session, values["became_aware"]), **values)
        session.add(case)
        session.flush()
        _set_links(session, case, checked["themes"], checked["agency_ids"])
        return _case_dtos(session, [case.id])[0]


def update_case_review(db: Database, case_id: int, fields: CaseReviewFields) -> CaseReviewDTO:
    with db.unit_of_work() as session:
        case = get_or_raise(session, CaseReview, case_id, "case review")
        checked = _check_case(session, fields, case_id)
        for key, value in checked["values"].items():
            setattr(case, key, value)
        session.flush()
        _set_links(session, case, checked["themes"], checked["agency_ids"])
        return _case_dtos(session, [case_id])[0]


def archive_case_review(db: Database, case_id: int) -> None:
    set_archived(db, CaseReview, case_id, "case review", True)


def restore_case_review(db: Database, case_id: int) -> None:
    set_archived(db, CaseReview, case_id, "case review", False)


# ---------------------------------------------------------------- cases: queries


def _case_dtos(session: Session, ids: Sequence[int] | None = None, include_archived: bool = True) -> list[CaseReviewDTO]:
    q = select(CaseReview).order_by(CaseReview.became_aware, CaseReview.reference)
    if ids is not None:
        q = q.where(CaseReview.id.in_(ids))
    if not include_archived:
        q = q.where(CaseReview.archived_at.is_(None))
    cases = list(session.scalars(q))
    case_ids = [c.id for c in cases]
    themes: dict[int, list[str]] = {}
    agencies: dict[int, list[tuple[str, int]]] = {}
    if case_ids:
        for case_id, theme in session.execute(
            select(CaseReviewTheme.case_review_id, CaseReviewTheme.theme)
            .where(CaseReviewTheme.case_review_id.in_(case_ids))
            .order_by(CaseReviewTheme.id)
        ):
            themes.setdefault(case_id, []).append(theme)
        for case_id, org_id, org_name in session.execute(
            select(CaseReviewAgency.case_review_id, Organisation.id, Organisation.name)
            .join(Organisation, Organisation.id == CaseReviewAgency.organisation_id)
            .where(CaseReviewAgency.case_review_id.in_(case_ids))
        ):
            agencies.setdefault(case_id, []).append((org_name, org_id))
    result = []
    for case in cases:
        orgs = sorted(agencies.get(case.id, []), key=lambda pair: pair[0].casefold())
        result.append(
            CaseReviewDTO(
                id=case.id,
                reference=case.reference,
                alias=case.alias,
                age_band=AgeBand(case.age_band) if case.age_band else None,
                incident_type=IncidentType(case.incident_type),
                looked_after=case.looked_after,
                summary=case.summary,
                decision=Decision(case.decision) if case.decision else None,
                reviewer=case.reviewer,
                family_involvement=case.family_involvement,
                not_published_reason=case.not_published_reason,
                themes=tuple(themes.get(case.id, [])),
                agency_ids=tuple(org_id for _, org_id in orgs),
                agency_names=tuple(name for name, _ in orgs),
                archived_at=case.archived_at,
                **{key: getattr(case, key) for key in STAGE_KEYS},
            )
        )
    return result


def list_case_reviews(db: Database, include_archived: bool = False) -> list[CaseReviewDTO]:
    with db.unit_of_work() as session:
        return _case_dtos(session, include_archived=include_archived)


def get_case_review(db: Database, case_id: int) -> CaseReviewDTO:
    with db.unit_of_work() as session:
        get_or_raise(session, CaseReview, case_id, "case review")
        return _case_dtos(session, [case_id])[0]


def _row(case: CaseReviewDTO, settings: CaseReviewSettings, today: date) -> TrackerRow:
    clocks = tuple(
        clocks_for(
            settings.rules,
            case.stage_dates(),
            case.decision,
            today,
            settings.closure_dates,
            case.not_published_reason,
        )
    )
    return TrackerRow(case, current_stage(case.stage_dates(), case.decision), clocks, next_clock(clocks), today)


def tracker(db: Database, today: date | None = None, include_archived: bool = False) -> list[TrackerRow]:
    """One row per case with its clocks worked out on ``today`` (default: the real today)."""
    today = today or date.today()
    with db.unit_of_work() as session:
        settings = _settings_in(session)
        cases = _case_dtos(session, include_archived=include_archived)
    return [_row(case, settings, today) for case in cases]


def tracker_row(db: Database, case_id: int, today: date | None = None) -> TrackerRow:
    today = today or date.today()
    with db.unit_of_work() as session:
        get_or_raise(session, CaseReview, case_id, "case review")
        settings = _settings_in(session)
        case = _case_dtos(session, [case_id])[0]
    return _row(case, settings, today)


def known_themes(db: Database) -> list[str]:
    """The configured themes, then any other theme already used on a case."""
    with db.unit_of_work() as session:
        configured = list(_settings_in(session).themes)
        used = session.scalars(select(CaseReviewTheme.theme).distinct())
        return clean_themes([*configured, *sorted(used, key=str.casefold)])


# ---------------------------------------------------------------- themes summary


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    counts: tuple[int, ...]  # one per year of ThemesSummary.years

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ThemesSummary:
    years: tuple[int, ...]  # financial year start years, oldest first
    rows: tuple[ThemeRow, ...]
    cases_per_year: tuple[int, ...]

    @property
    def year_labels(self) -> tuple[str, ...]:
        return tuple(financial_year_label(y) for y in self.years)

    @property
    def total_cases(self) -> int:
        return sum(self.cases_per_year)


def themes_summary(db: Database, include_archived: bool = False) -> ThemesSummary:
    """Cases by theme and financial year of becoming aware. Every configured theme has a row."""
    with db.unit_of_work() as session:
        configured = list(_settings_in(session).themes)
        cases = _case_dtos(session, include_archived=include_archived)
    counts = count_by_theme_and_year((c.became_aware, c.themes) for c in cases)
    years = sorted({financial_year_of(c.became_aware) for c in cases})
    folded = {t.casefold(): t for t in counts}
    order = [folded.pop(t.casefold(), t) for t in configured]
    extra = sorted((t for t in folded.values() if t != "No theme recorded"), key=str.casefold)
    order += extra + (["No theme recorded"] if "No theme recorded" in counts else [])
    rows = tuple(ThemeRow(t, tuple(counts.get(t, {}).get(y, 0) for y in years)) for t in order)
    per_year = tuple(sum(1 for c in cases if financial_year_of(c.became_aware) == y) for y in years)
    return ThemesSummary(tuple(years), rows, per_year)


# ---------------------------------------------------------------- recommendations


@dataclass(frozen=True)
class RecommendationFields:
    case_review_id: int | None
    text: str
    lead_organisation_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class RecommendationDTO:
    id: int
    case_review_id: int
    case_reference: str
    case_alias: str
    number: int
    text: str
    lead_organisation_id: int | None
    lead_organisation_name: str
    notes: str
    archived_at: datetime | None
    actions_total: int = 0
    actions_open: int = 0
    actions_overdue: int = 0

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def name(self) -> str:
        return f"recommendation {self.number} of {self.case_reference}"

    @property
    def label(self) -> str:
        return f"{self.case_reference} R{self.number}"


def _check_recommendation(session: Session, f: RecommendationFields) -> dict[str, Any]:
    c = Checker()
    text = c.required("text", f.text, "Recommendation", 10000)
    if f.case_review_id is None:
        c.add("case_review_id", "Choose the case the recommendation comes from")
    elif session.get(CaseReview, f.case_review_id) is None:
        c.add("case_review_id", "Choose the case from the list")
    if f.lead_organisation_id is not None and session.get(Organisation, f.lead_organisation_id) is None:
        c.add("lead_organisation_id", "Choose the lead agency from the list of organisations")
    notes = c.optional("notes", f.notes, "Notes", 10000)
    c.raise_if_any()
    return {"case_review_id": f.case_review_id, "text": text, "lead_organisation_id": f.lead_organisation_id, "notes": notes}


def create_recommendation(db: Database, fields: RecommendationFields) -> RecommendationDTO:
    with db.unit_of_work() as session:
        values = _check_recommendation(session, fields)
        number = (
            session.scalar(select(func.max(Recommendation.number)).where(Recommendation.case_review_id == values["case_review_id"]))
            or 0
        ) + 1
        rec = Recommendation(number=number, **values)
        session.add(rec)
        session.flush()
        return _recommendation_dtos(session, ids=[rec.id])[0]


def update_recommendation(db: Database, recommendation_id: int, fields: RecommendationFields) -> RecommendationDTO:
    with db.unit_of_work() as session:
        rec = get_or_raise(session, Recommendation, recommendation_id, "recommendation")
        values = _check_recommendation(session, fields)
        if values["case_review_id"] != rec.case_review_id:
            raise ValidationError({"case_review_id": "A recommendation cannot move to another case; archive it and add it there"})
        for key, value in values.items():
            setattr(rec, key, value)
        session.flush()
        return _recommendation_dtos(session, ids=[recommendation_id])[0]


def archive_recommendation(db: Database, recommendation_id: int) -> None:
    set_archived(db, Recommendation, recommendation_id, "recommendation", True)


def restore_recommendation(db: Database, recommendation_id: int) -> None:
    set_archived(db, Recommendation, recommendation_id, "recommendation", False)


def _recommendation_dtos(
    session: Session,
    *,
    ids: Sequence[int] | None = None,
    case_review_id: int | None = None,
    include_archived: bool = True,
    today: date | None = None,
) -> list[RecommendationDTO]:
    today = today or date.today()
    org = aliased(Organisation)
    q = (
        select(Recommendation, CaseReview.reference, CaseReview.alias, org.name)
        .join(CaseReview, CaseReview.id == Recommendation.case_review_id)
        .outerjoin(org, org.id == Recommendation.lead_organisation_id)
        .order_by(CaseReview.became_aware, CaseReview.reference, Recommendation.number)
    )
    if ids is not None:
        q = q.where(Recommendation.id.in_(ids))
    if case_review_id is not None:
        q = q.where(Recommendation.case_review_id == case_review_id)
    if not include_archived:
        q = q.where(Recommendation.archived_at.is_(None))
        if case_review_id is None and ids is None:
            q = q.where(CaseReview.archived_at.is_(None))
    rows = session.execute(q).all()
    rec_ids = [r[0].id for r in rows]
    tallies: dict[int, list[int]] = {}
    if rec_ids:
        for rec_id, status, due in session.execute(
            select(Action.recommendation_id, Action.status, Action.due_date).where(
                Action.recommendation_id.in_(rec_ids), Action.archived_at.is_(None)
            )
        ):
            tally = tallies.setdefault(rec_id, [0, 0, 0])
            state = ActionStatus(status)
            tally[0] += 1
            if not state.closed:
                tally[1] += 1
                if due is not None and due < today:
                    tally[2] += 1
    return [
        RecommendationDTO(
            rec.id, rec.case_review_id, reference, alias, rec.number, rec.text, rec.lead_organisation_id,
            org_name or "", rec.notes, rec.archived_at, *tallies.get(rec.id, [0, 0, 0]),
        )
        for rec, reference, alias, org_name in rows
    ]


def list_recommendations(
    db: Database, case_review_id: int | None = None, include_archived: bool = False, today: date | None = None
) -> list[RecommendationDTO]:
    with db.unit_of_work() as session:
        return _recommendation_dtos(session, case_review_id=case_review_id, include_archived=include_archived, today=today)


def get_recommendation(db: Database, recommendation_id: int) -> RecommendationDTO:
    with db.unit_of_work() as session:
        get_or_raise(session, Recommendation, recommendation_id, "recommendation")
        return _recommendation_dtos(session, ids=[recommendation_id])[0]


# ---------------------------------------------------------------- actions on recommendations


def add_recommendation_action(
    db: Database, recommendation_id: int, fields: action_log.ActionFields
) -> action_log.ActionDTO:
    """A new action in the shared action log, linked to the recommendation (one transaction)."""
    with db.unit_of_work() as session:
        rec = get_or_raise(session, Recommendation, recommendation_id, "recommendation")
        if rec.archived_at is not None:
            raise ValidationError({"recommendation_id": "This recommendation is archived: restore it before adding actions"})
        action_id = action_log.add_action(session, fields, links={"recommendation_id": recommendation_id}).id
    return next(a for a in recommendation_actions(db, recommendation_id, include_archived=True) if a.id == action_id)


def recommendation_actions(
    db: Database, recommendation_id: int, include_archived: bool = False
) -> list[action_log.ActionDTO]:
    return action_log.list_actions(db, links={"recommendation_id": recommendation_id}, include_archived=include_archived)


@dataclass(frozen=True)
class CaseActionRow:
    """An action of the action log with the recommendation and case it answers."""

    action: action_log.ActionDTO
    recommendation: RecommendationDTO

    @property
    def id(self) -> int:
        return self.action.id

    @property
    def archived(self) -> bool:
        return self.action.archived


def case_review_actions(
    db: Database, include_archived: bool = False, today: date | None = None, case_review_id: int | None = None
) -> list[CaseActionRow]:
    """Every action raised from a case review recommendation (of one case, if given), in case
    and recommendation order."""
    recs = {
        r.id: r
        for r in list_recommendations(db, case_review_id, include_archived=include_archived, today=today)
    }
    actions = action_log.list_actions(db, include_archived=include_archived)
    rows = [
        CaseActionRow(a, recs[a.links["recommendation_id"]])
        for a in actions
        if a.links.get("recommendation_id") in recs
    ]
    order = {rec_id: index for index, rec_id in enumerate(recs)}
    rows.sort(key=lambda r: (order[r.recommendation.id], r.action.due_date or date.max, r.action.id))
    return rows


# ---------------------------------------------------------------- everything for outputs


@dataclass(frozen=True)
class CaseReviewData:
    """All the plain data the area's workbooks and PDFs need, gathered in one go."""

    today: date
    settings: CaseReviewSettings
    rows: tuple[TrackerRow, ...]
    recommendations: tuple[RecommendationDTO, ...]
    actions: tuple[CaseActionRow, ...]
    themes: ThemesSummary = field(default_factory=lambda: ThemesSummary((), (), ()))


def gather(db: Database, today: date | None = None, case_id: int | None = None) -> CaseReviewData:
    today = today or date.today()
    rows = [tracker_row(db, case_id, today)] if case_id is not None else tracker(db, today)
    recs = list_recommendations(db, case_id, today=today)
    acts = case_review_actions(db, today=today, case_review_id=case_id)
    return CaseReviewData(today, load_settings(db), tuple(rows), tuple(recs), tuple(acts), themes_summary(db))


def organisation_choices(db: Database) -> list[tuple[str, int]]:
    """(name, id) of live organisations, for agency pickers."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Organisation.name, Organisation.id)
            .where(Organisation.archived_at.is_(None))
            .order_by(func.lower(Organisation.name))
        )
        return [(name, org_id) for name, org_id in rows]


def case_choices(db: Database, include: Iterable[int] = ()) -> list[tuple[str, int]]:
    """(reference and alias, id) of live cases (plus any ids in ``include``)."""
    keep = set(include)
    return [(c.name, c.id) for c in list_case_reviews(db, include_archived=True) if not c.archived or c.id in keep]
