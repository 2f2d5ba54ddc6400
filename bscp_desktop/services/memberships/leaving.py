"""A person leaving and coming back: archiving them ends their seats (and their deputies' seats
for them); restoring them puts back what that archiving ended, where nothing has changed it since."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.history import as_text
from bscp_desktop.db.models import Group, Membership, Person
from bscp_desktop.db.models.history import ChangeRecord
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import ValidationError, local_time
from bscp_desktop.services.common import assign, get_or_raise, refused_under
from bscp_desktop.services.memberships.dtos import MembershipDTO, MembershipFields
from bscp_desktop.services.memberships.memberships import _dates, check_membership, deputising_uncounted, membership_dto, memberships_query, seat_as_it_is, seats_left_problem
from bscp_desktop.services.memberships.people import restorable_person
from bscp_desktop.services.memberships.restoring import restorable_seat


def open_memberships_query(person_id: int, on: date):
    """A person's memberships still running on `on` or starting after it, and their deputies'
    seats for them (a deputy stands in for no one once the member has left)."""
    return select(Membership).where(
        (Membership.person_id == person_id) | (Membership.deputy_for_id == person_id),
        Membership.archived_at.is_(None),
        (Membership.end_date.is_(None)) | (Membership.end_date > on),
    ).order_by(Membership.start_date)


def open_memberships_of(db: Database, person_id: int, on: date) -> list[MembershipDTO]:
    """A person's memberships that archiving them on `on` would end: in force on that date
    (and not ending on it), or starting later; their deputies' seats for them too."""
    with db.unit_of_work() as session:
        ids = list(session.scalars(open_memberships_query(person_id, on).with_only_columns(Membership.id)))
        if not ids:
            return []
        rows = session.execute(memberships_query().where(Membership.id.in_(ids)).order_by(Membership.start_date))
        return [membership_dto(row) for row in rows]


def archive_person(db: Database, person_id: int, end_memberships_on: date | None = None) -> int:
    """Archive a person. Their seats count up to the day they are archived and not after
    (`seat_held`). With `end_memberships_on`, their memberships in force on that date end on it
    (and any starting later are archived), their deputies' seats for them too, in the same
    transaction. Without it ("Archive only") their own seats are left as they are, but their
    deputies' seats for them end on the day they are archived all the same: a deputy stands in
    for no one once the member has left. Either way refused, as editing a seat's End date would
    be, while a later register records them (or a deputy) at a meeting of the group as a member
    (`seats_left_problem`). The person and the seats are saved together, so the change history
    records them at one moment (what `restore_person` puts back). Returns how many memberships
    were ended or archived."""
    with db.unit_of_work() as session:
        person = get_or_raise(session, Person, person_id, "person")
        now = utcnow() if person.archived_at is None else None
        ended, kept = [], []
        if end_memberships_on is not None or now is not None:
            day = end_memberships_on or local_time(now).date()
            for m in session.scalars(open_memberships_query(person_id, day)).all():
                if end_memberships_on is None and m.person_id == person_id:
                    kept.append(seat_as_it_is(m))  # "Archive only": held up to the day (`seat_held`)
                    continue
                ended.append(seat_as_it_is(m))
                if m.start_date > day:
                    m.archived_at = now or utcnow()
                else:
                    m.end_date = day
        if now is not None:
            person.archived_at = now  # set after the seats are read: one flush, one moment in the history
        if ended or kept:
            session.flush()  # the seats as they now stand, held by an archived person (`seat_held`)
            with refused_under("membership"):
                if problem := seats_left_problem(session, ended + kept):
                    raise ValidationError({"membership": problem})
                session.flush()
        return len(ended)


def _latest(session: Session, table: str, record_id: int, fields: tuple[str, ...]) -> ChangeRecord | None:
    """The last entry of the change history for one of a record's `fields`."""
    return session.scalar(select(ChangeRecord).where(
        ChangeRecord.table_name == table, ChangeRecord.record_id == record_id, ChangeRecord.field.in_(fields),
    ).order_by(ChangeRecord.id.desc()).limit(1))


def _ended_by_archiving(session: Session, person: Person) -> list[tuple[Membership, date | None, bool]]:
    """The seats archiving `person` ended that nothing has changed since, each with the end date
    it had before (None: no end) and whether archiving archived it (a seat starting later):
    the person's seats and their deputies' seats for them whose last change of End date (or
    archiving) the change history records at the same moment, by the same user, as the person's
    archiving (`archive_person` saves them together), and which still stand as it left them.
    Their own seats come first, then the deputies', each in start order."""
    archived = _latest(session, Person.__tablename__, person.id, ("archived_at",))
    if archived is None or archived.action != "archive":
        return []
    seats = session.scalars(select(Membership).where(
        (Membership.person_id == person.id) | (Membership.deputy_for_id == person.id),
    ).order_by(Membership.person_id != person.id, Membership.start_date, Membership.id)).all()
    found = []
    for seat in seats:
        entry = _latest(session, Membership.__tablename__, seat.id, ("end_date", "archived_at"))
        if entry is None or (entry.changed_at, entry.changed_by) != (archived.changed_at, archived.changed_by):
            continue
        if entry.field == "archived_at" and entry.action == "archive" and seat.archived_at is not None:
            found.append((seat, seat.end_date, True))
        elif entry.field == "end_date" and seat.archived_at is None and entry.new_value == as_text(seat.end_date):
            found.append((seat, date.fromisoformat(entry.old_value) if entry.old_value else None, False))
    return found


