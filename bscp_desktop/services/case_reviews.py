"""Case reviews: serious incident cases on their statutory clocks, recommendations and actions.

Commands (`create_case_review`, `update_case_review`, `archive_case_review`, ...) each run in one
unit of work and raise `ValidationError` naming the field; queries return frozen DTOs. The
team's deadline rules, local closure days, themes list and reference prefix are settings
(`load_settings` / `save_settings`, one transaction for all of them).

The inputs and DTOs live in `services.case_review_dtos`, the settings in
`services.case_review_settings`, the recommendations and their actions in
`services.case_review_recommendations`, the themes summary's rows in
`services.case_review_themes` and the meetings a case is linked to in
`services.case_review_meetings`; all are importable from here as well.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from bscp_desktop.db import engines, history
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Organisation, OrganisationAlias
from bscp_desktop.db.models.case_reviews import CaseReview, CaseReviewAgency, CaseReviewTheme, Recommendation
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.domain.case_review_clocks import Clock, clocks_for, next_clock
from bscp_desktop.domain.case_reviews import (
    STAGE_BY_KEY,
    STAGE_KEYS,
    AgeBand,
    Decision,
    Harm,
    IncidentType,
    Outcome,
    PanelView,
    Sex,
    case_kind,
    check_reference,
    check_stage_dates,
    closing_cleared,
    closing_on_the_day_considered,
    current_stage,
    dates_needed_before,
    lcspr_dates_without_decision,
    name_warnings,
    next_reference,
    not_notifiable_conflicts,
    parse_enum,
    publication_delay_unexplained,
)
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.deadlines import DeadlineStatus
from bscp_desktop.domain.validation import Checker, NotFoundError, ValidationError, clean_names
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.action_rules import first_few, recommendations_actions_left_before
from bscp_desktop.services.case_review_dtos import CaseReviewDTO, CaseReviewFields, TrackerRow
from bscp_desktop.services.case_review_meetings import MEETING_LINKS, fill_meeting_dates, meeting_dates_in, meeting_held
from bscp_desktop.services.case_review_recommendations import (
    RECOMMENDATIONS,
    RecommendationDTO,
    RecommendationFields,
    add_recommendation_action,
    archive_recommendation,
    case_review_actions,
    closing_problem,
    create_recommendation,
    get_recommendation,
    list_recommendations,
    open_actions_in,
    recommendation_actions,
    restore_recommendation,
    update_recommendation,
)
from bscp_desktop.services.case_review_settings import MAX_THEME_LENGTH, CaseReviewSettings, ClosureDay, check_rules, load_settings, reference_prefix_in, save_settings, settings_in, themes_problem
from bscp_desktop.services.case_review_themes import ThemeRow, ThemesSummary, summarise_themes
from bscp_desktop.services.common import OneLive, archivers, assign, get_or_raise, get_to_change, only_ids, read, read_back, read_one, set_rows, unarchived, values_by_owner
from bscp_desktop.services.meetings import meeting_choices

ALIAS_MAX = 60
# A live case's alias is one of its kind: saving and restoring ask this rule.
CASE_ALIAS = OneLive(CaseReview, "alias", "The alias '{value}' is already used by case {clash}", named_by="reference")

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
    alias = c.name("alias", f.alias, "Alias", ALIAS_MAX)
    incident_type = _enum_value(c, IncidentType, f.incident_type, "incident_type", "Incident type", True)
    age_band = _enum_value(c, AgeBand, f.age_band, "age_band", "Age band", False)
    decision = _enum_value(c, Decision, f.decision, "decision", "Decision", False)
    sex = _enum_value(c, Sex, f.sex, "sex", "Sex", False)
    harm = _enum_value(c, Harm, f.harm, "harm", "Harm", False)
    outcome = _enum_value(c, Outcome, f.outcome, "outcome", "Outcome", False)
    recommendation = _enum_value(
        c, Decision, f.crg_recommendation, "crg_recommendation", "Case Review Group recommendation", False
    )
    panel_view = _enum_value(c, PanelView, f.panel_view, "panel_view", "Panel's view", False)
    if f.became_aware is None:
        c.add("became_aware", "The date the local authority became aware is required: the clocks start from it")
    dates = f.stage_dates()
    if outcome is None and dates.get("notification_sent") is not None:
        outcome = Outcome.NOTIFIED  # a notification sent says what was decided
    if outcome is Outcome.NOT_NOTIFIABLE:
        if dates.get("considered_on") is None:
            c.add("considered_on", "Enter the date the case was considered and found not notifiable")
        elif dates.get("closed") is None:  # closed when found not notifiable, or on its last step after that
            dates["closed"] = max(d for key, d in dates.items() if d is not None and key != "planned_publication")
    for key, message in check_stage_dates(dates, today=date.today()).items():  # a date that has not come yet
        c.add(key, message)
    for key, message in not_notifiable_conflicts(outcome, dates).items():
        c.add(key, message)
    for key, message in (dates_needed_before(dates) if outcome is not Outcome.NOT_NOTIFIABLE else {}).items():
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
    delay_reason = c.optional("delay_reason", f.delay_reason, "Reason for delay", 5000)
    if delay_reason and decision is not Decision.LCSPR:
        c.add("delay_reason", "A reason for delaying publication is only for an LCSPR")
    if panel_view is not None and dates.get("rapid_review_sent") is None and "rapid_review_sent" not in c.errors:
        c.add("panel_view", "The Panel gives its view on the rapid review: enter the date the rapid review was sent first")
    reviewer = c.optional("reviewer", f.reviewer, "Reviewer", 200)
    themes = clean_names(f.themes)
    if themes and (problem := themes_problem(themes)):  # too long, or holding ";" (read back as two themes)
        c.add("themes", problem)
    values = {
        "alias": alias,
        "incident_type": incident_type.value if incident_type else None,
        "age_band": age_band.value if age_band else "",
        "looked_after": bool(f.looked_after),
        "summary": c.optional("summary", f.summary, "Summary", 20000),
        "decision": decision.value if decision else "",
        "sex": sex.value if sex else "",
        "harm": harm.value if harm else "",
        "outcome": outcome.value if outcome else "",
        "crg_recommendation": recommendation.value if recommendation else "",
        "panel_view": panel_view.value if panel_view else "",
        "delay_reason": delay_reason,
        "considered_meeting_id": f.considered_meeting_id,
        "rapid_review_meeting_id": f.rapid_review_meeting_id,
        "reviewer": reviewer,
        "family_involvement": c.optional("family_involvement", f.family_involvement, "Family involvement", 10000),
        "not_published_reason": not_published,
        **dates,
    }
    return c, {"values": values, "themes": themes, "agency_ids": list(dict.fromkeys(f.agency_ids))}


def _check_case(session: Session, f: CaseReviewFields, record_id: int | None,
                more: dict[str, str] | None = None) -> dict[str, Any]:
    """Every check of a case, with `more` (refusals the caller found) on fields not refused already."""
    f, meeting_errors = meeting_dates_in(session, f)
    c, checked = check_case_fields(f)
    for key, message in (meeting_errors | {k: v for k, v in (more or {}).items() if k not in c.errors}).items():
        c.add(key, message)
    for key, message in publication_delay_problem(f, settings_in(session)).items():
        c.add(key, message)
    if record_id is not None and "closed" not in c.errors and (
            problem := closing_problem(session, record_id, checked["values"]["closed"])):
        c.add("closed", problem)  # not while an action of its recommendations is still to do
    alias = checked["values"]["alias"]
    if problem := CASE_ALIAS.problem(session, record_id, alias, advice="; choose another (for example Child B)"):
        c.add("alias", problem)
    agency_ids = checked["agency_ids"]
    if agency_ids:
        found = set(session.scalars(select(Organisation.id).where(Organisation.id.in_(agency_ids))))
        if set(agency_ids) - found:
            c.add("agency_ids", "Choose the agencies from the list of organisations")
    c.raise_if_any()
    return checked


def _set_links(session: Session, case: CaseReview, themes: list[str], agency_ids: list[int]) -> None:
    current_themes = {t.theme: t for t in session.scalars(select(CaseReviewTheme).where(CaseReviewTheme.case_review_id == case.id))}
    set_rows(session, current_themes, themes, lambda name: CaseReviewTheme(case_review_id=case.id, theme=name))
    current_agencies = {
        a.organisation_id: a
        for a in session.scalars(select(CaseReviewAgency).where(CaseReviewAgency.case_review_id == case.id))
    }
    set_rows(session, current_agencies, agency_ids,
             lambda org_id: CaseReviewAgency(case_review_id=case.id, organisation_id=org_id))
    session.flush()


def _same_reference(reference: str):
    """The condition a case meets whose reference is ``reference`` whatever the capitals (a
    reference is unique so on both engines: PostgreSQL compares text with its capitals)."""
    return func.lower(CaseReview.reference) == func.lower(reference)


def reference_matches(reference: str, held: Iterable[str]) -> list[str]:
    """The references in ``held`` that ``reference`` names: the one spelt so, else every one equal
    to it ignoring capitals (two or more when the records already hold both spellings)."""
    held = list(held)
    return [reference] if reference in held else [r for r in held if r.lower() == reference.lower()]


def _new_reference(session: Session, became_aware: date, reserved: Collection[str] = ()) -> str:
    prefix = reference_prefix_in(session)
    existing = session.scalars(select(CaseReview.reference).where(
        func.lower(CaseReview.reference).like(func.lower(f"{prefix}-{became_aware.year:04d}-%"))))
    return next_reference(prefix, became_aware.year, [*existing, *reserved])


def create_case_in(session: Session, fields: CaseReviewFields, reference: str | None = None,
                   reserved: Collection[str] = ()) -> int:
    """Check and add a case inside the caller's unit of work; its id. ``reference`` keeps a
    reference the team already uses (an import), else the next one is given, after any in
    ``reserved`` (those an import's later rows bring)."""
    checked = _check_case(session, fields, None)
    values = checked["values"]
    engines.decide_alone(session, "case review references")  # another program's new case waits until this one is saved
    if reference:
        problem = check_reference(reference)
        held = None if problem else session.scalars(select(CaseReview).where(_same_reference(reference))).first()
        if held is not None:
            problem = (f"{reference} is already the reference of another case ({held.reference}, {held.alias}); "
                       "references differing only in capitals are the same reference: give another")
        if problem:
            raise ValidationError({"reference": problem})
    case = CaseReview(reference=reference or _new_reference(session, values["became_aware"], reserved), **values)
    session.add(case)
    session.flush()
    _set_links(session, case, checked["themes"], checked["agency_ids"])
    return case.id


def update_case_in(session: Session, case_id: int, fields: CaseReviewFields, version: int | None = None) -> bool:
    """Check and change a case in the caller's unit of work (from `version`, if given, as
    `get_to_change`); whether anything changed."""
    case = get_to_change(session, CaseReview, case_id, "case review", version)
    before = case_dtos_in(session, [case_id])[0]
    more = moved_actions_problem(session, case, fields)
    if problem := closing_cleared(before.outcome, before.closed, _outcome_of(fields.outcome), fields.closed):
        more["closed"] = problem  # a case found not notifiable stays closed: its date is not filled in again
    checked = _check_case(session, fields, case_id, more)
    assign(case, checked["values"])
    session.flush()
    _set_links(session, case, checked["themes"], checked["agency_ids"])
    return case_dtos_in(session, [case_id])[0] != before


def _outcome_of(value: object) -> Outcome | None:
    """The outcome a case's fields hold (None for none, or for one the checks refuse)."""
    try:
        return parse_enum(Outcome, value)
    except ValueError:
        return None


def moved_actions_problem(session: Session, case: CaseReview, fields: CaseReviewFields) -> dict[str, str]:
    """The actions of a case's recommendations are raised on the day the local authority became
    aware of it (`RECOMMENDATIONS.raised_on`), so none is due or done before it, as a case audit's
    are not before its audit date (`case_audits.moved_actions_problem`): a move of that date to a
    later day that would leave one so is refused on that date, naming them ({} when none would be)."""
    key = RECOMMENDATIONS.raised_on.key
    was, day = getattr(case, key), getattr(fields, key)
    if day is None or was is None or day <= was:
        return {}
    named = recommendations_actions_left_before(session, Recommendation, Action.recommendation_id,
                                                Recommendation.case_review_id, case.id, was, day)
    if not named:
        return {}
    one, phrase = len(named) == 1, STAGE_BY_KEY[key].phrase
    return {key: f"{'An action' if one else f'{len(named)} actions'} raised from this case's recommendations would be "
                 f"due or done before {phrase} ({day:%d/%m/%Y}), the day the case's actions are raised on: "
                 f"{first_few(named)}. Change the dates of {'that action' if one else 'those actions'} first, "
                 f"or keep {phrase} ({was:%d/%m/%Y})"}


def create_case_review(
    db: Database, fields: CaseReviewFields, confirmed_warnings: Sequence[str] = ()
) -> CaseReviewDTO:
    """A new case. `confirmed_warnings` (see `case_name_warnings`) are kept with it."""
    with db.unit_of_work() as session:
        case_id = create_case_in(session, fields)
        _keep_warnings(session.get(CaseReview, case_id), confirmed_warnings)
        return case_dtos_in(session, [case_id])[0]


def update_case_review(db: Database, case_id: int, fields: CaseReviewFields, confirmed_warnings: Sequence[str] = (),
                       version: int | None = None) -> CaseReviewDTO:
    with db.unit_of_work() as session:
        update_case_in(session, case_id, fields, version)
        _keep_warnings(session.get(CaseReview, case_id), confirmed_warnings)
        return case_dtos_in(session, [case_id])[0]


def cases_by_reference_in(session: Session) -> dict[str, CaseReviewDTO]:
    """{reference as held: case} for every case, archived ones too (for imports; a row's
    reference finds its case by `reference_matches`)."""
    return {c.reference: c for c in case_dtos_in(session, include_archived=True)}


def close_as_not_notifiable(
    db: Database, case_id: int, considered_on: date | None, meeting_id: int | None = None,
    closed: date | None = None,
) -> CaseReviewDTO:
    """Record that the Case Review Group considered the case and found it not notifiable, and
    close it (on ``closed``, else the day it was considered, the meeting's when only the meeting
    is given): its clocks stop. One transaction; refused, naming the field, when the case already
    has dates of the notified route, or when ``closed`` is empty and a step was recorded after the
    day considered (a case never closes before its last recorded step: the date it closed is asked for,
    once every other check passes)."""
    with db.unit_of_work() as session:
        case = get_or_raise(session, CaseReview, case_id, "case review")
        current = case_dtos_in(session, [case_id])[0].to_fields()
        fields = replace(
            current, outcome=Outcome.NOT_NOTIFIABLE, considered_on=considered_on,
            considered_meeting_id=meeting_id, closed=closed,
        )
        if considered_on is None and meeting_id is None:
            raise ValidationError({"considered_on": "Enter the date the case was considered"})
        considered = meeting_dates_in(session, fields)[0].considered_on
        if closed is None and considered is not None:  # closed on the day considered, if no step came after it
            fields = replace(fields, closed=considered)
            if problem := closing_on_the_day_considered(fields.stage_dates(), considered):
                # the other checks first: a day considered out of order is refused on Considered on,
                # not as a later step asking for the date the case closed
                _check_case(session, replace(fields, closed=None), case_id)
                raise ValidationError({"closed": problem})
        checked = _check_case(session, fields, case_id)
        assign(case, checked["values"])
        return read_back(session, case, case_dtos_in)


def case_name_warnings(fields: CaseReviewFields, abbreviations: Collection[str] = ()) -> list[str]:
    """Where a real name may have been typed: the alias, summary, family involvement and reasons for
    delay and not publishing (`known_abbreviations` are no surnames). Gentle: it may be saved."""
    return name_warnings(fields.alias, {
        "Summary": fields.summary, "Family involvement": fields.family_involvement,
        "Reason for delay": fields.delay_reason, "Reason not published": fields.not_published_reason,
    }, abbreviations)


def known_abbreviations(db: Database) -> frozenset[str]:
    """Words in capitals in the organisations' names, short names and other names ("ICB",
    "CNWL"), in lower case: abbreviations, never a surname in the real-name check."""
    with db.unit_of_work() as session:
        texts = [*session.scalars(select(Organisation.name)), *session.scalars(select(Organisation.short_name)),
                 *session.scalars(select(OrganisationAlias.alias))]
    words = (w.strip("()[],.;:") for t in texts for w in (t or "").split())
    return frozenset(w.casefold() for w in words if len(w) > 1 and w.isupper())


def _keep_warnings(case: CaseReview, warnings: Sequence[str]) -> None:
    """Record warnings an officer confirmed: when, who, what (one line each)."""
    lines = [" ".join(str(w).split()) for w in warnings if str(w).strip()]
    if not lines:
        return
    who = getattr(object_session(case), "info", {}).get("user") or history.current_user()  # as the history names them
    stamp = f"{datetime.now():%d/%m/%Y %H:%M} {who}"
    kept = (case.name_warnings or "").splitlines() + [f"{stamp}: {line}" for line in lines]
    case.name_warnings = "\n".join(kept[-50:])


archive_case_review, restore_case_review = archivers(CaseReview, "case review", CASE_ALIAS.restore_check)


# ---------------------------------------------------------------- cases: queries


def case_dtos_in(session: Session, ids: Sequence[int] | None = None, include_archived: bool = True) -> list[CaseReviewDTO]:
    """Cases as DTOs (with themes, agencies and meeting names) inside the caller's unit of work."""
    q = select(CaseReview).order_by(CaseReview.became_aware, CaseReview.reference)
    q = only_ids(q, CaseReview, ids)
    q = unarchived(q, CaseReview, include_archived)
    cases = list(session.scalars(q))
    case_ids = [c.id for c in cases]
    themes = values_by_owner(session, CaseReviewTheme.case_review_id, CaseReviewTheme.theme, case_ids)
    agencies: dict[int, list[tuple[str, int]]] = {}
    meeting_ids = {m for c in cases for m in (c.considered_meeting_id, c.rapid_review_meeting_id) if m}
    meetings = {
        mid: f"{title} ({format_date(starts.date())})"
        for mid, title, starts in session.execute(
            select(Meeting.id, Meeting.title, Meeting.starts_at).where(Meeting.id.in_(meeting_ids))
        )
    } if meeting_ids else {}
    if case_ids:
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
                sex=Sex(case.sex) if case.sex else None,
                harm=Harm(case.harm) if case.harm else None,
                outcome=Outcome(case.outcome) if case.outcome else None,
                considered_meeting_id=case.considered_meeting_id,
                considered_meeting_title=meetings.get(case.considered_meeting_id, ""),
                rapid_review_meeting_id=case.rapid_review_meeting_id,
                rapid_review_meeting_title=meetings.get(case.rapid_review_meeting_id, ""),
                crg_recommendation=Decision(case.crg_recommendation) if case.crg_recommendation else None,
                panel_view=PanelView(case.panel_view) if case.panel_view else None,
                delay_reason=case.delay_reason,
                name_warnings=case.name_warnings or "",
                version=case.version,
                **{key: getattr(case, key) for key in STAGE_KEYS},
            )
        )
    return result


