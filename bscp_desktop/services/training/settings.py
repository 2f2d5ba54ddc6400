"""Training settings: topics, the late-cancellation notice, charge rates per financial year,
linking organisation names in bookings to organisations (as other names kept in Memberships),
and the column mappings saved for other systems' files."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.engines import decide_alone
from bscp_desktop.db.models import ChangeRecord, Organisation, OrganisationAlias
from bscp_desktop.db.models.training import TrainingBooking, TrainingChargeRate, TrainingSession
from bscp_desktop.domain.dates import financial_year_label, financial_year_of, format_date_long
from bscp_desktop.domain.finance import check_year
from bscp_desktop.domain.memberships import OrganisationKind, name_key
from bscp_desktop.domain.money import ZERO, MoneyError, check_amount, format_money
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.training import DEFAULT_LATE_CANCELLATION_DAYS, DEFAULT_TOPICS, NOT_MATCHED, ChargeKind, ChargeRates, charge_for, is_late_cancellation, rates_for_year
from bscp_desktop.domain.validation import Checker, ValidationError, clean_names, clean_text
from bscp_desktop.services import settings as shared
from bscp_desktop.services.common import set_rows
from bscp_desktop.services.memberships.dtos import OrganisationFields
from bscp_desktop.services.memberships.organisations import OrganisationMatcher, check_aliases, organisation_matcher_in, set_aliases_in
from bscp_desktop.services.settings import Opened, SettingPut, closure_dates_in, name_list_problem, put_setting_in, put_settings_in, read_opened, refuse_changed_since, setting_in

TOPICS_SETTING = "training.topics"
LATE_DAYS_SETTING = "training.late_cancellation_days"
MAPPINGS_SETTING = "training.import_mappings"
ILLUSTRATIVE_SETTING = "training.illustrative"  # the demo's made-up figures say so in every output
SETTING_KEYS = (TOPICS_SETTING, LATE_DAYS_SETTING)  # those the settings dialog shows
#: the charge rates (a table, not a setting) among the stored texts a dialog read (`opened`)
RATES_OPENED = "training.charge_rates"
RATES_LABEL = "Charges per financial year"

MAX_LATE_DAYS = 30
NOT_GIVEN = "Organisation not given"


# ---------------------------------------------------------------- topics and notice


@dataclass(frozen=True)
class TrainingSettings:
    topics: tuple[str, ...] = DEFAULT_TOPICS
    late_cancellation_days: int = DEFAULT_LATE_CANCELLATION_DAYS
    #: the settings as stored when these were read: a save from them is refused if someone
    #: else changed one since (services/settings.py); () checks nothing
    opened: Opened = field(default=(), compare=False, repr=False)


def closure_dates(session: Session) -> frozenset[date]:
    """The team's local closure days (not working days for the late-cancellation notice)."""
    return closure_dates_in(session)


def settings_in(session: Session) -> TrainingSettings:
    topics = setting_in(session, TOPICS_SETTING, None)
    days = setting_in(session, LATE_DAYS_SETTING, DEFAULT_LATE_CANCELLATION_DAYS)
    if not isinstance(days, int) or not 0 <= days <= MAX_LATE_DAYS:
        days = DEFAULT_LATE_CANCELLATION_DAYS
    return TrainingSettings(
        topics=DEFAULT_TOPICS if topics is None else tuple(clean_names(topics)),
        late_cancellation_days=days,
    )


def _opened_settings_in(session: Session) -> TrainingSettings:
    """The settings with the stored texts they were read from, the charge rates' among them."""
    read = read_opened(session, SETTING_KEYS, settings_in)
    return replace(read, opened=(*read.opened, (RATES_OPENED, _rates_text(charge_rates_in(session)))))


def load_settings(db: Database) -> TrainingSettings:
    """The settings as the dialog shows them, with the stored texts they were read from."""
    with db.unit_of_work() as session:
        return _opened_settings_in(session)


def load_all(db: Database) -> tuple[TrainingSettings, list[ChargeRates]]:
    """The settings and the charge rates as the dialog shows them, read together: a save from
    them is refused if someone else changed either since."""
    with db.unit_of_work() as session:
        return _opened_settings_in(session), charge_rates_in(session)


def _checked_settings(c: Checker, new: TrainingSettings) -> tuple[list[str], int]:
    topics = clean_names(new.topics)
    if problem := name_list_problem(topics, "course topic"):
        c.add("topics", problem)
    days = new.late_cancellation_days
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_LATE_DAYS:
        c.add("late_cancellation_days", f"The notice for a cancellation must be 0 to {MAX_LATE_DAYS} working days")
    return topics, days


