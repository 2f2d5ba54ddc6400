"""Section 11 cycles: their standards, the agencies taking part and where each return has got
to (sent, returned, moderated; late against the due date), and the chase list. Ratings, the
grid and agency actions are in `s11_ratings`.

Standards can be changed until the cycle opens, and only while nobody has rated them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Organisation
from bscp_desktop.db.models.audits import S11Agency, S11Cycle, S11Rating, S11Standard
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.section11 import (
    DEFAULT_STANDARDS,
    Rating,
    RatingScale,
    ReturnStatus,
    Timeliness,
    check_cycle_dates,
    check_return_dates,
    clean_questions,
    cycle_is_open,
    lateness_text,
    opening_problems,
    opens_problem,
    return_status,
    standard_key,
    timeliness,
)
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services import common
from bscp_desktop.services.audits.s11_standard_clash import restore_problems, same_number, same_title
from bscp_desktop.services.common import ARCHIVED_ORGANISATION, ArchivedAt, CommandFields, archivers, assign, chosen, get_or_raise, only_ids, read, read_back, read_one, same_words, taken, unarchived
from bscp_desktop.services.settings import closure_dates_in

NAME_MAX = 60
TITLE_MAX = 300

# ---------------------------------------------------------------- cycles


@dataclass(frozen=True)
class CycleFields(CommandFields):
    name: str
    opens_on: date | None
    due_on: date | None
    compare_with_id: int | None = None
    notes: str = ""
    rating_scale: RatingScale | str = RatingScale.RAG  # red, amber, green, or a score from 0 to 3


@dataclass(frozen=True)
class CycleDTO(ArchivedAt):
    id: int
    name: str
    opens_on: date
    due_on: date
    compare_with_id: int | None
    compare_with_name: str
    notes: str
    standards: int = 0
    agencies: int = 0
    returned: int = 0
    rating_scale: RatingScale = RatingScale.RAG

    def is_open(self, today: date) -> bool:
        return cycle_is_open(self.opens_on, today)

    def to_fields(self) -> CycleFields:
        return CycleFields(self.name, self.opens_on, self.due_on, self.compare_with_id, self.notes, self.rating_scale)


def ratings_given(session: Session, cycle_id: int) -> int:
    """How many ratings of the cycle are on its scale (the agencies' own and the moderated ones,
    every agency that took part; Not applicable, on every scale, left out)."""
    on_scale = [case((column.notin_(("", Rating.NOT_APPLICABLE.value)), 1), else_=0)
                for column in (S11Rating.self_rating, S11Rating.moderated_rating)]
    return session.scalar(
        select(func.coalesce(func.sum(on_scale[0] + on_scale[1]), 0))
        .join(S11Agency, S11Agency.id == S11Rating.s11_agency_id)
        .where(S11Agency.cycle_id == cycle_id)
    ) or 0


def scale_change_problem(cycle_name: str, given: int, was: RatingScale, to: RatingScale) -> str:
    """Why a cycle's scale cannot change from `was` to `to` with `given` ratings on it ('' when
    it can: the same scale, or nothing rated yet). A colour has no one score, nor a score one
    colour, so ratings are never converted."""
    if was is to or not given:
        return ""
    return (f"The cycle {cycle_name} already has {given} rating{'s' if given != 1 else ''} on {was.label}; "
            f"changing the scale to {to.label} would change every one of them, and a rating has no one equal "
            f"on the other scale. Keep {was.label}, or start a new cycle.")


def rated_count(db: Database, cycle_id: int) -> int:
    """`ratings_given` of one cycle, in its own reading."""
    with db.unit_of_work() as session:
        return ratings_given(session, cycle_id)


def _check_scale(c: Checker, session: Session, value, cycle: S11Cycle | None) -> RatingScale | None:
    """The scale chosen; refused when it would change a cycle that already has ratings."""
    try:
        scale = RatingScale(value.value if isinstance(value, RatingScale) else str(value or "rag").strip().lower())
    except ValueError:
        c.add("rating_scale", "Choose the rating scale from the list: Red, amber, green or Score 0 to 3")
        return None
    if cycle is not None and scale.value != cycle.rating_scale:
        problem = scale_change_problem(cycle.name, ratings_given(session, cycle.id), RatingScale(cycle.rating_scale),
                                       scale)
        if problem:
            c.add("rating_scale", problem)
    return scale


def _check_cycle(session: Session, f: CycleFields, record_id: int | None) -> dict:
    c = Checker()
    name = c.name("name", f.name, "Name", NAME_MAX)  # "2024-\u200b26" is 2024-26: one name to see and match
    for key, message in check_cycle_dates(f.opens_on, f.due_on).items():
        c.add(key, message)
    if name:
        clash = taken(session, S11Cycle.id, record_id, same_words(S11Cycle.name, name))
        if clash:
            c.add("name", f"There is already a cycle called '{name}'; choose another name (the years it covers, "
                          "with a word more if two share them: '2024-26 schools')")
    if f.compare_with_id is not None:
        if f.compare_with_id == record_id:
            c.add("compare_with_id", "A cycle cannot be compared with itself")
        elif (earlier := session.get(S11Cycle, f.compare_with_id)) is None:
            c.add("compare_with_id", "Choose the earlier cycle from the list")
        elif f.opens_on is not None and earlier.opens_on >= f.opens_on:
            c.add("compare_with_id", f"{earlier.name} opened on {earlier.opens_on:%d/%m/%Y}, not before this cycle "
                                     f"({f.opens_on:%d/%m/%Y}): a cycle is compared with an earlier one")
    if record_id is not None and f.opens_on is not None:
        later = session.scalars(select(S11Cycle).where(S11Cycle.compare_with_id == record_id, S11Cycle.id != record_id,
                                                       S11Cycle.opens_on <= f.opens_on)).first()
        if later is not None:
            c.add("opens_on", f"{later.name} (opening {later.opens_on:%d/%m/%Y}) is compared with this cycle, so this one "
                              "opens before it")
    held = session.get(S11Cycle, record_id) if record_id else None
    if held is not None and f.opens_on is not None and "opens_on" not in c.errors and (
            problem := _later_opens_problem(session, held, f.opens_on)):
        c.add("opens_on", problem)
    notes = c.optional("notes", f.notes, "Notes", 10000)
    scale = _check_scale(c, session, f.rating_scale, held)
    c.raise_if_any()
    return {"name": name, "opens_on": f.opens_on, "due_on": f.due_on, "compare_with_id": f.compare_with_id,
            "notes": notes, "rating_scale": scale.value}


def _later_opens_problem(session: Session, cycle: S11Cycle, opens_on: date) -> str:
    """Why the cycle's Opens cannot move later, to `opens_on` ('' when it can): a return already
    went out or came back before then (`opens_problem`, the rule Sent and Returned keep), or
    agencies have rated it (its standards stay as rated)."""
    if opens_on <= cycle.opens_on:
        return ""
    if problem := opens_problem(opens_on, session.execute(
            select(Organisation.name, S11Agency.sent_on, S11Agency.returned_on)
            .join(Organisation, Organisation.id == S11Agency.organisation_id)
            .where(S11Agency.cycle_id == cycle.id, S11Agency.archived_at.is_(None))).all()):
        return problem
    if session.scalar(select(func.count()).select_from(S11Rating).join(S11Agency, S11Agency.id == S11Rating.s11_agency_id)
                      .where(S11Agency.cycle_id == cycle.id)):
        return (f"Opens cannot move later than {cycle.opens_on:%d/%m/%Y}: the cycle {cycle.name} already has ratings, "
                "so it has opened and its standards stay as they were rated")
    return ""


def starts_from(session: Session, chosen: int | None, opens_on: date, scale: str) -> tuple[S11Cycle | None, bool]:
    """The cycle a new one starts from (the one chosen, else the latest that opened before it)
    and whether it is compared with it: when chosen, or on the same scale (a score is not a colour)."""
    earlier = session.get(S11Cycle, chosen) if chosen else session.scalars(select(S11Cycle).where(
        S11Cycle.opens_on < opens_on, S11Cycle.archived_at.is_(None)).order_by(S11Cycle.opens_on.desc()).limit(1)).first()
    return earlier, earlier is not None and bool(chosen or earlier.rating_scale == scale)


def create_cycle(db: Database, fields: CycleFields) -> CycleDTO:
    """A new cycle. Without an earlier cycle chosen, it is compared with the latest cycle that
    opened before it if that one is on the same scale (a score is not a colour); it starts with
    that cycle's standards (or the common eight)."""
    with db.unit_of_work() as session:
        values = _check_cycle(session, fields, None)
        earlier, compared = starts_from(session, values["compare_with_id"], values["opens_on"], values["rating_scale"])
        if compared:
            values["compare_with_id"] = earlier.id
        cycle = S11Cycle(**values)
        session.add(cycle)
        session.flush()
        if earlier is not None:
            source = [(s.title, s.questions) for s in _standards(session, earlier.id)]
        else:
            source = [(t.title, "\n".join(t.questions)) for t in DEFAULT_STANDARDS]
        for number, (title, questions) in enumerate(source, start=1):
            session.add(S11Standard(cycle_id=cycle.id, number=number, title=title, questions=questions))
        session.flush()
        return _cycle_dtos(session, [cycle.id])[0]