def list_case_reviews(db: Database, include_archived: bool = False) -> list[CaseReviewDTO]:
    return read(db, case_dtos_in, include_archived=include_archived)


def find_case_review(db: Database, text: str | int) -> CaseReviewDTO:
    """A case review by id or by its reference in any capitals ("bscp-2024-01"), a case spelt so
    first; NotFoundError in one sentence otherwise, also when two cases' references differ only
    in capitals and neither is spelt so (none is picked)."""
    given = str(text).strip()
    with db.unit_of_work() as session:
        case = session.get(CaseReview, int(given)) if given.isdigit() else None
        if case is None:
            found = {c.reference: c for c in session.scalars(select(CaseReview).where(_same_reference(given)))}
            named = [found[r] for r in reference_matches(given, found)]
            if len(named) > 1:
                raise NotFoundError(f"'{given}' could be case {' or '.join(sorted(c.reference for c in named))}: "
                                    "give the reference with its capitals as held, or the case's id.")
            case = named[0] if named else None
        if case is None:
            raise NotFoundError(f"There is no case review '{given}': give its reference or id.")
        return case_dtos_in(session, [case.id])[0]


def get_case_review(db: Database, case_id: int) -> CaseReviewDTO:
    return read_one(db, CaseReview, case_id, "case review", case_dtos_in)