@dataclass(frozen=True)
class YearRemarked:
    """One financial year's cancellations marked again under a new notice."""

    financial_year: int
    now_late: int = 0
    now_in_time: int = 0
    charges: Decimal = ZERO  # how the charges due changed: up for those late now, down for those in time now

    @property
    def text(self) -> str:
        counts = [f"{n} now {word}" for n, word in ((self.now_late, "late"), (self.now_in_time, "in time")) if n]
        money = (f"charges {'up' if self.charges > 0 else 'down'} {format_money(abs(self.charges))}"
                 if self.charges else "no change to the charges")
        return f"{financial_year_label(self.financial_year)}, {' and '.join(counts)} ({money})"


@dataclass(frozen=True)
class Remarked:
    """What a new notice (or new closure days: `why`) changed: the cancellations of sessions from
    `since` (the start of the financial year) on, by year; earlier years keep what they were charged."""

    years: tuple[YearRemarked, ...] = ()
    since: date | None = None
    why: str = "under the new notice"
    noun: str = "cancellation"

    @property
    def count(self) -> int:
        return sum(y.now_late + y.now_in_time for y in self.years)

    @property
    def sentence(self) -> str:
        if not self.years:
            return ""
        n = self.count
        return (f"{n} {self.noun}{'s were' if n != 1 else ' was'} marked again as late or in time {self.why}: "
                f"{'; '.join(y.text for y in self.years)}. Only sessions from {format_date_long(self.since)} "
                "on were marked again: cancellations of earlier financial years keep what they were charged.")


def remark_since(today: date | None = None) -> date:
    """The first day of the sessions whose cancellations a new notice or new closure days mark again: the
    start of this financial year (closed years were charged, perhaps invoiced, under the rules of their day)."""
    return date(financial_year_of(today or date.today()), 4, 1)


def _rates_text(rates: Sequence[ChargeRates]) -> str:
    return json.dumps([[r.financial_year, f"{r.no_show:.2f}", f"{r.late_cancellation:.2f}"]
                       for r in sorted(rates, key=lambda r: r.financial_year)])


def _rates_words(rates: Sequence[ChargeRates]) -> str:
    return "; ".join(f"{financial_year_label(r.financial_year)}: no-show {format_money(r.no_show)}, late cancellation "
                     f"{format_money(r.late_cancellation)}" for r in sorted(rates, key=lambda r: r.financial_year)) \
        or "No charges (no financial year listed)"


def _rates_changed(session: Session, opened: Opened, rates: Sequence[ChargeRates]) -> shared.ChangedSetting | None:
    """The charge rates, if someone else changed them after the dialog read them (`opened`);
    not checked when `opened` has no rates. Held until the transaction ends."""
    was = dict(opened).get(RATES_OPENED)
    if was is None:
        return None
    decide_alone(session, "training charge rates")
    now = charge_rates_in(session)
    if _rates_text(now) == was:
        return None
    last = session.execute(
        select(ChangeRecord.changed_by, ChangeRecord.changed_at)
        .where(ChangeRecord.table_name == TrainingChargeRate.__tablename__)
        .order_by(ChangeRecord.id.desc()).limit(1)
    ).first()
    return shared.ChangedSetting("rates", RATES_LABEL, _rates_words(rates), _rates_words(now),
                                 last.changed_by if last else None, last.changed_at if last else None)


def _refuse_changed(session: Session, opened: Opened, puts: Sequence[SettingPut],
                    rates: Sequence[ChargeRates] | None) -> None:
    """Refuse the save (SettingsChanged, naming every one) if someone else changed one of the
    settings it writes, or the charge rates (when `rates` are saved too), since `opened`."""
    changed: tuple[shared.ChangedSetting, ...] = ()
    try:
        refuse_changed_since(session, opened, puts)
    except shared.SettingsChanged as exc:
        changed = exc.settings
    if rates is not None and (rates_changed := _rates_changed(session, opened, rates)):
        changed = (*changed, rates_changed)
    if changed:
        raise shared.SettingsChanged(changed)