def update_cycle(db: Database, cycle_id: int, fields: CycleFields) -> CycleDTO:
    with db.unit_of_work() as session:
        cycle = get_or_raise(session, S11Cycle, cycle_id, "Section 11 cycle")
        values = _check_cycle(session, fields, cycle_id)
        assign(cycle, values)
        return read_back(session, cycle, _cycle_dtos)


archive_cycle, restore_cycle = archivers(S11Cycle, "Section 11 cycle")


def _cycle_dtos(session: Session, ids: Sequence[int] | None = None, include_archived: bool = True) -> list[CycleDTO]:
    q = select(S11Cycle).order_by(S11Cycle.opens_on.desc(), S11Cycle.id.desc())
    q = only_ids(q, S11Cycle, ids)
    q = unarchived(q, S11Cycle, include_archived)
    cycles = list(session.scalars(q))
    names = dict(session.execute(select(S11Cycle.id, S11Cycle.name)).all())
    standards = dict(session.execute(select(S11Standard.cycle_id, func.count()).where(
        S11Standard.archived_at.is_(None)).group_by(S11Standard.cycle_id)).all())
    agencies: dict[int, list[int]] = {}
    for cycle_id, returned in session.execute(
        select(S11Agency.cycle_id, S11Agency.returned_on).where(S11Agency.archived_at.is_(None))
    ):
        tally = agencies.setdefault(cycle_id, [0, 0])
        tally[0] += 1
        tally[1] += returned is not None
    return [
        CycleDTO(
            c.id, c.name, c.opens_on, c.due_on, c.compare_with_id, names.get(c.compare_with_id, ""),
            c.notes, standards.get(c.id, 0), *agencies.get(c.id, [0, 0]), RatingScale(c.rating_scale),
            archived_at=c.archived_at,
        )
        for c in cycles
    ]