def case_clocks(case: CaseReviewDTO | CaseReviewFields, settings: CaseReviewSettings, today: date) -> list[Clock]:
    """A case's clocks on ``today`` under the team's rules (also for a case being edited)."""
    def member(enum_type, value):
        try:
            return parse_enum(enum_type, value)
        except ValueError:
            return None

    incident = member(IncidentType, case.incident_type)
    kind = case_kind(incident, bool(case.looked_after), member(AgeBand, case.age_band))
    return clocks_for(
        settings.rules,
        case.stage_dates(),
        member(Decision, case.decision),
        today,
        settings.closure_dates,
        case.not_published_reason,
        kind=kind,
        outcome=member(Outcome, case.outcome),
        delay_reason=case.delay_reason,
    )


def publication_delay_problem(f: CaseReviewFields | CaseReviewDTO, settings: CaseReviewSettings) -> dict[str, str]:
    """{field: message} when the review is, or is planned to be, published after the date it is due
    to be published under the team's rules with no reason for the delay recorded; {} otherwise."""
    due = next((c.due for c in case_clocks(f, settings, date.today())
                if c.met_by == "published" and c.due is not None and c.status is not DeadlineStatus.NOT_REQUIRED), None)
    return publication_delay_unexplained(f.stage_dates(), due, f.delay_reason)