def remark_this_year_in(session: Session, days: int | None = None, today: date | None = None,
                        why: str = "under the new notice", noun: str = "cancellation") -> Remarked:
    """Mark again as late or not, by the notice (`days`, else the one saved) and the closure
    days saved now, the cancellations of sessions from the start of this financial year on
    (`remark_since`), at the rates saved; what changed, by year. Archived bookings, and those of
    archived sessions, are marked again too (ready for their restoring) but not counted: no
    statement shows their charges."""
    since = remark_since(today)
    flips = _late_flips(session, days, since=since)
    _flip(session, [booking_id for booking_id, *_rest in flips])
    rates = charge_rates_in(session)
    years: dict[int, YearRemarked] = {}
    for _id, day, now_late, waived, live in flips:
        if not live:
            continue
        fy = financial_year_of(day)
        year = years.get(fy, YearRemarked(fy))
        amount = ZERO if waived else charge_for(ChargeKind.LATE_CANCELLATION, rates_for_year(rates, fy))
        years[fy] = replace(year, now_late=year.now_late + now_late, now_in_time=year.now_in_time + (not now_late),
                            charges=year.charges + (amount if now_late else -amount))
    return Remarked(tuple(years[fy] for fy in sorted(years)), since, why, noun)


def remark_for_closures_in(session: Session, today: date | None = None) -> Remarked:
    """New closure days (saved with the case review settings) re-mark cancellations as a new notice does."""
    return remark_this_year_in(session, None, today, "now that the local closure days have changed", "training cancellation")


def _store_settings(session: Session, topics: list[str], days: int, today: date | None = None,
                    opened: Opened = (), rates: list[ChargeRates] | None = None) -> Remarked:
    """A new notice re-marks the cancellations of this financial year's sessions on (those of
    closed years were charged, and perhaps invoiced, under the notice of their day). Refused
    (SettingsChanged) if someone else changed the topics or the notice, or the charge rates
    when `rates` changes them, since `opened`. Rates as they were opened are not written."""
    # a setting saved for the first time changes from the default in force until then
    puts = [SettingPut(TOPICS_SETTING, topics, "topics", "Course topics", default=list(DEFAULT_TOPICS)),
            SettingPut(LATE_DAYS_SETTING, days, "late_cancellation_days", "Notice for a late cancellation",
                       default=DEFAULT_LATE_CANCELLATION_DAYS)]
    if rates is not None and _rates_text(rates) == dict(opened).get(RATES_OPENED):
        rates = None  # as they were read: left as they are, whatever was saved since
    _refuse_changed(session, opened, puts, rates)  # before the notice in force is read: the rows are held
    if rates is not None:
        _store_rates(session, rates)  # the charges a new notice changes are worked out at these
    old_days = settings_in(session).late_cancellation_days
    put_settings_in(session, puts)
    if days == old_days:
        return Remarked()
    return remark_this_year_in(session, days, today)


def save_settings(db: Database, new: TrainingSettings, today: date | None = None) -> tuple[TrainingSettings, Remarked]:
    """Store the topics and the notice (one transaction). A new notice re-marks the
    cancellations of this financial year's sessions on as late or not; returns the settings and
    what changed."""
    c = Checker()
    topics, days = _checked_settings(c, new)
    c.raise_if_any()
    with db.unit_of_work() as session:
        changed = _store_settings(session, topics, days, today, new.opened)
        return _opened_settings_in(session), changed


def save_all(db: Database, new: TrainingSettings, rates: Sequence[ChargeRates],
             today: date | None = None) -> tuple[TrainingSettings, Remarked]:
    """The settings dialog's Save: topics, notice and charge rates in one transaction (the
    charges a new notice changes are worked out at the rates saved with it). Refused
    (SettingsChanged) if someone else changed the topics, the notice or (when `rates` changes
    them) the rates since `new.opened`; rates as they were opened are left as they are."""
    c = Checker()
    topics, days = _checked_settings(c, new)
    clean = _checked_rates(c, rates, today)
    c.raise_if_any()
    with db.unit_of_work() as session:
        changed = _store_settings(session, topics, days, today, new.opened, clean)
        return _opened_settings_in(session), changed