def list_cycles(db: Database, include_archived: bool = False) -> list[CycleDTO]:
    """Cycles, newest first."""
    return read(db, _cycle_dtos, include_archived=include_archived)


def get_cycle(db: Database, cycle_id: int) -> CycleDTO:
    return read_one(db, S11Cycle, cycle_id, "Section 11 cycle", _cycle_dtos)


def find_cycle(db: Database, text: str | int) -> CycleDTO:
    """A cycle by id or by name (any case); NotFoundError in one sentence otherwise."""
    return common.read_found(db, S11Cycle, S11Cycle.name, "Section 11 cycle", _cycle_dtos, text)


# ---------------------------------------------------------------- standards


@dataclass(frozen=True)
class StandardFields(CommandFields):
    title: str
    questions: str | Sequence[str] = ""
    number: int | None = None


@dataclass(frozen=True)
class StandardDTO(ArchivedAt):
    id: int
    cycle_id: int
    number: int
    title: str
    questions: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"Standard {self.number}: {self.title}"

    @property
    def key(self) -> str:
        return standard_key(self.title)


def _standards(session: Session, cycle_id: int | Sequence[int], include_archived: bool = False) -> list[S11Standard]:
    """A cycle's standards in order (several cycles': pass their ids)."""
    q = select(S11Standard).where(
        S11Standard.cycle_id == cycle_id if isinstance(cycle_id, int) else S11Standard.cycle_id.in_(cycle_id)
    ).order_by(S11Standard.number, S11Standard.id)
    q = unarchived(q, S11Standard, include_archived)
    return list(session.scalars(q))