def _row(case: CaseReviewDTO, settings: CaseReviewSettings, today: date, open_actions: int = 0) -> TrackerRow:
    clocks = tuple(case_clocks(case, settings, today))
    stage = current_stage(case.stage_dates(), case.decision, case.outcome)
    return TrackerRow(case, stage, clocks, next_clock(clocks), today, open_actions)


def tracker(db: Database, today: date | None = None, include_archived: bool = False) -> list[TrackerRow]:
    """One row per case with its clocks worked out on ``today`` (default: the real today)."""
    today = today or date.today()
    with db.unit_of_work() as session:
        settings = settings_in(session)
        cases = case_dtos_in(session, include_archived=include_archived)
        still_open = open_actions_in(session, [c.id for c in cases])  # what the next step says of a case done
    return [_row(case, settings, today, len(still_open.get(case.id, ()))) for case in cases]


def tracker_row(db: Database, case_id: int, today: date | None = None) -> TrackerRow:
    today = today or date.today()
    with db.unit_of_work() as session:
        get_or_raise(session, CaseReview, case_id, "case review")
        settings = settings_in(session)
        case = case_dtos_in(session, [case_id])[0]
        still_open = len(open_actions_in(session, [case_id]).get(case_id, ()))
    return _row(case, settings, today, still_open)