def _late_flips(session: Session, days: int | None, session_id: int | None = None,
                since: date | None = None) -> list[tuple[int, date, bool, bool, bool]]:
    """The cancellations whose lateness differs by the notice (`days`, else the one saved) and
    the closure days saved now: (booking id, session day, late now, charge waived, live: neither
    the booking nor its session archived)."""
    closures = closure_dates(session)
    days = settings_in(session).late_cancellation_days if days is None else days
    query = (
        select(TrainingBooking.id, TrainingBooking.cancelled_on, TrainingBooking.late_cancellation,
               TrainingSession.starts_at, TrainingBooking.charge_waived,
               TrainingBooking.archived_at.is_(None) & TrainingSession.archived_at.is_(None))
        .join(TrainingSession, TrainingSession.id == TrainingBooking.session_id)
        .where(TrainingBooking.outcome == "cancelled", TrainingBooking.cancelled_on.is_not(None),
               TrainingBooking.gave_up_place)
    )
    if session_id is not None:
        query = query.where(TrainingBooking.session_id == session_id)
    if since is not None:
        query = query.where(TrainingSession.starts_at >= datetime.combine(since, time()))
    flips = []
    for booking_id, cancelled_on, late, starts_at, waived, live in session.execute(query):
        now_late = is_late_cancellation(cancelled_on, starts_at.date(), days, closures)
        if now_late != late:
            flips.append((booking_id, starts_at.date(), now_late, bool(waived), bool(live)))
    return flips


def _flip(session: Session, ids: list[int]) -> None:
    for start in range(0, len(ids), 500):  # each booking saved as itself: the change history has every one
        for booking in session.scalars(select(TrainingBooking).where(TrainingBooking.id.in_(ids[start:start + 500]))):
            booking.late_cancellation = not booking.late_cancellation


def remark_late_cancellations(session: Session, days: int | None = None, session_id: int | None = None) -> int:
    """Work out again whether each cancellation was late, by the notice (`days`, else the one
    saved) and the closure days saved now: every one, or one session's (moved to another day).
    A delegate who left the waiting list gave up no place: never late. Returns how many changed."""
    flips = _late_flips(session, days, session_id)
    _flip(session, [booking_id for booking_id, *_rest in flips])
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


def _checked_rates(c: Checker, rates: Sequence[ChargeRates], today: date | None = None) -> list[ChargeRates]:
    """The rates checked: a year may be charged up to next financial year, as Finance records
    money planned ahead (a year that charges is one of Finance's years)."""
    from bscp_desktop.services.finance.common import year_not_after_next

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
        year_not_after_next(c, field, r.financial_year, today=today)
        if field in c.errors:
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


def matched_id(matcher: OrganisationMatcher, text: str, number: int = 0, notes: list[str] | None = None) -> int | None:
    """The organisation a delegate's organisation text names, or None (unknown or ambiguous), as Memberships
    finds it (`OrganisationMatcher.find`, by a name it had before a rename too: said in `notes` for row `number`);
    else an archived one it names, now or before: its delegates still count for it, with their earlier bookings."""
    found = matcher.find(text, number, notes)[0] if text else None
    gone = matcher.archived_named(text) if text and found is None else None
    return gone.id if gone is not None else found


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
    return sorted(found, key=lambda a: (alphabetical(a.alias), alphabetical(a.organisation_name)))


def _organisation_fields(session: Session, org: Organisation) -> OrganisationFields:
    aliases = tuple(session.scalars(
        select(OrganisationAlias.alias).where(OrganisationAlias.organisation_id == org.id).order_by(OrganisationAlias.id)))
    return OrganisationFields(org.name, org.kind, org.short_name or "", org.parent_id, aliases)


def map_organisation_name(db: Database, text: str, organisation_id: int) -> int:
    """Save `text` as another name of the organisation (in Memberships, with its rules: a name
    belongs to one organisation only) and link every booking that gave it and is not linked to
    an organisation (a booking linked by hand to another keeps it; an archived one is linked
    too, so that it counts for the organisation if restored). Returns how many bookings were
    linked, as `unmatched_organisation_names` counts them (those not archived)."""
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
        query = select(TrainingBooking.id, TrainingBooking.organisation_name, TrainingBooking.archived_at).where(
            TrainingBooking.organisation_name != "", TrainingBooking.organisation_id.is_(None))
        found = [(i, archived is None) for i, name, archived in session.execute(query) if name_key(name) == key]
        _link_bookings(session, [i for i, _live in found], organisation_id)
        return sum(1 for _i, live in found if live)


def _linked_by_name(session: Session, key: str, organisation_id: int) -> list[int]:
    """Bookings whose organisation text is the name `key`, linked to the organisation."""
    query = select(TrainingBooking.id, TrainingBooking.organisation_name).where(
        TrainingBooking.organisation_name != "", TrainingBooking.organisation_id == organisation_id)
    return [booking_id for booking_id, name in session.execute(query) if name_key(name) == key]


def _link_bookings(session: Session, ids: list[int], organisation_id: int | None) -> None:
    for start in range(0, len(ids), 500):  # each booking saved as itself: the change history has every one
        for booking in session.scalars(select(TrainingBooking).where(TrainingBooking.id.in_(ids[start:start + 500]))):
            booking.organisation_id = organisation_id


