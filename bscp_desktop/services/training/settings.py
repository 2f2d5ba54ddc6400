"""Training settings: topics, the late-cancellation notice, charge rates per financial year,
linking organisation names in bookings to organisations (as other names kept in Memberships),
and the column mappings saved for other systems' files."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Organisation, OrganisationAlias, Setting
from bscp_desktop.db.models.training import TrainingBooking, TrainingChargeRate, TrainingSession
from bscp_desktop.domain.dates import financial_year_label
from bscp_desktop.domain.finance import check_year
from bscp_desktop.domain.memberships import OrganisationKind, name_key
from bscp_desktop.domain.money import MoneyError, check_amount
from bscp_desktop.domain.training import DEFAULT_LATE_CANCELLATION_DAYS, DEFAULT_TOPICS, ChargeRates, is_late_cancellation
from bscp_desktop.domain.validation import Checker, ValidationError, clean_names, clean_text
from bscp_desktop.services.common import set_rows
from bscp_desktop.services.memberships.dtos import OrganisationFields
from bscp_desktop.services.memberships.organisations import OrganisationMatcher, check_aliases, organisation_matcher_in, set_aliases_in
from bscp_desktop.services.settings import closure_dates_in

TOPICS_SETTING = "training.topics"
LATE_DAYS_SETTING = "training.late_cancellation_days"
MAPPINGS_SETTING = "training.import_mappings"
ILLUSTRATIVE_SETTING = "training.illustrative"  # the demo's made-up figures say so in every output

MAX_LATE_DAYS = 30
NOT_MATCHED = "Not matched to an organisation"
NOT_GIVEN = "Organisation not given"


def _read(session: Session, key: str, default: Any) -> Any:
    row = session.get(Setting, key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default


def _write(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, sort_keys=True)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    elif row.value != text:
        row.value = text


# ---------------------------------------------------------------- topics and notice


@dataclass(frozen=True)
class TrainingSettings:
    topics: tuple[str, ...] = DEFAULT_TOPICS
    late_cancellation_days: int = DEFAULT_LATE_CANCELLATION_DAYS


def closure_dates(session: Session) -> frozenset[date]:
    """The team's local closure days (not working days for the late-cancellation notice)."""
    return closure_dates_in(session)


def settings_in(session: Session) -> TrainingSettings:
    topics = _read(session, TOPICS_SETTING, None)
    days = _read(session, LATE_DAYS_SETTING, DEFAULT_LATE_CANCELLATION_DAYS)
    if not isinstance(days, int) or not 0 <= days <= MAX_LATE_DAYS:
        days = DEFAULT_LATE_CANCELLATION_DAYS
    return TrainingSettings(
        topics=DEFAULT_TOPICS if topics is None else tuple(clean_names(topics)),
        late_cancellation_days=days,
    )


def load_settings(db: Database) -> TrainingSettings:
    with db.unit_of_work() as session:
        return settings_in(session)


def _checked_settings(c: Checker, new: TrainingSettings) -> tuple[list[str], int]:
    topics = clean_names(new.topics)
    for topic in topics:
        if len(topic) > 100:
            c.add("topics", f"The topic '{topic[:30]}…' is too long (at most 100 characters)")
    days = new.late_cancellation_days
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_LATE_DAYS:
        c.add("late_cancellation_days", f"The notice for a cancellation must be 0 to {MAX_LATE_DAYS} working days")
    return topics, days


def _store_settings(session: Session, topics: list[str], days: int) -> int:
    old_days = settings_in(session).late_cancellation_days
    _write(session, TOPICS_SETTING, topics)
    _write(session, LATE_DAYS_SETTING, days)
    return remark_late_cancellations(session, days) if days != old_days else 0


def save_settings(db: Database, new: TrainingSettings) -> tuple[TrainingSettings, int]:
    """Store the topics and the notice (one transaction). A new notice re-marks every
    cancellation as late or not; returns the settings and how many cancellations changed."""
    c = Checker()
    topics, days = _checked_settings(c, new)
    c.raise_if_any()
    with db.unit_of_work() as session:
        changed = _store_settings(session, topics, days)
        return settings_in(session), changed


def save_all(db: Database, new: TrainingSettings, rates: Sequence[ChargeRates]) -> tuple[TrainingSettings, int]:
    """The settings dialog's Save: topics, notice and charge rates in one transaction."""
    c = Checker()
    topics, days = _checked_settings(c, new)
    clean = _checked_rates(c, rates)
    c.raise_if_any()
    with db.unit_of_work() as session:
        changed = _store_settings(session, topics, days)
        _store_rates(session, clean)
        return settings_in(session), changed