def _put_back(session: Session, seat: Membership, end_date: date | None, was_archived: bool) -> str:
    """Give `seat` back its `end_date` (and bring it back from the archive if archiving the person
    archived it) where a save would let it stand so, in a savepoint of its own; '' when done,
    else why not (the seat is left as it was)."""
    savepoint = session.begin_nested()
    try:
        if was_archived:  # as restoring the seat would (it keeps its dates)
            restorable_seat(session, seat)
            seat.archived_at = None
        else:
            fields = MembershipFields(seat.person_id, seat.group_id, seat.role, seat.start_date, end_date,
                                      seat.organisation_id, seat.deputy_for_id, seat.notes)
            assign(seat, check_membership(session, fields, seat.id))
        session.flush()
        with refused_under("membership"):
            if problem := deputising_uncounted(session, seat_as_it_is(seat)):
                raise ValidationError({"membership": problem})
            session.flush()
    except ValidationError as exc:
        savepoint.rollback()
        return _why_left_ended(session, seat, was_archived, exc)
    savepoint.commit()
    return ""


def _why_left_ended(session: Session, seat: Membership, was_archived: bool, refused: ValidationError) -> str:
    """Why `seat` could not be put back, and what brings it back, in that order, as sentences."""
    holder = session.get(Person, seat.person_id)
    again = ("restore the seat on the Memberships page (tick Show archived, choose it, then press Restore)"
             if was_archived else "edit the seat on the Memberships page to give it its dates again")
    if holder.archived_at is not None:  # no seat of theirs can run on (or come back) until they do
        return f"{holder.name} is archived. Restore {holder.name} on the People page, then {again}."
    if was_archived:  # restoring the seat says what to change before restoring it
        return refused.sentence()
    return f"{refused.sentence()} Once that is put right, {again}, if it should run on."


def _seat_named(session: Session, seat: Membership) -> str:
    """"Carol Cole's seat as deputy for Bob Brown on Test Panel (from 01/10/2023 to 07/12/2026)"."""
    person, group = session.get(Person, seat.person_id), session.get(Group, seat.group_id)
    deputised = session.get(Person, seat.deputy_for_id) if seat.deputy_for_id is not None else None
    role = Role(seat.role).label.lower()
    seat_of = f"as {role} for {deputised.name}" if deputised is not None else f"as {role}"
    ended = "archived" if seat.archived_at is not None else _dates(seat.start_date, seat.end_date)
    return f"{person.name}'s seat {seat_of} on {group.name} ({ended})"


def restore_person(db: Database, person_id: int) -> list[str]:
    """Bring an archived person back (not into an organisation archived since:
    `restorable_person`), and put back what archiving them ended: the seats `_ended_by_archiving`
    finds (their own, then their deputies' seats for them) get back the end date they had, or
    come back from the archive, each only where a save would let it stand so. The rule is the
    change history's: a seat counts as ended by the archiving when its last change of End date
    (or its archiving) was saved at the same moment, by the same user, as the person's
    archiving, and still stands as it left it; a seat changed since is left as it is. A seat that
    cannot be put back (another seat overlapping it now, a member's seat it no longer fits)
    stays ended and the person is restored all the same. Returns sentences for each seat left
    ended, naming it, why, and what brings it back (none when everything was put back)."""
    with db.unit_of_work() as session:
        person = get_or_raise(session, Person, person_id, "person")
        if person.archived_at is None:
            return []
        restorable_person(session, person)
        ended = _ended_by_archiving(session, person)
        person.archived_at = None
        session.flush()
        left = []
        for seat, end_date, was_archived in ended:
            if why := _put_back(session, seat, end_date, was_archived):
                left.append(f"{_seat_named(session, seat)} stays ended: {why}")
        return left


def planned_meetings_note(db: Database, person_id: int, on: date | None = None) -> str:
    """What archiving a person leaves in the meetings planned from `on` (today): those they are
    to chair or take the minutes of, the first 3 of each named, in words ('' for none). They
    stay named there (a meeting keeps an archived chair, as it keeps the one who chaired it),
    so the officer is told, to choose someone else in each meeting's details."""
    from bscp_desktop.db.models.meetings import Meeting  # another area's records: read when asked, not at start
    from bscp_desktop.domain.meetings import MeetingStatus

    on = on or date.today()
    with db.unit_of_work() as session:
        rows = session.execute(select(Meeting.starts_at, Group.name, Meeting.chair_person_id).join(
            Group, Group.id == Meeting.group_id).where(
            (Meeting.chair_person_id == person_id) | (Meeting.minute_taker_person_id == person_id),
            Meeting.archived_at.is_(None), Meeting.status == MeetingStatus.PLANNED.value,
            Meeting.starts_at >= datetime.combine(on, time())).order_by(Meeting.starts_at, Meeting.id)).all()
    if not rows:
        return ""
    chairs = [f"{name} on {starts:%d/%m/%Y}" for starts, name, chair in rows if chair == person_id]
    takes = [f"{name} on {starts:%d/%m/%Y}" for starts, name, chair in rows if chair != person_id]
    duties = [f"{duty} {_meetings(listed)}" for duty, listed in (("chair", chairs), ("take the minutes of", takes)) if listed]
    stay = "it stays" if len(rows) == 1 else "they stay"
    return (f"They are to {' and '.join(duties)}: {stay} as planned with them named; choose someone else in "
            f"{'the' if len(rows) == 1 else 'each'} meeting's details (Edit details… on the Meetings tab).")


def _meetings(listed: list[str]) -> str:
    """"1 planned meeting (Forum on 14/03/2031)", "4 planned meetings (a, b, c and 1 more)"."""
    named = listed[:3] + ([f"{len(listed) - 3} more"] if len(listed) > 3 else [])
    words = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    return f"{len(listed)} planned meeting{'s' if len(listed) != 1 else ''} ({words})"