def remove_alias(db: Database, alias_id: int) -> int:
    """Forget another name of an organisation: the bookings that gave that name and count for
    the organisation are unlinked (unmatched again, to be linked anew), unless the name still
    names it (as its short name). Returns how many bookings were unlinked."""
    with db.unit_of_work() as session:
        row = session.get(OrganisationAlias, alias_id)
        if row is None:
            return 0
        org = session.get(Organisation, row.organisation_id)
        current = _organisation_fields(session, org)
        set_aliases_in(session, org.id, [a for a in current.aliases if a != row.alias])
        session.flush()
        if matched_id(matcher_in(session), row.alias) == org.id:
            return 0
        ids = _linked_by_name(session, name_key(row.alias), org.id)
        _link_bookings(session, ids, None)
        return len(ids)


def _unmatched_names_in(session: Session) -> dict[str, tuple[str, int]]:
    """{name key: (the name as most bookings write it, bookings)} for the bookings whose
    organisation is not matched (not archived): "Acme Nursery" and "ACME NURSERY" are one name."""
    rows = session.execute(
        select(TrainingBooking.organisation_name, func.count())
        .where(TrainingBooking.organisation_id.is_(None), TrainingBooking.organisation_name != "",
               TrainingBooking.archived_at.is_(None))
        .group_by(TrainingBooking.organisation_name)
    ).all()
    merged: dict[str, list] = {}
    for name, count in sorted(rows, key=lambda nc: (-nc[1], nc[0])):  # each name as most bookings write it
        entry = merged.setdefault(name_key(name), [name, 0])
        entry[1] += count
    return {key: (name, count) for key, (name, count) in merged.items()}


def unmatched_spellings_in(session: Session) -> dict[str, str]:
    """{name key: the one spelling shown} of organisation names not matched to an organisation:
    the figures, the charge statements and Finance's income show each such name so, as the
    list of names to link does."""
    return {key: name for key, (name, _count) in _unmatched_names_in(session).items()}


def unmatched_organisation_names(db: Database) -> list[tuple[str, int]]:
    """(organisation text, bookings) for bookings whose organisation is not matched, most first."""
    with db.unit_of_work() as session:
        merged = _unmatched_names_in(session)
    return sorted(merged.values(), key=lambda nc: (-nc[1], alphabetical(nc[0])))


# ---------------------------------------------------------------- import mappings


def _mapping_in(session: Session, kind: str) -> dict[str, str]:
    stored = setting_in(session, MAPPINGS_SETTING, {}) or {}
    mapping = stored.get(kind, {}) if isinstance(stored, dict) else {}
    return {str(k): str(v) for k, v in mapping.items()} if isinstance(mapping, dict) else {}


def _put_mapping_in(session: Session, kind: str, mapping: Mapping[str, str]) -> None:
    clean = {clean_text(k): clean_text(v) for k, v in mapping.items() if clean_text(k) and clean_text(v)}
    stored = setting_in(session, MAPPINGS_SETTING, {}) or {}
    if not isinstance(stored, dict):
        stored = {}
    if clean:
        stored[kind] = clean
    else:
        stored.pop(kind, None)
    put_setting_in(session, MAPPINGS_SETTING, stored)


def load_mapping(db: Database, kind: str) -> dict[str, str]:
    """{heading as another system writes it: field key} saved for an import kind."""
    with db.unit_of_work() as session:
        return _mapping_in(session, kind)


def save_mapping(db: Database, kind: str, mapping: Mapping[str, str]) -> None:
    """Remember which heading of another system's file holds which field (replaces the kind's
    mapping; an empty mapping forgets it)."""
    with db.unit_of_work() as session:
        _put_mapping_in(session, kind, mapping)


def update_mapping(db: Database, kind: str, change: Callable[[dict[str, str]], Mapping[str, str]]) -> dict[str, str]:
    """Save `change(the kind's saved mapping)` in its place, read and written in one transaction
    (`importers.training_columns.remembered` says how the columns chosen for a file replace
    those saved before). Returns the mapping saved."""
    with db.unit_of_work() as session:
        _put_mapping_in(session, kind, change(_mapping_in(session, kind)))
        return _mapping_in(session, kind)


def forget_mapping(db: Database, kind: str) -> None:
    """Forget the columns saved for another system's files of this kind: its files are read by
    the program's own headings again."""
    save_mapping(db, kind, {})