def _standard_dto(s: S11Standard) -> StandardDTO:
    return StandardDTO(s.id, s.cycle_id, s.number, s.title, clean_questions(s.questions), archived_at=s.archived_at)


def _editable_standards(session: Session, cycle: S11Cycle, today: date, standard_id: int | None = None) -> None:
    if cycle_is_open(cycle.opens_on, today):
        raise ValidationError({
            "cycle_id": f"The cycle {cycle.name} opened on {format_date(cycle.opens_on)}: its standards can "
            "no longer change. Start a new cycle to use different standards."
        })
    if standard_id is not None and session.scalar(
        select(func.count()).select_from(S11Rating).where(S11Rating.standard_id == standard_id)
    ):
        raise ValidationError({"cycle_id": "This standard already has ratings, so it can no longer change"})


def _check_standard(session: Session, cycle_id: int, f: StandardFields, record_id: int | None) -> dict:
    c = Checker()
    title = c.required("title", f.title, "Standard", TITLE_MAX)
    questions = clean_questions(f.questions)
    if sum(len(q) for q in questions) > 10000:
        c.add("questions", "The sub-questions are too long (at most 10,000 characters in all)")
    number = f.number
    if number is not None and not 1 <= int(number) <= 999:
        c.add("number", "The number must be between 1 and 999")
    live = _standards(session, cycle_id)
    if same_number(live, number, record_id) is not None:
        c.add("number", f"Standard {number} already exists in this cycle; choose another number")
    if same_title(live, title, record_id) is not None:
        c.add("title", "This cycle already has a standard with that title")
    if number is None:  # the next after the last, else the first free one (numbers stop at 999)
        taken = {s.number for s in live if s.id != record_id}
        number = next((n for n in (max(taken, default=0) + 1, *range(1, 1000)) if n <= 999 and n not in taken), None)
        if number is None:
            c.add("number", "This cycle already has a standard of every number from 1 to 999")
    c.raise_if_any()
    return {"title": title, "questions": "\n".join(questions), "number": int(number)}


def add_standard(db: Database, cycle_id: int, fields: StandardFields, today: date | None = None) -> StandardDTO:
    with db.unit_of_work() as session:
        cycle = get_or_raise(session, S11Cycle, cycle_id, "Section 11 cycle")
        _editable_standards(session, cycle, today or date.today())
        standard = S11Standard(cycle_id=cycle_id, **_check_standard(session, cycle_id, fields, None))
        session.add(standard)
        session.flush()
        return _standard_dto(standard)


def update_standard(db: Database, standard_id: int, fields: StandardFields, today: date | None = None) -> StandardDTO:
    with db.unit_of_work() as session:
        standard = get_or_raise(session, S11Standard, standard_id, "standard")
        cycle = session.get(S11Cycle, standard.cycle_id)
        _editable_standards(session, cycle, today or date.today(), standard_id)
        assign(standard, _check_standard(session, standard.cycle_id, fields, standard_id))
        session.flush()
        return _standard_dto(standard)