def known_themes(db: Database, settings: CaseReviewSettings | None = None) -> list[str]:
    """The configured themes, then any other theme already used on a case; `settings` when the
    caller has read them already (a case's dialog does), so they are not read twice."""
    with db.unit_of_work() as session:
        return known_themes_in(session, settings)


def known_themes_in(session: Session, settings: CaseReviewSettings | None = None) -> list[str]:
    configured = list((settings or settings_in(session)).themes)
    used = session.scalars(select(CaseReviewTheme.theme).distinct())
    return clean_names([*configured, *sorted(used, key=str.casefold)])


# ---------------------------------------------------------------- themes summary


def themes_summary(db: Database, include_archived: bool = False) -> ThemesSummary:
    """Cases by theme and financial year, a case in the year of its Considered on date, else of
    the date the local authority became aware (as the summary counts it; `case_review_themes`).
    Every configured theme has a row."""
    with db.unit_of_work() as session:
        configured = list(settings_in(session).themes)
        cases = case_dtos_in(session, include_archived=include_archived)
    return summarise_themes(configured, cases)


# ---------------------------------------------------------------- everything for outputs


@dataclass(frozen=True)
class CaseReviewData:
    """All the plain data the area's workbooks and PDFs need, gathered in one go."""

    today: date
    settings: CaseReviewSettings
    rows: tuple[TrackerRow, ...]
    recommendations: tuple[RecommendationDTO, ...]
    actions: tuple[action_log.LinkedAction, ...]
    themes: ThemesSummary = field(default_factory=lambda: ThemesSummary((), (), ()))