def remark_late_cancellations(session: Session, days: int | None = None, session_id: int | None = None) -> int:
    """Work out again whether each cancellation was late, by the notice (`days`, else the one
    saved) and the closure days saved now: every one, or one session's (moved to another day).
    A delegate who left the waiting list gave up no place: never late. Returns how many changed."""
    closures = closure_dates(session)
    days = settings_in(session).late_cancellation_days if days is None else days
    query = (
        select(TrainingBooking.id, TrainingBooking.cancelled_on, TrainingBooking.late_cancellation,
               TrainingSession.starts_at)
        .join(TrainingSession, TrainingSession.id == TrainingBooking.session_id)
        .where(TrainingBooking.outcome == "cancelled", TrainingBooking.cancelled_on.is_not(None),
               TrainingBooking.gave_up_place)
    )
    if session_id is not None:
        query = query.where(TrainingBooking.session_id == session_id)
    rows = session.execute(query).all()
    flips = [
        booking_id
        for booking_id, cancelled_on, late, starts_at in rows
        if is_late_cancellation(cancelled_on, starts_at.date(), days, closures) != late
    ]
    for booking in session.scalars(select(TrainingBooking).where(TrainingBooking.id.in_(flips))):
        booking.late_cancellation = not booking.late_cancellation
    return len(flips)


def late(session: Session, cancelled_on: date, session_day: date) -> bool:
    return is_late_cancellation(
        cancelled_on, session_day, settings_in(session).late_cancellation_days, closure_dates(session)
    )


def known_topics(db: Database) -> list[str]:
    """The configured topics, then any other topic a course already has."""
    from bscp_desktop.db.models.training import TrainingCourse

    with db.unit_of_work() as session:
        configured = list(settings_in(session).topics)
        used = session.scalars(select(TrainingCourse.topic).distinct())
        return clean_names([*configured, *sorted((t for t in used if t), key=str.casefold)])


# ---------------------------------------------------------------- charge rates


def _rates_dto(row: TrainingChargeRate) -> ChargeRates:
    return ChargeRates(row.financial_year, row.no_show, row.late_cancellation)


def charge_rates_in(session: Session) -> list[ChargeRates]:
    rows = session.scalars(select(TrainingChargeRate).order_by(TrainingChargeRate.financial_year))
    return [_rates_dto(r) for r in rows]


def list_charge_rates(db: Database) -> list[ChargeRates]:
    with db.unit_of_work() as session:
        return charge_rates_in(session)


def _checked_rates(c: Checker, rates: Sequence[ChargeRates]) -> list[ChargeRates]:
    seen: set[int] = set()
    clean: list[ChargeRates] = []
    for r in rates:
        label = financial_year_label(r.financial_year) if isinstance(r.financial_year, int) else str(r.financial_year)
        field = f"rates.{r.financial_year}"
        if isinstance(r.financial_year, bool) or not isinstance(r.financial_year, int):
            c.add(field, f"'{label}' is not a financial year; use the form 2023/24")
            continue
        if problem := check_year(r.financial_year):
            c.add(field, problem)
            continue
        if r.financial_year in seen:
            c.add(field, f"{label} is listed twice; keep one charge for each financial year")
            continue
        seen.add(r.financial_year)
        try:
            no_show = check_amount(r.no_show, f"The no-show charge for {label}")
            late_charge = check_amount(r.late_cancellation, f"The late-cancellation charge for {label}")
        except MoneyError as exc:
            c.add(field, str(exc))
            continue
        clean.append(ChargeRates(r.financial_year, no_show, late_charge))
    return clean


def _store_rates(session: Session, clean: list[ChargeRates]) -> None:
    """The rates, and a Finance record of each year that charges: its charges are that year's
    income, so the year is listed (and carried into the next) whatever else it holds."""
    from bscp_desktop.services.finance.common import ensure_year

    existing = {row.financial_year: row for row in session.scalars(select(TrainingChargeRate))}
    wanted = {r.financial_year: {"no_show": r.no_show, "late_cancellation": r.late_cancellation} for r in clean}
    set_rows(session, existing, wanted, lambda year, **rates: TrainingChargeRate(financial_year=year, **rates))
    for r in clean:
        if r.no_show or r.late_cancellation:
            ensure_year(session, r.financial_year)
    session.flush()


def save_charge_rates(db: Database, rates: Sequence[ChargeRates]) -> list[ChargeRates]:
    """Replace the charge rates with `rates` (one per financial year; £0.00 is allowed)."""
    c = Checker()
    clean = _checked_rates(c, rates)
    c.raise_if_any()
    with db.unit_of_work() as session:
        _store_rates(session, clean)
        return charge_rates_in(session)


def set_charge_rate(db: Database, financial_year: int, no_show: Decimal, late_cancellation: Decimal) -> list[ChargeRates]:
    """Set one year's charges, keeping the others."""
    others = [r for r in list_charge_rates(db) if r.financial_year != financial_year]
    return save_charge_rates(db, [*others, ChargeRates(financial_year, no_show, late_cancellation)])


# ---------------------------------------------------------------- organisations


@dataclass(frozen=True)
class AliasDTO:
    """Another name an organisation goes by (kept in Memberships, used by every import)."""

    id: int
    alias: str
    organisation_id: int
    organisation_name: str


def matcher_in(session: Session) -> OrganisationMatcher:
    """The one organisation matcher of Memberships (name, other name or short name)."""
    return organisation_matcher_in(session)