def archive_standard(db: Database, standard_id: int, today: date | None = None) -> None:
    with db.unit_of_work() as session:
        standard = get_or_raise(session, S11Standard, standard_id, "standard")
        _editable_standards(session, session.get(S11Cycle, standard.cycle_id), today or date.today(), standard_id)
        if standard.archived_at is None:
            standard.archived_at = utcnow()


def restore_standard(db: Database, standard_id: int, today: date | None = None) -> None:
    with db.unit_of_work() as session:
        standard = get_or_raise(session, S11Standard, standard_id, "standard")
        _editable_standards(session, session.get(S11Cycle, standard.cycle_id), today or date.today())
        if errors := restore_problems(_standards(session, standard.cycle_id), standard):
            raise ValidationError(errors)
        standard.archived_at = None


def list_standards(db: Database, cycle_id: int, include_archived: bool = False) -> list[StandardDTO]:
    with db.unit_of_work() as session:
        return [_standard_dto(s) for s in _standards(session, cycle_id, include_archived)]


# ---------------------------------------------------------------- agencies taking part


#: The longest "Completed by" (who completed an agency's return) held.
CONTACT_MAX = 200


#: What an agency's return never sent to it says in place of its lateness.
NOT_REQUESTED = "Not requested"


def return_timeliness(due_on: date | None, sent_on: date | None, returned_on: date | None, today: date) -> Timeliness:
    """As `timeliness`, except that a return never sent to the agency, and not given, has no due
    date yet: the agency was not asked, so it is neither late nor overdue."""
    if sent_on is None and returned_on is None:
        return Timeliness.NO_DUE_DATE
    return timeliness(due_on, returned_on, today)


def return_lateness(due_on: date | None, sent_on: date | None, returned_on: date | None, today: date,
                    closures: Iterable[date] = ()) -> str:
    """As `lateness_text`; "Not requested" for a return never sent to the agency and not given."""
    if sent_on is None and returned_on is None:
        return NOT_REQUESTED
    return lateness_text(due_on, returned_on, today, closures)


@dataclass(frozen=True)
class ParticipantFields(CommandFields):
    contact: str = ""
    sent_on: date | None = None
    returned_on: date | None = None
    moderated_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class ParticipantDTO(ArchivedAt):
    id: int
    cycle_id: int
    cycle_name: str
    organisation_id: int
    organisation_name: str
    contact: str
    sent_on: date | None
    returned_on: date | None
    moderated_on: date | None
    notes: str
    due_on: date
    rated: int = 0  # standards with a self-assessed rating
    standards: int = 0
    closures: frozenset[date] = frozenset()  # the team's closure days: not working days for lateness

    @property
    def name(self) -> str:
        return self.organisation_name

    @property
    def status(self) -> ReturnStatus:
        return return_status(self.sent_on, self.returned_on, self.moderated_on)

    def timeliness(self, today: date) -> Timeliness:
        return return_timeliness(self.due_on, self.sent_on, self.returned_on, today)

    def lateness(self, today: date) -> str:
        return return_lateness(self.due_on, self.sent_on, self.returned_on, today, self.closures)

    def to_fields(self) -> ParticipantFields:
        return ParticipantFields(self.contact, self.sent_on, self.returned_on, self.moderated_on, self.notes)


def refuse_closed(cycle: S11Cycle, agency: S11Agency | None = None) -> None:
    """An archived cycle takes no change to its agencies' returns, nor an agency removed from its
    cycle (as `s11_ratings.save_rating` refuses a rating): restore the cycle, add the agency again."""
    if cycle.archived_at is not None:
        raise ValidationError({"cycle_id": f"The cycle {cycle.name} is archived: restore it first"})
    if agency is not None and agency.archived_at is not None:
        raise ValidationError({"participant_id": "This agency was removed from the cycle: add it again first"})