def gather(db: Database, today: date | None = None, case_id: int | None = None) -> CaseReviewData:
    today = today or date.today()
    rows = [tracker_row(db, case_id, today)] if case_id is not None else tracker(db, today)
    recs = list_recommendations(db, case_id, today=today)
    acts = case_review_actions(db, today=today, case_review_id=case_id)
    return CaseReviewData(today, load_settings(db), tuple(rows), tuple(recs), tuple(acts), themes_summary(db))


def case_choices(db: Database, include: Iterable[int] = ()) -> list[tuple[str, int]]:
    """(reference and alias, id) of live cases (plus any ids in ``include``)."""
    keep = set(include)
    return [(c.name, c.id) for c in list_case_reviews(db, include_archived=True) if not c.archived or c.id in keep]


__all__ = [  # the settings, recommendations and meeting links are part of this area's service too
    "ALIAS_MAX", "MEETING_LINKS", "fill_meeting_dates", "meeting_held", "MAX_THEME_LENGTH", "CaseReviewData", "CaseReviewDTO", "CaseReviewFields", "CaseReviewSettings", "ClosureDay",
    "RECOMMENDATIONS", "RecommendationDTO", "RecommendationFields", "ThemeRow", "ThemesSummary", "TrackerRow", "add_recommendation_action",
    "archive_case_review", "archive_recommendation", "case_choices", "case_dtos_in", "cases_by_reference_in", "close_as_not_notifiable",
    "create_case_in", "publication_delay_problem", "reference_matches", "update_case_in", "case_review_actions", "check_case_fields", "check_rules", "create_case_review",
    "create_recommendation", "gather", "get_case_review", "get_recommendation", "known_abbreviations", "known_themes", "list_case_reviews",
    "list_recommendations", "load_settings", "meeting_choices", "case_clocks", "recommendation_actions", "restore_case_review",
    "restore_recommendation", "save_settings", "themes_summary", "tracker", "tracker_row", "update_case_review", "update_recommendation",
]