def matched_id(matcher: OrganisationMatcher, text: str) -> int | None:
    """The organisation a delegate's organisation text names, or None (unknown or ambiguous)."""
    found = matcher.match(text) if text else None
    return found.id if found is not None else None


def sector_label(kind: str | None) -> str:
    if not kind:
        return NOT_MATCHED
    try:
        return OrganisationKind(kind).label
    except ValueError:
        return str(kind)


def list_aliases(db: Database) -> list[AliasDTO]:
    """Every organisation's other names, as Memberships keeps them."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(OrganisationAlias, Organisation.name)
            .join(Organisation, Organisation.id == OrganisationAlias.organisation_id)
            .where(Organisation.archived_at.is_(None))
        ).all()
        found = [AliasDTO(a.id, a.alias, a.organisation_id, name) for a, name in rows]
    return sorted(found, key=lambda a: (a.alias.casefold(), a.organisation_name.casefold()))


def _organisation_fields(session: Session, org: Organisation) -> OrganisationFields:
    aliases = tuple(session.scalars(
        select(OrganisationAlias.alias).where(OrganisationAlias.organisation_id == org.id).order_by(OrganisationAlias.id)))
    return OrganisationFields(org.name, org.kind, org.short_name or "", org.parent_id, aliases)


def map_organisation_name(db: Database, text: str, organisation_id: int) -> int:
    """Save `text` as another name of the organisation (in Memberships, with its rules: a name
    belongs to one organisation only) and link every booking that gave it. Returns how many
    bookings were linked."""
    alias = clean_text(text)
    key = name_key(alias)
    if not key:
        raise ValidationError({"alias": "Give the organisation name as the bookings spell it"})
    with db.unit_of_work() as session:
        org = session.get(Organisation, organisation_id)
        if org is None or org.archived_at is not None:
            raise ValidationError({"organisation_id": "Choose the organisation from the list"})
        current = _organisation_fields(session, org)
        if key not in {name_key(a) for a in current.aliases}:
            try:
                aliases = check_aliases(session, replace(current, aliases=(*current.aliases, alias)), org.id)
            except ValidationError as exc:
                raise ValidationError({"alias": exc.errors.get("aliases", exc.sentence())}) from exc
            set_aliases_in(session, org.id, aliases)
        ids = [
            booking_id
            for booking_id, name, current_id in session.execute(
                select(TrainingBooking.id, TrainingBooking.organisation_name, TrainingBooking.organisation_id)
                .where(TrainingBooking.organisation_name != "")
            )
            if name_key(name) == key and current_id != organisation_id
        ]
        for start in range(0, len(ids), 500):  # each booking saved as itself: the change history has every one
            for booking in session.scalars(select(TrainingBooking).where(TrainingBooking.id.in_(ids[start:start + 500]))):
                booking.organisation_id = organisation_id
        return len(ids)


def remove_alias(db: Database, alias_id: int) -> None:
    """Forget another name of an organisation (bookings already linked keep their organisation)."""
    with db.unit_of_work() as session:
        row = session.get(OrganisationAlias, alias_id)
        if row is None:
            return
        org = session.get(Organisation, row.organisation_id)
        current = _organisation_fields(session, org)
        set_aliases_in(session, org.id, [a for a in current.aliases if a != row.alias])


def unmatched_organisation_names(db: Database) -> list[tuple[str, int]]:
    """(organisation text, bookings) for bookings whose organisation is not matched, most first."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(TrainingBooking.organisation_name, func.count())
            .where(TrainingBooking.organisation_id.is_(None), TrainingBooking.organisation_name != "",
                   TrainingBooking.archived_at.is_(None))
            .group_by(TrainingBooking.organisation_name)
        ).all()
    merged: dict[str, list] = {}
    for name, count in rows:
        entry = merged.setdefault(name_key(name), [name, 0])
        entry[1] += count
    return sorted(((n, c) for n, c in merged.values()), key=lambda nc: (-nc[1], nc[0].casefold()))


# ---------------------------------------------------------------- import mappings


def load_mapping(db: Database, kind: str) -> dict[str, str]:
    """{heading as another system writes it: field key} saved for an import kind."""
    with db.unit_of_work() as session:
        stored = _read(session, MAPPINGS_SETTING, {}) or {}
    mapping = stored.get(kind, {}) if isinstance(stored, dict) else {}
    return {str(k): str(v) for k, v in mapping.items()} if isinstance(mapping, dict) else {}


def save_mapping(db: Database, kind: str, mapping: Mapping[str, str]) -> None:
    """Remember which heading of another system's file holds which field (replaces the kind's
    mapping; an empty mapping forgets it)."""
    clean = {clean_text(k): clean_text(v) for k, v in mapping.items() if clean_text(k) and clean_text(v)}
    with db.unit_of_work() as session:
        stored = _read(session, MAPPINGS_SETTING, {}) or {}
        if not isinstance(stored, dict):
            stored = {}
        if clean:
            stored[kind] = clean
        else:
            stored.pop(kind, None)
        _write(session, MAPPINGS_SETTING, stored)