def refuse_archived(session: Session, cycle: S11Cycle, organisation_ids: Sequence[int], archived: str) -> None:
    """Agencies are added to a cycle, or come back into it, only while it is not archived, and
    only organisations on record and not archived in Memberships (`archived` says so)."""
    refuse_closed(cycle)
    c = Checker()
    for org_id in organisation_ids:
        chosen(c, session, Organisation, "organisation_ids", org_id, "", "agencies", archived=archived)
    c.raise_if_any()


def add_agencies(db: Database, cycle_id: int, organisation_ids: Iterable[int]) -> list[ParticipantDTO]:
    """Agencies taking part (from Memberships organisations); an archived one is restored."""
    wanted = list(dict.fromkeys(organisation_ids))
    with db.unit_of_work() as session:
        refuse_archived(session, get_or_raise(session, S11Cycle, cycle_id, "Section 11 cycle"), wanted, ARCHIVED_ORGANISATION)
        current = {
            p.organisation_id: p
            for p in session.scalars(select(S11Agency).where(S11Agency.cycle_id == cycle_id))
        }
        for org_id in wanted:
            existing = current.get(org_id)
            if existing is None:
                session.add(S11Agency(cycle_id=cycle_id, organisation_id=org_id))
            elif existing.archived_at is not None:
                existing.archived_at = None
        session.flush()
        return _participants(session, cycle_id=cycle_id)


def update_participant(db: Database, participant_id: int, fields: ParticipantFields) -> ParticipantDTO:
    with db.unit_of_work() as session:
        participant = get_or_raise(session, S11Agency, participant_id, "agency in the cycle")
        refuse_closed(cycle := session.get(S11Cycle, participant.cycle_id), participant)
        c = Checker()
        contact = c.optional("contact", fields.contact, "Completed by", CONTACT_MAX)
        notes = c.optional("notes", fields.notes, "Notes", 10000)
        moved = (fields.sent_on, fields.returned_on) != (participant.sent_on, participant.returned_on)
        for key, message in check_return_dates(fields.sent_on, fields.returned_on, fields.moderated_on, date.today(),
                                               cycle.opens_on if moved else None).items():  # dates held stand
            c.add(key, message)
        c.raise_if_any()
        participant.contact = contact
        participant.notes = notes
        participant.sent_on = fields.sent_on
        participant.returned_on = fields.returned_on
        participant.moderated_on = fields.moderated_on
        return read_back(session, participant, _participants)


def mark_sent(db: Database, participant_ids: Iterable[int], on: date) -> list[int]:
    """Record that the return went out on `on` to agencies that have no date sent yet and whose
    return is not back (a return written again after it came back was not sent then); the ids
    of those recorded. Refused for a day after today or before the cycle opens (as Sent is: a
    return written early is not sent until then), and where `refuse_closed` says."""
    if problems := check_return_dates(on, None, None, date.today()):
        raise ValidationError(problems)
    with db.unit_of_work() as session:
        agencies = list(session.scalars(select(S11Agency).where(S11Agency.id.in_(list(participant_ids) or [0]))))
        for participant in agencies:
            refuse_closed(session.get(S11Cycle, participant.cycle_id), participant)
        sent = [p for p in agencies if p.sent_on is None and p.returned_on is None]
        for participant in sent:
            if problem := opening_problems(session.get(S11Cycle, participant.cycle_id).opens_on, on).get("sent_on"):
                raise ValidationError({"sent_on": f"{problem}. {session.get(Organisation, participant.organisation_id).name}'s "
                                                  "return is not recorded as sent: record Sent on its row once it goes out"})
            participant.sent_on = on
        return sorted(p.id for p in sent)


archive_participant, restore_participant = archivers(S11Agency, "agency in the cycle", lambda session, agency: refuse_archived(
    session, session.get(S11Cycle, agency.cycle_id), [agency.organisation_id], ARCHIVED_ORGANISATION.split(", or ")[0]),
    lambda session, agency: refuse_closed(session.get(S11Cycle, agency.cycle_id)))


def _participants(
    session: Session, *, cycle_id: int | None = None, ids: Sequence[int] | None = None,
    include_archived: bool = True, cycle_ids: Sequence[int] | None = None,
) -> list[ParticipantDTO]:
    q = (
        select(S11Agency, Organisation.name, S11Cycle.name, S11Cycle.due_on)
        .join(Organisation, Organisation.id == S11Agency.organisation_id)
        .join(S11Cycle, S11Cycle.id == S11Agency.cycle_id)
        .order_by(S11Agency.id)
    )
    if cycle_id is not None:
        q = q.where(S11Agency.cycle_id == cycle_id)
    if cycle_ids is not None:
        q = q.where(S11Agency.cycle_id.in_(cycle_ids))
    q = only_ids(q, S11Agency, ids)
    q = unarchived(q, S11Agency, include_archived)
    rows = sorted(session.execute(q).all(), key=lambda row: alphabetical(row[1]))  # as names are listed
    closures = closure_dates_in(session)
    part_ids = [p.id for p, *_ in rows]
    rated = dict(session.execute(
        select(S11Rating.s11_agency_id, func.count()).join(S11Standard, S11Standard.id == S11Rating.standard_id)
        .where(S11Rating.s11_agency_id.in_(part_ids or [0]), S11Rating.self_rating != "", S11Standard.archived_at.is_(None))
        .group_by(S11Rating.s11_agency_id)).all())
    standards = dict(session.execute(select(S11Standard.cycle_id, func.count()).where(
        S11Standard.archived_at.is_(None)).group_by(S11Standard.cycle_id)).all())
    return [
        ParticipantDTO(
            p.id, p.cycle_id, cycle_name, p.organisation_id, org_name, p.contact, p.sent_on, p.returned_on,
            p.moderated_on, p.notes, due_on, rated.get(p.id, 0), standards.get(p.cycle_id, 0), closures,
            archived_at=p.archived_at,
        )
        for p, org_name, cycle_name, due_on in rows
    ]


def list_participants(db: Database, cycle_id: int, include_archived: bool = False) -> list[ParticipantDTO]:
    return read(db, _participants, cycle_id=cycle_id, include_archived=include_archived)


def get_participant(db: Database, participant_id: int) -> ParticipantDTO:
    return read_one(db, S11Agency, participant_id, "agency in the cycle", _participants)


def participant_in(session: Session, cycle_id: int, organisation_id: int) -> S11Agency | None:
    return session.scalars(
        select(S11Agency).where(S11Agency.cycle_id == cycle_id, S11Agency.organisation_id == organisation_id)
    ).first()


def organisation_choices_for_cycle(db: Database, cycle_id: int) -> list[tuple[str, int]]:
    """(name, id) of live organisations not yet taking part in the cycle."""
    with db.unit_of_work() as session:
        taking_part = set(session.scalars(
            select(S11Agency.organisation_id).where(S11Agency.cycle_id == cycle_id, S11Agency.archived_at.is_(None))))
        rows = session.execute(
            select(Organisation.name, Organisation.id)
            .where(Organisation.archived_at.is_(None))
            .order_by(Organisation.id)
        )
        return sorted(((name, org_id) for name, org_id in rows if org_id not in taking_part), key=lambda r: alphabetical(r[0]))


def chase_list(db: Database, cycle_id: int, today: date | None = None) -> list[ParticipantDTO]:
    """Agencies that have not returned, most overdue first (then by name); none once a later cycle compared with
    it has opened (`s11_follow_on.opened_after`), as their returns could no longer be imported."""
    from bscp_desktop.services.audits.s11_follow_on import opened_after  # that module reads this one
    today = today or date.today()
    waiting = [] if opened_after(db, cycle_id, today) else [p for p in list_participants(db, cycle_id) if p.returned_on is None]
    return sorted(waiting, key=lambda p: (not p.timeliness(today).flagged, alphabetical(p.organisation_name)))
